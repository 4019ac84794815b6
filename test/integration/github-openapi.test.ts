// Proof that the fake's OpenAPI validation can fail: malformed requests and responses are
// caught (and fail the caller), so a green run of the other tests means something.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { resolvePullRequestForRun } from '../../src/github/pulls.js'
import { createGitHubClient, GitHubApiError, type GitHubClient } from '../../src/github/retry.js'
import { start, type FakeGitHub } from '../fakes/github-api.js'

let fake: FakeGitHub
let octokit: GitHubClient
const repo = { owner: 'octo-org', repo: 'scx-demo' }

before(async () => {
  fake = await start()
  octokit = createGitHubClient({
    token: 'ghs_x',
    baseUrl: fake.url,
    retry: { maxAttempts: 2, sleep: async () => {} }
  })
})
after(async () => {
  await fake.close()
})
afterEach(() => {
  fake.state.faults.length = 0
})

function takeViolations(): string[] {
  return fake.state.violations.splice(0)
}

describe('OpenAPI validation in the fake', () => {
  it('rejects a request body of the wrong type (422) and records why', async () => {
    await assert.rejects(
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repo,
        issue_number: 1,
        body: 42 as unknown as string
      }),
      (err: Error) =>
        err instanceof GitHubApiError && err.status === 422 && /body\/body must be string/.test(err.message)
    )
    const v = takeViolations()
    assert.equal(v.length, 1)
    assert.match(v[0]!, /issues\/create-comment.*body\/body must be string/)
    assert.equal(fake.state.comments.length, 0)
  })

  it('rejects a missing required body, an undocumented query parameter and a bad enum value', async () => {
    // The typings would catch these too; the casts make sure the fake does, for any caller.
    await assert.rejects(
      octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...repo,
        comment_id: 1
      } as never),
      /HTTP 422/
    )
    await assert.rejects(
      octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repo,
        issue_number: 1,
        sort: 'x'
      }),
      /HTTP 422/
    )
    await assert.rejects(
      octokit.request('GET /repos/{owner}/{repo}/actions/runs', { ...repo, status: 'exploded' } as never),
      /HTTP 422/
    )
    const v = takeViolations()
    assert.equal(v.length, 3, v.join('\n'))
    assert.match(v[0]!, /request body is required/)
    assert.match(v[1]!, /query parameter sort is not defined/)
    assert.match(v[2]!, /query status must be equal to one of the allowed values/)
  })

  it('catches a response that breaks the schema and fails the caller', async () => {
    fake.state.addComment(1, 'hello')
    fake.inject({
      operationId: 'issues/list-comments',
      times: 5,
      fault: {
        kind: 'tamper',
        mutate: (body) => {
          const list = body as Array<Record<string, unknown>>
          list[0]!.id = 'not-a-number'
          delete list[0]!.user
          return list
        }
      }
    })
    await assert.rejects(
      octokit.rest.issues.listComments({ ...repo, issue_number: 1 }),
      (err: Error) => err instanceof GitHubApiError && /response failed OpenAPI validation/.test(err.message)
    )
    const v = takeViolations()
    assert.ok(
      v.some((x) => /body\/0\/id must be integer/.test(x)),
      v.join('\n')
    )
    assert.ok(
      v.some((x) => /must have required property 'user'/.test(x)),
      v.join('\n')
    )
  })

  it('flags a path that is not in GitHub’s description at all', async () => {
    await assert.rejects(octokit.request('GET /repos/{owner}/{repo}/perf-verdicts', repo), /HTTP 404/)
    assert.match(takeViolations()[0] ?? '', /no operation in GitHub's OpenAPI description/)
  })

  it('accepts well-formed traffic (no violations)', async () => {
    const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: 'fine' })
    assert.equal(data.body, 'fine')
    assert.deepEqual(takeViolations(), [])
  })
})

describe('resolvePullRequestForRun', () => {
  const head = 'c'.repeat(40)

  it('accepts a claimed PR number only when the PR head is the run head', async () => {
    fake.state.addPull({ number: 31, headSha: head, headRepoFullName: 'someone/scx-demo' })
    fake.state.addPull({ number: 32, headSha: 'd'.repeat(40) })
    assert.deepEqual(await resolvePullRequestForRun({ octokit, ...repo, headSha: head, claimedNumber: 31 }), {
      ok: true,
      number: 31,
      headSha: head,
      source: 'claimed'
    })
    const forged = await resolvePullRequestForRun({ octokit, ...repo, headSha: head, claimedNumber: 32 })
    assert.ok(!forged.ok && /forged/.test(forged.reason))
    const missing = await resolvePullRequestForRun({ octokit, ...repo, headSha: head, claimedNumber: 404 })
    assert.ok(!missing.ok && /does not exist/.test(missing.reason))
    assert.deepEqual(takeViolations(), [])
  })

  it('finds the PR by head SHA when none is claimed', async () => {
    const r = await resolvePullRequestForRun({ octokit, ...repo, headSha: head })
    assert.deepEqual(r, { ok: true, number: 31, headSha: head, source: 'commit-lookup' })
    const none = await resolvePullRequestForRun({ octokit, ...repo, headSha: 'e'.repeat(40) })
    assert.ok(!none.ok && /no open PR/.test(none.reason))
    assert.deepEqual(takeViolations(), [])
  })
})

describe('fake workflow runs', () => {
  it('filters by head_sha, status (or conclusion), event and branch, newest first', async () => {
    const sha = '7'.repeat(40)
    const a = fake.state.addRun({
      headSha: sha,
      event: 'push',
      headBranch: 'main',
      createdAt: new Date('2026-01-01T00:00:00Z')
    })
    const b = fake.state.addRun({
      headSha: sha,
      event: 'push',
      headBranch: 'main',
      createdAt: new Date('2026-01-02T00:00:00Z')
    })
    fake.state.addRun({ headSha: sha, event: 'pull_request', headBranch: 'topic', conclusion: 'failure' })
    fake.state.addRun({
      headSha: sha,
      event: 'push',
      headBranch: 'main',
      status: 'in_progress',
      conclusion: null
    })
    const ids = async (q: Record<string, string>): Promise<number[]> =>
      (
        await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, head_sha: sha, ...q })
      ).data.workflow_runs.map((r) => r.id)
    assert.deepEqual(await ids({ status: 'success', event: 'push', branch: 'main' }), [b.id, a.id])
    assert.equal((await ids({ status: 'failure' })).length, 1)
    assert.equal((await ids({ status: 'in_progress' })).length, 1)
    assert.equal((await ids({})).length, 4)
    assert.deepEqual(takeViolations(), [])
  })
})
