#!/usr/bin/env node
// Regenerates examples/pool: five interleaved runs per side of a fictional scheduler, written by the
// stand-in cargo-ktstr (test/stand-in) exactly as ktstr lays out a pool. Deterministic values (the
// stand-in draws them from a seeded generator); only timestamps change between regenerations.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const STAND_IN = join(ROOT, 'test', 'stand-in', 'bin', 'cargo-ktstr')
const POOL = join(ROOT, 'examples', 'pool')
const KERNEL = '6.14.2'
const RUNS = 5
const BASE = '1a2b3c4'
const HEAD = '5d6e7f8'

const common = {
  worst_spread: { mean: 8, noise: 0.05 },
  worst_gap_ms: { mean: 120, noise: 0.08 },
  total_migrations: { mean: 400, noise: 0.04 },
  max_imbalance_ratio: { mean: 1.5, noise: 0.05 },
  worst_p99_wake_latency_us: { mean: 180, noise: 0.04 },
  worst_median_wake_latency_us: { mean: 45, noise: 0.03 },
  iterations_per_cpu_sec: { mean: 30769, noise: 0.02 },
  total_iterations_pooled: { mean: 120000, noise: 0.02 },
  total_cpu_time_sec: { mean: 3.9, noise: 0.001 },
  total_run_delay_ns_per_sched: { mean: 68852, noise: 0.04 }
}
const tests = (head) => [
  {
    name: 'sched_steady_perf',
    topology: '1n2l4c1t',
    scheduler: 'scx_demo',
    work_type: 'SpinWait',
    metrics: common,
    perf_delta_assertions: [{ metric: 'worst_spread', max_regression_pct: 20 }]
  },
  {
    // The planted regression: p99 wake latency +40 % at HEAD.
    name: 'wake_storm_perf',
    topology: '2n4l8c2t',
    scheduler: 'scx_demo',
    work_type: 'CpuSpin',
    metrics: { ...common, worst_p99_wake_latency_us: { mean: head ? 252 : 180, noise: 0.04 } }
  },
  {
    // The planted improvement: iterations per CPU-second +15 % at HEAD.
    name: 'cgroup_mixed_perf',
    topology: '1n2l4c2t',
    scheduler: 'scx_demo',
    work_type: 'Mixed',
    metrics: {
      ...common,
      iterations_per_cpu_sec: { mean: head ? 27600 : 24000, noise: 0.02 },
      total_iterations_pooled: { mean: head ? 107640 : 93600, noise: 0.02 }
    }
  },
  { name: 'numa_spread_perf', topology: '2n2l4c1t', scheduler: 'scx_demo', work_type: 'SpinWait', metrics: common }
]

const repo = mkdtempSync(join(tmpdir(), 'ktstr-example-'))
try {
  execFileSync('git', ['init', '-q', repo])
  rmSync(POOL, { recursive: true, force: true })
  for (let i = 1; i <= RUNS; i++)
    for (const [commit, head] of [
      [BASE, false],
      [HEAD, true]
    ]) {
      writeFileSync(join(repo, 'ktstr-model.json'), JSON.stringify({ tests: tests(head) }, null, 2))
      execFileSync(process.execPath, [STAND_IN, 'ktstr', 'test', '--kernel', KERNEL], {
        cwd: repo,
        stdio: 'ignore',
        env: {
          ...process.env,
          KTSTR_CI: '1',
          KTSTR_PROJECT_COMMIT: commit,
          CARGO_TARGET_DIR: join(repo, 'target'),
          KTSTR_SIDECAR_DIR: join(POOL, `${KERNEL}-${commit}`, `run-${i}`)
        }
      })
    }
  console.log(`wrote ${POOL}`)
} finally {
  rmSync(repo, { recursive: true, force: true })
}
