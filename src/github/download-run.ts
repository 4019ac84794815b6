// One workflow run's sidecar artifacts onto a laptop (`ktstr-perf-gate download`): find the run
// (a PR's newest run that uploaded sidecars, or a run id), then fetch each `ktstr-sidecars-*`
// artifact through the REST API (the zip endpoint's redirect to blob storage) into
// `{dir}/{artifact name}/` — the layout `gh run download -p 'ktstr-sidecars-*' -D dir` gives — and
// the run's report artifacts. Download and extraction go through artifacts.ts
// (downloadArtifactSafely, downloadReport) and extract.ts, like the Action's restores: digest
// checked, hostile zips refused, sizes capped. Names and content are the PR's: untrusted.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { UsageError } from '../core/errors.js'
import { isSidecarFileName } from '../core/sidecar.js'
import { ARTIFACT_DIR_PREFIX } from '../pool/read.js'
import { shellArg, terminalText } from '../report/escape.js'
import {
  downloadArtifactSafely,
  downloadReport,
  type ArtifactClientLike,
  type DownloadedReport
} from './artifacts.js'
import { DEFAULT_EXTRACT_LIMITS } from './extract.js'
import { GitHubApiError, type GitHubClient } from './retry.js'

type Listed = Awaited<ReturnType<ArtifactClientLike['listArtifacts']>>['artifacts'][number]

/** Caps for one run's download (all artifacts together), beside extract.ts's per-archive caps. */
export interface RunDownloadLimits {
  /** Sidecar artifacts fetched from one run at most. */
  maxArtifacts: number
  /** One archive (zip) at most, in bytes, as listed and as streamed. */
  maxArchiveBytes: number
  /** All archives of the run together, as listed, in bytes. */
  maxTotalBytes: number
}

export const DEFAULT_RUN_DOWNLOAD_LIMITS: RunDownloadLimits = {
  maxArtifacts: 100,
  maxArchiveBytes: DEFAULT_EXTRACT_LIMITS.maxTotalBytes,
  maxTotalBytes: 4 * DEFAULT_EXTRACT_LIMITS.maxTotalBytes
}

/** What the Action names its artifacts (artifacts.ts namePart keeps to this set). */
const SIDECAR_NAME = new RegExp(`^${ARTIFACT_DIR_PREFIX}[A-Za-z0-9._+-]{1,200}$`)
const REPORT_NAME = /^ktstr-perf-gate-report(-[A-Za-z0-9._+-]{1,80})?$/

/**
 * The artifact client's read side over REST with a user's token, for use off a runner: list a
 * run's artifacts, and download one by id through `GET …/artifacts/{id}/zip` (a 302 to blob
 * storage, fetched without the token, streamed to disk under a byte cap, SHA-256 computed).
 * Only `skipDecompress` downloads are served: extraction is extract.ts's job.
 */
export function restArtifactClient(o: {
  octokit: GitHubClient
  owner: string
  repo: string
  maxArchiveBytes?: number
  fetch?: typeof fetch
}): ArtifactClientLike {
  const cap = o.maxArchiveBytes ?? DEFAULT_RUN_DOWNLOAD_LIMITS.maxArchiveBytes
  const doFetch = o.fetch ?? fetch
  return {
    async listArtifacts(opts) {
      const runId = opts?.findBy?.workflowRunId
      if (runId === undefined) throw new Error('listing artifacts off a runner needs findBy (the run id)')
      return { artifacts: await listRunArtifacts(o.octokit, o.owner, o.repo, runId) }
    },
    async downloadArtifact(id, opts) {
      if (!opts?.path || !opts.skipDecompress)
        throw new Error('the REST artifact client only saves the zip (skipDecompress) into a given path')
      const res = await o.octokit.rest.actions.downloadArtifact({
        owner: o.owner,
        repo: o.repo,
        artifact_id: id,
        archive_format: 'zip',
        request: { redirect: 'manual' }
      })
      const location = res.headers.location
      if ((res.status as number) !== 302 || !location)
        throw new Error(`GitHub answered ${res.status} without a download location for artifact ${id}`)
      const digest = await saveCapped(doFetch, location, join(opts.path, `artifact-${id}.zip`), cap)
      return {
        downloadPath: opts.path,
        digestMismatch: opts.expectedHash !== undefined && opts.expectedHash !== digest
      }
    },
    uploadArtifact() {
      return Promise.reject(new Error('the REST artifact client is read-only'))
    },
    deleteArtifact() {
      return Promise.reject(new Error('the REST artifact client is read-only'))
    }
  }
}

