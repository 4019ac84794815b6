/**
 * The sticky PR comment: a hidden marker, the verdict and its reason first, the moves that
 * matter, the rest collapsed, provenance last. Always under GitHub's 65,536-character limit:
 * rows are cut from the least important end, with a line saying how many and where they are.
 */
import type { Comparison, ComparisonRow } from '../core/types.js'
import { mermaidChart, stripPlots } from './chart.js'
import { markerKey } from './escape.js'
import {
  assertionsTable,
  byImportance,
  callout,
  contextLine,
  details,
  fitRows,
  headline,
  mainTable,
  movesCaption,
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
import { acceptedIds, splitShown } from './common.js'

export interface CommentOptions {
  /** Identifies the gate job (workflow + job + matrix); one comment per key on a PR. */
  key: string
  /** `https://github.com/owner/repo`, to link the baseline and HEAD commits. */
  repoUrl?: string
  /** The workflow run, where the job summary and the artifact hold every row. */
  runUrl?: string
  /** Hard limit on the body's length in UTF-16 code units (GitHub counts characters). */
  maxChars?: number
  /** Also draw Mermaid xychart-beta bar charts of the worst regressions (GitHub renders Mermaid; xychart is beta). */
  mermaid?: boolean
  /** The workflow's page, for the "run it with extra-runs" next step. */
  workflowUrl?: string
  /** The `host-class` input, named in the headline so sharded gates' comments differ. */
  hostClass?: string | null
  /** The `accept-label` input, for the "how to accept" next step (null: say how to set one up). */
  acceptLabel?: string | null
}

/** GitHub rejects comment bodies over 65,536 characters; keep a margin for the GitHub layer. */
export const COMMENT_LIMIT = 65_536
export const DEFAULT_COMMENT_MAX = COMMENT_LIMIT - 1_536

/** The hidden first line that marks a comment as ours for `key`; the GitHub layer searches for exactly this. */
export function commentMarker(key: string): string {
  return `<!-- ktstr-perf-gate:${markerKey(key)} -->`
}

/** Renders the PR comment body (pure). */
export function renderComment(c: Comparison, opts: CommentOptions): string {
  const max = Math.min(opts.maxChars ?? DEFAULT_COMMENT_MAX, COMMENT_LIMIT)
  const rows = byImportance(c.rows)
  const body = fitRows(
    rows.length,
    (k) => render(c, opts, rows.slice(0, k), rows.slice(k)),
    (s) => s.length,
    max
  )
  // Last resort for inputs whose fixed parts alone are too long (thousands of notices are
  // already capped, so this should never trigger): cut the text, keep the marker.
  return body.length <= max
    ? body
    : body.slice(0, Math.max(0, max - 80)) + "\n\n> ✂️ Comment cut to fit GitHub's limit.\n"
}

function render(
  c: Comparison,
  opts: CommentOptions,
  shown: ComparisonRow[],
  omitted: ComparisonRow[]
): string {
  const links = { repoUrl: opts.repoUrl, runUrl: opts.runUrl, workflowUrl: opts.workflowUrl }
  const { moves, rest } = splitShown(shown)
  const parts: string[] = [
    commentMarker(opts.key),
    headline(c, '##', opts),
    callout(c),
    contextLine(c, links)
  ]

  const notices = noticesBlock(c)
  if (notices) parts.push(notices)

  const assertions = assertionsTable(c)
  if (assertions) parts.push(`**Tripped assertions**\n\n${assertions}`)

  const waivers = waiversBlock(c)
  if (waivers) parts.push(waivers)

  if (moves.length > 0) {
    parts.push(`${movesCaption(moves)}\n\n${mainTable(moves, acceptedIds(c))}\n\n${termsLine(c)}`)
  } else if (c.rows.length > 0) {
    parts.push(
      c.counts.assertionsTripped > 0
        ? 'No metric moved beyond its registry gate; the tripped assertion above is what fails the check.'
        : 'No metric moved beyond its gate.'
    )
  }

  const cut = omittedLine(omitted, links, 'job summary and the run artifact')
  if (cut) parts.push(cut)

  const steps = nextSteps(c, opts)
  if (steps) parts.push(steps)

  if (moves.length > 0)
    parts.push(details('Statistics: confidence intervals, p-values, gates', statsTable(moves)))
  const plots = stripPlots(moves)
  if (plots) parts.push(details('Samples of the worst regressions, baseline vs HEAD', plots))
  if (opts.mermaid) {
    const charts = moves
      .filter((r) => r.verdict === 'regression')
      .slice(0, 3)
      .map(mermaidChart)
      .filter(Boolean)
    if (charts.length > 0) parts.push(details('Charts of the worst regressions', charts.join('\n\n')))
  }

  const open = openRowsSection(c, links, 50)
  if (open) parts.push(open)

  if (rest.length > 0) parts.push(details(`Other rows: ${restLabel(rest)}`, restTable(rest)))

  parts.push(details('Provenance', provenance(c, links, [`comment key: \`${markerKey(opts.key)}\``])))
  return parts.join('\n\n') + '\n'
}

function restLabel(rest: readonly ComparisonRow[]): string {
  const counts = [
    ['unchanged', rest.filter((r) => r.verdict === 'unchanged').length],
    ['informational', rest.filter((r) => r.verdict === 'informational').length],
    ['noisy', rest.filter((r) => r.verdict === 'noisy').length],
    ['coverage-only', rest.filter((r) => r.verdict === 'coverage').length]
  ] as const
  return counts
    .filter(([, n]) => n > 0)
    .map(([w, n]) => `${n} ${w}`)
    .join(', ')
}
