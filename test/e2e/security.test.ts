// End to end, as an attacker would try it: the built Action (dist/index.js) against the
// OpenAPI-validated GitHub fakes, the real ktstr-agent and the stand-in ktstr (issue 11). Each
// case reproduces one way a pull request could subvert shared state — committed sidecars, a fork's
// artifacts, a fork run at an internal PR's commit, a squatted report artifact, a label that
// outlived the push it approved — and shows the Action does not fall for it.
import assert from 'node:assert/strict'
import { execFile, execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, afterEach, before, describe, test } from 'node:test'
import {
  AGENT_BUNDLE,
  KERNEL,
  pullRequestPayload,
  REPO_ROOT,
  setup,
  type ActionRun,
  type E2E
} from './harness.js'

const FORK = 'forker/scx-demo'
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

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'attacker',
  GIT_AUTHOR_EMAIL: 'a@example.invalid',
  GIT_COMMITTER_NAME: 'attacker',
  GIT_COMMITTER_EMAIL: 'a@example.invalid'
}
const why = (r: ActionRun): string =>
  `exit ${r.code}\n--- stdout\n${r.stdout.slice(-6000)}\n--- stderr\n${r.stderr.slice(-3000)}`
const commentCalls = (from: number) =>
  e.world.api.requests.slice(from).filter((q) => /^issues\/(create|update)-comment/.test(q.operationId ?? ''))

function newRun(
  headSha: string,
  headBranch: string,
  headRepoFullName?: string,
  event = 'pull_request'
): number {
  return e.world.api.state.addRun({
    headSha,
    headBranch,
    event,
    status: 'in_progress',
    conclusion: null,
    ...(headRepoFullName ? { headRepoFullName } : {})
  }).id
}

function gate(o: {
  runId: number
  number: number
  head: string
  headRef: string
  headRepo?: string
  workspace?: string
  inputs?: Record<string, string>
  env?: Record<string, string>
}): Promise<ActionRun> {
  return e.run({
    ...(o.env ? { env: o.env } : {}),
    runId: o.runId,
    event: 'pull_request',
    payload: pullRequestPayload({
      number: o.number,
      headSha: o.head,
      headRef: o.headRef,
      baseSha: sha.baseline,
      ...(o.headRepo ? { headRepo: o.headRepo } : {})
    }),
    inputs: { kernel: KERNEL, 'noise-adjust': '1', ...o.inputs },
    workspace: o.workspace ?? e.checkout(o.head, o.headRepo ? { fetch: 'refs/pull/1/head' } : {}),
    sha: o.head,
    ref: `refs/pull/${o.number}/merge`,
    baseRef: 'main'
  })
}

function commentMode(o: {
  forRun: number
  headSha: string
  headBranch: string
  headRepo: string
  inputs?: Record<string, string>
}): Promise<ActionRun> {
  const runId = newRun(sha.baseline, 'main', undefined, 'workflow_run')
  return e
    .run({
      runId,
      event: 'workflow_run',
      payload: {
        action: 'completed',
        workflow_run: {
          id: o.forRun,
          name: 'perf',
          head_sha: o.headSha,
          head_branch: o.headBranch,
          event: 'pull_request',
          status: 'completed',
          conclusion: 'success',
          head_repository: { full_name: o.headRepo },
          repository: { full_name: `${e.world.api.state.owner}/${e.world.api.state.repo}` },
          pull_requests: []
        },
        repository: { full_name: `${e.world.api.state.owner}/${e.world.api.state.repo}` }
      },
      inputs: { mode: 'comment', ...o.inputs },
      workspace: e.checkout(sha.baseline),
      sha: sha.baseline,
      ref: 'refs/heads/main',
      workflow: 'perf-comment',
      job: 'comment'
    })
    .finally(() => e.finishRun(runId))
}

