import { randomUUID } from 'node:crypto'
import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { isSidecarFileName, parseSidecar } from '../../src/core/sidecar.js'
import { readManifest, writeManifest, type HostInfo, type RunManifest } from '../../src/pool/manifest.js'
import * as cache from './cache.js'
import { AgentError, Cancelled, usage } from './errors.js'
import {
  addCheckout,
  persistedCredentials,
  pruneStaleCheckouts,
  removeCheckout,
  repoRoot,
  resolveCommit,
  trustedBranchesContaining,
  type Checkout
} from './git.js'
import { classify, isPermanent, type Classification } from './failures.js'
import { hostInfo, ktstrIdentity, testKtstrVersion, type KtstrIdentity } from './host.js'
import { acquireHostLock, type HostLock } from './lock.js'
import { checkSidecars, existingRuns, publishRun, sideDir, STAGING_PREFIX } from './pool.js'
import { runAttempt, type Attempt } from './runner.js'
import { AGENT_VERSION } from './version.js'

export type Side = 'base' | 'head'

/** Output of a ktstr run that means the guest failed, not the test (retried): ktstr's real messages. */
export { DEFAULT_INFRA_PATTERNS } from './failures.js'

export interface ProduceOptions {
  repo: string
  base?: string
  head?: string
  kernel: string
  runs: number
  /** Runs to add per side on top of the finished ones (a top-up); replaces `runs` when given. */
  add?: number
  /**
   * A deep baseline (DESIGN §4a): the host cache may fill the baseline up to this many runs, beyond
   * `runs` (never produced for it). Not with `add`.
   */
  deep?: number
  /**
   * The sentinel: when HEAD runs are made, at least this many baseline runs are made fresh in this
   * call, interleaved with HEAD's, however many the cache or the pool holds. Not with `add`.
   */
  sentinel?: number
  /**
   * Store this call's HEAD runs in the host cache too (`--cache-head`): a push to the default branch
   * recording its commit (`mode: produce`) makes the baseline of later pull requests.
   */
  cacheHead?: boolean
  filter?: string
  /** Pool root (ktstr runs root layout). */
  out: string
  /** The ktstr command without `test` (default `cargo ktstr`). */
  ktstr: string[]
  runTimeoutSec: number
  graceSec: number
  /** Infrastructure retries per run (attempts = 1 + retries). */
  retries: number
  lockFile: string
  lockTimeoutSec?: number
  scratch: string
  /** null: no host cache. */
  cacheDir: string | null
  /**
   * false: read the host cache but never add to it (`--no-cache-store`; the Action passes it for
   * fork pull requests). Even when true, only baseline runs this call made from its own checkout
   * of a trusted commit are stored.
   */
  cacheStore: boolean
  cacheMaxBytes: number
  cacheMaxAgeDays: number
  infraPatterns: readonly RegExp[]
  allowUntrusted: boolean
  signal: AbortSignal
  /** Progress lines, warnings and notices (one line each). */
  log: (line: string) => void
  /** Raw output of the ktstr runs. */
  childOutput?: (chunk: string) => void
}

export interface SideResult {
  side: Side
  commit: string
  short: string
  dir: string
  /** Finished runs in the pool for this side after the produce. */
  runs: number
  existing: number
  fromCache: number
  produced: number
  testFailures: number
}

export interface ProduceResult {
  pool: string
  kernel: string
  sides: SideResult[]
  /** No performance_mode sidecars were produced: nothing to compare (ktstr exits 0 too). */
  nothingToCompare: boolean
  ktstrVersion: string
  hostFingerprint: string
}

interface SidePlan extends SideResult {
  need: number
  nextIndex: number
  checkout: Checkout | null
  /** Content of the passing runs this call made for the side, taken before any later run could touch it. */
  made: cache.RunFiles[]
  /** The ktstr version(s) the checkout's Cargo.lock pins. */
  testKtstr: string | null
  /** Tests this side's attempts wrote sidecars for: one missing later is a lost sample. */
  known: Set<string>
  /** Tests still skipped after every retry (shared by both sides: one host): not retried again. */
  persistentSkips: Set<string>
}

/** One finished run, ready for its manifest. */
interface Done {
  a: Attempt
  outcome: RunManifest['outcome']
  files: string[]
  c: Classification
  attempts: number
  retryReasons: string[]
}

/** Orders runs A, B, A, B, … so slow drift hits both sides equally; leftovers of the longer side go last. */
export function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = []
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!)
    if (i < b.length) out.push(b[i]!)
  }
  return out
}

