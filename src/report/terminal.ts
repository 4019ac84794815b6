/**
 * Terminal renderer for the CLI and the Action's log: ktstr's aligned table
 * (TEST | METRIC | <base> | <head> | DELTA | VERDICT), then the summary lines. Color only
 * when the caller says the output is a TTY.
 */
import type { Comparison, ComparisonRow } from '../core/types.js'
import {
  countsSentence,
  modeSentence,
  openRows,
  ruleLabel,
  wouldDecide,
  plural,
  reasonSentence,
  rowVerdictLabel,
  verdictWord
} from './common.js'
import { terminalText } from './escape.js'
import { formatNumber, formatPercent, formatRowDelta, formatSide } from './format.js'
import { clipWidth, displayWidth, pad, wrapWords } from './width.js'

export interface TerminalOptions {
  /** ANSI colors; pass `process.stdout.isTTY && !process.env.NO_COLOR`. */
  color: boolean
  /** List unchanged rows too (ktstr `--all-metrics`); by default only the moves that matter are listed. */
  allMetrics?: boolean
  /**
   * Columns the table may take (default: no limit). When the one-line-per-row table is wider, each
   * test name goes on its own line above its rows; then DELTA keeps only the percent; then each
   * metric name goes on its own line above its values, and names wider than the line are cut with
   * `…`. A cell is never wrapped or cut in the middle of a value. The summary lines below the
   * table are broken at spaces to the same width.
   */
  width?: number
}

// Long names would push every other column off screen; JSON and the summary keep them whole.
const MAX_TEST = 72
const MAX_METRIC = 40
const MAX_LABEL = 24
const MAX_LIST = 20

const ANSI = {
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m'
}
type Style = keyof typeof ANSI

/** Renders the comparison as an aligned text table plus summary lines (pure; no trailing newline). */
export function renderTerminal(c: Comparison, opts: TerminalOptions): string {
  const paint = (s: string, ...styles: Style[]): string =>
    opts.color && styles.length > 0 ? styles.map((st) => ANSI[st]).join('') + s + ANSI.reset : s
  const lines: string[] = []

  const shown = opts.allMetrics ? c.rows : c.rows.filter((r) => r.verdict !== 'unchanged')
  const width = opts.width ?? Infinity
  if (shown.length > 0) lines.push(...table(c, shown, paint, width), '')
  const tableLines = lines.length
  const hidden = c.rows.length - shown.length
  if (hidden > 0) lines.push(`${plural(hidden, 'unchanged row')} not listed (--all-metrics lists them)`)
  lines.push(`summary: ${countsSentence(c)}`)
  const verdictStyles: Style[] =
    c.verdict === 'fail' || c.verdict === 'no-data'
      ? ['bold', 'red']
      : c.verdict === 'pass'
        ? ['bold', 'green']
        : ['bold', 'yellow']
  // Nothing compared is not a plain pass: mark it so it is not read as one in a scrolling log.
  const mark = c.verdict === 'no-baseline' ? '⚠️ ' : c.verdict === 'no-data' ? '⛔ ' : ''
  lines.push(
    `verdict: ${mark}${paint(verdictWord(c), ...verdictStyles)} — ${terminalText(reasonSentence(c))}`
  )
  lines.push(`mode: ${modeSentence(c)}`, `rule: ${ruleLabel(c)}`)
  lines.push(
    `baseline: ${side(c.baseline)}`,
    `head: ${side(c.head)}`,
    `registry: ${c.registry.source} (${terminalText(c.registry.detail, 200)})`
  )
  for (const n of c.notices) lines.push(`notice: ${terminalText(n, 500)}`)

  for (const a of c.assertions.filter((x) => x.tripped)) {
    const name = terminalText(a.name ?? a.metric, MAX_METRIC)
    lines.push(
      paint(
        `assertion ${name} tripped on ${terminalText(a.key, MAX_TEST)}: ${formatPercent(a.relDelta)} (gate ${formatNumber(a.rel * 100)}%, floor ${formatNumber(a.abs)})`,
        'red'
      )
    )
  }
  const skipped = c.assertions.filter((a) => !a.tripped && a.skipped !== null).length
  if (skipped > 0) lines.push(`  ${plural(skipped, 'assertion')} not evaluated (see --json for why)`)

  if (c.newInHead.length > 0)
    lines.push(
      `  ${c.newInHead.length} row(s) new in '${label(c.head.label)}' (no matching key in '${label(c.baseline.label)}')`
    )
  if (c.removedFromBase.length > 0)
    lines.push(
      `  ${c.removedFromBase.length} row(s) removed from '${label(c.baseline.label)}' (no matching key in '${label(c.head.label)}')`
    )
  listed(
    lines,
    'excluded',
    c.excludedPairs.map((p) => `${terminalText(p.key, MAX_TEST)} — ${terminalText(p.reason, 200)}`)
  )
  for (const st of ['inconclusive', 'undecided'] as const)
    listed(
      lines,
      st,
      openRows(c.rows)
        .filter((r) => r.state === st)
        .map(
          (r) => `${terminalText(r.key, MAX_TEST)} ${terminalText(r.metric, MAX_METRIC)} — ${wouldDecide(r)}`
        )
    )
  listed(
    lines,
    'unknown metric',
    c.unknownMetrics.map((m) => terminalText(m, MAX_METRIC))
  )
  // Every malformed file gets its own line: the reader needs each one to go and fix it.
  for (const m of c.malformed) {
    lines.push(
      `malformed: ${terminalText(m.file, 300)} at ${terminalText(m.path, 100)}: ${terminalText(m.message, 300)}`
    )
  }
  // The lines below the table are prose: broken at spaces to the width (never inside a word), the
  // continuation indented. Coloured lines are left whole (their escapes would be counted).
  const wrap = (l: string): string[] => {
    if (displayWidth(l) <= width || l.includes('\u001b')) return [l]
    const lead = /^ */.exec(l)![0]
    return wrapWords(l.slice(lead.length), width - lead.length, '    ').map((x) => lead + x)
  }
  const prose = lines.slice(tableLines).flatMap(wrap)
  return [...lines.slice(0, tableLines), ...prose].join('\n')
}

