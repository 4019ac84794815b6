import * as z from 'zod'
import snapshot from './registry-snapshot.json' with { type: 'json' }
import { UsageError } from './errors.js'
import { nearestValue } from './nearest.js'

/** Metric polarity as ktstr serialises it (externally tagged Rust enum). */
export type Polarity = 'LowerBetter' | 'HigherBetter' | 'Informational' | 'Unknown' | { TargetValue: number }

/** Metric kind as ktstr serialises it; decides the cross-run fold. */
export type MetricKind =
  | 'Counter'
  | 'Peak'
  | 'Timestamp'
  | 'DeltaSum'
  | 'PerPhase'
  | 'WakeLatencyTailRatio'
  | { Gauge: 'Avg' | 'Last' | 'Max' }
  | { Rate: { numerator: string; denominator: string } }
  | { Distribution: { source: string; reduction: string } }
  | { WorstLowest: { numerator: string; denominator: string } }

/** One entry of ktstr's METRICS table (`cargo ktstr stats list-metrics --json`). */
export interface MetricDef {
  name: string
  polarity: Polarity
  kind: MetricKind
  default_abs: number
  default_rel: number
  display_unit: string
  description?: string
}

/** The registry a comparison used, with where it came from. */
export interface Registry {
  metrics: readonly MetricDef[]
  byName: ReadonlyMap<string, MetricDef>
  /** `bundled` = the vendored snapshot; `live` = `cargo ktstr stats list-metrics --json` on this machine. */
  source: 'bundled' | 'live'
  /** Human detail: the ktstr version or the snapshot's origin. */
  detail: string
  /** Stable hash of the metric definitions (FNV-1a of their canonical JSON), for manifests. */
  hash: string
}

/** Short polarity labels as ktstr's text table prints them. */
export type PolarityLabel = 'lower' | 'higher' | 'informational' | 'target' | 'unknown'

// ktstr's render-suppressed rate components: kept in sidecars for Rate re-derivation,
// never shown or gated in compare output (perf_delta.rs / compare.rs).
const RENDER_SUPPRESSED = new Set([
  'total_phase_iterations',
  'total_phase_duration_sec',
  'total_iterations_pooled',
  'total_cpu_time_sec'
])

const polaritySchema = z.union([
  z.enum(['LowerBetter', 'HigherBetter', 'Informational', 'Unknown']),
  z.object({ TargetValue: z.number() })
])
const pair = z.object({ numerator: z.string(), denominator: z.string() })
const knownKindSchema = z.union([
  z.enum(['Counter', 'Peak', 'Timestamp', 'DeltaSum', 'PerPhase', 'WakeLatencyTailRatio']),
  z.strictObject({ Gauge: z.enum(['Avg', 'Last', 'Max']) }),
  z.strictObject({ Rate: pair }),
  z.strictObject({ Distribution: z.object({ source: z.string(), reduction: z.string() }) }),
  z.strictObject({ WorstLowest: pair })
])
// ktstr's MetricKind (and GaugeAgg) are `#[non_exhaustive]`: a newer ktstr may list a kind this
// version does not know, as serde writes an enum variant (a name, or an object of one key). Such a
// metric is read, shown and never gated (see kindKnown), instead of rejecting the whole registry.
const kindSchema = z.union([
  knownKindSchema,
  z.string().min(1),
  z
    .record(z.string(), z.unknown())
    .refine((o) => Object.keys(o).length === 1, 'expected a kind name or an object with one key')
])
const metricSchema = z.object({
  name: z.string().min(1),
  polarity: polaritySchema,
  kind: kindSchema,
  default_abs: z.number().nonnegative(),
  default_rel: z.number().nonnegative(),
  display_unit: z.string(),
  description: z.string().optional()
})
const registrySchema = z.array(metricSchema).min(1)

/** Validates list-metrics JSON (bundled or live) and builds a Registry; throws UsageError when malformed. */
export function buildRegistry(json: unknown, source: Registry['source'], detail: string): Registry {
  const parsed = registrySchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? `$[${issue.path.join('][')}]` : '$'
    throw new UsageError(
      `metric registry from ${detail} is malformed at ${where}: ${issue?.message ?? 'invalid'}`,
      'run `npm run registry:update` with a working `cargo ktstr`, or remove it from PATH to use the bundled registry'
    )
  }
  const metrics = parsed.data as MetricDef[]
  const byName = new Map<string, MetricDef>()
  for (const m of metrics) byName.set(m.name, m)
  const canonical = JSON.stringify(
    metrics.map((m) => [m.name, m.polarity, m.kind, m.default_abs, m.default_rel, m.display_unit])
  )
  return { metrics, byName, source, detail, hash: fnv1a(canonical) }
}

