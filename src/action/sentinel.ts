import { mkdir, rename } from 'node:fs/promises'
import path from 'node:path'
import type { Registry } from '../core/registry.js'
import {
  SENTINEL_DEFAULTS,
  sentinelCheck,
  sentinelLine,
  sentinelRowsOf,
  type SentinelRow,
  type SentinelTest
} from '../core/sentinel.js'
import type { Sidecar } from '../core/sidecar.js'
import { nextestFilter, SAFE_TEST_NAME } from '../core/topup.js'
import type { Comparison, SentinelReport } from '../core/types.js'
import { poolManifests } from '../pool/manifest.js'
import { pairingDimensions } from '../pool/filter.js'
import { readPool } from '../pool/read.js'
import { terminalText } from '../report/escape.js'
import type { Log } from './log.js'

/** Where dropped cached sidecars go, inside the pool (a dot directory: never read as runs, never uploaded). */
export const SENTINEL_ASIDE = '.sentinel-dropped'

/** The baseline's run directories by provenance (`{kernel}-{label}/run-i`, pool-relative). */
export interface Provenance {
  /** Made in one produce call with HEAD runs (the same produceId): the sentinel. */
  fresh: Set<string>
  /** From the host cache, earlier runs' artifacts, or any other produce call. */
  cached: Set<string>
}

/**
 * Sorts the baseline's runs by their manifests: a run is fresh when a produce call made it
 * together with one of HEAD's runs (the manifest's produceId), else cached. Runs without a
 * manifest (written by ktstr itself) are neither: they are the user's own and not checked.
 */
export async function baselineProvenance(
  poolDir: string,
  baseLabel: string,
  headLabel: string
): Promise<Provenance> {
  const ids = new Set<string>()
  for (const { result: m } of await poolManifests(poolDir, (d) => d.endsWith(`-${headLabel}`)))
    if (m.ok && m.manifest.produceId) ids.add(m.manifest.produceId)
  const out: Provenance = { fresh: new Set(), cached: new Set() }
  for (const { run, result: m } of await poolManifests(poolDir, (d) => d.endsWith(`-${baseLabel}`))) {
    if (!m.ok) continue
    const fresh = m.manifest.source === 'produced' && !!m.manifest.produceId && ids.has(m.manifest.produceId)
    out[fresh ? 'fresh' : 'cached'].add(run)
  }
  return out
}

/** The run directory of a sidecar (its pool-relative path without the file name). */
function runOf(s: Sidecar): string {
  return path.dirname(s.file).split(path.sep).join('/')
}

/** Per gated row of the baseline, the fresh and the cached runs' values (core/sentinel.ts). */
export function sentinelRows(
  sidecars: readonly Sidecar[],
  prov: Provenance,
  registry: Registry
): SentinelRow[] {
  return sentinelRowsOf(
    sidecars.filter((s) => prov.fresh.has(runOf(s))),
    sidecars.filter((s) => prov.cached.has(runOf(s))),
    registry,
    pairingDimensions({ shared: {}, a: {}, b: {} }).filter((d) => d !== 'run-source')
  )
}

/**
 * Moves the sidecars of `tests` out of the baseline's checked runs (cached and fresh) into
 * SENTINEL_ASIDE, kept for inspection. The fresh ones go too: they were singled out for being far
 * from the cache, so keeping them would bias the test's baseline; the runs produced after the first
 * check are its baseline.
 */
async function dropChecked(
  poolDir: string,
  sidecars: readonly Sidecar[],
  prov: Provenance,
  tests: ReadonlySet<string>
): Promise<number> {
  let moved = 0
  for (const s of sidecars) {
    const run = runOf(s)
    if (!tests.has(s.testName) || !(prov.cached.has(run) || prov.fresh.has(run))) continue
    const to = path.join(poolDir, SENTINEL_ASIDE, s.file)
    await mkdir(path.dirname(to), { recursive: true })
    await rename(path.join(poolDir, s.file), to)
    moved++
  }
  return moved
}

export interface SentinelDeps {
  poolDir: string
  baseLabel: string
  headLabel: string
  registry: Registry
  log: Log
  /** Adds fresh interleaved runs of both sides for exactly the tests the filter selects; absent: no agent. */
  produce?: (filter: string) => Promise<void>
}

/** The sentinel's verdict per test over the baseline's sidecars now in the pool. */
async function check(
  d: SentinelDeps
): Promise<{ prov: Provenance; sidecars: Sidecar[]; tests: SentinelTest[] }> {
  const prov = await baselineProvenance(d.poolDir, d.baseLabel, d.headLabel)
  const inBase = (s: Sidecar) => s.projectCommit === d.baseLabel
  const { sidecars } = await readPool(d.poolDir, { keep: inBase })
  return { prov, sidecars, tests: sentinelCheck(sentinelRows(sidecars, prov, d.registry), SENTINEL_DEFAULTS) }
}

