// `ktstr-perf-gate download`: a workflow run's sidecar artifacts into a local pool, and the
// `compare` command that gives the verdict the run's gate printed (from its report artifact).
import path from 'node:path'
import { Option, type Command } from 'commander'
import * as z from 'zod'
import { UsageError } from '../core/errors.js'
// The GitHub client (octokit, undici) is loaded when a download runs: `compare` never needs it.
import type { ChosenRun, RunDownload, RunDownloadLimits } from '../github/download-run.js'
import type { RetryPolicy } from '../github/retry.js'
import { loadRegistry } from '../ktstr/registry-live.js'
import { shellArg, terminalText } from '../report/escape.js'
import type { CliIo } from './main.js'

/** What tests may replace: retry waits, caps. */
export interface DownloadDeps {
  retry?: Partial<RetryPolicy>
  limits?: Partial<RunDownloadLimits>
}

/** Adds the `download` command to the program. */
export function addDownloadCommand(program: Command, io: CliIo, deps: DownloadDeps = {}): void {
  program
    .command('download')
    .description(
      "Fetch a workflow run's sidecar artifacts (ktstr-sidecars-*) into a pool, one directory per artifact " +
        "(as gh run download does), and print the compare command that gives the run's verdict."
    )
    .requiredOption('--repo <owner/name>', 'repository of the workflow run')
    .addOption(
      new Option('--pr <n>', "the pull request: its head commit's newest run with sidecars").conflicts('run')
    )
    .option('--run <id>', 'the workflow run id (from its URL: …/actions/runs/<id>)')
    .option(
      '--dir <dir>',
      'where to put the pool (default: ktstr-run-<id>; each artifact in its own directory)'
    )
    .option(
      '--pattern <glob>',
      'only sidecar artifacts whose name matches (* = anything), e.g. one host class: ktstr-sidecars-*-kvm-arm64',
      'ktstr-sidecars-*'
    )
    .addHelpText(
      'after',
      `
Token: $GITHUB_TOKEN, else \`gh auth token\` when gh is installed. It needs read access to the
repository's Actions (a fine-grained token: Actions: read, Pull requests: read). GITHUB_API_URL
points at another API (GitHub Enterprise: https://HOST/api/v3).

Example:
  ktstr-perf-gate download --repo sched-ext/scx --pr 1234 --dir pool
  ktstr-perf-gate compare --dir pool --a-project-commit 1a2b3c4 --b-project-commit 5d6e7f8`
    )
    .action(async (o: { repo: string; pr?: string; run?: string; dir?: string; pattern: string }) => {
      await runDownload(o, io, deps)
    })
}

async function runDownload(
  o: { repo: string; pr?: string; run?: string; dir?: string; pattern: string },
  io: CliIo,
  deps: DownloadDeps
): Promise<void> {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(o.repo)
  if (!m)
    throw new UsageError(
      `--repo ${JSON.stringify(o.repo.slice(0, 80))}: not owner/name`,
      'e.g. --repo sched-ext/scx'
    )
  const [owner, repo] = [m[1]!, m[2]!]
  if ((o.pr === undefined) === (o.run === undefined))
    throw new UsageError('download: pass one of --pr <n> or --run <id>', 'e.g. --pr 1234')
  const pr = o.pr !== undefined ? positiveInt(o.pr, '--pr') : undefined
  const runId = o.run !== undefined ? positiveInt(o.run, '--run') : undefined
  const apiUrl = io.env.GITHUB_API_URL || 'https://api.github.com'
  const token = await resolveToken(io.env, apiUrl)
  const [
    { artifactPattern, downloadRun, findPrRun, getRun, restArtifactClient },
    { createGitHubClient, GitHubApiError }
  ] = await Promise.all([import('../github/download-run.js'), import('../github/retry.js')])
  const octokit = createGitHubClient({ token, baseUrl: apiUrl, ...(deps.retry ? { retry: deps.retry } : {}) })
  try {
    const wanted = artifactPattern(o.pattern)
    const run =
      pr !== undefined
        ? (await findPrRun({ octokit, owner, repo, pr, wanted, patternText: o.pattern })).run
        : await getRun(octokit, owner, repo, runId!, wanted)
    if (run.sidecars.length === 0)
      throw new UsageError(
        `workflow run ${run.id} of ${owner}/${repo} has no artifacts matching ${shellArg(o.pattern, 120)}`,
        'pick the run of the perf workflow (with upload: true); expired artifacts cannot be fetched'
      )
    io.stdout(`${describeRun(run, owner, repo)}\n`)
    const dir = path.resolve(io.cwd, o.dir ?? `ktstr-run-${run.id}`)
    const got = await downloadRun({
      client: restArtifactClient({
        octokit,
        owner,
        repo,
        ...(deps.limits?.maxArchiveBytes ? { maxArchiveBytes: deps.limits.maxArchiveBytes } : {})
      }),
      token,
      owner,
      repo,
      run,
      dir,
      ...(deps.limits ? { limits: deps.limits } : {}),
      log: (line) => io.stdout(`${line}\n`)
    })
    for (const s of got.skipped) io.stderr(`warning: skipped ${s}\n`)
    if (got.overlaps.length > 0)
      io.stderr(
        `warning: ${got.overlaps.length} sidecar(s) are in more than one artifact, so their runs count twice (e.g. ${got.overlaps[0]}) — download one host class or shard with --pattern\n`
      )
    const shownDir = o.dir ?? path.relative(io.cwd, dir)
    io.stdout(await compareAdvice(got, shownDir, io))
  } catch (e) {
    // REST failures are already one line with advice; they are the user's to fix, not internal.
    if (e instanceof GitHubApiError) throw new UsageError(e.message)
    throw e
  }
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v)
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`${flag} ${JSON.stringify(v.slice(0, 40))}: must be a whole number ≥ 1`)
  return n
}