let bundled: Registry | undefined

/** The vendored snapshot of ktstr's METRICS table. */
export function bundledRegistry(): Registry {
  bundled ??= buildRegistry(snapshot, 'bundled', 'bundled snapshot of ktstr METRICS (105 metrics)')
  return bundled
}

/** A metric's one-line description: its own, else the bundled snapshot's (ktstr's list-metrics has none). */
export function metricDescription(m: MetricDef): string {
  return m.description ?? bundledRegistry().byName.get(m.name)?.description ?? ''
}

/** ktstr's short label for a polarity. */
export function polarityLabel(p: Polarity): PolarityLabel {
  if (typeof p === 'object') return 'target'
  switch (p) {
    case 'LowerBetter':
      return 'lower'
    case 'HigherBetter':
      return 'higher'
    case 'Informational':
      return 'informational'
    default:
      return 'unknown'
  }
}

/**
 * Which way is worse (ktstr `classify_direction`): +1 when an increase regresses
 * (LowerBetter, TargetValue, Unknown), -1 when a decrease regresses (HigherBetter),
 * 0 for Informational (never a regression).
 */
export function worseSign(p: Polarity): 1 | -1 | 0 {
  if (p === 'HigherBetter') return -1
  if (p === 'Informational') return 0
  return 1
}

const KNOWN_KIND = new WeakMap<MetricDef, boolean>()

/**
 * Whether this version knows the metric's kind (and so its cross-run fold). A metric of a newer
 * kind is informational here: shown with its per-run values folded by the mean, never a regression.
 */
export function kindKnown(m: MetricDef): boolean {
  let known = KNOWN_KIND.get(m)
  if (known === undefined) {
    known = knownKindSchema.safeParse(m.kind).success
    KNOWN_KIND.set(m, known)
  }
  return known
}

/** A rate component that ktstr never shows or gates. */
export function isRenderSuppressed(m: MetricDef): boolean {
  return RENDER_SUPPRESSED.has(m.name)
}

/** A metric with no whole-run value (per-phase only). */
export function isPerPhaseOnly(m: MetricDef): boolean {
  return m.kind === 'PerPhase'
}

/** A whole-run Distribution metric: gateable only with ≥ 2 runs per side (ktstr `--noise-adjust`). */
export function isWholeRunDistribution(m: MetricDef): boolean {
  return typeof m.kind === 'object' && 'Distribution' in m.kind
}

/** Components of a Rate metric, or undefined. */
export function rateComponents(m: MetricDef): { numerator: string; denominator: string } | undefined {
  return typeof m.kind === 'object' && 'Rate' in m.kind ? m.kind.Rate : undefined
}

/** Whether a metric reaches the aggregate comparison (ktstr `gates_aggregate`). */
export function gatesAggregate(m: MetricDef, noiseAdjusted: boolean): boolean {
  if (isRenderSuppressed(m) || isPerPhaseOnly(m)) return false
  if (isWholeRunDistribution(m)) return noiseAdjusted
  return true
}

/** Kind as a short text (`Gauge(Avg)`, `Rate(a/b)`), for tables. */
export function kindLabel(k: MetricKind): string {
  if (typeof k === 'string') return k
  if ('Gauge' in k) return `Gauge(${k.Gauge})`
  if ('Rate' in k) return `Rate(${k.Rate.numerator}/${k.Rate.denominator})`
  if ('Distribution' in k) return `Distribution(${k.Distribution.source},${k.Distribution.reduction})`
  if ('WorstLowest' in k) return `WorstLowest(${k.WorstLowest.numerator}/${k.WorstLowest.denominator})`
  // A kind newer than this version (kindKnown): its name, and its fields as JSON.
  const [name, body] = Object.entries(k as Record<string, unknown>)[0] ?? ['?', null]
  return `${name}(${typeof body === 'string' ? body : JSON.stringify(body)})`
}

/**
 * Validates `--must-fail` names with ktstr's rules and messages (parse_must_fail):
 * split on ',', trim, skip empties; unknown, render-suppressed, non-aggregate and (scalar mode)
 * informational names are rejected.
 */
