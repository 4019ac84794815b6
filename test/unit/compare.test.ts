import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compare, type CompareInput } from '../../src/core/compare.js'
import { UsageError } from '../../src/core/errors.js'
import { renderJson } from '../../src/report/json.js'
import { parseComparisonJson } from '../../src/report/json-parse.js'
import { renderComment } from '../../src/report/comment.js'
import { renderSummary } from '../../src/report/summary.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { buildRegistry, bundledRegistry } from '../../src/core/registry.js'
import { DIMENSIONS, type Sidecar } from '../../src/core/sidecar.js'
import { runs, sidecar } from '../helpers/sidecars.js'

const registry = bundledRegistry()
const A = 'aaaaaaa'
const B = 'bbbbbbb'
const pairOn = DIMENSIONS.filter((d) => d !== 'project-commit')
const run = (base: Sidecar[], head: Sidecar[], extra: Partial<CompareInput> = {}) =>
  compare({
    base,
    head,
    pairOn,
    registry,
    baseline: { label: A, how: 'test' },
    headSpec: { label: B, how: 'test' },
    ...extra
  })
const row = (c: ReturnType<typeof run>, metric: string, key?: string) =>
  c.rows.find((r) => r.metric === metric && (!key || r.key === key))

test('pairs by test/topology/work_type and judges every registry metric present', () => {
  const c = run(
    runs(A, 'worst_spread', [8, 8.2, 7.9], { values: { worst_gap_ms: 100 } }),
    runs(B, 'worst_spread', [16, 16.3, 15.8], { values: { worst_gap_ms: 100 } })
  )
  const r = row(c, 'worst_spread')!
  assert.equal(r.key, 'steady_perf/1n2l4c1t/SpinWait')
  assert.equal(r.verdict, 'regression')
  assert.equal(r.mode, 'noise-adjusted')
  assert.equal(r.unit, '%')
  assert.equal(r.polarity, 'lower')
  assert.deepEqual(r.base!.samples, [8, 8.2, 7.9])
  assert.equal(r.base!.fold, 7.9) // Gauge(Last)
  assert.equal(row(c, 'worst_gap_ms')!.verdict, 'unchanged')
  assert.equal(c.counts.regressions, 1)
  assert.equal(c.mode, 'noise-adjusted')
  assert.equal(c.verdict, 'pass')
  assert.equal(c.baseline.runs, 3)
  assert.equal(c.rows[0]!.verdict, 'regression')
})

test('rows of tests on one side only are counted as new / removed, never gated', () => {
  const c = run(
    [...runs(A, 'worst_spread', [8]), sidecar({ commit: A, test: 'old_perf', values: { worst_spread: 1 } })],
    [...runs(B, 'worst_spread', [8]), sidecar({ commit: B, test: 'new_perf', values: { worst_spread: 90 } })]
  )
  assert.deepEqual(c.newInHead, ['new_perf/1n2l4c1t/SpinWait'])
  assert.deepEqual(c.removedFromBase, ['old_perf/1n2l4c1t/SpinWait'])
  assert.equal(c.counts.regressions, 0)
})

test('a pair with no passing run on a side is excluded and counted; failing runs among passing ones are dropped', () => {
  const c = run(
    [
      ...runs(A, 'worst_spread', [8, 8, 8]),
      sidecar({ commit: A, test: 'broken_perf', values: { worst_spread: 1 } })
    ],
    [
      ...runs(B, 'worst_spread', [8, 8]),
      sidecar({ commit: B, run: 3, values: { worst_spread: 99 }, passed: false }),
      sidecar({ commit: B, test: 'broken_perf', values: { worst_spread: 90 }, passed: false })
    ]
  )
  assert.equal(c.counts.excluded, 1)
  assert.deepEqual(c.excludedPairs, [
    { key: 'broken_perf/1n2l4c1t/SpinWait', reason: 'HEAD: no passing run (1 failed of 1)' }
  ])
  assert.equal(c.counts.droppedRuns, 1)
  assert.equal(row(c, 'worst_spread')!.head!.n, 2)
  assert.equal(row(c, 'worst_spread')!.verdict, 'unchanged')
})

