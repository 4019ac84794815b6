/**
 * The sentinel of a deep baseline (DESIGN §4a), pure: do a test's fresh baseline runs (made in
 * this comparison, interleaved with HEAD's) agree with its cached or restored ones (the host
 * cache, earlier runs' artifacts)? Where they do not, the host drifted since the cached runs were
 * made, and those runs must not be compared with HEAD: a drift would read as a regression.
 */
import jstat from 'jstat'
import { compare } from './compare.js'
import type { Registry } from './registry.js'
import { effectiveGate } from './sequential.js'
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
  /** The row's effective gate in the metric's unit (max(abs, rel × |baseline|)); absent: any shift counts. */
  gate?: number
}

export interface SentinelParams {
  /** Two-sided α of the test per row: strict, since a disagreement only costs fresh runs. */
  alpha: number
  /**
   * A disagreement must also be material: the shift at least this fraction of the row's gate. A
   * shift far inside the gate cannot carry a row over it, while job-to-job drift of a few per cent
   * is significant on every quiet row and would drop a warm cache on most pull requests.
   */
  minShift: number
  /**
   * A disagreement must also put every fresh run beyond the cached runs' range, on one side: a
   * single outlier run (heavy tails) then never drops a warm cache, while a host that moved moves
   * every fresh run.
   */
  beyondRange: boolean
}

/**
 * α = 0.001 two-sided: with about ten gated metrics per test, an undrifted host drops a test's
 * cached runs rarely (which costs runs, never a verdict), while a 5 % shift of a row with a few per
 * cent of noise is found with two fresh runs against a deep cache. minShift 0.25: a 5 % host shift
 * is half of a 10 % gate (dropped), the 2 % drift between two CI jobs a fifth of it (kept);
 * calibrated in bench/ (README, Choosing a rule).
 */
export const SENTINEL_DEFAULTS: SentinelParams = { alpha: 0.001, minShift: 0, beyondRange: true }

/** `agree`: the cached runs may be used; `disagree`: drop them; `too-few`: nothing to test with. */
export type SentinelStatus = 'agree' | 'disagree' | 'too-few'

/** The row that decided a test's status (the smallest p-value). */
export interface SentinelEvidence {
  /** The shift is significant (p < α) and material (≥ minShift × gate). */
  disagrees: boolean
  key: string
  metric: string
  pValue: number
  freshMean: number
  cachedMean: number
  /** (fresh − cached) / |cached| mean; null when the cached mean is 0. */
  relShift: number | null
}

export interface SentinelTest {
  test: string
  status: SentinelStatus
  /** Fewest fresh / cached baseline runs among the test's rows. */
  freshRuns: number
  cachedRuns: number
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
  if (fresh.length === 0 || cached.length === 0 || fresh.length + cached.length < 3) return null
  const f = describe(fresh)
  const c = describe(cached)
  if (![f.mean, c.mean, f.variance, c.variance].every(Number.isFinite)) return null
  const df = f.n + c.n - 2
  const pooled = ((f.n - 1) * f.variance + (c.n - 1) * c.variance) / df
  const diff = f.mean - c.mean
  const se = Math.sqrt(pooled * (1 / f.n + 1 / c.n))
  if (!(se > 0)) return diff === 0 ? 1 : 0
  const t = diff / se
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df))
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
      gate: effectiveGate({ base: r.base!, gate: r.gate })
    }))
}

/**
 * Each test's status: `disagree` when any of its gated rows has p < α (the host moved), `agree`
 * when every testable row agrees, `too-few` when no row could be tested (no fresh run, or too few
 * runs in all). Tests in name order.
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
    for (const r of list) {
      const e = evidence(r, p)
      // A disagreeing row outranks any agreeing one; then the smaller p-value.
      if (
        e &&
        (!worst ||
          (e.disagrees && !worst.disagrees) ||
          (e.disagrees === worst.disagrees && e.pValue < worst.pValue))
      )
        worst = e
    }
    out.push({
      test,
      status: worst === null ? 'too-few' : worst.disagrees ? 'disagree' : 'agree',
      freshRuns: Math.min(...list.map((r) => r.fresh.length)),
      cachedRuns: Math.min(...list.map((r) => r.cached.length)),
      worst
    })
  }
  return out
}

function evidence(r: SentinelRow, p: SentinelParams): SentinelEvidence | null {
  const pValue = sentinelP(r.fresh, r.cached)
  if (pValue === null) return null
  const freshMean = describe(r.fresh).mean
  const cachedMean = describe(r.cached).mean
  const material = r.gate === undefined || Math.abs(freshMean - cachedMean) >= p.minShift * r.gate
  const f = describe(r.fresh)
  const c = describe(r.cached)
  const beyond = !p.beyondRange || f.min > c.max || f.max < c.min
  return {
    disagrees: pValue < p.alpha && material && beyond,
    key: r.key,
    metric: r.metric,
    pValue,
    freshMean,
    cachedMean,
    relShift: cachedMean !== 0 ? (freshMean - cachedMean) / Math.abs(cachedMean) : null
  }
}

/** One line for the report about a test whose cached baseline runs were dropped. */
export function sentinelLine(t: SentinelTest, alpha: number): string {
  const w = t.worst!
  const shift =
    w.relShift === null ? '' : ` (${w.relShift >= 0 ? '+' : ''}${(w.relShift * 100).toFixed(1)} %)`
  return (
    `sentinel: ${t.test}: the ${t.freshRuns} fresh baseline run(s) disagree with the ${t.cachedRuns} cached one(s) ` +
    `on ${w.metric}${shift}, p = ${w.pValue.toPrecision(2)} < ${alpha}: host drift — this test's cached runs (and the sentinel runs) were set aside and fresh runs of both sides produced`
  )
}
