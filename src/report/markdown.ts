/**
 * Markdown pieces the PR comment and the job summary share: headline, side links, the
 * rows tables (via markdown-table), notices, provenance, and the fitting loop that keeps a
 * document under a size limit by cutting rows from the least important end.
 * Every untrusted string goes through escape.ts here; callers pass raw values.
 */
import { markdownTable } from 'markdown-table'
import type { Comparison, ComparisonRow, RowVerdict, SideInfo } from '../core/types.js'
import {
  countByVerdict,
  countsSentence,
  modeSentence,
  openRows,
  plural,
  reasonSentence,
  ruleLabel,
  runsToDecide,
  verdictWord,
  wouldDecide
} from './common.js'
import { mdCode, mdText, safeUrl } from './escape.js'
import { formatCi, formatGates, formatNumber, formatPercent } from './format.js'

/** Where the reader finds what a size-limited document left out. */
export interface Links {
  repoUrl?: string
  runUrl?: string
}

export const MAX_KEY = 100
export const MAX_METRIC = 60

// A pass without a baseline compared nothing: a warning sign, never the green check.
const ICON: Record<Comparison['verdict'], string> = {
  pass: '✅',
  fail: '❌',
  'no-baseline': '⚠️',
  'no-data': '⛔'
}
const ROW_ICON: Record<RowVerdict, string> = {
  regression: '🔴',
  improvement: '🟢',
  informational: 'ℹ️',
  coverage: '◻️',
  noisy: '〰️',
  unchanged: '⚪'
}
// Least important last: rows are cut from this end when a document is too large.
const IMPORTANCE: RowVerdict[] = [
  'regression',
  'improvement',
  'informational',
  'noisy',
  'coverage',
  'unchanged'
]

/** The rows in importance order (regressions, improvements, informational, coverage, unchanged), engine order kept within each. */
export function byImportance(rows: readonly ComparisonRow[]): ComparisonRow[] {
  return IMPORTANCE.flatMap((v) => rows.filter((r) => r.verdict === v))
}

/** "## ❌ FAIL — 6 regressions ≥ fail-threshold 5": the verdict is the first thing read. */
export function headline(c: Comparison, level = '##'): string {
  return `${level} ${ICON[c.verdict]} ${verdictWord(c)} — ${mdText(reasonSentence(c), 600)} · ${ruleLabel(c)}`
}

/**
 * The sequential rule's open rows in a collapsed section of their own: what each would take to
 * decide (runs per side, or too noisy for its gate), and how to get those runs. '' when none.
 */
export function openRowsSection(c: Comparison, links: Links, max = 200): string {
  const open = openRows(c.rows)
  if (open.length === 0) return ''
  const inconclusive = open.filter((r) => r.state === 'inconclusive').length
  const undecided = open.length - inconclusive
  const body = open
    .slice(0, max)
    .map((r) => [
      r.state === 'inconclusive' ? '❔ inconclusive' : '⏳ undecided',
      mdText(r.key, MAX_KEY),
      mdText(r.metric, MAX_METRIC),
      num(r.base?.value),
      num(r.head?.value),
      mdText(formatPercent(r.relDelta)),
      `${r.base?.n ?? 0} / ${r.head?.n ?? 0}`,
      mdText(wouldDecide(r), 200)
    ])
  const table = markdownTable(
    [
      ['', 'Test', 'Metric', 'Baseline', 'HEAD', 'Δ %', 'Runs (base / HEAD)', 'What would decide it'],
      ...body
    ],
    { align: ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'l'], alignDelimiters: false }
  )
  const more = open.length > max ? `\n\n… and ${open.length - max} more (see the JSON report)` : ''
  const need = Math.max(0, ...open.map((r) => (runsToDecide(r) ?? 0) - (r.head?.n ?? 0)))
  const run = safeUrl(links.runUrl)
  const rerun =
    `Neither kind fails the gate. To decide them, rerun the workflow (workflow_dispatch)` +
    (need > 0 ? ` with \`extra-runs: ${need}\`` : ' with `extra-runs`') +
    (run ? ` from [this run](${run})` : '') +
    '; rows too noisy for their gate need a quieter host or a wider gate (`policy`).'
  const summary = [
    inconclusive > 0 ? `${inconclusive} inconclusive` : '',
    undecided > 0 ? `${undecided} undecided` : ''
  ]
    .filter(Boolean)
    .join(', ')
  return details(`Not decided by the sequential rule: ${summary}`, `${table}${more}\n\n${rerun}`)
}

/** A side as "`1a2b3c4`" linked to its commit when the repository URL and a full SHA are known. */
export function sideRef(s: SideInfo, repoUrl?: string): string {
  const repo = safeUrl(repoUrl)
  const sha = s.sha !== null && /^[0-9a-f]{7,40}$/i.test(s.sha) ? s.sha.toLowerCase() : null
  const shown = mdCode(s.label, 40)
  if (repo && sha) return `[${shown}](${repo.replace(/\/+$/, '')}/commit/${sha})`
  return shown
}

