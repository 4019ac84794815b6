/**
 * The sentinel of a deep baseline (DESIGN §4a), pure: do a test's fresh baseline runs (made in
 * this comparison, interleaved with HEAD's) agree with its cached or restored ones (the host
 * cache, earlier runs' artifacts)? Where they do not, the host drifted since the cached runs were
 * made, and those runs must not be compared with HEAD: a drift would read as a regression.
 */
import jstat from 'jstat'
import { compare } from './compare.js'
import type { Registry } from './registry.js'
import { effectiveGate, worseOf } from './sequential.js'
import type { Dimension, Sidecar } from './sidecar.js'
import { describe } from './stats.js'

const { jStat } = jstat

/** One gated metric of one test: the baseline's per-run values, split by provenance. */
export interface SentinelRow {
  test: string
  /** The row's pairing key (test/topology/work type …). */
  key: string
  metric: string
  /** Values of the baseline runs made in this comparison, beside HEAD's (the sentinel). */
  fresh: readonly number[]
  /** Values of the cached / restored baseline runs. */
  cached: readonly number[]
  /** The row's effective gate in the metric's unit (max(abs, rel × |baseline|)); absent: not known. */
  gate?: number
  /** The row's relative gate (a fraction, registry or override); absent: not known. */
  rel?: number
  /** +1 when an increase is worse, −1 when a decrease is; absent: the row has no worse direction. */
  worse?: 1 | -1
}

export interface SentinelParams {
  /**
   * A test's cached runs are set aside when its host shift — the median, over its gated metrics,
   * of the fresh runs' relative shift from the cached mean, in each metric's worse direction — is
   * at least this fraction of the tightest relative gate among them, either way: a shift that size
   * could carry the tightest row towards its gate, a smaller one cannot turn into a regression.
   */
  minShift: number
  /** Two-sided α of the per-row pooled t-test reported beside a dropped test (evidence only). */
  alpha: number
  /**
   * The shift must also be at least this many of its standard errors: a test whose metrics are all
   * noisy cannot tell a few per cent from its noise with one fresh run, and is not suspected.
   */
  z: number
}

/**
 * minShift 0.25: a host 5 % slower moves a test with 10 % gates by half its tightest gate (set
 * aside), while the drift between two CI jobs (a percent or two on some metrics) and one noisy
 * metric cannot move the median that far (kept). z 2: the shift must also stand out of its own
 * noise, so a test with only noisy metrics is not suspected on one fresh run (a false suspicion
 * costs a batch of runs, never a verdict). Calibrated in bench/ (bench/README.md, "The sentinel
 * revised").
 */
export const SENTINEL_DEFAULTS: SentinelParams = { minShift: 0.25, alpha: 0.001, z: 2 }

/** `agree`: the cached runs may be used; `disagree`: drop them; `too-few`: nothing to test with. */
export type SentinelStatus = 'agree' | 'disagree' | 'too-few'

/** The row with the smallest p-value of a test (evidence for the reader). */
export interface SentinelEvidence {
  key: string
  metric: string
  pValue: number
  freshMean: number
  cachedMean: number
  /** (fresh − cached) / |cached| mean; null when the cached mean is 0. */
  relShift: number | null
  /** The standard error of relShift (pooled variance); null when the cached mean is 0. */
  relSe: number | null
}

export interface SentinelTest {
  test: string
  status: SentinelStatus
  /** Fewest fresh / cached baseline runs among the test's rows. */
  freshRuns: number
  cachedRuns: number
  /**
   * The test's host shift: the median over its checkable gated rows of the relative shift in the
   * worse direction (+0.05: the fresh runs are 5 % worse); null when no row could be checked.
   */
  shift: number | null
  /** The shift's standard error (the weighted median's, from the rows' standard errors). */
  shiftSe: number | null
  /** The shift that sets the cache aside: minShift × the tightest relative gate; null when unknown. */
  threshold: number | null
  /** Rows the shift was taken over. */
  rows: number
  /** The row with the smallest p-value, when any row could be tested. */
  worst: SentinelEvidence | null
}

/**
 * Two-sided p-value that two samples share one mean, with one pooled variance (Student's
 * two-sample t). Pooled, not Welch: under "no drift" the fresh and the cached runs are one
 * commit on one host class, so they share a variance, and the sentinel is one or two runs —
 * Welch's degrees of freedom would be ≈ 1 there and no α this strict could ever be reached.
 * Null when there is nothing to test with (fewer than 3 runs in all, or a side empty).
 */
