import assert from 'node:assert/strict'
import { describe as suite, test } from 'node:test'
import { describe, disjointBands, hedgesG, relChangeCI, welch } from '../../src/core/stats.js'

// Reference values from SciPy 1.17.1: scipy.stats.ttest_ind(b, a, equal_var=False), and the
// Welch–Satterthwaite df computed from the sample variances.
const SCIPY: { a: number[]; b: number[]; t: number; p: number; df: number }[] = [
  { a: [10.1, 10.3, 9.9, 10.2, 10.0], b: [10.8, 11.1, 10.9, 11.0, 10.7], t: 8, p: 4.36682603133e-5, df: 8 },
  { a: [100, 102, 98, 101, 99], b: [101, 103, 99, 100, 102], t: 1, p: 0.346593507087, df: 8 },
  { a: [1.0, 2.0], b: [1.5, 2.5, 3.5], t: 1.30930734142, p: 0.285022840014, df: 2.88235294118 },
  {
    a: [180, 185, 178, 182, 181],
    b: [250, 262, 241, 255, 248],
    t: 18.9258324653,
    p: 9.71380349066e-6,
    df: 4.85859524687
  },
  { a: [5.0, 5.0, 5.1], b: [5.0, 5.2, 4.9, 5.05], t: 0.0588235294118, p: 0.955661180816, df: 4.4137293241 },
  {
    a: [20.0, 22.0, 19.0, 21.0, 18.0, 23.0, 20.5, 19.5, 21.5, 20.0],
    b: [22.0, 24.0, 21.0, 23.5, 22.5, 20.5, 23.0, 24.5, 21.5, 22.0],
    t: 3.20942817096,
    p: 0.00493920032893,
    df: 17.7064632445
  }
]

function close(actual: number, expected: number, rel = 1e-6): void {
  const tol = Math.max(Math.abs(expected) * rel, 1e-12)
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${rel} of ${expected}`)
}

suite('welch', () => {
  for (const c of SCIPY)
    test(`matches SciPy on a=${JSON.stringify(c.a)}`, () => {
      const r = welch(describe(c.a), describe(c.b))
      assert.ok(r)
      close(r.t, c.t)
      close(r.df, c.df)
      close(r.p, c.p, 1e-5)
    })

  test('is symmetric: swapping sides negates t and keeps p', () => {
    const a = describe(SCIPY[3]!.a)
    const b = describe(SCIPY[3]!.b)
    const ab = welch(a, b)!
    const ba = welch(b, a)!
    close(ba.t, -ab.t)
    close(ba.p, ab.p)
  })

  test('needs two values per side', () => {
    assert.equal(welch(describe([1]), describe([2, 3])), null)
    assert.equal(welch(describe([1, 2]), describe([3])), null)
  })

  test('is undefined when both sides have zero variance', () => {
    assert.equal(welch(describe([5, 5, 5]), describe([7, 7, 7])), null)
    assert.equal(welch(describe([5, 5, 5]), describe([5, 5])), null)
  })

  test('works when one side has zero variance', () => {
    const r = welch(describe([5, 5, 5]), describe([6, 7, 8]))!
    // t = (7 − 5) / sqrt(1/3), df = n_b − 1 = 2 exactly.
    close(r.t, 2 / Math.sqrt(1 / 3))
    close(r.df, 2)
  })

  test('keeps precision in the far tail', () => {
    const r = welch(describe([1, 1.001, 0.999, 1.0005]), describe([2, 2.001, 1.999, 2.0005]))!
    assert.ok(r.p > 0 && r.p < 1e-9, `p=${r.p}`)
  })
})

suite('describe', () => {
  test('mean, extremes, sample stdev', () => {
    const d = describe([2, 4, 4, 4, 5, 5, 7, 9])
    assert.equal(d.n, 8)
    assert.equal(d.mean, 5)
    assert.equal(d.min, 2)
    assert.equal(d.max, 9)
    close(d.variance, 32 / 7)
  })
  test('one value has zero variance', () => {
    assert.equal(describe([3]).variance, 0)
  })
})

suite('disjointBands', () => {
  test('strict: touching bands are not disjoint', () => {
    assert.equal(disjointBands(describe([1, 2]), describe([2, 3])), false)
    assert.equal(disjointBands(describe([1, 2]), describe([2.0001, 3])), true)
    assert.equal(disjointBands(describe([5, 6]), describe([1, 4.9])), true)
  })
  test('equal constants are not disjoint; different constants are', () => {
    assert.equal(disjointBands(describe([5, 5]), describe([5, 5])), false)
    assert.equal(disjointBands(describe([5, 5]), describe([6, 6])), true)
  })
})

suite('relChangeCI', () => {
  test('delta-method interval around the relative change of the means', () => {
    const a = describe([100, 102, 98, 101, 99]) // mean 100, var 2.5
    const b = describe([110, 112, 108, 111, 109]) // mean 110, var 2.5
    const ci = relChangeCI(a, b)!
    // se = sqrt(2.5/5/100² + 110²·(2.5/5)/100⁴) = sqrt(5e-5 + 6.05e-5); df = 8; t(0.975, 8) = 2.306004135
    const se = Math.sqrt(0.5 / 1e4 + (12100 * 0.5) / 1e8)
    close(ci[0], 0.1 - 2.306004135 * se, 1e-6)
    close(ci[1], 0.1 + 2.306004135 * se, 1e-6)
  })
  test('null with a ~0 baseline or fewer than two runs', () => {
    assert.equal(relChangeCI(describe([0, 0]), describe([1, 2])), null)
    assert.equal(relChangeCI(describe([1]), describe([1, 2])), null)
  })
  test('zero variance gives a point interval', () => {
    assert.deepEqual(relChangeCI(describe([4, 4]), describe([5, 5])), [0.25, 0.25])
  })
})

suite('hedgesG', () => {
  test('bias-corrected standardized difference', () => {
    const g = hedgesG(describe([1, 2, 3]), describe([3, 4, 5]))!
    // pooled sd = 1, d = 2, J = 1 − 3/(4·6 − 9) = 0.8
    close(g, 1.6)
  })
  test('undefined with zero pooled variance', () => {
    assert.equal(hedgesG(describe([1, 1]), describe([2, 2])), null)
  })
})

test('relChangeCI is centred on the given centres (Rate / weighted metrics)', () => {
  const a = describe([100, 102, 98, 101, 99])
  const b = describe([110, 112, 108, 111, 109])
  const ci = relChangeCI(a, b, 0.95, { a: 100, b: 120 })!
  assert.ok(Math.abs((ci[0] + ci[1]) / 2 - 0.2) < 1e-12)
})
