import assert from 'node:assert/strict'
import { test } from 'node:test'
import { runValues } from '../../src/core/fold.js'
import { decide, judge, relChange, type MetricGate } from '../../src/core/gate.js'
import type { ComparisonRow } from '../../src/core/types.js'
import { runs } from '../helpers/sidecars.js'

// worst_spread: LowerBetter, Gauge(Last), default_abs 5, default_rel 0.25.
const G: MetricGate = { abs: 5, rel: 0.25, worse: 1, alpha: 0.05 }
const j = (a: number[], b: number[], g: Partial<MetricGate> = {}) =>
  judge(
    undefined,
    runValues(undefined, 'm', runs('aaaaaaa', 'm', a)),
    runValues(undefined, 'm', runs('bbbbbbb', 'm', b)),
    {
      ...G,
      ...g
    }
  )

test('scalar dual gate: both gates inclusive (>=), either below → unchanged', () => {
  // Δ = 5 = abs, rel = 5/20 = 0.25 = rel → significant
  assert.equal(j([20], [25])!.verdict, 'regression')
  // Δ = 4.99 < abs
  assert.equal(j([20], [24.99])!.verdict, 'unchanged')
  // rel = 5/21 < 0.25
  assert.equal(j([21], [26])!.verdict, 'unchanged')
  const r = j([20], [25])!
  assert.equal(r.mode, 'scalar')
  assert.equal(r.pValue, null)
  assert.equal(r.separated, null)
  assert.deepEqual(r.gate, { abs: 5, rel: 0.25, absCleared: true, relCleared: true })
  assert.equal(r.delta, 5)
  assert.equal(r.relDelta, 0.25)
})

test('polarity decides the direction; informational never regresses', () => {
  assert.equal(j([20], [30])!.verdict, 'regression')
  assert.equal(j([30], [20])!.verdict, 'improvement')
  assert.equal(j([20], [30], { worse: -1 })!.verdict, 'improvement')
  assert.equal(j([30], [20], { worse: -1 })!.verdict, 'regression')
  assert.equal(j([20], [30], { worse: 0 })!.verdict, 'informational')
})

test('zero baseline (ktstr ZERO_MEAN_EPS = 1e-9): the relative change is infinite, so the absolute gate alone decides', () => {
  const r = j([0], [100])!
  assert.equal(r.verdict, 'regression')
  assert.equal(r.material, true)
  assert.deepEqual(r.gate, { abs: 5, rel: 0.25, absCleared: true, relCleared: true })
  assert.equal(r.relDelta, null) // not a finite number: shown as "new", not as a percentage
  assert.equal(j([0], [4])!.verdict, 'unchanged') // |Δ| = 4 < abs 5
  assert.equal(j([1e-10], [6])!.verdict, 'regression') // |A| ≤ 1e-9 counts as zero
  assert.equal(j([0, 0], [50, 50.5])!.verdict, 'regression') // noise-adjusted too (disjoint bands)
  assert.equal(relChange(0, 2e-9), Infinity)
  assert.equal(relChange(0, 1e-10), 0)
  assert.equal(relChange(-4, 1), 0.25)
})

test('both sides within 1e-9 of zero: skipped without a row, and counted', () => {
  const skipped = { bothZero: 0 }
  const none = (a: number[], b: number[]) =>
    judge(
      undefined,
      runValues(undefined, 'm', runs('aaaaaaa', 'm', a)),
      runValues(undefined, 'm', runs('bbbbbbb', 'm', b)),
      G,
      { noise: a.length >= 2, skipped }
    )
  assert.equal(none([0], [0]), null)
  assert.equal(none([0, 0], [1e-20, 5e-10]), null)
  assert.equal(skipped.bothZero, 2)
  assert.notEqual(none([0], [2e-9]), null)
})

test('noise-adjusted with fewer than 2 runs on a side: noisy, never a regression (ktstr insufficient samples)', () => {
  const a = runValues(undefined, 'm', runs('aaaaaaa', 'm', [100]))
  const b = runValues(undefined, 'm', runs('bbbbbbb', 'm', [200, 201, 199]))
  const r = judge(undefined, a, b, G, { noise: true })!
  assert.equal(r.verdict, 'noisy')
  assert.equal(r.mode, 'noise-adjusted')
  assert.equal(r.separated, null)
  assert.equal(judge(undefined, b, a, G, { noise: true })!.verdict, 'noisy')
  // The same data judged as scalar (one run each side in ktstr's cached mode) would gate.
  assert.equal(judge(undefined, a, a, G, { noise: false })!.verdict, 'unchanged')
})

test('absent on one side is coverage, never gated; absent on both is skipped', () => {
  const a = runValues(undefined, 'm', runs('aaaaaaa', 'm', [1, 2]))
  const none = runValues(undefined, 'm', runs('bbbbbbb', 'other', [1, 2]))
  assert.equal(judge(undefined, a, none, G)!.verdict, 'coverage')
  assert.equal(judge(undefined, none, a, G)!.verdict, 'coverage')
  assert.equal(judge(undefined, none, none, G), null)
})

