import { stat } from 'node:fs/promises'
import { Command, CommanderError, Option } from 'commander'
import { isUsageError, UsageError } from '../core/errors.js'
import {
  kindLabel,
  metricDescription,
  parseMustFail,
  polarityLabel,
  type Registry
} from '../core/registry.js'
import { DIMENSIONS, type Dimension } from '../core/sidecar.js'
import { loadAcceptFile, loadPolicy } from '../ktstr/policy.js'
import { applyWaivers } from '../core/waiver.js'
import { loadRegistry } from '../ktstr/registry-live.js'
import { assertDir, comparePool } from '../pool/compare-pool.js'
import { listValues, type DimFilter, type SideFilters } from '../pool/filter.js'
import { defaultPoolRoot, readPool } from '../pool/read.js'
import { terminalText } from '../report/escape.js'
import { writeJson } from '../report/json.js'
import { formatNumber } from '../report/format.js'
import { addDownloadCommand } from './download.js'
import { displayWidth, pad, wrapWords } from '../report/width.js'

/** Where the CLI writes and what it knows of its surroundings (injected so tests run it in-process). */
export interface CliIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  isTTY: boolean
  /** The terminal's width in columns, when stdout is one. */
  columns?: number
}

export const EXIT_PASS = 0
export const EXIT_FAIL = 1
export const EXIT_USAGE = 2

const VERSION = '0.1.0'

