import { applyFdr, decide, judgeAssertions, judgeRuns, type JudgeContext, type Judgement } from './gate.js'
import {
  gatesAggregate,
  kindKnown,
  kindLabel,
  parseMustFail,
  polarityLabel,
  relThreshold,
  worseSign,
  type ComparisonPolicy,
  type Registry
} from './registry.js'
import { UsageError } from './errors.js'
import { dimValue, isUsable, unpack, type Dimension, type MalformedSidecar, type Sidecar } from './sidecar.js'
import {
  applySequential,
  SEQUENTIAL_DEFAULTS,
  sequentialNotices,
  type SequentialParams
} from './sequential.js'
import type {
  AssertionResult,
  Comparison,
  ComparisonRow,
  Mode,
  Rule,
  RowVerdict,
  SideInfo,
  TestDecision
} from './types.js'

/** How a side was chosen (label, full SHA when known, and a phrase for the report). */
export interface SideSpec {
  label: string
  sha?: string | null
  how: string
}

export interface CompareOptions {
  /** Welch significance level; 0.05 as ktstr. */
  alpha?: number
  /** Fail when regressions ≥ this (ktstr default 5; 0 = never on the count). */
  failThreshold?: number
  /** Validated `--must-fail` names (registry.parseMustFail with noise-adjust leniency). */
  mustFail?: readonly string[]
  policy?: ComparisonPolicy
  /** `--threshold` as given, for the report. */
  thresholdPercent?: number | null
  /** Where `policy` came from, for the report. */
  policySource?: string | null
  filter?: string | null
  /**
   * Opt-in, beyond ktstr: control the false-discovery rate at this level (e.g. 0.05) across all rows
   * with Benjamini–Hochberg instead of testing each row at α. Separation is then the adjusted Welch
   * p-value alone (disjoint bands count only where Welch is undefined).
   */
  fdr?: number | null
  /** The verdict rule: `ktstr` (default, parity) or `sequential` (DESIGN §4a). */
  rule?: Rule
  /** The sequential rule's parameters (defaults: SEQUENTIAL_DEFAULTS); ignored under ktstr's rule. */
  sequential?: Partial<SequentialParams>
}

export interface CompareInput {
  /** Side A (baseline) and side B (HEAD) sidecars, already filtered to their side. */
  base: readonly Sidecar[]
  head: readonly Sidecar[]
  /** Dimensions that are not sliced between the sides: they join the test name in the pairing key. */
  pairOn: readonly Dimension[]
  registry: Registry
  baseline: SideSpec
  headSpec: SideSpec
  options?: CompareOptions
  malformed?: readonly MalformedSidecar[]
}

const FAIL_THRESHOLD_DEFAULT = 5
const ALPHA_DEFAULT = 0.05

/**
 * Pairs the two sides by test + non-sliced dimensions + throughput denomination and judges every
 * registry metric on every pair. Pure: the result depends on the arguments only (never on the
 * order of the sidecars). Throws UsageError only for `--threshold` / `--policy` on repeated runs
 * (ktstr's scalar-only rule) and for a `must-fail` name that the resulting mode
 * cannot gate.
 */
