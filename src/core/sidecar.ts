import * as z from 'zod'
import type { Polarity } from './registry.js'

/**
 * The one place that knows the sidecar (`SidecarResult`) JSON shape.
 * Only the fields the gate reads are validated; unknown fields are ignored, as ktstr's
 * reader does. Typed numeric fields that are null or non-finite read as 0 (ktstr
 * `finite_or_zero`); an ext metric that is null is absent.
 */

/**
 * A per-test gate declared with `#[ktstr_test(perf_delta_assertions = [...])]` (ktstr's
 * `PerfDeltaAssertionRecord`: metric, direction, max_regression_pct, min_abs, phase).
 */
export interface PerfDeltaAssertion {
  metric: string
  /** Relative gate in PERCENT; null → registry default_rel (so does a negative value, as in ktstr). */
  maxRegressionPct: number | null
  /** Absolute floor in metric units; null → registry default_abs (so does a negative value). */
  minAbs: number | null
  /** Polarity override; null → registry polarity. */
  direction: Polarity | null
  /** 0 = BASELINE, k = Step[k-1]; null = whole-run value. */
  phase: number | null
  /** A `name` key, which today's ktstr records do not carry (ignored by ktstr); kept for messages. */
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
  /**
   * ktstr `expected_failure`: an induced failure inverted to a pass. Its telemetry is
   * failure-mode-dominated, so it is left out of the regression math like a failed run.
   */
  expectedFailure: boolean
  /**
   * ktstr `throughput_denomination` (`wall` before the marker existed, `cpu_sec` today): part of
   * the pairing key, so throughput rates of different denominations are never compared.
   */
  throughputDenomination: string
  /** ktstr `host_dilation` (host time-slicing of the guest's vCPUs, ≥ 1), when recorded. */
  hostDilation: number | null
  timestamp: string
  runId: string
  /**
   * Whole-run metric values by registry name (finite numbers only). A null-prototype object: a
   * metric may be called `constructor` or `__proto__`; read it with `Object.hasOwn`.
   */
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
/**
 * A JSON object of numbers (or null), passed through as parsed: zod's record would copy it into a
 * fresh object and silently drop an own `__proto__` key, and metric names are arbitrary strings.
 */
const numMap = z.unknown().superRefine((v, ctx) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    ctx.addIssue({ code: 'custom', message: `Invalid input: expected object, received ${typeName(v)}` })
    return
  }
  const o = v as Record<string, unknown>
  for (const k of Object.keys(o)) {
    const x = o[k]
    if (x !== null && typeof x !== 'number') {
      ctx.addIssue({
        code: 'custom',
        path: [k],
        message: `Invalid input: expected number, received ${typeName(x)}`
      })
      return
    }
  }
}) as unknown as z.ZodType<Readonly<Record<string, number | null>>>
const polarity = z.union([
  z.enum(['LowerBetter', 'HigherBetter', 'Informational', 'Unknown']),
  z.object({ TargetValue: z.number() })
])

// Today's ktstr requires `expected_failure` and `perf_delta_assertions` and defaults
// `throughput_denomination` (to `wall`) and `host_dilation`; 0.5.2-era sidecars have none of them,
// so all four are optional here (a baseline commit may pin an older ktstr). A present field of the
// wrong type still makes the sidecar malformed, as in ktstr.
const sidecarSchema = z.object({
  test_name: z.string(),
  topology: z.string(),
  scheduler: z.string(),
  project_commit: z.string().nullable().optional(),
  passed: z.boolean(),
  skipped: z.boolean(),
  inconclusive: z.boolean().optional(),
  expected_failure: z.boolean().optional(),
  throughput_denomination: z.string().optional(),
  host_dilation: z.number().nullable().optional(),
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
        // Any number: ktstr reads a negative gate and falls back to the registry default.
        max_regression_pct: z.number().nullable().optional(),
        min_abs: z.number().nullable().optional(),
        direction: polarity.nullable().optional(),
        phase: z.number().int().min(0).max(65535).nullable().optional(),
        name: z.string().nullable().optional()
      })
    )
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

