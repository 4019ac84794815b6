// Builders of parsed Sidecar values for engine tests (no files involved).
import type { PerfDeltaAssertion, Sidecar } from '../../src/core/sidecar.js'

export interface SidecarSpec {
  test?: string
  commit?: string
  topology?: string
  scheduler?: string
  workType?: string
  kernel?: string
  run?: number
  values: Record<string, number>
  passed?: boolean
  skipped?: boolean
  expectedFailure?: boolean
  denomination?: string
  weight?: number
  assertions?: Partial<PerfDeltaAssertion>[]
  phases?: { stepIndex: number; metrics: Record<string, number> }[]
}

/** One sidecar of `test` at `commit`, run number `run` (orders the runs by timestamp). */
export function sidecar(spec: SidecarSpec): Sidecar {
  const run = spec.run ?? 1
  const commit = spec.commit ?? 'aaaaaaa'
  const test = spec.test ?? 'steady_perf'
  return {
    file: `6.14.2-${commit}/run-${run}/${test}-0.ktstr.json`,
    testName: test,
    topology: spec.topology ?? '1n2l4c1t',
    scheduler: spec.scheduler ?? 'scx_demo',
    workType: spec.workType ?? 'SpinWait',
    projectCommit: commit,
    kernel: spec.kernel ?? '6.14.2',
    kernelCommit: null,
    runSource: 'ci',
    passed: spec.passed ?? true,
    skipped: spec.skipped ?? false,
    inconclusive: false,
    expectedFailure: spec.expectedFailure ?? false,
    throughputDenomination: spec.denomination ?? 'cpu_sec',
    hostDilation: null,
    timestamp: `2026-05-01T10:${String(run).padStart(2, '0')}:00Z`,
    runId: `20260501T10${String(run).padStart(2, '0')}00Z-0`,
    values: spec.values,
    phases: (spec.phases ?? []).map((p) => ({ ...p, label: `phase ${p.stepIndex}` })),
    weight: spec.weight ?? 10,
    assertions: (spec.assertions ?? []).map((a) => ({
      metric: a.metric ?? 'worst_spread',
      maxRegressionPct: a.maxRegressionPct ?? null,
      minAbs: a.minAbs ?? null,
      direction: a.direction ?? null,
      phase: a.phase ?? null,
      name: a.name ?? null
    })),
    host: null
  }
}

/** One sidecar per value: runs 1..n of one metric (plus fixed extra values). */
export function runs(
  commit: string,
  metric: string,
  xs: readonly number[],
  extra: Partial<SidecarSpec> = {}
): Sidecar[] {
  return xs.map((v, i) =>
    sidecar({ ...extra, commit, run: i + 1, values: { ...(extra.values ?? {}), [metric]: v } })
  )
}