function describeRun(run: ChosenRun, owner: string, repo: string): string {
  const state = [run.status, run.conclusion].filter(Boolean).join(', ')
  const from =
    run.headRepository && run.headRepository.toLowerCase() !== `${owner}/${repo}`.toLowerCase()
      ? ` from ${terminalText(run.headRepository, 140)}`
      : ''
  return `run ${run.id} (${terminalText(run.event, 40)}${from}, ${terminalText(state, 60)}) of ${owner}/${repo} at ${run.headSha.slice(0, 7)}: ${terminalText(run.htmlUrl, 300)}`
}

const TOKEN_HINT =
  "set GITHUB_TOKEN to a token that can read the repository's Actions, or install gh (https://cli.github.com) and run `gh auth login`"

/**
 * The token: $GITHUB_TOKEN, else `gh auth token` (run without a shell, with the caller's PATH;
 * `--hostname` for an API other than github.com's). None: a usage error saying how to get one.
 */
export async function resolveToken(env: NodeJS.ProcessEnv, apiUrl: string): Promise<string> {
  const fromEnv = env.GITHUB_TOKEN?.trim()
  if (fromEnv) return fromEnv
  let host: string | undefined
  try {
    const h = new URL(apiUrl).host
    host = h === 'api.github.com' ? undefined : h
  } catch {
    throw new UsageError(
      `GITHUB_API_URL ${JSON.stringify(apiUrl.slice(0, 100))} is not a URL`,
      'unset it for github.com'
    )
  }
  const args = ['auth', 'token', ...(host ? ['--hostname', host] : [])]
  const { execFile } = await import('node:child_process')
  const r = await new Promise<{ code: string | number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'gh',
      args,
      { env, shell: false, timeout: 20_000, maxBuffer: 64 * 1024, windowsHide: true },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr })
    )
  })
  if (r.code === 'ENOENT')
    throw new UsageError('no GitHub token: GITHUB_TOKEN is not set and gh is not installed', TOKEN_HINT)
  const token = r.stdout.trim()
  if (r.code !== 0 || !/^[\x21-\x7e]{1,1000}$/.test(token)) {
    const why = terminalText((r.stderr.trim().split('\n')[0] ?? '').trim() || `exit ${String(r.code)}`, 200)
    throw new UsageError(
      `no GitHub token: GITHUB_TOKEN is not set and \`gh auth token\` gave none (${why})`,
      TOKEN_HINT
    )
  }
  return token
}

/** What the download reads of a report (DESIGN §8 keys); the rest is not needed here. */
const reportSchema = z.looseObject({
  verdict: z.string(),
  reasons: z.array(z.string()).optional(),
  baseline: z.looseObject({ label: z.string(), kernels: z.array(z.string()) }),
  head: z.looseObject({ label: z.string(), kernels: z.array(z.string()) }),
  rule: z.string().optional(),
  registry: z.looseObject({ source: z.string(), hash: z.string() }),
  options: z.looseObject({
    alpha: z.number(),
    failThreshold: z.number().int().nonnegative(),
    mustFail: z.array(z.string()),
    thresholdPercent: z.number().nullable(),
    policy: z.string().nullable(),
    fdr: z.number().nullable().optional(),
    sequential: z.looseObject({ maxRuns: z.number().int() }).nullable().optional()
  }),
  counts: z.looseObject({ regressions: z.number(), improvements: z.number() }),
  waivers: z.array(z.unknown()).optional()
})
export type ReportForCompare = z.infer<typeof reportSchema>

