import { rateComponents, type MetricDef } from './registry.js'
import type { Sidecar } from './sidecar.js'

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
    let v = vals[name]
    if (rate) {
      const n = vals[rate.numerator]
      const d = vals[rate.denominator]
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
  return sum(xs) / xs.length
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
  return sum(xs) / xs.length
}

function pooledRate(rv: RunValues): number {
  if (rv.samples.length === 1) return rv.samples[0]!
  const c = rv.components
  if (c) {
    const d = sum(c.den)
    if (d !== 0) {
      const q = sum(c.num) / d
      if (Number.isFinite(q)) return q
    }
  }
  // Components missing on some run: fall back to the mean of the per-run rates.
  return sum(rv.samples) / rv.samples.length
}

function weightedMean(xs: readonly number[], ws: readonly number[]): number {
  let sw = 0
  let s = 0
  for (let i = 0; i < xs.length; i++) {
    sw += ws[i]!
    s += xs[i]! * ws[i]!
  }
  return sw > 0 ? s / sw : sum(xs) / xs.length
}

function sum(xs: readonly number[]): number {
  let s = 0
  for (const x of xs) s += x
  return s
}
