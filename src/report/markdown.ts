/**
 * Markdown pieces the PR comment and the job summary share: headline, side links, the
 * rows tables (via markdown-table), notices, provenance, and the fitting loop that keeps a
 * document under a size limit by cutting rows from the least important end.
 * Every untrusted string goes through escape.ts here; callers pass raw values.
 */
import { markdownTable } from 'markdown-table'
import type { Comparison, ComparisonRow, RowVerdict, SideInfo } from '../core/types.js'
import {
  acceptedIds,
  countByVerdict,
  isAccepted,
  kernelLabel,
  modeSentence,
  openRows,
  outcome,
  plural,
  reasonSentence,
  ruleLabel,
  runsToDecide,
  wouldDecide
} from './common.js'
import { mdBreakable, mdCode, mdText, safeUrl } from './escape.js'
import {
  formatBaseToHead,
  formatCi,
  formatEvidence,
  formatGateSpec,
  formatNumber,
  formatPercent,
  formatRelGate
} from './format.js'

/** Where the reader finds what a size-limited document left out. */
export interface Links {
  repoUrl?: string
  runUrl?: string
  /** The workflow's page (`…/actions/workflows/perf.yml`), whose "Run workflow" button dispatches it. */
  workflowUrl?: string
}

/** Who and where, for the headline and the next steps; every field optional (the CLI knows none). */
export interface ReportContext extends Links {
  /** The `host-class` input: tells apart the comments of a sharded gate (one per host class). */
  hostClass?: string | null
  /** The `accept-label` input: the PR label a maintainer adds to accept this head commit's regressions. */
  acceptLabel?: string | null
}

export const MAX_KEY = 100
export const MAX_METRIC = 60

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

/**
 * "## ❌ Failed — ktstr-perf-gate · kernel 6.14.0 · kvm-x64-small · ktstr's rule": the outcome
 * in plain words first, then what tells this gate's comment apart from its siblings (the tool,
 * the kernel, the host class) and the rule that decided.
 */
export function headline(c: Comparison, level = '##', ctx: ReportContext = {}): string {
  const { icon, title } = outcome(c)
  const kernel = kernelLabel(c)
  const parts = [
    'ktstr-perf-gate',
    kernel !== null ? `kernel ${mdText(kernel, 60)}` : '',
    ctx.hostClass ? mdText(ctx.hostClass, 60) : '',
    ruleLabel(c)
  ].filter(Boolean)
  return `${level} ${icon} ${title} — ${parts.join(' · ')}`
}

/**
 * The outcome explained in a sentence or two under the headline, as a GitHub alert when there
 * is something to call out (failed, regressions, nothing compared, accepted); plain otherwise.
 */
export function callout(c: Comparison): string {
  const { tone } = outcome(c)
  const text = calloutText(c)
  return tone
    ? `> [!${tone}]
> ${text}`
    : text
}

