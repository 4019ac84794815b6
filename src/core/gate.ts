import { centre, foldKtstr, runValues, type RunValues } from './fold.js'
import { kindKnown, kindLabel, polarityLabel, worseSign, type MetricDef, type Registry } from './registry.js'
import type { PerfDeltaAssertion, Sidecar } from './sidecar.js'
import {
  describe,
  disjointBands,
  hedgesG,
  relChangeCI,
  welch,
  ZERO_MEAN_EPS,
  type Described
} from './stats.js'
import type {
  AssertionResult,
  Comparison,
  ComparisonRow,
  Mode,
  RowVerdict,
  SideStats,
  Verdict
} from './types.js'

/** The thresholds and direction one metric is judged with. */
export interface MetricGate {
  /** Absolute gate in metric units (registry default_abs, or an assertion's min_abs). */
  abs: number
  /** Relative gate as a fraction. */
  rel: number
  /** +1: an increase is worse; −1: a decrease is worse; 0: informational (never a regression). */
  worse: 1 | -1 | 0
  /** Welch significance level. */
  alpha: number
}

/** What the gate concluded about one metric on one pair. */
export type Judgement = Pick<
  ComparisonRow,
  | 'verdict'
  | 'mode'
  | 'base'
  | 'head'
  | 'delta'
  | 'relDelta'
  | 'pValue'
  | 'pAdjusted'
  | 'separated'
  | 'disjoint'
  | 'material'
  | 'gate'
  | 'ci95'
  | 'effectSize'
>

/** How a comparison judges its pairs: ktstr's scalar dual gate, or its `--noise-adjust` rule. */
export interface JudgeContext {
  /** The comparison is noise-adjusted (some test has ≥ 2 runs on a side). */
  noise: boolean
  /** Counts pairs skipped because both centres were ~0 (ktstr skips them without a row). */
  skipped?: { bothZero: number }
}

/**
 * Judges one metric on one pair (verdict-rules §3, §6, §11, and today's ktstr compare.rs /
 * noise.rs). Returns null when ktstr skips it without a row: absent on both sides, or both
 * centres within ZERO_MEAN_EPS (1e-9) of zero.
 *
 * - one side absent → `coverage` (never gated);
 * - material = |Δ| ≥ abs AND |Δ|/|A| ≥ rel on the side centres; from a ~0 baseline the relative
 *   change is infinite, so the absolute gate alone decides;
 * - noise-adjusted: a side with fewer than 2 runs is `noisy` and never gates (ktstr's
 *   insufficient-samples guard); otherwise a move must also be separated (Welch p < α, or
 *   disjoint min–max bands);
 * - then the polarity decides regression / improvement / informational.
 */
export function judge(
  def: MetricDef | undefined,
  a: RunValues,
  b: RunValues,
  g: MetricGate,
  ctx: JudgeContext = { noise: a.samples.length >= 2 && b.samples.length >= 2 }
): Judgement | null {
  const base = sideStats(def, a)
  const head = sideStats(def, b)
  if (!base && !head) return null
  const mode: Mode = ctx.noise ? 'noise-adjusted' : 'scalar'
  if (!base || !head) return unjudged(mode, base, head, g)
  if (Math.abs(base.value) < ZERO_MEAN_EPS && Math.abs(head.value) < ZERO_MEAN_EPS) {
    if (ctx.skipped) ctx.skipped.bothZero++
    return null
  }

  // Near ±1.8e308 the difference of two finite centres can exceed the double range (±Infinity):
  // the verdict still uses its sign and size, the relative change is taken in units of |A| (exact),
  // and the row's `delta` is null ("out of range"; the renderers say so).
  const delta = head.value - base.value
  const relDelta = relativeDelta(base.value, head.value)
  const rel = relDelta !== null ? Math.abs(relDelta) : relChange(base.value, delta)
  const absCleared = Math.abs(delta) >= g.abs
  const relCleared = rel >= g.rel
  const material = absCleared && relCleared
  const j: Judgement = {
    verdict: 'unchanged',
    mode,
    base,
    head,
    delta: Number.isFinite(delta) ? delta : null,
    relDelta,
    pValue: null,
    pAdjusted: null,
    separated: null,
    disjoint: null,
    material,
    gate: { abs: g.abs, rel: g.rel, absCleared, relCleared },
    ci95: null,
    effectSize: null
  }
  // One literal of fixed shape, filled in (object spreads here cost most of the judging time).
  if (!ctx.noise) {
    j.verdict = classify(material, true, delta, g.worse)
    return j
  }
  if (base.n < 2 || head.n < 2) {
    j.verdict = 'noisy'
    return j
  }

  const da = described(base)
  const db = described(head)
  const pValue = welch(da, db)?.p ?? null
  const disjoint = disjointBands(da, db)
  const separated = (pValue !== null && pValue < g.alpha) || disjoint
  j.verdict = classify(material, separated, delta, g.worse)
  j.pValue = pValue
  j.separated = separated
  j.disjoint = disjoint
  j.ci95 = relChangeCI(da, db, 0.95, { a: base.value, b: head.value })
  j.effectSize = hedgesG(da, db)
  return j
}