export function sentinelP(fresh: readonly number[], cached: readonly number[]): number | null {
  return pooledT(fresh, cached)?.pValue ?? null
}

/** The two groups' means, the standard error of their difference (pooled variance) and sentinelP's p. */
function pooledT(
  fresh: readonly number[],
  cached: readonly number[]
): { freshMean: number; cachedMean: number; se: number; pValue: number } | null {
  if (fresh.length === 0 || cached.length === 0 || fresh.length + cached.length < 3) return null
  const f = describe(fresh)
  const c = describe(cached)
  if (![f.mean, c.mean, f.variance, c.variance].every(Number.isFinite)) return null
  const df = f.n + c.n - 2
  const pooled = ((f.n - 1) * f.variance + (c.n - 1) * c.variance) / df
  const diff = f.mean - c.mean
  const se = Math.sqrt(pooled * (1 / f.n + 1 / c.n))
  const pValue = !(se > 0)
    ? diff === 0
      ? 1
      : 0
    : Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(diff / se), df))
  return { freshMean: f.mean, cachedMean: c.mean, se, pValue }
}

/**
 * Per gated row, the values of the baseline's fresh and cached runs: the two groups paired, folded
 * and judged as the gate pairs two sides (same registry, pairing dimensions), fresh in HEAD's place.
 */
export function sentinelRowsOf(
  fresh: readonly Sidecar[],
  cached: readonly Sidecar[],
  registry: Registry,
  pairOn: readonly Dimension[]
): SentinelRow[] {
  if (fresh.length === 0 || cached.length === 0) return []
  const c = compare({
    base: cached,
    head: fresh,
    pairOn,
    registry,
    baseline: { label: 'cached', how: 'cached baseline runs' },
    headSpec: { label: 'fresh', how: 'fresh baseline runs' }
  })
  return c.rows
    .filter((r) => r.base && r.head && r.verdict !== 'informational')
    .map((r) => ({
      test: r.test,
      key: r.key,
      metric: r.metric,
      fresh: r.head!.samples,
      cached: r.base!.samples,
      gate: effectiveGate({ base: r.base!, gate: r.gate }),
      ...(Number.isFinite(r.gate.rel) && r.gate.rel > 0 ? { rel: r.gate.rel } : {}),
      ...(worseOf(r.polarity) !== null ? { worse: worseOf(r.polarity)! } : {})
    }))
}

/**
 * Each test's status: `disagree` when its host shift reaches minShift × its tightest relative gate
 * either way, `agree` when it stays below, `too-few` when no row could be checked (no fresh run, or
 * fewer than 3 runs in all). The host shift is the weighted median, over the test's gated rows, of
 * the fresh runs' relative shift from the cached mean in each metric's worse direction, each row
 * weighted by 1 / its standard error: a host that moved moves most of a test's metrics together and
 * its quiet metrics show it best, while one noisy metric, a count that did not change or an outlier
 * row cannot carry a median. Tests in name order.
 */
