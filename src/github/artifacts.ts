// Sidecar and report artifacts: naming, upload with the real @actions/artifact client, lookup
// of earlier successful runs for a commit through the REST API, and download + safe extraction
// (./extract.ts). Everything that comes back from an artifact is untrusted input.
//
// Downloads go through `downloadArtifact(..., {skipDecompress: true, expectedHash})` so the
// client only fetches the zip (checking its SHA-256 against the digest GitHub lists) and our
// extractor, not the client's streaming unzip, decides what reaches the disk.
import type { ArtifactClient } from '@actions/artifact'
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import * as z from 'zod'
import { DEFAULT_EXTRACT_LIMITS, extractZipSafely, type ExtractLimits } from './extract.js'
import type { GitHubClient } from './retry.js'

/** The parts of @actions/artifact's client we use (so tests and callers can wrap it). */
export type ArtifactClientLike = Pick<
  ArtifactClient,
  'uploadArtifact' | 'downloadArtifact' | 'listArtifacts' | 'deleteArtifact'
>

/** Characters @actions/artifact rejects in names, plus anything outside a safe set. */
const NAME_UNSAFE = /[^A-Za-z0-9._+-]+/g
const MAX_NAME_PART = 80

function namePart(value: string, what: string): string {
  const cleaned = value
    .replace(NAME_UNSAFE, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, MAX_NAME_PART)
  if (!cleaned) {
    throw new Error(
      `${what} ${JSON.stringify(value.slice(0, 80))} has nothing usable in an artifact name — pass a kernel/host class made of letters, digits, ".", "_", "+" or "-"`
    )
  }
  return cleaned
}

/** `ktstr-sidecars-<kernel>-<commit7>-<hostclass>`, sanitized to the artifact name rules. */
export function sidecarArtifactName(kernel: string, commit: string, hostClass: string): string {
  if (!/^[0-9a-fA-F]{7,40}$/.test(commit)) {
    throw new Error(
      `commit ${JSON.stringify(commit.slice(0, 50))} is not a hex SHA (7–40 characters) — pass the resolved commit`
    )
  }
  return `ktstr-sidecars-${namePart(kernel, 'kernel')}-${commit.slice(0, 7).toLowerCase()}-${namePart(hostClass, 'host class')}`
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g

/** First line of an error's message, control characters removed, bounded. */
function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err)
  return (text.split('\n')[0] ?? '').replace(CONTROL_CHARS, ' ').trim().slice(0, 240)
}

/** Regular files under `dir`, recursively; symlinks and special files are refused. */
async function listFiles(dir: string, cap = DEFAULT_EXTRACT_LIMITS.maxEntries): Promise<string[]> {
  const out: string[] = []
  const walk = async (d: string): Promise<void> => {
    for (const ent of await readdir(d, { withFileTypes: true })) {
      const p = join(d, ent.name)
      if (ent.isDirectory()) await walk(p)
      else if (ent.isFile()) out.push(p)
      else
        throw new Error(
          `${relative(dir, p)} in ${dir} is not a regular file (symlink or special) — pools contain plain files only`
        )
      if (out.length > cap)
        throw new Error(`${dir} has over ${cap} files — upload one pool subtree, not a whole tree`)
    }
  }
  await walk(dir)
  return out.sort()
}

/** Result of an upload, as the client reports it. */
export interface UploadedArtifact {
  id: number
  name: string
  size: number | undefined
  digest: string | undefined
}

/** Uploads every file under `dir` (paths kept relative to it) as artifact `name`. */
export async function uploadDirectory(opts: {
  client: ArtifactClientLike
  name: string
  dir: string
  retentionDays?: number
}): Promise<UploadedArtifact> {
  const st = await lstat(opts.dir).catch(() => undefined)
  if (!st?.isDirectory())
    throw new Error(`artifact ${opts.name}: ${opts.dir} is not a directory — nothing to upload`)
  const files = await listFiles(opts.dir)
  if (files.length === 0)
    throw new Error(`artifact ${opts.name}: ${opts.dir} has no files — nothing to upload`)
  let res: Awaited<ReturnType<ArtifactClientLike['uploadArtifact']>>
  try {
    res = await opts.client.uploadArtifact(opts.name, files, opts.dir, {
      ...(opts.retentionDays !== undefined ? { retentionDays: opts.retentionDays } : {})
    })
  } catch (err) {
    const msg = firstLine(err)
    const advice = /already exists|\(409\)/i.test(msg)
      ? 'artifacts are immutable: one name per run (add the shard/host class to the name)'
      : /GHES|not currently supported/i.test(msg)
        ? 'artifacts v4 are not available on GitHub Enterprise Server; use a pool directory or the host cache'
        : 'run inside a GitHub Actions job (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL) and re-run it'
    throw new Error(`artifact ${opts.name}: upload failed: ${msg} — ${advice}`, { cause: err })
  }
  if (res.id === undefined)
    throw new Error(`artifact ${opts.name}: the artifact service returned no id — re-run the job`)
  return { id: res.id, name: opts.name, size: res.size, digest: res.digest }
}