const LABEL = /^[0-9a-f]{7}(-dirty)?$/

/**
 * The `compare` arguments that select what the run's gate compared (its two commits, its kernel)
 * with the options it gated with, and notes on what cannot be carried over. Null argv when the
 * report does not name two commit labels.
 */
export function compareArgs(
  r: ReportForCompare,
  dir: string,
  bundledHash: string
): { argv: string[] | null; notes: string[] } {
  const notes: string[] = []
  if (!LABEL.test(r.baseline.label) || !LABEL.test(r.head.label)) {
    notes.push(
      'the report does not name two commits; choose the sides with ktstr-perf-gate list-values --dir ' +
        shellArg(dir)
    )
    return { argv: null, notes }
  }
  const argv = [
    'compare',
    '--dir',
    dir,
    '--a-project-commit',
    r.baseline.label,
    '--b-project-commit',
    r.head.label
  ]
  const [ka, kb] = [r.baseline.kernels, r.head.kernels]
  if (ka.length === 1 && kb.length === 1) {
    if (ka[0] === kb[0]) argv.push('--kernel', ka[0]!)
    else argv.push('--a-kernel', ka[0]!, '--b-kernel', kb[0]!)
  }
  const o = r.options
  argv.push('--fail-threshold', String(o.failThreshold))
  if (o.alpha !== 0.05) argv.push('--alpha', String(o.alpha))
  if (o.mustFail.length > 0) argv.push('--must-fail', o.mustFail.join(','))
  if (o.thresholdPercent !== null) argv.push('--threshold', String(o.thresholdPercent))
  if (o.fdr != null) argv.push('--fdr', String(o.fdr))
  if (r.rule === 'sequential') {
    argv.push('--rule', 'sequential')
    if (o.sequential) argv.push('--max-runs', String(o.sequential.maxRuns))
  }
  if (r.registry.hash === bundledHash) argv.push('--registry', 'bundled')
  else
    notes.push(
      `the gate used the metric registry of cargo ktstr on its runner (${r.registry.source}, hash ${r.registry.hash}), not the bundled one (${bundledHash}): put the same ktstr version on PATH (--registry live), or pass that list-metrics JSON with --registry FILE`
    )
  if (o.policy !== null)
    notes.push(
      `the gate read the policy file ${o.policy} of the PR's checkout: add --policy with your copy of it`
    )
  if ((r.waivers ?? []).length > 0)
    notes.push(
      'the gate accepted regressions by waiver (label or policy); compare shows the verdict before waivers'
    )
  return { argv, notes }
}

/** The run's verdict(s) from its report(s), and the compare command for each. */
async function compareAdvice(got: RunDownload, dir: string, io: CliIo): Promise<string> {
  const { registry } = await loadRegistry('bundled', io.env)
  const lines: string[] = []
  const usable = got.reports.flatMap((rep) => {
    const parsed = reportSchema.safeParse(rep.report)
    if (parsed.success) return [{ name: rep.name, report: parsed.data }]
    io.stderr(
      `warning: report ${terminalText(rep.name, 120)} lacks ${parsed.error.issues[0]?.path.join('.') ?? 'a field'}; not used\n`
    )
    return []
  })
  if (usable.length === 0) {
    lines.push(
      'the run left no report artifact to say what its gate compared; list what the pool holds and pick the sides:',
      `  ktstr-perf-gate list-values --dir ${shellArg(dir)}`
    )
    return lines.join('\n') + '\n'
  }
  if (usable.length > 1)
    lines.push(`the run has ${usable.length} gate reports (one per job); the pool holds every job's sidecars`)
  for (const { name, report } of usable) {
    const counts = `${report.counts.regressions} regression(s), ${report.counts.improvements} improvement(s)`
    const reasons = (report.reasons ?? []).map((x) => terminalText(x, 300)).join('; ')
    lines.push(
      `the run's gate (${terminalText(name, 120)}): ${terminalText(report.verdict, 40)} — ${counts}${reasons ? ` (${reasons})` : ''}`
    )
    const { argv, notes } = compareArgs(report, dir, registry.hash)
    if (argv)
      lines.push('compare it here with:', `  ktstr-perf-gate ${argv.map((a) => shellArg(a)).join(' ')}`)
    for (const n of notes) lines.push(`note: ${terminalText(n, 600)}`)
  }
  return lines.join('\n') + '\n'
}