/**
 * Parses one sidecar's text. Never throws: a bad file is an error value naming the JSON path.
 * A key repeated within one object makes the file malformed (ktstr's serde reader rejects it;
 * `JSON.parse` alone would keep the last value silently).
 */
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
  const dup = duplicateKey(text, json)
  if (dup)
    return bad(
      file,
      dup.path,
      `duplicate key ${JSON.stringify(dup.key)} in one object; ktstr's reader rejects such a sidecar`
    )
  return fromJson(json, file)
}

/** Builds a Sidecar from already-parsed JSON (validated here; duplicate keys are already gone). */
export function fromJson(json: unknown, file: string): ParseResult {
  // The common, well-formed file skips zod (a third of the parse time); anything the quick check
  // does not accept goes through the schema, which decides and words the message.
  if (plainlyValid(json)) return { ok: true, sidecar: toSidecar(json, file) }
  return fromJsonBySchema(json, file)
}

/** fromJson by the schema alone (what fromJson's quick check must agree with; tests compare them). */
export function fromJsonBySchema(json: unknown, file: string): ParseResult {
  const r = sidecarSchema.safeParse(json)
  if (!r.success) {
    const issue = r.error.issues[0]!
    return bad(file, jsonPath(issue.path), issue.message)
  }
  return { ok: true, sidecar: toSidecar(r.data, file) }
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const isOpt = (v: unknown, type: 'string' | 'number' | 'boolean') =>
  v === undefined || v === null || typeof v === type
const isOptObject = (v: unknown) => v === undefined || v === null || isObject(v)
const POLARITIES = new Set(['LowerBetter', 'HigherBetter', 'Informational', 'Unknown'])

/**
 * True only when `sidecarSchema` accepts `v` and its output reads the same as `v` (only known
 * fields are read from it): a stricter, allocation-free restatement of the schema. False means
 * "ask the schema", never "malformed", so a gap here costs time, not correctness.
 */
function plainlyValid(v: unknown): v is Raw {
  if (!isObject(v)) return false
  for (const k of ['test_name', 'topology', 'scheduler', 'work_type', 'timestamp', 'run_id'])
    if (typeof v[k] !== 'string') return false
  if (typeof v.passed !== 'boolean' || typeof v.skipped !== 'boolean') return false
  if (v.inconclusive !== undefined && typeof v.inconclusive !== 'boolean') return false
  if (v.expected_failure !== undefined && typeof v.expected_failure !== 'boolean') return false
  if (v.throughput_denomination !== undefined && typeof v.throughput_denomination !== 'string') return false
  for (const k of ['project_commit', 'kernel_version', 'kernel_commit', 'run_source'])
    if (!isOpt(v[k], 'string')) return false
  if (!isOpt(v.host_dilation, 'number')) return false
  return plainStats(v.stats) && plainMonitor(v.monitor) && plainAssertions(v.perf_delta_assertions)
}

function plainStats(st: unknown): boolean {
  if (!isObject(st)) return false
  for (const f of STATS_FIELDS) if (!isOpt(st[f], 'number')) return false
  if (st.ext_metrics !== undefined && !plainNumMap(st.ext_metrics)) return false
  if (st.phases === undefined) return true
  if (!Array.isArray(st.phases)) return false
  for (const p of st.phases as unknown[]) {
    if (!isObject(p) || !Number.isSafeInteger(p.step_index) || (p.step_index as number) < 0) return false
    if (p.label !== undefined && typeof p.label !== 'string') return false
    if (p.metrics !== undefined && !plainNumMap(p.metrics)) return false
  }
  return true
}

function plainMonitor(m: unknown): boolean {
  if (m === undefined || m === null) return true
  if (!isObject(m)) return false
  for (const k of ['total_samples', 'max_imbalance_ratio', 'max_local_dsq_depth', 'avg_nr_running'])
    if (!isOpt(m[k], 'number')) return false
  if (!isOpt(m.stall_detected, 'boolean') || !isOptObject(m.event_deltas)) return false
  const ev = m.event_deltas as Json | null | undefined
  if (ev && (!isOpt(ev.total_fallback, 'number') || !isOpt(ev.total_dispatch_keep_last, 'number')))
    return false
  return m.schedstat_deltas === undefined || m.schedstat_deltas === null || plainNumMap(m.schedstat_deltas)
}

function plainAssertions(xs: unknown): boolean {
  if (xs === undefined) return true
  if (!Array.isArray(xs)) return false
  for (const a of xs as unknown[]) {
    if (!isObject(a) || typeof a.metric !== 'string') return false
    if (!isOpt(a.max_regression_pct, 'number') || !isOpt(a.min_abs, 'number') || !isOpt(a.name, 'string'))
      return false
    const ph = a.phase
    if (
      ph !== undefined &&
      ph !== null &&
      !(Number.isSafeInteger(ph) && (ph as number) >= 0 && (ph as number) <= 65535)
    )
      return false
    const d = a.direction
    if (d === undefined || d === null) continue
    if (typeof d === 'string' ? !POLARITIES.has(d) : !(isObject(d) && typeof d.TargetValue === 'number'))
      return false
  }
  return true
}

function plainNumMap(o: unknown): boolean {
  if (!isObject(o)) return false
  for (const k of Object.keys(o)) if (o[k] !== null && typeof o[k] !== 'number') return false
  return true
}

function toSidecar(raw: Raw, file: string): Sidecar {
  const values = new Map<string, number>()
  const ext = raw.stats.ext_metrics
  if (ext) for (const k of Object.keys(ext)) setFinite(values, k, ext[k])
  const sched = raw.monitor?.schedstat_deltas
  if (sched)
    for (const k of SCHEDSTAT_METRICS)
      if (Object.hasOwn(sched, k) && sched[k] != null) setFinite(values, k, sched[k])
  for (const f of STATS_FIELDS) {
    const v = raw.stats[f]
    if (v !== undefined) values.set(f, finiteOrZero(v))
  }
  const m = raw.monitor
  values.set('max_imbalance_ratio', finiteOrZero(m?.max_imbalance_ratio))
  values.set('max_dsq_depth', finiteOrZero(m?.max_local_dsq_depth))
  values.set('stuck_count', m?.stall_detected ? 1 : 0)
  values.set('total_fallback', finiteOrZero(m?.event_deltas?.total_fallback))
  values.set('total_keep_last', finiteOrZero(m?.event_deltas?.total_dispatch_keep_last))
  if (m?.avg_nr_running != null) setFinite(values, 'avg_nr_running', m.avg_nr_running)

  const phases: readonly PhaseValues[] = nonEmpty(
    (raw.stats.phases ?? []).map((p) => {
      const metrics = new Map<string, number>()
      if (p.metrics) for (const k of Object.keys(p.metrics)) setFinite(metrics, k, p.metrics[k])
      return {
        stepIndex: p.step_index,
        label: p.label ?? `phase ${p.step_index}`,
        metrics: metricMap(metrics)
      }
    })
  )

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
    expectedFailure: raw.expected_failure ?? false,
    throughputDenomination: raw.throughput_denomination ?? 'wall',
    hostDilation: raw.host_dilation ?? null,
    timestamp: raw.timestamp,
    runId: raw.run_id,
    values: metricMap(values),
    phases,
    weight: finiteOrZero(m?.total_samples),
    assertions: nonEmpty(
      (raw.perf_delta_assertions ?? []).map((a) => ({
        metric: a.metric,
        maxRegressionPct: a.max_regression_pct ?? null,
        minAbs: a.min_abs ?? null,
        // A fresh object, as the schema gives: only the key that is read, whatever else the file had.
        direction:
          typeof a.direction === 'object' && a.direction !== null
            ? { TargetValue: a.direction.TargetValue }
            : (a.direction ?? null),
        phase: a.phase ?? null,
        name: a.name ?? null
      }))
    ),
    host: raw.host ?? null
  }
}

