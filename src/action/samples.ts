import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { CommitRef } from '../git/baseline.js'
import { restoreArtifact, sidecarArtifactName, type ArtifactClientLike } from '../github/index.js'
import type { GitHubClient } from '../github/index.js'
import { manifestMismatch } from '../pool/manifest.js'
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
  kernel: string
  hostClass: string
  produce: 'auto' | 'never' | 'always'
  /** Hash of the registry this job gates with: restored runs made with another are not used. */
  registryHash?: string
  /** Runs to add on top of what was restored (workflow_dispatch top-up). */
  extraRuns?: number
  log: Log
  /** REST client + artifact client + token, when artifacts of earlier runs can be looked up. */
  github?: { octokit: GitHubClient; client: ArtifactClientLike; token: string; owner: string; repo: string }
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
  const base = short.find((o) => o.side === 'baseline')
  const head = short.find((o) => o.side === 'HEAD')
  const want = Math.max(...short.map((o) => o.want))
  const result = await d.agent.produce({
    base: base?.commit.sha,
    head: head?.commit.sha,
    kernel: d.kernel,
    runs: want,
    out: d.poolDir
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
    // Use an artifact only when it holds this commit's runs under ktstr's layout, made with this
    // job's kernel and metric registry; otherwise the next older one is tried.
    accept: async (dir, artifact) => {
      if (!(await readPool(dir)).sidecars.some((s) => s.projectCommit === o.commit.label)) return false
      const why = d.registryHash
        ? await manifestMismatch(dir, { kernel: d.kernel, registryHash: d.registryHash })
        : null
      if (why) d.log.info(`not using artifact ${name} of run ${artifact.runId}: ${why}`)
      return !why
    }
  })
  if (!r) return undefined
  await moveRunDirs(r.dir, d.poolDir)
  return { runId: r.artifact.runId }
}

/** Moves `{kernel}-{commit}` directories of an extracted artifact into the pool (never over existing ones). */
async function moveRunDirs(from: string, poolDir: string): Promise<void> {
  for (const e of await readdir(from, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue
    const to = path.join(poolDir, e.name)
    if (existsSync(to)) continue
    await rename(path.join(from, e.name), to)
  }
}