export function compare(input: CompareInput): Comparison {
  const { registry } = input
  const opts = input.options ?? {}
  const alpha = opts.alpha ?? ALPHA_DEFAULT
  const failThreshold = opts.failThreshold ?? FAIL_THRESHOLD_DEFAULT
  const mustFail = [...(opts.mustFail ?? [])]
  const notices: string[] = []

  const base = dedupe(input.base, notices, 'baseline')
  const head = dedupe(input.head, notices, 'HEAD')
  const { keyOf, labelOf } = pairing(input.pairOn, [...base, ...head])
  const groupsA = group(base, keyOf)
  const groupsB = group(head, keyOf)
  refuseScalarPolicy(opts.policy, groupsA, groupsB, labelOf)
  const p = judgePairs(groupsA, groupsB, labelOf, registry, { alpha, mustFail, policy: opts.policy })
  const { rows, assertions } = p

  const rule: Rule = opts.rule ?? 'ktstr'
  const seq: SequentialParams | null =
    rule === 'sequential' ? { ...SEQUENTIAL_DEFAULTS, ...opts.sequential } : null
  if (opts.fdr != null && !seq) applyFdr(rows, opts.fdr, registry)
  const tests: TestDecision[] = seq ? applySequential(rows, seq) : []
  rows.sort(rowOrder)
  const mode: Mode = p.noise ? 'noise-adjusted' : 'scalar'
  if (mode === 'scalar' && mustFail.length) parseMustFail(mustFail.join(','), registry, false)
  notices.push(...pairNotices(p, groupsA, groupsB, labelOf))
  if (seq) notices.push(...sequentialNotices(tests, seq))
  if (seq && opts.fdr != null)
    notices.push('--fdr is ignored under the sequential rule, which sets its own α')

  const count = (v: RowVerdict) => rows.filter((r) => r.verdict === v).length
  const countState = (st: ComparisonRow['state']) => rows.filter((r) => r.state === st).length
  const { verdict, reasons } = decide(
    rows,
    assertions,
    { failThreshold, mustFail },
    {
      baseSidecars: base.length,
      headSidecars: head.length,
      baseLabel: input.baseline.label,
      headLabel: input.headSpec.label
    }
  )

  return {
    schemaVersion: 1,
    verdict,
    reasons,
    notices,
    baseline: sideInfo(input.baseline, base, maxRuns(groupsA)),
    head: sideInfo(input.headSpec, head, maxRuns(groupsB)),
    mode,
    rule,
    tests,
    registry: { source: registry.source, detail: registry.detail, hash: registry.hash },
    options: {
      alpha,
      failThreshold,
      mustFail,
      thresholdPercent: opts.thresholdPercent ?? null,
      policy: opts.policySource ?? null,
      filter: opts.filter ?? null,
      fdr: opts.fdr ?? null,
      sequential: seq
    },
    counts: {
      regressions: count('regression'),
      improvements: count('improvement'),
      // Undecided and inconclusive rows are not shown to be unchanged: they have counts of their own.
      unchanged: count('unchanged') - countState('undecided') - countState('inconclusive'),
      informational: count('informational'),
      coverage: count('coverage'),
      noisy: count('noisy'),
      bothZero: p.bothZero,
      excluded: p.excludedPairs.length,
      droppedRuns: p.droppedRuns,
      newInHead: p.newInHead.length,
      removedFromBase: p.removedFromBase.length,
      malformed: input.malformed?.length ?? 0,
      assertionsTripped: assertions.filter((a) => a.tripped).length,
      unknownMetrics: p.unknown.size,
      undecided: countState('undecided'),
      inconclusive: countState('inconclusive')
    },
    rows,
    assertions,
    excludedPairs: p.excludedPairs,
    newInHead: p.newInHead.sort(),
    removedFromBase: p.removedFromBase,
    malformed: [...(input.malformed ?? [])].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0)),
    unknownMetrics: [...p.unknown].sort()
  }
}

/** What pairing and judging every pair produced. */
interface Paired {
  noise: boolean
  rows: ComparisonRow[]
  assertions: AssertionResult[]
  excludedPairs: { key: string; reason: string }[]
  newInHead: string[]
  removedFromBase: string[]
  unknown: Set<string>
  /** Registry metrics whose kind this version does not know, as `name (Kind)`. */
  unknownKind: Set<string>
  droppedRuns: number
  bothZero: number
  /** Hands each row a gate object shared with the rows whose gate reads the same. */
  gate: GateSharer
}

/**
 * The pairing key and its label. The key is the test name, the throughput denomination (ktstr
 * keys every pair on it, so wall-clock and CPU-second throughputs never meet) and the non-sliced
 * dimensions; the label adds a dimension or the denomination only where it varies.
 */
function pairing(pairOn: readonly Dimension[], all: readonly Sidecar[]) {
  const keyDims = (
    ['topology', 'work-type', ...pairOn.filter((d) => d !== 'topology' && d !== 'work-type')] as Dimension[]
  ).filter((d) => pairOn.includes(d))
  const labelDims = keyDims.filter((d) => d === 'topology' || d === 'work-type' || distinct(all, d) > 1)
  const mainDims = labelDims.filter((d) => d === 'topology' || d === 'work-type')
  const extraDims = labelDims.filter((d) => d !== 'topology' && d !== 'work-type')
  const showDenomination = new Set(all.map((s) => s.throughputDenomination)).size > 1
  const keyOf = (s: Sidecar) =>
    [s.testName, s.throughputDenomination, ...keyDims.map((d) => dimValue(s, d))].join('\u0000')
  const labelOf = (s: Sidecar) => {
    const main = [s.testName, ...mainDims.map((d) => dimValue(s, d))].join('/')
    const extra = extraDims.map((d) => `${d}=${dimValue(s, d)}`)
    if (showDenomination) extra.push(`throughput=${s.throughputDenomination}`)
    return extra.length ? `${main} [${extra.join(', ')}]` : main
  }
  return { keyOf, labelOf }
}