function calloutText(c: Comparison): string {
  const ft = c.options.failThreshold
  const ids = acceptedIds(c)
  const regressions = c.rows.filter((r) => r.verdict === 'regression')
  const accepted = regressions.filter((r) => isAccepted(r, ids)).length
  const open = regressions.length - accepted
  const reason = mdText(
    reasonSentence(c).replace(/ ≥ fail-threshold (\d+)/g, ' reached the fail-threshold of $1'),
    600
  )
  switch (c.verdict) {
    case 'fail':
      return `**This check fails:** ${reason}.`
    case 'no-data':
      return `**Nothing was measured:** ${reason}.`
    case 'no-baseline':
      return `**Nothing was compared:** ${reason}. The check passes without gating anything.`
    case 'pass': {
      const below = `below the fail-threshold of ${ft}, so the check passes`
      if (accepted > 0)
        return (
          `**${plural(accepted, 'regression')} accepted** (listed below), so ${accepted === 1 ? 'it does' : 'they do'} not count.` +
          (open > 0 ? ` ${plural(open, 'other regression')} ${below}.` : ' The check passes.')
        )
      if (open > 0)
        return `**${plural(open, 'regression')}** ${below}. Look at ${open === 1 ? 'it' : 'them'} before merging.`
      return 'No metric got worse beyond its gate.'
    }
  }
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

/** The sides compared and how many runs each had: the line under the callout. */
export function contextLine(c: Comparison, links: Links): string {
  const runs =
    c.baseline.runs === c.head.runs
      ? `${plural(c.head.runs, 'run')} per side`
      : `${plural(c.baseline.runs, 'run')} baseline, ${plural(c.head.runs, 'run')} HEAD`
  return `Baseline ${sideRef(c.baseline, links.repoUrl)} (${mdText(c.baseline.how, 120)}) → HEAD ${sideRef(c.head, links.repoUrl)} (${mdText(c.head.how, 120)}), ${runs}.`
}

/** Notices as a quoted list, at most `max`, each cut to 500 characters. */
export function noticesBlock(c: Comparison, max = 10): string {
  if (c.notices.length === 0) return ''
  const lines = c.notices.slice(0, max).map((n) => `> ℹ️ ${mdText(n, 500)}`)
  if (c.notices.length > max) lines.push(`> … and ${c.notices.length - max} more notices`)
  return lines.join('\n>\n')
}

/**
 * Assertions as a table (state, name, test, metric, Δ %, gate), or '': the tripped ones, or with
 * `which: 'rest'` those that held or were not evaluated, or all.
 */
export function assertionsTable(c: Comparison, which: 'tripped' | 'rest' | 'all' = 'tripped'): string {
  const shown = c.assertions.filter((a) =>
    which === 'all' ? true : which === 'tripped' ? a.tripped : !a.tripped
  )
  if (shown.length === 0) return ''
  const body = shown.map((a) => [
    a.tripped ? '🔴 tripped' : a.skipped !== null ? `skipped: ${mdText(a.skipped, 120)}` : '⚪ held',
    a.name === null ? '(unnamed)' : mdText(a.name, MAX_METRIC),
    mdText(a.key, MAX_KEY),
    mdText(a.metric, MAX_METRIC),
    mdText(formatPercent(a.relDelta)),
    mdText(`${a.direction}, ≥ ${formatNumber(a.rel * 100)}% and ≥ ${formatNumber(a.abs)}`)
  ])
  return markdownTable([['Assertion', 'Name', 'Test', 'Metric', 'Δ %', 'Gate'], ...body], {
    alignDelimiters: false
  })
}

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

const MAIN_CELLS = new WeakMap<ComparisonRow, string[]>()
const STATS_CELLS = new WeakMap<ComparisonRow, string[]>()
const REST_CELLS = new WeakMap<ComparisonRow, string[]>()

/** "wake_chain/2n4l4c2t/CpuSpin · worst_p99_wake_latency_us", breakable for narrow screens. */
function testMetric(r: ComparisonRow): string {
  return `${mdBreakable(r.key, MAX_KEY)} · ${mdBreakable(r.metric, MAX_METRIC)}`
}

/** A moved row's verdict in a word: worse, better, accepted; must-fail said. */
function moveVerdict(r: ComparisonRow, accepted: boolean): string {
  if (r.verdict !== 'regression') return `${ROW_ICON[r.verdict]} better`
  if (accepted) return '☑️ accepted'
  return `${ROW_ICON.regression} worse${r.mustFail ? ' (must-fail)' : ''}`
}

/**
 * The main table, four columns that fit a phone (GitHub pads every cell 13 px a side, so each
 * column costs): test · metric, baseline → HEAD with the unit, Δ % with the row's relative gate
 * small beneath it, and the verdict in a word. Statistics are in statsTable.
 */
export function mainTable(rows: readonly ComparisonRow[], accepted: ReadonlySet<string> = new Set()): string {
  const body = rows.map((r) => {
    const [name, values, delta] = cached(MAIN_CELLS, (x) => [
      testMetric(x),
      mdText(formatBaseToHead(x)),
      `${x.verdict === 'regression' ? `**${mdText(formatPercent(x.relDelta))}**` : mdText(formatPercent(x.relDelta))}<br><sub>gate ${mdText(formatRelGate(x))}</sub>`
    ])(r)
    return [name!, values!, delta!, moveVerdict(r, isAccepted(r, accepted))]
  })
  return markdownTable([['Test · metric', 'Base → HEAD', 'Δ', 'Verdict'], ...body], {
    align: ['l', 'r', 'r', 'l'],
    alignDelimiters: false
  })
}

/** The statistics behind the main table: 95 % CI of Δ, both gates, and why each row counts. */
export function statsTable(rows: readonly ComparisonRow[]): string {
  const body = rows.map(
    cached(STATS_CELLS, (r) => [
      testMetric(r),
      mdText(formatCi(r.ci95)),
      mdText(formatGateSpec(r)),
      mdText(formatEvidence(r))
    ])
  )
  return markdownTable([['Test · metric', '95 % CI of Δ', 'Gate', 'Why it counts'], ...body], {
    align: ['l', 'r', 'l', 'l'],
    alignDelimiters: false
  })
}

/** The main table's caption: "6 regressions, 1 improvement, worst first", naming only the kinds present. */
export function movesCaption(moves: readonly ComparisonRow[]): string {
  const regressions = moves.filter((r) => r.verdict === 'regression').length
  const improvements = moves.length - regressions
  const counts = [
    regressions > 0 ? plural(regressions, 'regression') : '',
    improvements > 0 ? plural(improvements, 'improvement') : ''
  ].filter(Boolean)
  return `**${counts.join(', ')}**, ${regressions > 0 ? 'worst' : 'largest'} first`
}

/** The terms the tables use, defined in one small line under them. */
export function termsLine(c: Comparison): string {
  const seq = c.rule === 'sequential' ? c.options.sequential : null
  const test =
    c.options.fdr !== null && !seq
      ? `Welch t-test with Benjamini–Hochberg FDR q below ${c.options.fdr}`
      : `${seq ? 'one-sided ' : ''}Welch t-test p below ${seq ? seq.alpha : c.options.alpha}`
  const noise =
    c.mode === 'noise-adjusted'
      ? `, and clear of run-to-run noise (${test}${seq ? '' : ', or baseline and HEAD runs do not overlap'})`
      : ''
  const mustFail = c.options.mustFail.length > 0 ? '; one on a must-fail metric fails it alone' : ''
  const rule =
    c.rule === 'sequential'
      ? "**Sequential rule**: each row is decided once its runs suffice; rows not yet decided never fail the check; metrics with one run on a side keep ktstr's rule."
      : "**ktstr's rule**: the verdict ktstr's own perf-delta gives on the same samples."
  return (
    `<sub>**Gate**: how far a metric must move to count: at least the relative change shown under Δ *and* an absolute amount (see Statistics)${noise}. ` +
    `**Regression**: worse beyond its gate; ${c.options.failThreshold} or more fail the check${mustFail}. ${rule}</sub>`
  )
}

/**
 * What the reader can do now, visible without opening anything: more runs, accepting an
 * intended regression, and where the run, its summary and its artifacts are. '' when none.
 */
export function nextSteps(c: Comparison, ctx: ReportContext): string {
  const items: string[] = []
  const ids = acceptedIds(c)
  const unaccepted = c.rows.filter((r) => r.verdict === 'regression' && !isAccepted(r, ids)).length
  const open = openRows(c.rows)
  const run = safeUrl(ctx.runUrl)
  const workflow = safeUrl(ctx.workflowUrl)
  if (unaccepted > 0 || open.length > 0) {
    const need = Math.max(0, ...open.map((r) => (runsToDecide(r) ?? 0) - (r.head?.n ?? 0)))
    const extra = need > 0 ? need : Math.max(3, c.head.runs)
    const how = workflow
      ? `[run the workflow](${workflow}) (workflow_dispatch) with \`extra-runs: ${extra}\``
      : `rerun the workflow (workflow_dispatch) with \`extra-runs: ${extra}\``
    items.push(
      `**More runs** to confirm or clear ${open.length > 0 && unaccepted === 0 ? 'the undecided rows' : 'a regression'}: ${how}; the runs already recorded are kept.`
    )
  }
  if (unaccepted > 0) {
    const label = ctx.acceptLabel ? mdCode(ctx.acceptLabel, 50) : null
    items.push(
      label
        ? `**Accept** an intended regression: a maintainer adds the label ${label} to this pull request; it holds only for this head commit (${mdCode(c.head.label, 40)}).`
        : '**Accept** an intended regression: set `accept-label: perf-accepted` on the gate step, then a maintainer adds that label (it holds only for the head commit it was added on); or accept a (test, metric) for good with an `accept` entry in the policy file.'
    )
  }
  if (c.verdict === 'no-baseline')
    items.push(
      '**Record a baseline**: run this workflow on the default branch (a push, or Run workflow), then re-run this check.'
    )
  if (c.verdict === 'no-data')
    items.push(
      `**Find out why**: ${run ? `[the run's log](${run})` : "the run's log"} says what was restored and produced.`
    )
  if (run)
    items.push(
      `**Full results**: [the run and its job summary](${run}) · [artifacts](${run}#artifacts) (sidecars and the JSON report)`
    )
  return items.length > 0 ? `**Next steps**\n\n${items.map((i) => `- ${i}`).join('\n')}` : ''
}

/** Each waiver: who accepted what, for which commit, and how to take it back. '' when none. */
export function waiversBlock(c: Comparison, max = 20): string {
  const blocks = (c.waivers ?? []).map((w) => {
    const rows = w.rows
      .slice(0, max)
      .map((r) => `- ${mdBreakable(r.key, MAX_KEY)} · ${mdBreakable(r.metric, MAX_METRIC)}`)
    if (w.rows.length > max) rows.push(`- … and ${w.rows.length - max} more (see the JSON report)`)
    const head =
      w.via === 'label'
        ? `☑️ **Accepted by ${mdText(`@${w.by ?? 'unknown'}`, 60)}** (label ${mdCode(w.source, 50)})` +
          (w.headSha
            ? ` for HEAD ${mdCode(w.headSha.slice(0, 7), 7)} only; a new push needs the label again`
            : '') +
          ':'
        : `☑️ **Accepted by the policy file** ${mdCode(w.source, 120)} (an \`accept\` entry), for every commit:`
    const undo =
      w.via === 'label'
        ? `To withdraw it, remove the label ${mdCode(w.source, 50)} from the pull request and re-run this check.`
        : 'To withdraw it, delete the entry from the policy file.'
    return `${head}\n\n${rows.join('\n')}\n\n${undo}`
  })
  return blocks.join('\n\n')
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
    `mode: ${mdText(modeSentence(c))}`,
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