/** Streams `url` into `file` (new), refusing past `cap` bytes; returns `sha256:<hex>`. */
async function saveCapped(doFetch: typeof fetch, url: string, file: string, cap: number): Promise<string> {
  // The signed blob URL carries its own authorization: the GitHub token is never sent there.
  const res = await doFetch(url, { redirect: 'follow' })
  if (!res.ok || !res.body) throw new Error(`blob storage answered HTTP ${res.status}`)
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > cap)
    throw new Error(`archive is ${declared} bytes, over the ${cap}-byte cap`)
  const hash = createHash('sha256')
  let bytes = 0
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      if (bytes > cap) return done(new Error(`archive is over the ${cap}-byte cap`))
      hash.update(chunk)
      done(null, chunk)
    }
  })
  const body = Readable.fromWeb(res.body as Parameters<typeof Readable.fromWeb>[0])
  await pipeline(body, count, createWriteStream(file, { flags: 'wx', mode: 0o600 }))
  return `sha256:${hash.digest('hex')}`
}

/** Non-expired artifacts of run `runId`, every page. */
export async function listRunArtifacts(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  runId: number
): Promise<Listed[]> {
  const all = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    owner,
    repo,
    run_id: runId,
    per_page: 100
  })
  return all
    .filter((a) => !a.expired)
    .map((a) => ({
      id: a.id,
      name: a.name,
      size: a.size_in_bytes,
      ...(a.created_at ? { createdAt: new Date(a.created_at) } : {}),
      ...(a.digest ? { digest: a.digest } : {})
    }))
}

/** A workflow run, as the download reports it. */
export interface ChosenRun {
  id: number
  headSha: string
  event: string
  status: string | null
  conclusion: string | null
  htmlUrl: string
  /** `owner/name` the head commit came from (a fork for a fork PR). */
  headRepository: string | null
  /** The run's sidecar and report artifacts (names checked). */
  sidecars: Listed[]
  reports: Listed[]
}

type RunJson = Awaited<ReturnType<GitHubClient['rest']['actions']['getWorkflowRun']>>['data']

/**
 * A `gh run download -p`-style name pattern (`*` any run of characters, the rest literal) as a
 * test; only names starting with `ktstr-sidecars-` are sidecar artifacts whatever the pattern.
 */
export function artifactPattern(glob = `${ARTIFACT_DIR_PREFIX}*`): (name: string) => boolean {
  const re = new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  )
  return (name) => name.startsWith(ARTIFACT_DIR_PREFIX) && re.test(name)
}

function chosen(run: RunJson, arts: Listed[], wanted = artifactPattern()): ChosenRun {
  return {
    id: run.id,
    headSha: run.head_sha,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    htmlUrl: run.html_url,
    headRepository: run.head_repository?.full_name ?? null,
    sidecars: arts.filter((a) => wanted(a.name)),
    reports: arts.filter((a) => REPORT_NAME.test(a.name))
  }
}

/** GitHub's 404 as one line about what was not found; other API errors pass through. */
async function orNotFound<T>(p: Promise<T>, what: string): Promise<T> {
  try {
    return await p
  } catch (e) {
    if (e instanceof GitHubApiError && e.kind === 'not-found')
      throw new UsageError(
        `${what} not found`,
        'check the repository and number, and that the token can read it (a fine-grained token needs Actions: read and Pull requests: read)'
      )
    throw e
  }
}

/** Run `runId` and its artifacts. */
export async function getRun(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  runId: number,
  wanted?: (name: string) => boolean
): Promise<ChosenRun> {
  const { data } = await orNotFound(
    octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId }),
    `workflow run ${runId} of ${owner}/${repo}`
  )
  return chosen(data, await listRunArtifacts(octokit, owner, repo, runId), wanted)
}

/**
 * The newest workflow run of pull request `pr`'s head commit that uploaded sidecar artifacts
 * (still listed, not expired). A usage error names what was missing: the PR, any run, or artifacts.
 */
