/**
 * KVM runs per PR: a sequence of pull requests sharing one merge-base on one host, produced
 * by the real `ktstr-agent` bundle against the stand-in `cargo-ktstr` and a fixture scheduler
 * repo. A counting `cargo` wrapper first on PATH records every `cargo ktstr test` (one VM run),
 * so the figure is what was executed, not what the agent says it did.
 *
 * ktstr's rule (perf-delta --noise-adjust N) runs 2·N per PR; the agent without its cache is
 * measured too, as a control that the count is right.
 *
 * The sequential rule with a warm deep baseline (`deepRuns`): the built Action (dist/index.js,
 * driven as test/e2e does) records the merge-base as examples/workflows/baseline.yml does (a push,
 * mode: produce, N runs), then gates each PR with `rule: sequential` — the sentinel runs beside
 * HEAD's first batch, the sentinel's check, the top-up rounds — all the Action's own code. The same
 * counting wrapper records each `cargo ktstr test` and how many tests it ran.
 */
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundledRegistry } from '../src/core/registry.js'
import { comparePool } from '../src/pool/compare-pool.js'
import { KERNEL, pullRequestPayload, setup, type ActionRun, type E2E } from '../test/e2e/harness.js'
import { createFixtureRepo, STAND_IN_BIN, type Model } from '../test/helpers/fixture-repo.js'

const AGENT = fileURLToPath(new URL('../runner-agent/dist/ktstr-agent.js', import.meta.url))

export interface KvmConfig {
  /** PRs in the sequence, all on the same merge-base. */
  prs: number
  /** Runs per side (perf-delta --noise-adjust N). */
  runs: number
  /** The sequential rule on a warm deep baseline (`deepRuns`); absent: not measured. */
  deep?: DeepConfig
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
  /** The sequential rule on a warm deep baseline, through the built Action; null when not run. */
  deep: DeepResult | null
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
export async function kvmRuns(cfg: KvmConfig, log: (line: string) => void = () => {}): Promise<KvmResult> {
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

    const { bin, counter } = countingCargo(root)
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
      deep: cfg.deep ? await deepRuns(cfg.deep, log) : null,
      notBuilt: cfg.deep
        ? []
        : [
            'deep baseline + sentinel + top-up rounds (sequential rule): not run here (--quick); the simulated KVM figure counts them'
          ],
      elapsedMs: performance.now() - t0
    }
  } finally {
    repo.cleanup()
    rmSync(root, { recursive: true, force: true })
  }
}

/**
 * The counting `cargo` wrapper, first on PATH: for each `cargo ktstr test` one line
 * `<project commit> <tests run> <filtered 0|1> <exit code>` (tests run = sidecars the invocation
 * wrote into the agent's KTSTR_SIDECAR_DIR), then the stand-in's own cargo shim.
 */
export function countingCargo(root: string): { bin: string; counter: string } {
  const bin = join(root, 'bin')
  const counter = join(root, 'invocations')
  mkdirSync(bin, { recursive: true })
  const standIn = join(STAND_IN_BIN, 'cargo')
  const sidecars = `$(find "$d" -maxdepth 1 -name '*.ktstr.json' 2>/dev/null | wc -l)`
  writeFileSync(
    join(bin, 'cargo'),
    [
      '#!/bin/sh',
      `[ "$1" = ktstr ] && [ "$2" = test ] || exec "${standIn}" "$@"`,
      'd="${KTSTR_SIDECAR_DIR:-/nonexistent}"',
      `n0=${sidecars}`,
      `"${standIn}" "$@"`,
      'rc=$?',
      `n1=${sidecars}`,
      'f=0',
      'for a in "$@"; do [ "$a" = -E ] && f=1; done',
      `echo "\${KTSTR_PROJECT_COMMIT:-unknown} $((n1 - n0)) $f $rc" >> "${counter}"`,
      'exit $rc',
      ''
    ].join('\n')
  )
  chmodSync(join(bin, 'cargo'), 0o755)
  return { bin, counter }
}

/** One `cargo ktstr test` the wrapper saw. */
export interface Invocation {
  /** ktstr's project commit label (7 hex). */
  commit: string
  /** Tests it ran (sidecars written). */
  tests: number
  /** Run with a nextest filter (`-E`): a top-up or a sentinel's fresh runs of some tests. */
  filtered: boolean
  code: number
}

