import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Comparison } from '../core/types.js'
import {
  reportArtifactName,
  sidecarArtifactName,
  uploadDirectory,
  uploadReport,
  type ArtifactClientLike,
  type UploadedArtifact
} from '../github/index.js'
import { upsertComment, type CommentMode } from '../github/index.js'
import type { GitHubClient } from '../github/index.js'
import { commentMarker, renderComment, type CommentOptions } from '../report/comment.js'
import { terminalText } from '../report/escape.js'
import { formatPercent } from '../report/format.js'
import { renderJson } from '../report/json.js'
import type { Log } from './log.js'

export interface Links {
  repoUrl?: string
  runUrl?: string
  /** The workflow's page, whose "Run workflow" button the comment's next steps point at. */
  workflowUrl?: string
}

/** Writes the JSON report where later steps can read it; returns its path. */
export async function writeReport(c: Comparison, dir: string, key: string): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, `ktstr-perf-gate-report-${key.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`)
  await writeFile(file, renderJson(c) + '\n')
  return file
}

/** Step outputs (action.yml `outputs`). */
export function outputs(c: Comparison, report: string): Record<string, string> {
  return {
    verdict: c.verdict,
    regressions: String(c.counts.regressions),
    improvements: String(c.counts.improvements),
    compared: String(c.rows.filter((r) => r.verdict !== 'coverage').length),
    baseline: c.baseline.label,
    head: c.head.label,
    report,
    ...acceptedOutputs(c)
  }
}

/** `accepted`, `accepted-by`, `accepted-rows`: what the waivers accepted (core/waiver.ts). */
function acceptedOutputs(c: Comparison): Record<string, string> {
  const w = c.waivers ?? []
  const byLabel = w.find((x) => x.via === 'label')
  return {
    accepted: String(!!byLabel),
    'accepted-by': byLabel?.by ?? '',
    'accepted-rows': String(w.reduce((n, x) => n + x.rows.length, 0))
  }
}

const MAX_ANNOTATIONS = 10

/**
 * One annotation per regression: an error when it blocks the merge (the gate failed), a warning
 * otherwise. GitHub shows only the first ten of a kind per step, so the rest are counted.
 */
export function annotate(c: Comparison, log: Log): void {
  const regs = c.rows.filter((r) => r.verdict === 'regression')
  for (const r of regs.slice(0, MAX_ANNOTATIONS)) {
    const msg = `${terminalText(r.key, 200)} ${terminalText(r.metric, 80)}: ${formatPercent(r.relDelta)} vs baseline ${c.baseline.label}`
    if (c.verdict === 'fail') log.error(msg, { title: 'ktstr-perf-gate: regression' })
    else log.warning(msg)
  }
  if (regs.length > MAX_ANNOTATIONS)
    log.info(`${regs.length - MAX_ANNOTATIONS} more regression(s) are in the job summary`)
  for (const a of c.assertions.filter((x) => x.tripped))
    log.error(`${terminalText(a.key, 200)}: assertion ${terminalText(a.name ?? a.metric, 80)} tripped`, {
      title: 'ktstr-perf-gate: assertion'
    })
}

export interface UploadSidesOptions {
  client: ArtifactClientLike
  poolDir: string
  sides: { sha: string; label: string }[]
  kernel: string
  hostClass: string
  retentionDays: number
  /** Names this step already uploaded: each is replaced (deleted, then uploaded again). */
  uploaded?: Set<string>
  log: Log
}

/**
 * Uploads each side's `{kernel}-{commit}` directories as `ktstr-sidecars-<kernel>-<commit7>-<hostclass>`,
 * so later runs for the same commit restore instead of re-running. A failed upload is a warning:
 * the verdict, the summary and the other uploads stand.
 */
export async function uploadSides(o: UploadSidesOptions): Promise<void> {
  const dirs = await readdir(o.poolDir, { withFileTypes: true }).catch(() => [])
  for (const side of o.sides) {
    const mine = dirs.filter(
      (d) => d.isDirectory() && !d.name.startsWith('.') && d.name.endsWith(`-${side.label}`)
    )
    if (mine.length === 0) continue
    const kernel = o.kernel || mine[0]!.name.slice(0, -(side.label.length + 1))
    let name: string
    try {
      name = sidecarArtifactName(kernel, side.sha, o.hostClass)
    } catch (e) {
      o.log.warning(`not uploading ${side.label}: ${(e as Error).message}`)
      continue
    }
    const stage = await mkdtemp(path.join(tmpdir(), 'ktstr-upload-'))
    try {
      for (const d of mine) await copyTree(path.join(o.poolDir, d.name), path.join(stage, d.name))
      // Artifact names are unique per run: this step's earlier upload of the side (an earlier
      // top-up round) is replaced by the pool as it is now.
      if (o.uploaded?.has(name)) await o.client.deleteArtifact(name)
      const up = await uploadDirectory({
        client: o.client,
        name,
        dir: stage,
        ...(o.retentionDays ? { retentionDays: o.retentionDays } : {})
      })
      o.uploaded?.add(name)
      o.log.info(`uploaded artifact ${name} (id ${up.id})`)
    } catch (e) {
      o.log.warning(`${(e as Error).message}`)
    } finally {
      await rm(stage, { recursive: true, force: true })
    }
  }
}