interface RowCells {
  test: string
  metric: string
  base: string
  head: string
  delta: string
  pct: string
  verdict: string
  style: Style[]
}

// Numbers align right so digits line up; text aligns left. The last column is not padded.
const GAP = '  '
const INDENT = '  '

function table(
  c: Comparison,
  rows: readonly ComparisonRow[],
  paint: (s: string, ...styles: Style[]) => string,
  width: number
): string[] {
  const labels = [label(c.baseline.label), label(c.head.label)] as const
  const cells: RowCells[] = rows.map((r) => ({
    test: terminalText(r.key, MAX_TEST),
    metric: terminalText(r.metric, MAX_METRIC),
    base: terminalText(formatSide(r.base, r.unit)),
    head: terminalText(formatSide(r.head, r.unit)),
    delta: terminalText(deltaCell(r)),
    pct: r.base === null || r.head === null ? '–' : formatPercent(r.relDelta),
    verdict: rowVerdictLabel(r),
    style: verdictStyle(r)
  }))
  const wide = wideTable(labels, cells)
  if (fits(wide, width)) return wide.map((l) => l.render(paint))
  for (const pctOnly of [false, true]) {
    const stacked = stackedTable(labels, cells, pctOnly)
    if (fits(stacked, width)) return stacked.map((l) => l.render(paint))
  }
  return tallTable(labels, cells, width).map((l) => l.render(paint))
}

/** A table line: its text without colour (to measure) and with the verdict painted. */
interface Line {
  plain: string
  render: (paint: (s: string, ...styles: Style[]) => string) => string
}

function fits(lines: readonly Line[], width: number): boolean {
  return lines.every((l) => displayWidth(l.plain) <= width)
}

function textLine(s: string): Line {
  return { plain: s, render: () => s }
}

/** Aligned cells; the last one (the verdict) is painted with `style`. */
function cellLine(prefix: string, row: string[], widths: number[], right: boolean[], style: Style[]): Line {
  const body = row.slice(0, -1).map((cell, i) => pad(cell, widths[i]!, right[i]))
  const last = row[row.length - 1]!
  const head = prefix + [...body, ''].join(GAP)
  return { plain: head + last, render: (paint) => head + paint(last, ...style) }
}

function widths(rows: readonly string[][]): number[] {
  return rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))))
}