/**
 * ktstr: `--threshold` / `--policy` gate the scalar comparison only, and clap refuses them with
 * `--noise-adjust`. Our mode follows the data, so the same conflict is a usage error once the
 * sides turn out to hold repeated runs, rather than a gate the user set being silently ignored.
 */
function refuseScalarPolicy(
  policy: ComparisonPolicy | undefined,
  groupsA: Map<string, Sidecar[]>,
  groupsB: Map<string, Sidecar[]>,
  labelOf: (s: Sidecar) => string
): void {
  const set = policy?.default_percent != null || Object.keys(policy?.per_metric_percent ?? {}).length > 0
  const repeated = set ? firstNoisePair(groupsA, groupsB) : undefined
  if (repeated)
    throw new UsageError(
      `--threshold / --policy gate the scalar comparison only (one run per side), as in ktstr where they conflict with --noise-adjust; these sides hold repeated runs (${labelOf(repeated[0]!)}: ${usableCount(repeated)} runs)`,
      'drop --threshold / --policy (the Action inputs threshold / policy): with repeated runs the registry gates and the Welch test decide'
    )
}

/** The first paired test with ≥ 2 usable runs on a side (its runs on that side), if any. */
function firstNoisePair(
  groupsA: Map<string, Sidecar[]>,
  groupsB: Map<string, Sidecar[]>
): Sidecar[] | undefined {
  for (const [k, runsA] of [...groupsA].sort(byKey)) {
    const runsB = groupsB.get(k)
    if (!runsB) continue
    if (usableCount(runsA) >= 2) return runsA
    if (usableCount(runsB) >= 2) return runsB
  }
  return undefined
}

/**
 * ktstr's mode follows `--noise-adjust`; ours follows the data: noise-adjusted as soon as any
 * paired test has ≥ 2 usable runs on a side (ktstr's scalar compare cannot hold repeated runs).
 */
function noiseMode(groupsA: Map<string, Sidecar[]>, groupsB: Map<string, Sidecar[]>): boolean {
  for (const [k, runsA] of groupsA) {
    const runsB = groupsB.get(k)
    if (runsB && Math.max(usableCount(runsA), usableCount(runsB)) >= 2) return true
  }
  return false
}

function judgePairs(
  groupsA: Map<string, Sidecar[]>,
  groupsB: Map<string, Sidecar[]>,
  labelOf: (s: Sidecar) => string,
  registry: Registry,
  o: { alpha: number; mustFail: readonly string[]; policy: ComparisonPolicy | undefined }
): Paired {
  const p: Paired = {
    noise: noiseMode(groupsA, groupsB),
    rows: [],
    assertions: [],
    excludedPairs: [],
    newInHead: [],
    removedFromBase: [],
    unknown: new Set(),
    unknownKind: new Set(),
    gate: new GateSharer(),
    droppedRuns: 0,
    bothZero: 0
  }
  const ctx = { noise: p.noise, skipped: { bothZero: 0 } }
  for (const [k, runsHead] of groupsB) if (!groupsA.has(k)) p.newInHead.push(labelOf(runsHead[0]!))
  for (const [k, runsBase] of [...groupsA].sort(byKey)) {
    const runsHead = groupsB.get(k)
    const label = labelOf(runsBase[0]!)
    if (!runsHead) {
      p.removedFromBase.push(label)
      continue
    }
    const passA = runsBase.filter(isUsable)
    const passB = runsHead.filter(isUsable)
    if (passA.length === 0 || passB.length === 0) {
      const why = [
        passA.length === 0 ? `baseline: ${stateSummary(runsBase)}` : null,
        passB.length === 0 ? `HEAD: ${stateSummary(runsHead)}` : null
      ].filter(Boolean)
      p.excludedPairs.push({ key: label, reason: why.join('; ') })
      continue
    }
    p.droppedRuns += runsBase.length - passA.length + runsHead.length - passB.length
    judgePair(p, label, passA.map(unpack), passB.map(unpack), registry, o, ctx)
  }
  p.bothZero = ctx.skipped.bothZero
  return p
}