export async function findPrRun(o: {
  octokit: GitHubClient
  owner: string
  repo: string
  pr: number
  /** Runs of the head commit to look at, newest first. */
  maxRuns?: number
  /** Which sidecar artifacts count (artifactPattern), and that pattern as the user wrote it. */
  wanted?: (name: string) => boolean
  patternText?: string
}): Promise<{ headSha: string; run: ChosenRun }> {
  const where = `${o.owner}/${o.repo}`
  const { data: pull } = await orNotFound(
    o.octokit.rest.pulls.get({ owner: o.owner, repo: o.repo, pull_number: o.pr }),
    `pull request #${o.pr} of ${where}`
  )
  const headSha = pull.head.sha
  const { data } = await o.octokit.rest.actions.listWorkflowRunsForRepo({
    owner: o.owner,
    repo: o.repo,
    head_sha: headSha,
    per_page: Math.min(o.maxRuns ?? 30, 100)
  })
  const runs = data.workflow_runs
    .filter((r) => r.head_sha === headSha)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)
  const short = headSha.slice(0, 7)
  if (runs.length === 0)
    throw new UsageError(
      `pull request #${o.pr} of ${where}: no workflow run for its head ${short}`,
      'push to the PR or wait for its perf workflow to start'
    )
  for (const run of runs) {
    const c = chosen(run, await listRunArtifacts(o.octokit, o.owner, o.repo, run.id), o.wanted)
    if (c.sidecars.length > 0) return { headSha, run: c }
  }
  throw new UsageError(
    `pull request #${o.pr} of ${where}: none of the ${runs.length} workflow run(s) of its head ${short} has artifacts matching ${shellArg(o.patternText ?? `${ARTIFACT_DIR_PREFIX}*`, 120)}`,
    'wait for the perf workflow to finish (with upload: true), or re-run it; expired artifacts cannot be fetched'
  )
}

/** One sidecar artifact put into the pool. */
export interface DownloadedSidecars {
  name: string
  id: number
  dir: string
  files: number
}

/** What `downloadRun` fetched. */
export interface RunDownload {
  sidecars: DownloadedSidecars[]
  /** The run's valid report artifacts (one per gate job key). */
  reports: (DownloadedReport<unknown> & { name: string })[]
  /** Artifacts not fetched or not kept, one line each (bad name, a report that failed to validate). */
  skipped: string[]
  /** Files that more than one kept artifact holds (their runs would count twice), one line each. */
  overlaps: string[]
}

/**
 * Downloads run `run`'s sidecar artifacts into `{dir}/{name}/` (each new or empty) and reads its
 * report artifacts. A bad name or a report that does not validate is skipped with a line; a
 * sidecar artifact that fails to download or extract stops the download and removes what it had
 * fetched, so a partial pool is never taken for the run's.
 */
