/**
 * The simulator's noise model and pull-request generator: in-memory sidecars (the `Sidecar`
 * type, no files) for tests carrying every registry metric of ktstr's sidecar template, with
 * per-metric CV, heavy tails, drift within a job over the interleaved runs, outlier sidecars,
 * and optionally one planted regression on side B.
 */
import {
  bundledRegistry,
  gatesAggregate,
  rateComponents,
  worseSign,
  type MetricDef
} from '../src/core/registry.js'
import type { Sidecar } from '../src/core/sidecar.js'
import { templateValues } from './generate.js'
import { Rng } from './lib.js'

export type Tail = 'normal' | 't3' | 'lognormal'

/** The noise model. All relative quantities are fractions (0.05 = 5 %). */
export interface NoiseModel {
  /** Per (test, metric) coefficient of variation, drawn log-uniform in [cvMin, cvMax]. */
  cvMin: number
  cvMax: number
  /** Tail family per (test, metric), drawn uniformly from this list. */
  tails: Tail[]
  /** Standard deviation of a job's drift: the relative change of every metric from its first run to its last. */
  driftSd: number
  /** Probability that one sidecar (one test in one run) is an outlier. */
  outlierProb: number
  /** An outlier moves each metric this many CVs in its worse direction (uniform in the range). */
  outlierCvs: [number, number]
}

/** The realistic default. */
export const DEFAULT_NOISE: NoiseModel = {
  cvMin: 0.01,
  cvMax: 0.2,
  tails: ['normal', 't3', 'lognormal'],
  driftSd: 0.02,
  outlierProb: 0.01,
  outlierCvs: [3, 6]
}

/** No noise at all (sanity checks). */
export const ZERO_NOISE: NoiseModel = {
  cvMin: 0,
  cvMax: 0,
  tails: ['normal'],
  driftSd: 0,
  outlierProb: 0,
  outlierCvs: [0, 0]
}

/** A multiplicative noise factor with mean 1 and standard deviation `cv` (before the clamp at 0). */
export function noiseFactor(rng: Rng, cv: number, tail: Tail): number {
  if (cv === 0) return 1
  let f: number
  if (tail === 'normal') f = 1 + cv * rng.normal()
  else if (tail === 't3')
    f = 1 + (cv * rng.studentT(3)) / Math.sqrt(3) // Var(t₃) = 3
  else {
    const s2 = Math.log(1 + cv * cv)
    f = Math.exp(Math.sqrt(s2) * rng.normal() - s2 / 2)
  }
  return Math.max(0, f)
}

/** One metric of one simulated test. */
export interface MetricSim {
  name: string
  def: MetricDef
  mean: number
  cv: number
  tail: Tail
  /** +1 an increase is worse, −1 a decrease is worse, 0 informational (drift/outliers push it up). */
  worse: 1 | -1 | 0
  /** How strongly the job's drift moves this metric (0–1). */
  drift: number
  integer: boolean
  /** Set for a Rate metric whose components the sidecar carries: the numerator is derived. */
  rate: { numerator: string; denominator: string } | null
}

export interface TestSim {
  name: string
  topology: string
  workType: string
  metrics: MetricSim[]
}

// Fields the stand-in (and ktstr) write as integers.
const INTEGER_METRICS = new Set([
  'total_migrations',
  'worst_gap_ms',
  'total_iterations',
  'max_dsq_depth',
  'total_fallback',
  'total_keep_last'
])

let template: Record<string, number> | undefined

/** A test with every registry metric of ktstr's sidecar template, means scaled per test, CV and tail per metric. */
export function makeTest(rng: Rng, i: number, noise: NoiseModel): TestSim {
  template ??= templateValues()
  const registry = bundledRegistry()
  const scale = rng.logUniform(0.5, 2)
  const metrics: MetricSim[] = []
  const names = Object.keys(template)
  for (const name of names) {
    const def = registry.byName.get(name)
    if (!def) continue
    const v = template[name]!
    const rate = rateComponents(def)
    const derived = !!rate && names.includes(rate.numerator) && names.includes(rate.denominator)
    metrics.push({
      name,
      def,
      // Sizes and counts scale with the test; ratios, fractions (≤ 1) and rates of two scaled
      // components (the scale cancels) keep the template's value.
      mean: v <= 1 || derived ? v : v * scale,
      cv: noise.cvMax > 0 ? rng.logUniform(noise.cvMin, noise.cvMax) : 0,
      tail: rng.pick(noise.tails),
      worse: worseSign(def.polarity),
      drift: rng.next(),
      integer: INTEGER_METRICS.has(name),
      rate: derived ? rate : null
    })
  }
  return {
    name: `sim_case_${i}`,
    topology: ['1n2l4c1t', '2n2l4c1t', '1n1l8c2t'][i % 3]!,
    workType: ['SpinWait', 'CpuSpin', 'Mixed'][i % 3]!,
    metrics
  }
}