/** Produces the missing runs of each given side into a ktstr-layout pool. */
export async function produce(o: ProduceOptions): Promise<ProduceResult> {
  if (!o.base && !o.head) throw usage('produce needs --base and/or --head (the commits to run)')
  await repoRoot(o.repo)
  const commits: Array<{ side: Side; sha: string }> = []
  if (o.base) commits.push({ side: 'base', sha: await resolveCommit(o.repo, o.base, '--base') })
  if (o.head) commits.push({ side: 'head', sha: await resolveCommit(o.repo, o.head, '--head') })
  if (commits.length === 2 && commits[0]!.sha === commits[1]!.sha)
    throw usage(
      `baseline (${commits[0]!.sha.slice(0, 7)}) resolves to HEAD — nothing to compare; choose a different --base`
    )
  // Code from a commit on no branch (fork PR code, only with --allow-untrusted) runs in this call.
  let untrustedCode = false
  for (const c of commits) {
    const branches = await trustedBranchesContaining(o.repo, c.sha)
    if (branches.length === 0) {
      untrustedCode = true
      if (!o.allowUntrusted)
        throw new AgentError(
          `refusing to run ${c.side} commit ${c.sha.slice(0, 7)}: it is on no branch of ${o.repo} (refs/heads/*, refs/remotes/origin/*), so it may be fork pull-request code — ` +
            'untrusted code must not run on a shared KVM host; a maintainer can allow it with --allow-untrusted',
          1
        )
    }
  }

  const persisted = await persistedCredentials(o.repo)
  if (persisted.length > 0)
    o.log(
      `warning: ${o.repo} keeps a credential in its git config (${persisted.join(', ')}; actions/checkout's persist-credentials) — the code under test runs in a worktree of it and can read it; check out with persist-credentials: false`
    )
  const what = commits.map((c) => `${c.side} ${c.sha.slice(0, 7)}`).join(', ') + ` kernel ${o.kernel}`
  const lock = await acquireHostLock({
    file: o.lockFile,
    what: `produce ${what}`,
    timeoutSec: o.lockTimeoutSec,
    onWait: o.log,
    signal: o.signal,
    orphanGraceMs: o.graceSec * 1000
  })
  const plans: SidePlan[] = []
  let staging: string | null = null
  try {
    const identity = await ktstrIdentity(o.ktstr)
    if ('error' in identity)
      throw new AgentError(`cannot run ktstr: ${identity.error} — run \`ktstr-agent doctor\` on this host`)
    if (identity.registryProblem)
      o.log(
        `warning: metric registry unavailable (${identity.registryProblem}); manifests record registryHash "unavailable"`
      )
    // The cache is keyed by the ktstr version: without one, runs of different ktstr versions would mix.
    const cacheDir = identity.semver ? o.cacheDir : null
    if (o.cacheDir && !cacheDir)
      o.log(`warning: ktstr version unknown (${identity.version}); the host cache is not used`)
    const host = hostInfo()
    const out = resolve(o.out)
    const scratch = resolve(o.scratch)
    for (const d of await pruneStaleCheckouts(o.repo, scratch))
      o.log(`removed a stale checkout left by a killed agent: ${d}`)

    const persistentSkips = new Set<string>()
    for (const c of commits) {
      const short = c.sha.slice(0, 7)
      const dir = sideDir(out, o.kernel, short)
      const runs = await existingRuns(dir, short)
      const good = runs.filter((r) => r.good).length
      for (const r of runs)
        if (!r.good)
          o.log(`warning: ${r.dir} is not a finished run (no valid sidecars or manifest); not counted`)
      plans.push({
        side: c.side,
        commit: c.sha,
        short,
        dir,
        runs: good,
        existing: good,
        fromCache: 0,
        produced: 0,
        testFailures: 0,
        need: o.add !== undefined ? o.add : Math.max(0, o.runs - good),
        nextIndex: Math.max(0, ...runs.map((r) => r.index)) + 1,
        checkout: null,
        made: [],
        testKtstr: null,
        known: new Set(),
        persistentSkips
      })
    }

    const key = (p: SidePlan): cache.CacheKey => ({
      commit: p.commit,
      kernel: o.kernel,
      ktstrVersion: identity.version,
      hostFingerprint: host.fingerprint
    })
    const base = plans.find((p) => p.side === 'base')
    if (base) await planBaseline(o, base, plans, cacheDir, key(base), identity, host)
    const produceId = randomUUID()

    const schedule = interleave(
      Array.from({ length: base?.need ?? 0 }, () => base!),
      Array.from({ length: plans.find((p) => p.side === 'head')?.need ?? 0 }, () =>
        plans.find((p) => p.side === 'head')!
      )
    )
    for (const p of plans)
      if (p.need > 0) {
        p.checkout = await addCheckout(o.repo, scratch, p.commit, p.side)
        p.testKtstr = testKtstrVersion(p.checkout.dir)
        if (p.testKtstr && identity.semver && !p.testKtstr.split(', ').includes(identity.semver))
          o.log(
            `warning: ${p.side} ${p.short} builds its tests against ktstr ${p.testKtstr} (Cargo.lock), this host's cargo-ktstr is ${identity.semver}; ktstr refuses a test crate newer than its CLI`
          )
      }

    let nothingToCompare = false
    // Wall time of each finished run (retries included): the estimate of what is left.
    const took: number[] = []
    for (const [i, p] of schedule.entries()) {
      check(o.signal)
      const label = `run ${i + 1}/${schedule.length} ${p.side} ${p.short}`
      const index = p.nextIndex
      staging = join(p.dir, `${STAGING_PREFIX}run-${index}-${process.pid}`)
      const t0 = Date.now()
      const r = await runWithRetries(o, p, label, staging, lock, timeLeft(took, schedule.length - i))
      took.push(Date.now() - t0)
      if (r === 'nothing') {
        nothingToCompare = true
        break
      }
      const done = r
      const manifest: RunManifest = {
        schemaVersion: 1,
        kind: 'ktstr-perf-gate/run-manifest',
        side: p.side,
        commit: p.commit,
        commitShort: p.short,
        kernel: o.kernel,
        runIndex: index,
        sequence: i + 1,
        totalRuns: schedule.length,
        startedAt: done.a.startedAt.toISOString(),
        endedAt: done.a.endedAt.toISOString(),
        durationMs: done.a.endedAt.getTime() - done.a.startedAt.getTime(),
        exitStatus: { code: done.a.code, signal: done.a.signal },
        outcome: done.outcome,
        attempts: done.attempts,
        sidecars: done.files,
        host,
        ktstrVersion: identity.version,
        registryHash: identity.registryHash,
        agentVersion: AGENT_VERSION,
        source: 'produced',
        produceId,
        filter: o.filter ?? null,
        command: testArgv(o),
        ktstrVersionSource: identity.versionSource,
        testKtstrVersion: p.testKtstr,
        failedTests: done.c.failedTests,
        skippedTests: done.c.skippedTests,
        missingTests: done.c.missingTests,
        retryReasons: done.retryReasons
      }
      await writeManifest(staging, manifest)
      // Snapshot now: the next run (maybe the PR's code, same user) could rewrite the files on disk.
      const cached = p.side === 'base' || (p.side === 'head' && o.cacheHead === true)
      if (cached && done.outcome === 'ok' && cacheDir && o.cacheStore && !untrustedCode)
        p.made.push(await cache.readRunFiles(staging))
      await publishRun(staging, join(p.dir, `run-${index}`))
      staging = null
      p.nextIndex++
      p.produced++
      p.runs++
      if (done.outcome === 'test-failure') p.testFailures++
    }

    if (base && cacheDir) await storeMade(o, cacheDir, base, key(base), untrustedCode)
    const head = plans.find((p) => p.side === 'head')
    if (head && cacheDir && o.cacheHead) await storeMade(o, cacheDir, head, key(head), untrustedCode)
    return {
      pool: out,
      kernel: o.kernel,
      sides: plans.map(({ need: _n, nextIndex: _i, checkout: _c, made: _m, ...r }) => r),
      nothingToCompare,
      ktstrVersion: identity.version,
      hostFingerprint: host.fingerprint
    }
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true })
    for (const p of plans) if (p.checkout) await removeCheckout(o.repo, p.checkout)
    await lock.release()
  }
}