test('one run per side: scalar mode, whole-run distributions not compared (ktstr)', () => {
  const vals = (x: number) => ({ worst_spread: x, worst_p99_wake_latency_us: x * 10 })
  const scalar = run([sidecar({ commit: A, values: vals(8) })], [sidecar({ commit: B, values: vals(20) })])
  assert.equal(scalar.mode, 'scalar')
  assert.equal(row(scalar, 'worst_p99_wake_latency_us'), undefined)
  assert.equal(row(scalar, 'worst_spread')!.verdict, 'regression')
  const noise = run(
    [1, 2].map((i) => sidecar({ commit: A, run: i, values: vals(8 + i / 10) })),
    [1, 2].map((i) => sidecar({ commit: B, run: i, values: vals(20 + i / 10) }))
  )
  assert.equal(row(noise, 'worst_p99_wake_latency_us')!.verdict, 'regression')
})

test('uneven run counts: a side with 1 run against ≥ 2 is noisy and never gates (ktstr --noise-adjust)', () => {
  const c = run(
    [
      ...runs(A, 'worst_spread', [8, 8.1]),
      sidecar({ commit: A, test: 'solo_perf', values: { worst_spread: 8 } })
    ],
    [...runs(B, 'worst_spread', [8, 8.1]), ...runs(B, 'worst_spread', [40, 40.5, 41], { test: 'solo_perf' })]
  )
  assert.equal(c.mode, 'noise-adjusted')
  const solo = row(c, 'worst_spread', 'solo_perf/1n2l4c1t/SpinWait')!
  assert.equal(solo.verdict, 'noisy')
  assert.equal(solo.mode, 'noise-adjusted')
  assert.equal(c.counts.noisy, 1)
  assert.equal(c.counts.regressions, 0)
  assert.equal(c.verdict, 'pass')
  assert.ok(c.notices.some((n) => /1 row\(s\) noisy/.test(n)))
  // Once a baseline run is failed, a 2-vs-1 pair is noisy too: the failed run is not a sample.
  const c2 = run(
    [
      ...runs(A, 'worst_spread', [8]),
      sidecar({ commit: A, run: 2, values: { worst_spread: 8 }, passed: false })
    ],
    runs(B, 'worst_spread', [40, 41])
  )
  assert.equal(row(c2, 'worst_spread')!.verdict, 'noisy')
  // One run on both sides everywhere: ktstr's scalar rule.
  const c3 = run(runs(A, 'worst_spread', [8]), runs(B, 'worst_spread', [40]))
  assert.equal(c3.mode, 'scalar')
  assert.equal(row(c3, 'worst_spread')!.verdict, 'regression')
})

test('expected_failure runs are left out of the regression math: dropped from a pair, or the pair excluded', () => {
  const c = run(
    [
      ...runs(A, 'worst_spread', [8, 8.1]),
      sidecar({ commit: A, run: 3, values: { worst_spread: 1 }, expectedFailure: true }),
      sidecar({ commit: A, test: 'crash_perf', values: { worst_spread: 8 } })
    ],
    [
      ...runs(B, 'worst_spread', [8, 8.1]),
      sidecar({ commit: B, run: 3, values: { worst_spread: 99 }, expectedFailure: true }),
      sidecar({ commit: B, test: 'crash_perf', values: { worst_spread: 90 }, expectedFailure: true })
    ]
  )
  assert.equal(row(c, 'worst_spread', 'steady_perf/1n2l4c1t/SpinWait')!.verdict, 'unchanged')
  assert.equal(row(c, 'worst_spread', 'steady_perf/1n2l4c1t/SpinWait')!.head!.n, 2)
  assert.equal(c.counts.droppedRuns, 2)
  assert.deepEqual(c.excludedPairs, [
    { key: 'crash_perf/1n2l4c1t/SpinWait', reason: 'HEAD: no passing run (1 expected failure of 1)' }
  ])
  assert.equal(c.counts.excluded, 1)
  assert.equal(c.counts.regressions, 0)
})