/** An artifact of an earlier run, found through the REST API. */
export interface FoundArtifact {
  runId: number
  runCreatedAt: string
  headSha: string
  artifactId: number
  name: string
  sizeInBytes: number
  /** `sha256:<hex>` as GitHub lists it, when known. */
  digest: string | undefined
}

/**
 * Whose workflow runs may supply samples (DESIGN §5, trusted producers). The artifact of a run
 * holds whatever the code that run executed chose to upload, so the run's provenance is what is
 * trusted, not the artifact: runs of this repository's own code only, which a writer of the
 * repository pushed — `push` to the default branch, `pull_request` from a branch of this
 * repository, `workflow_dispatch` (needs write access). A fork PR's runs are trusted only for
 * that PR's own HEAD (`forkHead`): they can mislead that PR's verdict, which its code could do
 * anyway, and nothing else.
 */
export interface RunTrust {
  /** `owner/name` of this repository. */
  repository: string
  /** The default branch: its pushes record the baseline commits. */
  defaultBranch: string
  /** A fork PR's head repository and branch, whose runs are trusted for that PR's HEAD only. */
  forkHead?: { repository: string; branch: string } | undefined
}

/** The fields of a workflow run the trust decision reads (as the REST API lists them). */
export interface RunProvenance {
  event: string
  head_branch: string | null
  head_repository?: { full_name: string } | null
}

/** Why a run's artifacts are not trusted for this side, or null when they are. */
export function untrustedRun(run: RunProvenance, trust: RunTrust): string | null {
  const from = run.head_repository?.full_name
  const same = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase()
  if (same(from, trust.repository)) {
    if (run.event === 'pull_request' || run.event === 'workflow_dispatch') return null
    if (run.event === 'push' && run.head_branch === trust.defaultBranch) return null
    return `a ${run.event} run${run.head_branch ? ` of ${run.head_branch}` : ''} (trusted: push to ${trust.defaultBranch}, pull_request from this repository, workflow_dispatch)`
  }
  const fork = trust.forkHead
  if (fork && run.event === 'pull_request' && same(from, fork.repository) && run.head_branch === fork.branch)
    return null
  return `a run of ${from ?? 'a deleted repository'} (a fork's runs serve only that pull request's own HEAD)`
}

/**
 * Non-expired artifacts called `name` from successful runs of this repository whose head SHA
 * is `headSha`, newest run first (and newest artifact first within a run). With `trust`, runs
 * it does not trust are skipped (`log` says which).
 */
export async function findArtifactsForCommit(opts: {
  octokit: GitHubClient
  owner: string
  repo: string
  headSha: string
  name: string
  /** How many of the newest successful runs to look at (≤ 100). */
  maxRuns?: number
  /**
   * Run conclusions to accept (default `['success']`). A gate that found a regression fails its
   * run, yet its samples are sound: reruns and top-ups pass `['success', 'failure']`.
   */
  conclusions?: readonly string[]
  trust?: RunTrust
  log?: (line: string) => void
}): Promise<FoundArtifact[]> {
  if (!/^[0-9a-f]{40}$/.test(opts.headSha)) {
    throw new Error(
      `head SHA ${JSON.stringify(opts.headSha.slice(0, 50))} is not a full 40-hex commit — resolve the commit before looking up artifacts`
    )
  }
  const perPage = Math.min(Math.max(opts.maxRuns ?? 20, 1), 100)
  const conclusions = opts.conclusions ?? ['success']
  const onlySuccess = conclusions.length === 1 && conclusions[0] === 'success'
  const { data } = await opts.octokit.rest.actions.listWorkflowRunsForRepo({
    owner: opts.owner,
    repo: opts.repo,
    head_sha: opts.headSha,
    status: onlySuccess ? 'success' : 'completed',
    per_page: perPage
  })
  const runs = data.workflow_runs
    .filter((r) => r.head_sha === opts.headSha && conclusions.includes(r.conclusion ?? ''))
    .filter((r) => {
      const why = opts.trust ? untrustedRun(r, opts.trust) : null
      if (why) opts.log?.(`not restoring from run ${r.id}: ${why}`)
      return !why
    })
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)
  const found: FoundArtifact[] = []
  for (const run of runs) {
    const { data: arts } = await opts.octokit.rest.actions.listWorkflowRunArtifacts({
      owner: opts.owner,
      repo: opts.repo,
      run_id: run.id,
      name: opts.name,
      per_page: 100
    })
    const usable = arts.artifacts
      .filter((a) => a.name === opts.name && !a.expired)
      .sort((a, b) => b.id - a.id)
      .map((a) => ({
        runId: run.id,
        runCreatedAt: run.created_at,
        headSha: run.head_sha,
        artifactId: a.id,
        name: a.name,
        sizeInBytes: a.size_in_bytes,
        digest: a.digest ?? undefined
      }))
    found.push(...usable)
  }
  return found
}