/** One pair's rows and assertions, from its usable runs (maps in hand: see unpack). */
function judgePair(
  p: Paired,
  label: string,
  passA: readonly Sidecar[],
  passB: readonly Sidecar[],
  registry: Registry,
  o: { alpha: number; mustFail: readonly string[]; policy: ComparisonPolicy | undefined },
  ctx: JudgeContext & { skipped: { bothZero: number } }
): void {
  const first = passB[0]!
  const ident = {
    key: label,
    test: first.testName,
    topology: first.topology,
    scheduler: first.scheduler,
    workType: first.workType,
    kernel: first.kernel
  }
  judgeMetrics(p, ident, passA, passB, registry, o, ctx)
  p.assertions.push(...judgeAssertions(label, passA, passB, registry, o.alpha, ctx))
}

/** Every registry metric, then every name the registry does not know, on one pair. */
function judgeMetrics(
  p: Paired,
  ident: Ident,
  passA: readonly Sidecar[],
  passB: readonly Sidecar[],
  registry: Registry,
  o: { alpha: number; mustFail: readonly string[]; policy: ComparisonPolicy | undefined },
  ctx: JudgeContext
): void {
  for (const def of registry.metrics) {
    if (!gatesAggregate(def, p.noise)) continue
    // A kind newer than this version: folded by the mean and shown, never gated (ktstr's
    // MetricKind is non_exhaustive).
    const known = kindKnown(def)
    const gate = {
      abs: def.default_abs,
      rel: relThreshold(def, o.policy),
      worse: known ? worseSign(def.polarity) : (0 as const),
      alpha: o.alpha
    }
    const j = judgeRuns(known ? def : undefined, def.name, passA, passB, gate, null, ctx)
    if (!j) continue
    if (!known) p.unknownKind.add(`${def.name} (${kindLabel(def.kind)})`)
    const polarity = known ? polarityLabel(def.polarity) : 'informational'
    j.gate = p.gate.share(j.gate)
    p.rows.push(makeRow(ident, def.name, def.display_unit, polarity, o.mustFail.includes(def.name), j))
  }
  for (const name of unknownNames(passA, passB, registry)) {
    p.unknown.add(name)
    // Registry drift: shown with `unknown` polarity, never gated (verdict-rules §11).
    const gate = {
      abs: 0,
      rel: o.policy?.default_percent != null ? o.policy.default_percent / 100 : 0.1,
      worse: 0 as const,
      alpha: o.alpha
    }
    const j = judgeRuns(undefined, name, passA, passB, gate, null, ctx)
    if (j) {
      j.gate = p.gate.share(j.gate)
      p.rows.push(makeRow(ident, name, '', 'unknown', false, j))
    }
  }
}

/** Notices about how pairs were judged; none of them changes the verdict. */
function pairNotices(
  p: Paired,
  groupsA: Map<string, Sidecar[]>,
  groupsB: Map<string, Sidecar[]>,
  labelOf: (s: Sidecar) => string
): string[] {
  const out: string[] = []
  const noisy = p.rows.filter((r) => r.verdict === 'noisy').length
  if (noisy > 0)
    out.push(
      `${noisy} row(s) noisy: a side had fewer than 2 usable runs where others have ≥ 2 (ktstr --noise-adjust); they never gate`
    )
  if (p.droppedRuns > 0)
    out.push(`${p.droppedRuns} non-passing run(s) dropped from pairs that still had passing runs`)
  if (p.unknownKind.size > 0)
    out.push(
      `${p.unknownKind.size} registry metric(s) of a kind this ktstr-perf-gate does not know were shown as informational, never gated (update ktstr-perf-gate): ${[...p.unknownKind].sort().join(', ')}`
    )
  if (p.unknown.size > 0)
    out.push(
      `${p.unknown.size} metric name(s) not in the registry were shown as informational: ${[...p.unknown].sort().join(', ')}`
    )
  const huge = p.rows.filter(outOfRange).length
  if (huge > 0)
    out.push(
      `${huge} row(s) have a difference or spread beyond the double range (±1.8e308): shown as out of range (null in the JSON); the verdict still counts them`
    )
  const split = denominationSplits(groupsA, groupsB, labelOf)
  if (split.length > 0)
    out.push(
      `${split.length} test(s) not paired because their throughput_denomination differs between the sides (ktstr never compares wall-clock and CPU-second rates): ${split.join(', ')}`
    )
  return out
}

