/**
 * The job summary: everything the comment says, plus per-test detail (every metric with
 * its spread, p-value, effect size and gate), every assertion, and every excluded, new,
 * removed and malformed item. Always under GitHub's 1 MiB step-summary limit (in bytes).
 */
import * as core from '@actions/core'
import { markdownTable } from 'markdown-table'
import type { Comparison, ComparisonRow } from '../core/types.js'
import { acceptedIds, plural, splitShown } from './common.js'
import { mermaidChart, stripPlots } from './chart.js'
import { htmlText, mdText } from './escape.js'
import {
  formatCi,
  formatRowDelta,
  formatGateSpec,
  formatNumber,
  formatP,
  formatPercent,
  formatSpread
} from './format.js'
import {
  MAX_KEY,
  MAX_METRIC,
  assertionsTable,
  byImportance,
  cached,
  callout,
  contextLine,
  details,
  fitRows,
  headline,
  mainTable,
  nextSteps,
  noticesBlock,
  omittedLine,
  openRowsSection,
  provenance,
  restTable,
  statsTable,
  termsLine,
  waiversBlock
} from './markdown.js'

export interface SummaryOptions {
  /** `https://github.com/owner/repo`, to link the baseline and HEAD commits. */
  repoUrl?: string
  /** The workflow run, whose artifact holds every row when the summary had to leave some out. */
  runUrl?: string
  /** Hard limit in UTF-8 bytes. */
  maxBytes?: number
  /** Also draw Mermaid xychart-beta bar charts of the worst regressions. */
  mermaid?: boolean
  /** The workflow's page, for the "run it with extra-runs" next step. */
  workflowUrl?: string
  /** The `host-class` input, named in the headline. */
  hostClass?: string | null
  /** The `accept-label` input, for the "how to accept" next step. */
  acceptLabel?: string | null
}

/** GitHub's per-step summary limit; the default keeps a margin for anything else the step writes. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024
export const DEFAULT_SUMMARY_MAX_BYTES = SUMMARY_LIMIT_BYTES - 48 * 1024

// Long lists (thousands of malformed files) are capped so the fixed part stays far below
// the limit and rows still fit; the JSON in the artifact has them all.
const MAX_LIST = 100

/** Renders the job summary markdown (pure). */
export function renderSummary(c: Comparison, opts: SummaryOptions = {}): string {
  const max = Math.min(opts.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES, SUMMARY_LIMIT_BYTES)
  const rows = byImportance(c.rows)
  const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')
  const text = fitRows(rows.length, (k) => render(c, opts, rows.slice(0, k), rows.slice(k)), bytes, max)
  if (bytes(text) <= max) return text
  // Last resort, never expected: cut on a UTF-8 boundary (Buffer.toString drops a split character's bytes as U+FFFD,
  // so cut a few bytes earlier and drop any replacement character).
  const cut = Buffer.from(text, 'utf8')
    .subarray(0, Math.max(0, max - 200))
    .toString('utf8')
    .replace(/\uFFFD$/, '')
  return `${cut}\n\n> ✂️ Summary cut to fit GitHub's 1 MiB limit; the run artifact has every row.\n`
}

/** Appends the rendered summary to the job's step summary through `core.summary`. */
export async function writeSummary(c: Comparison, opts: SummaryOptions = {}): Promise<void> {
  await core.summary.addRaw(renderSummary(c, opts), true).write()
}

function render(
  c: Comparison,
  opts: SummaryOptions,
  shown: ComparisonRow[],
  omitted: ComparisonRow[]
): string {
  const links = { repoUrl: opts.repoUrl, runUrl: opts.runUrl, workflowUrl: opts.workflowUrl }
  const { moves, rest } = splitShown(shown)
  const parts: string[] = [headline(c, '#', opts), callout(c), contextLine(c, links)]
  const notices = noticesBlock(c, MAX_LIST)
  if (notices) parts.push(notices)
  const cut = omittedLine(omitted, links, 'run artifact (JSON)')
  if (cut) parts.push(cut)

  // Tripped assertions lead; those that held come after the moves, where they cannot be mistaken for the problem.
  const tripped = assertionsTable(c, 'tripped')
  if (tripped) parts.push(`## Tripped assertions\n\n${tripped}`)
  const waivers = waiversBlock(c, MAX_LIST)
  if (waivers) parts.push(`## Accepted regressions\n\n${waivers}`)
  if (moves.length > 0) {
    parts.push(
      `## Regressions and improvements\n\n${mainTable(moves, acceptedIds(c))}\n\n${termsLine(c)}`,
      `### Statistics\n\n${statsTable(moves)}`
    )
  } else if (c.rows.length > 0) {
    parts.push(
      c.counts.assertionsTripped > 0
        ? 'No metric moved beyond its registry gate; the tripped assertion above is what fails the check.'
        : 'No metric moved beyond its gate.'
    )
  }
  const steps = nextSteps(c, opts)
  if (steps) parts.push(steps)
  const plots = stripPlots(moves, 5)
  if (plots) parts.push(`## Samples of the worst regressions\n\n${plots}`)
  if (opts.mermaid) {
    const charts = moves
      .filter((r) => r.verdict === 'regression')
      .slice(0, 5)
      .map(mermaidChart)
      .filter(Boolean)
    if (charts.length > 0) parts.push(charts.join('\n\n'))
  }
  const open = openRowsSection(c, links)
  if (open) parts.push(open)
  if (rest.length > 0) parts.push(details(`Other rows (${rest.length})`, restTable(rest)))
  const held = assertionsTable(c, 'rest')
  if (held) parts.push(details('Assertions that held or were not evaluated', held))

  if (shown.length > 0) parts.push(`## Per-test detail\n\n${perTest(c, shown)}`)
  parts.push(`## Provenance\n\n${provenance(c, links)}`)
  const lists = listsSection(c)
  if (lists) parts.push(lists)
  return parts.join('\n\n') + '\n'
}