/**
 * (B − A) / |A|, signed; null from a baseline within ZERO_MEAN_EPS of zero. When B − A overflows
 * (opposite signs near ±1.8e308) it is B/|A| − A/|A|, which stays finite.
 */
export function relativeDelta(a: number, b: number): number | null {
  const absA = Math.abs(a)
  if (!(absA > ZERO_MEAN_EPS)) return null
  const d = b - a
  return Number.isFinite(d) ? d / absA : b / absA - a / absA
}

/**
 * |Δ / A|, the relative change the relative gate compares (ktstr ZERO_MEAN_EPS rule): a move of
 * more than 1e-9 from a baseline within 1e-9 of zero is an unbounded (infinite) change.
 */
export function relChange(base: number, delta: number): number {
  if (Math.abs(base) > ZERO_MEAN_EPS) return Math.abs(delta / base)
  return Math.abs(delta) > ZERO_MEAN_EPS ? Infinity : 0
}

/** A row with a side missing (`coverage`): nothing to compare. */
function unjudged(mode: Mode, base: SideStats | null, head: SideStats | null, g: MetricGate): Judgement {
  return {
    verdict: 'coverage',
    mode,
    base,
    head,
    delta: null,
    relDelta: null,
    pValue: null,
    pAdjusted: null,
    separated: null,
    disjoint: null,
    material: false,
    gate: { abs: g.abs, rel: g.rel, absCleared: false, relCleared: false },
    ci95: null,
    effectSize: null
  }
}

/** A significant move (material, and separated when runs allow) gets its direction from the polarity. */
export function classify(
  material: boolean,
  separated: boolean,
  delta: number,
  worse: 1 | -1 | 0
): RowVerdict {
  if (!material || !separated || delta === 0) return 'unchanged'
  if (worse === 0) return 'informational'
  return delta * worse > 0 ? 'regression' : 'improvement'
}

/**
 * Benjamini–Hochberg adjusted p-values (step-up, monotone, capped at 1), in input order.
 * Controls the false-discovery rate across the many (test, metric) rows of one comparison.
 */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  const m = ps.length
  const order = ps.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0])
  const adj = new Array<number>(m)
  let min = 1
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k]!
    min = Math.min(min, (p * m) / (k + 1))
    adj[i] = min
  }
  return adj
}

function sideStats(def: MetricDef | undefined, rv: RunValues): SideStats | null {
  const value = centre(def, rv)
  if (value === undefined) return null
  const d = describe(rv.samples)
  return {
    n: d.n,
    mean: d.mean,
    min: d.min,
    max: d.max,
    stdev: d.stdev,
    value,
    // A Counter's sum across runs can exceed the double range; the fold is display only.
    fold: finiteOr(foldKtstr(def, rv), value),
    // An exact-size copy: a pushed array keeps spare capacity, and a report holds two per row.
    samples: rv.samples.slice()
  }
}