test('throughput_denomination is part of the pairing key: wall and cpu_sec runs never meet', () => {
  const c = run(
    runs(A, 'iterations_per_cpu_sec', [100], { denomination: 'wall' }),
    runs(B, 'iterations_per_cpu_sec', [300], { denomination: 'cpu_sec' })
  )
  assert.equal(c.rows.length, 0)
  assert.deepEqual(c.newInHead, ['steady_perf/1n2l4c1t/SpinWait [throughput=cpu_sec]'])
  assert.deepEqual(c.removedFromBase, ['steady_perf/1n2l4c1t/SpinWait [throughput=wall]'])
  assert.ok(c.notices.some((n) => /throughput_denomination differs/.test(n)))
  const same = run(
    runs(A, 'iterations_per_cpu_sec', [100], { denomination: 'wall' }),
    runs(B, 'iterations_per_cpu_sec', [300], { denomination: 'wall' })
  )
  assert.equal(row(same, 'iterations_per_cpu_sec')!.key, 'steady_perf/1n2l4c1t/SpinWait')
})

test('zero baseline: a move from ~0 is judged by the absolute gate (not "unchanged"); both ~0 are counted, not rows', () => {
  const c = run(
    runs(A, 'worst_spread', [0], { values: { worst_gap_ms: 0 } }),
    runs(B, 'worst_spread', [30], { values: { worst_gap_ms: 0 } })
  )
  assert.equal(row(c, 'worst_spread')!.verdict, 'regression')
  assert.equal(row(c, 'worst_gap_ms'), undefined)
  assert.ok(c.counts.bothZero >= 1)
})

test('render-suppressed rate components are never rows; the rate is', () => {
  const v = (r: number) => ({
    iterations_per_cpu_sec: r,
    total_iterations_pooled: r * 4,
    total_cpu_time_sec: 4
  })
  const c = run([sidecar({ commit: A, values: v(100) })], [sidecar({ commit: B, values: v(150) })])
  assert.equal(row(c, 'total_cpu_time_sec'), undefined)
  assert.equal(row(c, 'total_iterations_pooled'), undefined)
  assert.equal(row(c, 'iterations_per_cpu_sec')!.verdict, 'improvement')
})

test('metric names the registry does not know are shown as unknown, never gated, and counted', () => {
  const c = run(runs(A, 'brand_new_metric', [1, 1.01]), runs(B, 'brand_new_metric', [5, 5.01]))
  const r = row(c, 'brand_new_metric')!
  assert.equal(r.polarity, 'unknown')
  assert.equal(r.verdict, 'informational')
  assert.equal(c.counts.unknownMetrics, 1)
  assert.deepEqual(c.unknownMetrics, ['brand_new_metric'])
  assert.equal(c.counts.regressions, 0)
})

test('per-test assertion trips only with >= 2 runs per side, with its own gates and direction', () => {
  const decl = [{ metric: 'worst_spread', maxRegressionPct: 5, name: 'SPREAD_GATE' }]
  // +10 % on worst_spread: under the registry's 25 % relative gate, over the assertion's 5 %.
  const base = runs(A, 'worst_spread', [20, 20.1, 19.9], { assertions: decl })
  const head = runs(B, 'worst_spread', [22, 22.1, 21.9], { assertions: decl })
  const c = run(base, head, { options: { failThreshold: 5 } })
  assert.equal(row(c, 'worst_spread')!.verdict, 'unchanged')
  assert.equal(c.assertions.length, 1)
  // |Δ| = 2 < registry default_abs 5 → the assertion's absolute floor (unset → default_abs) holds it back.
  assert.equal(c.assertions[0]!.tripped, false)
  const withFloor = [{ ...decl[0]!, minAbs: 1 }]
  const c2 = run(
    runs(A, 'worst_spread', [20, 20.1, 19.9], { assertions: withFloor }),
    runs(B, 'worst_spread', [22, 22.1, 21.9], { assertions: withFloor })
  )
  assert.equal(c2.assertions[0]!.tripped, true)
  assert.equal(c2.verdict, 'fail')
  assert.deepEqual(c2.reasons, ['assertion SPREAD_GATE tripped on steady_perf/1n2l4c1t/SpinWait'])
  // Scalar: inert.
  const c3 = run(
    runs(A, 'worst_spread', [20], { assertions: withFloor }),
    runs(B, 'worst_spread', [30], { assertions: withFloor })
  )
  assert.equal(c3.assertions[0]!.tripped, false)
  assert.match(c3.assertions[0]!.skipped!, /needs ≥ 2 runs per side/)
})

