import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { CommitRef } from '../git/baseline.js'
import { restoreArtifact, sidecarArtifactName, type ArtifactClientLike } from '../github/index.js'
import type { GitHubClient } from '../github/index.js'
import { restorableRuns } from '../pool/manifest.js'
import { terminalText } from '../report/escape.js'
import { readPool, runsAvailable } from '../pool/read.js'
import type { Agent } from './agent.js'
import type { Log } from './log.js'

/** One side to gather: the commit, the SHA earlier runs were recorded for, and how many runs we want. */
export interface SideNeed {
  side: 'baseline' | 'HEAD'
  commit: CommitRef
  /** The head SHA of workflow runs that recorded this commit (a PR run's head, a push's commit). */
  runSha: string
  /**
   * Further head SHAs whose runs may hold this commit's artifact, tried after `runSha`: the
   * baseline of a PR is also uploaded by the PR's own earlier runs (head SHA = the PR head).
   */
  alsoRunShas?: string[]
  /** A fork PR's head repository and branch: its own earlier runs may restore HEAD (and only HEAD). */
  forkHead?: { repository: string; branch: string }
  want: number
}

/** Where each side's runs came from in the end. */
export interface SideOutcome extends SideNeed {
  fromPool: number
  fromArtifact: { runId: number; name: string; runs: number } | null
  produced: number
  have: number
  /** Why runs still missing were not produced (produce: never, a failed doctor, a fork), if so. */
  notProduced?: string
}

export interface GatherDeps {
  poolDir: string
  /** The checkout the pool lies in: sidecars git tracks there were committed, and are set aside. */
  checkout?: string
  kernel: string
  hostClass: string
  produce: 'auto' | 'never' | 'always'
  /** Hash of the registry this job gates with: restored runs made with another are not used. */
  registryHash?: string
  /** Runs to add on top of what was restored (workflow_dispatch top-up). */
  extraRuns?: number
  /** A deep baseline: baseline runs the agent's host cache may supply, beyond `want`. */
  deep?: number
  /** Fresh baseline runs made beside HEAD's whenever HEAD runs are made (the sentinel). */
  sentinel?: number
  /** HEAD's runs join the agent's host cache (a push recording the baseline of later pull requests). */
  cacheHead?: boolean
  log: Log
  /** REST client + artifact client + token, when artifacts of earlier runs can be looked up. */
  github?: {
    octokit: GitHubClient
    client: ArtifactClientLike
    token: string
    owner: string
    repo: string
    /** The default branch: pushes to it record trusted baselines. */
    defaultBranch: string
  }
  agent?: Agent
  /** Why producing is not allowed here (fork PR, no kernel, failed doctor), if it is not. */
  produceBlocked?: string
}

/**
 * Gathers both sides' runs, cheapest source first: the pool on disk, then the newest artifact of
 * an earlier run for the same commit (same kernel and host class), then the runner agent for what
 * is still missing (its host cache of baseline runs is consulted by the agent itself).
 */
