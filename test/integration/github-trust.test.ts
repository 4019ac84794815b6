// Trusted producers (issue 11), module by module against the OpenAPI-validated fake: which runs'
// artifacts may restore a side, on which
// PR a workflow_run may comment, and when a fork PR's approval label covers its head. (Which run
// directories of an artifact may join the pool: manifest-check.test.ts.)
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { checkForkApproval } from '../../src/github/approval.js'
import { findArtifactsForCommit, untrustedRun } from '../../src/github/artifacts.js'
import { resolvePullRequestForRun } from '../../src/github/pulls.js'
import { createGitHubClient, type GitHubClient } from '../../src/github/retry.js'
import { start, type FakeGitHub } from '../fakes/github-api.js'

let fake: FakeGitHub
let octokit: GitHubClient
const repo = { owner: 'octo-org', repo: 'scx-demo' }
const FULL = 'octo-org/scx-demo'
const FORK = 'forker/scx-demo'

before(async () => {
  fake = await start()
  octokit = createGitHubClient({ token: 'ghs_x', baseUrl: fake.url, retry: { maxAttempts: 1 } })
})
after(async () => {
  await fake.close()
})
afterEach(() => fake.assertNoViolations())

describe('untrustedRun: whose runs may supply samples', () => {
  const trust = { repository: FULL, defaultBranch: 'main' }
  const run = (event: string, branch: string, from: string | null) => ({
    event,
    head_branch: branch,
    head_repository: from === null ? null : { full_name: from }
  })
  it('trusts pushes to the default branch, same-repository PRs and dispatches', () => {
    assert.equal(untrustedRun(run('push', 'main', FULL), trust), null)
    assert.equal(untrustedRun(run('pull_request', 'feature', FULL), trust), null)
    assert.equal(untrustedRun(run('workflow_dispatch', 'feature', FULL), trust), null)
  })
  it('refuses forks, other events and pushes to other branches', () => {
    assert.match(untrustedRun(run('pull_request', 'evil', FORK), trust)!, /run of forker\/scx-demo/)
    assert.match(untrustedRun(run('pull_request', 'evil', null), trust)!, /deleted repository/)
    assert.match(untrustedRun(run('push', 'topic', FULL), trust)!, /push run of topic/)
    assert.match(untrustedRun(run('pull_request_target', 'main', FULL), trust)!, /pull_request_target/)
    assert.match(untrustedRun(run('issue_comment', 'main', FULL), trust)!, /issue_comment/)
  })
  it("trusts a fork's runs only for that PR's own head repository and branch", () => {
    const forPr = { ...trust, forkHead: { repository: FORK, branch: 'evil' } }
    assert.equal(untrustedRun(run('pull_request', 'evil', FORK), forPr), null)
    assert.ok(untrustedRun(run('pull_request', 'other', FORK), forPr))
    assert.ok(untrustedRun(run('pull_request', 'evil', 'mallory/scx-demo'), forPr))
  })
})

describe('findArtifactsForCommit with trust', () => {
  it("skips a fork's run at the same head SHA, and says so", async () => {
    const sha = 'c'.repeat(40)
    const name = 'ktstr-sidecars-6.14.2-ccccccc-kvm'
    const fork = fake.state.addRun({
      headSha: sha,
      event: 'pull_request',
      headBranch: 'evil',
      headRepoFullName: FORK
    })
    const own = fake.state.addRun({ headSha: sha, event: 'push', headBranch: 'main' })
    for (const r of [fork, own]) {
      const a = fake.state.artifacts.create(r.id, name, 'application/zip')
      a.finalized = true
      a.digest = `sha256:${'0'.repeat(64)}`
    }
    const lines: string[] = []
    const all = await findArtifactsForCommit({ octokit, ...repo, headSha: sha, name })
    assert.deepEqual(
      all.map((a) => a.runId).sort(),
      [fork.id, own.id].sort(),
      'without trust: both (the old behaviour)'
    )
    const found = await findArtifactsForCommit({
      octokit,
      ...repo,
      headSha: sha,
      name,
      trust: { repository: FULL, defaultBranch: 'main' },
      log: (l) => lines.push(l)
    })
    assert.deepEqual(
      found.map((a) => a.runId),
      [own.id]
    )
    assert.ok(
      lines.some((l) => l.includes(`run ${fork.id}`) && /forker/.test(l)),
      lines.join('\n')
    )
  })
})