test('an assertion direction override makes an informational metric gate; phase assertions read the phase', () => {
  const decl = [
    { metric: 'total_pcount', direction: 'LowerBetter' as const, maxRegressionPct: 10, minAbs: 10 }
  ]
  const c = run(
    runs(A, 'total_pcount', [1000, 1010, 990], { assertions: decl }),
    runs(B, 'total_pcount', [1500, 1510, 1490], { assertions: decl })
  )
  assert.equal(row(c, 'total_pcount')!.verdict, 'informational')
  assert.equal(c.assertions[0]!.tripped, true)
  const phased = [{ metric: 'wakeup_p99_latency_us', phase: 1, minAbs: 1, maxRegressionPct: 10 }]
  const ph = (commit: string, v: number) =>
    [1, 2, 3].map((i) =>
      sidecar({
        commit,
        run: i,
        values: {},
        assertions: phased,
        phases: [{ stepIndex: 1, metrics: { wakeup_p99_latency_us: v + i / 10 } }]
      })
    )
  const c2 = run(ph(A, 100), ph(B, 150))
  assert.equal(c2.assertions[0]!.phase, 1)
  assert.equal(c2.assertions[0]!.tripped, true)
})

test('must-fail on a whole-run distribution metric is rejected when the data is scalar', () => {
  assert.throws(
    () =>
      run(runs(A, 'worst_spread', [1]), runs(B, 'worst_spread', [1]), {
        options: { mustFail: ['worst_p99_wake_latency_us'] }
      }),
    (e: unknown) => e instanceof UsageError && /only reports per-run/.test(e.message)
  )
})

test('rows pair on a non-sliced dimension and say so in the label when it varies', () => {
  const mk = (commit: string, kernel: string, v: number) =>
    sidecar({ commit, kernel, values: { worst_spread: v } })
  const c = run([mk(A, '6.14', 8), mk(A, '6.15', 8)], [mk(B, '6.14', 8), mk(B, '6.15', 30)])
  assert.deepEqual(
    c.rows.filter((r) => r.metric === 'worst_spread').map((r) => [r.key, r.verdict]),
    [
      ['steady_perf/1n2l4c1t/SpinWait [kernel=6.15]', 'regression'],
      ['steady_perf/1n2l4c1t/SpinWait [kernel=6.14]', 'unchanged']
    ]
  )
})

test('the same run restored twice counts once', () => {
  const base = runs(A, 'worst_spread', [8, 9])
  const c = run(
    [...base, { ...base[0]!, file: `elsewhere/${base[0]!.file}` }],
    runs(B, 'worst_spread', [8, 9])
  )
  assert.equal(row(c, 'worst_spread')!.base!.n, 2)
  assert.ok(c.notices.some((n) => /1 duplicate baseline sidecar/.test(n)))
})

test('an empty baseline is no-baseline and passes', () => {
  const c = run([], runs(B, 'worst_spread', [8]))
  assert.equal(c.verdict, 'no-baseline')
  assert.equal(c.rows.length, 0)
})

test('the threshold policy replaces the relative gate only', () => {
  const base = runs(A, 'worst_spread', [20])
  const head = runs(B, 'worst_spread', [24])
  // +20 % and Δ = 4 < default_abs 5: a 0 % threshold still leaves the absolute gate in force.
  assert.equal(
    row(run(base, head, { options: { policy: { default_percent: 0 } } }), 'worst_spread')!.verdict,
    'unchanged'
  )
  const head2 = runs(B, 'worst_spread', [26])
  assert.equal(row(run(base, head2), 'worst_spread')!.verdict, 'regression')
  assert.equal(
    row(run(base, head2, { options: { policy: { default_percent: 31 } } }), 'worst_spread')!.verdict,
    'unchanged'
  )
  assert.equal(
    row(
      run(base, head2, { options: { policy: { per_metric_percent: { worst_spread: 30 } } } }),
      'worst_spread'
    )!.verdict,
    'regression'
  )
})