function finiteOr(x: number | undefined, fallback: number): number {
  return x !== undefined && Number.isFinite(x) ? x : fallback
}

function described(s: SideStats): Described {
  return { n: s.n, mean: s.mean, min: s.min, max: s.max, variance: s.stdev * s.stdev, stdev: s.stdev }
}

/** Options of the failure gate (ktstr GateOptions). */
export interface FailGate {
  /** Fail when regressions ≥ this; 0 = never fail on the count. */
  failThreshold: number
  mustFail: readonly string[]
}

/** The job's verdict and the sentences that explain it. */
export function decide(
  rows: readonly ComparisonRow[],
  assertions: readonly AssertionResult[],
  gate: FailGate,
  sides: { baseSidecars: number; headSidecars: number; baseLabel: string; headLabel: string }
): { verdict: Verdict; reasons: string[] } {
  // HEAD first: with nothing measured there is no verdict to give, whatever the baseline holds.
  if (sides.headSidecars === 0)
    return { verdict: 'no-data', reasons: [`no sidecars for HEAD ${sides.headLabel} — nothing was measured`] }
  if (sides.baseSidecars === 0)
    return {
      verdict: 'no-baseline',
      reasons: [`no baseline sidecars for ${sides.baseLabel} — nothing to compare against; the gate passes`]
    }

  const reasons: string[] = []
  const regressions = rows.filter((r) => r.verdict === 'regression')
  const n = regressions.length
  const plural = (k: number) => `${k} regression${k === 1 ? '' : 's'}`
  if (gate.failThreshold > 0 && n >= gate.failThreshold)
    reasons.push(`${plural(n)} ≥ fail-threshold ${gate.failThreshold}`)
  const mustFail = new Set(gate.mustFail)
  const hitMust = [...new Set(regressions.filter((r) => mustFail.has(r.metric)).map((r) => r.metric))]
  for (const m of hitMust) {
    const where = regressions.filter((r) => r.metric === m).map((r) => r.key)
    reasons.push(`must-fail metric ${m} regressed (${where.join(', ')})`)
  }
  for (const a of assertions.filter((x) => x.tripped))
    reasons.push(
      `assertion ${a.name ?? a.metric} tripped on ${a.key}${a.phase !== null ? ` (phase ${a.phase})` : ''}`
    )
  if (reasons.length > 0) return { verdict: 'fail', reasons }

  if (n === 0) reasons.push('no regressions')
  else if (gate.failThreshold === 0) reasons.push(`${plural(n)}; fail-threshold 0 never fails on the count`)
  else reasons.push(`${plural(n)} < fail-threshold ${gate.failThreshold}`)
  return { verdict: 'pass', reasons }
}

/** Judges metric `name` over two sides' runs (whole-run values, or phase `phase`). */
export function judgeRuns(
  def: MetricDef | undefined,
  name: string,
  a: readonly Sidecar[],
  b: readonly Sidecar[],
  g: MetricGate,
  phase: number | null = null,
  ctx?: JudgeContext
): Judgement | null {
  return judge(def, runValues(def, name, a, phase), runValues(def, name, b, phase), g, ctx)
}

/** Re-decides separation of noise-adjusted rows with Benjamini–Hochberg adjusted p-values. */
export function applyFdr(rows: ComparisonRow[], q: number, registry: Registry): void {
  const tested = rows.filter((r) => r.mode === 'noise-adjusted' && r.verdict !== 'coverage')
  const withP = tested.filter((r) => r.pValue !== null)
  const adj = benjaminiHochberg(withP.map((r) => r.pValue!))
  withP.forEach((r, i) => (r.pAdjusted = adj[i]!))
  for (const r of tested) {
    r.separated = r.pAdjusted !== null ? r.pAdjusted < q : !!r.disjoint
    const def = registry.byName.get(r.metric)
    const worse = def && r.polarity !== 'unknown' && kindKnown(def) ? worseSign(def.polarity) : 0
    // A null delta with both sides present is a difference beyond the double range: its sign is B − A's.
    const delta = r.delta ?? (r.base && r.head ? r.head.value - r.base.value : 0)
    r.verdict = classify(r.material, r.separated, delta, worse)
  }
}