export interface Planted {
  test: string
  metric: string
  /** Relative move in the worse direction. */
  size: number
}

/** The row's effective relative gate at its true mean: max(rel gate, abs gate / mean). */
export function relGateOf(m: MetricSim): number {
  return Math.max(m.def.default_rel, m.mean > 0 ? m.def.default_abs / m.mean : Infinity)
}

/** Metrics a rate derives from its components: drawn as the rate, never on their own. */
function numeratorsOf(t: TestSim): Set<string> {
  return new Set(t.metrics.flatMap((m) => (m.rate ? [m.rate.numerator] : [])))
}

/**
 * Rows a DESIGN §11 planted regression may hit: directional, gated, drawn directly (not a rate's
 * numerator), whose relative gate is the effective one (abs gate ≤ rel gate × mean) and whose CV is
 * at most that gate (§11: "rows with CV ≤ gate").
 */
export function plantableAtGate(t: TestSim): MetricSim[] {
  const numerators = numeratorsOf(t)
  return t.metrics.filter(
    (m) =>
      m.worse !== 0 &&
      gatesAggregate(m.def, true) &&
      !numerators.has(m.name) &&
      m.def.default_abs <= m.def.default_rel * m.mean &&
      m.cv <= m.def.default_rel
  )
}

/** Plants 1.5 × the row's own relative gate on one row drawn among plantableAtGate(tests). */
export function plantAtGate(rng: Rng, tests: readonly TestSim[], factor = 1.5): Planted {
  const candidates = tests.flatMap((t) => plantableAtGate(t).map((m) => ({ t, m })))
  if (candidates.length === 0) throw new Error('no plantable metric in the simulated tests')
  const c = rng.pick(candidates)
  return { test: c.t.name, metric: c.m.name, size: factor * c.m.def.default_rel }
}

/** Values of one sidecar: each metric drawn around its (possibly regressed) mean, then drift, outlier, rate derivation. */
export function drawValues(
  rng: Rng,
  t: TestSim,
  o: {
    position: number
    drift: number
    outlier: number | null
    planted: Planted | null
    plantedCv: number | null
    /** The host is this much slower (every metric moves this fraction in its worse direction). */
    shift?: number
  }
): Record<string, number> {
  const values: Record<string, number> = {}
  const numerators = new Set(t.metrics.filter((m) => m.rate).map((m) => m.rate!.numerator))
  for (const m of t.metrics) {
    if (numerators.has(m.name)) continue
    const planted = o.planted && o.planted.test === t.name && o.planted.metric === m.name ? o.planted : null
    const cv = planted && o.plantedCv !== null ? o.plantedCv : m.cv
    const up = m.worse === 0 ? 1 : m.worse
    let v = m.mean * (planted ? 1 + up * planted.size : 1)
    v *= noiseFactor(rng, cv, m.tail)
    v *= 1 + up * o.drift * m.drift * o.position
    if (o.shift) v *= 1 + up * o.shift
    if (o.outlier !== null && cv > 0) v *= 1 + up * o.outlier * cv
    v = Math.max(0, v)
    values[m.name] = m.integer ? Math.round(v) : v
  }
  for (const m of t.metrics)
    if (m.rate && values[m.rate.denominator] !== undefined)
      values[m.rate.numerator] = values[m.name]! * values[m.rate.denominator]!
  return values
}

/** Commit labels of the simulated sides. */
export const COMMIT_A = 'aaaaaaa'
export const COMMIT_B = 'bbbbbbb'

export function sidecar(t: TestSim, commit: string, seq: number, values: Record<string, number>): Sidecar {
  const mm = String(Math.floor(seq / 60)).padStart(2, '0')
  const ss = String(seq % 60).padStart(2, '0')
  return {
    file: `6.14.2-${commit}/run-${seq}/${t.name}.ktstr.json`,
    testName: t.name,
    topology: t.topology,
    scheduler: 'scx_sim',
    workType: t.workType,
    projectCommit: commit,
    kernel: '6.14.2',
    kernelCommit: null,
    runSource: 'ci',
    passed: true,
    skipped: false,
    inconclusive: false,
    expectedFailure: false,
    throughputDenomination: 'cpu_sec',
    hostDilation: null,
    timestamp: `2026-05-01T10:${mm}:${ss}Z`,
    runId: `20260501T10${mm}${ss}Z-0`,
    values,
    phases: [],
    weight: 20,
    assertions: [],
    host: null
  }
}