/** Uploads `dir` as artifact `name` of run `runId` with the real client, as code in that run could. */
function uploadAs(runId: number, name: string, dir: string): Promise<void> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(GITHUB_|ACTIONS_|RUNNER_|INPUT_)/.test(k)) env[k] = v
  Object.assign(env, e.world.runEnv(runId, { GITHUB_TOKEN: 'ghs_attacker' }))
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'test/fakes/artifact-child.ts'), 'upload', name, dir],
      { cwd: REPO_ROOT, env, timeout: 120_000 },
      (err, _out, stderr) => (err ? reject(new Error(`upload ${name}: ${stderr}`)) : resolve())
    )
  )
}

/** A copy of a real run directory with a latency metric of every sidecar multiplied by `factor`. */
function inflatedCopy(runDir: string, into: string, factor: number): void {
  cpSync(runDir, into, { recursive: true })
  for (const f of readdirSync(into).filter((n) => n.endsWith('.ktstr.json'))) {
    const text = readFileSync(join(into, f), 'utf8')
    writeFileSync(
      join(into, f),
      text.replace(
        /("worst_p99_wake_latency_us"\s*:\s*)(-?[0-9.eE+-]+)/g,
        (_m, k: string, v: string) => `${k}${Number(v) * factor}`
      )
    )
  }
}

const sidecarName = (commit: string): string => `ktstr-sidecars-${KERNEL}-${short(commit)}-ktstr-kvm`