/** Counts, sides, run counts and mode: the line under the headline. */
export function overview(c: Comparison, links: Links): string {
  const runs =
    c.baseline.runs === c.head.runs
      ? `${plural(c.head.runs, 'run')} per side`
      : `${plural(c.baseline.runs, 'run')} baseline, ${plural(c.head.runs, 'run')} HEAD`
  return [
    `**${mdText(countsSentence(c))}**`,
    `baseline ${sideRef(c.baseline, links.repoUrl)} (${mdText(c.baseline.how, 120)}) → HEAD ${sideRef(c.head, links.repoUrl)} (${mdText(c.head.how, 120)})`,
    `${runs}, ${mdText(modeSentence(c))}`
  ].join('<br>\n')
}

/** Notices as a quoted list, at most `max`, each cut to 500 characters. */
export function noticesBlock(c: Comparison, max = 10): string {
  if (c.notices.length === 0) return ''
  const lines = c.notices.slice(0, max).map((n) => `> ℹ️ ${mdText(n, 500)}`)
  if (c.notices.length > max) lines.push(`> … and ${c.notices.length - max} more notices`)
  return lines.join('\n>\n')
}

/** Tripped assertions as a table (name, test, metric, Δ %, gate), or ''. */
export function assertionsTable(c: Comparison, includeAll = false): string {
  const shown = includeAll ? c.assertions : c.assertions.filter((a) => a.tripped)
  if (shown.length === 0) return ''
  const body = shown.map((a) => [
    a.tripped ? '🔴 tripped' : a.skipped !== null ? `skipped: ${mdText(a.skipped, 120)}` : 'held',
    mdText(a.name ?? '(unnamed)', MAX_METRIC),
    mdText(a.key, MAX_KEY),
    mdText(a.metric, MAX_METRIC),
    mdText(formatPercent(a.relDelta)),
    mdText(`${a.direction}, ≥ ${formatNumber(a.rel * 100)}% and ≥ ${formatNumber(a.abs)}`)
  ])
  return markdownTable([['Assertion', 'Name', 'Test', 'Metric', 'Δ %', 'Gate'], ...body], {
    alignDelimiters: false
  })
}

const MOVES_CELLS = new WeakMap<ComparisonRow, string[]>()
const REST_CELLS = new WeakMap<ComparisonRow, string[]>()

/**
 * Memoises a row's escaped cells: fitRows renders the same rows a dozen times while it
 * searches for the count that fits, and escaping dominates that cost. Keyed weakly by the
 * row object, so nothing outlives the Comparison.
 */
export function cached(
  cache: WeakMap<ComparisonRow, string[]>,
  cells: (r: ComparisonRow) => string[]
): (r: ComparisonRow) => string[] {
  return (r) => {
    let hit = cache.get(r)
    if (hit === undefined) {
      hit = cells(r)
      cache.set(r, hit)
    }
    return hit
  }
}

/** The regressions/improvements table: verdict, test, metric, unit, baseline, HEAD, Δ %, 95 % CI, gates. */
export function movesTable(rows: readonly ComparisonRow[]): string {
  const body = rows.map(
    cached(MOVES_CELLS, (r) => [
      `${ROW_ICON[r.verdict]}${r.mustFail && r.verdict === 'regression' ? ' must-fail' : ''}`,
      mdText(r.key, MAX_KEY),
      mdText(r.metric, MAX_METRIC),
      mdText(r.unit, 20),
      num(r.base?.value),
      num(r.head?.value),
      r.verdict === 'regression'
        ? `**${mdText(formatPercent(r.relDelta))}**`
        : mdText(formatPercent(r.relDelta)),
      mdText(formatCi(r.ci95)),
      mdText(formatGates(r))
    ])
  )
  const header = ['', 'Test', 'Metric', 'Unit', 'Baseline', 'HEAD', 'Δ %', '95 % CI', 'Gates cleared']
  return markdownTable([header, ...body], {
    align: ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'l'],
    alignDelimiters: false
  })
}

/** The table for the rest (unchanged, informational, coverage): test, metric, unit, baseline, HEAD, Δ %, verdict. */
export function restTable(rows: readonly ComparisonRow[]): string {
  const body = rows.map(
    cached(REST_CELLS, (r) => [
      mdText(r.key, MAX_KEY),
      mdText(r.metric, MAX_METRIC),
      mdText(r.unit, 20),
      num(r.base?.value),
      num(r.head?.value),
      mdText(formatPercent(r.relDelta)),
      `${ROW_ICON[r.verdict]} ${r.verdict === 'coverage' ? (r.base === null ? 'new metric' : 'metric removed') : r.verdict}`
    ])
  )
  const header = ['Test', 'Metric', 'Unit', 'Baseline', 'HEAD', 'Δ %', 'Verdict']
  return markdownTable([header, ...body], {
    align: ['l', 'l', 'l', 'r', 'r', 'r', 'l'],
    alignDelimiters: false
  })
}

