/**
 * KVM runs per PR: a sequence of pull requests sharing one merge-base on one host, produced
 * by the real `ktstr-agent` bundle against the stand-in `cargo-ktstr` and a fixture scheduler
 * repo. A counting `cargo` wrapper first on PATH records every `cargo ktstr test` (one VM run),
 * so the figure is what was executed, not what the agent says it did.
 *
 * ktstr's rule (perf-delta --noise-adjust N) runs 2·N per PR; the agent without its cache is
 * measured too, as a control that the count is right.
 */
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundledRegistry } from '../src/core/registry.js'
import { comparePool } from '../src/pool/compare-pool.js'
import { createFixtureRepo, STAND_IN_BIN } from '../test/helpers/fixture-repo.js'

const AGENT = fileURLToPath(new URL('../runner-agent/dist/ktstr-agent.js', import.meta.url))

export interface KvmConfig {
  /** PRs in the sequence, all on the same merge-base. */
  prs: number
  /** Runs per side (perf-delta --noise-adjust N). */
  runs: number
}

export interface PrRuns {
  pr: number
  head: string
  /** `cargo ktstr test` invocations counted by the wrapper. */
  invocations: number
  /** What the agent reported (cross-check). */
  baseFromCache: number
  baseProduced: number
  headProduced: number
  /** Runs per side in the PR's pool, and the gate's verdict on it. */
  baseRuns: number
  headRuns: number
  verdict: string
  regressions: number
}

export interface KvmResult {
  config: KvmConfig
  ktstrPerPr: number
  /** The agent with --no-cache on the first PR (control: must equal 2·N). */
  noCache: PrRuns[]
  /** The agent with its host cache, cold at the first PR. */
  cached: PrRuns[]
  /** Maintainer rerun of the last PR asking for 2·N runs per side, in the same pool. */
  topUp: {
    ktstr: number
    agent: number
    /** Runs per side asked for. */
    wanted: number
    /** Distinct passing runs per side the gate then compared (after its de-duplication). */
    baseRunsCounted: number
    headRunsCounted: number
    notices: string[]
  } | null
  /** Cached PRs after the first (warm cache), mean invocations per PR. */
  warmPerPr: number
  warmRatio: number
  /** Whole sequence from a cold cache, invocations per PR / 2·N. */
  sequenceRatio: number
  notBuilt: string[]
  elapsedMs: number
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AGENT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out, err }))
  })
}

function count(file: string): number {
  if (!existsSync(file)) return 0
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).length
}

interface AgentJson {
  sides: Array<{ side: string; runs: number; fromCache: number; produced: number }>
}