/** The wrapper's log, one Invocation a line; a line it cannot read is an error (the count would lie). */
export function parseInvocations(text: string): Invocation[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^(\S+) (-?\d+) ([01]) (\d+)$/.exec(l.trim())
      if (!m) throw new Error(`bench/kvm: cannot read the counting wrapper's line ${JSON.stringify(l)}`)
      return { commit: m[1]!, tests: Number(m[2]), filtered: m[3] === '1', code: Number(m[4]) }
    })
}

/** What a PR's invocations cost: VM boots, per side, filtered, and as suite-equivalents. */
export interface InvocationSummary {
  invocations: number
  /** Of them, runs of the baseline commit (sentinel, fresh after a drop, the baseline job's own). */
  baseInvocations: number
  headInvocations: number
  filtered: number
  /** Σ tests run / tests in the suite: an invocation of m of the suite's T tests counts m/T. */
  suiteEquivalents: number
}

export function summarise(
  invs: readonly Invocation[],
  suiteSize: number,
  baseLabel: string
): InvocationSummary {
  if (!(suiteSize > 0)) throw new Error(`bench/kvm: suite size must be positive, got ${suiteSize}`)
  return {
    invocations: invs.length,
    baseInvocations: invs.filter((i) => i.commit === baseLabel).length,
    headInvocations: invs.filter((i) => i.commit !== baseLabel).length,
    filtered: invs.filter((i) => i.filtered).length,
    suiteEquivalents: invs.reduce((s, i) => s + i.tests, 0) / suiteSize
  }
}

/** `sequential rule: 2 top-up round(s), stopped: decided` in the Action's log; null when absent. */
export function topUpOutcome(log: string): { rounds: number; stopped: string } | null {
  const m = /sequential rule: (\d+) top-up round\(s\), stopped: ([a-z-]+)/.exec(log)
  return m ? { rounds: Number(m[1]), stopped: m[2]! } : null
}

export interface DeepConfig {
  /** Pull requests with no change, gated one after another on the warm deep baseline. */
  prs: number
  /** Pull requests after them on a drifted host (KTSTR_STANDIN_HOST_SHIFT = hostShift); 0: none. */
  driftedPrs: number
  /** The drifted host: every value × (1 + hostShift), e.g. 0.05 for a host 5 % slower. */
  hostShift: number
  /** Runs per commit of the baseline job (its noise-adjust) and the PRs' baseline-runs. */
  baselineRuns: number
  /** noise-adjust of the PR gate: HEAD's first batch and each top-up's batch. */
  runs: number
  sentinelRuns: number
  maxRuns: number
}

export const DEEP_DEFAULTS: DeepConfig = {
  prs: 6,
  driftedPrs: 1,
  hostShift: 0.05,
  baselineRuns: 20,
  runs: 5,
  sentinelRuns: 1, // the Action's default (action.yml sentinel-runs)
  maxRuns: 20
}

/** One PR gated by the Action under the sequential rule. */
export interface SeqPr extends InvocationSummary {
  pr: number
  head: string
  drifted: boolean
  /** Top-up rounds after the first, and why the loop stopped (null: the loop did not run). */
  rounds: number | null
  stopped: string | null
  /** Cached baseline runs the sentinel checked, and tests whose cached runs it set aside. */
  cachedRuns: number
  sentinelDropped: number
  verdict: string
  regressions: number
  undecided: number
  inconclusive: number
  /** Per-invocation tests run, in order (e.g. 6 6 6 … 2 2). */
  tests: number[]
  elapsedMs: number
}

export interface DeepResult {
  config: DeepConfig
  /** Performance tests of the fixture model (what an unfiltered invocation runs). */
  suiteSize: number
  /** The baseline job (push, mode: produce), paid once per merge-base commit. */
  baseline: InvocationSummary & { stored: boolean; elapsedMs: number }
  prs: SeqPr[]
  drifted: SeqPr[]
  /** Mean over the clean PRs. */
  perPr: { invocations: number; suiteEquivalents: number; filtered: number }
  elapsedMs: number
}

/**
 * The deep bench's scheduler: 6 performance tests × 8 gated metrics (registry gates 10–50 %), each
 * (test, metric) with its own noise, log-spread over 1–20 % (the simulator's CV range) and shuffled
 * across tests, at means where the relative gate is the effective one. Quiet rows decide at once;
 * rows whose noise is near their gate stay undecided and need top-up rounds.
 */