/** Runs the CLI; resolves to the exit status (0 pass, 1 gate failed, 2 bad usage or unreadable input). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let status = EXIT_PASS
  const debug = argv.includes('--debug') || !!io.env.ACTIONS_STEP_DEBUG || !!io.env.KTSTR_PERF_GATE_DEBUG
  const program = buildProgram(io, (s) => (status = s))
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return status
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_PASS : EXIT_USAGE
    // Messages may quote sidecar values (pool listings): printed as visible text, on one line.
    if (isUsageError(e)) io.stderr(`ktstr-perf-gate: error: ${terminalText(e.message, 4000)}\n`)
    else if (debug) io.stderr(`ktstr-perf-gate: internal error: ${(e as Error).stack ?? String(e)}\n`)
    else
      io.stderr(
        `ktstr-perf-gate: internal error: ${(e as Error).message ?? String(e)} (run with --debug for details)\n`
      )
    return EXIT_USAGE
  }
}

function buildProgram(io: CliIo, setStatus: (s: number) => void): Command {
  const program = new Command('ktstr-perf-gate')
    .description(
      "Compare ktstr sidecars of two commits with ktstr's metric registry and gate on regressions."
    )
    .version(VERSION)
    .option('--debug', 'show stack traces for internal errors')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (s, write) => write(`ktstr-perf-gate: ${s.replace(/^error: /, 'error: ')}`)
    })
    .showSuggestionAfterError()

  const compare = program
    .command('compare')
    .description(
      'Compare side A (baseline) with side B (HEAD) in a sidecar pool. Without per-side filters, A is the ' +
        'resolved baseline commit and B is HEAD (as cargo ktstr perf-delta); with --a-*/--b-* filters the ' +
        'sides are chosen as by cargo ktstr stats compare.'
    )
    .option('--dir <root>', 'pool root (default: {CARGO_TARGET_DIR or target}/ktstr)')
    .option('--repo <dir>', 'git work tree used to resolve the baseline (default: current directory)')
    .option('--base <commit>', 'baseline commit (no merge-base); wins over --base-ref, as in ktstr')
    .option('--base-ref <ref>', 'baseline = merge-base(HEAD, <ref>)')
    .option(
      '--default-branch <branch>',
      'fallback when neither --base, --base-ref nor $GITHUB_BASE_REF is set',
      undefined
    )
  for (const d of DIMENSIONS) {
    compare.addOption(new Option(`--${d} <value>`).argParser(collect).default([]).hideHelp())
    compare.addOption(new Option(`--a-${d} <value>`).argParser(collect).default([]).hideHelp())
    compare.addOption(new Option(`--b-${d} <value>`).argParser(collect).default([]).hideHelp())
  }
  compare.addHelpText(
    'after',
    `
Side filters (as cargo ktstr stats compare), <dim> one of:
  ${DIMENSIONS.join(', ')}
  --<dim> V      pin both sides to V
  --a-<dim> V    side A (baseline) only; replaces --<dim> on side A
  --b-<dim> V    side B (HEAD) only; replaces --<dim> on side B
  Repeat a flag or comma-separate values to allow several. Rows pair on the test name plus
  every dimension that is not sliced (same filter on both sides).

Exit status: 0 pass (also a missing baseline, a notice), 1 the gate failed, 2 bad usage,
unreadable input, or no data: HEAD's selection holds no sidecars (the error line names the
selection, what the pool holds and the nearest value). The two sides may not share a sidecar:
--b-project-commit X alone would make side A "all sidecars", HEAD's included. Malformed
sidecars are skipped, named on stderr and counted; the exit status follows the verdict
unless --strict (then 2).

Examples:
  ktstr-perf-gate compare                                # HEAD vs merge-base with $GITHUB_BASE_REF or main
  ktstr-perf-gate compare --base-ref origin/main --must-fail worst_spread
  ktstr-perf-gate compare --dir pool --a-project-commit abc1234 --b-project-commit def5678 --json
  ktstr-perf-gate compare --a-kernel 6.14.2 --b-kernel 6.15.0 --scheduler scx_rusty`
  )
  compare
    .option(
      '-E, --filter <substr>',
      'only rows whose test/topology/scheduler/work_type contains <substr> (as cargo ktstr stats compare -E; ' +
        "not a nextest filterset: the Action's filter input chooses which tests run)"
    )
    .addOption(
      new Option('--threshold <pct>', 'uniform relative gate in percent for every metric').conflicts([
        'policy'
      ])
    )
    .option(
      '--policy <file>',
      'ComparisonPolicy JSON: {"default_percent": N, "per_metric_percent": {"metric": N}}'
    )
    .option(
      '--accept <file>',
      'accept file: {"accept": [{"test": T, "metric": M, "max_percent": N}]} — named regressions up to N % are not counted (works with repeated runs)'
    )
    .option('--fail-threshold <n>', 'fail when regressions >= n (0 = never on the count)', '5')
    .option('--must-fail <m1,m2>', 'fail if any of these metrics regresses, whatever the count')
    .option('--alpha <p>', "Welch significance level (ktstr's rule)", '0.05')
    .option(
      '--fdr <q>',
      "opt-in (beyond ktstr): Benjamini–Hochberg false-discovery rate across all rows, e.g. 0.05 (default: ktstr's per-row Welch test)"
    )
    .addOption(
      new Option(
        '--rule <rule>',
        "verdict rule: ktstr's (parity) or sequential (decides every row; undecided rows ask for more runs)"
      )
        .choices(['ktstr', 'sequential'])
        .default('ktstr')
    )
    .option(
      '--max-runs <n>',
      'sequential rule: runs per side after which an undecided row is inconclusive',
      '20'
    )
    .option(
      '--registry <auto|bundled|live|file>',
      'metric registry: cargo ktstr on PATH if any (auto), the bundled snapshot, or a list-metrics JSON file',
      'auto'
    )
    .addOption(new Option('--json', 'print the comparison as JSON').conflicts('markdown'))
    .option('--pretty', 'indent the --json output (default: one line)')
    .option('--markdown', 'print the PR comment body (markdown), to preview what the Action posts')
    .option('--all-metrics', 'also list unchanged rows in the table (default: only moves that matter)')
    .option('--strict', 'exit 2 when any sidecar is malformed (default: warn, count, and gate on the rest)')
    .option(
      '--width <cols>',
      "fit the table in <cols> columns (default: the terminal's width, else $COLUMNS, else 100; 0 = no limit)"
    )
    .option('--color', 'color the table even when stdout is not a terminal')
    .option('--no-color', 'never color')
    .action(async (o: Record<string, unknown>) => setStatus(await runCompare(o, io)))

  program
    .command('list-metrics')
    .description(
      'List the metric registry: name, polarity, default gates (absolute, and relative in percent as --threshold takes it), kind and description.'
    )
    .option('--json', 'print `cargo ktstr stats list-metrics --json` form')
    .option('--registry <auto|bundled|live|file>', 'which registry', 'auto')
    .action(async (o: { json?: boolean; registry: string }) => {
      const { registry, warning } = await loadRegistry(o.registry, io.env)
      if (warning) io.stderr(`warning: ${warning}\n`)
      io.stdout(o.json ? listMetricsJson(registry) : listMetricsTable(registry, tableWidth(undefined, io)))
    })

  program
    .command('list-values')
    .description(
      'List the values each dimension takes in a pool, with sidecar counts (to choose --a-*/--b-* filters).'
    )
    .option('--dir <root>', 'pool root (default: {CARGO_TARGET_DIR or target}/ktstr)')
    .option('--json', 'print as JSON')
    .option('--strict', 'exit 2 when any sidecar is malformed')
    .action(async (o: { dir?: string; json?: boolean; strict?: boolean }) => {
      const root = o.dir ?? defaultPoolRoot(io.env, io.cwd)
      // A missing pool is an error whether named or defaulted: nothing to list is not "0 values".
      await assertDir(root, o.dir ? '--dir' : 'the default pool root (--dir not given)')
      const pool = await readPool(root)
      const values = listValues(pool.sidecars)
      if (o.json)
        io.stdout(
          JSON.stringify(
            { root, sidecars: pool.sidecars.length, malformed: pool.malformed, values },
            null,
            2
          ) + '\n'
        )
      else {
        io.stdout(
          `pool ${terminalText(root)}: ${pool.sidecars.length} sidecars in ${pool.runDirs.length} run dirs\n`
        )
        for (const d of DIMENSIONS) {
          io.stdout(`${d}:\n`)
          for (const v of values[d]) io.stdout(`  ${terminalText(v.value, 120)}  (${v.sidecars})\n`)
        }
      }
      reportMalformed(pool.malformed, io)
      if (o.strict && pool.malformed.length) setStatus(EXIT_USAGE)
    })
  addDownloadCommand(program, io)
  return program
}

