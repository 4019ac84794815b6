// End to end: the deep baseline's sentinel in the built Action (dist/index.js), the real
// ktstr-agent and its host cache, and the stand-in ktstr. The cache holds baseline runs measured
// on a drifted host (every value 40 % lower: KTSTR_STANDIN_HOST_SHIFT); the pull request changes
// nothing. Without a sentinel the drift reads as a regression; with one, the fresh baseline runs
// made beside HEAD's disagree with the cached ones, the cached runs are dropped, fresh runs of both
// sides are produced, and the pull request passes.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, afterEach, before, describe, test } from 'node:test'
import type { SentinelReport } from '../../src/core/types.js'
import type { Model } from '../helpers/fixture-repo.js'
import { KERNEL, pullRequestPayload, setup, type ActionRun, type E2E } from './harness.js'

/** One quiet test (1 % noise): worst_spread's gate is max(5, 25 %), a 40 % drift clears it. */
function model(): Model {
  return {
    tests: [
      {
        name: 'sched_quiet_perf',
        topology: '1n2l4c1t',
        scheduler: 'scx_demo',
        work_type: 'SpinWait',
        performance_mode: true,
        metrics: { worst_spread: { mean: 20, noise: 0.01 } }
      }
    ]
  }
}

let shared: E2E
let e: E2E
before(async () => {
  shared = e = await setup({ model: model() })
})
after(async () => {
  await shared?.close()
})
afterEach(() => shared?.world.assertNoViolations())

/** A pull-request gate of `head` (a branch of this repository) under the sequential rule. */
async function gate(
  n: number,
  head: { sha: string; ref: string },
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  e: E2E = shared
): Promise<ActionRun> {
  const runId = e.world.api.state.addRun({
    headSha: head.sha,
    headBranch: head.ref,
    event: 'pull_request',
    status: 'in_progress',
    conclusion: null
  }).id
  return e.run({
    runId,
    event: 'pull_request',
    payload: pullRequestPayload({
      number: n,
      headSha: head.sha,
      headRef: head.ref,
      baseSha: e.fixture.commits.baseline
    }),
    inputs: {
      kernel: KERNEL,
      rule: 'sequential',
      'fail-threshold': '1',
      comment: 'never',
      upload: 'false',
      'time-budget': '0',
      ...inputs
    },
    workspace: e.checkout(head.sha),
    sha: head.sha,
    ref: `refs/pull/${n}/merge`,
    baseRef: 'main',
    env
  })
}

const produces = (r: ActionRun) => r.agentCalls.filter((c) => c.startsWith('produce '))