describe('shared state a pull request cannot subvert (issue 11)', () => {
  let firstWs = ''
  let firstReport = ''

  test('setup: an internal PR produces both sides and gets its sticky FAIL comment', async () => {
    const runId = newRun(sha.regressing, 'regress')
    e.world.api.state.addPull({
      number: 7,
      headSha: sha.regressing,
      headRef: 'regress',
      baseSha: sha.baseline
    })
    firstWs = e.checkout(sha.regressing)
    const r = await gate({
      runId,
      number: 7,
      head: sha.regressing,
      headRef: 'regress',
      workspace: firstWs,
      inputs: { 'noise-adjust': '2', 'fail-threshold': '1' }
    })
    e.finishRun(runId, 'failure')
    assert.equal(r.outputs.verdict, 'fail', why(r))
    assert.equal(e.world.api.state.comments.filter((c) => c.issueNumber === 7).length, 1)
    firstReport = r.outputs.report!
    // The step records the report artifact it uploaded, with the digest the service computed.
    const listed = e.world.api.state.artifacts.artifacts.find(
      (a) => a.runId === runId && a.name === 'ktstr-perf-gate-report-perf_gate'
    )!
    assert.equal(r.outputs['report-artifact-id'], String(listed.id))
    assert.equal(r.outputs['report-digest'], listed.digest)
    assert.ok(r.summary.includes(listed.digest!), 'the job summary names the digest')
  })

  test('sidecars committed in the PR (inflated, with a copied manifest) are never samples: a warning, and the baseline is produced', async () => {
    // The attacker's branch: the noop commit plus target/ktstr/<kernel>-<base7>/run-1/ copied
    // from a real run (manifest.json included) with every value inflated.
    const ws = e.checkout(sha.noop)
    const side = `${KERNEL}-${short(sha.baseline)}`
    inflatedCopy(join(firstWs, 'target/ktstr', side, 'run-1'), join(ws, 'target/ktstr', side, 'run-1'), 50)
    const git = (...a: string[]) => execFileSync('git', a, { cwd: ws, env: GIT_ENV, encoding: 'utf8' }).trim()
    git('add', '-f', 'target/ktstr')
    git('commit', '-q', '-m', 'poison the baseline')
    git('push', '-q', 'origin', 'HEAD:refs/heads/poison')
    const poisoned = git('rev-parse', 'HEAD')
    e.world.api.state.addPull({ number: 8, headSha: poisoned, headRef: 'poison', baseSha: sha.baseline })
    const runId = newRun(poisoned, 'poison')
    const r = await gate({ runId, number: 8, head: poisoned, headRef: 'poison', workspace: ws })
    e.finishRun(runId, r.code === 0 ? 'success' : 'failure')
    assert.ok(
      r.warnings.some((w) => /committed in this checkout/.test(w) && w.includes(`${side}/run-1/`)),
      r.warnings.join('\n') + why(r)
    )
    // Not one committed run counted; the baseline came from the agent.
    assert.match(
      r.stdout,
      new RegExp(`baseline ${short(sha.baseline)}: 1 run\\(s\\) \\(pool 0, artifact 0, produced 1\\)`),
      why(r)
    )
    assert.ok(
      r.agentCalls.some((c) => c.startsWith('produce') && c.includes(`--base ${sha.baseline}`)),
      r.agentCalls.join('\n')
    )
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as { baseline: { runs: number } }
    assert.equal(report.baseline.runs, 1)
  })

  test("a fork run's artifacts never restore an internal PR's baseline", async () => {
    // A fork pushed the improving commit to its own branch; its run (its workflow, its code)
    // uploaded "the baseline": inflated copies of real runs, manifests included.
    const forkRun = newRun(sha.improving, 'evil', FORK)
    const stage = mkdtempSync(join(e.root, 'forged-'))
    const base = `${KERNEL}-${short(sha.baseline)}`
    inflatedCopy(join(firstWs, 'target/ktstr', base, 'run-1'), join(stage, base, 'run-1'), 50)
    inflatedCopy(join(firstWs, 'target/ktstr', base, 'run-2'), join(stage, base, 'run-2'), 50)
    await uploadAs(forkRun, sidecarName(sha.baseline), stage)
    e.finishRun(forkRun)

    e.world.api.state.addPull({
      number: 11,
      headSha: sha.improving,
      headRef: 'improve',
      baseSha: sha.baseline
    })
    const runId = newRun(sha.improving, 'improve')
    const r = await gate({
      runId,
      number: 11,
      head: sha.improving,
      headRef: 'improve',
      inputs: { produce: 'never', 'host-class': 'ktstr-kvm' }
    })
    e.finishRun(runId)
    assert.doesNotMatch(r.stdout, new RegExp(`from artifact \\S+ of run ${forkRun}`), why(r))
    assert.match(r.stdout, new RegExp(`baseline ${short(sha.baseline)}: 0 run\\(s\\)`), why(r))
    // Nothing restored for either side and nothing produced: no data, never a pass.
    assert.equal(r.outputs.verdict, 'no-data')
  })

  test("mode: comment never posts a fork run's report on an internal PR that is at the same commit", async () => {
    // The fork pushed PR 7's head commit to its branch `evil`; its run left a report that claims PR 7.
    const forkRun = newRun(sha.regressing, 'evil', FORK)
    const stage = mkdtempSync(join(e.root, 'forged-report-'))
    const report = JSON.parse(readFileSync(firstReport, 'utf8')) as Record<string, unknown>
    writeFileSync(
      join(stage, 'ktstr-perf-gate-report.json'),
      JSON.stringify({
        schemaVersion: 1,
        kind: 'ktstr-perf-gate-report',
        prNumber: 7,
        headSha: sha.regressing,
        report
      })
    )
    await uploadAs(forkRun, 'ktstr-perf-gate-report-perf_gate', stage)
    e.finishRun(forkRun)
    const before = e.world.api.requests.length
    const body = e.world.api.state.comments.find((c) => c.issueNumber === 7)!.body
    const r = await commentMode({
      forRun: forkRun,
      headSha: sha.regressing,
      headBranch: 'evil',
      headRepo: FORK,
      // The gate job's key: the comment PR 7 already has.
      inputs: { 'comment-key': 'perf/gate' }
    })
    assert.equal(r.code, 0, why(r))
    assert.deepEqual(commentCalls(before), [], 'no comment written')
    assert.equal(e.world.api.state.comments.find((c) => c.issueNumber === 7)!.body, body)
    assert.ok(
      r.notices.some((n) =>
        /not commenting .*head repository is octo-org\/scx-demo, not the run's forker\/scx-demo/.test(n)
      ),
      r.notices.join('\n') + why(r)
    )
  })

  test('a report artifact uploaded under our name before the step (a squatter) is replaced, and mode: comment posts the real report', async () => {
    const runId = newRun(sha.untrusted, 'fork-pr2', FORK)
    e.world.api.state.addPull({
      number: 15,
      headSha: sha.untrusted,
      headRef: 'fork-pr2',
      headRepoFullName: FORK,
      baseSha: sha.baseline
    })
    // Code in the run with the runtime token uploads a "report" first: PR 7's failing report.
    const stage = mkdtempSync(join(e.root, 'squat-'))
    const forged = JSON.parse(readFileSync(firstReport, 'utf8')) as Record<string, unknown>
    writeFileSync(
      join(stage, 'ktstr-perf-gate-report.json'),
      JSON.stringify({
        schemaVersion: 1,
        kind: 'ktstr-perf-gate-report',
        prNumber: 15,
        headSha: sha.untrusted,
        report: forged
      })
    )
    await uploadAs(runId, 'ktstr-perf-gate-report-perf_gate', stage)
    e.world.api.state.readOnlyTokens.add('ghs_forkReadOnly')
    const r = await gate({
      runId,
      number: 15,
      head: sha.untrusted,
      headRef: 'fork-pr2',
      headRepo: FORK,
      inputs: { produce: 'never', 'github-token': 'ghs_forkReadOnly' }
    })
    e.finishRun(runId, 'failure')
    assert.equal(r.outputs.verdict, 'no-data', why(r))
    assert.ok(
      r.warnings.some((w) => /already exists in this run .*did not upload it/.test(w)),
      r.warnings.join('\n')
    )
    const listed = e.world.api.state.artifacts.artifacts.filter(
      (a) => a.runId === runId && a.name === 'ktstr-perf-gate-report-perf_gate'
    )
    assert.equal(listed.length, 1)
    assert.equal(r.outputs['report-digest'], listed[0]!.digest)

    const c = await commentMode({
      forRun: runId,
      headSha: sha.untrusted,
      headBranch: 'fork-pr2',
      headRepo: FORK
    })
    assert.equal(c.code, 0, why(c))
    assert.equal(c.outputs.verdict, 'no-data', 'the Action\'s report, not the forged "fail"')
    assert.equal(e.world.api.state.comments.filter((x) => x.issueNumber === 15).length, 1)
  })

  test('a perf-ok label applied before the latest push does not approve it: the agent is not started; re-applied, it is', async () => {
    e.world.api.state.addPull({
      number: 14,
      headSha: sha.untrusted,
      headRef: 'fork-pr',
      headRepoFullName: FORK,
      baseSha: sha.baseline
    })
    // The maintainer labelled the PR a minute ago (for its earlier head); the fork pushed since.
    e.world.api.state.addIssueEvent({
      issueNumber: 14,
      label: 'perf-ok',
      createdAt: new Date(Date.now() - 60_000)
    })
    // on-no-data: pass — this case is about the label; the blocked run has no data by design.
    const inputs = { 'allow-fork-produce': 'true', 'fork-approval-label': 'perf-ok' }
    const pushRun = newRun(sha.untrusted, 'fork-pr', FORK)
    const r = await gate({
      runId: pushRun,
      number: 14,
      head: sha.untrusted,
      headRef: 'fork-pr',
      headRepo: FORK,
      inputs
    })
    e.finishRun(pushRun, 'failure')
    // Not approved, so nothing was measured: the step fails (no data), it does not go green.
    assert.equal(r.code, 1, why(r))
    assert.equal(r.outputs.verdict, 'no-data')
    assert.deepEqual(r.agentCalls, [], 'no fork code on the KVM host')
    assert.ok(
      r.notices.some((n) =>
        /not producing: fork pull request not approved for this head: label perf-ok was applied at .* before/.test(
          n
        )
      ),
      r.notices.join('\n') + why(r)
    )

    // The maintainer reads the new head and labels again: now it runs.
    e.world.api.state.addIssueEvent({ issueNumber: 14, label: 'perf-ok', event: 'unlabeled' })
    e.world.api.state.addIssueEvent({
      issueNumber: 14,
      label: 'perf-ok',
      createdAt: new Date(Date.now() + 1000)
    })
    const labelRun = newRun(sha.untrusted, 'fork-pr', FORK)
    const ok = await gate({
      runId: labelRun,
      number: 14,
      head: sha.untrusted,
      headRef: 'fork-pr',
      headRepo: FORK,
      inputs
    })
    e.finishRun(labelRun)
    assert.ok(
      ok.agentCalls.some((c) => c.startsWith('produce')),
      ok.agentCalls.join('\n') + why(ok)
    )
    assert.match(ok.stdout, /fork pull request approved: label perf-ok was applied/)
    assert.ok(
      ok.agentCalls.some((c) => c.startsWith('produce') && c.includes('--no-cache-store')),
      `a fork's runs never enter the host cache: ${ok.agentCalls.join('\n')}`
    )
  })

  test('the code under test sees no credential: not the github-token, ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, nor a variable holding the token', async () => {
    const ws = e.checkout(sha.noop)
    const git = (...a: string[]) => execFileSync('git', a, { cwd: ws, env: GIT_ENV, encoding: 'utf8' }).trim()
    git('commit', '-q', '--allow-empty', '-m', 'a change whose tests read the environment')
    git('push', '-q', 'origin', 'HEAD:refs/heads/envdump')
    const head = git('rev-parse', 'HEAD')
    e.world.api.state.addPull({ number: 16, headSha: head, headRef: 'envdump', baseSha: sha.baseline })
    const runId = newRun(head, 'envdump')
    const runner = e.world.runEnv(runId)
    assert.ok(
      runner.ACTIONS_RUNTIME_TOKEN && runner.ACTIONS_RESULTS_URL,
      'the step holds the artifact credentials'
    )
    const dump = join(e.root, 'envdump.json')
    const r = await gate({
      runId,
      number: 16,
      head,
      headRef: 'envdump',
      workspace: ws,
      // The agent and cargo-ktstr started without sh shims, which would drop INPUT_GITHUB-TOKEN ('-').
      inputs: { agent: `${process.execPath} ${AGENT_BUNDLE}` },
      env: {
        KTSTR_AGENT_KTSTR_COMMAND: 'cargo-ktstr ktstr',
        KTSTR_STANDIN_ENV_DUMP: dump,
        KTSTR_LEAKED: 'ghs_e2eWriteToken',
        GH_TOKEN: 'ghp_e2ePat'
      }
    })
    e.finishRun(runId, r.code === 0 ? 'success' : 'failure')
    assert.ok(r.outputs.verdict, why(r))
    const seen = JSON.parse(readFileSync(dump, 'utf8')) as Record<string, string>
    for (const k of [
      'INPUT_GITHUB-TOKEN',
      'INPUT_KERNEL',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_RESULTS_URL',
      'GH_TOKEN',
      'GITHUB_OUTPUT',
      'KTSTR_LEAKED'
    ])
      assert.ok(!(k in seen), `${k} reached the code under test`)
    const values = Object.values(seen).join('\n')
    for (const secret of ['ghs_e2eWriteToken', runner.ACTIONS_RUNTIME_TOKEN!, 'ghp_e2ePat'])
      assert.ok(!values.includes(secret), 'no credential value reached the code under test')
    assert.equal(seen.KTSTR_AGENT_LOCK_FILE?.endsWith('agent.lock'), true, 'the host’s KTSTR_* settings pass')
    assert.equal(seen.KTSTR_CI, '1')
  })
})