// One collapsed section per pairing key, in the order its most important row appears, so
// the tests with regressions come first.
function perTest(c: Comparison, shown: ComparisonRow[]): string {
  const groups = new Map<string, ComparisonRow[]>()
  for (const r of shown) {
    const g = groups.get(r.key)
    if (g) g.push(r)
    else groups.set(r.key, [r])
  }
  const blocks: string[] = []
  for (const [key, rows] of groups) {
    const reg = rows.filter((r) => r.verdict === 'regression').length
    const imp = rows.filter((r) => r.verdict === 'improvement').length
    const first = rows[0]!
    const label = `${htmlText(key, MAX_KEY)} — ${plural(reg, 'regression')}, ${plural(imp, 'improvement')}, ${plural(rows.length, 'metric')}`
    const info = `scheduler ${mdText(first.scheduler, 60)}, kernel ${mdText(first.kernel ?? '–', 60)}`
    const assertions = c.assertions.filter((a) => a.key === key)
    const assertionLines = assertions.map(
      (a) =>
        `- ${a.name === null ? 'unnamed assertion' : `assertion ${mdText(a.name, MAX_METRIC)}`} on ${mdText(a.metric, MAX_METRIC)}: ${a.tripped ? '**tripped**' : a.skipped !== null ? `not evaluated (${mdText(a.skipped, 200)})` : 'held'}, Δ ${mdText(formatPercent(a.relDelta))}`
    )
    const body = [
      info,
      ...(assertionLines.length > 0 ? ['', ...assertionLines] : []),
      '',
      detailTable(rows)
    ].join('\n')
    blocks.push(details(label, body, reg > 0))
  }
  return blocks.join('\n\n')
}

const DETAIL_CELLS = new WeakMap<ComparisonRow, string[]>()

function detailTable(rows: ComparisonRow[]): string {
  const body = rows.map(
    cached(DETAIL_CELLS, (r) => [
      mdText(r.metric, MAX_METRIC),
      mdText(r.polarity),
      mdText(formatSpread(r.base, r.unit)),
      mdText(formatSpread(r.head, r.unit)),
      mdText(formatRowDelta(r)),
      mdText(formatPercent(r.relDelta)),
      mdText(formatCi(r.ci95)),
      mdText(r.pAdjusted === null ? formatP(r.pValue) : `${formatP(r.pValue)} (q ${formatP(r.pAdjusted)})`),
      mdText(r.effectSize === null ? '–' : formatNumber(r.effectSize)),
      mdText(formatGateSpec(r)),
      `${r.verdict}${r.mustFail ? ' (must-fail)' : ''}`
    ])
  )
  const header = [
    'Metric',
    'Polarity',
    'Baseline',
    'HEAD',
    'Δ',
    'Δ %',
    '95 % CI',
    'p',
    'g',
    'Gate',
    'Verdict'
  ]
  return markdownTable([header, ...body], { alignDelimiters: false })
}

function listsSection(c: Comparison): string {
  const sections: [string, string[]][] = [
    [
      'Excluded pairs (no passing run on a side)',
      c.excludedPairs.map((p) => `${mdText(p.key, MAX_KEY)}: ${mdText(p.reason, 300)}`)
    ],
    ['New in HEAD (no matching key in the baseline)', c.newInHead.map((k) => mdText(k, MAX_KEY))],
    ['Removed from the baseline (no matching key in HEAD)', c.removedFromBase.map((k) => mdText(k, MAX_KEY))],
    [
      'Malformed sidecars',
      c.malformed.map((m) => `${mdText(m.file, 300)} at ${mdText(m.path, 100)}: ${mdText(m.message, 300)}`)
    ],
    ['Unknown metrics (not in the registry)', c.unknownMetrics.map((m) => mdText(m, MAX_METRIC))]
  ]
  return sections
    .filter(([, items]) => items.length > 0)
    .map(([title, items]) => {
      const lines = items.slice(0, MAX_LIST).map((i) => `- ${i}`)
      if (items.length > MAX_LIST)
        lines.push(`- … and ${items.length - MAX_LIST} more (in the run artifact's JSON)`)
      return `### ${title} (${items.length})\n\n${lines.join('\n')}`
    })
    .join('\n\n')
}