export function deepModel(): Model {
  const metrics: Array<[string, number]> = [
    ['worst_spread', 40],
    ['total_migrations', 400],
    ['worst_p99_wake_latency_us', 400],
    ['total_iterations', 120_000],
    ['worst_migration_ratio', 0.5],
    ['avg_nr_running', 4],
    ['worst_gap_ms', 2000],
    ['max_dsq_depth', 40]
  ]
  const tests = 6
  const cells = tests * metrics.length
  // 7 is prime to 48: k → 7k mod 48 shuffles the noise levels over the cells.
  const noise = (k: number) => Math.round(0.01 * 20 ** (((7 * k) % cells) / (cells - 1)) * 10_000) / 10_000
  return {
    tests: Array.from({ length: tests }, (_, t) => ({
      name: `sched_deep_${t + 1}_perf`,
      topology: '1n2l4c1t',
      scheduler: 'scx_demo',
      work_type: t % 2 ? 'CpuSpin' : 'SpinWait',
      performance_mode: true,
      metrics: Object.fromEntries(
        metrics.map(([m, mean], i) => [m, { mean, noise: noise(t * metrics.length + i) }])
      )
    }))
  }
}

interface ReportJson {
  verdict: string
  counts: { regressions: number }
  rows: Array<{ state?: string | null }>
  sentinel?: { cachedRuns: number; dropped: unknown[] } | null
}

/**
 * The sequential rule's KVM runs per PR with a warm deep baseline, as the Action runs it: the
 * built dist/index.js (test/e2e/harness.ts: a runner-like environment, fake GitHub on 127.0.0.1,
 * the real ktstr-agent bundle and its host cache) on one host. First the baseline job of
 * examples/workflows/baseline.yml (a push of the merge-base, mode: produce, `baselineRuns` runs),
 * then each PR in turn with `rule: sequential`, counting every `cargo ktstr test`.
 */
export async function deepRuns(cfg: DeepConfig, log: (line: string) => void = () => {}): Promise<DeepResult> {
  const t0 = performance.now()
  const model = deepModel()
  const suiteSize = model.tests.filter((t) => t.performance_mode !== false).length
  const e = await setup({ model })
  try {
    const { bin, counter } = countingCargo(e.root)
    const env = { PATH: `${bin}:${STAND_IN_BIN}:${e.binDir}:${process.env.PATH ?? ''}` }
    const fx = e.fixture
    const base = fx.commits.baseline
    const baseLabel = fx.short(base)
    const seen = (): Invocation[] =>
      parseInvocations(existsSync(counter) ? readFileSync(counter, 'utf8') : '')

    log(`deep baseline: mode produce on the merge-base, ${cfg.baselineRuns} runs …`)
    const tb = performance.now()
    const stored = await baselineJob(e, cfg.baselineRuns, env)
    const baseline = { ...summarise(seen(), suiteSize, baseLabel), stored, elapsedMs: performance.now() - tb }
    const heads = noChangePrs(e, cfg.prs + cfg.driftedPrs)
    const total = heads.length
    const prs: SeqPr[] = []
    for (const [i, head] of heads.entries()) {
      const drifted = i >= cfg.prs
      log(
        `deep baseline: PR ${i + 1}/${total}${drifted ? `, host drifted ${fmtShift(cfg.hostShift)}` : ''} (rule: sequential) …`
      )
      const tp = performance.now()
      const before = seen().length
      const r = await gatePr(
        e,
        cfg,
        i + 1,
        head,
        drifted ? { ...env, KTSTR_STANDIN_HOST_SHIFT: String(cfg.hostShift) } : env
      )
      const invs = seen().slice(before)
      prs.push({
        ...prOutcome(r, invs, suiteSize, baseLabel),
        pr: i + 1,
        head: fx.short(head),
        drifted,
        elapsedMs: performance.now() - tp
      })
    }
    const clean = prs.filter((p) => !p.drifted)
    const mean = (f: (p: SeqPr) => number) => clean.reduce((s, p) => s + f(p), 0) / clean.length
    return {
      config: cfg,
      suiteSize,
      baseline,
      prs: clean,
      drifted: prs.filter((p) => p.drifted),
      perPr: {
        invocations: mean((p) => p.invocations),
        suiteEquivalents: mean((p) => p.suiteEquivalents),
        filtered: mean((p) => p.filtered)
      },
      elapsedMs: performance.now() - t0
    }
  } finally {
    await e.close()
  }
}

/**
 * The job of examples/workflows/baseline.yml: a push of the merge-base to main, mode: produce,
 * `runs` runs, which the agent keeps in its host cache. True when the agent says it stored them.
 */