/**
 * Per-test PerfDeltaAssertion gates. As in ktstr, HEAD is authoritative on the declaration: they
 * are read from HEAD's first usable run only (a baseline's declarations never gate). They gate only
 * noise-adjusted comparisons with ≥ 2 runs per side. A negative `max_regression_pct` / `min_abs`
 * falls back to the registry default, and a `TargetValue` direction to the registry polarity.
 */
export function judgeAssertions(
  key: string,
  a: readonly Sidecar[],
  b: readonly Sidecar[],
  registry: Registry,
  alpha: number,
  ctx: JudgeContext = { noise: a.length >= 2 && b.length >= 2 }
): AssertionResult[] {
  const declaring = b[0]
  if (!declaring) return []
  const seen = new Set<string>()
  const out: AssertionResult[] = []
  for (const decl of declaring.assertions) {
    const id = `${decl.metric}\u0000${decl.phase}\u0000${decl.name}`
    if (seen.has(id)) continue
    seen.add(id)
    out.push(judgeAssertion(key, declaring.testName, decl, a, b, registry, alpha, ctx))
  }
  return out
}

function judgeAssertion(
  key: string,
  test: string,
  decl: PerfDeltaAssertion,
  a: readonly Sidecar[],
  b: readonly Sidecar[],
  registry: Registry,
  alpha: number,
  ctx: JudgeContext
): AssertionResult {
  const def = registry.byName.get(decl.metric)
  const direction = decl.direction !== null && typeof decl.direction !== 'object' ? decl.direction : null
  const polarity = direction ?? def?.polarity ?? 'Informational'
  const pct = gateValue(decl.maxRegressionPct)
  const res: AssertionResult = {
    key,
    test,
    metric: decl.metric,
    name: decl.name,
    phase: decl.phase,
    rel: pct !== null ? pct / 100 : (def?.default_rel ?? 0),
    abs: gateValue(decl.minAbs) ?? def?.default_abs ?? 0,
    direction: polarityLabel(polarity),
    tripped: false,
    skipped: null,
    delta: null,
    relDelta: null,
    pValue: null,
    separated: null
  }
  if (!def) res.skipped = `metric ${decl.metric} is not in the registry`
  else if (!kindKnown(def))
    res.skipped = `metric ${decl.metric} has a kind this ktstr-perf-gate does not know (${kindLabel(def.kind)}); update ktstr-perf-gate`
  else if (!ctx.noise || a.length < 2 || b.length < 2)
    res.skipped = 'needs ≥ 2 runs per side (PerfDeltaAssertion gates only noise-adjusted comparisons)'
  else {
    const gate = { abs: res.abs, rel: res.rel, worse: worseSign(polarity), alpha }
    const j = judgeRuns(def, decl.metric, a, b, gate, decl.phase, { noise: true })
    if (!j || j.verdict === 'coverage') res.skipped = 'the metric is missing on a side'
    else if (j.verdict === 'noisy') res.skipped = 'the metric has fewer than 2 values on a side'
    else {
      res.delta = j.delta
      res.relDelta = j.relDelta
      res.pValue = j.pValue
      res.separated = j.separated
      res.tripped = j.verdict === 'regression'
    }
  }
  return res
}

/** A declared gate value, or null when unset, negative or not finite (ktstr falls back to the registry). */
function gateValue(v: number | null): number | null {
  return v !== null && Number.isFinite(v) && v >= 0 ? v : null
}

/** decide() again for a built Comparison over `rows` (a subset or a re-ordering of its rows), with its own options and sides. */
export function redecide(c: Comparison, rows: readonly ComparisonRow[]): ReturnType<typeof decide> {
  return decide(
    rows,
    c.assertions,
    { failThreshold: c.options.failThreshold, mustFail: c.options.mustFail },
    {
      baseSidecars: c.baseline.sidecars,
      headSidecars: c.head.sidecars,
      baseLabel: c.baseline.label,
      headLabel: c.head.label
    }
  )
}
