import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { compare } from '../../src/core/compare.js'
import { runValues } from '../../src/core/fold.js'
import { judge, type MetricGate } from '../../src/core/gate.js'
import { bundledRegistry } from '../../src/core/registry.js'
import { DIMENSIONS, type Sidecar } from '../../src/core/sidecar.js'
import { runs, sidecar } from '../helpers/sidecars.js'

const registry = bundledRegistry()
const pairOn = DIMENSIONS.filter((d) => d !== 'project-commit')
const sample = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 1, maxLength: 6 })
const rv = (commit: string, xs: number[]) => runValues(undefined, 'm', runs(commit, 'm', xs))
const MIRROR: Record<string, string> = { regression: 'improvement', improvement: 'regression' }

test('polarity symmetry: flipping the polarity swaps regression and improvement', () => {
  fc.assert(
    fc.property(
      sample,
      sample,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 50, noNaN: true }),
      (a, b, rel, abs) => {
        const g: MetricGate = { abs, rel, worse: 1, alpha: 0.05 }
        const up = judge(undefined, rv('a', a), rv('b', b), g)
        const down = judge(undefined, rv('a', a), rv('b', b), { ...g, worse: -1 })
        assert.equal(down?.verdict, up ? (MIRROR[up.verdict] ?? up.verdict) : undefined)
      }
    )
  )
})

test('side symmetry: swapping the sides and the polarity keeps the verdict (relative gate off)', () => {
  fc.assert(
    fc.property(sample, sample, fc.double({ min: 0, max: 50, noNaN: true }), (a, b, abs) => {
      // The relative gate divides by the baseline, so it is the one asymmetric part; switch it off.
      const g: MetricGate = { abs, rel: 0, worse: 1, alpha: 0.05 }
      const ab = judge(undefined, rv('a', a), rv('b', b), g)
      const ba = judge(undefined, rv('b', b), rv('a', a), { ...g, worse: -1 })
      assert.equal(ba?.verdict, ab?.verdict)
      if (ab?.pValue != null) assert.ok(Math.abs(ab.pValue - ba!.pValue!) < 1e-9)
    })
  )
})

// A small random pool: a few tests × a few metrics × 1–5 runs per side.
const METRICS = [
  'worst_spread',
  'worst_gap_ms',
  'total_migrations',
  'iterations_per_cpu_sec',
  'avg_imbalance_ratio'
]
const pools = (maxRuns: number) =>
  fc
    .record({
      tests: fc.integer({ min: 1, max: 3 }),
      runsA: fc.integer({ min: 1, max: maxRuns }),
      runsB: fc.integer({ min: 1, max: maxRuns }),
      seed: fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 200, maxLength: 200 })
    })
    .map(({ tests, runsA, runsB, seed }) => {
      let k = 0
      const next = () => seed[k++ % seed.length]!
      const side = (commit: string, n: number, shift: number) => {
        const out: Sidecar[] = []
        for (let t = 0; t < tests; t++)
          for (let r = 1; r <= n; r++) {
            const values: Record<string, number> = {}
            for (const m of METRICS) values[m] = 100 * next() * (m === METRICS[t] ? shift : 1)
            out.push(sidecar({ commit, test: `t${t}_perf`, run: r, values, weight: Math.round(10 * next()) }))
          }
        return out
      }
      return { base: side('aaaaaaa', runsA, 1), head: side('bbbbbbb', runsB, 1 + next()) }
    })

const poolArb = pools(5)
// --threshold / --policy gate the scalar comparison only (a usage error on repeated runs, as in ktstr).
const scalarPoolArb = pools(1)

const cmp = (base: Sidecar[], head: Sidecar[], thresholdPct?: number) =>
  compare({
    base,
    head,
    pairOn,
    registry,
    baseline: { label: 'aaaaaaa', how: 'p' },
    headSpec: { label: 'bbbbbbb', how: 'p' },
    options: thresholdPct === undefined ? {} : { policy: { default_percent: thresholdPct } }
  })

test('a stricter threshold never adds a regression', () => {
  fc.assert(
    fc.property(
      scalarPoolArb,
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      (pool, t1, t2) => {
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1]
        const regs = (pct: number) =>
          new Set(
            cmp(pool.base, pool.head, pct)
              .rows.filter((r) => r.verdict === 'regression')
              .map((r) => `${r.key}|${r.metric}`)
          )
        const loose = regs(lo)
        for (const r of regs(hi)) assert.ok(loose.has(r), `${r} regressed at ${hi}% but not at ${lo}%`)
      }
    ),
    { numRuns: 60 }
  )
})

test('file order never matters', () => {
  fc.assert(
    fc.property(poolArb, fc.integer(), (pool, salt) => {
      const shuffle = (xs: Sidecar[]) => {
        const out = [...xs]
        let s = salt >>> 0
        for (let i = out.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0
          const j = s % (i + 1)
          ;[out[i], out[j]] = [out[j]!, out[i]!]
        }
        return out
      }
      assert.deepEqual(cmp(shuffle(pool.base), shuffle(pool.head)), cmp(pool.base, pool.head))
    }),
    { numRuns: 60 }
  )
})