/**
 * The baseline's share of this call (DESIGN §4a): runs from the host cache (newest first, up to
 * `deep` or `runs`, never a run the pool already holds), then what must be made fresh: the runs
 * still missing, and at least `sentinel` when HEAD runs are made, so every comparison holds
 * baseline runs interleaved with HEAD's that the gate can check the cached ones against.
 */
async function planBaseline(
  o: ProduceOptions,
  base: SidePlan,
  plans: readonly SidePlan[],
  cacheDir: string | null,
  key: cache.CacheKey,
  identity: KtstrIdentity,
  host: HostInfo
): Promise<void> {
  const topUp = o.add !== undefined
  const headNeed = plans.find((p) => p.side === 'head')?.need ?? 0
  const sentinel = !topUp && headNeed > 0 ? (o.sentinel ?? 0) : 0
  const good = base.runs
  // A top-up adds runs interleaved with HEAD's new ones: fresh, never from the cache (after the
  // sentinel dropped a test's cached runs, the cache would hand the very same runs back).
  const room = topUp ? 0 : Math.max(0, Math.max(o.runs, o.deep ?? 0) - good - sentinel)
  let took = 0
  if (room > 0 && cacheDir) {
    const hit = await cache.lookup(cacheDir, key, (m) => o.log(`warning: ${m}`))
    if (hit) {
      // A cached run already in the pool (e.g. restored from an artifact) adds no sample: skip it.
      const have = await runIdentities(base.dir)
      const take: typeof hit.entry.runs = []
      // Newest first: after a host changed, the runs made since (the sentinels) come back first.
      for (const r of [...hit.entry.runs].reverse()) {
        if (take.length >= room) break
        const ids = await runIdentities(join(hit.dir, r.dir), false)
        if (![...ids].some((id) => have.has(id))) take.push(r)
      }
      // Copied oldest first, in the order they were made.
      for (const r of take.reverse()) {
        await copyCachedRun(join(hit.dir, r.dir), base, identity, host)
        check(o.signal)
      }
      took = take.length
      o.log(`cache: reused ${took} baseline run(s) of ${base.short} from ${hit.dir}`)
    }
  }
  base.need = topUp ? base.need - took : Math.max(sentinel, o.runs - good - took)
  if (sentinel > 0 && took + good > 0)
    o.log(`sentinel: ${base.need} fresh baseline run(s) of ${base.short} interleaved with HEAD's`)
}

