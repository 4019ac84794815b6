import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import {
  dimValue,
  isPass,
  isSidecarFileName,
  MAX_SIDECAR_BYTES,
  parseSidecar
} from '../../src/core/sidecar.js'

const EXAMPLE = readFileSync(new URL('../fixtures/sidecars/example-a.ktstr.json', import.meta.url), 'utf8')
const parse = (text: string) => parseSidecar(text, 'run/x.ktstr.json')
const edit = (f: (j: Record<string, unknown>) => void) => {
  const j = JSON.parse(EXAMPLE) as Record<string, unknown>
  f(j)
  return JSON.stringify(j)
}

test('reads identity, state and metric values where ktstr keeps them', () => {
  const r = parse(EXAMPLE)
  assert.ok(r.ok)
  const s = r.sidecar
  assert.equal(s.testName, 'sched_steady_perf')
  assert.equal(s.projectCommit, '1a2b3c4')
  assert.equal(s.kernel, '6.14.2')
  assert.equal(s.runSource, 'ci')
  assert.equal(isPass(s), true)
  // typed stats fields
  assert.equal(s.values.worst_spread, 8)
  assert.equal(s.values.worst_gap_ms, 120)
  assert.equal(s.values.total_migrations, 400)
  // monitor mapping
  assert.equal(s.values.max_imbalance_ratio, 1.5)
  assert.equal(s.values.max_dsq_depth, 6)
  assert.equal(s.values.stuck_count, 0)
  assert.equal(s.values.total_fallback, 14)
  assert.equal(s.values.total_keep_last, 5)
  // ext metrics
  assert.equal(s.values.worst_p99_wake_latency_us, 180)
  assert.equal(s.values.total_run_delay, 4.2e9)
  assert.equal(s.weight, 20)
  assert.deepEqual(
    s.phases.map((p) => [p.stepIndex, p.metrics.avg_dsq_depth]),
    [
      [0, 1.5],
      [1, 2.25]
    ]
  )
  assert.deepEqual(s.assertions, [
    { metric: 'worst_spread', maxRegressionPct: 5, minAbs: null, direction: null, phase: null, name: null }
  ])
  assert.equal(dimValue(s, 'kernel-commit'), 'unknown')
  assert.equal(dimValue(s, 'work-type'), 'SpinWait')
})

test('tolerates unknown fields and missing optional ones', () => {
  const r = parse(
    edit((j) => {
      j.some_future_field = { nested: [1, 2] }
      delete j.perf_delta_assertions
      delete j.monitor
      delete j.kernel_commit
    })
  )
  assert.ok(r.ok)
  assert.deepEqual(r.sidecar.assertions, [])
  // A missing monitor reads as zeros (ktstr sidecar_to_row).
  assert.equal(r.sidecar.values.max_imbalance_ratio, 0)
  assert.equal(r.sidecar.values.stuck_count, 0)
})

test('a null typed value reads 0 (finite_or_zero); a null ext metric is absent', () => {
  const r = parse(
    edit((j) => {
      const stats = j.stats as Record<string, unknown>
      stats.worst_spread = null
      ;(stats.ext_metrics as Record<string, unknown>).worst_p99_wake_latency_us = null
    })
  )
  assert.ok(r.ok)
  assert.equal(r.sidecar.values.worst_spread, 0)
  assert.equal('worst_p99_wake_latency_us' in r.sidecar.values, false)
})

test('stall_detected true is stuck_count 1', () => {
  const r = parse(edit((j) => ((j.monitor as Record<string, unknown>).stall_detected = true)))
  assert.ok(r.ok)
  assert.equal(r.sidecar.values.stuck_count, 1)
})

test('bad files are error values naming the JSON path', () => {
  const cases: [string, string, RegExp][] = [
    [EXAMPLE.slice(0, EXAMPLE.length / 2), '$', /not valid JSON/],
    ['not json at all', '$', /not valid JSON/],
    [edit((j) => (j.passed = 'yes')), '$.passed', /boolean/],
    [edit((j) => delete j.test_name), '$.test_name', /string/],
    [
      edit((j) => ((j.stats as Record<string, unknown>).ext_metrics = { a: 'fast' })),
      '$.stats.ext_metrics.a',
      /number/
    ],
    [
      edit((j) => ((j.stats as { phases: { step_index: unknown }[] }).phases[1]!.step_index = -1)),
      '$.stats.phases[1].step_index',
      /.+/
    ],
    ['[1,2,3]', '$', /object/]
  ]
  for (const [text, path, message] of cases) {
    const r = parse(text)
    assert.equal(r.ok, false, `${path} should fail`)
    if (!r.ok) {
      assert.equal(r.error.file, 'run/x.ktstr.json')
      assert.equal(r.error.path, path)
      assert.match(r.error.message, message)
    }
  }
})

test('a huge file is refused before parsing', () => {
  const r = parse(' '.repeat(MAX_SIDECAR_BYTES + 1))
  assert.equal(r.ok, false)
  if (!r.ok) assert.match(r.error.message, /over the \d+-byte limit/)
})

test('pass state: passed and neither skipped nor inconclusive', () => {
  const s = (f: (j: Record<string, unknown>) => void) => {
    const r = parse(edit(f))
    assert.ok(r.ok)
    return isPass(r.sidecar)
  }
  assert.equal(
    s((j) => (j.passed = false)),
    false
  )
  assert.equal(
    s((j) => (j.skipped = true)),
    false
  )
  assert.equal(
    s((j) => (j.inconclusive = true)),
    false
  )
})

test('sidecar file names: .json with .ktstr. in the last component', () => {
  assert.equal(isSidecarFileName('t-abc.ktstr.json'), true)
  assert.equal(isSidecarFileName('manifest.json'), false)
  assert.equal(isSidecarFileName('t.ktstr.json.tmp'), false)
})