test('fdr (opt-in) re-decides separation with Benjamini–Hochberg across rows', () => {
  // Three tests: a clear regression, a borderline one (p ≈ 0.046 alone), and no change (p ≈ 0.8).
  const clear = (commit: string, v: number) =>
    [1, 2, 3, 4].map((i) =>
      sidecar({ commit, test: 'clear_perf', run: i, values: { worst_spread: v + (i % 2) / 10 } })
    )
  const base = [
    ...clear(A, 20),
    ...runs(A, 'worst_spread', [20, 24, 18, 22], { test: 'edge_perf' }),
    ...runs(A, 'worst_spread', [20, 24, 18, 22], { test: 'flat_perf' })
  ]
  const head = [
    ...clear(B, 40),
    ...runs(B, 'worst_spread', [23, 32, 25, 30], { test: 'edge_perf' }),
    ...runs(B, 'worst_spread', [21, 23, 19, 22], { test: 'flat_perf' })
  ]
  const plain = run(base, head)
  const edgeP = row(plain, 'worst_spread', 'edge_perf/1n2l4c1t/SpinWait')!
  assert.ok(Math.abs(edgeP.pValue! - 0.04639813) < 1e-6, `p=${edgeP.pValue}`) // SciPy
  assert.equal(edgeP.verdict, 'regression')
  assert.equal(edgeP.pAdjusted, null)
  const fdr = run(base, head, { options: { fdr: 0.05 } })
  const clearF = row(fdr, 'worst_spread', 'clear_perf/1n2l4c1t/SpinWait')!
  const edgeF = row(fdr, 'worst_spread', 'edge_perf/1n2l4c1t/SpinWait')!
  assert.equal(clearF.verdict, 'regression')
  // rank 2 of 3 → 0.0464 · 3/2 ≈ 0.0696 ≥ 0.05: no longer separated.
  assert.ok(Math.abs(edgeF.pAdjusted! - (0.04639813 * 3) / 2) < 1e-6)
  assert.equal(edgeF.separated, false)
  assert.equal(edgeF.verdict, 'unchanged')
  assert.equal(fdr.options.fdr, 0.05)
})

test('--threshold / --policy gate the scalar path only; on repeated runs they are a usage error (ktstr: they conflict with --noise-adjust)', () => {
  // +20 %: under worst_spread's registry 25 %, over a 10 % threshold.
  const scalar = run(runs(A, 'worst_spread', [50]), runs(B, 'worst_spread', [60]), {
    options: { policy: { default_percent: 10 }, thresholdPercent: 10 }
  })
  assert.equal(row(scalar, 'worst_spread')!.verdict, 'regression')
  assert.equal(row(scalar, 'worst_spread')!.gate.rel, 0.1)
  for (const policy of [{ default_percent: 10 }, { per_metric_percent: { worst_gap_ms: 5 } }])
    assert.throws(
      () =>
        run(runs(A, 'worst_spread', [50, 50.1]), runs(B, 'worst_spread', [60]), {
          options: { policy, thresholdPercent: 10 }
        }),
      (e: unknown) =>
        e instanceof UsageError &&
        /scalar comparison only .* repeated runs \(steady_perf\/1n2l4c1t\/SpinWait: 2 runs\)/.test(e.message)
    )
  // An empty policy changes nothing, so repeated runs are fine with it.
  const empty = run(runs(A, 'worst_spread', [50, 50.1]), runs(B, 'worst_spread', [60, 60.1]), {
    options: { policy: { default_percent: null, per_metric_percent: {} } }
  })
  assert.equal(row(empty, 'worst_spread')!.gate.rel, 0.25)
})

