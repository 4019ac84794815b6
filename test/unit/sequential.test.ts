import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { compare, type CompareInput } from '../../src/core/compare.js'
import { bundledRegistry } from '../../src/core/registry.js'
import {
  effectiveGate,
  judgeSequential,
  SEQUENTIAL_DEFAULTS,
  type SequentialParams
} from '../../src/core/sequential.js'
import { describe } from '../../src/core/stats.js'
import { DIMENSIONS, type Sidecar } from '../../src/core/sidecar.js'
import type { SideStats } from '../../src/core/types.js'
import { parseComparisonJson } from '../../src/report/json-parse.js'
import { renderJson } from '../../src/report/json.js'
import { runs } from '../helpers/sidecars.js'

const registry = bundledRegistry()
const A = 'aaaaaaa'
const B = 'bbbbbbb'
const pairOn = DIMENSIONS.filter((d) => d !== 'project-commit')
const run = (base: Sidecar[], head: Sidecar[], options: CompareInput['options'] = {}) =>
  compare({
    base,
    head,
    pairOn,
    registry,
    baseline: { label: A, how: 'test' },
    headSpec: { label: B, how: 'test' },
    options: { rule: 'sequential', ...options }
  })

// Deviations with mean 0 and sample standard deviation 1, so `around(m, sd, n)` has exactly that mean and spread.
function around(mean: number, sd: number, n: number): number[] {
  const raw = Array.from({ length: n }, (_, i) => i - (n - 1) / 2)
  const s = Math.sqrt(raw.reduce((t, x) => t + x * x, 0) / (n - 1))
  return raw.map((x) => mean + (sd * x) / s)
}

// total_iterations: higher is better, gates abs 100 and rel 10 %: around 10,000 the gate is 1,000.
const M = 'total_iterations'
const state = (base: number[], head: number[], o: CompareInput['options'] = {}) => {
  const c = run(runs(A, M, base), runs(B, M, head), o)
  return { c, r: c.rows.find((x) => x.metric === M)! }
}

test('regression: the change is beyond the gate in the worse direction and significant', () => {
  const { c, r } = state(around(10_000, 100, 5), around(8_000, 100, 5))
  assert.equal(r.state, 'regression')
  assert.equal(r.verdict, 'regression')
  assert.equal(r.runsNeeded, null)
  assert.equal(c.counts.regressions, 1)
  assert.equal(c.rule, 'sequential')
})

test('improvement: the mirror image', () => {
  const { c, r } = state(around(10_000, 100, 5), around(12_000, 100, 5))
  assert.equal(r.state, 'improvement')
  assert.equal(r.verdict, 'improvement')
  assert.equal(c.counts.improvements, 1)
})

test('unchanged: the confidence bounds of the change are inside the gate', () => {
  const { c, r } = state(around(10_000, 100, 5), around(10_050, 100, 5))
  assert.equal(r.state, 'unchanged')
  assert.equal(r.verdict, 'unchanged')
  assert.equal(c.counts.unchanged, 1)
  assert.equal(c.counts.undecided, 0)
})

test('unchanged also covers an improvement that is not significant: only regressions are chased', () => {
  const { r } = state(around(10_000, 500, 5), around(11_100, 500, 5))
  assert.equal(r.state, 'unchanged')
  assert.equal(r.runsNeeded, null)
})

test('HEAD runs that understate the spread do not make a regression: the larger variance is used', () => {
  // Baseline CV 13 %, five HEAD runs that happen to agree closely, 13 % worse than the baseline.
  const base = around(10_000, 1_300, 21)
  const tight = state(base, around(8_700, 100, 5)).r
  assert.notEqual(tight.state, 'regression')
})

test('undecided: beyond the gate but not yet significant; more runs are estimated, the gate passes', () => {
  const { c, r } = state(around(10_000, 500, 5), around(8_900, 500, 5))
  assert.equal(r.state, 'undecided')
  assert.equal(r.verdict, 'unchanged')
  assert.ok(r.runsNeeded !== null && r.runsNeeded > 5, String(r.runsNeeded))
  assert.equal(c.counts.undecided, 1)
  assert.equal(c.counts.unchanged, 0)
  assert.equal(c.verdict, 'pass')
  assert.deepEqual(
    c.tests.map((t) => [t.test, t.headRuns, t.undecided, t.runsNeeded]),
    [['steady_perf', 5, 1, r.runsNeeded]]
  )
  assert.ok(
    c.notices.some((n) => /1 row\(s\) in 1 test\(s\) undecided/.test(n)),
    c.notices.join('\n')
  )
})

test('a regression-sized change that is not yet significant is undecided, not a pass by default', () => {
  // 15 % worse at CV 5 % with 2 runs a side: ktstr would not separate it; sequential asks for more runs.
  const { r } = state([10_000, 10_500], [8_500, 9_000])
  assert.equal(r.state, 'undecided')
})

test('inconclusive: still undecided at max-runs', () => {
  const { c, r } = state(around(10_000, 500, 5), around(8_900, 500, 5), { sequential: { maxRuns: 5 } })
  assert.equal(r.state, 'inconclusive')
  assert.equal(r.verdict, 'unchanged')
  assert.equal(c.counts.inconclusive, 1)
  assert.ok(c.notices.some((n) => /inconclusive/.test(n)))
})

test('inconclusive: too noisy for its gate to be decided within max-runs (futility)', () => {
  // CV 50 % against a 10 % gate: even no change could not be shown inside the gate with 20 runs.
  const { r } = state(around(10_000, 5_000, 5), around(10_000, 5_000, 5))
  assert.equal(r.state, 'inconclusive')
  assert.ok(r.runsNeeded !== null && r.runsNeeded > 20)
})

