/**
 * Gate speed, as a user meets it: `node dist/cli.js compare --json` over a pool, against the floor
 * (bench/floor.mjs: one node process walking the same pool with readFileSync + JSON.parse), each
 * in a fresh child process, measured in the same run: wall time from spawn to exit, and peak RSS
 * (bench/rss-probe.mjs); then the scaling of both to 1k / 10k / 50k sidecars, and cold start.
 */
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { COMMITS, generatePool, planFor, plannedCount, type Generated } from './generate.js'
import { iqrHalf, median } from './lib.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const FLOOR = fileURLToPath(new URL('./floor.mjs', import.meta.url))
const PROBE = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url))
// KTSTR_BENCH_CLI measures another build (e.g. an older commit's dist/cli.js) against the same floor.
const CLI = process.env.KTSTR_BENCH_CLI ?? join(ROOT, 'dist', 'cli.js')

/** One child's wall time and peak resident set size. */
export interface ChildRun {
  ms: number
  rssMiB: number
}

/** The gate's command line over a generated pool: both sides by commit, JSON report (to a file). */
export function gateArgs(root: string): string[] {
  return [
    CLI,
    'compare',
    '--dir',
    root,
    '--a-project-commit',
    COMMITS.a,
    '--b-project-commit',
    COMMITS.b,
    '--registry',
    'bundled',
    '--json'
  ]
}

/**
 * Runs `node --import rss-probe <args>` with stdout going to `outFile` (as `> report.json` would);
 * resolves to wall time and peak RSS. Exit 0 and 1 (the gate failed) are results; others throw.
 */
export function measureChild(args: readonly string[], outFile: string): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ktstr-bench-rss-'))
  const rssFile = join(dir, 'rss')
  const out = openSync(outFile, 'w')
  return new Promise<ChildRun>((resolve, reject) => {
    const t = performance.now()
    const child = spawn(process.execPath, ['--import', PROBE, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, KTSTR_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', out, 'inherit']
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - t
      if (code !== 0 && code !== 1) return reject(new Error(`${args.join(' ')} exited ${code}`))
      resolve({ ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 })
    })
  }).finally(() => {
    closeSync(out)
    rmSync(dir, { recursive: true, force: true })
  })
}

export interface SpeedResult {
  sidecars: number
  rows: number
  /** Size of the JSON report, bytes. */
  reportBytes: number
  reps: number
  floorMs: number[]
  fullMs: number[]
  floorMedian: number
  fullMedian: number
  ratio: number
  /** Half-IQR of the per-repetition ratios. */
  ratioPm: number
  floorRssMiB: number
  fullRssMiB: number
}

/** Floor vs gate, each a fresh child per repetition, interleaved in alternating order; medians. */
export async function speedVsFloor(sidecars: number, reps: number, pool?: Generated): Promise<SpeedResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is not built: run npm run bundle first`)
  const g = pool ?? (await generatePool(planFor(sidecars)))
  const dir = mkdtempSync(join(tmpdir(), 'ktstr-bench-out-'))
  const report = join(dir, 'report.json')
  try {
    // Warm-up: page cache and the bundle's compile cache; the report gives the row count.
    await measureChild([FLOOR, g.root], join(dir, 'floor.out'))
    await measureChild(gateArgs(g.root), report)
    const text = readFileSync(report, 'utf8')
    const rows = (JSON.parse(text) as { rows: unknown[] }).rows.length
    const floor: ChildRun[] = []
    const full: ChildRun[] = []
    for (let i = 0; i < reps; i++) {
      const order = i % 2 === 0 ? ['floor', 'full'] : ['full', 'floor']
      for (const which of order)
        if (which === 'floor') floor.push(await measureChild([FLOOR, g.root], join(dir, 'floor.out')))
        else full.push(await measureChild(gateArgs(g.root), report))
    }
    const floorMs = floor.map((r) => r.ms)
    const fullMs = full.map((r) => r.ms)
    const ratios = fullMs.map((f, i) => f / floorMs[i]!)
    return {
      sidecars: g.files,
      rows,
      reportBytes: Buffer.byteLength(text),
      reps,
      floorMs,
      fullMs,
      floorMedian: median(floorMs),
      fullMedian: median(fullMs),
      ratio: median(ratios),
      ratioPm: iqrHalf(ratios),
      floorRssMiB: median(floor.map((r) => r.rssMiB)),
      fullRssMiB: median(full.map((r) => r.rssMiB))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    if (!pool) g.cleanup()
  }
}

export interface ScalePoint {
  sidecars: number
  fullMs: number
  floorMs: number
  /** Peak resident set size of the gate's child, MiB. */
  fullRssMiB: number
  floorRssMiB: number
  usPerSidecar: number
}

/** Time and peak RSS of the gate and the floor at each size, medians of `reps` fresh children each. */
export async function scaling(sizes: readonly number[], reuse?: Generated, reps = 3): Promise<ScalePoint[]> {
  const out: ScalePoint[] = []
  for (const n of sizes) {
    const mine =
      reuse && plannedCount(reuse.plan) === plannedCount(planFor(n)) ? null : await generatePool(planFor(n))
    const g = mine ?? reuse!
    try {
      const s = await speedVsFloor(g.files, reps, g)
      out.push({
        sidecars: g.files,
        fullMs: s.fullMedian,
        floorMs: s.floorMedian,
        fullRssMiB: s.fullRssMiB,
        floorRssMiB: s.floorRssMiB,
        usPerSidecar: (s.fullMedian * 1000) / g.files
      })
    } finally {
      mine?.cleanup()
    }
  }
  return out
}

export interface ColdStart {
  file: string
  /** null when the bundle does not exist. */
  medianMs: number | null
  pm: number | null
  runs: number
  note: string | null
}

/** Spawn → first byte on stdout or stderr, median of `runs` runs. */
export async function coldStart(file: string, args: string[], runs: number): Promise<ColdStart> {
  const abs = join(ROOT, file)
  if (!existsSync(abs))
    return { file, medianMs: null, pm: null, runs: 0, note: `n/a (${file} not built yet)` }
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(await firstOutput(abs, args))
  return { file, medianMs: median(times), pm: iqrHalf(times), runs, note: null }
}

function firstOutput(file: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now()
    let first: number | null = null
    // A clean environment as a runner gives it: no INPUT_* or GITHUB_* from this shell.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME }
    const child = spawn(process.execPath, [file, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const mark = () => {
      if (first === null) {
        first = performance.now() - t
        // The figure is time to first output; do not wait for an Action that has nothing to do.
        setTimeout(() => child.kill('SIGKILL'), 2000).unref()
      }
    }
    child.stdout.on('data', mark)
    child.stderr.on('data', mark)
    child.on('error', reject)
    child.on('close', () => (first === null ? reject(new Error(`${file} printed nothing`)) : resolve(first)))
  })
}

export { plannedCount }