describe('resolvePullRequestForRun: head repository, branch and SHA', () => {
  const sha = 'd'.repeat(40)
  it('refuses an internal PR at the same commit as a fork run, by claim or by lookup', async () => {
    fake.state.addPull({ number: 41, headSha: sha, headRef: 'feature' })
    const claimed = await resolvePullRequestForRun({
      octokit,
      ...repo,
      headSha: sha,
      headRepo: FORK,
      headBranch: 'feature',
      claimedNumber: 41
    })
    assert.deepEqual(claimed, {
      ok: false,
      reason: `PR #41 head repository is ${FULL}, not the run's ${FORK}`
    })
    const lookedUp = await resolvePullRequestForRun({
      octokit,
      ...repo,
      headSha: sha,
      headRepo: FORK,
      headBranch: 'feature'
    })
    assert.equal(lookedUp.ok, false)
    const otherBranch = await resolvePullRequestForRun({
      octokit,
      ...repo,
      headSha: sha,
      headRepo: FULL,
      headBranch: 'other',
      claimedNumber: 41
    })
    assert.deepEqual(otherBranch, { ok: false, reason: "PR #41 head branch is feature, not the run's other" })
    assert.deepEqual(
      await resolvePullRequestForRun({
        octokit,
        ...repo,
        headSha: sha,
        headRepo: FULL,
        headBranch: 'feature',
        claimedNumber: 41
      }),
      { ok: true, number: 41, headSha: sha, source: 'claimed' }
    )
  })
})

describe('checkForkApproval: a label covers the head it was applied to', () => {
  const sha = 'e'.repeat(40)
  const t = (s: number) => new Date(Date.UTC(2026, 10, 1, 10, 0, s))
  it('is refused when the label predates the push, granted when applied after it, refused once removed', async () => {
    fake.state.addPull({ number: 51, headSha: sha, headRef: 'evil', headRepoFullName: FORK })
    fake.state.addIssueEvent({ issueNumber: 51, label: 'perf-ok', createdAt: t(0) })
    fake.state.addRun({ headSha: sha, headBranch: 'evil', headRepoFullName: FORK, createdAt: t(10) })
    // This repository's own run at that SHA (not the fork's push) does not date the fork's push.
    fake.state.addRun({ headSha: sha, headBranch: 'evil', createdAt: t(30) })
    const check = () =>
      checkForkApproval({ octokit, ...repo, prNumber: 51, headSha: sha, headRepo: FORK, label: 'perf-ok' })
    const stale = await check()
    assert.equal(stale.ok, false)
    assert.match(
      stale.why,
      /applied at 2026-11-01T10:00:00\.000Z, before eeeeeee was pushed \(2026-11-01T10:00:10\.000Z\)/
    )
    fake.state.addIssueEvent({ issueNumber: 51, label: 'other', createdAt: t(20) })
    assert.equal((await check()).ok, false, 'another label approves nothing')
    fake.state.addIssueEvent({ issueNumber: 51, label: 'perf-ok', event: 'unlabeled', createdAt: t(21) })
    fake.state.addIssueEvent({ issueNumber: 51, label: 'perf-ok', createdAt: t(22) })
    assert.equal((await check()).ok, true)
    fake.state.addIssueEvent({ issueNumber: 51, label: 'perf-ok', event: 'unlabeled', createdAt: t(23) })
    assert.deepEqual(await check(), { ok: false, why: 'label perf-ok is not on PR #51' })
  })
  it('is refused when no run shows when the head was pushed', async () => {
    fake.state.addPull({ number: 52, headSha: 'f'.repeat(40), headRef: 'x', headRepoFullName: FORK })
    fake.state.addIssueEvent({ issueNumber: 52, label: 'perf-ok' })
    const r = await checkForkApproval({
      octokit,
      ...repo,
      prNumber: 52,
      headSha: 'f'.repeat(40),
      headRepo: FORK,
      label: 'perf-ok'
    })
    assert.match(r.ok ? '' : r.why, /no pull_request run of fffffff from forker\/scx-demo/)
  })
})
