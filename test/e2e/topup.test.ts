// End to end: the sequential rule's top-up loop in the built Action (dist/index.js), the real
// ktstr-agent and the stand-in ktstr. A noisy test carries a planted regression of 1.5 × its gate
// that 5 runs per side cannot decide; a quiet test is decided unchanged at once. The loop must add
// runs of the noisy test only (through the agent's exact-name filter) until the regression is
// shown, and stop at max-runs.
import assert from 'node:assert/strict'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, afterEach, before, describe, test } from 'node:test'
import type { Model } from '../helpers/fixture-repo.js'
import { KERNEL, pullRequestPayload, REPO_ROOT, setup, type ActionRun, type E2E } from './harness.js'

// The loop needs the sequential engine (src/core/sequential.ts, issue 12 part 1) to name undecided rows.
const ENGINE = existsSync(join(REPO_ROOT, 'src/core/sequential.ts'))

/**
 * worst_spread's gate is max(5, 25 % of the baseline): at a baseline mean of 21.8 that is 5.45,
 * and the fixture's `regressing` commit moves sched_steady_perf's worst_spread to 30 (+8.2 =
 * 1.5 × the gate). With 20 % noise, 5 runs per side cannot decide it at α 0.002; 10–15 can.
 */
function model(): Model {
  const t = (name: string, mean: number, noise: number) => ({
    name,
    topology: '1n2l4c1t',
    scheduler: 'scx_demo',
    work_type: 'SpinWait',
    performance_mode: true,
    metrics: { worst_spread: { mean, noise } }
  })
  return { tests: [t('sched_steady_perf', 21.8, 0.2), t('sched_quiet_perf', 20, 0.01)] }
}

let e: E2E
before(async () => {
  if (ENGINE) e = await setup({ model: model() })
})
after(async () => {
  await e?.close()
})
afterEach(() => e?.world.assertNoViolations())

async function gate(runId: number, inputs: Record<string, string>): Promise<{ r: ActionRun; ws: string }> {
  const sha = e.fixture.commits
  const ws = e.checkout(sha.regressing)
  const r = await e.run({
    runId,
    event: 'pull_request',
    payload: pullRequestPayload({
      number: 31 + runId,
      headSha: sha.regressing,
      headRef: 'regress',
      baseSha: sha.baseline
    }),
    inputs: {
      kernel: KERNEL,
      'noise-adjust': '5',
      rule: 'sequential',
      'fail-threshold': '1',
      comment: 'never',
      ...inputs
    },
    workspace: ws,
    sha: sha.regressing,
    ref: `refs/pull/${31 + runId}/merge`,
    baseRef: 'main'
  })
  return { r, ws }
}

/** Sidecars of `test` per side in the run's pool (the workspace's target/ktstr). */
function sidecarsOf(ws: string, test: string): { base: number; head: number } {
  const count = (sha: string) => {
    const dir = join(ws, 'target/ktstr', `${KERNEL}-${e.fixture.short(sha)}`)
    if (!existsSync(dir)) return 0
    return readdirSync(dir)
      .filter((d) => /^run-\d+$/.test(d))
      .flatMap((d) => readdirSync(join(dir, d)))
      .filter((f) => f.startsWith(`${test}-`)).length
  }
  return { base: count(e.fixture.commits.baseline), head: count(e.fixture.commits.regressing) }
}

const produces = (r: ActionRun) => r.agentCalls.filter((c) => c.startsWith('produce '))
const rounds = (r: ActionRun) => r.stdout.split('\n').filter((l) => /^round \d+:/.test(l))

describe(
  'e2e: the top-up loop (built Action, ktstr-agent, stand-in)',
  { skip: !ENGINE && 'needs the sequential engine' },
  () => {
    test('finds the planted noisy regression after top-ups of that test alone', async () => {
      const runId = e.world.api.state.addRun({
        headSha: e.fixture.commits.regressing,
        headBranch: 'regress',
        event: 'pull_request',
        status: 'in_progress',
        conclusion: null
      }).id
      const { r, ws } = await gate(runId, { 'time-budget': '0' })
      const p = produces(r)
      assert.ok(p.length >= 2, `at least one top-up round:\n${p.join('\n')}\n${r.stdout}`)
      assert.match(p[0]!, /--runs 5\b/)
      assert.doesNotMatch(p[0]!, /--filter/)
      for (const call of p.slice(1)) {
        assert.match(call, /--add 5\b/)
        assert.match(call, /--filter test\(\/\^\(\.\*::\)\?sched_steady_perf\$\/\)( |$)/)
      }
      assert.match(
        rounds(r)[0]!,
        /^round 2: 1 test undecided \(1 row\) → \+5 runs each, est\. (< 1|\d+) min$/
      )
      assert.deepEqual(
        sidecarsOf(ws, 'sched_quiet_perf'),
        { base: 5, head: 5 },
        'decided at once: left alone'
      )
      const steady = sidecarsOf(ws, 'sched_steady_perf')
      assert.equal(steady.head, 5 * p.length)
      assert.equal(steady.base, 5 * p.length)
      assert.equal(r.outputs.regressions, '1', r.stdout)
      assert.equal(r.outputs.verdict, 'fail')
      assert.equal(r.code, 1)
      // The top-up runs are in the uploaded side artifacts, so a rerun restores them.
      const names = e.world.api.state.artifacts.artifacts
        .filter((a) => a.runId === runId && a.finalized)
        .map((a) => a.name)
      assert.ok(
        names.includes(`ktstr-sidecars-${KERNEL}-${e.fixture.short(e.fixture.commits.regressing)}-ktstr-kvm`),
        names.join(', ')
      )
    })

    test('stops at max-runs: never more than max-runs per side', async () => {
      const runId = e.world.api.state.addRun({
        headSha: e.fixture.commits.regressing,
        headBranch: 'regress',
        event: 'pull_request',
        status: 'in_progress',
        conclusion: null
      }).id
      const { r } = await gate(runId, { 'time-budget': '0', 'max-runs': '7', upload: 'false' })
      const p = produces(r)
      // 5 restored or produced, then +2 to reach 7, then no more.
      assert.ok(
        p.every((c) => !/--add (?!2\b)\d+/.test(c)),
        p.join('\n')
      )
      assert.ok(p.filter((c) => /--add/.test(c)).length <= 1, p.join('\n'))
      assert.doesNotMatch(r.stdout, /^round 3: .*→/m)
    })
  }
)