export async function gatherSamples(needs: SideNeed[], d: GatherDeps): Promise<SideOutcome[]> {
  if (d.checkout) await setAsideTracked(d.checkout, d.poolDir, d.log)
  const pool0 = await readPool(d.poolDir)
  const out: SideOutcome[] = needs.map((n) => {
    const have = runsAvailable(pool0, n.commit.label)
    return { ...n, fromPool: have, fromArtifact: null, produced: 0, have }
  })

  for (const o of out) {
    if (o.have >= o.want || !d.github || !d.kernel) continue
    // Only into an empty side: artifact run dirs (run-1 …) would collide with local ones.
    if (o.have > 0) continue
    const name = sidecarArtifactName(d.kernel, o.commit.sha, d.hostClass)
    try {
      const restored = await restoreInto(d, o, name)
      if (restored) {
        const pool = await readPool(d.poolDir)
        o.have = runsAvailable(pool, o.commit.label)
        o.fromArtifact = { runId: restored.runId, name, runs: o.have }
        d.log.info(
          `restored ${o.have} run(s) of the ${o.side} ${o.commit.label} from artifact ${name} of run ${restored.runId}`
        )
      } else
        d.log.info(
          `no artifact ${name} from an earlier successful run of ${[o.runSha, ...(o.alsoRunShas ?? [])].map((s) => s.slice(0, 7)).join(' or ')}`
        )
    } catch (e) {
      d.log.warning(
        `could not restore the ${o.side} ${o.commit.label} from artifacts: ${(e as Error).message}`
      )
    }
  }

  if (d.extraRuns) for (const o of out) o.want = Math.max(o.want, o.have + d.extraRuns)
  const short = out.filter((o) => o.have < o.want || d.produce === 'always')
  if (short.length === 0 || d.produce === 'never') {
    for (const o of out.filter((x) => x.have < x.want)) {
      o.notProduced = 'producing is off (produce: never)'
      d.log.notice(
        `${o.side} ${o.commit.label}: ${o.have} of ${o.want} run(s) available and producing is off (produce: never); ` +
          `run this job on a KVM runner with produce: auto, or record runs with a mode: produce job`
      )
    }
    return out
  }
  const doctor = d.agent && !d.produceBlocked ? await d.agent.doctor(d.poolDir) : null
  const blocked =
    d.produceBlocked ??
    (!d.agent ? 'no runner agent' : doctor && !doctor.ok ? `ktstr-agent doctor: ${doctor.why}` : null)
  if (blocked || !d.agent) {
    for (const o of short) {
      o.notProduced = blocked ?? 'no runner agent'
      d.log.notice(
        `${o.side} ${o.commit.label}: ${o.have} of ${o.want} run(s) available; not producing: ${blocked}`
      )
    }
    return out
  }
  const head = short.find((o) => o.side === 'HEAD')
  // The baseline joins a produce of HEAD even when it has its runs: the sentinel is made beside HEAD's.
  const base =
    short.find((o) => o.side === 'baseline') ??
    (head && d.sentinel ? out.find((o) => o.side === 'baseline') : undefined)
  const want = Math.max(...short.map((o) => o.want))
  const result = await d.agent.produce({
    base: base?.commit.sha,
    head: head?.commit.sha,
    kernel: d.kernel,
    runs: want,
    out: d.poolDir,
    ...(d.deep ? { deep: d.deep } : {}),
    ...(d.sentinel ? { sentinel: d.sentinel } : {}),
    ...(d.cacheHead && !base ? { cacheHead: true } : {})
    // The agent tops the pool up from its host cache without knowing which runs the pool already
    // holds: runs restored from an artifact are usually the very runs it cached, and would come
    // back as duplicates (the gate ignores them, so a top-up would add nothing). Produce fresh ones.
  })
  const pool = await readPool(d.poolDir)
  for (const o of out) {
    const now = runsAvailable(pool, o.commit.label)
    o.produced = Math.max(0, now - o.have)
    o.have = now
  }
  if (result.nothingToCompare) {
    for (const o of out.filter((x) => x.have === 0))
      o.notProduced = 'the runner agent produced no performance_mode sidecars'
    d.log.notice(
      'the runner agent produced no performance_mode sidecars — nothing to compare (define #[ktstr_test(performance_mode)] tests, or widen the filter)'
    )
  }
  return out
}

