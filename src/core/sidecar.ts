import { z } from 'zod'
import type { Polarity } from './registry.js'

/**
 * The one place that knows the sidecar (`SidecarResult`) JSON shape.
 * Only the fields the gate reads are validated; unknown fields are ignored, as ktstr's
 * reader does. Typed numeric fields that are null or non-finite read as 0 (ktstr
 * `finite_or_zero`); an ext metric that is null is absent.
 */

/** A per-test gate declared with `#[ktstr_test(perf_delta_assertions = [...])]`. */
export interface PerfDeltaAssertion {
  metric: string
  /** Relative gate in PERCENT; null → registry default_rel. */
  maxRegressionPct: number | null
  /** Absolute floor in metric units; null → registry default_abs. */
  minAbs: number | null
  /** Polarity override; null → registry polarity. */
  direction: Polarity | null
  /** 0 = BASELINE, k = Step[k-1]; null = whole-run value. */
  phase: number | null
  /** The constant's name when the sidecar carries one. */
  name: string | null
}

/** One phase bucket's metrics. */
export interface PhaseValues {
  stepIndex: number
  label: string
  metrics: Readonly<Record<string, number>>
}

/** One sidecar, parsed into what the gate needs: identity, state, metric values. */
export interface Sidecar {
  /** Where it was read from (pool-relative path); used in messages only. */
  file: string
  testName: string
  topology: string
  scheduler: string
  workType: string
  projectCommit: string | null
  kernel: string | null
  kernelCommit: string | null
  runSource: string | null
  passed: boolean
  skipped: boolean
  inconclusive: boolean
  timestamp: string
  runId: string
  /** Whole-run metric values by registry name (finite numbers only). */
  values: Readonly<Record<string, number>>
  phases: readonly PhaseValues[]
  /** Monitor sample count, the weight of Gauge(Avg) folds. */
  weight: number
  assertions: readonly PerfDeltaAssertion[]
  host: unknown
}

/** A file that could not be used, with the JSON path of the first problem. */
export interface MalformedSidecar {
  file: string
  path: string
  message: string
}

export type ParseResult = { ok: true; sidecar: Sidecar } | { ok: false; error: MalformedSidecar }

/** Largest sidecar accepted; real ones are tens of kB. */
export const MAX_SIDECAR_BYTES = 16 * 1024 * 1024

const num = z.number().nullable().optional()
const numMap = z.record(z.string(), z.number().nullable())
const polarity = z.union([
  z.enum(['LowerBetter', 'HigherBetter', 'Informational', 'Unknown']),
  z.object({ TargetValue: z.number() })
])

const sidecarSchema = z.object({
  test_name: z.string(),
  topology: z.string(),
  scheduler: z.string(),
  project_commit: z.string().nullable().optional(),
  passed: z.boolean(),
  skipped: z.boolean(),
  inconclusive: z.boolean().optional(),
  work_type: z.string(),
  kernel_version: z.string().nullable().optional(),
  kernel_commit: z.string().nullable().optional(),
  timestamp: z.string(),
  run_id: z.string(),
  run_source: z.string().nullable().optional(),
  host: z.unknown().optional(),
  stats: z.object({
    total_migrations: num,
    worst_spread: num,
    worst_gap_ms: num,
    worst_migration_ratio: num,
    worst_page_locality: num,
    worst_cross_node_migration_ratio: num,
    total_iterations: num,
    ext_metrics: numMap.optional(),
    phases: z
      .array(
        z.object({
          step_index: z.number().int().nonnegative(),
          label: z.string().optional(),
          metrics: numMap.optional()
        })
      )
      .optional()
  }),
  monitor: z
    .object({
      total_samples: num,
      max_imbalance_ratio: num,
      max_local_dsq_depth: num,
      stall_detected: z.boolean().nullable().optional(),
      avg_nr_running: num,
      event_deltas: z.object({ total_fallback: num, total_dispatch_keep_last: num }).nullable().optional(),
      schedstat_deltas: numMap.nullable().optional()
    })
    .nullable()
    .optional(),
  perf_delta_assertions: z
    .array(
      z.object({
        metric: z.string(),
        max_regression_pct: z.number().nonnegative().nullable().optional(),
        min_abs: z.number().nonnegative().nullable().optional(),
        direction: polarity.nullable().optional(),
        phase: z.number().int().nonnegative().nullable().optional(),
        name: z.string().nullable().optional()
      })
    )
    .nullable()
    .optional()
})

type Raw = z.infer<typeof sidecarSchema>

// Typed stats fields → registry names (ktstr sidecar_to_row).
const STATS_FIELDS = [
  'total_migrations',
  'worst_spread',
  'worst_gap_ms',
  'worst_migration_ratio',
  'worst_page_locality',
  'worst_cross_node_migration_ratio',
  'total_iterations'
] as const

const SCHEDSTAT_METRICS = [
  'total_run_delay',
  'total_pcount',
  'total_sched_count',
  'total_yld_count',
  'total_sched_goidle',
  'total_ttwu_count',
  'total_ttwu_local'
]

