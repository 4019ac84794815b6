// End to end: the built Action (dist/index.js) in a child process, as the GitHub runner starts
// it, against a real checkout of a fixture scheduler repo, the real ktstr-agent driving the
// stand-in ktstr, and the OpenAPI-validated GitHub fakes. One world, cases in order: later cases
// restore what earlier ones uploaded, as consecutive workflow runs of one repository would.
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, afterEach, before, describe, test } from 'node:test'
import { PLANTED } from '../helpers/fixture-repo.js'
import {
  FULL_NAME,
  KERNEL,
  pullRequestPayload,
  REPO_ROOT,
  setup,
  type ActionRun,
  type E2E
} from './harness.js'

const MARKER = '<!-- ktstr-perf-gate:perf/gate -->'
let e: E2E
let sha: E2E['fixture']['commits']
let short: (s: string) => string

before(async () => {
  e = await setup()
  sha = e.fixture.commits
  short = e.fixture.short
})
after(async () => {
  await e?.close()
})
afterEach(() => {
  e.world.assertNoViolations()
})

/** Adds the fake workflow run the step belongs to (in progress until `finishRun`). */
function newRun(headSha: string, event = 'pull_request', headBranch = 'regress'): number {
  return e.world.api.state.addRun({ headSha, headBranch, event, status: 'in_progress', conclusion: null }).id
}

function prRun(o: {
  runId: number
  number: number
  head: string
  headRef: string
  inputs?: Record<string, string>
  headRepo?: string
  fetch?: string
  env?: Record<string, string>
}): Promise<ActionRun> {
  return e.run({
    runId: o.runId,
    event: 'pull_request',
    payload: pullRequestPayload({
      number: o.number,
      headSha: o.head,
      headRef: o.headRef,
      baseSha: sha.baseline,
      ...(o.headRepo ? { headRepo: o.headRepo } : {})
    }),
    inputs: { kernel: KERNEL, 'noise-adjust': '3', ...o.inputs },
    workspace: e.checkout(o.head, o.fetch ? { fetch: o.fetch } : {}),
    // actions/checkout with `ref: head.sha` (see examples/workflows/pr-gate.yml); GITHUB_SHA stays the merge ref's.
    sha: o.head,
    ref: `refs/pull/${o.number}/merge`,
    baseRef: 'main',
    ...(o.env ? { env: o.env } : {})
  })
}

const artifactNames = (runId: number): string[] =>
  e.world.api.state.artifacts.artifacts
    .filter((a) => a.runId === runId && a.finalized)
    .map((a) => a.name)
    .sort()