/** A row whose B − A or a side's standard deviation exceeds the double range. */
function outOfRange(r: ComparisonRow): boolean {
  if (r.base === null || r.head === null) return false
  return r.delta === null || !Number.isFinite(r.base.stdev) || !Number.isFinite(r.head.stdev)
}

/** Unpaired tests that would pair but for the throughput denomination (ktstr `denomination_mismatches`). */
function denominationSplits(
  groupsA: Map<string, Sidecar[]>,
  groupsB: Map<string, Sidecar[]>,
  labelOf: (s: Sidecar) => string
): string[] {
  const strip = (k: string) => {
    const parts = k.split('\u0000')
    parts.splice(1, 1)
    return parts.join('\u0000')
  }
  const onlyA = new Map<string, Sidecar>()
  for (const [k, g] of groupsA) if (!groupsB.has(k)) onlyA.set(strip(k), g[0]!)
  const out = new Set<string>()
  for (const [k, g] of groupsB)
    if (!groupsA.has(k)) {
      const a = onlyA.get(strip(k))
      if (a) out.add(`${labelOf(a)} → ${labelOf(g[0]!)}`)
    }
  return [...out].sort()
}

function usableCount(runs: readonly Sidecar[]): number {
  let n = 0
  for (const s of runs) if (isUsable(s)) n++
  return n
}

/** Runs per side: the most usable runs any test has there (paired or not). */
function maxRuns(groups: Map<string, Sidecar[]>): number {
  let n = 0
  for (const g of groups.values()) n = Math.max(n, usableCount(g))
  return n
}

type Ident = Pick<ComparisonRow, 'key' | 'test' | 'topology' | 'scheduler' | 'workType' | 'kernel'>

type RowGate = ComparisonRow['gate']

/**
 * One gate object per distinct (abs, rel, cleared flags) in a comparison, shared by its rows: a
 * metric's rows mostly read alike, and nothing changes a row's gate once built (≈ 80 bytes a row).
 */
class GateSharer {
  private byAbs = new Map<number, Map<number, (RowGate | undefined)[]>>()

  share(g: RowGate): RowGate {
    let byRel = this.byAbs.get(g.abs)
    if (!byRel) this.byAbs.set(g.abs, (byRel = new Map()))
    let slots = byRel.get(g.rel)
    if (!slots) byRel.set(g.rel, (slots = [undefined, undefined, undefined, undefined]))
    const i = (g.absCleared ? 1 : 0) + (g.relCleared ? 2 : 0)
    const known = slots[i]
    // Map keys do not tell 0 from -0: such a gate keeps its own object.
    if (!known) return (slots[i] = g)
    return Object.is(known.abs, g.abs) && Object.is(known.rel, g.rel) ? known : g
  }
}

/** One row as a plain literal of fixed shape (object spreads here dominated compare's time). */
function makeRow(
  id: Ident,
  metric: string,
  unit: string,
  polarity: ComparisonRow['polarity'],
  mustFail: boolean,
  j: Judgement
): ComparisonRow {
  return {
    key: id.key,
    test: id.test,
    topology: id.topology,
    scheduler: id.scheduler,
    workType: id.workType,
    kernel: id.kernel,
    metric,
    unit,
    polarity,
    verdict: j.verdict,
    mode: j.mode,
    base: j.base,
    head: j.head,
    delta: j.delta,
    relDelta: j.relDelta,
    pValue: j.pValue,
    pAdjusted: j.pAdjusted,
    separated: j.separated,
    disjoint: j.disjoint,
    material: j.material,
    gate: j.gate,
    ci95: j.ci95,
    effectSize: j.effectSize,
    mustFail,
    state: null,
    runsNeeded: null
  }
}

function unknownNames(a: readonly Sidecar[], b: readonly Sidecar[], registry: Registry): string[] {
  const names = new Set<string>()
  for (const s of [...a, ...b]) for (const k in s.values) if (!registry.byName.has(k)) names.add(k)
  return [...names].sort()
}

/**
 * Run order: timestamp, then run id, then file. A sidecar restored twice (same run, same file, same
 * values — e.g. from an artifact and from the host cache) counts once; run ids alone are not unique
 * (second resolution plus a per-process counter).
 */