function testArgv(o: ProduceOptions): string[] {
  return [...o.ktstr, 'test', '--kernel', o.kernel, ...(o.filter ? ['--', '-E', o.filter] : [])]
}

/**
 * Runs one run until it counts: transient guest/resource failures are retried up to --retries
 * times; a test's own failure is kept at once; host faults, ktstr's version guard and errors
 * before any test ran stop the produce. After the last retry a run that still has sidecars is
 * kept, its lost tests named in the manifest; one with none stops the produce.
 */
async function runWithRetries(
  o: ProduceOptions,
  p: SidePlan,
  label: string,
  staging: string,
  lock: Pick<HostLock, 'fd' | 'setRunGroup'>,
  eta: string
): Promise<Done | 'nothing'> {
  const retryReasons: string[] = []
  for (let attempts = 1; ; attempts++) {
    await rm(staging, { recursive: true, force: true })
    await mkdir(staging, { recursive: true })
    o.log(`${label} started${attempts > 1 ? ` (attempt ${attempts})` : eta}`)
    const a = await runAttempt({
      argv: testArgv(o),
      cwd: p.checkout!.dir,
      env: {
        ...process.env,
        KTSTR_CI: '1',
        KTSTR_PERF_ONLY: '1',
        KTSTR_SIDECAR_DIR: staging,
        KTSTR_PROJECT_COMMIT: p.short
      },
      timeoutMs: o.runTimeoutSec * 1000,
      graceMs: o.graceSec * 1000,
      signal: o.signal,
      onOutput: o.childOutput,
      // The run holds the host lock too: a SIGKILLed agent leaves no run beside the next produce.
      inheritFds: [lock.fd],
      onSpawn: (pgid) => void lock.setRunGroup(pgid)
    })
    await lock.setRunGroup(null)
    const secs = `${((a.endedAt.getTime() - a.startedAt.getTime()) / 1000).toFixed(1)} s`
    if (a.cancelled) throw new Cancelled((o.signal.reason as NodeJS.Signals) ?? 'SIGTERM')
    if (a.spawnError)
      throw new AgentError(`cannot start ${o.ktstr.join(' ')}: ${a.spawnError} — run \`ktstr-agent doctor\``)
    const sc = await checkSidecars(staging, p.short)
    const c = classify(
      {
        ...a,
        files: sc.files,
        malformed: sc.malformed,
        failed: sc.failed,
        skipped: sc.skipped,
        tests: sc.tests,
        expected: [...p.known],
        knownSkips: [...p.persistentSkips]
      },
      o.infraPatterns,
      o.runTimeoutSec
    )
    for (const t of sc.tests) p.known.add(t)
    const nothing = sc.files.length === 0 && a.code === 0 && c.missingTests.length === 0
    if (c.kind !== 'ok' || (sc.files.length === 0 && !nothing)) showTail(o, label, a.tail)
    if (c.skew && !c.skew.refused && attempts === 1)
      o.log(
        `warning: ktstr reports version skew: ${p.side} ${p.short} tests use ktstr ${c.skew.test}, the CLI is ${c.skew.cli}`
      )
    if (c.kind === 'version-guard')
      throw new AgentError(
        `${label}: ${p.side} commit ${p.short}${p.testKtstr ? ` (Cargo.lock: ktstr ${p.testKtstr})` : ''}: ${c.reason} — ${c.fix}`
      )
    if (isPermanent(c.kind)) throw new AgentError(`${label}: ${c.reason} — ${c.fix} (not retried)`)
    if (c.kind === 'transient') {
      retryReasons.push(c.reason)
      if (attempts <= o.retries) {
        o.log(`${label} transient failure (${c.reason}) after ${secs}; retry ${attempts}/${o.retries}`)
        continue
      }
      if (sc.files.length === 0 || sc.malformed.length > 0)
        throw new AgentError(
          `${label} failed for infrastructure reasons ${attempts} time(s): ${c.reason} — check the host with \`ktstr-agent doctor\`; last output: ${lastLine(a.tail)}`
        )
      for (const t of c.skippedTests) p.persistentSkips.add(t)
      o.log(
        `warning: ${label} still failing after ${attempts} attempt(s) (${c.reason}); keeping its ${sc.tests.length - sc.skipped.length} sample(s) — no sample from: ${[...c.skippedTests, ...c.missingTests].join(', ') || '(none)'}`
      )
      return { a, outcome: 'test-failure', files: sc.files, c, attempts, retryReasons }
    }
    if (sc.files.length === 0) {
      if (a.code === 0 && c.missingTests.length === 0) {
        o.log(
          `no performance_mode sidecars produced at ${p.side} ${p.short} — nothing to compare (define #[ktstr_test(performance_mode)] tests, or widen the -E filter, to enable the delta)`
        )
        return 'nothing'
      }
      throw new AgentError(
        `${label}: ${o.ktstr.join(' ')} test exited ${a.code} without writing sidecars${c.reason ? ` (${c.reason})` : ''}: ${lastLine(a.tail)}`
      )
    }
    const outcome = c.kind === 'ok' ? 'ok' : 'test-failure'
    o.log(`${label} ${outcome}${c.reason ? ` (${c.reason})` : ''} ${secs}`)
    return { a, outcome, files: sc.files, c, attempts, retryReasons }
  }
}

