import { stat } from 'node:fs/promises'
import path from 'node:path'
import { compare, type CompareOptions, type SideSpec } from '../core/compare.js'
import { UsageError } from '../core/errors.js'
import type { Registry } from '../core/registry.js'
import type { Comparison } from '../core/types.js'
import { resolveBaseline, type Resolved } from '../git/baseline.js'
import { NONE, type Dimension, type Sidecar } from '../core/sidecar.js'
import {
  assertDisjoint,
  assertSliced,
  describeFilter,
  explainEmpty,
  effectiveFilter,
  pairingDimensions,
  selectSide,
  sideMatcher,
  type SideFilters
} from './filter.js'
import { poolManifests } from './manifest.js'
import { defaultPoolRoot, readPool, type PoolContents } from './read.js'

export interface ComparePoolInput {
  /** Pool root; default `{CARGO_TARGET_DIR or target}/ktstr` under `cwd`. */
  dir?: string
  cwd: string
  env: NodeJS.ProcessEnv
  filters: SideFilters
  /** Baseline selection (perf-delta flags); used when no per-side filter names the sides. */
  base?: string
  baseRef?: string
  defaultBranch?: string
  /** Fetch missing history in shallow clones. */
  deepen?: boolean
  /** A baseline already resolved by the caller (the Action resolves once, before producing). */
  resolved?: Resolved
  registry: Registry
  options: CompareOptions
}

export interface ComparePoolResult {
  comparison: Comparison
  /** The pool as read: only the sidecars either side selects, and every malformed file. */
  pool: PoolContents
  /** The git resolution, when the sides were chosen by commit. */
  resolved: Resolved | null
}

/**
 * `compare` end to end over a pool on disk: choose the sides (perf-delta's baseline resolution
 * when no per-side filter is given, else stats compare's filters), read the pool, and compare.
 */