async function runCompare(o: Record<string, unknown>, io: CliIo): Promise<number> {
  const { registry, warning } = await loadRegistry(String(o.registry), io.env)
  if (warning) io.stderr(`warning: ${warning}\n`)
  const mustFail = parseMustFail(o.mustFail as string | undefined, registry, true)
  const policy = await loadPolicy(o.threshold as string | undefined, o.policy as string | undefined, registry)
  const accept = await loadAcceptFile(o.accept as string | undefined, registry)
  const failThreshold = nonNegativeInt(String(o.failThreshold), '--fail-threshold')
  const alpha = Number(o.alpha)
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha ${String(o.alpha)}: must be between 0 and 1`)
  const fdr = o.fdr === undefined ? null : Number(o.fdr)
  if (fdr !== null && !(fdr > 0 && fdr < 1))
    throw new UsageError(`--fdr ${JSON.stringify(o.fdr)}: must be a rate between 0 and 1, e.g. 0.05`)
  const rule = o.rule === 'sequential' ? 'sequential' : 'ktstr'
  const substring = checkSubstring(o.filter as string | undefined)
  const maxRuns = nonNegativeInt(String(o.maxRuns), '--max-runs')
  if (maxRuns < 2)
    throw new UsageError(
      `--max-runs ${String(o.maxRuns)}: must be at least 2 (the sequential rule needs 2 runs per side)`
    )

  const filters: SideFilters = { shared: {}, a: {}, b: {}, substring }
  for (const d of DIMENSIONS) {
    put(filters.shared, d, o[camel(d)])
    put(filters.a, d, o[camel(`a-${d}`)])
    put(filters.b, d, o[camel(`b-${d}`)])
  }
  const cwd = (o.repo as string | undefined) ?? io.cwd
  if (o.repo !== undefined) await assertRepoDir(cwd)
  const { comparison: gated } = await comparePool({
    dir: o.dir as string | undefined,
    cwd,
    env: io.env,
    filters,
    base: o.base as string | undefined,
    baseRef: o.baseRef as string | undefined,
    defaultBranch: o.defaultBranch as string | undefined,
    registry,
    options: {
      alpha,
      fdr,
      failThreshold,
      mustFail,
      policy,
      thresholdPercent: o.threshold !== undefined ? Number(o.threshold) : null,
      policySource: (o.policy as string | undefined) ?? null,
      rule,
      sequential: { maxRuns }
    }
  })
  const comparison = applyWaivers(gated, { accept })

  if (o.json) {
    writeJson(comparison, io.stdout, { pretty: o.pretty === true })
    io.stdout('\n')
  } else if (o.markdown) {
    // Each renderer is loaded when asked for, so `--json` does not load the markdown one.
    const { renderComment } = await import('../report/comment.js')
    io.stdout(renderComment(comparison, { key: 'cli' }))
  } else {
    const color = wantColor(typeof o.color === 'boolean' ? o.color : undefined, io.env, io.isTTY)
    const width = tableWidth(o.width as string | undefined, io)
    const { renderTerminal } = await import('../report/terminal.js')
    const table = renderTerminal(comparison, { color, allMetrics: o.allMetrics === true, width }) + '\n'
    // In a workflow step, a line starting with `::` is a command: fence the table (it starts lines
    // with test names from the sidecars) so such a name stays text.
    if (io.env.GITHUB_ACTIONS === 'true') {
      const token = (await import('node:crypto')).randomUUID()
      io.stdout(`::stop-commands::${token}\n${table}::${token}::\n`)
    } else io.stdout(table)
  }
  reportMalformed(comparison.malformed, io)
  if (comparison.verdict === 'no-data') {
    // Nothing was measured: not a pass. One line that says what was selected and what the pool holds.
    io.stderr(`ktstr-perf-gate: error: ${terminalText(comparison.reasons.join('; '), 4000)}\n`)
    return EXIT_USAGE
  }
  if (o.strict === true && comparison.malformed.length > 0) {
    io.stderr(
      `ktstr-perf-gate: error: ${comparison.malformed.length} malformed sidecar(s) and --strict — fix or delete them\n`
    )
    return EXIT_USAGE
  }
  return comparison.verdict === 'fail' ? EXIT_FAIL : EXIT_PASS
}

async function assertRepoDir(dir: string): Promise<void> {
  const st = await stat(dir).catch(() => null)
  if (!st?.isDirectory())
    throw new UsageError(
      `--repo ${dir}: no such directory`,
      "point it at the scheduler's git work tree (default: the current directory)"
    )
}

function reportMalformed(list: readonly { file: string; path: string; message: string }[], io: CliIo): void {
  for (const m of list)
    io.stderr(
      `warning: skipped sidecar ${terminalText(m.file, 300)} at ${terminalText(m.path, 200)}: ${terminalText(m.message, 300)} — fix or delete the file (other sidecars still count)\n`
    )
}

/**
 * The registry as a table that fits `width` columns: per metric a line of NAME, POLARITY, the
 * absolute gate with its unit and the relative gate in percent (as --threshold and a policy file
 * take it), then its description and kind (wrapped, indented).
 */
export function listMetricsTable(r: Registry, width = 100): string {
  const rows = r.metrics.map((m) => [
    terminalText(m.name, 60),
    polarityLabel(m.polarity),
    withUnitText(formatNumber(m.default_abs), m.display_unit),
    `${formatNumber(m.default_rel * 100)}%`
  ])
  const head = ['NAME', 'POLARITY', 'ABS_GATE', 'REL_GATE']
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]!))))
  const right = [false, false, true, true]
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, right[i]))
      .join('  ')
      .trimEnd()
  const out = [
    `registry: ${r.source} (${terminalText(r.detail, 200)})`,
    'A row regresses when it moves the worse way by at least ABS_GATE and by at least REL_GATE;',
    '--threshold PCT or a --policy file replaces REL_GATE (in percent).',
    '',
    fmt(head)
  ]
  r.metrics.forEach((m, i) => {
    out.push(fmt(rows[i]!))
    const about = metricDescription(m)
    const text = terminalText(`${about ? `${about}; ` : ''}kind ${kindLabel(m.kind)}`, 400)
    out.push(...wrapWords(text, width - 4).map((l) => `    ${l}`))
  })
  return out.join('\n') + '\n'
}

function withUnitText(v: string, unit: string): string {
  return unit === '' ? v : unit === '%' ? `${v} pp` : `${v} ${terminalText(unit, 20)}`
}

/**
 * `cargo ktstr stats list-metrics --json` (its six keys, values as ktstr writes them), plus two
 * keys of this tool's own: `default_rel_percent` (the relative gate in percent) and `description`.
 */
function listMetricsJson(r: Registry): string {
  const out = r.metrics.map((m) => ({
    name: m.name,
    polarity: m.polarity,
    kind: m.kind,
    default_abs: m.default_abs,
    default_rel: m.default_rel,
    display_unit: m.display_unit,
    default_rel_percent: Number((m.default_rel * 100).toPrecision(12)),
    description: metricDescription(m)
  }))
  return JSON.stringify(out, null, 2) + '\n'
}

// nextest's filterset predicates: `test(…)`, `package(…)`, `not …` and so on.
const FILTERSET =
  /^\s*(not\s+)?(all|none|test|package|deps|rdeps|kind|binary|binary_id|platform|default)\s*\(/

/**
 * `-E` here is ktstr's `stats compare` substring, matched against test/topology/scheduler/work_type.
 * A nextest filterset (what the Action's `filter` input and `cargo ktstr test -E` take) could only
 * match nothing: say so instead of reporting an empty selection.
 */
function checkSubstring(filter: string | undefined): string | undefined {
  if (filter === undefined || !FILTERSET.test(filter)) return filter
  const inner = /\(\s*[=~/]?([A-Za-z0-9_:-]+)\/?\s*\)/.exec(filter)?.[1]
  throw new UsageError(
    `-E ${JSON.stringify(filter)}: looks like a nextest filterset, but compare's -E is a substring of test/topology/scheduler/work_type (as cargo ktstr stats compare -E)`,
    inner ? `give the substring, e.g. -E ${inner}` : 'give a substring of the test name'
  )
}

