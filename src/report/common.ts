/**
 * Wording shared by the terminal, comment and summary renderers, so all three say the same
 * thing in the same words. Returns plain (unescaped) text; each renderer escapes it for its
 * target.
 */
import { effectiveGate, RUNS_NEEDED_CAP } from '../core/sequential.js'
import type { Comparison, ComparisonRow, RowVerdict } from '../core/types.js'

/** Upper-case verdict word: PASS, FAIL, NO BASELINE, NO DATA. */
export function verdictWord(c: Comparison): string {
  const words: Record<Comparison['verdict'], string> = {
    pass: 'PASS',
    fail: 'FAIL',
    'no-baseline': 'NO BASELINE',
    'no-data': 'NO DATA'
  }
  return words[c.verdict]
}

/** Pluralises a count: plural(1, 'regression') → "1 regression". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`
}

/** A count with thousands separators: 4544 → "4,544". */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}

/**
 * The counts sentence every renderer prints: "6 regressions, 2 improvements, 40 unchanged,
 * 3 informational, 1 coverage, 2 excluded, 3 dropped runs, 1 malformed". Zero counts after
 * the first three are left out to keep it short.
 */
export function countsSentence(c: Comparison): string {
  const k = c.counts
  const parts = [
    plural(k.regressions, 'regression'),
    plural(k.improvements, 'improvement'),
    `${count(k.unchanged)} unchanged`
  ]
  const optional: [number, string][] = [
    [k.informational, `${count(k.informational)} informational`],
    [k.coverage, `${count(k.coverage)} coverage-only`],
    [k.newInHead, `${count(k.newInHead)} new in HEAD`],
    [k.removedFromBase, `${count(k.removedFromBase)} removed from baseline`],
    [k.excluded, `${count(k.excluded)} excluded (no passing run)`],
    [k.droppedRuns, plural(k.droppedRuns, 'dropped run')],
    [k.malformed, `${count(k.malformed)} malformed`],
    [k.assertionsTripped, plural(k.assertionsTripped, 'assertion tripped', 'assertions tripped')],
    [k.unknownMetrics, plural(k.unknownMetrics, 'unknown metric')],
    [k.undecided ?? 0, `${count(k.undecided ?? 0)} undecided`],
    [k.inconclusive ?? 0, `${count(k.inconclusive ?? 0)} inconclusive`]
  ]
  for (const [n, text] of optional) if (n > 0) parts.push(text)
  return parts.join(', ')
}

/** "ktstr's rule" or "sequential rule": which rule decided, for headlines. */
export function ruleLabel(c: Comparison): string {
  return c.rule === 'sequential' ? 'sequential rule' : "ktstr's rule"
}

/** "noise-adjusted (Welch α = 0.05)" or "scalar (dual gate only)"; the sequential rule's own terms under it. */
export function modeSentence(c: Comparison): string {
  const s = c.options.sequential
  if (c.rule === 'sequential' && s && c.mode === 'noise-adjusted')
    return (
      `sequential rule (a regression is beyond its gate with one-sided Welch p < ${s.alpha}; ` +
      `unchanged when the ${Math.round((1 - s.gamma) * 100)} % upper bound is inside the gate; ` +
      `max-runs ${s.maxRuns}; scalar rows keep ktstr's rule)`
    )
  return c.mode === 'noise-adjusted'
    ? c.options.fdr !== null
      ? `noise-adjusted (Welch t-test with Benjamini–Hochberg FDR ${c.options.fdr} or disjoint bands, plus the dual gate)`
      : `noise-adjusted (Welch t-test at α = ${c.options.alpha} or disjoint bands, plus the dual gate)`
    : 'scalar (dual gate only; one run on a side)'
}

/** The headline reason: the engine's reasons joined, or a default per verdict. */
export function reasonSentence(c: Comparison): string {
  if (c.reasons.length > 0) return c.reasons.join('; ')
  if (c.verdict === 'pass')
    return `${plural(c.counts.regressions, 'regression')} < fail-threshold ${c.options.failThreshold}`
  if (c.verdict === 'no-baseline') return 'no baseline samples to compare against'
  if (c.verdict === 'no-data') return 'no sidecars for HEAD — nothing was measured'
  return 'the gate failed'
}

/** Short label of a row verdict as tables show it. */
export function rowVerdictLabel(r: ComparisonRow): string {
  const labels: Record<RowVerdict, string> = {
    regression: 'REGRESSION',
    improvement: 'improvement',
    unchanged: 'unchanged',
    informational: 'informational',
    coverage: r.base === null ? 'new metric' : 'metric removed',
    noisy: 'noisy (< 2 runs)'
  }
  const label = labels[r.verdict]
  return r.mustFail && r.verdict === 'regression' ? `${label} (must-fail)` : label
}

/** Counts the rows of each verdict; the renderers use it to say how many they left out. */
export function countByVerdict(rows: readonly ComparisonRow[]): Record<RowVerdict, number> {
  const out: Record<RowVerdict, number> = {
    regression: 0,
    improvement: 0,
    unchanged: 0,
    informational: 0,
    coverage: 0,
    noisy: 0
  }
  for (const r of rows) out[r.verdict]++
  return out
}