/**
 * The deep baseline's sentinel (DESIGN §4a), run once after gathering: per test, the fresh baseline
 * runs are compared with the cached ones. A test whose fresh runs disagree gets a batch of fresh
 * runs of both sides, and is checked again with all its fresh runs: one outlier sentinel run then
 * no longer decides, and the cache is kept when they agree; when they still disagree (the host
 * moved), its cached runs and its first sentinel runs are set aside and the batch is its baseline.
 * Without an agent to produce the batch, a disagreeing test's cache is set aside at once. Null when
 * the baseline holds no cached runs (nothing to check).
 */
export async function runSentinel(d: SentinelDeps): Promise<SentinelReport | null> {
  const first = await check(d)
  const { prov, sidecars } = first
  if (prov.cached.size === 0) return null
  // What the reader should know beside the dropped tests' lines (reportOf adds those after).
  const notices: string[] = []
  if (prov.fresh.size === 0)
    notices.push(
      `sentinel: the baseline's ${prov.cached.size} cached run(s) were not checked: no fresh baseline run was made beside HEAD's (producing was off or failed)`
    )
  const suspects = first.tests.filter((t) => t.status === 'disagree')
  if (suspects.length === 0) {
    d.log.info(
      `sentinel: ${prov.fresh.size} fresh baseline run(s) agree with ${prov.cached.size} cached one(s) in ${first.tests.filter((t) => t.status === 'agree').length} test(s)`
    )
    return reportOf(first.tests, prov, [], notices)
  }
  const safe = suspects.map((t) => t.test).filter((t) => SAFE_TEST_NAME.test(t))
  if (safe.length < suspects.length)
    notices.push(
      `sentinel: no fresh runs for ${suspects.length - safe.length} test(s) whose name is not a plain test name: ${suspects
        .filter((t) => !SAFE_TEST_NAME.test(t.test))
        .slice(0, 3)
        .map((t) => terminalText(t.test, 100))
        .join(', ')}`
    )
  let bad = suspects
  if (!d.produce)
    notices.push(`sentinel: no runner agent here to produce fresh baseline runs for the dropped test(s)`)
  else if (safe.length > 0) {
    d.log.info(
      `sentinel: ${suspects.length} test(s) look shifted against the cache (${suspects.map((t) => terminalText(t.test, 100)).join(', ')}): producing fresh runs of both sides and checking again`
    )
    try {
      await d.produce(nextestFilter(safe))
      const again = new Map((await check(d)).tests.map((t) => [t.test, t]))
      // A test checked again keeps its cache when all its fresh runs agree; the rest stay suspect.
      bad = suspects.map((t) => again.get(t.test) ?? t).filter((t) => t.status !== 'agree')
      const kept = suspects.length - bad.length
      if (kept > 0)
        d.log.info(
          `sentinel: ${kept} test(s) agree with the cache once checked with more fresh runs: cache kept`
        )
    } catch (e) {
      notices.push(`sentinel: fresh runs for the dropped test(s) failed: ${(e as Error).message}`)
    }
  }
  if (bad.length === 0) return reportOf(first.tests, prov, [], notices)
  // The cached runs and the first sentinel runs (picked for disagreeing) go; the batch stays.
  const moved = await dropChecked(d.poolDir, sidecars, prov, new Set(bad.map((t) => t.test)))
  d.log.info(
    `sentinel: set aside ${moved} baseline sidecar(s) of ${bad.length} test(s), cached and sentinel (moved to ${SENTINEL_ASIDE})`
  )
  return reportOf(first.tests, prov, bad, notices)
}

/** The sentinel's report: `notices`, then one line per dropped test. */
function reportOf(
  tests: readonly SentinelTest[],
  prov: Provenance,
  bad: readonly SentinelTest[],
  notices: readonly string[]
): SentinelReport {
  return {
    alpha: SENTINEL_DEFAULTS.alpha,
    minShift: SENTINEL_DEFAULTS.minShift,
    freshRuns: prov.fresh.size,
    cachedRuns: prov.cached.size,
    checked: tests.filter((t) => t.status !== 'too-few').length,
    unchecked: tests.filter((t) => t.status === 'too-few').map((t) => t.test),
    dropped: bad.map((t) => ({
      test: t.test,
      key: t.worst!.key,
      metric: t.worst!.metric,
      pValue: t.worst!.pValue,
      relShift: t.worst!.relShift,
      shift: t.shift,
      threshold: t.threshold,
      freshRuns: t.freshRuns,
      cachedRuns: t.cachedRuns
    })),
    notices: [...notices, ...bad.map((t) => sentinelLine(t))]
  }
}

/** The comparison with the sentinel's report and notices (each gate of the job gets them). */
export function withSentinel(c: Comparison, s: SentinelReport | null): Comparison {
  if (!s) return c
  return { ...c, notices: [...c.notices, ...s.notices], sentinel: s }
}
