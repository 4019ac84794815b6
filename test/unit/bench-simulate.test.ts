import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Rng, wilson } from '../../bench/lib.js'
import {
  DEFAULT_NOISE,
  drawValues,
  makeTest,
  noiseFactor,
  plantable,
  simulatePr,
  ZERO_NOISE,
  type Tail
} from '../../bench/model.js'
import { DEFAULT_CONFIG, judgePr, outcome, RULES, runShard, type SimConfig } from '../../bench/simulate.js'

function moments(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length
  const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)
  return { mean, sd: Math.sqrt(v) }
}

describe('bench/lib: seeded generator and Wilson interval', () => {
  it('the same seed gives the same stream, another seed another', () => {
    const a = new Rng('s', 1)
    const b = new Rng('s', 1)
    const c = new Rng('s', 2)
    const xs = Array.from({ length: 5 }, () => a.next())
    assert.deepEqual(
      xs,
      Array.from({ length: 5 }, () => b.next())
    )
    assert.notDeepEqual(
      xs,
      Array.from({ length: 5 }, () => c.next())
    )
    assert.ok(xs.every((x) => x >= 0 && x < 1))
  })

  it('Wilson 95 % intervals match known values', () => {
    const near = (x: [number, number], y: [number, number]) =>
      assert.ok(Math.abs(x[0] - y[0]) < 5e-4 && Math.abs(x[1] - y[1]) < 5e-4, `${x} vs ${y}`)
    near(wilson(5, 10), [0.2366, 0.7634])
    near(wilson(0, 10), [0, 0.2775])
    near(wilson(10, 10), [0.7225, 1])
    near(wilson(1, 100), [0.0018, 0.0545])
    near(wilson(95, 100), [0.8883, 0.9785])
    assert.deepEqual(wilson(0, 0), [0, 1])
  })
})

describe('bench/simulate: the noise model', () => {
  for (const tail of ['normal', 't3', 'lognormal'] as Tail[])
    it(`${tail} factors have mean 1 and the configured CV`, () => {
      const rng = new Rng('noise-test', tail)
      for (const cv of [0.01, 0.05, 0.2]) {
        const xs = Array.from({ length: 40_000 }, () => noiseFactor(rng, cv, tail))
        const m = moments(xs)
        assert.ok(Math.abs(m.mean - 1) < 0.01 * Math.max(1, cv * 10), `${tail} cv ${cv}: mean ${m.mean}`)
        // Student t with 3 dof has no fourth moment: its sample SD converges slowly.
        const tol = tail === 't3' ? 0.25 : 0.05
        assert.ok(Math.abs(m.sd / cv - 1) < tol, `${tail} cv ${cv}: sd ${m.sd}`)
        assert.ok(xs.every((x) => x >= 0))
      }
    })

  it('heavy tails are heavier than the normal', () => {
    const rng = new Rng('tails')
    const beyond = (tail: Tail) =>
      Array.from({ length: 40_000 }, () => noiseFactor(rng, 0.05, tail)).filter((x) => Math.abs(x - 1) > 0.15)
        .length
    assert.ok(beyond('t3') > 5 * Math.max(1, beyond('normal')))
  })

  it('draws each registry metric of a test around its mean, with rates consistent with their components', () => {
    const rng = new Rng('draw')
    const t = makeTest(rng, 0, DEFAULT_NOISE)
    const cvs = t.metrics.map((m) => m.cv)
    assert.ok(cvs.every((c) => c >= 0.01 && c <= 0.2))
    const samples = Array.from({ length: 4000 }, () =>
      drawValues(rng, t, { position: 0, drift: 0, outlier: null, planted: null, plantedCv: null })
    )
    const numerators = new Set(t.metrics.flatMap((x) => (x.rate ? [x.rate.numerator] : [])))
    for (const m of t.metrics.filter((x) => !numerators.has(x.name) && x.mean > 100 && !x.integer)) {
      const { mean, sd } = moments(samples.map((v) => v[m.name]!))
      assert.ok(Math.abs(mean / m.mean - 1) < 0.02, `${m.name} mean ${mean} vs ${m.mean}`)
      assert.ok(Math.abs(sd / (m.cv * m.mean) - 1) < 0.3, `${m.name} CV ${sd / mean} vs ${m.cv}`)
    }
    for (const m of t.metrics.filter((x) => x.rate)) {
      const v = samples[0]!
      assert.ok(Math.abs(v[m.rate!.numerator]! / v[m.rate!.denominator]! - v[m.name]!) < 1e-6 * v[m.name]!)
    }
  })

  it('plants on directional metrics with the registry’s 10 % relative gate', () => {
    const t = makeTest(new Rng('plant'), 0, DEFAULT_NOISE)
    const names = plantable(t).map((m) => m.name)
    assert.ok(names.length >= 3, names.join(','))
    assert.ok(plantable(t).every((m) => m.def.default_rel <= 0.1 && m.worse !== 0))
  })
})

describe('bench/simulate: sanity of the verdicts', () => {
  const ktstr = RULES.find((r) => r.id === 'ktstr')!

  it('A/A with zero noise never fails and never shows a regression', () => {
    for (const runs of [1, 2, 5])
      for (let i = 0; i < 5; i++) {
        const pr = simulatePr(new Rng('zero', runs, i), {
          tests: 3,
          runs,
          noise: ZERO_NOISE,
          size: 0,
          plantedCv: null
        })
        for (const r of RULES) {
          const c = judgePr(pr, r)
          assert.equal(c.verdict, 'pass')
          assert.equal(c.counts.regressions, 0)
        }
      }
  })

  it('a planted 50 % regression at N = 5 is detected in ≥ 95 % of simulated PRs', () => {
    const prs = 40
    let detected = 0
    for (let i = 0; i < prs; i++) {
      const pr = simulatePr(new Rng('planted-50', i), {
        tests: 2,
        runs: 5,
        noise: DEFAULT_NOISE,
        size: 0.5,
        plantedCv: 0.05
      })
      assert.ok(pr.planted)
      if (outcome(judgePr(pr, ktstr), pr.planted).detected) detected++
    }
    assert.ok(detected >= 0.95 * prs, `${detected}/${prs}`)
  })

  it('tallies are reproducible and do not depend on how PRs are split into shards', () => {
    const cfg: SimConfig = { ...DEFAULT_CONFIG, tests: 2, runs: [2], sizes: [0.2], prsAA: 6, prsAB: 6 }
    const one = runShard(cfg, 0, 1)
    const again = runShard(cfg, 0, 1)
    assert.deepEqual(one, again)
    const a = runShard(cfg, 0, 2)
    const b = runShard(cfg, 1, 2)
    for (const [i, cell] of one.entries())
      for (const id of Object.keys(cell.rules))
        for (const k of ['prs', 'fail', 'anyRegression', 'detected', 'material'] as const)
          assert.equal(cell.rules[id]![k], a[i]!.rules[id]![k] + b[i]!.rules[id]![k], `${cell.id} ${id} ${k}`)
  })
})