export function parseMustFail(raw: string | undefined, registry: Registry, noiseAdjusted: boolean): string[] {
  if (raw === undefined) return []
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  for (const name of names) {
    const q = JSON.stringify(name)
    const m = registry.byName.get(name)
    if (!m) {
      const near = nearestValue(name, [...registry.byName.keys()])
      throw new UsageError(
        `--must-fail: unknown metric ${q}${near ? `; did you mean ${JSON.stringify(near)}?` : ''} (see \`cargo ktstr stats list-metrics\`)`
      )
    }
    if (isRenderSuppressed(m))
      throw new UsageError(
        `--must-fail: ${q} is an internal rate COMPONENT that never surfaces as a regression — gate on its user-facing rate metric instead`
      )
    if (!kindKnown(m))
      throw new UsageError(
        `--must-fail: ${q} has a metric kind this ktstr-perf-gate does not know (${kindLabel(m.kind)}), so it is shown as informational and can never fail — update ktstr-perf-gate, or gate on another metric`
      )
    if (!gatesAggregate(m, noiseAdjusted)) {
      const hint = isPerPhaseOnly(m)
        ? " — it is a per-phase-only metric that never produces an aggregate regression; assert it per-phase in the test's Verdict DSL instead"
        : ' — it only reports per-run; add --noise-adjust to gate on it'
      throw new UsageError(`--must-fail: ${q} never reaches the aggregate comparison${hint}`)
    }
    if (!noiseAdjusted && m.polarity === 'Informational')
      throw new UsageError(
        `--must-fail: ${q} is an informational metric with no regression direction — it can never fail the default comparison. Add --noise-adjust (a per-test direction override can then make it gate), or gate on a directional metric`
      )
  }
  return names
}

/** ComparisonPolicy (ktstr `--threshold` / `--policy`): percent values, per-metric overrides. */
export interface ComparisonPolicy {
  default_percent?: number | null
  per_metric_percent?: Record<string, number>
}

const policySchema = z.strictObject({
  default_percent: z.number().nullable().optional(),
  per_metric_percent: z.record(z.string(), z.number()).optional()
})

/** Validates a policy (parsed JSON) with ktstr's rules; `where` names the file for messages. */
export function validatePolicy(json: unknown, registry: Registry, where: string): ComparisonPolicy {
  const parsed = policySchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const at = issue && issue.path.length ? ` at $.${issue.path.join('.')}` : ''
    throw new UsageError(
      `parse comparison policy from ${where}${at}: ${issue?.message ?? 'invalid'}`,
      'expected {"default_percent": <number|null>, "per_metric_percent": {"<metric>": <number>}}'
    )
  }
  const p = parsed.data
  if (p.default_percent != null && p.default_percent < 0)
    throw new UsageError(
      `validate comparison policy from ${where}: ComparisonPolicy: default_percent must be non-negative; got ${p.default_percent}`
    )
  for (const [name, pct] of Object.entries(p.per_metric_percent ?? {})) {
    if (!registry.byName.has(name)) {
      const near = nearestValue(name, [...registry.byName.keys()])
      throw new UsageError(
        `validate comparison policy from ${where}: ComparisonPolicy: per_metric_percent contains unknown metric \`${name}\`${near ? `; did you mean ${JSON.stringify(near)}?` : ''}`,
        'see `ktstr-perf-gate list-metrics` for the registered names'
      )
    }
    if (pct < 0)
      throw new UsageError(
        `validate comparison policy from ${where}: ComparisonPolicy: per_metric_percent[${JSON.stringify(name)}] must be non-negative; got ${pct}`
      )
  }
  return p
}

/** `--threshold PCT` as a policy (ComparisonPolicy::uniform). */
export function uniformPolicy(pct: number): ComparisonPolicy {
  if (!Number.isFinite(pct) || pct < 0)
    throw new UsageError(`--threshold must be a non-negative percent; got ${pct}`)
  return { default_percent: pct }
}

/** Relative gate (a fraction) for a metric: per-metric percent → default percent → registry default_rel. */
export function relThreshold(m: MetricDef, policy: ComparisonPolicy | undefined): number {
  const perMetric = policy?.per_metric_percent
  // Own keys only: a metric may be called `constructor` or `toString`.
  if (perMetric && Object.hasOwn(perMetric, m.name)) return perMetric[m.name]! / 100
  if (policy?.default_percent != null) return policy.default_percent / 100
  return m.default_rel
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}