export async function comparePool(input: ComparePoolInput): Promise<ComparePoolResult> {
  const defaultRoot = defaultPoolRoot(input.env, input.cwd)
  const root = input.dir ? path.resolve(input.cwd, input.dir) : defaultRoot
  if (input.dir) await assertDir(root, '--dir')

  const filters: SideFilters = { ...input.filters, a: { ...input.filters.a }, b: { ...input.filters.b } }
  const perSide = Object.keys(filters.a).length > 0 || Object.keys(filters.b).length > 0
  const explicitBase = !!(input.base || input.baseRef || input.defaultBranch)
  let resolved: Resolved | null = input.resolved ?? null
  if (!resolved && (!perSide || explicitBase)) {
    resolved = await resolveBaseline({
      cwd: input.cwd,
      base: input.base,
      baseRef: input.baseRef,
      defaultBranch: input.defaultBranch,
      env: input.env,
      deepen: input.deepen
    })
  }
  const fromGit = { a: [] as Dimension[], b: [] as Dimension[] }
  if (resolved)
    for (const [side, commit] of [
      ['a', resolved.base],
      ['b', resolved.head]
    ] as const)
      if (!filters[side]['project-commit']) {
        filters[side]['project-commit'] = [commit.label]
        fromGit[side].push('project-commit')
      }
  assertSliced(filters)

  // Only the two sides' sidecars are kept: the rest of a large pool is parsed (to report bad
  // files) and dropped at once.
  const inA = sideMatcher(filters, 'a')
  const inB = sideMatcher(filters, 'b')
  const archive = path.resolve(root) !== path.resolve(defaultRoot)
  const pool = await readPool(root, { archive, keep: (s) => inA(s) || inB(s), pack: true })
  dropUnusedPhases(pool.sidecars)
  const base = selectSide(pool.sidecars, filters, 'a')
  const head = selectSide(pool.sidecars, filters, 'b')
  // Only the two sides were kept; an empty side is explained against the whole pool, read again
  // (the rare path), so the line names what the pool holds, not what the sides kept.
  let whole: readonly Sidecar[] | null = null
  const everything = async (): Promise<readonly Sidecar[]> =>
    (whole ??=
      base.length > 0 && head.length > 0 ? pool.sidecars : (await readPool(root, { archive })).sidecars)
  assertDisjoint(base, head, filters)
  // An empty baseline is ktstr's notice-and-pass only when git chose it (perf-delta: the baseline
  // was not produced); a side the user named with flags that selects nothing is a mistake to fix,
  // as in ktstr's stats compare. An empty HEAD is the no-data verdict, reported below.
  const emptyBase =
    base.length === 0 && head.length > 0
      ? explainEmpty(await everything(), filters, { side: 'a', fromGit: fromGit.a })
      : null
  if (emptyBase && emptyBase.cause !== 'not-produced')
    throw new UsageError(
      emptyBase.line,
      filters.a['project-commit'] && !fromGit.a.length
        ? 'if that baseline was never produced, name it with --base instead: a missing baseline git resolves is a notice and a pass'
        : undefined
    )
  const spec = (side: 'a' | 'b'): SideSpec => {
    const commit = resolved?.[side === 'a' ? 'base' : 'head']
    const eff = effectiveFilter(filters, side)
    const picked = eff['project-commit']
    if (commit && picked?.length === 1 && picked[0] === commit.label)
      return { label: commit.label, sha: commit.sha, how: side === 'a' ? resolved!.how : 'HEAD' }
    return {
      label: picked?.length === 1 ? picked[0]! : describeFilter(eff),
      sha: null,
      how: describeFilter(eff)
    }
  }
  const comparison = compare({
    base,
    head,
    pairOn: pairingDimensions(filters),
    registry: input.registry,
    baseline: spec('a'),
    headSpec: spec('b'),
    options: { ...input.options, filter: filters.substring ?? null },
    malformed: pool.malformed
  })
  // Sidecars written under the agent carry no host; its run manifests do.
  for (const side of [comparison.baseline, comparison.head])
    if (side.hosts.length === 0) side.hosts = await manifestHosts(root, side.label)
  if (comparison.head.sidecars === 0 && resolved?.head.dirty)
    comparison.notices.push(
      `the work tree is dirty, so HEAD's sidecars are labelled ${resolved.head.label}; run the tests on this tree, or commit and re-run them`
    )
  // Reports are posted on PRs: name the pool relative to the work tree, not by the runner's absolute path.
  const shownRoot = shownPath(input.cwd, root)
  if (comparison.verdict === 'no-data')
    comparison.reasons = [
      `${explainEmpty(await everything(), filters, { side: 'b', fromGit: fromGit.b }).line} (pool ${shownRoot})`
    ]
  if (comparison.verdict === 'no-baseline')
    comparison.notices.push(
      `the pool at ${shownRoot} has no sidecars for the baseline ${comparison.baseline.label}; produce them (cargo ktstr test at that commit, or ktstr-agent produce) to enable the delta`
    )
  return { comparison, pool, resolved }
}

/** `p` relative to `cwd` when it lies inside it ("target/ktstr", "." for cwd itself), else as given. */
export function shownPath(cwd: string, p: string): string {
  const rel = path.relative(path.resolve(cwd), path.resolve(p))
  if (rel === '') return '.'
  return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel
}

/**
 * Per-phase values are read only for a PerfDeltaAssertion that names a phase (core/gate.ts); when no
 * kept sidecar declares one, they are dropped before the comparison, so a large pool's sidecars do
 * not hold every phase's metrics while the rows are built. The Comparison is the same.
 */
export function dropUnusedPhases(xs: Sidecar[]): void {
  for (const s of xs) for (const a of s.assertions) if (a.phase !== null) return
  // Set, not read: reading a packed sidecar's phases (read.ts pack) would rebuild them.
  for (const s of xs) s.phases = NONE
}

/** `hostname (cpu model)` of every run manifest under the run dirs of a commit label. */
async function manifestHosts(root: string, label: string): Promise<string[]> {
  const hosts = new Set<string>()
  for (const { result: m } of await poolManifests(root, (d) => d.endsWith(`-${label}`)))
    if (m.ok) hosts.add(`${m.manifest.host.hostname} (${m.manifest.host.cpuModel})`)
  return [...hosts].sort()
}

/** A usage error when a directory the user named does not exist. */
export async function assertDir(p: string, flag: string): Promise<void> {
  const st = await stat(p).catch(() => null)
  if (!st?.isDirectory())
    throw new UsageError(
      `${flag} ${p}: no such directory`,
      'point it at a ktstr pool root (the directory holding {kernel}-{commit}/ run directories)'
    )
}