function check(signal: AbortSignal): void {
  if (signal.aborted) throw new Cancelled((signal.reason as NodeJS.Signals) ?? 'SIGTERM')
}

/** Lines of a failing run's output shown when the output is not echoed (--quiet, as the Action runs it). */
export const TAIL_LINES = 40

/**
 * With --quiet, a failing run's last lines of output (its reason is often above the last line),
 * under a header line the Action finds them by: `<label>: last N line(s) of its output:`, then
 * each line as `| <line>`. Control characters (colours, carriage returns) are dropped.
 */
function showTail(o: Pick<ProduceOptions, 'childOutput' | 'log'>, label: string, tail: string): void {
  if (o.childOutput) return
  const lines = lastLines(tail, TAIL_LINES)
  if (lines.length === 0) return
  o.log(`${label}: last ${lines.length} line(s) of its output:`)
  for (const l of lines) o.log(`| ${l}`)
}

/** The last `n` non-empty lines of some output, without control characters or ANSI escapes. */
export function lastLines(text: string, n: number): string[] {
  return (
    text
      // eslint-disable-next-line no-control-regex -- stripping terminal escapes is the point
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
      .split(/\r?\n|\r/)
      // eslint-disable-next-line no-control-regex -- as above
      .map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trimEnd())
      .filter((l) => l.trim() !== '')
      .slice(-n)
  )
}

/**
 * `; ~6 min left (mean 1.5 min per run)` for the line of a run about to start, from the runs
 * finished so far; empty before the first one finished. `left` counts the run about to start.
 */