function dedupe(xs: readonly Sidecar[], notices: string[], side: string): Sidecar[] {
  const sorted = [...xs].sort(
    (x, y) =>
      cmp(x.timestamp, y.timestamp) ||
      cmp(x.runId, y.runId) ||
      cmp(x.testName, y.testName) ||
      cmp(x.file, y.file)
  )
  // Same identity and same values: the values are compared only between sidecars whose identity
  // already matches (rare), so the common case never serializes them.
  const seen = new Map<string, Sidecar[]>()
  const out: Sidecar[] = []
  for (const s of sorted) {
    const id = JSON.stringify([
      s.runId,
      s.timestamp,
      s.testName,
      s.topology,
      s.scheduler,
      s.workType,
      s.kernel,
      s.projectCommit,
      baseName(s.file)
    ])
    const same = seen.get(id)
    if (same) {
      const values = JSON.stringify(s.values)
      if (same.some((o) => JSON.stringify(o.values) === values)) continue
      same.push(s)
    } else seen.set(id, [s])
    out.push(s)
  }
  if (out.length < xs.length)
    notices.push(`${xs.length - out.length} duplicate ${side} sidecar(s) of the same run ignored`)
  return out
}

function group(xs: readonly Sidecar[], keyOf: (s: Sidecar) => string): Map<string, Sidecar[]> {
  const m = new Map<string, Sidecar[]>()
  for (const s of xs) {
    const k = keyOf(s)
    const g = m.get(k)
    if (g) g.push(s)
    else m.set(k, [s])
  }
  return m
}

function sideInfo(spec: SideSpec, xs: readonly Sidecar[], runs: number): SideInfo {
  const hosts = new Set<string>()
  for (const s of xs) {
    const h = s.host as Record<string, unknown> | null
    const name = h && typeof h === 'object' ? (h.cpu_model ?? h.hostname ?? h.kernel_release) : undefined
    if (typeof name === 'string') hosts.add(name)
  }
  return {
    label: spec.label,
    sha: spec.sha ?? null,
    how: spec.how,
    sidecars: xs.length,
    runs,
    kernels: [...new Set(xs.map((s) => s.kernel ?? 'unknown'))].sort(),
    hosts: [...hosts].sort()
  }
}

function stateSummary(runs: readonly Sidecar[]): string {
  const skipped = runs.filter((s) => s.skipped).length
  const inconclusive = runs.filter((s) => s.inconclusive && !s.skipped).length
  const expected = runs.filter((s) => s.passed && !s.skipped && !s.inconclusive && s.expectedFailure).length
  const failed = runs.length - skipped - inconclusive - expected
  const parts = [
    failed && `${failed} failed`,
    skipped && `${skipped} skipped`,
    inconclusive && `${inconclusive} inconclusive`,
    expected && `${expected} expected failure${expected === 1 ? '' : 's'}`
  ].filter(Boolean)
  return `no passing run (${parts.join(', ')} of ${runs.length})`
}

const ORDER: Record<RowVerdict, number> = {
  regression: 0,
  improvement: 1,
  informational: 2,
  noisy: 3,
  coverage: 4,
  unchanged: 5
}

/** The engine's row order: regressions first (worst first), then improvements, …, by key and metric. */
export function rowOrder(x: ComparisonRow, y: ComparisonRow): number {
  const byVerdict = ORDER[x.verdict] - ORDER[y.verdict]
  if (byVerdict) return byVerdict
  if (x.verdict === 'regression' || x.verdict === 'improvement' || x.verdict === 'informational') {
    const mx = Math.abs(x.relDelta ?? Infinity)
    const my = Math.abs(y.relDelta ?? Infinity)
    if (mx !== my) return my - mx > 0 ? 1 : -1
  }
  return cmp(x.key, y.key) || cmp(x.metric, y.metric)
}

function distinct(xs: readonly Sidecar[], d: Dimension): number {
  return new Set(xs.map((s) => dimValue(s, d))).size
}

function byKey(x: [string, unknown], y: [string, unknown]): number {
  return cmp(x[0], y[0])
}

function baseName(p: string): string {
  const i = p.lastIndexOf('/')
  return i >= 0 ? p.slice(i + 1) : p
}

function cmp(a: string | null, b: string | null): number {
  const x = a ?? ''
  const y = b ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}
