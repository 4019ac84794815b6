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
import { bundledRegistry } from '../src/core/registry.js'
import type { Comparison } from '../src/core/types.js'
import { Rng } from './lib.js'
import {
  COMMIT_A,
  COMMIT_B,
  DEFAULT_NOISE,
  simulatePr,
  type NoiseModel,
  type Planted,
  type SimPr
} from './model.js'

const SELF = fileURLToPath(import.meta.url)
const ROOT = fileURLToPath(new URL('..', import.meta.url))

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
