/**
 * Verdict-quality simulator. Draws in-memory sidecars from a noise model (per-metric CV 1–20 %,
 * heavy tails, slow drift within a job that hits the interleaved runs, an occasional outlier run)
 * for many simulated pull requests, and judges each PR with ktstr's rule exactly as the engine
 * implements it (`compare` with default options) and with each of our extensions that exists.
 *
 * Every PR has its own seeded stream (seed, cell, PR index), so figures are reproducible and do
 * not depend on how the PRs are split across worker processes.
 *
 * Run as a script (`node --import tsx bench/simulate.ts worker <json>`) it is one worker process.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { compare, type CompareOptions } from '../src/core/compare.js'
import {
  bundledRegistry,
  gatesAggregate,
  rateComponents,
  worseSign,
  type MetricDef
} from '../src/core/registry.js'
import type { Sidecar } from '../src/core/sidecar.js'
import type { Comparison } from '../src/core/types.js'
import { templateValues } from './generate.js'
import { Rng } from './lib.js'

const SELF = fileURLToPath(import.meta.url)
const ROOT = fileURLToPath(new URL('..', import.meta.url))

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

/** Metrics a planted regression may hit: directional, gated, with the registry's smallest relative gate (10 %) and an absolute gate ≤ 1 % of the mean. */
export function plantable(t: TestSim): MetricSim[] {
  return t.metrics.filter(
    (m) =>
      m.worse !== 0 &&
      gatesAggregate(m.def, true) &&
      m.def.default_rel <= 0.1 + 1e-12 &&
      m.def.default_abs <= 0.01 * m.mean
  )
}

export interface Planted {
  test: string
  metric: string
  /** Relative move in the worse direction. */
  size: number
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
    if (o.outlier !== null && cv > 0) v *= 1 + up * o.outlier * cv
    v = Math.max(0, v)
    values[m.name] = m.integer ? Math.round(v) : v
  }
  for (const m of t.metrics)
    if (m.rate && values[m.rate.denominator] !== undefined)
      values[m.rate.numerator] = values[m.name]! * values[m.rate.denominator]!
  return values
}

export interface PrSpec {
  tests: number
  runs: number
  noise: NoiseModel
  /** Relative regression planted on one plantable metric of one test on side B; 0 = A/A. */
  size: number
  /** CV of the planted metric (DESIGN §11: 5 %); null = its drawn CV. */
  plantedCv: number | null
}

export interface SimPr {
  base: Sidecar[]
  head: Sidecar[]
  planted: Planted | null
}

const COMMIT_A = 'aaaaaaa'
const COMMIT_B = 'bbbbbbb'

function sidecar(t: TestSim, commit: string, seq: number, values: Record<string, number>): Sidecar {
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
    timestamp: `2026-05-01T10:${mm}:${ss}Z`,
    runId: `20260501T10${mm}${ss}Z-0`,
    values,
    phases: [],
    weight: 20,
    assertions: [],
    host: null
  }
}

/** One simulated PR: `runs` interleaved runs per side (A, B, A, B …) of `tests` tests. */
export function simulatePr(rng: Rng, spec: PrSpec): SimPr {
  const tests = Array.from({ length: spec.tests }, (_, i) => makeTest(rng, i, spec.noise))
  let planted: Planted | null = null
  if (spec.size > 0) {
    const candidates = tests.flatMap((t) => plantable(t).map((m) => ({ t, m })))
    if (candidates.length === 0) throw new Error('no plantable metric in the simulated tests')
    const c = rng.pick(candidates)
    planted = { test: c.t.name, metric: c.m.name, size: spec.size }
  }
  const drift = spec.noise.driftSd * rng.normal()
  const total = 2 * spec.runs
  const base: Sidecar[] = []
  const head: Sidecar[] = []
  for (let seq = 0; seq < total; seq++) {
    const side = seq % 2 === 0 ? 'a' : 'b'
    const position = total > 1 ? seq / (total - 1) : 0
    for (const t of tests) {
      const outlier =
        spec.noise.outlierProb > 0 && rng.next() < spec.noise.outlierProb
          ? rng.uniform(spec.noise.outlierCvs[0], spec.noise.outlierCvs[1])
          : null
      const values = drawValues(rng, t, {
        position,
        drift,
        outlier,
        planted: side === 'b' ? planted : null,
        plantedCv: spec.plantedCv
      })
      ;(side === 'a' ? base : head).push(sidecar(t, side === 'a' ? COMMIT_A : COMMIT_B, seq, values))
    }
  }
  return { base, head, planted }
}

/** A rule the simulator judges with. */
export interface Rule {
  id: string
  label: string
  options: CompareOptions
}

/** ktstr's rule, and each of our verdict extensions that the engine has. */
export const RULES: Rule[] = [
  { id: 'ktstr', label: "ktstr's rule (compare, default options)", options: {} },
  { id: 'fdr', label: 'fdr 0.05 (Benjamini–Hochberg, our extension)', options: { fdr: 0.05 } }
]

/** Extensions DESIGN §4 plans that do not exist yet (nothing to simulate). */
export const NOT_BUILT = [
  'sentinel run that must agree with the cached baseline',
  'top-up rule: rerun undecided metrics for more samples',
  'adaptive sampling: stop once every metric is decided'
]