export function sentinelCheck(
  rows: readonly SentinelRow[],
  p: SentinelParams = SENTINEL_DEFAULTS
): SentinelTest[] {
  const byTest = new Map<string, SentinelRow[]>()
  for (const r of rows) byTest.set(r.test, [...(byTest.get(r.test) ?? []), r])
  const out: SentinelTest[] = []
  for (const [test, list] of [...byTest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let worst: SentinelEvidence | null = null
    const shifts: { x: number; se: number }[] = []
    const rels: number[] = []
    for (const r of list) {
      const e = evidence(r)
      if (!e) continue
      if (!worst || e.pValue < worst.pValue) worst = e
      // A row with no spread that did not move (a count that never changed, a constant up to
      // rounding) measures nothing at its resolution: it is left out, not counted as "no shift",
      // and its gate does not set the limit (a shift it does not show cannot carry it anywhere).
      if (
        r.worse === undefined ||
        e.relShift === null ||
        e.relSe === null ||
        (e.relSe <= CONSTANT && Math.abs(e.relShift) <= CONSTANT)
      )
        continue
      shifts.push({ x: r.worse * e.relShift, se: e.relSe })
      if (r.rel !== undefined && Number.isFinite(r.rel) && r.rel > 0) rels.push(r.rel)
    }
    const threshold = rels.length > 0 ? p.minShift * Math.min(...rels) : null
    const floor = (threshold ?? 0) * WEIGHT_FLOOR
    const weighted = shifts.map((s) => ({ x: s.x, se: s.se, w: 1 / Math.max(s.se, floor) }))
    // Every checked row identical on both sides: no shift at all.
    const shift = weighted.length > 0 ? weightedMedian(weighted) : worst ? 0 : null
    const shiftSe = weighted.length > 0 ? medianSe(weighted) : null
    const material =
      shift !== null && Math.abs(shift) >= (threshold ?? 0) && (threshold !== null || shift !== 0)
    // And beyond the noise: a test with one noisy metric cannot tell a few per cent from its noise.
    const clear = shift !== null && (shiftSe === null || !(Math.abs(shift) < p.z * shiftSe))
    const status: SentinelStatus =
      worst === null || shift === null ? 'too-few' : material && clear ? 'disagree' : 'agree'
    out.push({
      test,
      status,
      freshRuns: Math.min(...list.map((r) => r.fresh.length)),
      cachedRuns: Math.min(...list.map((r) => r.cached.length)),
      shift,
      shiftSe,
      threshold,
      rows: shifts.length,
      worst
    })
  }
  return out
}

/**
 * A row's weight in the test's shift is 1 / its standard error, floored at this fraction of the
 * threshold: quiet rows say most about the host, but precision far below the threshold adds
 * nothing to the decision, and no single very quiet row may carry it alone.
 */
const WEIGHT_FLOOR = 0.25

/** Relative spread and shift below this are a constant's floating-point rounding. */
const CONSTANT = 1e-9

/**
 * Standard error of the weighted median of independent normal estimates: √(π/2) · √(Σ w²se²) / Σ w
 * (the median's √(π/2) efficiency loss against the mean, with the same weights).
 */
function medianSe(xs: readonly { se: number; w: number }[]): number {
  const sw = xs.reduce((a, v) => a + v.w, 0)
  const v = xs.reduce((a, x) => a + x.w * x.w * x.se * x.se, 0)
  return (Math.sqrt(Math.PI / 2) * Math.sqrt(v)) / sw
}

/** The weighted median: the value where the cumulative weight (sorted by value) reaches half; equal weights: the median. */
function weightedMedian(xs: readonly { x: number; w: number }[]): number {
  const s = [...xs].filter((v) => Number.isFinite(v.w) && v.w > 0).sort((a, b) => a.x - b.x)
  if (s.length === 0) return xs.length ? xs[0]!.x : NaN
  const total = s.reduce((a, v) => a + v.w, 0)
  let acc = 0
  for (let i = 0; i < s.length; i++) {
    acc += s[i]!.w
    if (acc > total / 2) return s[i]!.x
    if (acc === total / 2) return (s[i]!.x + s[i + 1]!.x) / 2
  }
  return s[s.length - 1]!.x
}

function evidence(r: SentinelRow): SentinelEvidence | null {
  const t = pooledT(r.fresh, r.cached)
  if (t === null) return null
  const { freshMean, cachedMean, se, pValue } = t
  return {
    relSe: cachedMean !== 0 && Number.isFinite(se) ? se / Math.abs(cachedMean) : null,
    key: r.key,
    metric: r.metric,
    pValue,
    freshMean,
    cachedMean,
    relShift: cachedMean !== 0 ? (freshMean - cachedMean) / Math.abs(cachedMean) : null
  }
}

/** A signed percentage with one decimal: `+5.2 %`. */
function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`
}

/** One line for the report about a test whose cached baseline runs were dropped. */
export function sentinelLine(t: SentinelTest): string {
  const w = t.worst!
  const limit = t.threshold === null ? 'any shift (no relative gate)' : `±${(t.threshold * 100).toFixed(1)} %`
  const row = w.relShift === null ? '' : ` ${pct(w.relShift)},`
  return (
    `sentinel: ${t.test}: the ${t.freshRuns} fresh baseline run(s) are ${pct(t.shift!)} off the ${t.cachedRuns} cached one(s) ` +
    `(median over ${t.rows} gated metric(s), worse direction; limit ${limit}; most significant ${w.metric}${row} p = ${w.pValue.toPrecision(2)}): ` +
    `host drift — this test's cached runs (and the sentinel runs) were set aside and fresh runs of both sides produced`
  )
}