/** Runs the PR sequence with and without the cache and counts `cargo ktstr test`. */
export async function kvmRuns(cfg: KvmConfig): Promise<KvmResult> {
  const t0 = performance.now()
  if (!existsSync(AGENT)) throw new Error(`${AGENT} is not built (npm run build -w runner-agent)`)
  const root = mkdtempSync(join(tmpdir(), 'ktstr-bench-kvm-'))
  const repo = createFixtureRepo({ parentDir: root })
  try {
    const heads: string[] = []
    for (let k = 1; k <= cfg.prs; k++) {
      repo.git('checkout', '-q', '-b', `pr-${k}`, repo.commits.baseline)
      writeFileSync(join(repo.dir, 'README.md'), `# scx_demo\n\nPull request ${k}.\n`)
      repo.git('add', '-A')
      repo.git('commit', '-q', '-m', `PR ${k}`)
      heads.push(repo.git('rev-parse', 'HEAD'))
    }
    repo.git('checkout', '-q', 'main')

    // The counting wrapper: one line per `cargo ktstr test`, then the stand-in's own cargo shim.
    const bin = join(root, 'bin')
    const counter = join(root, 'invocations')
    mkdirSync(bin, { recursive: true })
    const wrapper = join(bin, 'cargo')
    writeFileSync(
      wrapper,
      `#!/bin/sh\nif [ "$1" = ktstr ] && [ "$2" = test ]; then echo "$*" >> "${counter}"; fi\nexec "${join(STAND_IN_BIN, 'cargo')}" "$@"\n`
    )
    chmodSync(wrapper, 0o755)
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${bin}:${STAND_IN_BIN}:${process.env.PATH ?? ''}`
    }
    for (const k of Object.keys(env)) if (k.startsWith('KTSTR_')) delete env[k]

    const sequence = async (label: string, cache: boolean, prs: readonly string[]): Promise<PrRuns[]> => {
      const dir = join(root, label)
      mkdirSync(dir, { recursive: true })
      const out: PrRuns[] = []
      for (const [i, head] of prs.entries()) {
        const pool = join(dir, `pool-pr-${i + 1}`)
        const before = count(counter)
        const r = await run(
          [
            'produce',
            '--repo',
            repo.dir,
            '--base',
            repo.commits.baseline,
            '--head',
            head,
            '--kernel',
            '6.14.2',
            '--runs',
            String(cfg.runs),
            '--out',
            pool,
            '--lock-file',
            join(dir, 'host.lock'),
            '--scratch',
            join(dir, 'scratch'),
            '--cache-dir',
            join(dir, 'cache'),
            ...(cache ? [] : ['--no-cache']),
            '--quiet',
            '--json'
          ],
          env
        )
        if (r.code !== 0)
          throw new Error(`ktstr-agent produce (${label}, PR ${i + 1}) exited ${r.code}: ${r.err.trim()}`)
        const j = JSON.parse(r.out) as AgentJson
        const base = j.sides.find((s) => s.side === 'base')!
        const hd = j.sides.find((s) => s.side === 'head')!
        const comparison = await gate(pool, head)
        out.push({
          pr: i + 1,
          head: repo.short(head),
          invocations: count(counter) - before,
          baseFromCache: base.fromCache,
          baseProduced: base.produced,
          headProduced: hd.produced,
          baseRuns: base.runs,
          headRuns: hd.runs,
          verdict: comparison.verdict,
          regressions: comparison.counts.regressions
        })
      }
      return out
    }

    const gate = async (pool: string, head: string) =>
      (
        await comparePool({
          dir: pool,
          cwd: repo.dir,
          env: {},
          filters: {
            shared: {},
            a: { 'project-commit': [repo.short(repo.commits.baseline)] },
            b: { 'project-commit': [repo.short(head)] }
          },
          registry: bundledRegistry(),
          options: {}
        })
      ).comparison

    // Control: the agent without its cache runs what perf-delta runs (the first PR is enough).
    const noCache = await sequence('no-cache', false, heads.slice(0, 1))
    const cached = await sequence('cached', true, heads)

    // Top-up: a maintainer reruns the last PR asking for 2·N per side; the agent adds the missing
    // runs to the same pool. ktstr's perf-delta has no pool to add to: it runs 2·(2N) again.
    let topUp: KvmResult['topUp'] = null
    {
      const dir = join(root, 'cached')
      const pool = join(dir, `pool-pr-${heads.length}`)
      const before = count(counter)
      const r = await run(
        [
          'produce',
          '--repo',
          repo.dir,
          '--base',
          repo.commits.baseline,
          '--head',
          heads[heads.length - 1]!,
          '--kernel',
          '6.14.2',
          '--runs',
          String(2 * cfg.runs),
          '--out',
          pool,
          '--lock-file',
          join(dir, 'host.lock'),
          '--scratch',
          join(dir, 'scratch'),
          '--cache-dir',
          join(dir, 'cache'),
          '--quiet',
          '--json'
        ],
        env
      )
      if (r.code !== 0) throw new Error(`ktstr-agent produce (top-up) exited ${r.code}: ${r.err.trim()}`)
      const agent = count(counter) - before
      const c = await gate(pool, heads[heads.length - 1]!)
      topUp = {
        ktstr: 2 * 2 * cfg.runs,
        agent,
        wanted: 2 * cfg.runs,
        baseRunsCounted: c.baseline.runs,
        headRunsCounted: c.head.runs,
        notices: c.notices
      }
    }

    const ktstrPerPr = 2 * cfg.runs
    const warm = cached.slice(1)
    const warmPerPr = warm.length ? warm.reduce((s, p) => s + p.invocations, 0) / warm.length : NaN
    const seqPerPr = cached.reduce((s, p) => s + p.invocations, 0) / cached.length
    return {
      config: cfg,
      ktstrPerPr,
      noCache,
      cached,
      topUp,
      warmPerPr,
      warmRatio: warmPerPr / ktstrPerPr,
      sequenceRatio: seqPerPr / ktstrPerPr,
      notBuilt: [
        'deep baseline + sentinel runs (agent --deep/--sentinel) on a warm cache: not run here; the simulated KVM figure counts them'
      ],
      elapsedMs: performance.now() - t0
    }
  } finally {
    repo.cleanup()
    rmSync(root, { recursive: true, force: true })
  }
}