/** ktstr's layout: TEST | METRIC | <base> | <head> | DELTA | VERDICT, one line per row. */
function wideTable(labels: readonly [string, string], cells: readonly RowCells[]): Line[] {
  const header = ['TEST', 'METRIC', ...labels, 'DELTA', 'VERDICT']
  const rows = cells.map((x) => [x.test, x.metric, x.base, x.head, x.delta, x.verdict])
  const w = widths([header, ...rows])
  const right = [false, false, true, true, true]
  return [
    cellLine('', header, w, right, []),
    ...rows.map((row, i) => cellLine('', row, w, right, cells[i]!.style))
  ]
}

/**
 * The narrow layout: a test name on its own line, then its rows (METRIC | <base> | <head> | DELTA |
 * VERDICT) indented below it; consecutive rows of one test share the line, so the order (worst
 * first) is kept. `pctOnly` keeps only the percent in DELTA.
 */
function stackedTable(
  labels: readonly [string, string],
  cells: readonly RowCells[],
  pctOnly: boolean
): Line[] {
  const header = ['METRIC', ...labels, 'DELTA', 'VERDICT']
  const rows = cells.map((x) => [x.metric, x.base, x.head, pctOnly ? x.pct : x.delta, x.verdict])
  const w = widths([header, ...rows])
  const right = [false, true, true, true]
  return withTests(
    [textLine('TEST'), cellLine(INDENT, header, w, right, [])],
    cells,
    (x, i) => [cellLine(INDENT, rows[i]!, w, right, x.style)],
    Infinity
  )
}

/**
 * The narrowest layout: the metric name also gets its own line, and the values line up below it
 * (<base> | <head> | Δ% | VERDICT). Test and metric names longer than `width` are cut with `…`;
 * the values are never cut.
 */
function tallTable(labels: readonly [string, string], cells: readonly RowCells[], width: number): Line[] {
  const header = [...labels, 'DELTA', 'VERDICT']
  const rows = cells.map((x) => [x.base, x.head, x.pct, x.verdict])
  const w = widths([header, ...rows])
  const right = [true, true, true]
  const values = INDENT + INDENT
  return withTests(
    [textLine('TEST'), textLine(INDENT + 'METRIC'), cellLine(values, header, w, right, [])],
    cells,
    (x, i) => [
      textLine(INDENT + clipWidth(x.metric, width - INDENT.length)),
      cellLine(values, rows[i]!, w, right, x.style)
    ],
    width
  )
}

/** Header lines, then each row's lines below its test's name (said once per run of rows of one test). */
function withTests(
  head: Line[],
  cells: readonly RowCells[],
  row: (x: RowCells, i: number) => Line[],
  width: number
): Line[] {
  const out = [...head]
  let test: string | null = null
  cells.forEach((x, i) => {
    if (x.test !== test) out.push(textLine(clipWidth(x.test, width)))
    test = x.test
    out.push(...row(x, i))
  })
  return out
}

function verdictStyle(r: ComparisonRow): Style[] {
  return r.verdict === 'regression'
    ? ['red']
    : r.verdict === 'improvement'
      ? ['green']
      : r.verdict === 'unchanged'
        ? ['dim']
        : ['yellow']
}

function deltaCell(r: ComparisonRow): string {
  if (r.base === null || r.head === null) return '–'
  return `${formatRowDelta(r)} (${formatPercent(r.relDelta)})`
}

function label(s: string): string {
  return terminalText(s, MAX_LABEL)
}

function side(s: Comparison['baseline']): string {
  const kernels = s.kernels.length > 0 ? `, kernel ${few(s.kernels)}` : ''
  const hosts = s.hosts.length > 0 ? `, host ${few(s.hosts)}` : ''
  return `${label(s.label)} (${terminalText(s.how, 120)}; ${plural(s.sidecars, 'sidecar')}, ${plural(s.runs, 'run')}${kernels}${hosts})`
}

function listed(lines: string[], what: string, items: string[]): void {
  for (const item of items.slice(0, MAX_LIST)) lines.push(`${what}: ${item}`)
  if (items.length > MAX_LIST) lines.push(`${what}: … and ${items.length - MAX_LIST} more (see --json)`)
}

// A side can span many hosts (one pool, 50 runners); name a few and count the rest.
function few(items: string[]): string {
  const shown = items.slice(0, 5).map((x) => terminalText(x, 60))
  return items.length > 5 ? `${shown.join(', ')} and ${items.length - 5} more` : shown.join(', ')
}