async function restoreInto(
  d: GatherDeps,
  o: SideOutcome,
  name: string
): Promise<{ runId: number } | undefined> {
  // A dot directory inside the pool: same filesystem for the final rename, never read as a run dir.
  await mkdir(d.poolDir, { recursive: true })
  const scratch = await mkdtemp(path.join(d.poolDir, '.restore-'))
  try {
    for (const headSha of [...new Set([o.runSha, ...(o.alsoRunShas ?? [])])]) {
      const r = await restoreFrom(d, o, name, scratch, headSha)
      if (r) return r
    }
    return undefined
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

async function restoreFrom(
  d: GatherDeps,
  o: SideOutcome,
  name: string,
  scratch: string,
  headSha: string
): Promise<{ runId: number } | undefined> {
  const gh = d.github!
  let accepted: string[] = []
  const r = await restoreArtifact({
    octokit: gh.octokit,
    client: gh.client,
    token: gh.token,
    owner: gh.owner,
    repo: gh.repo,
    headSha,
    name,
    // A failed gate (a regression) still recorded sound samples: reruns and top-ups reuse them.
    conclusions: ['success', 'failure'],
    targetDir: scratch,
    log: (line) => d.log.debug(line),
    trust: {
      repository: `${gh.owner}/${gh.repo}`,
      defaultBranch: gh.defaultBranch,
      ...(o.side === 'HEAD' && o.forkHead ? { forkHead: o.forkHead } : {})
    },
    // Use an artifact only for the runs it holds of this side's commit, each with a manifest made
    // with this job's kernel and metric registry; with none, the next older one is tried.
    accept: async (dir, artifact) => {
      const found = await restorableRuns(dir, {
        kernel: d.kernel,
        registryHash: d.registryHash ?? '',
        commit: o.commit.sha,
        label: o.commit.label
      })
      accepted = found.runs
      if (found.refused.length > 0)
        d.log.info(
          `artifact ${name} of run ${artifact.runId}: not using ${found.refused.length} entr${found.refused.length === 1 ? 'y' : 'ies'}: ${found.refused
            .slice(0, 3)
            .map((x) => terminalText(x, 200))
            .join('; ')}`
        )
      return found.runs.length > 0
    }
  })
  if (!r) return undefined
  await moveRuns(r.dir, accepted, d.poolDir)
  return { runId: r.artifact.runId }
}

/** Moves the accepted `{kernel}-{commit}/run-i` directories of an extracted artifact into the pool (never over existing ones). */
async function moveRuns(from: string, runs: string[], poolDir: string): Promise<void> {
  for (const run of runs) {
    const to = path.join(poolDir, run)
    if (existsSync(to)) continue
    await mkdir(path.dirname(to), { recursive: true })
    await rename(path.join(from, run), to)
  }
}

/** Where committed pool files are moved, inside the pool (a dot directory: never read as runs). */
export const TRACKED_ASIDE = '.git-tracked'

/**
 * Files under the pool that git tracks in the checkout were committed by whoever wrote the
 * branch: sidecars and manifests anyone can forge. They are never samples. Moved aside (before
 * anything reads the pool or the agent adds runs to it) with one warning; runs restored or
 * produced in this job are untracked and stay.
 */
export async function setAsideTracked(checkout: string, poolDir: string, log: Log): Promise<string[]> {
  const rel = path.relative(checkout, poolDir)
  if (rel.startsWith('..') || path.isAbsolute(rel) || !existsSync(poolDir)) return []
  let listed: string
  try {
    const { simpleGit } = await import('simple-git')
    listed = await simpleGit({ baseDir: checkout }).raw(['ls-files', '-z', '--', rel || '.'])
  } catch (e) {
    log.debug(`git ls-files in ${checkout}: ${(e as Error).message}`)
    return []
  }
  const inRuns = listed
    .split('\0')
    .filter(Boolean)
    .map((f) => path.relative(poolDir, path.join(checkout, f)))
    // Files at the pool's top level are never read as sidecars; dot directories are ours.
    .filter((f) => f.includes(path.sep) && !f.startsWith('.') && !f.startsWith('..'))
  if (inRuns.length === 0) return []
  for (const f of inRuns) {
    const to = path.join(poolDir, TRACKED_ASIDE, f)
    await mkdir(path.dirname(to), { recursive: true })
    await rename(path.join(poolDir, f), to).catch(() => undefined)
  }
  log.warning(
    `${inRuns.length} file(s) under the pool ${terminalText(rel || '.', 200)} are committed in this checkout ` +
      `(${inRuns
        .slice(0, 3)
        .map((f) => terminalText(f, 120))
        .join(', ')}${inRuns.length > 3 ? ', …' : ''}): committed sidecars are never samples; ` +
      `moved to ${terminalText(path.join(rel, TRACKED_ASIDE), 200)} and ignored — remove them from the branch`
  )
  return inRuns
}
