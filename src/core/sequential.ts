/**
 * The sequential verdict (DESIGN §4a): every row with ≥ 2 runs per side is decided as a
 * regression, an improvement or unchanged, or left undecided (more runs would decide it) or
 * inconclusive (the run budget is spent, or the row is too noisy for its gate to be decided
 * within it). Pure; the thresholds are calibrated in `bench/` (see the README).
 */
import {
  ZERO_MEAN_EPS,
  studentTCdf,
  studentTInv,
  welchDfOf,
  welchSe,
  type Described,
  type WelchSe
} from './stats.js'
import type { ComparisonRow, RowState, SideStats, TestDecision } from './types.js'

/** The sequential rule's parameters. */
export interface SequentialParams {
  /** One-sided Welch significance level of a regression (or improvement). */
  alpha: number
  /** A row is unchanged when the one-sided (1 − gamma) upper confidence bound of its worse-direction change is below the gate. */
  gamma: number
  /** Runs per side the top-up may reach; a row still undecided there is inconclusive. */
  maxRuns: number
  /**
   * Futility: the row is inconclusive at once when, even with no change at all, the (1 − gamma)
   * bound projected at `maxRuns` per side would be wider than `futility` × its gate.
   */
  futility: number
  /**
   * The spread both sides are judged with: `pooled` (Student's t, weights n − 1: the deep baseline
   * dominates) or `larger` (the larger sample variance, Welch degrees of freedom).
   */
  variance: 'pooled' | 'larger'
}

/** Calibrated in bench/ (README, "The sequential verdict"). */
export const SEQUENTIAL_DEFAULTS: SequentialParams = {
  alpha: 0.001,
  gamma: 0.25,
  maxRuns: 20,
  futility: 0.85,
  variance: 'larger'
}

/** Largest runs-per-side estimate reported; beyond it the row is "too noisy for its gate". */
export const RUNS_NEEDED_CAP = 1000

/** What the sequential rule concluded on one row. */
export interface SequentialJudgement {
  state: RowState
  /** Runs per side estimated (from the observed change and spread) to decide the row; null once decided. */
  runsNeeded: number | null
  /** One-sided Welch p-value of a move in the worse direction (null when the spread is zero). */
  pWorse: number | null
}

/** The row as the rule sees it: both sides' statistics, the dual gate, and the worse direction (+1 / −1). */
export interface SequentialRow {
  base: SideStats
  head: SideStats
  gate: { abs: number; rel: number }
  worse: 1 | -1
}

/** The effective gate in the metric's unit: max(abs gate, rel gate × |baseline centre|). */
export function effectiveGate(row: Pick<SequentialRow, 'base' | 'gate'>): number {
  const baseAbs = Math.abs(row.base.value)
  const rel = baseAbs > ZERO_MEAN_EPS && Number.isFinite(row.gate.rel) ? row.gate.rel * baseAbs : 0
  return Math.max(row.gate.abs, rel)
}

/**
 * Decides one row (both sides with ≥ 2 runs). `w` = the change in the worse direction, `G` the
 * effective gate:
 * - regression: w ≥ G and the one-sided Welch p of w > 0 below α (improvement: the mirror);
 * - unchanged: the one-sided (1 − γ) upper confidence bound of w below G (an improvement that
 *   is not significant is unchanged: only regressions fail a PR, so only they are chased);
 * - inconclusive: HEAD has `maxRuns` runs, or the projected bound at `maxRuns` is too wide;
 * - otherwise undecided.
 */
export function judgeSequential(row: SequentialRow, p: SequentialParams): SequentialJudgement {
  const G = effectiveGate(row)
  const w = row.worse * (row.head.value - row.base.value)
  // One spread for both sides (the same test and metric on one host class): 5 runs of a
  // heavy-tailed metric often understate its spread, and with each side's own variance A/A PRs
  // failed on noise ~10× too often (bench/).
  const spread = commonSpread(row.base, row.head, p.variance)
  const a = described(row.base, spread)
  const b = described(row.head, spread)
  const ws = p.variance === 'pooled' ? pooledSe(a, b) : welchSe(a, b)
  if (!ws || !Number.isFinite(w)) {
    // Values beyond double range: nothing to test; the budget still ends it.
    const state = row.head.n >= p.maxRuns ? 'inconclusive' : 'undecided'
    return { state, runsNeeded: null, pWorse: null }
  }
  if (!(ws.se > 0)) {
    // No spread on either side: the change is exactly known.
    const state = w >= G && w > 0 ? 'regression' : -w >= G && w < 0 ? 'improvement' : 'unchanged'
    return { state, runsNeeded: null, pWorse: null }
  }
  const t = w / ws.se
  const pWorse = studentTCdf(-t, ws.df)
  const pBetter = studentTCdf(t, ws.df)
  if (w >= G && pWorse < p.alpha) return { state: 'regression', runsNeeded: null, pWorse }
  if (-w >= G && pBetter < p.alpha) return { state: 'improvement', runsNeeded: null, pWorse }
  const q = studentTInv(1 - p.gamma, ws.df)
  // Shown not to be a regression: the one-sided upper bound of w is below the gate. An improvement
  // not (yet) significant is not chased with more runs: only regressions fail a PR.
  if (w + q * ws.se < G) return { state: 'unchanged', runsNeeded: null, pWorse }
  const runsNeeded = estimateRuns(a, b, w, G, p)
  if (row.head.n >= p.maxRuns || futile(a, b, G, p)) return { state: 'inconclusive', runsNeeded, pWorse }
  return { state: 'undecided', runsNeeded, pWorse }
}