export async function downloadRun(o: {
  client: ArtifactClientLike
  token: string
  owner: string
  repo: string
  run: ChosenRun
  dir: string
  limits?: Partial<RunDownloadLimits>
  log?: (line: string) => void
}): Promise<RunDownload> {
  const limits = { ...DEFAULT_RUN_DOWNLOAD_LIMITS, ...o.limits }
  const out: RunDownload = { sidecars: [], reports: [], skipped: [], overlaps: [] }
  const shown = (name: string) => terminalText(name, 120)
  const sidecars = o.run.sidecars.filter((a) => {
    if (SIDECAR_NAME.test(a.name)) return true
    out.skipped.push(`artifact ${shown(a.name)}: not a name the Action gives (letters, digits, . _ + - only)`)
    return false
  })
  if (sidecars.length > limits.maxArtifacts)
    throw new UsageError(
      `run ${o.run.id} has ${sidecars.length} sidecar artifacts, over the ${limits.maxArtifacts}-artifact cap`,
      'download the ones you need with gh run download -n NAME'
    )
  const total = sidecars.reduce((s, a) => s + a.size, 0)
  if (total > limits.maxTotalBytes)
    throw new UsageError(
      `run ${o.run.id}'s sidecar artifacts list ${total} bytes, over the ${limits.maxTotalBytes}-byte cap`,
      'download the ones you need with gh run download -n NAME'
    )
  await mkdir(o.dir, { recursive: true })
  const findBy = { token: o.token, owner: o.owner, repo: o.repo, runId: o.run.id }
  const contents = new Map<string, Map<string, string>>()
  const fetchOne = async (a: Listed): Promise<void> => {
    const target = join(o.dir, a.name)
    if (a.size > limits.maxArchiveBytes)
      throw new UsageError(
        `artifact ${shown(a.name)} of run ${o.run.id} is ${a.size} bytes, over the ${limits.maxArchiveBytes}-byte cap`
      )
    const st = await lstat(target).catch(() => null)
    if (st && (!st.isDirectory() || (await readdir(target)).length > 0))
      throw new UsageError(
        `${target} already exists and is not empty`,
        'pass a fresh --dir (or remove that directory) so runs are not mixed'
      )
    const files = await downloadArtifactSafely({
      client: o.client,
      findBy,
      artifactId: a.id,
      name: a.name,
      ...(a.digest ? { expectedDigest: a.digest } : {}),
      targetDir: target,
      limits: { maxArchiveBytes: limits.maxArchiveBytes }
    }).catch((e: Error) => {
      throw new UsageError(terminalText(e.message, 600))
    })
    out.sidecars.push({ name: a.name, id: a.id, dir: target, files: files.length })
    contents.set(a.name, await hashSidecars(target, files))
    o.log?.(`downloaded ${shown(a.name)} (${files.length} files) into ${terminalText(target, 300)}`)
  }
  try {
    for (const a of sidecars) await fetchOne(a)
  } catch (e) {
    // All or nothing: a pool missing one artifact would compare to another verdict than the run's.
    for (const d of out.sidecars) await rm(d.dir, { recursive: true, force: true })
    throw e
  }
  await dropContained(out, contents, o.log)
  for (const a of o.run.reports) {
    try {
      const r = await downloadReport({ client: o.client, findBy, name: a.name })
      if (r) out.reports.push({ ...r, name: a.name })
    } catch (e) {
      out.skipped.push(`report ${shown(a.name)}: ${terminalText((e as Error).message, 300)}`)
    }
  }
  return out
}

/**
 * `relative path → sha256` of the sidecars an artifact extracted: what would count as runs.
 * Run manifests are left out: a gate that merges shards keeps one shard's manifest per run dir.
 */
async function hashSidecars(dir: string, files: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const f of files)
    if (isSidecarFileName(basename(f)))
      out.set(
        f,
        createHash('sha256')
          .update(await readFile(join(dir, f)))
          .digest('hex')
      )
  return out
}

/**
 * A run that merges shards uploads the union again (examples/workflows/split.yml: the shards'
 * `…-<host-class>-<shard>` artifacts, then the gate's `…-<host-class>`): in one pool each run would
 * count twice. An artifact every sidecar of which another kept artifact holds with the same
 * content is removed (with a line saying which holds it); sidecars still held twice are listed.
 */
async function dropContained(
  out: RunDownload,
  contents: Map<string, Map<string, string>>,
  log?: (line: string) => void
): Promise<void> {
  const holds = (big: Map<string, string>, small: Map<string, string>) =>
    [...small].every(([f, h]) => big.get(f) === h)
  // Smallest first; of two equal ones the longer name (a shard's) goes.
  const order = [...out.sidecars].sort(
    (a, b) => a.files - b.files || b.name.length - a.name.length || b.name.localeCompare(a.name)
  )
  const dropped = new Set<string>()
  for (const a of order) {
    const mine = contents.get(a.name)!
    if (mine.size === 0) continue
    const by = order.find((b) => b !== a && !dropped.has(b.name) && holds(contents.get(b.name)!, mine))
    if (!by) continue
    dropped.add(a.name)
    await rm(a.dir, { recursive: true, force: true })
    const line = `${terminalText(a.name, 120)}: every sidecar is also in ${terminalText(by.name, 120)} (shards merged by the gate); removed so no run counts twice`
    out.skipped.push(line)
    log?.(`removed ${line}`)
  }
  out.sidecars = out.sidecars.filter((s) => !dropped.has(s.name))
  const where = new Map<string, string[]>()
  for (const s of out.sidecars)
    for (const f of contents.get(s.name)!.keys()) where.set(f, [...(where.get(f) ?? []), s.name])
  for (const [f, names] of where)
    if (names.length > 1 && out.overlaps.length < 20)
      out.overlaps.push(
        `${terminalText(f, 200)} is in ${names.map((n) => terminalText(n, 120)).join(' and ')}`
      )
}
