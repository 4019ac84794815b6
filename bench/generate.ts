/**
 * Writes a pool of sidecars in ktstr's real schema for the speed benchmarks: the stand-in's own
 * `buildSidecar` and sidecar template (test/stand-in/), so every file carries ktstr's full field
 * set (~3.6 kB), in ktstr's layout `{root}/{kernel}-{commit7}/run-{i}/{test}-{variant}.ktstr.json`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseSidecar } from '../src/core/sidecar.js'

const STAND_IN = fileURLToPath(new URL('../test/stand-in/stand-in.mjs', import.meta.url))
const TEMPLATE = fileURLToPath(new URL('../test/stand-in/sidecar-template.json', import.meta.url))

/** Side A and side B commit labels of a generated pool. */
export const COMMITS = { a: '1a2b3c4', b: '5d6e7f8' } as const

export interface PoolPlan {
  tests: number
  kernels: string[]
  runs: number
  /** Both sides always. */
  sides: 2
}

/** The plan for about `n` sidecars: 5 kernels × 2 sides × 5 runs × n/50 tests (1k → 20 tests, 10k → 200). */
export function planFor(n: number): PoolPlan {
  const kernels = ['6.12.9', '6.13.4', '6.14.2', '6.15.1', '6.16.0']
  const runs = 5
  return { tests: Math.max(1, Math.round(n / (kernels.length * 2 * runs))), kernels, runs, sides: 2 }
}

/** Sidecars a plan writes. */
export function plannedCount(p: PoolPlan): number {
  return p.tests * p.kernels.length * p.sides * p.runs
}

interface StandInModule {
  buildSidecar(template: unknown, test: unknown, ctx: unknown): Record<string, unknown>
  variantHash(test: unknown): string
}

let standIn: StandInModule | undefined

async function loadStandIn(): Promise<StandInModule> {
  // A variable specifier: the stand-in is plain JS without type declarations.
  const spec: string = STAND_IN
  standIn ??= (await import(spec)) as StandInModule
  return standIn
}

const TOPOLOGIES = ['1n2l4c1t', '1n1l8c2t', '2n2l4c1t', '1n4l2c1t']
const WORK_TYPES = ['SpinWait', 'CpuSpin', 'IoBound', 'Mixed']

/**
 * The stand-in model of one test: every registry metric the template sidecar carries, with the
 * template's value as its mean (scaled per test) and 1–10 % noise; side B moves a few means.
 */
function testModel(i: number, side: 'a' | 'b', means: Record<string, number>): Record<string, unknown> {
  const scale = 0.5 + ((i * 7919) % 100) / 66
  const metrics: Record<string, { mean: number; noise: number }> = {}
  for (const [name, v] of Object.entries(means)) {
    const bounded = v <= 1
    let mean = bounded ? v : v * scale
    // Side B: every 10th test regresses its p99 wake latency by 40 %, every 13th improves throughput.
    if (side === 'b' && i % 10 === 3 && name === 'worst_p99_wake_latency_us') mean *= 1.4
    if (side === 'b' && i % 13 === 5 && name === 'total_iterations') mean *= 1.3
    metrics[name] = { mean, noise: 0.01 + ((i * 31 + name.length) % 10) / 100 }
  }
  return {
    name: `perf_case_${String(i).padStart(4, '0')}`,
    topology: TOPOLOGIES[i % TOPOLOGIES.length],
    scheduler: 'scx_bench',
    work_type: WORK_TYPES[(i >> 2) % WORK_TYPES.length],
    metrics,
    perf_delta_assertions: i % 20 === 0 ? [{ metric: 'worst_spread', max_regression_pct: 10 }] : []
  }
}

/** Registry values the template sidecar carries (parsed the way the gate parses it). */
export function templateValues(): Record<string, number> {
  const r = parseSidecar(readFileSync(TEMPLATE, 'utf8'), 'sidecar-template.json')
  if (!r.ok) throw new Error(`stand-in template does not parse: ${r.error.path}: ${r.error.message}`)
  return { ...r.sidecar.values }
}

export interface Generated {
  root: string
  files: number
  bytes: number
  plan: PoolPlan
  cleanup(): void
}

/** Writes the plan's pool under a new temp dir (or `root`). */
export async function generatePool(plan: PoolPlan, root?: string): Promise<Generated> {
  const { buildSidecar, variantHash } = await loadStandIn()
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as unknown
  const means = templateValues()
  const dir = root ?? mkdtempSync(join(tmpdir(), 'ktstr-bench-pool-'))
  const t0 = Date.UTC(2026, 4, 1, 10, 0, 0)
  let files = 0
  let bytes = 0
  const models = {
    a: Array.from({ length: plan.tests }, (_, i) => testModel(i, 'a', means)),
    b: Array.from({ length: plan.tests }, (_, i) => testModel(i, 'b', means))
  }
  for (const [k, kernel] of plan.kernels.entries())
    for (const side of ['a', 'b'] as const)
      for (let run = 1; run <= plan.runs; run++) {
        const runDir = join(dir, `${kernel}-${COMMITS[side]}`, `run-${run}`)
        mkdirSync(runDir, { recursive: true })
        // Interleaved A, B, A, B … as the agent runs them: `sequence` drives the stand-in's drift.
        const sequence = k * plan.runs * 2 + (run - 1) * 2 + (side === 'a' ? 0 : 1)
        const now = new Date(t0 + sequence * 60_000)
        for (const [i, test] of models[side].entries()) {
          const s = buildSidecar(template, test, {
            commit: COMMITS[side],
            kernelVersion: kernel,
            runIndex: run - 1,
            sequence,
            now,
            counter: i,
            failed: false
          })
          const text = JSON.stringify(s, null, 2) + '\n'
          writeFileSync(join(runDir, `${test.name as string}-${variantHash(test)}.ktstr.json`), text)
          files++
          bytes += Buffer.byteLength(text)
        }
      }
  return { root: dir, files, bytes, plan, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
