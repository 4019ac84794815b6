// ktstr's documented example pair (example-a → example-b, one run per side), judged by hand with
// the registry's gates (verdict-rules §3): the engine must agree row by row.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { compare } from '../../src/core/compare.js'
import { bundledRegistry } from '../../src/core/registry.js'
import { DIMENSIONS, parseSidecar, type Sidecar } from '../../src/core/sidecar.js'

const load = (name: string): Sidecar => {
  const r = parseSidecar(readFileSync(new URL(`../fixtures/sidecars/${name}`, import.meta.url), 'utf8'), name)
  assert.ok(r.ok)
  return r.sidecar
}

test("ktstr's example pair: six regressions by hand, so the default gate fails", () => {
  const c = compare({
    base: [load('example-a.ktstr.json')],
    head: [load('example-b.ktstr.json')],
    pairOn: DIMENSIONS.filter((d) => d !== 'project-commit'),
    registry: bundledRegistry(),
    baseline: { label: '1a2b3c4', how: 'example' },
    headSpec: { label: '5d6e7f8', how: 'example' }
  })
  const verdicts = Object.fromEntries(c.rows.map((r) => [r.metric, r.verdict]))
  // |Δ| ≥ default_abs and |Δ|/|A| ≥ default_rel, worse for the polarity:
  assert.equal(verdicts.worst_spread, 'regression') // 8 → 14.5: +6.5 ≥ 5, 81 % ≥ 25 %
  assert.equal(verdicts.total_iterations, 'regression') // 120000 → 104000: −16000 ≥ 100, 13.3 % ≥ 10 %, higher is better
  assert.equal(verdicts.worst_iterations_per_worker, 'regression') // 30000 → 26000
  assert.equal(verdicts.worst_iterations_per_cpu_sec, 'regression') // 30769.2 → 26666.7
  assert.equal(verdicts.iterations_per_cpu_sec, 'regression') // Rate: 30769.231 → 26666.667
  assert.equal(verdicts.total_run_delay_ns_per_sched, 'regression') // 68852 → 97521: +28668 ≥ 1000, 41.6 % ≥ 15 %
  assert.equal(verdicts.total_run_delay, 'informational') // +1.7e9 ns, 40 %: shown, never counted
  assert.equal(verdicts.worst_gap_ms, 'unchanged') // +70 ms < 500
  assert.equal(verdicts.total_migrations, 'unchanged') // +10 ≥ 10 but 2.5 % < 30 %
  assert.equal(verdicts.total_pcount, 'unchanged') // informational, 0.8 % < 10 %
  assert.equal(verdicts.worst_migration_ratio, 'unchanged') // +0.0006 < 0.05
  // Whole-run distributions never reach the scalar comparison; rate components are never rows.
  assert.equal(verdicts.worst_p99_wake_latency_us, undefined)
  assert.equal(verdicts.total_iterations_pooled, undefined)
  assert.equal(c.counts.regressions, 6)
  assert.equal(c.verdict, 'fail')
  assert.deepEqual(c.reasons, ['6 regressions ≥ fail-threshold 5'])
  assert.equal(c.mode, 'scalar')
  // The sidecar's PerfDeltaAssertion is inert with one run per side.
  assert.equal(c.assertions[0]!.tripped, false)
})