const sidecars = (commit: string): string => `ktstr-sidecars-${KERNEL}-${short(commit)}-ktstr-kvm`
const commentsOn = (pr: number) => e.world.api.state.comments.filter((c) => c.issueNumber === pr)
const commentCalls = (from: number) =>
  e.world.api.requests.slice(from).filter((r) => /^issues\//.test(r.operationId ?? ''))
const why = (r: ActionRun): string =>
  `exit ${r.code}\n--- stdout\n${r.stdout.slice(-6000)}\n--- stderr\n${r.stderr.slice(-3000)}`

describe('the built Action, run as GitHub runs it', () => {
  let firstRun = 0
  let firstComment = 0

  test('first run: produces both sides via the agent, finds the planted regression, fails the gate (fail-threshold 1), publishes everything', async () => {
    firstRun = newRun(sha.regressing)
    e.world.api.state.addPull({
      number: 7,
      headSha: sha.regressing,
      headRef: 'regress',
      baseSha: sha.baseline
    })
    const r = await prRun({
      runId: firstRun,
      number: 7,
      head: sha.regressing,
      headRef: 'regress',
      inputs: { 'fail-threshold': '1' }
    })
    e.finishRun(firstRun, 'failure')
    assert.equal(r.code, 1, why(r))
    // Produced through the agent: doctor, then one produce for both sides.
    assert.equal(r.agentCalls.length, 2, r.agentCalls.join('\n'))
    assert.match(r.agentCalls[0]!, /^doctor --json/)
    assert.match(
      r.agentCalls[1]!,
      new RegExp(`^produce .*--runs 3 .*--base ${sha.baseline} --head ${sha.regressing}`)
    )
    // Outputs (heredoc format in GITHUB_OUTPUT).
    assert.equal(r.outputs.verdict, 'fail')
    assert.equal(r.outputs.baseline, short(sha.baseline))
    assert.equal(r.outputs.head, short(sha.regressing))
    assert.ok(Number(r.outputs.regressions) >= 1, `regressions=${r.outputs.regressions}`)
    assert.ok(Number(r.outputs.compared) > 0)
    // The planted regressions are found, in the JSON report the `report` output names.
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as {
      verdict: string
      rows: { test: string; metric: string; verdict: string }[]
    }
    for (const p of PLANTED.regressing)
      assert.ok(
        report.rows.some(
          (row) => row.test === p.test && row.metric === p.metric && row.verdict === 'regression'
        ),
        `${p.test} ${p.metric} not a regression`
      )
    // An error annotation per regression that blocks the merge, and the failure line.
    const regs = report.rows.filter((row) => row.verdict === 'regression')
    assert.ok(r.errors.filter((m) => m.includes('vs baseline')).length === regs.length, r.errors.join('\n'))
    assert.ok(
      r.errors.some((m) => /^ktstr-perf-gate: .*regression/.test(m)),
      r.errors.join('\n')
    )
    // Summary, comment (with the marker, on PR 7), artifacts for both sides + the report.
    assert.match(r.summary, /worst_spread/)
    assert.ok(r.summary.length > 500)
    const comments = commentsOn(7)
    assert.equal(comments.length, 1)
    assert.ok(comments[0]!.body.includes(MARKER))
    assert.match(comments[0]!.body, /worst_spread/)
    firstComment = comments[0]!.id
    assert.equal(
      r.outputs['comment-url'],
      `https://github.com/${FULL_NAME}/pull/7#issuecomment-${firstComment}`
    )
    assert.deepEqual(
      artifactNames(firstRun),
      [sidecars(sha.regressing), sidecars(sha.baseline), 'ktstr-perf-gate-report-perf_gate'].sort()
    )
    // For the report (closing note) and for people reading the test output.
    const out = join(REPO_ROOT, 'test-output', 'e2e')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'first-run-comment.md'), comments[0]!.body)
    writeFileSync(join(out, 'first-run-summary.md'), r.summary)
    writeFileSync(join(out, 'first-run-log.txt'), r.stdout)
  })

  test('rerun (new run id, fresh pool): restores both sides from run 1, never starts the agent, updates the comment in place', async () => {
    const runId = newRun(sha.regressing)
    const before = e.world.api.requests.length
    const r = await prRun({ runId, number: 7, head: sha.regressing, headRef: 'regress' })
    e.finishRun(runId, 'failure')
    assert.equal(r.code, 1, why(r))
    assert.deepEqual(r.agentCalls, [], 'the agent must not be started')
    assert.match(
      r.stdout,
      new RegExp(
        `restored 3 run\\(s\\) of the baseline ${short(sha.baseline)} from artifact ${sidecars(sha.baseline)} of run ${firstRun}`
      )
    )
    assert.match(
      r.stdout,
      new RegExp(
        `restored 3 run\\(s\\) of the HEAD ${short(sha.regressing)} from artifact ${sidecars(sha.regressing)} of run ${firstRun}`
      )
    )
    assert.equal(r.outputs.verdict, 'fail')
    const comments = commentsOn(7)
    assert.equal(comments.length, 1, 'not duplicated')
    assert.equal(comments[0]!.id, firstComment)
    const calls = commentCalls(before).map((c) => c.operationId)
    assert.ok(!calls.includes('issues/create-comment'), calls.join(', '))
    assert.ok(
      calls.includes('issues/update-comment') || r.stdout.includes('comment unchanged'),
      calls.join(', ')
    )
  })

  test('workflow_dispatch top-up: restored samples + 2 new runs per side; the PR for that head (found by SHA) gets its comment updated', async () => {
    const runId = newRun(sha.regressing, 'workflow_dispatch')
    const r = await e.run({
      runId,
      event: 'workflow_dispatch',
      payload: {
        inputs: { 'extra-runs': '2' },
        ref: 'refs/heads/regress',
        repository: { full_name: FULL_NAME },
        sender: { login: 'octocat', id: 1, type: 'User' },
        workflow: '.github/workflows/perf.yml'
      },
      inputs: { kernel: KERNEL, 'noise-adjust': '3', 'extra-runs': '2' },
      workspace: e.checkout(sha.regressing),
      sha: sha.regressing,
      ref: 'refs/heads/regress'
    })
    e.finishRun(runId, 'failure')
    assert.equal(r.code, 1, why(r))
    assert.equal(r.agentCalls.filter((c) => c.startsWith('produce')).length, 1, r.agentCalls.join('\n'))
    assert.match(
      r.agentCalls.find((c) => c.startsWith('produce'))!,
      / --runs 5 /
    )
    assert.match(
      r.stdout,
      new RegExp(`baseline ${short(sha.baseline)}: 5 run\\(s\\) \\(pool 0, artifact 3, produced 2\\)`)
    )
    assert.match(
      r.stdout,
      new RegExp(`HEAD ${short(sha.regressing)}: 5 run\\(s\\) \\(pool 0, artifact 3, produced 2\\)`)
    )
    // Five distinct runs per side: the two new ones are new samples, not copies of the restored three.
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as {
      baseline: { runs: number }
      head: { runs: number }
    }
    assert.equal(report.baseline.runs, 5)
    assert.equal(report.head.runs, 5)
    assert.doesNotMatch(r.stdout, /duplicate/)
    const comments = commentsOn(7)
    assert.equal(comments.length, 1)
    assert.equal(comments[0]!.id, firstComment)
    assert.match(comments[0]!.body, /5 runs per side/)
  })

  let forkRun = 0
  test('fork PR: no comment API call, report artifact uploaded', async () => {
    forkRun = newRun(sha.untrusted, 'pull_request', 'fork-pr')
    e.world.api.state.addPull({
      number: 9,
      headSha: sha.untrusted,
      headRef: 'fork-pr',
      headRepoFullName: 'forker/scx-demo',
      baseSha: sha.baseline
    })
    // The fork's token is read-only (any write would be a 403).
    e.world.api.state.readOnlyTokens.add('ghs_e2eForkToken')
    const before = e.world.api.requests.length
    const r = await prRun({
      runId: forkRun,
      number: 9,
      head: sha.untrusted,
      headRef: 'fork-pr',
      headRepo: 'forker/scx-demo',
      fetch: 'refs/pull/1/head',
      // A maintainer allowed this fork's code on the KVM host (otherwise HEAD cannot be produced).
      inputs: { 'allow-fork-produce': 'true', 'github-token': 'ghs_e2eForkToken' }
    })
    e.finishRun(forkRun, 'success')
    assert.equal(r.code, 0, why(r))
    assert.equal(r.outputs.verdict, 'pass')
    assert.deepEqual(commentCalls(before), [], 'no comment API call from a fork PR')
    assert.equal(commentsOn(9).length, 0)
    assert.ok(
      r.notices.some((n) => /fork pull request/.test(n)),
      r.notices.join('\n')
    )
    assert.ok(
      artifactNames(forkRun).includes('ktstr-perf-gate-report-perf_gate'),
      artifactNames(forkRun).join(', ')
    )
    assert.match(r.summary, /ktstr-perf-gate|verdict|pass/i)
  })

  test('fork PR, then mode: comment in a workflow_run workflow posts the report on the PR (cross-checked by head SHA)', async () => {
    const runId = newRun(sha.baseline, 'workflow_run', 'main')
    const before = e.world.api.requests.length
    const r = await e.run({
      runId,
      event: 'workflow_run',
      payload: {
        action: 'completed',
        workflow_run: {
          id: forkRun,
          name: 'perf',
          head_sha: sha.untrusted,
          head_branch: 'fork-pr',
          event: 'pull_request',
          status: 'completed',
          conclusion: 'success',
          path: '.github/workflows/perf.yml',
          head_repository: { full_name: 'forker/scx-demo' },
          repository: { full_name: FULL_NAME },
          pull_requests: []
        },
        repository: { full_name: FULL_NAME },
        sender: { login: 'octocat', id: 1, type: 'User' }
      },
      inputs: { mode: 'comment' },
      workspace: e.checkout(sha.baseline),
      sha: sha.baseline,
      ref: 'refs/heads/main',
      workflow: 'perf-comment',
      job: 'comment'
    })
    e.finishRun(runId)
    assert.equal(r.code, 0, why(r))
    const comments = commentsOn(9)
    assert.equal(comments.length, 1, why(r))
    assert.ok(comments[0]!.body.includes('<!-- ktstr-perf-gate:perf_gate -->'))
    // The headline names the gate run's host class (from the report artifact), the links its run.
    assert.match(comments[0]!.body, /ktstr-kvm/)
    assert.ok(comments[0]!.body.includes(`/actions/runs/${forkRun}`), comments[0]!.body)
    assert.equal(r.outputs.verdict, 'pass')
    // The claimed PR number was checked against the run's head SHA before posting.
    const ops = e.world.api.requests.slice(before).map((q) => q.operationId)
    assert.ok(
      ops.includes('pulls/get') || ops.includes('repos/list-pull-requests-associated-with-commit'),
      ops.join(', ')
    )
    assert.deepEqual(r.agentCalls, [])
  })

  test('mode: comment for a run of a branch of this repository does nothing (that run commented itself)', async () => {
    const runId = newRun(sha.baseline, 'workflow_run', 'main')
    const before = e.world.api.requests.length
    const comments = e.world.api.state.comments.length
    const r = await e.run({
      runId,
      event: 'workflow_run',
      payload: {
        action: 'completed',
        workflow_run: {
          id: firstRun,
          name: 'perf',
          head_sha: sha.regressing,
          head_branch: 'regress',
          event: 'pull_request',
          status: 'completed',
          conclusion: 'failure',
          head_repository: { full_name: FULL_NAME },
          repository: { full_name: FULL_NAME },
          pull_requests: [{ number: 7, head: { sha: sha.regressing } }]
        },
        repository: { full_name: FULL_NAME }
      },
      inputs: { mode: 'comment' },
      workspace: e.checkout(sha.baseline),
      sha: sha.baseline,
      ref: 'refs/heads/main',
      workflow: 'perf-comment',
      job: 'comment'
    })
    e.finishRun(runId)
    assert.equal(r.code, 0, why(r))
    assert.match(r.stdout, /is not from a fork/)
    assert.equal(e.world.api.requests.length, before, 'no API call')
    assert.equal(e.world.api.state.comments.length, comments)
  })

  test('the default actions/checkout (the merge commit) is a clear one-line error naming the fix; nothing runs', async () => {
    const runId = newRun(sha.regressing)
    const r = await e.run({
      runId,
      event: 'pull_request',
      payload: pullRequestPayload({
        number: 7,
        headSha: sha.regressing,
        headRef: 'regress',
        baseSha: sha.baseline
      }),
      inputs: { kernel: KERNEL, 'noise-adjust': '3' },
      workspace: e.checkout(sha.regressing, { mergeInto: sha.baseline }),
      sha: sha.regressing,
      ref: 'refs/pull/7/merge',
      baseRef: 'main'
    })
    e.finishRun(runId, 'failure')
    assert.equal(r.code, 1, why(r))
    assert.deepEqual(r.agentCalls, [])
    assert.equal(r.errors.length, 1, r.errors.join('\n'))
    assert.match(
      r.errors[0]!,
      /not the pull request's head .*ref: \$\{\{ github\.event\.pull_request\.head\.sha \}\}/
    )
  })

  test('no sidecars on either side with produce: never: a notice per missing side, verdict no-data, the step fails naming why', async () => {
    // The improving commit: nothing was ever recorded for it or (as far as this run can see) its baseline.
    const runId = newRun(sha.improving, 'pull_request', 'improve')
    e.world.api.state.addPull({
      number: 11,
      headSha: sha.improving,
      headRef: 'improve',
      baseSha: sha.baseline
    })
    const r = await prRun({
      runId,
      number: 11,
      head: sha.improving,
      headRef: 'improve',
      inputs: { produce: 'never', 'host-class': 'gh-hosted' }
    })
    e.finishRun(runId, 'failure')
    assert.equal(r.code, 1, why(r))
    assert.equal(r.outputs.verdict, 'no-data')
    assert.deepEqual(r.agentCalls, [])
    assert.ok(
      r.notices.some((n) => n.includes(`baseline ${short(sha.baseline)}`) && /produce: never/.test(n)),
      r.notices.join('\n')
    )
    assert.ok(
      r.errors.some((m) => m.includes(`HEAD ${short(sha.improving)}`) && /produce: never/.test(m)),
      r.errors.join('\n')
    )
    assert.ok(r.summary.length > 0)
  })

  test('produce: auto on a host without KVM, on-no-data: pass: doctor says why, a notice, no produce, exit 0 with verdict no-data', async () => {
    const runId = newRun(sha.improving, 'pull_request', 'improve')
    const r = await prRun({
      runId,
      number: 11,
      head: sha.improving,
      headRef: 'improve',
      inputs: { 'host-class': 'no-kvm', 'on-no-data': 'pass' },
      env: { KTSTR_AGENT_KVM_DEVICE: join(e.root, 'no-such-kvm') }
    })
    e.finishRun(runId)
    assert.equal(r.code, 0, why(r))
    assert.equal(r.outputs.verdict, 'no-data')
    assert.ok(!r.summary.includes('✅'), 'a gate that measured nothing is never shown as a pass')
    assert.equal(r.agentCalls.length, 1)
    assert.match(r.agentCalls[0]!, /^doctor --json --out .*target\/ktstr$/)
    assert.ok(
      r.notices.some((n) => /not producing: ktstr-agent doctor: kvm/.test(n)),
      r.notices.join('\n')
    )
  })

  test('produce: never on a GitHub-hosted runner (no KVM, no agent): restores from artifacts only', async () => {
    const runId = newRun(sha.regressing)
    const r = await prRun({
      runId,
      number: 7,
      head: sha.regressing,
      headRef: 'regress',
      inputs: { produce: 'never', comment: 'never' },
      env: { KTSTR_AGENT_KVM_DEVICE: join(e.root, 'no-such-kvm'), PATH: process.env.PATH ?? '' }
    })
    e.finishRun(runId, 'failure')
    assert.deepEqual(r.agentCalls, [])
    assert.equal(r.outputs.verdict, 'fail', why(r))
    assert.match(r.stdout, /from artifact/)
  })

  test('API 5xx and rate limits on the comment routes: retried, then the comment is posted', async () => {
    const runId = newRun(sha.noop, 'pull_request', 'noop')
    e.world.api.state.addPull({ number: 12, headSha: sha.noop, headRef: 'noop', baseSha: sha.baseline })
    e.world.api.inject({
      operationId: 'issues/list-comments',
      times: 2,
      fault: { kind: 'status', status: 502 }
    })
    e.world.api.inject({
      operationId: 'issues/create-comment',
      times: 1,
      fault: { kind: 'rate-limit', resetInSeconds: 0 }
    })
    const before = e.world.api.requests.length
    const r = await prRun({ runId, number: 12, head: sha.noop, headRef: 'noop' })
    e.finishRun(runId, r.code === 0 ? 'success' : 'failure')
    assert.equal(r.code, 0, why(r))
    assert.equal(r.outputs.verdict, 'pass')
    const calls = commentCalls(before)
    assert.deepEqual(
      calls.map((c) => `${c.operationId} ${c.status}`),
      [
        'issues/list-comments 502',
        'issues/list-comments 502',
        'issues/list-comments 200',
        'issues/create-comment 403',
        'issues/create-comment 201',
        // After creating, upsertComment looks again to remove a racing duplicate.
        'issues/list-comments 200'
      ]
    )
    assert.match(r.stdout, /HTTP 502 \(server\), attempt 1\/5; retrying/)
    assert.match(r.stdout, /HTTP 403 \(rate-limit\), attempt 1\/5; retrying/)
    assert.equal(commentsOn(12).length, 1)
  })

  test('a persistent 5xx on the comment routes: a warning line, exit status per the verdict, summary and artifacts still written', async () => {
    const runId = newRun(sha.noop, 'pull_request', 'noop')
    e.world.api.inject({
      operationId: 'issues/list-comments',
      times: 1000,
      fault: { kind: 'status', status: 503 }
    })
    const r = await prRun({ runId, number: 12, head: sha.noop, headRef: 'noop' })
    e.world.api.state.faults.length = 0
    e.finishRun(runId)
    assert.equal(r.code, 0, why(r))
    assert.equal(r.outputs.verdict, 'pass')
    assert.deepEqual(r.agentCalls, [], 'restored from the previous run')
    assert.ok(
      r.warnings.some((w) =>
        /could not post the PR comment: GitHub API .*list-comments|issues.* failed with HTTP 503 after 5 attempts/.test(
          w
        )
      ),
      r.warnings.join('\n')
    )
    assert.ok(r.summary.length > 500)
    assert.ok(artifactNames(runId).includes('ktstr-perf-gate-report-perf_gate'))
    assert.equal(r.outputs['comment-url'], undefined)
  })
})
