import assert from 'node:assert/strict'
import { test } from 'node:test'
import { centre, foldKtstr, runValues } from '../../src/core/fold.js'
import { bundledRegistry } from '../../src/core/registry.js'
import { sidecar } from '../helpers/sidecars.js'

const reg = bundledRegistry()
const rv = (name: string, rows: Record<string, number>[], weights?: number[]) =>
  runValues(
    reg.byName.get(name),
    name,
    rows.map((values, i) => sidecar({ run: i + 1, values, weight: weights?.[i] }))
  )
const fold = (name: string, rows: Record<string, number>[], w?: number[]) =>
  foldKtstr(reg.byName.get(name), rv(name, rows, w))
const mid = (name: string, rows: Record<string, number>[], w?: number[]) =>
  centre(reg.byName.get(name), rv(name, rows, w))

test('Counter folds to the sum; its centre is the per-run mean', () => {
  const rows = [{ total_migrations: 10 }, { total_migrations: 30 }]
  assert.equal(fold('total_migrations', rows), 40)
  assert.equal(mid('total_migrations', rows), 20)
})

test('Peak folds to the max; Gauge(Last) to the last run', () => {
  assert.equal(fold('worst_gap_ms', [{ worst_gap_ms: 5 }, { worst_gap_ms: 9 }, { worst_gap_ms: 7 }]), 9)
  assert.equal(fold('worst_spread', [{ worst_spread: 5 }, { worst_spread: 9 }, { worst_spread: 7 }]), 7)
})

test('Gauge(Avg) folds to the sample-weighted mean (plain mean at zero weight)', () => {
  const rows = [{ avg_imbalance_ratio: 1 }, { avg_imbalance_ratio: 4 }]
  assert.equal(fold('avg_imbalance_ratio', rows, [3, 1]), 1.75)
  assert.equal(mid('avg_imbalance_ratio', rows, [3, 1]), 1.75)
  assert.equal(fold('avg_imbalance_ratio', rows, [0, 0]), 2.5)
})

test('Distribution Worst folds to the max, other reductions to the mean of runs that emitted it', () => {
  assert.equal(
    fold('worst_timer_latency_us', [{ worst_timer_latency_us: 100 }, { worst_timer_latency_us: 300 }]),
    300
  )
  // The run without the key is excluded, not counted as 0.
  assert.equal(
    fold('worst_p99_wake_latency_us', [
      { worst_p99_wake_latency_us: 100 },
      {},
      { worst_p99_wake_latency_us: 300 }
    ]),
    200
  )
})

test('Rate is re-derived as Σnumerator / Σdenominator', () => {
  const rows = [
    { iterations_per_cpu_sec: 100, total_iterations_pooled: 100, total_cpu_time_sec: 1 },
    { iterations_per_cpu_sec: 50, total_iterations_pooled: 300, total_cpu_time_sec: 6 }
  ]
  // pooled 400 / 7, not the mean of the per-run rates (75)
  assert.equal(fold('iterations_per_cpu_sec', rows), 400 / 7)
  assert.equal(mid('iterations_per_cpu_sec', rows), 400 / 7)
})

test('Rate without components on every run falls back to the mean of per-run rates', () => {
  const rows: Record<string, number>[] = [
    { iterations_per_cpu_sec: 100, total_iterations_pooled: 100, total_cpu_time_sec: 1 },
    { iterations_per_cpu_sec: 50 }
  ]
  assert.equal(mid('iterations_per_cpu_sec', rows), 75)
})

test('Rate value is derived from components when the run lacks the rate itself', () => {
  const v = rv('iterations_per_cpu_sec', [{ total_iterations_pooled: 90, total_cpu_time_sec: 3 }])
  assert.deepEqual(v.samples, [30])
})

test('phase values come from the matching phase bucket', () => {
  const runs = [1, 2].map((i) =>
    sidecar({ run: i, values: {}, phases: [{ stepIndex: 1, metrics: { wakeup_p99_latency_us: 10 * i } }] })
  )
  const v = runValues(reg.byName.get('wakeup_p99_latency_us'), 'wakeup_p99_latency_us', runs, 1)
  assert.deepEqual(v.samples, [10, 20])
  assert.deepEqual(runValues(undefined, 'wakeup_p99_latency_us', runs, 0).samples, [])
})

test('absent everywhere folds to undefined', () => {
  assert.equal(fold('worst_spread', [{}, {}]), undefined)
  assert.equal(mid('worst_spread', [{}]), undefined)
})