export function timeLeft(took: readonly number[], left: number): string {
  if (took.length === 0 || left <= 0) return ''
  const mean = took.reduce((x, y) => x + y, 0) / took.length
  return `; ~${duration(mean * left)} left (mean ${duration(mean)} per run)`
}

/** `4.2 s`, `37 s`, `6 min`, `1 h 20 min`. */
export function duration(ms: number): string {
  const s = ms / 1000
  if (s < 10) return `${s.toFixed(1)} s`
  if (s < 60) return `${Math.round(s)} s`
  const min = Math.round(s / 60)
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n')
  return lines[lines.length - 1]?.trim() || '(no output)'
}

/**
 * Identities (test, run id, timestamp) of the sidecars in a run dir, or in every `run-*` dir of a
 * side dir: the same identity the gate uses to drop a run restored twice.
 */
async function runIdentities(dir: string, side = true): Promise<Set<string>> {
  const out = new Set<string>()
  const dirs = side
    ? (await readdir(dir, { withFileTypes: true }).catch(() => []))
        .filter((e) => e.isDirectory() && e.name.startsWith('run-'))
        .map((e) => join(dir, e.name))
    : [dir]
  for (const d of dirs)
    for (const f of await readdir(d).catch(() => [] as string[])) {
      if (!isSidecarFileName(f)) continue
      const text = await readFile(join(d, f), 'utf8').catch(() => null)
      const r = text === null ? null : parseSidecar(text, f)
      // Unreadable or malformed sidecars are the pool check's business, not an identity.
      if (r?.ok) out.add(JSON.stringify([r.sidecar.testName, r.sidecar.runId, r.sidecar.timestamp]))
    }
  return out
}

/** Copies one cached run into the pool as the side's next run, re-labelled as coming from the cache. */
async function copyCachedRun(
  src: string,
  p: SidePlan,
  identity: KtstrIdentity,
  host: HostInfo
): Promise<void> {
  const index = p.nextIndex
  const staging = join(p.dir, `${STAGING_PREFIX}run-${index}-${process.pid}`)
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  try {
    for (const f of await readdir(src)) if (isSidecarFileName(f)) await cp(join(src, f), join(staging, f))
    const m = await readManifest(src)
    if (!m.ok) throw new AgentError(`cache: ${m.error}`)
    await writeManifest(staging, {
      ...m.manifest,
      runIndex: index,
      sequence: null,
      totalRuns: 0,
      source: 'cache',
      host,
      ktstrVersion: identity.version,
      agentVersion: AGENT_VERSION
    })
    await publishRun(staging, join(p.dir, `run-${index}`))
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  p.nextIndex++
  p.fromCache++
  p.runs++
}

/**
 * Adds the baseline runs this call made (from its own checkout of a trusted commit) to the host
 * cache entry, after the runs already there. Nothing else ever enters the cache: not runs found in
 * the pool (a PR can commit them, an artifact can carry them), not runs of a call that ran
 * untrusted code, not runs of a call with `--no-cache-store`.
 */
async function storeMade(
  o: ProduceOptions,
  cacheDir: string,
  base: SidePlan,
  key: cache.CacheKey,
  untrustedCode: boolean
): Promise<void> {
  if (base.produced === 0) return
  if (o.add !== undefined) {
    // A top-up runs the undecided tests only: a cache entry holds whole runs of the suite.
    o.log(`cache: not storing the top-up's baseline runs of ${base.short} (a subset of the tests)`)
    return
  }
  if (!o.cacheStore || untrustedCode) {
    o.log(
      `cache: not storing the baseline runs of ${base.short}: ${!o.cacheStore ? '--no-cache-store' : 'this call ran a commit that is on no branch (--allow-untrusted)'}`
    )
    return
  }
  if (base.made.length === 0) return
  const prev = await cache.lookup(cacheDir, key, (m) => o.log(`warning: ${m}`))
  const kept: cache.RunFiles[] = []
  for (const r of prev?.entry.runs ?? []) kept.push(await cache.readRunFiles(join(prev!.dir, r.dir)))
  await cache.storeRuns(cacheDir, key, [...kept, ...base.made])
  const g = await cache.gc(cacheDir, { maxBytes: o.cacheMaxBytes, maxAgeDays: o.cacheMaxAgeDays })
  o.log(
    `cache: stored ${base.made.length} baseline run(s) of ${base.short} made in this call${g.removed.length ? `; evicted ${g.removed.length} entr${g.removed.length === 1 ? 'y' : 'ies'}` : ''}`
  )
}
