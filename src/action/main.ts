import { readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { isUsageError, UsageError } from '../core/errors.js'
import { parseMustFail, type Registry } from '../core/registry.js'
import type { Comparison } from '../core/types.js'
import { labelOf, resolveBaseline, type Resolved } from '../git/baseline.js'
import type { ArtifactClientLike, UploadedArtifact } from '../github/index.js'
import { downloadReport, reportArtifactName } from '../github/index.js'
import {
  parseRepository,
  pullRequestFromPayload,
  workflowRunFromPayload,
  workflowRunProblem
} from '../github/index.js'
import { checkForkApproval, type PullRequestContext } from '../github/index.js'
import {
  resolvePullRequestForRun,
  type ResolvedPullRequest,
  type WorkflowRunContext
} from '../github/index.js'
import { createGitHubClient, type GitHubClient } from '../github/index.js'
import { acceptRecordLine, checkLabelClaim, labelFacts } from '../github/index.js'
import { applyWaivers, labelStatus, refuteLabelWaiver, type AcceptList } from '../core/waiver.js'
import { loadAcceptFile, loadPolicy } from '../ktstr/policy.js'
import { commentMarker } from '../report/comment.js'
import { loadRegistry } from '../ktstr/registry-live.js'
import { comparePool } from '../pool/compare-pool.js'
import { parseComparisonJson } from '../report/json-parse.js'
import { terminalText } from '../report/escape.js'
import { renderSummary } from '../report/summary.js'
import { renderTerminal } from '../report/terminal.js'
import { execAgent, type Agent } from './agent.js'
import { topUp } from './topup.js'
import { readInputs, type ActionInputs, type GetInput } from './inputs.js'
import { inGroup, type Log } from './log.js'
import { reasonSentence, verdictWord } from '../report/common.js'
import {
  annotate,
  outputs,
  postComment,
  reportRecord,
  uploadReportArtifact,
  uploadSides,
  writeReport,
  type Links
} from './publish.js'
import { gatherSamples, type SideNeed, type SideOutcome } from './samples.js'
import { runSentinel, withSentinel } from './sentinel.js'
import type { SentinelReport } from '../core/types.js'

/** Everything the Action touches outside its own logic (real ones in index.ts, fakes in tests). */
export interface ActionDeps {
  getInput: GetInput
  env: NodeJS.ProcessEnv
  log: Log
  setOutput(name: string, value: string): void
  setFailed(message: string): void
  writeSummary(markdown: string): Promise<void>
  artifactClient(): Promise<ArtifactClientLike>
  agent?: (o: Parameters<typeof execAgent>[0]) => Agent
  github?: (token: string) => GitHubClient
  /** The clock the top-up loop measures rounds and the time budget with (default Date.now). */
  now?: () => number
  /**
   * Applied to every gate's Comparison before it is used: tests inject a stand-in for the
   * sequential engine through it. Production leaves it unset.
   */
  judge?: (c: Comparison) => Comparison
}

/** The Action's entry: reads inputs and runs the chosen mode; every failure ends as one line. */
export async function run(deps: ActionDeps): Promise<void> {
  try {
    const inputs = readInputs(deps.getInput)
    const ctx = readContext(deps.env)
    if (inputs.mode === 'comment') await commentMode(inputs, ctx, deps)
    else await gateOrProduce(inputs, ctx, deps)
  } catch (e) {
    const debug = !!deps.env.ACTIONS_STEP_DEBUG || deps.env.RUNNER_DEBUG === '1'
    if (isUsageError(e)) deps.setFailed(e.message)
    else
      deps.setFailed(
        `internal error: ${(e as Error).message}${debug ? `\n${(e as Error).stack}` : ' (re-run with debug logging for details)'}`
      )
  }
}

interface Context {
  workspace: string
  owner: string
  repo: string
  eventName: string
  payload: unknown
  sha: string
  runId: number
  links: Links
  apiUrl: string | undefined
  tempDir: string
  defaultKey: string
}

function readContext(env: NodeJS.ProcessEnv): Context {
  let owner: string, repo: string
  try {
    ;({ owner, repo } = parseRepository(env.GITHUB_REPOSITORY))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  let payload: unknown = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
    } catch (e) {
      throw new UsageError(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(e as Error).message}`)
    }
  }
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const runId = Number(env.GITHUB_RUN_ID || 0)
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME || '',
    payload,
    sha: env.GITHUB_SHA || '',
    runId,
    links: {
      repoUrl: `${server}/${owner}/${repo}`,
      ...(runId ? { runUrl: `${server}/${owner}/${repo}/actions/runs/${runId}` } : {}),
      ...workflowLink(server, owner, repo, env.GITHUB_WORKFLOW_REF)
    },
    apiUrl: env.GITHUB_API_URL,
    tempDir: env.RUNNER_TEMP || tmpdir(),
    defaultKey: [env.GITHUB_WORKFLOW, env.GITHUB_JOB].filter(Boolean).join('/') || 'default'
  }
}

/**
 * The running workflow's page (`…/actions/workflows/perf.yml`, where "Run workflow" dispatches it),
 * from GITHUB_WORKFLOW_REF (`owner/repo/.github/workflows/perf.yml@refs/…`); {} when it is not that shape.
 */
export function workflowLink(
  server: string,
  owner: string,
  repo: string,
  ref: string | undefined
): { workflowUrl?: string } {
  const m = /^[^/]+\/[^/]+\/\.github\/workflows\/([A-Za-z0-9._-]+\.ya?ml)@/.exec(ref ?? '')
  return m ? { workflowUrl: `${server}/${owner}/${repo}/actions/workflows/${m[1]}` } : {}
}

/** What one gate or produce step works with, set up once from its inputs and context. */
interface Step {
  inputs: ActionInputs
  ctx: Context
  deps: ActionDeps
  log: Log
  /** The sticky comment's and the report artifact's key. */
  key: string
  poolDir: string
  pr: PullRequestContext | undefined
  octokit: GitHubClient | undefined
  client: ArtifactClientLike | undefined
  /** The artifact service is reachable (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set). */
  canUpload: boolean
  /** The runner agent, once gather made one (producing is allowed here). */
  agent?: Agent
  /** Side artifact names this step uploaded (a later upload of the pool replaces them). */
  uploaded: Set<string>
  /** The pool as it is now is already uploaded (by the last top-up round). */
  sidesCurrent: boolean
  /** What the deep baseline's sentinel found (null: no cached baseline runs to check). */
  sentinel?: SentinelReport | null
  /** Hidden last line of the sticky comment: the accept label's record for this head, when it accepted. */
  commentTrailer?: string
}

/** The two commits compared, as step 1 resolved them. */
interface Sides {
  /** Null in produce mode without a base: only HEAD is recorded. */
  resolved: Resolved | null
  head: Resolved['head']
  /** The SHA earlier runs of this PR recorded their artifacts under (the PR's head, not a merge commit). */
  headRunSha: string
}

/** The registry and what the gate reads from it, loaded before any KVM time is spent. */
interface GateInputs {
  registry: Registry
  mustFail: ReturnType<typeof parseMustFail>
  policy: Awaited<ReturnType<typeof loadPolicy>>
  /** `accept-file`'s entries, or null without one. */
  accept: AcceptList | null
}

/** DESIGN §2 as the Action runs it: resolve, gather (restore / produce), gate, publish. */
async function gateOrProduce(inputs: ActionInputs, ctx: Context, deps: ActionDeps): Promise<void> {
  const now = deps.now ?? Date.now
  const startedAt = now()
  const step = await setUp(inputs, ctx, deps)
  const sides = await resolveSides(step)
  // A bad must-fail or policy stops before any KVM time, and restored runs made with another
  // registry are not used.
  const gateInputs = await loadGateInputs(step)
  const gatheredAt = now()
  const outcome = await gather(step, sides, gateInputs.registry)
  const gatherMs = now() - gatheredAt
  const headWhy = headSamplesWhy(outcome)
  if (inputs.mode === 'produce') {
    await uploadSideArtifacts(step, outcome)
    deps.setOutput('head', sides.head.label)
    if (sides.resolved) deps.setOutput('baseline', sides.resolved.base.label)
    // A shard that recorded nothing for its commit must not look like one that did.
    if (headWhy) noData(headWhy, inputs, deps)
    return
  }
  step.sentinel = inputs.rule === 'sequential' ? await sentinel(step, sides, gateInputs.registry) : null
  let c = await gate(step, sides, gateInputs, headWhy)
  if (inputs.rule === 'sequential')
    c = await topUpRounds(step, sides, gateInputs, outcome, c, { startedAt, gatherMs, now })
  c = await waive(step, sides, gateInputs, c)
  await publish(step, c, sides, outcome)
  conclude(c, inputs, deps)
}

async function setUp(inputs: ActionInputs, ctx: Context, deps: ActionDeps): Promise<Step> {
  const { log, env } = deps
  const octokit = inputs.token ? (deps.github ?? defaultGitHub(ctx, log))(inputs.token) : undefined
  return {
    inputs,
    ctx,
    deps,
    log,
    key: inputs.commentKey || ctx.defaultKey,
    poolDir: path.resolve(ctx.workspace, inputs.poolDir),
    pr: pullRequestFromPayload(ctx.payload, `${ctx.owner}/${ctx.repo}`),
    octokit,
    client: inputs.upload || octokit ? await deps.artifactClient().catch(() => undefined) : undefined,
    canUpload: !!(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL),
    uploaded: new Set(),
    sidesCurrent: false
  }
}

/** 1. resolve: the baseline as ktstr's perf-delta picks it, and HEAD (which must be the PR's head). */
async function resolveSides({ inputs, ctx, deps, log, pr }: Step): Promise<Sides> {
  const env = deps.env
  const explicitBase = !!(inputs.base || inputs.baseRef || env.GITHUB_BASE_REF?.trim())
  let resolved: Resolved | null = null
  if (inputs.mode === 'gate' || explicitBase) {
    resolved = await resolveBaseline({
      cwd: ctx.workspace,
      base: inputs.base || undefined,
      baseRef: inputs.baseRef || undefined,
      defaultBranch: inputs.defaultBranch,
      env,
      deepen: true
    })
    log.info(`perf-delta: candidate HEAD ${resolved.head.label} vs baseline ${resolved.base.label}`)
    log.info(`  baseline: ${resolved.how}`)
  }
  const headSha = resolved?.head.sha ?? (await headOf(ctx.workspace))
  if (pr && headSha !== pr.headSha)
    // actions/checkout's default for a pull_request is GitHub's merge commit: on no branch (the
    // agent refuses to run it) and never the commit earlier runs recorded. Say so before anything runs.
    throw new UsageError(
      `HEAD is ${headSha.slice(0, 7)}, not the pull request's head ${pr.headSha.slice(0, 7)} (actions/checkout checks out GitHub's merge commit by default)`,
      'check out the head: `uses: actions/checkout@v5` with `ref: ${{ github.event.pull_request.head.sha }}` and `fetch-depth: 0`'
    )
  return {
    resolved,
    head: resolved?.head ?? { ...labelOf(headSha, false), dirty: false },
    // Earlier runs of this PR were recorded under its head SHA (the checkout may be the merge commit).
    headRunSha: pr?.headSha ?? (ctx.sha || headSha)
  }
}

async function loadGateInputs({ inputs, ctx, deps, log }: Step): Promise<GateInputs> {
  const { registry, warning } = await loadRegistry(inputs.registry, deps.env)
  if (warning) log.warning(warning)
  const mustFail = parseMustFail(inputs.mustFail, registry, true)
  const policyFile = inputs.policy ? path.resolve(ctx.workspace, inputs.policy) : undefined
  const acceptFile = inputs.acceptFile ? path.resolve(ctx.workspace, inputs.acceptFile) : undefined
  return {
    registry,
    mustFail,
    policy: await loadPolicy(inputs.threshold, policyFile, registry),
    accept: await loadAcceptFile(acceptFile, registry, inputs.acceptFile)
  }
}

/** 2. gather: each side's runs from the pool, earlier runs' artifacts, and the agent, in that order. */
async function gather(step: Step, sides: Sides, registry: Registry): Promise<SideOutcome[]> {
  const { inputs, ctx, deps, log, pr, octokit, client } = step
  const needs: SideNeed[] = []
  if (sides.resolved)
    needs.push({
      side: 'baseline',
      commit: sides.resolved.base,
      // A push run of the baseline commit (mode: produce on the default branch), else this PR's
      // own earlier runs, which uploaded the baseline they produced under the PR's head SHA.
      runSha: sides.resolved.base.sha,
      alsoRunShas: [sides.headRunSha],
      want: inputs.runs
    })
  needs.push({
    side: 'HEAD',
    commit: sides.head,
    runSha: sides.headRunSha,
    alsoRunShas: [sides.head.sha],
    ...(pr?.isFork && pr.headRepoFullName
      ? { forkHead: { repository: pr.headRepoFullName, branch: pr.headRef } }
      : {}),
    want: inputs.runs
  })
  const blocked =
    (!inputs.kernel
      ? 'input kernel is empty (the kernel the perf runs boot)'
      : pr?.isFork && !inputs.allowForkProduce
        ? 'this is a fork pull request: its code does not run on a shared KVM host unless allow-fork-produce is true'
        : undefined) ?? (await forkApprovalBlocked(inputs, pr, octokit, ctx, log))
  const agent =
    inputs.produce === 'never' || blocked
      ? undefined
      : (deps.agent ?? execAgent)({
          command: inputs.agent,
          repo: ctx.workspace,
          filter: inputs.filter,
          allowUntrusted: inputs.allowForkProduce,
          cacheStore: !pr?.isFork,
          secrets: [inputs.token],
          log,
          env: deps.env
        })
  if (agent) step.agent = agent
  const outcome = await gatherSamples(needs, {
    poolDir: step.poolDir,
    checkout: ctx.workspace,
    kernel: inputs.kernel,
    hostClass: inputs.hostClass,
    produce: inputs.produce,
    extraRuns: inputs.extraRuns,
    // The deep baseline and its sentinel belong to the sequential rule (DESIGN §4a); ktstr's rule
    // keeps perf-delta's N runs per side.
    ...(inputs.rule === 'sequential' ? { deep: inputs.baselineRuns, sentinel: inputs.sentinelRuns } : {}),
    // A push recording its commit (mode: produce, no baseline): the baseline of later pull requests,
    // so the agent keeps the runs in its host cache too (it stores only commits on a branch).
    ...(inputs.mode === 'produce' && !sides.resolved && ctx.eventName === 'push' ? { cacheHead: true } : {}),
    registryHash: registry.hash,
    log,
    ...(octokit && client
      ? {
          github: {
            octokit,
            client,
            token: inputs.token,
            owner: ctx.owner,
            repo: ctx.repo,
            defaultBranch: inputs.defaultBranch
          }
        }
      : {}),
    ...(agent ? { agent } : {}),
    ...(blocked ? { produceBlocked: blocked } : {})
  })
  for (const o of outcome)
    log.info(
      `${o.side} ${o.commit.label}: ${o.have} run(s) (pool ${o.fromPool}, artifact ${o.fromArtifact?.runs ?? 0}, produced ${o.produced})`
    )
  return outcome
}

/** Uploads each side's runs as an artifact, so later runs restore them instead of producing them. */
async function uploadSideArtifacts(step: Step, outcome: readonly SideOutcome[]): Promise<void> {
  const { inputs, client, log } = step
  if (!inputs.upload || !client || !step.canUpload) return
  await uploadSides({
    client,
    poolDir: step.poolDir,
    sides: outcome.map((o) => ({ sha: o.commit.sha, label: o.commit.label })),
    kernel: inputs.kernel,
    // A shard's part of the perf set gets its own name (artifact names are unique per run); the
    // gate job merges the shards and uploads the union under the plain name for later runs.
    hostClass: inputs.shard ? `${inputs.hostClass}-${inputs.shard}` : inputs.hostClass,
    retentionDays: inputs.retentionDays,
    uploaded: step.uploaded,
    log
  })
  step.sidesCurrent = true
}

/** 3. gate: the pool compared as perf-delta compares it (an empty pool is HEAD without samples: no-data). */
async function gate(step: Step, sides: Sides, g: GateInputs, headWhy: string | null): Promise<Comparison> {
  const { inputs, ctx, deps } = step
  await mkdir(step.poolDir, { recursive: true })
  const { comparison: c } = await comparePool({
    dir: step.poolDir,
    cwd: ctx.workspace,
    env: deps.env,
    filters: { shared: {}, a: {}, b: {} },
    resolved: sides.resolved!,
    registry: g.registry,
    options: {
      failThreshold: inputs.failThreshold,
      mustFail: g.mustFail,
      policy: g.policy,
      thresholdPercent: inputs.threshold !== undefined ? Number(inputs.threshold) : null,
      policySource: inputs.policy ?? null,
      fdr: inputs.fdr,
      rule: inputs.rule,
      sequential: { maxRuns: inputs.maxRuns }
    }
  })
  if (c.verdict === 'no-data' && headWhy) {
    // Say why in the gate's own terms (nothing restored, doctor failed …); the pool's listing stays a notice.
    c.notices.unshift(...c.reasons)
    c.reasons = [headWhy]
  }
  const checked = withSentinel(c, step.sentinel ?? null)
  return deps.judge ? deps.judge(checked) : checked
}

/**
 * 2a. the deep baseline's sentinel (DESIGN §4a): cached baseline runs of a test that disagree with
 * its fresh ones (host drift) are dropped, and fresh runs of both sides are produced for that test.
 */
async function sentinel(step: Step, sides: Sides, registry: Registry): Promise<SentinelReport | null> {
  const { inputs, agent } = step
  if (!sides.resolved) return null
  const base = sides.resolved.base
  return runSentinel({
    poolDir: step.poolDir,
    baseLabel: base.label,
    headLabel: sides.head.label,
    registry,
    log: step.log,
    ...(agent
      ? {
          produce: async (filter: string) => {
            await agent.produce({
              base: base.sha,
              head: sides.head.sha,
              kernel: inputs.kernel,
              runs: inputs.runs,
              add: inputs.runs,
              filter,
              out: step.poolDir
            })
          }
        }
      : {})
  })
}

/**
 * 3a. the sequential rule's top-up rounds (DESIGN §4a): more runs of exactly the tests with
 * undecided rows, gated again, until each row is decided or max-runs / time-budget is reached.
 * The runs land in the pool and are uploaded after each round, so a rerun restores them.
 */
async function topUpRounds(
  step: Step,
  sides: Sides,
  g: GateInputs,
  outcome: readonly SideOutcome[],
  first: Comparison,
  t: { startedAt: number; gatherMs: number; now: () => number }
): Promise<Comparison> {
  const { inputs, log, agent } = step
  const open = first.rows.filter((r) => r.state === 'undecided').length
  if (open === 0 || (first.verdict !== 'pass' && first.verdict !== 'fail')) return first
  const produced = outcome.reduce((s, o) => s + o.produced, 0)
  const doctor = agent && produced === 0 ? await agent.doctor(step.poolDir) : null
  const why = !agent
    ? (outcome.find((o) => o.notProduced)?.notProduced ?? 'no runner agent')
    : doctor && !doctor.ok
      ? `ktstr-agent doctor: ${doctor.why}`
      : null
  if (why || !agent || !sides.resolved) {
    log.notice(`${open} row(s) undecided (sequential rule) and no runs can be added here: ${why}`)
    return first
  }
  const base = sides.resolved.base.sha
  const r = await topUp({
    first,
    regate: () => gate(step, sides, g, null),
    produce: async (p) => {
      await agent.produce({
        ...(p.base ? { base } : {}),
        head: sides.head.sha,
        kernel: inputs.kernel,
        runs: p.add,
        add: p.add,
        filter: p.filter,
        out: step.poolDir
      })
    },
    batch: inputs.runs,
    maxRuns: inputs.maxRuns,
    budgetMs: inputs.timeBudgetMin * 60_000,
    startedAt: t.startedAt,
    now: t.now,
    firstRound: produced > 0 ? { ms: t.gatherMs, testRuns: produced * suiteSize(first) } : null,
    // Each round's runs are uploaded as it ends, so a job cancelled later still leaves them for a rerun.
    afterRound: () => uploadSideArtifacts(step, outcome),
    log
  })
  log.info(`sequential rule: ${r.rounds} top-up round(s), stopped: ${r.stopped}`)
  return r.comparison
}

/**
 * 3b. waivers (core/waiver.ts): the accept file's entries, then, when the gate still fails, the
 * accept label for this head. Anything that cannot be checked leaves the failure, with a notice.
 * A passing gate looks too: the run a labelling triggered records the acceptance even when its
 * gate passes, and later runs keep the record, so a run of the same head that fails (more runs,
 * another rule) still finds the label bound to this head.
 */
async function waive(step: Step, sides: Sides, g: GateInputs, c: Comparison): Promise<Comparison> {
  const { inputs, ctx, log, pr, octokit, deps } = step
  const byFile = applyWaivers(c, { accept: g.accept })
  const name = inputs.acceptLabel
  const failing = byFile.verdict === 'fail'
  if (!name || (!failing && byFile.verdict !== 'pass')) return byFile
  const unchecked = (why: string) => {
    if (failing) byFile.notices.push(`accept label ${name} not checked: ${why}; the gate fails`)
    else log.info(`accept label ${name} not checked: ${why}`)
    return byFile
  }
  if (!octokit) return unchecked('no github-token to read the label')
  const prNumber = pr?.number ?? (await findPr(octokit, ctx, sides.headRunSha, log, deps.env.GITHUB_REF))
  if (!prNumber) return unchecked('this run belongs to no pull request')
  const headSha = sides.headRunSha
  let facts: Awaited<ReturnType<typeof labelFacts>>
  try {
    facts = await labelFacts({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber,
      label: name,
      headSha,
      eventName: ctx.eventName,
      payload: ctx.payload,
      marker: commentMarker(step.key)
    })
  } catch (e) {
    return unchecked(`${terminalText((e as Error).message, 300)} (the token needs pull-requests: read)`)
  }
  const status = labelStatus(facts)
  if (status.state === 'accepted') {
    log.info(
      `accept label ${terminalText(name, 100)}: applied by @${terminalText(status.by, 100)} to ${headSha.slice(0, 7)} (${status.how === 'trigger' ? 'this run' : 'recorded by the run it triggered'}); ${failing ? 'the failure is accepted' : 'recorded for this head'}`
    )
    // The run the labelling triggered records it; later runs of this head find it in the comment.
    step.commentTrailer = acceptRecordLine({
      label: name,
      sha: headSha,
      eventId: status.eventId,
      by: status.by
    })
  }
  return applyWaivers(c, { accept: g.accept, label: { name, headSha, status } })
}

/** Tests in the comparison (what one full-suite run runs). */
function suiteSize(c: Comparison): number {
  return Math.max(1, new Set(c.rows.map((r) => r.test)).size)
}

/**
 * 4. publish: log, report, summary, outputs, annotations, artifacts, comment — in that order, so
 * a failing API call late never costs the earlier results.
 */
async function publish(
  step: Step,
  c: Comparison,
  sides: Sides,
  outcome: readonly SideOutcome[]
): Promise<void> {
  const { inputs, ctx, deps, log, pr, octokit, client, key } = step
  // The table in a collapsible group titled with the verdict, so the outcome shows without opening it.
  await inGroup(log, `ktstr-perf-gate: ${verdictWord(c)} — ${reasonSentence(c)}`, () =>
    log.inert(() => log.info(renderTerminal(c, { color: true })))
  )
  for (const m of c.malformed)
    log.warning(
      `malformed sidecar skipped (${c.malformed.length} in all): ${terminalText(m.file, 300)} at ${terminalText(m.path, 200)}: ${terminalText(m.message, 300)}`
    )
  for (const n of c.notices) log.notice(n)
  const reportPath = await writeReport(c, path.join(ctx.tempDir, 'ktstr-perf-gate'), key)
  await deps
    .writeSummary(
      renderSummary(c, { ...ctx.links, hostClass: inputs.hostClass, acceptLabel: inputs.acceptLabel || null })
    )
    .catch((e: Error) => log.warning(`job summary not written: ${e.message}`))
  for (const [k, v] of Object.entries(outputs(c, reportPath))) deps.setOutput(k, v)
  annotate(c, log)
  if (!step.sidesCurrent) await uploadSideArtifacts(step, outcome)
  const prNumber =
    pr?.number ?? (octokit ? await findPr(octokit, ctx, sides.headRunSha, log, deps.env.GITHUB_REF) : null)
  if (inputs.upload && client && step.canUpload) {
    const up = await uploadReportArtifact({
      client,
      key,
      c,
      prNumber,
      headSha: sides.headRunSha,
      hostClass: inputs.hostClass,
      retentionDays: inputs.retentionDays,
      log
    })
    if (up) await recordReport(up, deps)
  }
  if (inputs.comment === 'never') return
  if (pr?.isFork)
    log.notice(
      'fork pull request: the token is read-only, so no comment is posted from here; the report artifact carries the result and a workflow_run workflow with mode: comment posts it'
    )
  else if (prNumber && octokit) {
    const url = await postComment({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber,
      key,
      c,
      mode: inputs.comment,
      links: ctx.links,
      log,
      report: { hostClass: inputs.hostClass, acceptLabel: inputs.acceptLabel || null },
      ...(step.commentTrailer ? { trailer: step.commentTrailer } : {})
    })
    if (url) deps.setOutput('comment-url', url)
  }
}

/** Why HEAD has no samples after gathering (none in the pool, restored or produced, and why not), or null. */
function headSamplesWhy(outcome: readonly SideOutcome[]): string | null {
  const h = outcome.find((o) => o.side === 'HEAD')
  if (!h || h.have > 0) return null
  return `HEAD ${h.commit.label} has no samples: none in the pool, none restored from an earlier run's artifact, none produced${h.notProduced ? ` (${h.notProduced})` : ''}`
}

/** Ends the step per the verdict: a failed gate, no data (per on-no-data), malformed sidecars under strict. */
function conclude(c: Comparison, inputs: ActionInputs, deps: ActionDeps): void {
  if (c.verdict === 'fail') deps.setFailed(`ktstr-perf-gate: ${c.reasons.join('; ')}`)
  else if (c.verdict === 'no-data') noData(c.reasons.join('; '), inputs, deps)
  if (inputs.strict && c.malformed.length > 0)
    deps.setFailed(
      `ktstr-perf-gate: ${c.malformed.length} malformed sidecar(s) and strict: true — fix or delete them (the warnings name each)`
    )
}

/** Nothing was measured: a failed step unless on-no-data: pass, then a warning. */
function noData(why: string, inputs: ActionInputs, deps: ActionDeps): void {
  if (inputs.onNoData === 'fail')
    deps.setFailed(
      `ktstr-perf-gate: no data — ${why}; fix that, or set on-no-data: pass to let such runs pass`
    )
  else deps.log.warning(`ktstr-perf-gate: no data — ${why} (on-no-data: pass)`)
}

/** `mode: comment`, in a workflow_run workflow with a write token: re-render and post the fork PR's result. */
async function commentMode(inputs: ActionInputs, ctx: Context, deps: ActionDeps): Promise<void> {
  const wr = workflowRunFromPayload(ctx.payload)
  if (!wr) {
    const problem = workflowRunProblem(ctx.payload)
    throw new UsageError(
      `mode comment runs on the workflow_run event; ${terminalText(problem ?? 'no workflow run', 300)} (event ${terminalText(ctx.eventName || 'unknown', 60)})`,
      ctx.eventName === 'workflow_run'
        ? 'the payload at GITHUB_EVENT_PATH should be the one GitHub wrote for this run; do not replace it'
        : 'trigger it with `on: workflow_run: {workflows: [...], types: [completed]}`'
    )
  }
  if (!inputs.token)
    throw new UsageError('mode comment needs input github-token with pull-requests: write and actions: read')
  if (wr.headRepoFullName && wr.headRepoFullName.toLowerCase() === `${ctx.owner}/${ctx.repo}`.toLowerCase()) {
    // A branch of this repository: its gate job had a write token and posted the comment itself.
    deps.log.info(
      `run ${wr.runId} is not from a fork (${wr.headRepoFullName}); its own job posted the comment — nothing to do`
    )
    return
  }
  const octokit = (deps.github ?? defaultGitHub(ctx, deps.log))(inputs.token)
  const client = await deps.artifactClient()
  const findBy = { token: inputs.token, owner: ctx.owner, repo: ctx.repo, runId: wr.runId }
  // The key is the gate job's (workflow/job of the *triggering* run), not this workflow's: with no
  // comment-key, post every report artifact the run left, each under the key in its name.
  const keys = inputs.commentKey ? [inputs.commentKey] : await reportKeysOf(client, findBy)
  if (keys.length === 0) {
    deps.log.notice(`run ${wr.runId} left no ktstr-perf-gate report artifact; nothing to post`)
    return
  }
  for (const key of keys) {
    let got: Awaited<ReturnType<typeof downloadReport<Comparison>>>
    try {
      got = await downloadReport<Comparison>({
        client,
        findBy,
        name: reportArtifactName(key),
        parseReport: (v) => parseComparisonJson(v, `of run ${wr.runId}`)
      })
    } catch (e) {
      // A report that cannot be verified is not posted; the other keys still are.
      deps.log.warning(`not commenting: ${terminalText((e as Error).message, 400)}`)
      continue
    }
    if (!got) {
      deps.log.notice(`run ${wr.runId} left no report artifact ${reportArtifactName(key)}; nothing to post`)
      continue
    }
    const pr = await commentTarget(octokit, ctx, wr, got)
    if (!pr.ok) {
      deps.log.notice(`not commenting from ${reportArtifactName(key)} of run ${wr.runId}: ${pr.reason}`)
      continue
    }
    const report = await confirmLabelWaiver(octokit, ctx, pr.number, got.report)
    if (report !== got.report) deps.log.warning(`run ${wr.runId}: ${terminalText(report.reasons[0]!, 400)}`)
    const url = await postComment({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber: pr.number,
      key,
      c: report,
      mode: inputs.comment,
      // The gate run's pages, not this comment workflow's: its rerun link dispatches the gate's workflow.
      links: {
        repoUrl: ctx.links.repoUrl,
        runUrl: `${ctx.links.repoUrl}/actions/runs/${wr.runId}`,
        ...(wr.workflowFile
          ? { workflowUrl: `${ctx.links.repoUrl}/actions/workflows/${wr.workflowFile}` }
          : {})
      },
      log: deps.log,
      report: { hostClass: got.hostClass ?? null, acceptLabel: inputs.acceptLabel || null }
    })
    if (url) deps.setOutput('comment-url', url)
    deps.setOutput('verdict', report.verdict)
  }
}

/**
 * A fork run's report is written by the PR's code: a label waiver in it is a claim. It stands only
 * when GitHub's label history shows that login applied that label last and has write access;
 * otherwise the failure it claimed to accept is restored (core/waiver.ts refuteLabelWaiver).
 */
async function confirmLabelWaiver(
  octokit: GitHubClient,
  ctx: Context,
  prNumber: number,
  c: Comparison
): Promise<Comparison> {
  const w = c.waivers?.find((x) => x.via === 'label')
  if (!w) return c
  const why = await checkLabelClaim({
    octokit,
    owner: ctx.owner,
    repo: ctx.repo,
    prNumber,
    label: w.source,
    by: w.by ?? ''
  })
  return why ? refuteLabelWaiver(c, why) : c
}

/**
 * The PR a report may be posted on: the one whose head repository, branch and SHA are the
 * triggering run's, and which the report itself names. Everything in the report is a claim by
 * code we did not write; the run's own head (from the workflow_run payload) is GitHub's word.
 */
async function commentTarget(
  octokit: GitHubClient,
  ctx: Context,
  wr: WorkflowRunContext,
  got: { prNumber: number | null; headSha: string }
): Promise<ResolvedPullRequest> {
  if (!wr.headRepoFullName || !wr.headBranch)
    return { ok: false, reason: 'the triggering run names no head repository or branch (deleted fork?)' }
  if (got.headSha !== wr.headSha)
    return {
      ok: false,
      reason: `the report is for head ${got.headSha.slice(0, 7)}, the run's head is ${wr.headSha.slice(0, 7)}`
    }
  if (got.prNumber === null) return { ok: false, reason: 'the report names no pull request' }
  // The artifact's PR number is a claim by untrusted code: it must name an open PR whose head is this run's.
  return resolvePullRequestForRun({
    octokit,
    owner: ctx.owner,
    repo: ctx.repo,
    headSha: wr.headSha,
    headRepo: wr.headRepoFullName,
    headBranch: wr.headBranch,
    claimedNumber: got.prNumber
  })
}

/** Keys of the report artifacts (`ktstr-perf-gate-report-<key>`) a run uploaded. */
async function reportKeysOf(
  client: ArtifactClientLike,
  f: { token: string; owner: string; repo: string; runId: number }
): Promise<string[]> {
  const { artifacts } = await client.listArtifacts({
    latest: true,
    findBy: { token: f.token, workflowRunId: f.runId, repositoryOwner: f.owner, repositoryName: f.repo }
  })
  const prefix = reportArtifactName('x').slice(0, -1)
  return [
    ...new Set(artifacts.filter((a) => a.name.startsWith(prefix)).map((a) => a.name.slice(prefix.length)))
  ].sort()
}

async function findPr(
  octokit: GitHubClient,
  ctx: Context,
  headSha: string,
  log: Log,
  ref: string | undefined
): Promise<number | null> {
  // A run that is not a pull_request (workflow_dispatch, push) ran a branch of this repository:
  // only a PR from that branch is this run's, never a fork's PR that happens to be at the same commit.
  const headBranch = ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined
  if (!headBranch) return null
  try {
    const r = await resolvePullRequestForRun({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      headSha,
      headRepo: `${ctx.owner}/${ctx.repo}`,
      headBranch
    })
    return r.ok ? r.number : null
  } catch (e) {
    log.debug(`no pull request found for ${headSha.slice(0, 7)}: ${(e as Error).message}`)
    return null
  }
}

/** Outputs and the job summary say which report artifact this step uploaded, with its digest. */
async function recordReport(up: UploadedArtifact, deps: ActionDeps): Promise<void> {
  // The client returns bare hex; the REST API lists `sha256:<hex>`, which is what anyone compares with.
  const digest = up.digest && !up.digest.startsWith('sha256:') ? `sha256:${up.digest}` : up.digest
  deps.setOutput('report-artifact-id', String(up.id))
  if (digest) deps.setOutput('report-digest', digest)
  await deps.writeSummary(reportRecord({ ...up, digest })).catch(() => undefined)
}

/**
 * With `fork-approval-label`, a fork PR's code runs on the KVM host only when that label was
 * applied after its current head was pushed; why not, when it was not (or cannot be shown).
 */
async function forkApprovalBlocked(
  inputs: ActionInputs,
  pr: PullRequestContext | undefined,
  octokit: GitHubClient | undefined,
  ctx: Context,
  log: Log
): Promise<string | undefined> {
  if (!pr?.isFork || !inputs.allowForkProduce || !inputs.forkApprovalLabel || inputs.produce === 'never')
    return undefined
  const no = 'fork pull request not approved for this head'
  if (!octokit || !pr.headRepoFullName)
    return `${no}: no github-token to check label ${inputs.forkApprovalLabel}`
  try {
    const a = await checkForkApproval({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber: pr.number,
      headSha: pr.headSha,
      headRepo: pr.headRepoFullName,
      label: inputs.forkApprovalLabel
    })
    if (a.ok) log.info(`fork pull request approved: ${terminalText(a.why, 300)}`)
    return a.ok ? undefined : `${no}: ${terminalText(a.why, 300)}`
  } catch (e) {
    return `${no}: could not read the label's history (${(e as Error).message}); the token needs pull-requests: read and actions: read`
  }
}

function defaultGitHub(ctx: Context, log: Log): (token: string) => GitHubClient {
  // Each retry is one line in the job log, so a slow step says why it is slow.
  return (token) =>
    createGitHubClient({
      token,
      ...(ctx.apiUrl ? { baseUrl: ctx.apiUrl } : {}),
      retry: { log: (line) => log.info(line) }
    })
}

async function headOf(cwd: string): Promise<string> {
  const { simpleGit } = await import('simple-git')
  return (await simpleGit({ baseDir: cwd }).revparse(['HEAD'])).trim()
}