test('a spread beyond double range is undecided, and inconclusive at max-runs (never an endless top-up)', () => {
  const huge = (n: number): SideStats => ({
    n,
    mean: 1e308,
    min: -1.7e308,
    max: 1.7e308,
    stdev: Infinity,
    value: 1e308,
    fold: 1e308,
    samples: []
  })
  const row = (n: number) => ({
    base: huge(20),
    head: huge(n),
    gate: { abs: 0, rel: 0.1 },
    worse: 1 as const
  })
  assert.equal(judgeSequential(row(5), SEQUENTIAL_DEFAULTS).state, 'undecided')
  assert.equal(judgeSequential(row(20), SEQUENTIAL_DEFAULTS).state, 'inconclusive')
})

test('scalar mode (1 run per side) keeps ktstr rule: no state, the dual gate decides', () => {
  const { c, r } = state([10_000], [8_000])
  assert.equal(c.mode, 'scalar')
  assert.equal(r.state, null)
  assert.equal(r.verdict, 'regression')
  const small = state([10_000], [9_500]).r
  assert.equal(small.verdict, 'unchanged')
  assert.equal(small.state, null)
})

test("ktstr's rule (the default) sets no state and lists no tests", () => {
  const c = compare({
    base: runs(A, M, around(10_000, 500, 5)),
    head: runs(B, M, around(8_900, 500, 5)),
    pairOn,
    registry,
    baseline: { label: A, how: 'test' },
    headSpec: { label: B, how: 'test' }
  })
  assert.equal(c.rule, 'ktstr')
  assert.deepEqual(c.tests, [])
  assert.equal(c.options.sequential, null)
  assert.ok(c.rows.every((r) => r.state === null && r.runsNeeded === null))
  // ktstr separates it at α 0.05 and counts it.
  assert.equal(c.rows.find((r) => r.metric === M)!.verdict, 'regression')
})

test('the sequential fields survive the JSON contract (render, then parse back)', () => {
  const { c } = state(around(10_000, 500, 5), around(8_900, 500, 5))
  const back = parseComparisonJson(JSON.parse(renderJson(c)), 'report.json')
  assert.equal(back.rule, 'sequential')
  assert.deepEqual(back.tests, c.tests)
  assert.deepEqual(back.options.sequential, c.options.sequential)
  assert.deepEqual(
    back.rows.map((r) => [r.state, r.runsNeeded]),
    c.rows.map((r) => [r.state, r.runsNeeded])
  )
  assert.equal(back.counts.undecided, 1)
  // A report written before the sequential rule existed still reads, as ktstr's rule.
  const old = JSON.parse(renderJson(c)) as Record<string, unknown>
  delete old.rule
  delete old.tests
  const counts = old.counts as Record<string, unknown>
  delete counts.undecided
  delete counts.inconclusive
  for (const r of old.rows as Record<string, unknown>[]) {
    delete r.state
    delete r.runsNeeded
  }
  const parsedOld = parseComparisonJson(old, 'old.json')
  assert.equal(parsedOld.rule, 'ktstr')
  assert.deepEqual(parsedOld.tests, [])
  assert.equal(parsedOld.rows[0]!.state, null)
  // A state outside the five is rejected with the path named.
  const bad = JSON.parse(renderJson(c)) as { rows: Record<string, unknown>[] }
  bad.rows[0]!.state = 'maybe'
  assert.throws(() => parseComparisonJson(bad, 'bad.json'), /\$\.rows\[0\]\.state/)
})

function stats(xs: number[]): SideStats {
  const d = describe(xs)
  return { ...d, value: d.mean, fold: d.mean, samples: xs }
}

test('property: a decided state agrees with the point estimate and the gate', () => {
  const sample = fc.array(fc.double({ min: 50, max: 150, noNaN: true }), { minLength: 2, maxLength: 20 })
  fc.assert(
    fc.property(
      sample,
      sample,
      fc.constantFrom<1 | -1>(1, -1),
      fc.double({ min: 0.01, max: 0.5, noNaN: true }),
      (a, b, worse, rel) => {
        const row = { base: stats(a), head: stats(b), gate: { abs: 0, rel }, worse }
        const j = judgeSequential(row, SEQUENTIAL_DEFAULTS)
        const w = worse * (row.head.value - row.base.value)
        const G = effectiveGate(row)
        if (j.state === 'regression') assert.ok(w >= G)
        if (j.state === 'improvement') assert.ok(-w >= G)
        if (j.state === 'unchanged') assert.ok(w < G || (w === G && G === 0))
        if (j.state === 'undecided') assert.ok(j.runsNeeded !== null && j.runsNeeded > row.head.n)
      }
    ),
    { numRuns: 300 }
  )
})

test('property: a stricter α never turns a non-regression into a regression', () => {
  const sample = fc.array(fc.double({ min: 50, max: 150, noNaN: true }), { minLength: 2, maxLength: 12 })
  fc.assert(
    fc.property(sample, sample, (a, b) => {
      const row = { base: stats(a), head: stats(b), gate: { abs: 0, rel: 0.1 }, worse: 1 as const }
      const loose: SequentialParams = { ...SEQUENTIAL_DEFAULTS, alpha: 0.01 }
      const strict: SequentialParams = { ...SEQUENTIAL_DEFAULTS, alpha: 0.0001 }
      if (judgeSequential(row, strict).state === 'regression')
        assert.equal(judgeSequential(row, loose).state, 'regression')
    }),
    { numRuns: 300 }
  )
})