/** ktstr's pass state: passed and neither skipped nor inconclusive. */
export function isPass(s: Sidecar): boolean {
  return s.passed && !s.skipped && !s.inconclusive
}

/** A run whose values enter the regression math: a real pass that is not an inverted expected failure. */
export function isUsable(s: Sidecar): boolean {
  return isPass(s) && !s.expectedFailure
}

/**
 * A sidecar that crossed a structured clone (a worker thread's answer) has plain objects again;
 * this gives its name → number maps back their null prototype, so it reads as one parsed here.
 * In place: the clone is fresh and nothing else holds it, and its maps (own keys, `__proto__`
 * included, in one shared hidden class) stay as compact as the parser made them.
 */
export function withNullPrototypes(s: Sidecar): Sidecar {
  Object.setPrototypeOf(s.values, null)
  for (const p of s.phases) Object.setPrototypeOf(p.metrics, null)
  return s
}

// Templates of name → number maps by their key list (see metricMap); bounded, so files that each
// carry other metric names cannot grow it without end (past the bound, maps are dictionaries).
const SHAPES_MAX = 512
const shapes = new Map<string, Readonly<Record<string, number>>>()

/**
 * A name → number map as an object with no prototype, so no metric name reads an inherited
 * member. Sidecars of one pool carry the same metric names, so each map is a copy of a template
 * holding those names: such copies share one hidden class and store their values in place, about
 * a third of the memory of an object filled key by key (which V8 turns into a hash table).
 */