/** Judges one PR with one rule. */
export function judgePr(pr: SimPr, rule: Rule): Comparison {
  return compare({
    base: pr.base,
    head: pr.head,
    pairOn: ['topology', 'work-type', 'kernel', 'scheduler', 'kernel-commit', 'run-source'],
    registry: bundledRegistry(),
    baseline: { label: COMMIT_A, how: 'simulated' },
    headSpec: { label: COMMIT_B, how: 'simulated' },
    options: rule.options
  })
}

/** What one rule concluded on one PR. */
export interface PrOutcome {
  /** verdict === 'fail' (fail-threshold 5). */
  fail: boolean
  /** At least one regression row. */
  anyRegression: boolean
  /** The planted (test, metric) row is a regression. */
  detected: boolean
  /** The planted row cleared the dual gate (material), whatever the separation test said. */
  material: boolean
}

export function outcome(c: Comparison, planted: Planted | null): PrOutcome {
  const row = planted ? c.rows.find((r) => r.test === planted.test && r.metric === planted.metric) : undefined
  return {
    fail: c.verdict === 'fail',
    anyRegression: c.counts.regressions > 0,
    detected: row?.verdict === 'regression',
    material: row?.material === true
  }
}

export interface Cell {
  id: string
  kind: 'aa' | 'ab'
  runs: number
  size: number
  prs: number
}

export interface Tally {
  prs: number
  fail: number
  anyRegression: number
  detected: number
  material: number
}

export interface CellResult extends Cell {
  rules: Record<string, Tally>
}

export interface SimConfig {
  seed: string
  tests: number
  runs: number[]
  sizes: number[]
  prsAA: number
  prsAB: number
  plantedCv: number | null
  noise: NoiseModel
}

export const DEFAULT_CONFIG: SimConfig = {
  seed: 'ktstr-perf-gate-bench-1',
  tests: 6,
  runs: [2, 3, 5, 10],
  sizes: [0.05, 0.1, 0.2],
  prsAA: 400,
  prsAB: 150,
  plantedCv: 0.05,
  noise: DEFAULT_NOISE
}

export function cells(cfg: SimConfig): Cell[] {
  const out: Cell[] = []
  for (const runs of cfg.runs) out.push({ id: `aa-n${runs}`, kind: 'aa', runs, size: 0, prs: cfg.prsAA })
  for (const size of cfg.sizes)
    for (const runs of cfg.runs)
      out.push({ id: `ab-${size}-n${runs}`, kind: 'ab', runs, size, prs: cfg.prsAB })
  return out
}

/** Simulates PR indices ≡ shard (mod shards) of every cell. */
export function runShard(cfg: SimConfig, shard: number, shards: number): CellResult[] {
  return cells(cfg).map((cell) => {
    const rules: Record<string, Tally> = {}
    for (const r of RULES) rules[r.id] = { prs: 0, fail: 0, anyRegression: 0, detected: 0, material: 0 }
    for (let i = shard; i < cell.prs; i += shards) {
      const rng = new Rng(cfg.seed, cell.id, i)
      const pr = simulatePr(rng, {
        tests: cfg.tests,
        runs: cell.runs,
        noise: cfg.noise,
        size: cell.size,
        plantedCv: cfg.plantedCv
      })
      for (const r of RULES) {
        const o = outcome(judgePr(pr, r), pr.planted)
        const t = rules[r.id]!
        t.prs++
        if (o.fail) t.fail++
        if (o.anyRegression) t.anyRegression++
        if (o.detected) t.detected++
        if (o.material) t.material++
      }
    }
    return { ...cell, rules }
  })
}

function merge(parts: CellResult[][]): CellResult[] {
  return parts[0]!.map((cell, ci) => {
    const rules: Record<string, Tally> = {}
    for (const id of Object.keys(cell.rules)) {
      const t: Tally = { prs: 0, fail: 0, anyRegression: 0, detected: 0, material: 0 }
      for (const p of parts) {
        const x = p[ci]!.rules[id]!
        t.prs += x.prs
        t.fail += x.fail
        t.anyRegression += x.anyRegression
        t.detected += x.detected
        t.material += x.material
      }
      rules[id] = t
    }
    return { ...cell, rules }
  })
}

export interface SimResult {
  config: SimConfig
  rules: Array<{ id: string; label: string }>
  notBuilt: string[]
  cells: CellResult[]
  workers: number
  elapsedMs: number
}

function workerProcess(cfg: SimConfig, shard: number, shards: number): Promise<CellResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', SELF, 'worker', JSON.stringify({ cfg, shard, shards })],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`simulator worker ${shard} exited ${code}`))
      try {
        resolve(JSON.parse(out) as CellResult[])
      } catch (e) {
        reject(e as Error)
      }
    })
  })
}

/** Runs the whole simulation across `workers` processes (1 = in this process). */
export async function simulate(cfg: SimConfig, workers: number): Promise<SimResult> {
  const t = performance.now()
  const parts =
    workers <= 1
      ? [runShard(cfg, 0, 1)]
      : await Promise.all(Array.from({ length: workers }, (_, i) => workerProcess(cfg, i, workers)))
  return {
    config: cfg,
    rules: RULES.map((r) => ({ id: r.id, label: r.label })),
    notBuilt: NOT_BUILT,
    cells: merge(parts),
    workers: Math.max(1, workers),
    elapsedMs: performance.now() - t
  }
}

if (process.argv[1] === SELF && process.argv[2] === 'worker') {
  const { cfg, shard, shards } = JSON.parse(process.argv[3]!) as {
    cfg: SimConfig
    shard: number
    shards: number
  }
  process.stdout.write(JSON.stringify(runShard(cfg, shard, shards)))
}