function collect(value: string, prev: string[] = []): string[] {
  return [
    ...prev,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  ]
}

function put(into: DimFilter, d: Dimension, v: unknown): void {
  if (Array.isArray(v) && v.length > 0) into[d] = v as string[]
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
}

function nonNegativeInt(v: string, flag: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${flag} ${JSON.stringify(v)}: must be a whole number ≥ 0`)
  return n
}

/**
 * Columns the table may take: --width (0 = no limit), else the terminal's width when stdout is a
 * terminal, else $COLUMNS, else 100.
 */
export function tableWidth(flag: string | undefined, io: CliIo): number {
  if (flag !== undefined) {
    const n = nonNegativeInt(flag, '--width')
    return n === 0 ? Infinity : n
  }
  if (io.isTTY && io.columns && io.columns > 0) return io.columns
  const env = Number(io.env.COLUMNS)
  return Number.isInteger(env) && env > 0 ? env : 100
}

/**
 * Colour: --color / --no-color first, then FORCE_COLOR (set and not 0/false: colour; 0/false:
 * none), then NO_COLOR (set and non-empty: none), then whether stdout is a terminal.
 */
export function wantColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag
  const force = env.FORCE_COLOR
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase())
  if (env.NO_COLOR) return false
  return isTTY
}
