import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Rng, wilson } from '../../bench/lib.js'
import {
  DEFAULT_NOISE,
  drawValues,
  makeTest,
  noiseFactor,
  plantableAtGate,
  ZERO_NOISE,
  type Tail
} from '../../bench/model.js'
import {
  DEFAULT_CONFIG,
  ktstrPr,
  makeWorld,
  runShard,
  sequentialPr,
  type SimConfig
} from '../../bench/simulate.js'

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
})

describe('bench/simulate: sanity of the verdicts', () => {
  const quiet: SimConfig = { ...DEFAULT_CONFIG, tests: 3, noise: ZERO_NOISE }

  it('plants 1.5 × the row’s own relative gate, on a row whose CV is at most its gate', () => {
    for (let i = 0; i < 20; i++) {
      const w = makeWorld(new Rng('plant-gate', i), DEFAULT_CONFIG, 'ab')
      const t = w.tests.find((x) => x.name === w.planted!.test)!
      const m = t.metrics.find((x) => x.name === w.planted!.metric)!
      assert.ok(plantableAtGate(t).includes(m))
      assert.ok(m.cv <= m.def.default_rel)
      assert.ok(Math.abs(w.planted!.size - 1.5 * m.def.default_rel) < 1e-12)
    }
  })

  it('A/A with zero noise: neither rule fails, the sequential rule decides every row in one batch', () => {
    for (let i = 0; i < 3; i++) {
      const w = makeWorld(new Rng('zero', i), quiet, 'aa')
      const k = ktstrPr(new Rng('zero-k', i), w, quiet)
      const q = sequentialPr(new Rng('zero-s', i), w, quiet)
      assert.equal(k.regressions, 0)
      assert.equal(q.regressions, 0)
      assert.equal(q.headRuns, quiet.batch * quiet.tests)
      assert.equal(q.inconclusive, 0)
      assert.equal(q.invocations, quiet.sentinelRuns + quiet.batch, 'the sentinel and one batch')
      assert.equal(q.sentinelDrops, 0, 'an undrifted host keeps its cache')
    }
  })

  it('a drifted host with zero noise: the sentinel drops every cached test and no regression is reported', () => {
    for (let i = 0; i < 2; i++) {
      const w = makeWorld(new Rng('zero-drift', i), quiet, 'drift')
      const q = sequentialPr(new Rng('zero-drift-s', i), w, quiet)
      assert.equal(q.sentinelDrops, quiet.tests)
      assert.equal(q.regressions, 0)
      assert.ok(
        q.suiteEquivalents > quiet.sentinelRuns + quiet.batch,
        'fresh runs of both sides for the dropped tests'
      )
    }
  })

  it('a planted regression with zero noise is found by both rules', () => {
    for (let i = 0; i < 3; i++) {
      const w = makeWorld(new Rng('zero-ab', i), quiet, 'ab')
      assert.ok(ktstrPr(new Rng('k', i), w, quiet).detected)
      const q = sequentialPr(new Rng('s', i), w, quiet)
      assert.ok(q.detected)
      assert.equal(q.plantedState, 'regression')
    }
  })

  it('the sequential rule tops up only undecided tests and never beyond max-runs', () => {
    const cfg: SimConfig = { ...DEFAULT_CONFIG, tests: 3 }
    for (let i = 0; i < 4; i++) {
      const w = makeWorld(new Rng('budget', i), cfg, 'aa')
      const q = sequentialPr(new Rng('budget-s', i), w, cfg)
      assert.ok(q.headRuns <= cfg.tests * cfg.sequential.maxRuns)
      assert.ok(q.headRuns >= cfg.tests * cfg.batch)
      assert.ok(q.suiteEquivalents <= q.invocations)
    }
  })

  it('tallies are reproducible and do not depend on how PRs are split into shards', () => {
    const cfg: SimConfig = { ...DEFAULT_CONFIG, tests: 2, prs: { aa: 4, ab: 4, drift: 2 } }
    const one = runShard(cfg, 0, 1)
    assert.deepEqual(one, runShard(cfg, 0, 1))
    const a = runShard(cfg, 0, 2)
    const b = runShard(cfg, 1, 2)
    for (const [i, sc] of one.entries())
      for (const id of ['ktstr', 'sequential'] as const)
        for (const k of [
          'prs',
          'failAt1',
          'detected',
          'headRuns',
          'invocations',
          'regressionsCvGate2'
        ] as const)
          assert.equal(sc.rules[id][k], a[i]!.rules[id][k] + b[i]!.rules[id][k], `${sc.scenario} ${id} ${k}`)
  })
})