/** True when a file name is a sidecar's (ktstr: extension `json` and `.ktstr.` in the last component). */
export function isSidecarFileName(name: string): boolean {
  return name.endsWith('.json') && name.includes('.ktstr.')
}

/** Parses one sidecar's text. Never throws: a bad file is an error value naming the JSON path. */
export function parseSidecar(text: string, file: string): ParseResult {
  if (text.length > MAX_SIDECAR_BYTES)
    return bad(
      file,
      '$',
      `file is ${text.length} bytes, over the ${MAX_SIDECAR_BYTES}-byte limit for a sidecar`
    )
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return bad(file, '$', `not valid JSON (${(e as Error).message}); truncated or not a sidecar`)
  }
  return fromJson(json, file)
}

/** Builds a Sidecar from already-parsed JSON (validated here). */
export function fromJson(json: unknown, file: string): ParseResult {
  const r = sidecarSchema.safeParse(json)
  if (!r.success) {
    const issue = r.error.issues[0]!
    return bad(file, jsonPath(issue.path), issue.message)
  }
  return { ok: true, sidecar: toSidecar(r.data, file) }
}

function toSidecar(raw: Raw, file: string): Sidecar {
  const values: Record<string, number> = {}
  const ext = raw.stats.ext_metrics
  if (ext) for (const k in ext) setFinite(values, k, ext[k])
  const sched = raw.monitor?.schedstat_deltas
  if (sched) for (const k of SCHEDSTAT_METRICS) if (sched[k] != null) setFinite(values, k, sched[k])
  for (const f of STATS_FIELDS) {
    const v = raw.stats[f]
    if (v !== undefined) values[f] = finiteOrZero(v)
  }
  const m = raw.monitor
  values.max_imbalance_ratio = finiteOrZero(m?.max_imbalance_ratio)
  values.max_dsq_depth = finiteOrZero(m?.max_local_dsq_depth)
  values.stuck_count = m?.stall_detected ? 1 : 0
  values.total_fallback = finiteOrZero(m?.event_deltas?.total_fallback)
  values.total_keep_last = finiteOrZero(m?.event_deltas?.total_dispatch_keep_last)
  if (m?.avg_nr_running != null) setFinite(values, 'avg_nr_running', m.avg_nr_running)

  const phases: PhaseValues[] = (raw.stats.phases ?? []).map((p) => {
    const metrics: Record<string, number> = {}
    if (p.metrics) for (const k in p.metrics) setFinite(metrics, k, p.metrics[k])
    return { stepIndex: p.step_index, label: p.label ?? `phase ${p.step_index}`, metrics }
  })

  return {
    file,
    testName: raw.test_name,
    topology: raw.topology,
    scheduler: raw.scheduler,
    workType: raw.work_type,
    projectCommit: raw.project_commit ?? null,
    kernel: raw.kernel_version ?? null,
    kernelCommit: raw.kernel_commit ?? null,
    runSource: raw.run_source ?? null,
    passed: raw.passed,
    skipped: raw.skipped,
    inconclusive: raw.inconclusive ?? false,
    timestamp: raw.timestamp,
    runId: raw.run_id,
    values,
    phases,
    weight: finiteOrZero(m?.total_samples),
    assertions: (raw.perf_delta_assertions ?? []).map((a) => ({
      metric: a.metric,
      maxRegressionPct: a.max_regression_pct ?? null,
      minAbs: a.min_abs ?? null,
      direction: a.direction ?? null,
      phase: a.phase ?? null,
      name: a.name ?? null
    })),
    host: raw.host ?? null
  }
}

/** ktstr's pass state: passed and neither skipped nor inconclusive. */
export function isPass(s: Sidecar): boolean {
  return s.passed && !s.skipped && !s.inconclusive
}

function setFinite(into: Record<string, number>, k: string, v: number | null | undefined): void {
  if (typeof v === 'number' && Number.isFinite(v)) into[k] = v
}

function finiteOrZero(v: number | null | undefined): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0
}

function jsonPath(path: readonly PropertyKey[]): string {
  let s = '$'
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `.${String(p)}`
  return s
}

function bad(file: string, path: string, message: string): ParseResult {
  return { ok: false, error: { file, path, message } }
}

/** The seven dimensions `stats compare` filters and pairs on (ktstr's flag names). */
export const DIMENSIONS = [
  'kernel',
  'scheduler',
  'topology',
  'work-type',
  'project-commit',
  'kernel-commit',
  'run-source'
] as const
export type Dimension = (typeof DIMENSIONS)[number]

/** A sidecar's value on a dimension; a missing slot reads `unknown`, as in ktstr's directory names. */
export function dimValue(s: Sidecar, d: Dimension): string {
  switch (d) {
    case 'kernel':
      return s.kernel ?? 'unknown'
    case 'scheduler':
      return s.scheduler
    case 'topology':
      return s.topology
    case 'work-type':
      return s.workType
    case 'project-commit':
      return s.projectCommit ?? 'unknown'
    case 'kernel-commit':
      return s.kernelCommit ?? 'unknown'
    case 'run-source':
      return s.runSource ?? 'unknown'
  }
}
