/**
 * Wording shared by the terminal, comment and summary renderers, so all three say the same
 * thing in the same words. Returns plain (unescaped) text; each renderer escapes it for its
 * target.
 */
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
    [k.unknownMetrics, plural(k.unknownMetrics, 'unknown metric')]
  ]
  for (const [n, text] of optional) if (n > 0) parts.push(text)
  return parts.join(', ')
}

/** "noise-adjusted (Welch α = 0.05)" or "scalar (dual gate only)". */
export function modeSentence(c: Comparison): string {
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
