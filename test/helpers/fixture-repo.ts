import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Fixture scheduler repositories for tests: real git repos in temp dirs whose commits carry
 * the `ktstr-model.json` the stand-in `cargo-ktstr` reads (test/stand-in/README.md).
 * Author and committer dates are fixed, so the commit ids are the same on every machine.
 */

/** Per-metric model: mean, relative noise (0.03 = 3 %), relative drift per run in the sequence. */
export interface MetricModel {
  mean: number
  noise?: number
  drift?: number
}

export interface TestModel {
  name: string
  topology?: string
  scheduler?: string
  work_type?: string
  performance_mode?: boolean
  passed?: boolean
  metrics: Record<string, MetricModel>
  perf_delta_assertions?: Array<{
    metric: string
    max_regression_pct?: number | null
    min_abs?: number | null
    direction?: string | null
    phase?: number | null
  }>
}

export interface Model {
  tests: TestModel[]
}

/** Directory holding the stand-in's `cargo` shim and `cargo-ktstr`; put it first on PATH. */
export const STAND_IN_BIN = resolve(fileURLToPath(new URL('../stand-in/bin', import.meta.url)))

/** PATH with the stand-in first, so `cargo ktstr …` reaches it. */
export function standInPath(path = process.env.PATH ?? ''): string {
  return `${STAND_IN_BIN}:${path}`
}

/** The baseline model: two performance_mode tests and one ordinary test. */
export function baselineModel(): Model {
  return {
    tests: [
      {
        name: 'sched_steady_perf',
        topology: '1n2l4c1t',
        scheduler: 'scx_demo',
        work_type: 'SpinWait',
        performance_mode: true,
        metrics: {
          worst_spread: { mean: 20, noise: 0.03 },
          total_migrations: { mean: 400, noise: 0.05 },
          max_imbalance_ratio: { mean: 1.5, noise: 0.04 },
          worst_p99_wake_latency_us: { mean: 180, noise: 0.04 }
        },
        perf_delta_assertions: [{ metric: 'worst_spread', max_regression_pct: 10 }]
      },
      {
        name: 'sched_mixed_perf',
        topology: '1n2l4c1t',
        scheduler: 'scx_demo',
        work_type: 'CpuSpin',
        performance_mode: true,
        metrics: {
          worst_gap_ms: { mean: 120, noise: 0.05 },
          total_iterations: { mean: 120000, noise: 0.02 },
          worst_p99_wake_latency_us: { mean: 250, noise: 0.04 }
        }
      },
      {
        name: 'sched_smoke',
        topology: '1n1l2c1t',
        scheduler: 'scx_demo',
        work_type: 'SpinWait',
        performance_mode: false,
        metrics: { worst_spread: { mean: 10, noise: 0.1 } }
      }
    ]
  }
}

/** The planted moves: which (test, metric) each fixture commit changes, and how. */
export const PLANTED = {
  regressing: [
    { test: 'sched_steady_perf', metric: 'worst_spread', mean: 30 },
    { test: 'sched_steady_perf', metric: 'worst_p99_wake_latency_us', mean: 270 }
  ],
  improving: [
    { test: 'sched_steady_perf', metric: 'worst_spread', mean: 12 },
    { test: 'sched_mixed_perf', metric: 'total_iterations', mean: 150000 }
  ]
} as const

export interface FixtureRepo {
  dir: string
  /** Full 40-hex ids. `untrusted` is on no branch (only `refs/pull/1/head`, like a fork PR). */
  commits: { baseline: string; regressing: string; improving: string; noop: string; untrusted: string }
  /** ktstr's 7-hex label of a commit. */
  short(sha: string): string
  /** Runs git in the fixture repo and returns trimmed stdout. */
  git(...args: string[]): string
  cleanup(): void
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
  GIT_COMMITTER_NAME: 'Fixture Author',
  GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null'
}

function withMean(model: Model, moves: ReadonlyArray<{ test: string; metric: string; mean: number }>): Model {
  const m = structuredClone(model)
  for (const mv of moves) {
    // A custom model without the planted metric keeps its values (its commits then differ only in name).
    const spec = m.tests.find((x) => x.name === mv.test)?.metrics[mv.metric]
    if (spec) spec.mean = mv.mean
  }
  return m
}

/** Builds a fixture scheduler repo: `main` = baseline; branches `regress`, `improve`, `noop` one commit each. */
export function createFixtureRepo(opts: { model?: Model; parentDir?: string } = {}): FixtureRepo {
  const base = opts.model ?? baselineModel()
  const dir = mkdtempSync(join(opts.parentDir ?? tmpdir(), 'ktstr-fixture-'))
  let tick = 0
  const git = (...args: string[]): string => {
    const date = `2026-01-01T00:00:${String(tick).padStart(2, '0')}Z`
    return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
    }).trim()
  }
  const write = (file: string, text: string): void => writeFileSync(join(dir, file), text)
  const commit = (msg: string): string => {
    tick++
    git('add', '-A')
    git('commit', '-q', '--allow-empty', '-m', msg)
    return git('rev-parse', 'HEAD')
  }
  const writeModel = (m: Model): void => write('ktstr-model.json', JSON.stringify(m, null, 2) + '\n')

  git('init', '-q', '-b', 'main')
  write('.gitignore', '/target\n')
  write('Cargo.toml', '[package]\nname = "scx_demo"\nversion = "0.1.0"\nedition = "2021"\n')
  write('README.md', '# scx_demo\n\nA fixture sched_ext scheduler for ktstr-perf-gate tests.\n')
  writeModel(base)
  const baseline = commit('scx_demo: baseline')

  const branch = (name: string, msg: string, change: () => void): string => {
    git('checkout', '-q', '-b', name, baseline)
    change()
    return commit(msg)
  }
  const regressing = branch('regress', 'scx_demo: slower dispatch (plants regressions)', () =>
    writeModel(withMean(base, PLANTED.regressing))
  )
  const improving = branch('improve', 'scx_demo: faster dispatch (plants improvements)', () =>
    writeModel(withMean(base, PLANTED.improving))
  )
  const noop = branch('noop', 'docs: reword README (no-op)', () =>
    write('README.md', '# scx_demo\n\nA fixture sched_ext scheduler, used by ktstr-perf-gate tests.\n')
  )
  const untrusted = branch('fork-pr', 'fork: untrusted change', () =>
    write('README.md', '# scx_demo\n\nChanged by a fork.\n')
  )
  git('update-ref', 'refs/pull/1/head', untrusted)
  git('checkout', '-q', 'main')
  git('branch', '-q', '-D', 'fork-pr')

  return {
    dir,
    commits: { baseline, regressing, improving, noop, untrusted },
    short: (sha) => sha.slice(0, 7),
    git,
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** True when `pid` is a live process (a zombie awaiting its reaper counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}