/** Where to download from: another run of this repository, with a token that can read Actions. */
export interface FindBy {
  token: string
  owner: string
  repo: string
  runId: number
}

/** FindBy in @actions/artifact's own terms. */
function clientFindBy(f: FindBy) {
  return { token: f.token, workflowRunId: f.runId, repositoryOwner: f.owner, repositoryName: f.repo }
}

/** Downloads artifact `artifactId` of run `findBy.runId` and extracts it safely into `targetDir`. */
export async function downloadArtifactSafely(opts: {
  client: ArtifactClientLike
  findBy: FindBy
  artifactId: number
  name: string
  /** `sha256:<hex>`; when given, a mismatch is an error. */
  expectedDigest?: string
  targetDir: string
  limits?: Partial<ExtractLimits> & { maxArchiveBytes?: number }
}): Promise<string[]> {
  const limits: ExtractLimits = { ...DEFAULT_EXTRACT_LIMITS, ...opts.limits }
  const maxArchive = opts.limits?.maxArchiveBytes ?? limits.maxTotalBytes
  const label = `artifact ${opts.name} (id ${opts.artifactId}, run ${opts.findBy.runId})`
  const scratch = await mkdtemp(join(tmpdir(), 'ktstr-artifact-'))
  try {
    let res: Awaited<ReturnType<ArtifactClientLike['downloadArtifact']>>
    try {
      res = await opts.client.downloadArtifact(opts.artifactId, {
        path: scratch,
        skipDecompress: true,
        ...(opts.expectedDigest ? { expectedHash: opts.expectedDigest } : {}),
        findBy: clientFindBy(opts.findBy)
      })
    } catch (err) {
      throw new Error(
        `${label}: download failed: ${firstLine(err)} — the token needs \`actions: read\`; an expired or deleted artifact cannot be fetched`,
        { cause: err }
      )
    }
    if (res.digestMismatch) {
      throw new Error(
        `${label}: downloaded content does not match its SHA-256 digest — the artifact is corrupt or was replaced; re-run the producing job`
      )
    }
    const entries = await readdir(scratch, { withFileTypes: true })
    const files = entries.filter((e) => e.isFile())
    if (entries.length !== 1 || files.length !== 1) {
      throw new Error(
        `${label}: expected one archive from the download, got ${entries.length} entries — re-run the job`
      )
    }
    const archive = join(scratch, files[0]!.name)
    const st = await lstat(archive)
    if (st.size > maxArchive)
      throw new Error(`${label}: archive is ${st.size} bytes, over the ${maxArchive}-byte cap`)
    return await extractZipSafely(archive, opts.targetDir, limits, label)
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** A restored pool subtree and where it came from. */
export interface RestoredArtifact {
  artifact: FoundArtifact
  dir: string
  files: string[]
}

/**
 * Finds the newest usable artifact `name` for `headSha` and extracts it into `targetDir` (new or
 * empty; a rejected or failed candidate leaves it empty again).
 * `accept` (e.g. the manifest check: same kernel, host class, registry) can refuse one, and the
 * next older is tried. Undefined when none fits.
 */
export async function restoreArtifact(opts: {
  octokit: GitHubClient
  client: ArtifactClientLike
  token: string
  owner: string
  repo: string
  headSha: string
  name: string
  targetDir: string
  maxRuns?: number
  limits?: Partial<ExtractLimits> & { maxArchiveBytes?: number }
  conclusions?: readonly string[]
  trust?: RunTrust
  accept?: (dir: string, artifact: FoundArtifact) => Promise<boolean>
  log?: (line: string) => void
}): Promise<RestoredArtifact | undefined> {
  // Never clear a directory we did not fill: the target must be new or empty.
  const existed = await lstat(opts.targetDir).then(
    () => true,
    () => false
  )
  await mkdir(opts.targetDir, { recursive: true })
  if ((await readdir(opts.targetDir)).length > 0) {
    throw new Error(
      `restoring artifact ${opts.name}: ${opts.targetDir} is not empty — pass a fresh directory for the restored pool subtree`
    )
  }
  const clear = async (): Promise<void> => {
    for (const entry of await readdir(opts.targetDir)) {
      await rm(join(opts.targetDir, entry), { recursive: true, force: true })
    }
  }
  const candidates = await findArtifactsForCommit(opts)
  for (const artifact of candidates) {
    const files = await downloadArtifactSafely({
      client: opts.client,
      findBy: { token: opts.token, owner: opts.owner, repo: opts.repo, runId: artifact.runId },
      artifactId: artifact.artifactId,
      name: artifact.name,
      ...(artifact.digest ? { expectedDigest: artifact.digest } : {}),
      targetDir: opts.targetDir,
      ...(opts.limits ? { limits: opts.limits } : {})
    })
    if (!opts.accept || (await opts.accept(opts.targetDir, artifact))) {
      return { artifact, dir: opts.targetDir, files }
    }
    opts.log?.(
      `artifact ${artifact.name} of run ${artifact.runId} does not match (manifest); trying an older one`
    )
    await clear()
  }
  if (!existed) await rm(opts.targetDir, { recursive: true, force: true })
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Report artifacts: the JSON report plus the PR number and head SHA, so the `workflow_run`
// comment job (write token, default-branch code) can post what a fork PR's job computed.

export const REPORT_FILE = 'ktstr-perf-gate-report.json'
const REPORT_MAX_BYTES = 8 * 1024 * 1024

/** Name of the report artifact; `key` (e.g. matrix shard) keeps several apart. */
export function reportArtifactName(key?: string): string {
  return key ? `ktstr-perf-gate-report-${namePart(key, 'report key')}` : 'ktstr-perf-gate-report'
}

const envelopeSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('ktstr-perf-gate-report'),
  prNumber: z.number().int().positive().nullable(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  // Added: the gate step's host-class input, so the comment job's headline names it. Written by the
  // run under test, like the report: a label, escaped where it is shown.
  hostClass: z.string().max(100).optional(),
  report: z.unknown()
})

/** The minimal check of the report itself when the caller brings no parser (DESIGN §8 keys). */
const reportShape = z.looseObject({
  schemaVersion: z.literal(1),
  verdict: z.enum(['pass', 'fail', 'no-baseline']),
  counts: z.looseObject({
    regressions: z.number().int().nonnegative(),
    improvements: z.number().int().nonnegative()
  }),
  rows: z.array(z.unknown())
})

/** A report read back from an artifact, validated. */
export interface DownloadedReport<T> {
  prNumber: number | null
  headSha: string
  /** The gate's host class, when the envelope names one. */
  hostClass?: string
  report: T
  artifactId: number
  /** `sha256:<hex>` as GitHub lists it; the download matched it. */
  digest: string
}

/** Uploads `report` with its PR number and head SHA as artifact `name`. */
export async function uploadReport(opts: {
  client: ArtifactClientLike
  name: string
  report: unknown
  prNumber: number | null
  headSha: string
  hostClass?: string
  retentionDays?: number
}): Promise<UploadedArtifact> {
  const envelope = {
    schemaVersion: 1,
    kind: 'ktstr-perf-gate-report',
    prNumber: opts.prNumber,
    headSha: opts.headSha,
    ...(opts.hostClass ? { hostClass: opts.hostClass } : {}),
    report: opts.report
  }
  const checked = envelopeSchema.safeParse(envelope)
  if (!checked.success) {
    throw new Error(
      `report artifact ${opts.name}: ${checked.error.issues[0]?.path.join('.') ?? ''} ${checked.error.issues[0]?.message ?? 'invalid'} — pass the PR number (or null) and the full head SHA`
    )
  }
  const dir = await mkdtemp(join(tmpdir(), 'ktstr-report-'))
  try {
    await writeFile(join(dir, REPORT_FILE), `${JSON.stringify(envelope)}\n`)
    return await uploadDirectory({
      client: opts.client,
      name: opts.name,
      dir,
      ...(opts.retentionDays !== undefined ? { retentionDays: opts.retentionDays } : {})
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Downloads and validates the report artifact `name` of run `findBy.runId`. Undefined when the
 * run has no such artifact; an error when it has one that is not a valid report.
 */
export async function downloadReport<T = z.infer<typeof reportShape>>(opts: {
  client: ArtifactClientLike
  findBy: FindBy
  name: string
  /** Validates the inner report (throw on invalid); default: the DESIGN §8 top-level keys. */
  parseReport?: (value: unknown) => T
}): Promise<DownloadedReport<T> | undefined> {
  let artifacts: Awaited<ReturnType<ArtifactClientLike['listArtifacts']>>['artifacts']
  try {
    ;({ artifacts } = await opts.client.listArtifacts({
      findBy: clientFindBy(opts.findBy)
    }))
  } catch (err) {
    throw new Error(
      `report artifact ${opts.name}: listing artifacts of run ${opts.findBy.runId} failed: ${firstLine(err)} — the token needs \`actions: read\``,
      { cause: err }
    )
  }
  const matches = artifacts.filter((a) => a.name === opts.name)
  const match = matches[0]
  if (!match) return undefined
  const label = `report artifact ${opts.name} (run ${opts.findBy.runId})`
  // One name per run is all the Action uploads (and all artifacts v4 allows): a second one means
  // something else in that run uploaded under our name. Neither can be told apart; use none.
  if (matches.length > 1)
    throw new Error(
      `${label}: ${matches.length} artifacts carry this name (ids ${matches.map((a) => a.id).join(', ')}) — something beside ktstr-perf-gate uploaded one; not using any`
    )
  // The digest GitHub lists was computed by the artifact service at upload, not by the uploader:
  // the download must match it, so what is posted is byte for byte what the run uploaded.
  if (!match.digest)
    throw new Error(
      `${label}: GitHub lists no digest for it, so its content cannot be verified; not using it`
    )
  const dir = await mkdtemp(join(tmpdir(), 'ktstr-report-in-'))
  try {
    const files = await downloadArtifactSafely({
      client: opts.client,
      findBy: opts.findBy,
      artifactId: match.id,
      name: opts.name,
      expectedDigest: match.digest,
      targetDir: dir,
      limits: {
        maxEntries: 4,
        maxFileBytes: REPORT_MAX_BYTES,
        maxTotalBytes: REPORT_MAX_BYTES,
        maxArchiveBytes: REPORT_MAX_BYTES
      }
    })
    if (!files.includes(REPORT_FILE))
      throw new Error(`${label}: no ${REPORT_FILE} inside — was it uploaded by ktstr-perf-gate?`)
    let parsed: unknown
    try {
      parsed = JSON.parse(await readFile(join(dir, REPORT_FILE), 'utf8'))
    } catch (err) {
      throw new Error(
        `${label}: ${REPORT_FILE} is not valid JSON — the producing job wrote a broken report; re-run it`,
        {
          cause: err
        }
      )
    }
    const env = envelopeSchema.safeParse(parsed)
    if (!env.success) {
      const issue = env.error.issues[0]
      throw new Error(
        `${label}: ${issue?.path.join('.') || 'envelope'}: ${issue?.message ?? 'invalid'} — not a ktstr-perf-gate report`
      )
    }
    let report: T
    try {
      report = opts.parseReport
        ? opts.parseReport(env.data.report)
        : (reportShape.parse(env.data.report) as T)
    } catch (err) {
      const first =
        err instanceof z.ZodError
          ? `${err.issues[0]?.path.join('.')}: ${err.issues[0]?.message}`
          : (err as Error).message
      throw new Error(
        `${label}: report is invalid (${first.slice(0, 160)}) — not a report this version understands`,
        {
          cause: err
        }
      )
    }
    return {
      prNumber: env.data.prNumber,
      headSha: env.data.headSha,
      ...(env.data.hostClass ? { hostClass: env.data.hostClass } : {}),
      report,
      artifactId: match.id,
      digest: match.digest
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