test('noise-adjusted: a material move must also be separated', () => {
  // Means 20 → 30 (material) but huge overlap: not separated.
  const noisy = j([10, 30, 20, 5, 35], [40, 10, 30, 20, 50])!
  assert.equal(noisy.mode, 'noise-adjusted')
  assert.equal(noisy.material, true)
  assert.equal(noisy.separated, false)
  assert.equal(noisy.verdict, 'unchanged')
  // Tight samples: Welch separates.
  const clean = j([20, 20.5, 19.5, 20.2, 19.8], [30, 30.5, 29.5, 30.2, 29.8])!
  assert.equal(clean.separated, true)
  assert.ok(clean.pValue! < 0.05)
  assert.equal(clean.verdict, 'regression')
  assert.ok(clean.ci95 && clean.ci95[0] < 0.5 && clean.ci95[1] > 0.5)
  assert.ok(clean.effectSize! > 0)
})

test('disjoint bands separate even when Welch does not', () => {
  // Constant sides: Welch undefined, bands disjoint.
  const r = j([20, 20, 20], [30, 30, 30])!
  assert.equal(r.pValue, null)
  assert.equal(r.disjoint, true)
  assert.equal(r.verdict, 'regression')
  // Equal constants: not separated, not material either.
  assert.equal(j([20, 20], [20, 20])!.verdict, 'unchanged')
})

test('separation without materiality is unchanged', () => {
  const r = j([20, 20.1, 19.9], [21, 21.1, 20.9])!
  assert.equal(r.separated, true)
  assert.equal(r.material, false)
  assert.equal(r.verdict, 'unchanged')
})

const row = (metric: string, verdict: ComparisonRow['verdict'], key = 't'): ComparisonRow =>
  ({ metric, verdict, key }) as ComparisonRow
const sides = { baseSidecars: 5, headSidecars: 5, baseLabel: 'aaaaaaa', headLabel: 'bbbbbbb' }

test('fail-threshold: regressions >= N fails; 0 never fails on the count', () => {
  const five = Array.from({ length: 5 }, (_, i) => row(`m${i}`, 'regression'))
  assert.deepEqual(decide(five, [], { failThreshold: 5, mustFail: [] }, sides), {
    verdict: 'fail',
    reasons: ['5 regressions ≥ fail-threshold 5']
  })
  assert.deepEqual(decide(five.slice(0, 4), [], { failThreshold: 5, mustFail: [] }, sides), {
    verdict: 'pass',
    reasons: ['4 regressions < fail-threshold 5']
  })
  assert.equal(decide(five, [], { failThreshold: 0, mustFail: [] }, sides).verdict, 'pass')
  assert.equal(decide(five.slice(0, 1), [], { failThreshold: 1, mustFail: [] }, sides).verdict, 'fail')
  assert.deepEqual(decide([], [], { failThreshold: 5, mustFail: [] }, sides).reasons, ['no regressions'])
})

test('must-fail fails on one regression of a listed metric, whatever the count', () => {
  const d = decide(
    [row('worst_spread', 'regression', 'a/b/c')],
    [],
    { failThreshold: 0, mustFail: ['worst_spread'] },
    sides
  )
  assert.equal(d.verdict, 'fail')
  assert.deepEqual(d.reasons, ['must-fail metric worst_spread regressed (a/b/c)'])
  // an improvement of a must-fail metric does not fail
  assert.equal(
    decide([row('worst_spread', 'improvement')], [], { failThreshold: 5, mustFail: ['worst_spread'] }, sides)
      .verdict,
    'pass'
  )
})

test('a tripped assertion fails; an empty baseline is no-baseline; an empty HEAD is no-data', () => {
  const tripped = {
    key: 'k',
    metric: 'worst_spread',
    name: 'SPREAD_GATE',
    phase: null,
    tripped: true
  } as never
  assert.deepEqual(decide([], [tripped], { failThreshold: 5, mustFail: [] }, sides), {
    verdict: 'fail',
    reasons: ['assertion SPREAD_GATE tripped on k']
  })
  assert.equal(
    decide([], [], { failThreshold: 5, mustFail: [] }, { ...sides, baseSidecars: 0 }).verdict,
    'no-baseline'
  )
  const h = decide([], [], { failThreshold: 5, mustFail: [] }, { ...sides, headSidecars: 0 })
  assert.equal(h.verdict, 'no-data', 'nothing measured is never a pass')
  assert.match(h.reasons[0]!, /no sidecars for HEAD bbbbbbb/)
  // Both sides empty (an empty pool): HEAD decides, not the missing baseline's pass.
  const both = { ...sides, headSidecars: 0, baseSidecars: 0 }
  assert.equal(decide([], [], { failThreshold: 5, mustFail: [] }, both).verdict, 'no-data')
})

test('Benjamini–Hochberg adjusted p-values (R p.adjust(method = "BH") reference)', async () => {
  const { benjaminiHochberg } = await import('../../src/core/gate.js')
  // p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.05 0.05 0.025 0.5
  const adj = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5])
  const want = [0.025, 0.05, 0.05, 0.025, 0.5]
  adj.forEach((p, i) => assert.ok(Math.abs(p - want[i]!) < 1e-12, `${p} vs ${want[i]}`))
  assert.deepEqual(benjaminiHochberg([]), [])
})