/**
 * The shown rows split for the tables: `moves` (regressions and improvements) and `rest`, which
 * leaves out the rows the sequential rule has not decided (they have their own section).
 */
export function splitShown(shown: readonly ComparisonRow[]): {
  moves: ComparisonRow[]
  rest: ComparisonRow[]
} {
  const isMove = (r: ComparisonRow) => r.verdict === 'regression' || r.verdict === 'improvement'
  return {
    moves: shown.filter(isMove),
    rest: shown.filter((r) => !isMove(r) && r.state !== 'undecided' && r.state !== 'inconclusive')
  }
}

/** Rows the sequential rule left open (inconclusive first, then undecided), in engine order. */
export function openRows(rows: readonly ComparisonRow[]): ComparisonRow[] {
  return [...rows.filter((r) => r.state === 'inconclusive'), ...rows.filter((r) => r.state === 'undecided')]
}

/** The row's coefficient of variation (the larger side's) and its gate, as fractions of the baseline. */
export function cvAndGate(r: ComparisonRow): { cv: number; gate: number } | null {
  if (!r.base || !r.head) return null
  const centre = Math.abs(r.base.value)
  if (!(centre > 0)) return null
  const cv = Math.max(r.base.stdev / centre, r.head.stdev / Math.max(Math.abs(r.head.value), 1e-300))
  return { cv, gate: effectiveGate({ base: r.base, gate: r.gate }) / centre }
}

/** What would decide an open row: "≈ 30 runs per side", or "too noisy for its gate: CV 18 % vs gate 10 %". */
export function wouldDecide(r: ComparisonRow): string {
  const runs = runsToDecide(r)
  if (runs !== null) return `≈ ${runs} runs per side`
  const q = cvAndGate(r)
  return q ? `too noisy for its gate: CV ${pct(q.cv)} vs gate ${pct(q.gate)}` : 'more runs than the cap'
}

/** Runs per side that would decide the row, or null when it is too noisy for its gate (CV above the gate, or beyond the estimate's cap). */
export function runsToDecide(r: ComparisonRow): number | null {
  const q = cvAndGate(r)
  if (q && q.cv > q.gate) return null
  return r.runsNeeded !== null && r.runsNeeded < RUNS_NEEDED_CAP ? r.runsNeeded : null
}

function pct(x: number): string {
  return `${x >= 0.1 ? Math.round(x * 100) : Math.round(x * 1000) / 10} %`
}

/** `key` + NUL + `metric`: how waivers name a row. */
function rowId(key: string, metric: string): string {
  return `${key}\u0000${metric}`
}

/** The (key, metric) pairs some waiver accepted. */
export function acceptedIds(c: Comparison): Set<string> {
  return new Set((c.waivers ?? []).flatMap((w) => w.rows.map((r) => rowId(r.key, r.metric))))
}

/** True when a waiver accepted this row. */
export function isAccepted(r: ComparisonRow, ids: ReadonlySet<string>): boolean {
  return ids.has(rowId(r.key, r.metric))
}

/** GitHub alert kinds the reports use for their callouts. */
export type Tone = 'NOTE' | 'TIP' | 'WARNING' | 'CAUTION'

/**
 * The outcome in plain words for headlines: an icon, a title ("Failed", "Passed with 1
 * regression", "No baseline"), and the callout tone (null: nothing to call out).
 */
export function outcome(c: Comparison): { icon: string; title: string; tone: Tone | null } {
  const regressions = c.counts.regressions
  const ids = acceptedIds(c)
  const accepted = c.rows.filter((r) => r.verdict === 'regression' && isAccepted(r, ids)).length
  switch (c.verdict) {
    case 'fail':
      return { icon: '❌', title: 'Failed', tone: 'CAUTION' }
    case 'no-data':
      return { icon: '⛔', title: 'No data', tone: 'CAUTION' }
    case 'no-baseline':
      return { icon: '⚠️', title: 'No baseline', tone: 'WARNING' }
    case 'pass':
      if (accepted > 0 && accepted >= regressions)
        return { icon: '✅', title: `Passed, ${plural(accepted, 'regression')} accepted`, tone: 'NOTE' }
      if (accepted > 0)
        return {
          icon: '⚠️',
          title: `Passed with ${plural(regressions - accepted, 'regression')} (${accepted} accepted)`,
          tone: 'WARNING'
        }
      if (regressions > 0)
        return { icon: '⚠️', title: `Passed with ${plural(regressions, 'regression')}`, tone: 'WARNING' }
      return { icon: '✅', title: 'Passed, no regressions', tone: null }
  }
}

/** The kernel(s) HEAD ran on ("6.14.0", "6.14.0 +1 more"), else the baseline's; null when none is known. */
export function kernelLabel(c: Comparison): string | null {
  const ks = c.head.kernels.length > 0 ? c.head.kernels : c.baseline.kernels
  if (ks.length === 0) return null
  return ks.length === 1 ? ks[0]! : `${ks[0]!} +${ks.length - 1} more`
}
