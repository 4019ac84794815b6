/**
 * `npm run bench`: every figure of DESIGN.md §11 in one table (`--json` for machines,
 * `--quick` for a fast smoke, `--skip speed,scaling,cold,kvm,sim` to leave parts out,
 * `--seed S` for the simulator). Not part of `npm test`.
 */
import { readFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { generatePool, planFor } from './generate.js'
import { DEEP_DEFAULTS, kvmRuns, type KvmResult } from './kvm.js'
import { DEFAULT_CONFIG, simulate, type SimConfig, type SimResult } from './simulate.js'
import {
  coldStart,
  scaling,
  speedVsFloor,
  type ColdStart,
  type ScalePoint,
  type SpeedResult
} from './speed.js'
import { buildRows, renderTable, type BenchResult } from './table.js'

export interface BenchOptions {
  quick: boolean
  skip: Set<string>
  seed: string
  log: (line: string) => void
}

/** User + system CPU of this process and its waited-for children, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields 14–17 of stat(5): utime stime cutime cstime; f[0] is field 3.
    const ticks = [11, 12, 13, 14].reduce((s, i) => s + Number(f[i]), 0)
    return Number.isFinite(ticks) ? ticks * 10 : null
  } catch {
    return null
  }
}

/** Runs the selected parts and builds the table rows. */
export async function bench(o: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now()
  const env = {
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
    quick: o.quick,
    seed: o.seed
  }
  const want = (part: string) => !o.skip.has(part)

  let speed: SpeedResult | null = null
  let scale: ScalePoint[] | null = null
  const main = o.quick ? 1000 : 10_000
  // One pool of the main size serves the speed figure and its scaling point.
  const pool = want('speed') || want('scaling') ? await generatePool(planFor(main)) : null
  try {
    if (want('speed')) {
      o.log(`speed: compare --json vs readFileSync + JSON.parse, ${main} sidecars, child processes …`)
      speed = await speedVsFloor(main, o.quick ? 3 : 5, pool!)
    }
    if (want('scaling')) {
      const sizes = o.quick ? [200, 1000] : [1000, 10_000, 50_000]
      o.log(`scaling: ${sizes.join(' / ')} sidecars, one child process each …`)
      scale = await scaling(sizes, pool!, o.quick ? 1 : 3)
    }
  } finally {
    pool?.cleanup()
  }
  let cold: ColdStart[] | null = null
  if (want('cold')) {
    o.log('cold start …')
    const runs = o.quick ? 3 : 11
    cold = [await coldStart('dist/index.js', [], runs), await coldStart('dist/cli.js', ['--version'], runs)]
  }
  let kvm: KvmResult | null = null
  if (want('kvm')) {
    o.log('KVM runs per PR: ktstr-agent + stand-in, then the built Action on a warm deep baseline …')
    kvm = await kvmRuns(
      o.quick
        ? { prs: 2, runs: 2, deep: { ...DEEP_DEFAULTS, prs: 1, driftedPrs: 0, baselineRuns: 10 } }
        : { prs: 4, runs: 5, deep: DEEP_DEFAULTS },
      o.log
    )
  }
  let sim: SimResult | null = null
  if (want('sim')) {
    const cfg: SimConfig = o.quick
      ? { ...DEFAULT_CONFIG, seed: o.seed, prs: { aa: 40, ab: 30, drift: 20 } }
      : { ...DEFAULT_CONFIG, seed: o.seed }
    o.log(
      `verdict quality: simulating ${cfg.prs.aa} A/A + ${cfg.prs.ab} A/B + ${cfg.prs.drift} drifted-host PRs, ktstr's rule and sequential (seed ${cfg.seed}) …`
    )
    sim = await simulate(cfg, Math.min(2, availableParallelism()))
  }

  return {
    env,
    speed,
    scaling: scale,
    cold,
    kvm,
    sim,
    rows: buildRows({ speed, scale, cold, kvm, sim }),
    elapsedMs: performance.now() - t0,
    cpuMs: cpuMs()
  }
}

function parseArgs(argv: string[]): BenchOptions & { json: boolean } {
  const skip = new Set<string>()
  let quick = false
  let json = false
  let seed = DEFAULT_CONFIG.seed
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--quick') quick = true
    else if (a === '--json') json = true
    else if (a === '--skip') for (const s of (argv[++i] ?? '').split(',')) skip.add(s.trim())
    else if (a === '--seed') seed = argv[++i] ?? seed
    else {
      process.stderr.write(
        `bench: unknown argument ${a} (--quick, --json, --skip speed,scaling,cold,kvm,sim, --seed S)\n`
      )
      process.exit(2)
    }
  }
  return { quick, skip, seed, json, log: (l) => process.stderr.write(`bench: ${l}\n`) }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const o = parseArgs(process.argv.slice(2))
  const res = await bench(o)
  process.stdout.write(o.json ? JSON.stringify(res, null, 2) + '\n' : renderTable(res) + '\n')
}
