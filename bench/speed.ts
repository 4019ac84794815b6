/**
 * Gate speed: the full compare (read, parse, validate, fold, test, render JSON) against the floor
 * (read + JSON.parse of the same files), scaling in child processes, and cold start of the bundles.
 *
 * Run as a script (`node --import tsx bench/speed.ts child <mode> <root>`) it is the child of the
 * scaling benchmark: one measurement in a fresh process, printed as JSON.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundledRegistry } from '../src/core/registry.js'
import { isSidecarFileName } from '../src/core/sidecar.js'
import { comparePool } from '../src/pool/compare-pool.js'
import { renderJson } from '../src/report/json.js'
import { COMMITS, generatePool, planFor, plannedCount, type Generated } from './generate.js'
import { iqrHalf, median } from './lib.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SELF = fileURLToPath(import.meta.url)

/** The floor: walk the pool as readPool does, read every sidecar and JSON.parse it (same concurrency). */
export async function floor(root: string): Promise<number> {
  const files: string[] = []
  for (const d of await readdir(root, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name.startsWith('.')) continue
    for (const e of await readdir(join(root, d.name), { withFileTypes: true })) {
      const rel = join(d.name, e.name)
      if (e.isFile() && isSidecarFileName(e.name)) files.push(rel)
      else if (e.isDirectory() && !e.name.startsWith('.'))
        for (const f of await readdir(join(root, rel), { withFileTypes: true }))
          if (f.isFile() && isSidecarFileName(f.name)) files.push(join(rel, f.name))
    }
  }
  let parsed = 0
  let next = 0
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!
      const json = JSON.parse(await readFile(join(root, f), 'utf8')) as { test_name?: unknown }
      if (json.test_name !== undefined) parsed++
    }
  }
  await Promise.all(Array.from({ length: 32 }, worker))
  return parsed
}

/** The full gate over a generated pool: comparePool (read, parse, validate, fold, test) + renderJson. */
export async function full(root: string): Promise<{ sidecars: number; rows: number; bytes: number }> {
  const { comparison, pool } = await comparePool({
    dir: root,
    cwd: root,
    env: {},
    filters: { shared: {}, a: { 'project-commit': [COMMITS.a] }, b: { 'project-commit': [COMMITS.b] } },
    registry: bundledRegistry(),
    options: {}
  })
  const json = renderJson(comparison)
  return { sidecars: pool.sidecars.length, rows: comparison.rows.length, bytes: json.length }
}

export interface SpeedResult {
  sidecars: number
  rows: number
  reps: number
  floorMs: number[]
  fullMs: number[]
  floorMedian: number
  fullMedian: number
  ratio: number
  /** Half-IQR of the per-repetition ratios. */
  ratioPm: number
}

/** Floor vs full in this process, warm cache, interleaved repetitions (order alternates), medians. */
export async function speedVsFloor(sidecars: number, reps: number, pool?: Generated): Promise<SpeedResult> {
  const g = pool ?? (await generatePool(planFor(sidecars)))
  try {
    // Warm-up: page cache, JIT, the registry.
    await floor(g.root)
    const warm = await full(g.root)
    const floorMs: number[] = []
    const fullMs: number[] = []
    for (let i = 0; i < reps; i++) {
      const order = i % 2 === 0 ? ['floor', 'full'] : ['full', 'floor']
      for (const which of order) {
        const t = performance.now()
        if (which === 'floor') await floor(g.root)
        else await full(g.root)
        const ms = performance.now() - t
        ;(which === 'floor' ? floorMs : fullMs).push(ms)
      }
    }
    const ratios = fullMs.map((f, i) => f / floorMs[i]!)
    return {
      sidecars: g.files,
      rows: warm.rows,
      reps,
      floorMs,
      fullMs,
      floorMedian: median(floorMs),
      fullMedian: median(fullMs),
      ratio: median(fullMs) / median(floorMs),
      ratioPm: iqrHalf(ratios)
    }
  } finally {
    if (!pool) g.cleanup()
  }
}

export interface ScalePoint {
  sidecars: number
  fullMs: number
  floorMs: number
  /** Peak resident set size of the child (full compare), MiB. */
  fullRssMiB: number
  floorRssMiB: number
  usPerSidecar: number
}

/** One measurement in a fresh child process: `{ms, maxRssKiB}` of `mode` over `root`. */
function childMeasure(mode: 'full' | 'floor', root: string): Promise<{ ms: number; maxRssKiB: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, 'child', mode, root], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit']
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`scaling child (${mode}) exited ${code}`))
      try {
        resolve(JSON.parse(out) as { ms: number; maxRssKiB: number })
      } catch (e) {
        reject(e as Error)
      }
    })
  })
}

/** Time and peak RSS of the full compare at each size, each in its own process. */
export async function scaling(sizes: readonly number[], reuse?: Generated): Promise<ScalePoint[]> {
  const out: ScalePoint[] = []
  for (const n of sizes) {
    const mine =
      reuse && plannedCount(reuse.plan) === plannedCount(planFor(n)) ? null : await generatePool(planFor(n))
    const g = mine ?? reuse!
    try {
      await floor(g.root) // page cache warm for both children
      const fl = await childMeasure('floor', g.root)
      const fu = await childMeasure('full', g.root)
      out.push({
        sidecars: g.files,
        fullMs: fu.ms,
        floorMs: fl.ms,
        fullRssMiB: fu.maxRssKiB / 1024,
        floorRssMiB: fl.maxRssKiB / 1024,
        usPerSidecar: (fu.ms * 1000) / g.files
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

async function childMain(mode: string, root: string): Promise<void> {
  const t = performance.now()
  if (mode === 'full') await full(root)
  else await floor(root)
  const ms = performance.now() - t
  process.stdout.write(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS }) + '\n')
}

if (process.argv[1] === SELF && process.argv[2] === 'child')
  await childMain(process.argv[3] ?? 'full', process.argv[4] ?? '.')
