// Sticky comment upsert through the real Octokit from @actions/github (plus our retry hook)
// against the fake GitHub REST API, whose traffic is checked against GitHub's OpenAPI description.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { upsertComment, type UpsertCommentOptions } from '../../src/github/comment.js'
import { createGitHubClient, GitHubApiError, type GitHubClient } from '../../src/github/retry.js'
import { start, type FakeGitHub } from '../fakes/github-api.js'

const MARKER = '<!-- ktstr-perf-gate:perf/gate/x86 -->'
// One clock for the fake (x-ratelimit-reset) and the retry policy, so waits are exact.
const NOW = Date.parse('2026-06-01T12:00:00Z')
let fake: FakeGitHub
let sleeps: number[]
let octokit: GitHubClient
let issue = 1

function client(token = 'ghs_actions', maxAttempts = 5): GitHubClient {
  return createGitHubClient({
    token,
    baseUrl: fake.url,
    retry: { maxAttempts, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, now: () => NOW }
  })
}

function opts(over: Partial<UpsertCommentOptions> = {}): UpsertCommentOptions {
  return {
    octokit,
    owner: 'octo-org',
    repo: 'scx-demo',
    issueNumber: issue,
    marker: MARKER,
    body: 'body',
    mode: 'always',
    ...over
  }
}

const ours = (n: number): number =>
  fake.state.comments.filter((c) => c.issueNumber === n && c.body.includes(MARKER)).length
const requestsFor = (opId: string): number => fake.requests.filter((r) => r.operationId === opId).length

before(async () => {
  fake = await start({ now: () => new Date(NOW) })
  sleeps = []
  octokit = client()
})
after(async () => {
  await fake.close()
})
afterEach(() => {
  // Each test gets its own PR number and a clean request log.
  issue++
  fake.requests.length = 0
  fake.state.faults.length = 0
  fake.assertNoViolations()
})

