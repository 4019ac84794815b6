import jstat from 'jstat'

const { jStat } = jstat

/** |x| at or below this is zero (ktstr `ZERO_MEAN_EPS`, noise.rs), for "is this baseline ~0". */
export const ZERO_MEAN_EPS = 1e-9

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

/**
 * Describes a non-empty sample. Values near ±1.8e308 would overflow a plain sum, so the mean and
 * spread fall back to sums of x / max|x| when the plain ones are not finite (normal data takes the
 * plain, bit-identical path).
 */
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
  const scale = Math.max(Math.abs(min), Math.abs(max))
  const mean = Number.isFinite(sum) ? sum / n : safeMean(xs, scale)
  let ss = 0
  for (const x of xs) ss += (x - mean) * (x - mean)
  let stdev: number
  let variance: number
  if (Number.isFinite(ss)) {
    variance = n > 1 ? ss / (n - 1) : 0
    stdev = Math.sqrt(variance)
  } else {
    // Σ((x − mean)/s)² stays small; only the variance itself may be beyond double range.
    let sss = 0
    for (const x of xs) sss += (x / scale - mean / scale) ** 2
    stdev = n > 1 ? scale * Math.sqrt(sss / (n - 1)) : 0
    variance = stdev * stdev
  }
  return { n, mean, min, max, variance, stdev }
}

/** Mean of finite values without overflow: mean(x / s) · s with s = max|x|. */
export function safeMean(xs: readonly number[], scale = maxAbs(xs)): number {
  if (!(scale > 0) || !Number.isFinite(scale)) {
    let sum = 0
    for (const x of xs) sum += x
    return sum / xs.length
  }
  let sum = 0
  for (const x of xs) sum += x / scale
  return (sum / xs.length) * scale
}

/** Largest |x| (0 for an empty sample). */
export function maxAbs(xs: readonly number[]): number {
  let s = 0
  for (const x of xs) if (Math.abs(x) > s) s = Math.abs(x)
  return s
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
  const plain = Number.isFinite(a.variance) && Number.isFinite(b.variance) && Number.isFinite(b.mean - a.mean)
  // Near the double range's edge the variances overflow: work in units of the largest magnitude.
  const s = plain ? 1 : Math.max(Math.abs(a.mean), Math.abs(b.mean), a.stdev, b.stdev)
  if (!Number.isFinite(s)) return null
  const va = plain ? a.variance / a.n : (a.stdev / s) ** 2 / a.n
  const vb = plain ? b.variance / b.n : (b.stdev / s) ** 2 / b.n
  const se2 = va + vb
  if (!(se2 > 0)) return null
  const t = (plain ? b.mean - a.mean : b.mean / s - a.mean / s) / Math.sqrt(se2)
  const den = (va * va) / (a.n - 1) + (vb * vb) / (b.n - 1)
  const df = den > 0 ? ((va + vb) * (va + vb)) / den : a.n + b.n - 2
  // 2·cdf(−|t|) keeps precision in the far tail, where 1 − cdf(|t|) would round to 0.
  const p = Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df))
  return { t, df, p }
}

function welchDf(a: Described, b: Described): number {
  const plain = Number.isFinite(a.variance) && Number.isFinite(b.variance)
  const s = plain ? 1 : Math.max(a.stdev, b.stdev)
  const va = plain ? a.variance / a.n : (a.stdev / s) ** 2 / a.n
  const vb = plain ? b.variance / b.n : (b.stdev / s) ** 2 / b.n
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
  if (a.n < 2 || b.n < 2 || Math.abs(centres.a) <= ZERO_MEAN_EPS) return null
  const absA = Math.abs(centres.a)
  const diff = centres.b - centres.a
  // B − A beyond the double range (opposite signs near ±1.8e308): the same ratio as B/|A| − A/|A|.
  const rel = Number.isFinite(diff) ? diff / absA : centres.b / absA - centres.a / absA
  if (!Number.isFinite(rel)) return null
  // Var(B/A) ≈ Var(B)/A² + B²·Var(A)/A⁴ (first-order Taylor expansion).
  let se = Math.sqrt(
    b.variance / b.n / (absA * absA) +
      (centres.b * centres.b * (a.variance / a.n)) / (absA * absA * absA * absA)
  )
  // The same in ratios to A, for values whose squares overflow.
  if (!Number.isFinite(se))
    se = Math.sqrt((b.stdev / absA) ** 2 / b.n + ((centres.b / absA) * (a.stdev / absA)) ** 2 / a.n)
  if (!Number.isFinite(se)) return null
  if (!(se > 0)) return [rel, rel]
  const q = jStat.studentt.inv(1 - (1 - level) / 2, welchDf(a, b))
  const lo = rel - q * se
  const hi = rel + q * se
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null
}

/** Hedges' g (bias-corrected standardized mean difference, B − A). Null when undefined. */
export function hedgesG(a: Described, b: Described): number | null {
  if (a.n < 2 || b.n < 2) return null
  const pooled = ((a.n - 1) * a.variance + (b.n - 1) * b.variance) / (a.n + b.n - 2)
  let d: number
  if (Number.isFinite(pooled)) {
    if (!(pooled > 0)) return null
    d = (b.mean - a.mean) / Math.sqrt(pooled)
  } else {
    // Variances beyond double range: the same ratio in units of the larger spread.
    const s = Math.max(a.stdev, b.stdev)
    if (!Number.isFinite(s)) return null
    const ps = ((a.n - 1) * (a.stdev / s) ** 2 + (b.n - 1) * (b.stdev / s) ** 2) / (a.n + b.n - 2)
    d = (b.mean / s - a.mean / s) / Math.sqrt(ps)
  }
  return d * (1 - 3 / (4 * (a.n + b.n) - 9))
}

/** Standard error of B − A (difference of means) and its Welch–Satterthwaite degrees of freedom. */
export interface WelchSe {
  se: number
  df: number
}

/** The Welch standard error and degrees of freedom; null with fewer than 2 values on a side or a non-finite spread. */
export function welchSe(a: Described, b: Described): WelchSe | null {
  if (a.n < 2 || b.n < 2) return null
  const va = a.variance / a.n
  const vb = b.variance / b.n
  const se = Math.sqrt(va + vb)
  if (!Number.isFinite(se)) return null
  return { se, df: welchDfOf(va, vb, a.n, b.n) }
}

/** Welch–Satterthwaite degrees of freedom from each side's variance of the mean and its size. */
export function welchDfOf(va: number, vb: number, na: number, nb: number): number {
  const den = (va * va) / (na - 1) + (vb * vb) / (nb - 1)
  return den > 0 ? ((va + vb) * (va + vb)) / den : na + nb - 2
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  return jStat.studentt.cdf(t, df)
}

/** The `p` quantile of Student's t with `df` degrees of freedom. */
export function studentTInv(p: number, df: number): number {
  return jStat.studentt.inv(p, df)
}
