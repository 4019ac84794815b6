/**
 * Small charts of a regression's per-run samples, baseline against HEAD, so a reader sees
 * at a glance whether the sides separate. Two forms: a text strip plot in a code block
 * (renders everywhere GitHub shows markdown, and in terminals) and an opt-in Mermaid
 * `xychart-beta` bar chart (GitHub renders Mermaid, but xychart is still beta upstream).
 */
import type { ComparisonRow } from '../core/types.js'
import { htmlText, terminalText } from './escape.js'
import { formatNumber, formatValue } from './format.js'
import { displayWidth, pad } from './width.js'

const WIDTH = 50

const LEGEND = 'o = one run; 2-9 = that many runs at one spot; + = ten or more'

/** A strip plot of one row's samples (one line per side) as plain text, or '' when a side has none. */
export function stripPlot(r: ComparisonRow): string {
  if (!r.base || !r.head || r.base.samples.length === 0 || r.head.samples.length === 0) return ''
  const all = [...r.base.samples, ...r.head.samples].filter(Number.isFinite)
  if (all.length === 0) return ''
  const lo = Math.min(...all)
  const hi = Math.max(...all)
  const col = (v: number): number =>
    hi === lo ? Math.floor(WIDTH / 2) : Math.round(((v - lo) / (hi - lo)) * (WIDTH - 1))
  const line = (samples: number[]): string => {
    const counts = new Array<number>(WIDTH).fill(0)
    for (const v of samples) if (Number.isFinite(v)) counts[col(v)]!++
    // "o" one run, a digit for several at the same spot (so overlapping runs are not hidden),
    // "+" for ten or more. ASCII only: symbols such as ● fall back to proportional fonts in
    // some monospace stacks and break the alignment (seen in Chromium with DejaVu Sans Mono).
    return counts.map((n) => (n === 0 ? ' ' : n === 1 ? 'o' : n < 10 ? String(n) : '+')).join('')
  }
  const unit = terminalText(r.unit, 20)
  // Every line starts with our own text, so no test name can start a line (and so close the
  // fence or begin markdown) when the plot sits in a code block.
  const title = `> ${terminalText(r.key, 80)} · ${terminalText(r.metric, 60)}${unit ? ` (${unit})` : ''}`
  const range = (s: number[]): string => `${formatNumber(Math.min(...s))}–${formatNumber(Math.max(...s))}`
  const loLabel = formatNumber(lo)
  const hiLabel = formatValue(hi, unit)
  const axis =
    ' '.repeat(10) +
    loLabel +
    ' '.repeat(Math.max(1, WIDTH + 2 - displayWidth(loLabel) - displayWidth(hiLabel))) +
    hiLabel
  return [
    title,
    `${pad('baseline', 8)} |${line(r.base.samples)}| n=${r.base.samples.length}, ${range(r.base.samples)}`,
    `${pad('HEAD', 8)} |${line(r.head.samples)}| n=${r.head.samples.length}, ${range(r.head.samples)}`,
    axis
  ].join('\n')
}

/**
 * Strip plots of the first `max` regressions with ≥ 2 runs per side in one `<pre>` block
 * (HTML-escaped: unlike a fenced block, no `<` from a name stays raw in the source); ''
 * when none qualify.
 */
export function stripPlots(rows: readonly ComparisonRow[], max = 3): string {
  const plots = rows
    .filter((r) => r.verdict === 'regression' && (r.base?.n ?? 0) >= 2 && (r.head?.n ?? 0) >= 2)
    .slice(0, max)
    .map(stripPlot)
    .filter((p) => p !== '')
  if (plots.length === 0) return ''
  const lines = [...plots, LEGEND].join('\n\n').split('\n')
  return `<pre>\n${lines.map((l) => htmlText(l)).join('\n')}\n</pre>`
}

// Mermaid parses its own syntax inside the block; keep labels to characters it cannot
// misread (no quotes, brackets, `%%` directives, colons or semicolons).
function mermaidLabel(s: string, max: number): string {
  return (
    Array.from(terminalText(s).replace(/[^\p{L}\p{N} _./+-]/gu, ' '))
      .slice(0, max)
      .join('')
      .trim() || '-'
  )
}

/** A Mermaid xychart-beta bar chart of one regression's samples, baseline bars then HEAD bars; '' when a side has none. */
export function mermaidChart(r: ComparisonRow): string {
  if (!r.base || !r.head) return ''
  const base = r.base.samples.filter(Number.isFinite).slice(0, 20)
  const head = r.head.samples.filter(Number.isFinite).slice(0, 20)
  if (base.length === 0 || head.length === 0) return ''
  const labels = [...base.map((_, i) => `"base ${i + 1}"`), ...head.map((_, i) => `"HEAD ${i + 1}"`)]
  const values = [...base, ...head].map((v) => Number(v.toPrecision(6)))
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${mermaidLabel(`${r.metric} ${r.key}`, 80)}"`,
    `    x-axis [${labels.join(', ')}]`,
    `    y-axis "${mermaidLabel(r.unit || r.metric, 30)}"`,
    `    bar [${values.join(', ')}]`,
    '```'
  ].join('\n')
}