describe('upsertComment', () => {
  it('creates, then updates in place, never duplicating', async () => {
    const a = await upsertComment(opts({ body: '1 regression' }))
    assert.equal(a.action, 'created')
    const b = await upsertComment(opts({ body: '2 regressions' }))
    assert.equal(b.action, 'updated')
    assert.ok(a.action === 'created' && b.action === 'updated' && a.commentId === b.commentId)
    assert.equal(ours(issue), 1)
    const c = fake.state.comments.find((x) => x.issueNumber === issue)!
    assert.match(c.body, /^2 regressions\n\n<!-- ktstr-perf-gate:perf\/gate\/x86 -->\n$/)
    assert.match(a.action === 'created' ? a.url : '', /#issuecomment-\d+$/)
  })

  it('on-change: no write for the same body, no new comment with nothing to say', async () => {
    assert.deepEqual(await upsertComment(opts({ mode: 'on-change', hasNews: false })), {
      action: 'skipped',
      reason: 'nothing-to-say'
    })
    assert.equal(requestsFor('issues/create-comment'), 0)
    const created = await upsertComment(opts({ mode: 'on-change', hasNews: true, body: 'x' }))
    assert.equal(created.action, 'created')
    const same = await upsertComment(opts({ mode: 'on-change', hasNews: true, body: 'x\r\n' }))
    assert.equal(same.action, 'unchanged')
    assert.equal(requestsFor('issues/update-comment'), 0)
    // News gone: the existing comment is still brought up to date.
    const cleared = await upsertComment(opts({ mode: 'on-change', hasNews: false, body: 'all clear' }))
    assert.equal(cleared.action, 'updated')
    assert.equal(ours(issue), 1)
  })

  it('always: rewrites even an identical body; never: makes no call', async () => {
    await upsertComment(opts({ body: 'same' }))
    const again = await upsertComment(opts({ body: 'same' }))
    assert.equal(again.action, 'updated')
    fake.requests.length = 0
    assert.deepEqual(await upsertComment(opts({ mode: 'never' })), {
      action: 'skipped',
      reason: 'mode-never'
    })
    assert.equal(fake.requests.length, 0)
  })

  it("only touches the token identity's own comments", async () => {
    const human = fake.state.addComment(issue, `quoting ${MARKER}`, { login: 'octocat', type: 'User', id: 1 })
    const otherBot = fake.state.addComment(issue, `${MARKER} from elsewhere`, {
      login: 'dependabot[bot]',
      type: 'Bot',
      id: 2
    })
    // A user account that happens to be called like the bot, but is not a Bot.
    const lookalike = fake.state.addComment(issue, MARKER, {
      login: 'github-actions[bot]',
      type: 'User',
      id: 3
    })
    const r = await upsertComment(opts({ body: 'ours' }))
    assert.equal(r.action, 'created')
    for (const c of [human, otherBot, lookalike]) {
      assert.equal(fake.state.comments.find((x) => x.id === c.id)?.body, c.body)
    }
  })

  it('works for a personal token identity (type User) given its login', async () => {
    fake.state.identities.set('ghp_person', { login: 'perf-bot-user', type: 'User', id: 77 })
    const person = client('ghp_person')
    const a = await upsertComment(opts({ octokit: person, authorLogin: 'perf-bot-user', body: 'one' }))
    const b = await upsertComment(opts({ octokit: person, authorLogin: 'perf-bot-user', body: 'two' }))
    assert.ok(a.action === 'created' && b.action === 'updated' && a.commentId === b.commentId)
    // The Actions bot's own sticky comment is a different comment.
    assert.equal((await upsertComment(opts({ body: 'bot' }))).action, 'created')
    assert.equal(ours(issue), 2)
  })

  it('pages through more than 100 comments to find ours', async () => {
    for (let i = 0; i < 180; i++)
      fake.state.addComment(issue, `chatter ${i}`, { login: 'octocat', type: 'User', id: 1 })
    const mine = fake.state.addComment(issue, `old\n${MARKER}`)
    for (let i = 0; i < 70; i++)
      fake.state.addComment(issue, `more ${i}`, { login: 'octocat', type: 'User', id: 1 })
    const r = await upsertComment(opts({ body: 'new' }))
    assert.ok(r.action === 'updated' && r.commentId === mine.id)
    const pages = fake.requests.filter((x) => x.operationId === 'issues/list-comments').map((x) => x.query)
    assert.equal(pages.length, 3)
    assert.ok(pages.some((q) => /page=3/.test(q)))
    assert.equal(ours(issue), 1)
  })

  it('deletes duplicates a race left behind, keeping the oldest', async () => {
    const first = fake.state.addComment(issue, `a ${MARKER}`)
    const second = fake.state.addComment(issue, `b ${MARKER}`)
    const r = await upsertComment(opts({ body: 'c' }))
    assert.ok(r.action === 'updated' && r.commentId === first.id)
    assert.deepEqual(r.action === 'updated' ? r.deletedDuplicates : [], [second.id])
    assert.equal(ours(issue), 1)
  })

  it('converges when another job created the comment while we were creating ours', async () => {
    // Reserve an id below ours for the racing job's comment.
    const gap = fake.state.addComment(999_999, 'placeholder')
    fake.state.comments.splice(fake.state.comments.indexOf(gap), 1)
    fake.inject({
      operationId: 'issues/create-comment',
      times: 1,
      fault: {
        kind: 'tamper',
        mutate: (body) => {
          fake.state.comments.push({ ...gap, issueNumber: issue, body: `racer ${MARKER}` })
          return body
        }
      }
    })
    const r = await upsertComment(opts({ body: 'mine' }))
    assert.ok(r.action === 'updated' && r.commentId === gap.id)
    assert.equal(ours(issue), 1)
    assert.match(fake.state.comments.find((c) => c.id === gap.id)!.body, /^mine/)
  })

  it('turns a read-only fork token 403 into a notice, not an error', async () => {
    fake.state.readOnlyTokens.add('ghs_fork')
    const r = await upsertComment(opts({ octokit: client('ghs_fork'), body: 'x' }))
    assert.equal(r.action, 'forbidden')
    assert.match(r.action === 'forbidden' ? r.notice : '', /read-only.*fork.*workflow_run/)
    assert.equal(ours(issue), 0)
    // The same answer injected on an update of an existing comment.
    fake.state.addComment(issue, MARKER)
    fake.inject({ operationId: 'issues/update-comment', times: 1, fault: { kind: 'integration-forbidden' } })
    assert.equal((await upsertComment(opts({ body: 'y' }))).action, 'forbidden')
  })

  it('retries 5xx and network errors with backoff, then succeeds', async () => {
    sleeps.length = 0
    fake.inject({ operationId: 'issues/list-comments', times: 2, fault: { kind: 'status', status: 502 } })
    fake.inject({ operationId: 'issues/create-comment', times: 1, fault: { kind: 'network' } })
    const r = await upsertComment(opts({ body: 'after outage' }))
    assert.equal(r.action, 'created')
    assert.equal(sleeps.length, 3)
    assert.deepEqual(sleeps.slice(0, 2), [500, 1000]) // full jitter with random 0.5: base·2ⁿ⁻¹/2
    assert.equal(ours(issue), 1)
  })

  it('waits for the rate limit reset or retry-after, then succeeds', async () => {
    sleeps.length = 0
    fake.inject({
      operationId: 'issues/list-comments',
      times: 1,
      fault: { kind: 'rate-limit', resetInSeconds: 30 }
    })
    fake.inject({
      operationId: 'issues/create-comment',
      times: 1,
      fault: { kind: 'secondary-rate-limit', retryAfter: 5 }
    })
    const r = await upsertComment(opts({ body: 'rate limited' }))
    assert.equal(r.action, 'created')
    assert.equal(sleeps.length, 2)
    assert.equal(sleeps[0], 31_000) // until x-ratelimit-reset, plus one second
    assert.equal(sleeps[1], 5000)
  })

  it('gives up on persistent 5xx with one clear line', async () => {
    sleeps.length = 0
    fake.inject({ operationId: 'issues/list-comments', times: 100, fault: { kind: 'status', status: 503 } })
    await assert.rejects(upsertComment(opts()), (err: Error) => {
      assert.ok(err instanceof GitHubApiError)
      assert.equal(err.status, 503)
      assert.equal(err.attempts, 5)
      assert.doesNotMatch(err.message, /\n/)
      assert.match(
        err.message,
        /^GitHub API GET \/repos\/octo-org\/scx-demo\/issues\/\d+\/comments failed with HTTP 503 after 5 attempts .* — .*re-run/
      )
      return true
    })
    assert.equal(requestsFor('issues/list-comments'), 5)
    assert.equal(sleeps.length, 4)
  })

  it('fails at once when the rate limit resets beyond the wait budget', async () => {
    sleeps.length = 0
    fake.inject({
      operationId: 'issues/list-comments',
      times: 1,
      fault: { kind: 'rate-limit', resetInSeconds: 3600 }
    })
    await assert.rejects(
      upsertComment(opts()),
      /HTTP 403 .*over the retry budget\) — re-run after the rate limit resets/
    )
    assert.equal(sleeps.length, 0)
  })

  it('refuses a body over 65,536 characters, a bad mode or marker before calling GitHub', async () => {
    await assert.rejects(upsertComment(opts({ body: 'x'.repeat(70_000) })), /over GitHub's 65536/)
    await assert.rejects(
      upsertComment(opts({ mode: 'sometimes' as never })),
      /not always, on-change or never/
    )
    await assert.rejects(upsertComment(opts({ marker: 'ktstr' })), /not a one-line HTML comment/)
    assert.equal(fake.requests.length, 0)
  })
})
