import { rateComponents, type MetricDef } from './registry.js'
import type { Sidecar } from './sidecar.js'
import { maxAbs, safeMean } from './stats.js'

/**
 * Per-kind fold of one side's runs into one value (ktstr's cross-run fold), and the
 * side's centre that the dual gate compares. Runs arrive in run order (see compare.ts).
 */

/** One side's values of one metric: a value per run that emitted it. */
export interface RunValues {
  samples: number[]
  /** Weight of each sample (monitor sample count), for Gauge(Avg). */
  weights: number[]
  /** Rate components per sample, when every contributing run carried both. */
  components: { num: number[]; den: number[] } | null
}

/** Reads metric `name` from each run (whole-run value, or phase `phase`); runs that lack it are skipped. */
export function runValues(
  def: MetricDef | undefined,
  name: string,
  runs: readonly Sidecar[],
  phase: number | null = null
): RunValues {
  const samples: number[] = []
  const weights: number[] = []
  const rate = def && phase === null ? rateComponents(def) : undefined
  let num: number[] | null = rate ? [] : null
  let den: number[] | null = rate ? [] : null
  for (const run of runs) {
    const vals = phase === null ? run.values : run.phases.find((p) => p.stepIndex === phase)?.metrics
    if (!vals) continue
    let v = own(vals, name)
    if (rate) {
      const n = own(vals, rate.numerator)
      const d = own(vals, rate.denominator)
      const haveParts = n !== undefined && d !== undefined
      if (v === undefined && haveParts && d !== 0) v = n / d
      if (v === undefined) continue
      if (haveParts && num && den) {
        num.push(n)
        den.push(d)
      } else {
        num = den = null
      }
    }
    if (v === undefined) continue
    samples.push(v)
    weights.push(run.weight)
  }
  return { samples, weights, components: num && den ? { num, den } : null }
}

/** A metric value by name, never an inherited property (`constructor`, `toString` are metric names too). */
function own(vals: Readonly<Record<string, number>>, name: string): number | undefined {
  const v = Object.hasOwn(vals, name) ? vals[name] : undefined
  return typeof v === 'number' ? v : undefined
}

/** ktstr's per-kind fold (`--average` over a group of runs). Undefined when no run has the metric. */
export function foldKtstr(def: MetricDef | undefined, rv: RunValues): number | undefined {
  const xs = rv.samples
  if (xs.length === 0) return undefined
  const kind = def?.kind
  if (kind === 'Counter' || kind === 'DeltaSum') return sum(xs)
  if (kind === 'Peak') return Math.max(...xs)
  if (kind === 'Timestamp') return xs[xs.length - 1]
  if (typeof kind === 'object') {
    if ('Gauge' in kind) {
      if (kind.Gauge === 'Last') return xs[xs.length - 1]
      if (kind.Gauge === 'Max') return Math.max(...xs)
      return weightedMean(xs, rv.weights)
    }
    if ('Rate' in kind) return pooledRate(rv)
    if ('Distribution' in kind && kind.Distribution.reduction === 'Worst') return Math.max(...xs)
  }
  return mean(xs)
}

/**
 * The side's centre, compared by the dual gate (verdict-rules §11 "Material"): the mean of
 * the per-run values, except Rate metrics (pooled Σnumerator / Σdenominator) and Gauge(Avg)
 * (mean weighted by each run's sample count, as ktstr folds it).
 */
export function centre(def: MetricDef | undefined, rv: RunValues): number | undefined {
  const xs = rv.samples
  if (xs.length === 0) return undefined
  const kind = def?.kind
  if (typeof kind === 'object') {
    if ('Rate' in kind) return pooledRate(rv)
    if ('Gauge' in kind && kind.Gauge === 'Avg') return weightedMean(xs, rv.weights)
  }
  return mean(xs)
}

function pooledRate(rv: RunValues): number {
  if (rv.samples.length === 1) return rv.samples[0]!
  const c = rv.components
  if (c) {
    const q = ratioOfSums(c.num, c.den)
    if (q !== undefined) return q
  }
  // Components missing on some run: fall back to the mean of the per-run rates.
  return mean(rv.samples)
}

/** Σnum / Σden, in units of each side's largest magnitude when a plain sum would overflow. */
function ratioOfSums(num: readonly number[], den: readonly number[]): number | undefined {
  let sn = sum(num)
  let sd = sum(den)
  let unit = 1
  if (!Number.isFinite(sn) || !Number.isFinite(sd)) {
    const un = maxAbs(num)
    const ud = maxAbs(den)
    sn = scaledSum(num, un)
    sd = scaledSum(den, ud)
    unit = un / ud
  }
  if (sd === 0) return undefined
  const q = (sn / sd) * unit
  return Number.isFinite(q) ? q : undefined
}

function weightedMean(xs: readonly number[], ws: readonly number[]): number {
  let sw = 0
  let s = 0
  for (let i = 0; i < xs.length; i++) {
    sw += ws[i]!
    s += xs[i]! * ws[i]!
  }
  if (!(sw > 0)) return mean(xs)
  if (Number.isFinite(s)) return s / sw
  // Σx·w overflowed: the same weighted mean in units of max|x|.
  const u = maxAbs(xs)
  let t = 0
  for (let i = 0; i < xs.length; i++) t += (xs[i]! / u) * (ws[i]! / sw)
  return t * u
}

/** Arithmetic mean that cannot overflow (values near ±1.8e308 read as themselves, not ±Infinity). */
function mean(xs: readonly number[]): number {
  const s = sum(xs)
  return Number.isFinite(s) ? s / xs.length : safeMean(xs)
}

function scaledSum(xs: readonly number[], unit: number): number {
  if (!(unit > 0)) return sum(xs)
  let s = 0
  for (const x of xs) s += x / unit
  return s
}

function sum(xs: readonly number[]): number {
  let s = 0
  for (const x of xs) s += x
  return s
}