/** The spread both sides are judged with: the larger sample SD, or the pooled one (weights n − 1). */
function commonSpread(a: SideStats, b: SideStats, how: SequentialParams['variance']): number {
  if (how === 'larger') return Math.max(a.stdev, b.stdev)
  return Math.sqrt(((a.n - 1) * a.stdev * a.stdev + (b.n - 1) * b.stdev * b.stdev) / (a.n + b.n - 2))
}

/** Student's two-sample standard error and degrees of freedom with a common variance. */
function pooledSe(a: Described, b: Described): WelchSe | null {
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n)
  return Number.isFinite(se) ? { se, df: a.n + b.n - 2 } : null
}

/** Even a zero change could not be shown inside the gate with `maxRuns` runs per side. */
function futile(a: Described, b: Described, G: number, p: SequentialParams): boolean {
  const na = Math.max(a.n, p.maxRuns)
  const nb = Math.max(b.n, p.maxRuns)
  const va = a.variance / na
  const vb = b.variance / nb
  const df = p.variance === 'pooled' ? na + nb - 2 : welchDfOf(va, vb, na, nb)
  const q = studentTInv(1 - p.gamma, df)
  return q * Math.sqrt(va + vb) >= p.futility * G
}

/**
 * Runs per side that would decide the row if the observed change and spread held: the standard
 * error that makes it significant (|w| ≥ G) or shows it inside the gate (|w| < G), reached by
 * adding runs to HEAD and, while it is shallower, to the baseline. Normal quantiles (planning only).
 */
function estimateRuns(a: Described, b: Described, w: number, G: number, p: SequentialParams): number {
  const target = w >= G ? w / normalInv(1 - p.alpha) : (G - w) / normalInv(1 - p.gamma)
  if (!(target > 0)) return RUNS_NEEDED_CAP
  const t2 = target * target
  // With n runs per side (the baseline keeps its own n when deeper): a.var/max(a.n, n) + b.var/n ≤ t².
  for (let n = b.n + 1; n <= RUNS_NEEDED_CAP; n++)
    if (a.variance / Math.max(a.n, n) + b.variance / n <= t2) return n
  return RUNS_NEEDED_CAP
}

function normalInv(p: number): number {
  return studentTInv(p, 1e6)
}

function described(s: SideStats, stdev: number): Described {
  return { n: s.n, mean: s.value, min: s.min, max: s.max, variance: stdev * stdev, stdev }
}

/** The worse direction of a row's polarity; null for rows that never gate (informational, unknown). */
export function worseOf(polarity: ComparisonRow['polarity']): 1 | -1 | null {
  if (polarity === 'higher') return -1
  if (polarity === 'lower' || polarity === 'target') return 1
  return null
}

/**
 * Applies the sequential rule to a comparison's rows in place: every noise-adjusted row with ≥ 2
 * runs per side and a direction gets its state, and its verdict follows the state (regression and
 * improvement as decided; every other state is not a move). Scalar rows keep ktstr's verdict.
 * Returns the per-test summary, in the rows' key order.
 */
export function applySequential(rows: ComparisonRow[], p: SequentialParams): TestDecision[] {
  const tests = new Map<string, TestDecision>()
  for (const r of rows) {
    if (!r.base || !r.head) continue
    let t = tests.get(r.key)
    if (!t) {
      t = {
        key: r.key,
        test: r.test,
        baseRuns: 0,
        headRuns: 0,
        undecided: 0,
        inconclusive: 0,
        runsNeeded: null
      }
      tests.set(r.key, t)
    }
    t.baseRuns = Math.max(t.baseRuns, r.base.n)
    t.headRuns = Math.max(t.headRuns, r.head.n)
    const worse = worseOf(r.polarity)
    if (r.mode !== 'noise-adjusted' || r.base.n < 2 || r.head.n < 2 || worse === null) continue
    if (r.verdict === 'coverage' || r.verdict === 'noisy') continue
    const j = judgeSequential({ base: r.base, head: r.head, gate: r.gate, worse }, p)
    r.state = j.state
    r.runsNeeded = j.runsNeeded
    r.verdict = j.state === 'regression' || j.state === 'improvement' ? j.state : 'unchanged'
    if (j.state === 'undecided') {
      t.undecided++
      t.runsNeeded = Math.max(t.runsNeeded ?? 0, j.runsNeeded ?? 0)
    } else if (j.state === 'inconclusive') t.inconclusive++
  }
  return [...tests.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
}

/** One line for the reader: what the sequential rule left open, and what would close it. */
export function sequentialNotices(tests: readonly TestDecision[], p: SequentialParams): string[] {
  const out: string[] = []
  const open = tests.filter((t) => t.undecided > 0)
  if (open.length > 0) {
    const rows = open.reduce((s, t) => s + t.undecided, 0)
    const need = Math.min(p.maxRuns, Math.max(...open.map((t) => t.runsNeeded ?? 0)))
    out.push(
      `${rows} row(s) in ${open.length} test(s) undecided (sequential rule): more runs would decide them, ≈ ${need} runs per side (max-runs ${p.maxRuns}); they do not fail the gate`
    )
  }
  const stuck = tests.reduce((s, t) => s + t.inconclusive, 0)
  if (stuck > 0)
    out.push(
      `${stuck} row(s) inconclusive (sequential rule): too noisy for their gate, or still undecided at max-runs ${p.maxRuns}; they do not fail the gate`
    )
  return out
}