async function baselineJob(e: E2E, runs: number, env: Record<string, string>): Promise<boolean> {
  const base = e.fixture.commits.baseline
  const runId = e.world.api.state.addRun({
    headSha: base,
    headBranch: 'main',
    event: 'push',
    status: 'in_progress',
    conclusion: null
  }).id
  const b = await e.run({
    runId,
    event: 'push',
    payload: { ref: 'refs/heads/main', after: base },
    inputs: { mode: 'produce', kernel: KERNEL, 'noise-adjust': String(runs), upload: 'false' },
    workspace: e.checkout(base),
    sha: base,
    ref: 'refs/heads/main',
    env
  })
  if (b.code !== 0)
    throw new Error(`bench/kvm: the baseline job exited ${b.code}:\n${tail(b.stdout + b.stderr)}`)
  e.finishRun(runId)
  return /cache: stored \d+ /.test(`${b.stdout}${b.stderr}`)
}

/** `n` PR branches on the merge-base that change only the README, pushed to the origin the jobs clone. */
function noChangePrs(e: E2E, n: number): string[] {
  const fx = e.fixture
  const heads: string[] = []
  for (let k = 1; k <= n; k++) {
    fx.git('checkout', '-q', '-b', `deep-pr-${k}`, fx.commits.baseline)
    writeFileSync(
      join(fx.dir, 'README.md'),
      `# scx_demo\n\nPull request ${k} (no change to the scheduler).\n`
    )
    fx.git('add', '-A')
    fx.git('commit', '-q', '-m', `docs: PR ${k}`)
    heads.push(fx.git('rev-parse', 'HEAD'))
    fx.git('push', '-q', e.origin, `deep-pr-${k}`)
  }
  fx.git('checkout', '-q', 'main')
  return heads
}

/** One pull request's gate, as examples/workflows/pr-gate.yml runs it with rule: sequential. */
async function gatePr(
  e: E2E,
  cfg: DeepConfig,
  n: number,
  head: string,
  env: Record<string, string>
): Promise<ActionRun> {
  const runId = e.world.api.state.addRun({
    headSha: head,
    headBranch: `deep-pr-${n}`,
    event: 'pull_request',
    status: 'in_progress',
    conclusion: null
  }).id
  const r = await e.run({
    runId,
    event: 'pull_request',
    payload: pullRequestPayload({
      number: n,
      headSha: head,
      headRef: `deep-pr-${n}`,
      baseSha: e.fixture.commits.baseline
    }),
    inputs: {
      kernel: KERNEL,
      rule: 'sequential',
      'fail-threshold': '1',
      'noise-adjust': String(cfg.runs),
      'baseline-runs': String(cfg.baselineRuns),
      'sentinel-runs': String(cfg.sentinelRuns),
      'max-runs': String(cfg.maxRuns),
      'time-budget': '0',
      comment: 'never',
      upload: 'false'
    },
    workspace: e.checkout(head),
    sha: head,
    ref: `refs/pull/${n}/merge`,
    baseRef: 'main',
    env
  })
  e.finishRun(runId, r.code === 0 ? 'success' : 'failure')
  if (!r.outputs.verdict || !r.outputs.report)
    throw new Error(
      `bench/kvm: the gate of PR ${n} exited ${r.code} without a verdict:\n${tail(r.stdout + r.stderr)}`
    )
  return r
}

function prOutcome(
  r: ActionRun,
  invs: readonly Invocation[],
  suiteSize: number,
  baseLabel: string
): Omit<SeqPr, 'pr' | 'head' | 'drifted' | 'elapsedMs'> {
  const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as ReportJson
  const loop = topUpOutcome(`${r.stdout}${r.stderr}`)
  return {
    ...summarise(invs, suiteSize, baseLabel),
    rounds: loop?.rounds ?? null,
    stopped: loop?.stopped ?? null,
    cachedRuns: report.sentinel?.cachedRuns ?? 0,
    sentinelDropped: report.sentinel?.dropped.length ?? 0,
    verdict: report.verdict,
    regressions: report.counts.regressions,
    undecided: report.rows.filter((x) => x.state === 'undecided').length,
    inconclusive: report.rows.filter((x) => x.state === 'inconclusive').length,
    tests: invs.map((i) => i.tests)
  }
}

function fmtShift(f: number): string {
  return `${f >= 0 ? '+' : ''}${Math.round(f * 1000) / 10} %`
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}