test('assertions are declared by HEAD only; negative gates and a TargetValue direction fall back to the registry', () => {
  const decl = [{ metric: 'worst_spread', maxRegressionPct: 5, minAbs: 1 }]
  // Declared on the baseline only: not an assertion of this comparison (ktstr reads b_rows.first()).
  const baseOnly = run(
    runs(A, 'worst_spread', [20, 20.1, 19.9], { assertions: decl }),
    runs(B, 'worst_spread', [22, 22.1, 21.9])
  )
  assert.deepEqual(baseOnly.assertions, [])
  assert.equal(baseOnly.verdict, 'pass')
  // HEAD's first usable run declares; a later run's extra declaration is not read.
  const head = [
    ...runs(B, 'worst_spread', [22], { assertions: decl }),
    ...runs(B, 'worst_spread', [22.1, 21.9], {
      assertions: [...decl, { metric: 'worst_gap_ms', minAbs: 0, maxRegressionPct: 0 }]
    }).map((s, i) => ({ ...s, timestamp: `2026-05-01T11:0${i}:00Z` }))
  ]
  const c = run(runs(A, 'worst_spread', [20, 20.1, 19.9]), head)
  assert.deepEqual(
    c.assertions.map((a) => [a.metric, a.tripped]),
    [['worst_spread', true]]
  )
  // Negative values: registry gates (25 %, abs 5), so +10 % does not trip; TargetValue → registry polarity.
  const odd = [{ metric: 'worst_spread', maxRegressionPct: -5, minAbs: -1, direction: { TargetValue: 0 } }]
  const c2 = run(
    runs(A, 'worst_spread', [20, 20.1, 19.9]),
    runs(B, 'worst_spread', [22, 22.1, 21.9], { assertions: odd })
  )
  assert.equal(c2.assertions[0]!.rel, 0.25)
  assert.equal(c2.assertions[0]!.abs, 5)
  assert.equal(c2.assertions[0]!.direction, 'lower')
  assert.equal(c2.assertions[0]!.tripped, false)
})

test('metric names that are Object.prototype members: no inherited function is ever read as a sample', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    const a = runs(A, 'worst_spread', [8, 8.1])
    const b = runs(B, 'worst_spread', [8, 8.1]).map((s) => ({ ...s, values: { ...s.values, [name]: 5 } }))
    // A side that lacks the name entirely: coverage, never NaN.
    const c = run(a, b)
    const r = c.rows.find((x) => x.metric === name)
    assert.ok(r, name)
    assert.equal(r.verdict, 'coverage', name)
    assert.equal(r.base, null)
    assert.deepEqual(r.head!.samples, [5, 5])
    // Comment mode reads the JSON report back; it must accept it.
    assert.doesNotThrow(() => parseComparisonJson(JSON.parse(renderJson(c)), 'report.json'), name)
    for (const x of c.rows)
      for (const v of [...(x.base?.samples ?? []), ...(x.head?.samples ?? [])])
        assert.equal(typeof v, 'number')
  }
})

test('values near the top of the double range: an obvious change is a regression with finite means', () => {
  const c = run(
    runs(A, 'worst_spread', [1e308, 1.01e308, 0.99e308]),
    runs(B, 'worst_spread', [1.7e308, 1.71e308, 1.69e308])
  )
  const r = row(c, 'worst_spread')!
  assert.equal(r.verdict, 'regression')
  assert.ok(Number.isFinite(r.base!.mean) && Number.isFinite(r.head!.mean))
  assert.ok(Math.abs(r.base!.mean - 1e308) < 1e294)
  assert.ok(Number.isFinite(r.head!.stdev))
  assert.ok(r.pValue !== null && r.pValue < 0.05)
  assert.ok(Math.abs(r.relDelta! - 0.7) < 1e-9)
  // A Counter's cross-run sum (display only) would overflow: the report still reads back.
  const counter = run(
    runs(A, 'total_migrations', [1e308, 1.01e308]),
    runs(B, 'total_migrations', [1.7e308, 1.71e308])
  )
  assert.equal(row(counter, 'total_migrations')!.verdict, 'regression')
  assert.ok(Number.isFinite(row(counter, 'total_migrations')!.head!.fold))
  assert.doesNotThrow(() => parseComparisonJson(JSON.parse(renderJson(counter)), 'report.json'))
  const scalar = run(runs(A, 'total_migrations', [1.7e308]), runs(B, 'total_migrations', [1e308]))
  assert.equal(row(scalar, 'total_migrations')!.verdict, 'improvement')
})

