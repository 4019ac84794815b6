// The accept label's facts against the OpenAPI-validated fake: the label's last event and who
// applied it, that person's permission, the labelled run's payload, and the bot's own record.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { labelStatus } from '../../src/core/waiver.js'
import { createGitHubClient, type GitHubClient } from '../../src/github/retry.js'
import { acceptRecordLine, checkLabelClaim, labelFacts, repoPermission } from '../../src/github/waiver.js'
import { start, type FakeGitHub } from '../fakes/github-api.js'

let fake: FakeGitHub
let octokit: GitHubClient
const repo = { owner: 'octo-org', repo: 'scx-demo' }
const HEAD = '1'.repeat(40)
const NEW = '2'.repeat(40)
const MARKER = '<!-- ktstr-perf-gate:perf/gate -->'
const LABEL = 'perf-accepted'
let pr = 40

before(async () => {
  fake = await start()
  octokit = createGitHubClient({ token: 'ghs_x', baseUrl: fake.url, retry: { maxAttempts: 1 } })
  fake.state.permissions.set('alice', 'maintain')
  fake.state.permissions.set('wanda', 'write')
  fake.state.permissions.set('tri', 'triage')
})
after(async () => {
  await fake.close()
})
afterEach(() => fake.assertNoViolations())

const labelled = (sender: string, sha: string, name = LABEL) => ({
  action: 'labeled',
  label: { name },
  sender: { login: sender },
  pull_request: { head: { sha } }
})
const facts = (prNumber: number, headSha: string, payload: unknown = {}, eventName = 'pull_request') =>
  labelFacts({ octokit, ...repo, prNumber, label: LABEL, headSha, eventName, payload, marker: MARKER })
const user = (login: string) => ({ login, type: 'User' as const, id: 500 })

describe('repoPermission', () => {
  it('reads the role: maintain and triage refine the legacy level; an unknown login is none', async () => {
    assert.equal(await repoPermission(octokit, repo.owner, repo.repo, 'alice'), 'maintain')
    assert.equal(await repoPermission(octokit, repo.owner, repo.repo, 'wanda'), 'write')
    assert.equal(await repoPermission(octokit, repo.owner, repo.repo, 'tri'), 'triage')
    assert.equal(await repoPermission(octokit, repo.owner, repo.repo, 'someone'), 'read')
    assert.equal(await repoPermission(octokit, repo.owner, repo.repo, 'ghost'), 'none')
  })
})

describe('labelFacts + labelStatus', () => {
  it('the labelled run accepts its head; a later run of a new head finds it stale', async () => {
    const n = ++pr
    const e = fake.state.addIssueEvent({ issueNumber: n, label: LABEL, actor: user('alice') })
    const f = await facts(n, HEAD, labelled('alice', HEAD))
    assert.deepEqual(f.last, { event: 'labeled', id: e.id, actor: 'alice' })
    assert.equal(f.permission, 'maintain')
    assert.deepEqual(labelStatus(f), { state: 'accepted', by: 'alice', eventId: e.id, how: 'trigger' })
    // The labelled run posts the record; a synchronize run of the same head keeps the acceptance,
    // one of a new head does not.
    fake.state.addComment(
      n,
      `${MARKER}\nresult\n\n${acceptRecordLine({ label: LABEL, sha: HEAD, eventId: e.id, by: 'alice' })}\n`
    )
    assert.equal(labelStatus(await facts(n, HEAD)).state, 'accepted')
    const stale = labelStatus(await facts(n, NEW))
    assert.equal(stale.state, 'stale')
    assert.match((stale as { why: string }).why, /applied to 1111111, not to HEAD 2222222/)
  })

  it('a record in a comment the bot did not write binds nothing', async () => {
    const n = ++pr
    const e = fake.state.addIssueEvent({ issueNumber: n, label: LABEL, actor: user('alice') })
    fake.state.addComment(
      n,
      `${MARKER}\n${acceptRecordLine({ label: LABEL, sha: NEW, eventId: e.id, by: 'alice' })}`,
      user('mallory')
    )
    const f = await facts(n, NEW)
    assert.equal(f.record, null)
    assert.equal(labelStatus(f).state, 'stale')
  })

  it('a labeller with triage (or read) permission is denied', async () => {
    const n = ++pr
    fake.state.addIssueEvent({ issueNumber: n, label: LABEL, actor: user('tri') })
    const s = labelStatus(await facts(n, HEAD, labelled('tri', HEAD)))
    assert.equal(s.state, 'denied')
    assert.match((s as { why: string }).why, /@tri, who has triage permission/)
  })

  it('removed since, or only another label applied: absent', async () => {
    const n = ++pr
    fake.state.addIssueEvent({ issueNumber: n, label: LABEL, actor: user('alice') })
    fake.state.addIssueEvent({ issueNumber: n, label: LABEL, event: 'unlabeled', actor: user('alice') })
    fake.state.addIssueEvent({ issueNumber: n, label: 'other', actor: user('alice') })
    assert.deepEqual(labelStatus(await facts(n, HEAD, labelled('alice', HEAD))), { state: 'absent' })
    assert.equal(labelStatus(await facts(++pr, HEAD)).state, 'absent')
  })

  it("re-applied by someone without write after a writer's: the last labeller decides", async () => {
    const n = ++pr
    fake.state.addIssueEvent({ issueNumber: n, label: LABEL, actor: user('alice') })
    fake.state.addIssueEvent({ issueNumber: n, label: LABEL, event: 'unlabeled', actor: user('prauthor') })
    fake.state.addIssueEvent({ issueNumber: n, label: LABEL, actor: user('prauthor') })
    assert.equal(labelStatus(await facts(n, HEAD, labelled('prauthor', HEAD))).state, 'denied')
  })

  it('checkLabelClaim: holds for the last labeller with write; else says why', async () => {
    const n = ++pr
    const claim = (by: string) => checkLabelClaim({ octokit, ...repo, prNumber: n, label: LABEL, by })
    assert.match(
      (await claim('alice'))!,
      /claims a failure accepted by @alice \(label perf-accepted\), but that label is not on PR/
    )
    fake.state.addIssueEvent({ issueNumber: n, label: LABEL, actor: user('alice') })
    assert.equal(await claim('alice'), null)
    assert.match((await claim('wanda'))!, /but @alice applied it last/)
    fake.state.addIssueEvent({ issueNumber: n, label: LABEL, actor: user('tri') })
    assert.match((await claim('tri'))!, /but @tri has triage permission/)
  })
})