function metricMap(entries: ReadonlyMap<string, number>): Record<string, number> {
  const out = copyOf(templateFor(namesSig(entries.keys()), entries.keys()))
  for (const [k, v] of entries) out[k] = v
  return out
}

/** A list of names (in order) as one string that no other list gives: each name length-prefixed. */
function namesSig(keys: Iterable<string>): string {
  let sig = ''
  for (const k of keys) sig += `${k.length}:${k}`
  return sig
}

/** The template of the maps with these names (in this order), or null past the bound. */
function templateFor(sig: string, keys: Iterable<string>): Readonly<Record<string, number>> | null {
  let shape = shapes.get(sig)
  if (!shape && shapes.size < SHAPES_MAX) {
    const t: Record<string, number> = {}
    // defineProperty: a metric called `__proto__` is an own key like any other.
    for (const k of keys)
      Object.defineProperty(t, k, { value: 0, writable: true, enumerable: true, configurable: true })
    shapes.set(sig, (shape = t))
  }
  return shape ?? null
}

/** A fresh null-prototype map: a copy of `shape`, or empty. */
function copyOf(shape: Readonly<Record<string, number>> | null): Record<string, number> {
  const out = (shape ? { ...shape } : {}) as Record<string, number>
  Object.setPrototypeOf(out, null)
  return out
}

/** The names of packed name → number maps (one list per distinct name list), and their template. */
interface PackedKeys {
  keys: readonly string[]
  template: Readonly<Record<string, number>> | null
}

/** One phase of a packed sidecar: its step and label, and its metric names. */
interface PackedPhase {
  stepIndex: number
  label: string
  keys: PackedKeys
}

// Name lists a SidecarPacker compares a map's names with before looking them up.
const RECENT = 4
// Numbers per chunk of a SidecarPacker (512 KiB): a pool's numbers in few large typed arrays.
const CHUNK = 1 << 16

/**
 * Holds parsed sidecars compactly while a large pool is kept (issue 13: no parsed sidecar kept
 * longer than it takes to fold it). `pack` keeps a sidecar's identity and state fields (strings the
 * caller already shares) and moves its numbers — every metric value, per phase too — into shared
 * `Float64Array` chunks, 8 bytes each, with one name list per distinct set of names; the parsed
 * maps (≈ 0.55 kB for 28 metrics, plus the phases) are dropped. The packed sidecar is a Sidecar:
 * `values` and `phases` are rebuilt, as the parser makes them, on each read, so a reader that
 * reads them often (the engine, per pair) takes `unpack(s)` once.
 */
export class SidecarPacker {
  private chunk = new Float64Array(CHUNK)
  private used = 0
  private keyLists = new Map<string, PackedKeys>()
  private recent: PackedKeys[] = []
  private next = 0
  private phaseLists = new Map<string, readonly PackedPhase[]>()

  pack(s: Sidecar): Sidecar {
    const keys = this.keysOf(s.values)
    const phases = s.phases.length > 0 ? this.phasesOf(s.phases) : null
    let n = keys.keys.length
    if (phases) for (const p of phases) n += p.keys.keys.length
    if (this.used + n > this.chunk.length) {
      this.chunk = new Float64Array(Math.max(CHUNK, n))
      this.used = 0
    }
    const c = this.chunk
    const at = this.used
    let i = at
    for (const k of keys.keys) c[i++] = s.values[k]!
    if (phases)
      for (let j = 0; j < phases.length; j++) {
        const m = s.phases[j]!.metrics
        for (const k of phases[j]!.keys.keys) c[i++] = m[k]!
      }
    this.used = i
    return new PackedSidecar(s, c, at, keys, phases)
  }