test('a difference or spread beyond the double range: exact relative change, out-of-range Δ, report reads back', () => {
  // Opposite signs near ±1.8e308: B − A overflows; (B − A)/|A| = 2 does not.
  const c = run(
    runs(A, 'worst_spread', [-1e308, -1.01e308, -0.99e308]),
    runs(B, 'worst_spread', [1e308, 1.01e308, 0.99e308])
  )
  const r = row(c, 'worst_spread')!
  assert.equal(r.verdict, 'regression')
  assert.equal(r.delta, null)
  assert.ok(Math.abs(r.relDelta! - 2) < 1e-12)
  assert.ok(r.ci95 !== null && r.ci95[0] < 2 && r.ci95[1] > 2)
  assert.ok(c.notices.some((n) => n.includes('beyond the double range')))
  // The opt-in fdr re-decision keeps the direction of an out-of-range Δ.
  const fdr = run(
    runs(A, 'worst_spread', [-1e308, -1.01e308, -0.99e308]),
    runs(B, 'worst_spread', [1e308, 1.01e308, 0.99e308]),
    { options: { fdr: 0.05 } }
  )
  assert.equal(row(fdr, 'worst_spread')!.verdict, 'regression')
  const back = parseComparisonJson(JSON.parse(renderJson(c)), 'report.json')
  const rb = back.rows.find((x) => x.metric === 'worst_spread')!
  assert.equal(rb.verdict, 'regression')
  assert.equal(rb.relDelta, r.relDelta)
  assert.equal(rb.base!.mean, r.base!.mean)
  assert.match(renderTerminal(back, { color: false }), /> \+1\.8e308.*\+200%/)
  assert.match(renderSummary(back, {}), /&gt; \+1\.8e308 pp/)
  // One run per side (scalar): the same, without the statistics.
  const s1 = run(runs(A, 'total_migrations', [1.7e308]), runs(B, 'total_migrations', [-1.7e308]))
  const r1 = row(s1, 'total_migrations')!
  assert.equal(r1.verdict, 'improvement')
  assert.equal(r1.relDelta, -2)
  // A spread beyond the range: JSON writes the standard deviation as null, comment mode reads it back.
  const wide = run(runs(A, 'worst_spread', [1.7e308, -1.7e308, 1.7e308]), runs(B, 'worst_spread', [1, 2, 3]))
  const w = row(wide, 'worst_spread')!
  assert.equal(w.base!.stdev, Infinity)
  assert.ok(Number.isFinite(w.base!.mean))
  assert.equal(w.verdict, 'unchanged')
  const json = JSON.parse(renderJson(wide))
  assert.equal(json.rows.find((x: { metric: string }) => x.metric === 'worst_spread').base.stdev, null)
  const wb = parseComparisonJson(json, 'report.json')
  assert.equal(wb.rows.find((x) => x.metric === 'worst_spread')!.base!.stdev, Infinity)
  assert.doesNotThrow(() => renderComment(wb, { key: 'k' }))
})

test('a registry metric of a kind this version does not know is shown as informational, never gated', () => {
  const newer = buildRegistry(
    [
      ...registry.metrics,
      {
        name: 'new_hist',
        polarity: 'LowerBetter',
        kind: 'Histogram',
        default_abs: 1,
        default_rel: 0.1,
        display_unit: 'ms'
      }
    ],
    'live',
    'cargo ktstr'
  )
  const decl = [{ metric: 'new_hist', maxRegressionPct: 0, minAbs: 0 }]
  for (const options of [{}, { fdr: 0.05 }]) {
    const c = run(
      runs(A, 'new_hist', [10, 10.1, 9.9]),
      runs(B, 'new_hist', [50, 50.2, 49.8], { assertions: decl }),
      { registry: newer, options }
    )
    const r = row(c, 'new_hist')!
    assert.equal(r.verdict, 'informational')
    assert.equal(r.polarity, 'informational')
    assert.equal(r.unit, 'ms')
    assert.equal(c.verdict, 'pass')
    assert.equal(c.counts.regressions, 0)
    assert.equal(c.assertions[0]!.tripped, false)
    assert.match(c.assertions[0]!.skipped!, /kind this ktstr-perf-gate does not know \(Histogram\)/)
    assert.ok(
      c.notices.some((n) => n.includes('new_hist (Histogram)')),
      c.notices.join('\n')
    )
  }
})
