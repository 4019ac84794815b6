import jstat from 'jstat'

const { jStat } = jstat

/** Mean, extremes and sample variance of one side's per-run values. */
export interface Described {
  n: number
  mean: number
  min: number
  max: number
  /** Sample variance (n − 1); 0 when n < 2. */
  variance: number
  stdev: number
}

/** Describes a non-empty sample. */
export function describe(xs: readonly number[]): Described {
  const n = xs.length
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (const x of xs) {
    sum += x
    if (x < min) min = x
    if (x > max) max = x
  }
  const mean = sum / n
  let ss = 0
  for (const x of xs) ss += (x - mean) * (x - mean)
  const variance = n > 1 ? ss / (n - 1) : 0
  return { n, mean, min, max, variance, stdev: Math.sqrt(variance) }
}

/** Result of a two-sided Welch t-test. */
export interface WelchResult {
  t: number
  df: number
  p: number
}

/**
 * Two-sided Welch t-test (Welch–Satterthwaite degrees of freedom, Student t from jstat).
 * Undefined (null) with fewer than 2 values on a side or when both sides have zero variance.
 */
export function welch(a: Described, b: Described): WelchResult | null {
  if (a.n < 2 || b.n < 2) return null
  const va = a.variance / a.n
  const vb = b.variance / b.n
  const se2 = va + vb
  if (!(se2 > 0)) return null
  const t = (b.mean - a.mean) / Math.sqrt(se2)
  const df = welchDf(a, b)
  // 2·cdf(−|t|) keeps precision in the far tail, where 1 − cdf(|t|) would round to 0.
  const p = Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df))
  return { t, df, p }
}

function welchDf(a: Described, b: Described): number {
  const va = a.variance / a.n
  const vb = b.variance / b.n
  const den = (va * va) / (a.n - 1) + (vb * vb) / (b.n - 1)
  return den > 0 ? ((va + vb) * (va + vb)) / den : a.n + b.n - 2
}

/** Disjoint min–max bands (strict): max(A) < min(B) or max(B) < min(A). */
export function disjointBands(a: Described, b: Described): boolean {
  return a.max < b.min || b.max < a.min
}

/**
 * 95 % (by default) confidence interval of the relative change (B − A) / |A| of the sides' centres,
 * by the delta method on their ratio with Welch degrees of freedom. The centres default to the
 * means; Rate and Gauge(Avg) metrics pass their pooled / weighted centres so the interval is
 * centred on the row's own change. Null with fewer than 2 values on a side or a baseline of ~0.
 */
export function relChangeCI(
  a: Described,
  b: Described,
  level = 0.95,
  centres: { a: number; b: number } = { a: a.mean, b: b.mean }
): [number, number] | null {
  if (a.n < 2 || b.n < 2 || Math.abs(centres.a) < Number.EPSILON) return null
  const absA = Math.abs(centres.a)
  const rel = (centres.b - centres.a) / absA
  // Var(B/A) ≈ Var(B)/A² + B²·Var(A)/A⁴ (first-order Taylor expansion).
  const se = Math.sqrt(
    b.variance / b.n / (absA * absA) +
      (centres.b * centres.b * (a.variance / a.n)) / (absA * absA * absA * absA)
  )
  if (!(se > 0)) return [rel, rel]
  const q = jStat.studentt.inv(1 - (1 - level) / 2, welchDf(a, b))
  return [rel - q * se, rel + q * se]
}

/** Hedges' g (bias-corrected standardized mean difference, B − A). Null when undefined. */
export function hedgesG(a: Described, b: Described): number | null {
  if (a.n < 2 || b.n < 2) return null
  const pooled = ((a.n - 1) * a.variance + (b.n - 1) * b.variance) / (a.n + b.n - 2)
  if (!(pooled > 0)) return null
  const d = (b.mean - a.mean) / Math.sqrt(pooled)
  return d * (1 - 3 / (4 * (a.n + b.n) - 9))
}