/**
 * Uploads the JSON report (plus PR number and head SHA) for the `workflow_run` comment job, and
 * returns what the artifact service recorded (id, digest). The name is ours: an artifact already
 * under it in this run was uploaded by something else — the code under test, if it got hold of
 * the run's artifact token — and is deleted first, with a warning, so the comment job never
 * finds it.
 */
export async function uploadReportArtifact(o: {
  client: ArtifactClientLike
  key: string
  c: Comparison
  prNumber: number | null
  headSha: string
  hostClass: string
  retentionDays: number
  log: Log
}): Promise<UploadedArtifact | null> {
  const name = reportArtifactName(o.key)
  try {
    const { artifacts } = await o.client.listArtifacts()
    const squatters = artifacts.filter((a) => a.name === name)
    if (squatters.length > 0) {
      o.log.warning(
        `an artifact named ${name} already exists in this run (id ${squatters.map((a) => a.id).join(', ')}) and this step did not upload it — something in the job (the code under test?) did; deleting it and uploading the real report`
      )
      await o.client.deleteArtifact(name)
    }
    const up = await uploadReport({
      client: o.client,
      name,
      report: JSON.parse(renderJson(o.c)),
      prNumber: o.prNumber,
      headSha: o.headSha,
      hostClass: o.hostClass,
      ...(o.retentionDays ? { retentionDays: o.retentionDays } : {})
    })
    o.log.info(`uploaded report artifact ${name} (id ${up.id}, ${up.digest ?? 'no digest'})`)
    return up
  } catch (e) {
    o.log.warning(`${(e as Error).message}`)
    return null
  }
}

/** The job summary's record of the report artifact, for whoever checks what the comment job posts. */
export function reportRecord(up: UploadedArtifact): string {
  return `\n\nReport artifact \`${up.name}\` (id ${up.id}), digest \`${up.digest ?? 'none'}\`.\n`
}

/** Posts or updates our sticky comment; returns its URL. API failures are warnings, never lost results. */
export async function postComment(o: {
  octokit: GitHubClient
  owner: string
  repo: string
  prNumber: number
  key: string
  c: Comparison
  mode: CommentMode
  links: Links
  log: Log
  /** What the headline and next steps name: the host class, the accept label. */
  report?: Pick<CommentOptions, 'hostClass' | 'acceptLabel'>
  /** Hidden lines the bot keeps in its comment (the accept label's record, github/waiver.ts). */
  trailer?: string
}): Promise<string | null> {
  const rendered = renderComment(o.c, { key: o.key, ...o.links, ...o.report })
  const body = o.trailer ? `${rendered.replace(/\s+$/, '')}\n\n${o.trailer}\n` : rendered
  const hasNews = o.c.verdict === 'fail' || o.c.counts.regressions + o.c.counts.improvements > 0
  try {
    const r = await upsertComment({
      octokit: o.octokit,
      owner: o.owner,
      repo: o.repo,
      issueNumber: o.prNumber,
      marker: commentMarker(o.key),
      body,
      mode: o.mode,
      hasNews
    })
    switch (r.action) {
      case 'created':
      case 'updated':
      case 'unchanged':
        o.log.info(`comment ${r.action}: ${r.url}`)
        return r.url
      case 'forbidden':
        o.log.notice(r.notice)
        return null
      case 'skipped':
        o.log.info(`no comment (${r.reason})`)
        return null
    }
  } catch (e) {
    o.log.warning(
      `could not post the PR comment: ${(e as Error).message} — the job summary and the report artifact have the full result`
    )
    return null
  }
}

async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true })
  for (const e of await readdir(from, { withFileTypes: true })) {
    const a = path.join(from, e.name)
    const b = path.join(to, e.name)
    if (e.isDirectory()) await copyTree(a, b)
    else if (e.isFile()) await copyFile(a, b)
  }
}
