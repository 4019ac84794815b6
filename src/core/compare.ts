import { applyFdr, decide, judgeAssertions, judgeRuns, type Judgement } from './gate.js'
import {
  gatesAggregate,
  parseMustFail,
  polarityLabel,
  relThreshold,
  worseSign,
  type ComparisonPolicy,
  type Registry
} from './registry.js'
import { dimValue, isPass, type Dimension, type MalformedSidecar, type Sidecar } from './sidecar.js'
import type { AssertionResult, Comparison, ComparisonRow, Mode, RowVerdict, SideInfo } from './types.js'

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
 * Pairs the two sides by test + non-sliced dimensions and judges every registry metric on every
 * pair. Pure: the result depends on the arguments only (never on the order of the sidecars).
 * Throws UsageError only for a `must-fail` name that the resulting mode cannot gate.
 */
export function compare(input: CompareInput): Comparison {
  const { registry } = input
  const opts = input.options ?? {}
  const alpha = opts.alpha ?? ALPHA_DEFAULT
  const failThreshold = opts.failThreshold ?? FAIL_THRESHOLD_DEFAULT
  const mustFail = [...(opts.mustFail ?? [])]
  const notices: string[] = []

  const keyDims = (
    [
      'topology',
      'work-type',
      ...input.pairOn.filter((d) => d !== 'topology' && d !== 'work-type')
    ] as Dimension[]
  ).filter((d) => input.pairOn.includes(d))
  const base = dedupe(input.base, notices, 'baseline')
  const head = dedupe(input.head, notices, 'HEAD')
  const labelDims = keyDims.filter(
    (d) => d === 'topology' || d === 'work-type' || distinct([...base, ...head], d) > 1
  )
  const keyOf = (s: Sidecar) => [s.testName, ...keyDims.map((d) => dimValue(s, d))].join('\u0000')
  const mainDims = labelDims.filter((d) => d === 'topology' || d === 'work-type')
  const extraDims = labelDims.filter((d) => d !== 'topology' && d !== 'work-type')
  const labelOf = (s: Sidecar) => {
    const main = [s.testName, ...mainDims.map((d) => dimValue(s, d))].join('/')
    return extraDims.length ? `${main} [${extraDims.map((d) => `${d}=${dimValue(s, d)}`).join(', ')}]` : main
  }
  const groupsA = group(base, keyOf)
  const groupsB = group(head, keyOf)

  const rows: ComparisonRow[] = []
  const assertions: AssertionResult[] = []
  const excludedPairs: { key: string; reason: string }[] = []
  const newInHead: string[] = []
  const removedFromBase: string[] = []
  const unknown = new Set<string>()
  let droppedRuns = 0
  let runsA = 0
  let runsB = 0

  for (const [k, runsHead] of groupsB) if (!groupsA.has(k)) newInHead.push(labelOf(runsHead[0]!))
  // Runs per side: the most passing runs any test has there (paired or not).
  for (const g of groupsA.values()) runsA = Math.max(runsA, g.filter(isPass).length)
  for (const g of groupsB.values()) runsB = Math.max(runsB, g.filter(isPass).length)
  for (const [k, runsBase] of [...groupsA].sort(byKey)) {
    const runsHead = groupsB.get(k)
    const label = labelOf(runsBase[0]!)
    if (!runsHead) {
      removedFromBase.push(label)
      continue
    }
    const passA = runsBase.filter(isPass)
    const passB = runsHead.filter(isPass)
    if (passA.length === 0 || passB.length === 0) {
      const why = [
        passA.length === 0 ? `baseline: ${stateSummary(runsBase)}` : null,
        passB.length === 0 ? `HEAD: ${stateSummary(runsHead)}` : null
      ].filter(Boolean)
      excludedPairs.push({ key: label, reason: why.join('; ') })
      continue
    }
    droppedRuns += runsBase.length - passA.length + runsHead.length - passB.length
    const noise = passA.length >= 2 && passB.length >= 2
    const first = passB[0]!
    const ident = {
      key: label,
      test: first.testName,
      topology: first.topology,
      scheduler: first.scheduler,
      workType: first.workType,
      kernel: first.kernel
    }

    for (const def of registry.metrics) {
      if (!gatesAggregate(def, noise)) continue
      const row = judgeRuns(def, def.name, passA, passB, {
        abs: def.default_abs,
        rel: relThreshold(def, opts.policy),
        worse: worseSign(def.polarity),
        alpha
      })
      if (row)
        rows.push(
          makeRow(
            ident,
            def.name,
            def.display_unit,
            polarityLabel(def.polarity),
            mustFail.includes(def.name),
            row
          )
        )
    }
    for (const name of unknownNames(passA, passB, registry)) {
      unknown.add(name)
      // Registry drift: shown with `unknown` polarity, never gated (verdict-rules §11).
      const row = judgeRuns(undefined, name, passA, passB, {
        abs: 0,
        rel: opts.policy?.default_percent != null ? opts.policy.default_percent / 100 : 0.1,
        worse: 0,
        alpha
      })
      if (row) rows.push(makeRow(ident, name, '', 'unknown', false, row))
    }
    assertions.push(...judgeAssertions(label, passA, passB, registry, alpha))
  }

  if (opts.fdr != null) applyFdr(rows, opts.fdr, registry)
  rows.sort(rowOrder)
  const compared = rows.filter((r) => r.verdict !== 'coverage')
  const mode: Mode =
    compared.length > 0
      ? compared.every((r) => r.mode === 'noise-adjusted')
        ? 'noise-adjusted'
        : 'scalar'
      : runsA >= 2 && runsB >= 2
        ? 'noise-adjusted'
        : 'scalar'
  if (compared.some((r) => r.mode === 'noise-adjusted') && compared.some((r) => r.mode === 'scalar'))
    notices.push(
      'mixed run counts: rows with a single run on a side were judged with the scalar dual gate alone'
    )
  if (mode === 'scalar' && mustFail.length) parseMustFail(mustFail.join(','), registry, false)
  if (droppedRuns > 0)
    notices.push(`${droppedRuns} non-passing run(s) dropped from pairs that still had passing runs`)
  if (unknown.size > 0)
    notices.push(
      `${unknown.size} metric name(s) not in the registry were shown as informational: ${[...unknown].sort().join(', ')}`
    )

  const count = (v: RowVerdict) => rows.filter((r) => r.verdict === v).length
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
    baseline: sideInfo(input.baseline, base, runsA),
    head: sideInfo(input.headSpec, head, runsB),
    mode,
    registry: { source: registry.source, detail: registry.detail, hash: registry.hash },
    options: {
      alpha,
      failThreshold,
      mustFail,
      thresholdPercent: opts.thresholdPercent ?? null,
      policy: opts.policySource ?? null,
      filter: opts.filter ?? null,
      fdr: opts.fdr ?? null
    },
    counts: {
      regressions: count('regression'),
      improvements: count('improvement'),
      unchanged: count('unchanged'),
      informational: count('informational'),
      coverage: count('coverage'),
      excluded: excludedPairs.length,
      droppedRuns,
      newInHead: newInHead.length,
      removedFromBase: removedFromBase.length,
      malformed: input.malformed?.length ?? 0,
      assertionsTripped: assertions.filter((a) => a.tripped).length,
      unknownMetrics: unknown.size
    },
    rows,
    assertions,
    excludedPairs,
    newInHead: newInHead.sort(),
    removedFromBase,
    malformed: [...(input.malformed ?? [])].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0)),
    unknownMetrics: [...unknown].sort()
  }
}

type Ident = Pick<ComparisonRow, 'key' | 'test' | 'topology' | 'scheduler' | 'workType' | 'kernel'>

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
    mustFail
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
  const seen = new Set<string>()
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
      baseName(s.file),
      s.values
    ])
    if (seen.has(id)) continue
    seen.add(id)
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
  const failed = runs.length - skipped - inconclusive
  const parts = [
    failed && `${failed} failed`,
    skipped && `${skipped} skipped`,
    inconclusive && `${inconclusive} inconclusive`
  ].filter(Boolean)
  return `no passing run (${parts.join(', ')} of ${runs.length})`
}

const ORDER: Record<RowVerdict, number> = {
  regression: 0,
  improvement: 1,
  informational: 2,
  coverage: 3,
  unchanged: 4
}

function rowOrder(x: ComparisonRow, y: ComparisonRow): number {
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