/** A `<details>` block; the summary text is ours (never untrusted), the body is markdown. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`
}

/** "… 40 rows not shown (3 regressions, 37 unchanged); full data: job summary, artifact." */
export function omittedLine(omitted: readonly ComparisonRow[], links: Links, where: string): string {
  if (omitted.length === 0) return ''
  const by = countByVerdict(omitted)
  const words: Record<RowVerdict, [string, string]> = {
    regression: ['regression', 'regressions'],
    improvement: ['improvement', 'improvements'],
    informational: ['informational', 'informational'],
    coverage: ['coverage-only', 'coverage-only'],
    noisy: ['noisy', 'noisy'],
    unchanged: ['unchanged', 'unchanged']
  }
  const parts = IMPORTANCE.filter((v) => by[v] > 0).map((v) => plural(by[v], ...words[v]))
  const run = safeUrl(links.runUrl)
  const target = run ? `[${where}](${run})` : where
  return `> ✂️ **${plural(omitted.length, 'row')} not shown** (${parts.join(', ')}) to stay under GitHub's size limit; every row is in the ${target}.`
}

/** Registry, hosts, kernels, dropped/malformed/excluded counts, and the full-data pointer. */
export function provenance(c: Comparison, links: Links, extra: string[] = []): string {
  const k = c.counts
  const side = (name: string, s: SideInfo): string =>
    `${name}: ${plural(s.sidecars, 'sidecar')}, ${plural(s.runs, 'run')}; kernel ${list(s.kernels)}; host ${list(s.hosts)}`
  const run = safeUrl(links.runUrl)
  const lines = [
    `registry: ${c.registry.source} (${mdText(c.registry.detail, 200)}, hash ${mdCode(c.registry.hash, 40)})`,
    side('baseline', c.baseline),
    side('HEAD', c.head),
    `excluded pairs: ${k.excluded}, dropped runs: ${k.droppedRuns}, malformed sidecars: ${k.malformed}, unknown metrics: ${k.unknownMetrics}`,
    `gate: fail-threshold ${k.regressions > 0 ? `${c.options.failThreshold} (${k.regressions} counted)` : c.options.failThreshold}, α ${c.options.alpha}` +
      (c.options.mustFail.length > 0
        ? `, must-fail ${c.options.mustFail.map((m) => mdCode(m, 60)).join(', ')}`
        : '') +
      (c.options.fdr !== null ? `, Benjamini–Hochberg FDR ${formatNumber(c.options.fdr)}` : '') +
      (c.options.thresholdPercent !== null
        ? `, threshold ${formatNumber(c.options.thresholdPercent)}%`
        : '') +
      (c.options.policy !== null ? `, policy ${mdCode(c.options.policy, 120)}` : '') +
      (c.options.filter !== null ? `, filter ${mdCode(c.options.filter, 120)}` : ''),
    ...extra,
    run ? `full data: [job summary and artifact](${run})` : ''
  ].filter((l) => l !== '')
  return lines.map((l) => `- ${l}`).join('\n')
}

/**
 * The largest k in [0, total] such that `render(k)` fits `limit` by `measure`, and its
 * rendering (render(0) when even that does not fit). Rendering grows with k, so this is a
 * search: it starts from the size per row that the full and the empty renderings imply,
 * gallops to bracket the answer, then bisects, so a 5,000-row input needs about ten
 * renders, not one per row.
 */
export function fitRows(
  total: number,
  render: (k: number) => string,
  measure: (s: string) => number,
  limit: number
): string {
  const full = render(total)
  const fullSize = measure(full)
  if (fullSize <= limit) return full
  const empty = render(0)
  const emptySize = measure(empty)
  if (emptySize > limit || total === 0) return empty
  const perRow = Math.max(1, (fullSize - emptySize) / total)
  const fits = new Map<number, string | null>([
    [0, empty],
    [total, null]
  ])
  const test = (k: number): boolean => {
    if (!fits.has(k)) {
      const text = render(k)
      fits.set(k, measure(text) <= limit ? text : null)
    }
    return fits.get(k) !== null
  }
  // Invariant after bracketing: test(lo) is true, test(hi) is false.
  const guess = Math.min(total - 1, Math.max(0, Math.floor((limit - emptySize) / perRow)))
  let lo: number
  let hi: number
  let step = Math.max(1, Math.ceil(total / 200))
  if (test(guess)) {
    lo = guess
    hi = Math.min(total, guess + step)
    while (test(hi)) {
      lo = hi
      step *= 2
      hi = Math.min(total, hi + step)
    }
  } else {
    hi = guess
    lo = Math.max(0, guess - step)
    while (!test(lo)) {
      hi = lo
      step *= 2
      lo = Math.max(0, lo - step)
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (test(mid)) lo = mid
    else hi = mid
  }
  return fits.get(lo)!
}

function num(v: number | undefined): string {
  return v === undefined ? '–' : mdText(formatNumber(v))
}

// Hosts and kernels can number in the dozens; name a few.
function list(items: readonly string[]): string {
  if (items.length === 0) return '–'
  const shown = items.slice(0, 5).map((x) => mdCode(x, 60))
  return items.length > 5 ? `${shown.join(', ')} and ${items.length - 5} more` : shown.join(', ')
}