describe('e2e: the sentinel of a deep baseline (built Action, ktstr-agent host cache, stand-in)', () => {
  test('a cache measured on a drifted host is dropped by the sentinel: no false regression', async () => {
    // 1. An earlier pull request on the same base fills the host cache — on a host 40 % faster.
    const warm = await gate(
      41,
      { sha: e.fixture.commits.improving, ref: 'improve' },
      {},
      { KTSTR_STANDIN_HOST_SHIFT: '-0.4' }
    )
    assert.equal(warm.code, 0, warm.stdout)
    assert.match(`${warm.stdout}${warm.stderr}`, /cache: stored 5 baseline run\(s\)/)

    // 2. Control: without a sentinel the no-op pull request is compared with the drifted cache alone.
    const noop = { sha: e.fixture.commits.noop, ref: 'noop' }
    const blind = await gate(42, noop, { 'sentinel-runs': '0' })
    assert.doesNotMatch(produces(blind)[0]!, /--sentinel/)
    assert.equal(
      blind.outputs.verdict,
      'fail',
      `drift reads as a regression without the sentinel:\n${blind.stdout}`
    )
    assert.equal(blind.outputs.regressions, '1')

    // 3. With the sentinel (the default, 1 fresh baseline run beside HEAD's).
    const r = await gate(43, noop, {})
    const p = produces(r)
    assert.match(p[0]!, /--runs 5 .*--deep 20 --sentinel 1\b/)
    const log = `${r.stdout}${r.stderr}`
    assert.match(log, /cache: reused 5 baseline run\(s\)/)
    assert.match(log, /sentinel: 1 test\(s\) look shifted against the cache \(sched_quiet_perf\)/)
    // The suspect test gets fresh runs of both sides, through the agent's exact-name filter, and
    // is checked again with them: the host did move, so its cache is set aside.
    assert.ok(
      p.some(
        (c) =>
          /--add 5\b/.test(c) &&
          /--base /.test(c) &&
          /--filter test\(\/\^\(\.\*::\)\?sched_quiet_perf\$\/\)/.test(c)
      ),
      p.join('\n')
    )
    assert.equal(r.code, 0, r.stdout)
    assert.equal(r.outputs.verdict, 'pass')
    assert.equal(r.outputs.regressions, '0')
    assert.ok(
      r.notices.some((n) =>
        /^sentinel: sched_quiet_perf: the 6 fresh baseline run\(s\) are \+\d+\.\d % off the 5 cached one\(s\) \(median over 1 gated metric\(s\), worse direction; limit ±6\.3 %; most significant worst_spread/.test(
          n
        )
      ),
      r.notices.join('\n')
    )
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as {
      sentinel?: SentinelReport
      baseline: { runs: number }
      rows: { test: string; base: { n: number } | null }[]
    }
    assert.equal(report.sentinel?.cachedRuns, 5)
    assert.deepEqual(
      report.sentinel?.dropped.map((d) => [d.test, d.metric]),
      [['sched_quiet_perf', 'worst_spread']]
    )
    assert.ok(
      report.sentinel!.dropped[0]!.shift! > 0.5,
      'a 40 % faster cache: the fresh runs are ≈ 67 % worse'
    )
    assert.equal(report.sentinel!.dropped[0]!.threshold, 0.0625)
    // The gate compared the 5 baseline runs made after the drop (the sentinels, picked for being
    // far from the cache, were set aside too) with HEAD's 10.
    const row = report.rows.find((x) => x.test === 'sched_quiet_perf')! as unknown as {
      base: { n: number }
      head: { n: number }
    }
    assert.equal(row.base.n, 5)
    assert.equal(row.head.n, 10)
  })

  test('a harmless shift between jobs keeps the cache: no fresh batch, the deep baseline is used', async () => {
    const own = await setup({ model: model() })
    try {
      // The cache is filled on a host 3 % faster: well inside worst_spread's 25 % gate (limit 6.25 %).
      const warm = await gate(
        51,
        { sha: own.fixture.commits.improving, ref: 'improve' },
        {},
        { KTSTR_STANDIN_HOST_SHIFT: '-0.03' },
        own
      )
      assert.equal(warm.code, 0, warm.stdout)
      const r = await gate(52, { sha: own.fixture.commits.noop, ref: 'noop' }, {}, {}, own)
      const log = `${r.stdout}${r.stderr}`
      assert.match(log, /sentinel: 1 fresh baseline run\(s\) agree with 5 cached one\(s\) in 1 test\(s\)/)
      assert.ok(!produces(r).some((c) => /--filter/.test(c)), produces(r).join('\n'))
      assert.equal(r.code, 0, r.stdout)
      assert.equal(r.outputs.verdict, 'pass')
      const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as {
        sentinel?: SentinelReport
        rows: { test: string; base: { n: number } | null }[]
      }
      assert.deepEqual(report.sentinel?.dropped, [])
      assert.equal(report.sentinel?.minShift, 0.25)
      assert.equal(report.rows.find((x) => x.test === 'sched_quiet_perf')!.base!.n, 6, '5 cached + 1 fresh')
      own.world.assertNoViolations()
    } finally {
      await own.close()
    }
  })
})