  private keysOf(m: Readonly<Record<string, number>>): PackedKeys {
    const names = Object.keys(m)
    // Most maps have a name list packed just before (the pool's sidecars carry the same names).
    for (const r of this.recent) if (sameNames(r.keys, names)) return r
    const known = this.keysBySig(names)
    if (this.recent.length < RECENT) this.recent.push(known)
    else this.recent[this.next++ % RECENT] = known
    return known
  }

  private keysBySig(names: string[]): PackedKeys {
    const sig = namesSig(names)
    let known = this.keyLists.get(sig)
    if (!known) this.keyLists.set(sig, (known = { keys: names, template: templateFor(sig, names) }))
    return known
  }

  private phasesOf(ps: readonly PhaseValues[]): readonly PackedPhase[] {
    const each = ps.map((p) => ({ stepIndex: p.stepIndex, label: p.label, keys: this.keysOf(p.metrics) }))
    let sig = ''
    for (const p of each)
      sig += `${p.stepIndex}:${p.label.length}:${p.label}:${p.keys.keys.length}:${p.keys.keys.join('\u0000')};`
    let known = this.phaseLists.get(sig)
    if (!known) this.phaseLists.set(sig, (known = each))
    return known
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The map of `keys` whose values start at `at` in `chunk`. */
function mapAt(keys: PackedKeys, chunk: Float64Array, at: number): Record<string, number> {
  const out = copyOf(keys.template)
  let i = at
  for (const k of keys.keys) out[k] = chunk[i++]!
  return out
}

/** A sidecar as SidecarPacker holds it (see there). */
class PackedSidecar implements Sidecar {
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
  expectedFailure: boolean
  throughputDenomination: string
  hostDilation: number | null
  timestamp: string
  runId: string
  weight: number
  assertions: readonly PerfDeltaAssertion[]
  host: unknown
  readonly #chunk: Float64Array
  readonly #at: number
  readonly #keys: PackedKeys
  #phases: readonly PackedPhase[] | null
  // Phases assigned after packing (e.g. dropped: NONE), which replace the packed ones.
  #phasesSet: readonly PhaseValues[] | null = null

  constructor(
    s: Sidecar,
    chunk: Float64Array,
    at: number,
    keys: PackedKeys,
    phases: readonly PackedPhase[] | null
  ) {
    this.file = s.file
    this.testName = s.testName
    this.topology = s.topology
    this.scheduler = s.scheduler
    this.workType = s.workType
    this.projectCommit = s.projectCommit
    this.kernel = s.kernel
    this.kernelCommit = s.kernelCommit
    this.runSource = s.runSource
    this.passed = s.passed
    this.skipped = s.skipped
    this.inconclusive = s.inconclusive
    this.expectedFailure = s.expectedFailure
    this.throughputDenomination = s.throughputDenomination
    this.hostDilation = s.hostDilation
    this.timestamp = s.timestamp
    this.runId = s.runId
    this.weight = s.weight
    this.assertions = s.assertions
    this.host = s.host
    this.#chunk = chunk
    this.#at = at
    this.#keys = keys
    this.#phases = phases
  }

  get values(): Readonly<Record<string, number>> {
    return mapAt(this.#keys, this.#chunk, this.#at)
  }

  get phases(): readonly PhaseValues[] {
    if (this.#phasesSet) return this.#phasesSet
    if (!this.#phases) return NONE
    let i = this.#at + this.#keys.keys.length
    return this.#phases.map((p) => {
      const metrics = mapAt(p.keys, this.#chunk, i)
      i += p.keys.keys.length
      return { stepIndex: p.stepIndex, label: p.label, metrics }
    })
  }

  set phases(v: readonly PhaseValues[]) {
    this.#phasesSet = v
  }

  /** The sidecar as the parser gave it (fresh maps), a plain object. */
  unpacked(): Sidecar {
    return {
      file: this.file,
      testName: this.testName,
      topology: this.topology,
      scheduler: this.scheduler,
      workType: this.workType,
      projectCommit: this.projectCommit,
      kernel: this.kernel,
      kernelCommit: this.kernelCommit,
      runSource: this.runSource,
      passed: this.passed,
      skipped: this.skipped,
      inconclusive: this.inconclusive,
      expectedFailure: this.expectedFailure,
      throughputDenomination: this.throughputDenomination,
      hostDilation: this.hostDilation,
      timestamp: this.timestamp,
      runId: this.runId,
      values: this.values,
      phases: this.phases,
      weight: this.weight,
      assertions: this.assertions,
      host: this.host
    }
  }

  toJSON(): Sidecar {
    return this.unpacked()
  }
}

/** A sidecar with its maps in hand: a packed one (SidecarPacker) unpacked, any other as it is. */
export function unpack(s: Sidecar): Sidecar {
  return s instanceof PackedSidecar ? s.unpacked() : s
}

/** One shared, frozen empty list: most sidecars have no assertions (and many no phases). */
export const NONE: readonly never[] = Object.freeze([])

function nonEmpty<T>(xs: readonly T[]): readonly T[] {
  return xs.length > 0 ? xs : NONE
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v
}

/**
 * The first key repeated within one object, with its JSON path, or null. `text` already parsed
 * to `json`. `JSON.parse` keeps one value per repeated key, so the text holds more keys than the
 * parsed tree exactly when some object repeats one: the common case costs one `indexOf` pass over
 * the colons plus a walk of the tree, and only a mismatch scans the text again to name the key.
 */
export function duplicateKey(text: string, json: unknown): { path: string; key: string } | null {
  if (countTextKeys(text) === countTreeKeys(json)) return null
  return locateDuplicate(text)
}

/**
 * Keys in valid JSON text, counted as colons whose previous non-blank character is an unescaped
 * quote. Every key is counted; a string value that starts with blanks and a colon is counted too,
 * which only sends the file to the exact scan.
 */
function countTextKeys(text: string): number {
  let n = 0
  let i = text.indexOf(':')
  while (i !== -1) {
    let k = i - 1
    let c = text.charCodeAt(k)
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(--k)
    if (c === 34 && !escaped(text, k)) n++
    i = text.indexOf(':', i + 1)
  }
  return n
}

function escaped(text: string, quote: number): boolean {
  let b = 0
  while (text.charCodeAt(quote - 1 - b) === 92) b++
  return (b & 1) === 1
}

function countTreeKeys(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0
  let n = 0
  if (Array.isArray(v)) {
    for (const x of v) if (typeof x === 'object' && x !== null) n += countTreeKeys(x)
    return n
  }
  const o = v as Record<string, unknown>
  for (const k in o) {
    n++
    const x = o[k]
    if (typeof x === 'object' && x !== null) n += countTreeKeys(x)
  }
  return n
}

interface Frame {
  path: string
  keys: Set<string> | null
  index: number
  key: string | null
}

/** Scans valid JSON text for the first repeated key (decoded, as `JSON.parse` compares them). */
function locateDuplicate(text: string): { path: string; key: string } | null {
  const stack: Frame[] = []
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    const top = stack[stack.length - 1]
    if (c === '{' || c === '[') {
      const path = top ? childPath(top) : '$'
      stack.push({ path, keys: c === '{' ? new Set() : null, index: 0, key: null })
      expectKey = c === '{'
    } else if (c === '}' || c === ']') {
      stack.pop()
      expectKey = false
    } else if (c === ',') {
      if (top?.keys) expectKey = true
      else if (top) top.index++
    } else if (c === '"') {
      let j = text.indexOf('"', i + 1)
      while (escaped(text, j)) j = text.indexOf('"', j + 1)
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string
        top.key = key
        if (top.keys.has(key)) return { path: `${top.path}.${key}`, key }
        top.keys.add(key)
        expectKey = false
      }
      i = j
    }
  }
  return null
}

function childPath(f: Frame): string {
  return f.keys ? `${f.path}.${f.key}` : `${f.path}[${f.index}]`
}

function setFinite(into: Map<string, number>, k: string, v: number | null | undefined): void {
  if (typeof v === 'number' && Number.isFinite(v)) into.set(k, v)
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
