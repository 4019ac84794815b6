import { UsageError } from '../core/errors.js'
import { DIMENSIONS, dimValue, type Dimension, type Sidecar } from '../core/sidecar.js'
import { nearestSubstring, nearestValue } from '../core/nearest.js'
export { editDistance, nearestSubstring, nearestValue, substringDistance } from '../core/nearest.js'

/** Allowed values per dimension (OR within a dimension, AND across dimensions). */
export type DimFilter = Partial<Record<Dimension, readonly string[]>>

/** `stats compare` filters: shared (`--kernel V`) and per side (`--a-kernel V`, `--b-kernel V`). */
export interface SideFilters {
  shared: DimFilter
  a: DimFilter
  b: DimFilter
  /** `-E SUBSTR`: substring of `test/topology/scheduler/work_type`. */
  substring?: string
}

/** The effective filter of one side: a per-side value replaces the shared one on that dimension. */
export function effectiveFilter(f: SideFilters, side: 'a' | 'b'): DimFilter {
  return { ...f.shared, ...f[side] }
}

/** Dimensions whose effective filters differ between the sides: they slice A from B. */
export function slicedDimensions(f: SideFilters): Dimension[] {
  const a = effectiveFilter(f, 'a')
  const b = effectiveFilter(f, 'b')
  return DIMENSIONS.filter((d) => !sameSet(a[d], b[d]))
}

/** Dimensions that join the test name in the pairing key: all but the sliced ones. */
export function pairingDimensions(f: SideFilters): Dimension[] {
  const sliced = new Set(slicedDimensions(f))
  return DIMENSIONS.filter((d) => !sliced.has(d))
}

/** Selects one side's sidecars. */
export function selectSide(xs: readonly Sidecar[], f: SideFilters, side: 'a' | 'b'): Sidecar[] {
  return xs.filter(sideMatcher(f, side))
}

/** A test for one side's filter, for checking each sidecar as it is read. */
export function sideMatcher(f: SideFilters, side: 'a' | 'b'): (s: Sidecar) => boolean {
  const eff = effectiveFilter(f, side)
  const dims = DIMENSIONS.filter((d) => eff[d] && eff[d]!.length > 0)
  const sub = f.substring
  return (s) => dims.every((d) => eff[d]!.includes(dimValue(s, d))) && (!sub || searchText(s).includes(sub))
}

/** Throws when the two sides would select the same sidecars (nothing to compare). */
export function assertSliced(f: SideFilters): void {
  if (slicedDimensions(f).length === 0)
    throw new UsageError(
      'side A and side B select the same sidecars',
      'slice them on a dimension, e.g. --a-project-commit abc1234 --b-project-commit def5678, or give --base/--base-ref'
    )
}

/** A filter in words, for the report (`project-commit=abc1234, kernel=6.14.2`). */
export function describeFilter(f: DimFilter): string {
  const parts = DIMENSIONS.filter((d) => f[d]?.length).map((d) => `${d}=${f[d]!.join('|')}`)
  return parts.length ? parts.join(', ') : 'all sidecars'
}

/** Distinct values and sidecar counts per dimension (`list-values`). */
export function listValues(xs: readonly Sidecar[]): Record<Dimension, { value: string; sidecars: number }[]> {
  const out = {} as Record<Dimension, { value: string; sidecars: number }[]>
  for (const d of DIMENSIONS) {
    const counts = new Map<string, number>()
    for (const s of xs) counts.set(dimValue(s, d), (counts.get(dimValue(s, d)) ?? 0) + 1)
    out[d] = [...counts]
      .map(([value, sidecars]) => ({ value, sidecars }))
      .sort((x, y) => (x.value < y.value ? -1 : 1))
  }
  return out
}

function searchText(s: Sidecar): string {
  return `${s.testName}/${s.topology}/${s.scheduler}/${s.workType}`
}

function sameSet(x: readonly string[] | undefined, y: readonly string[] | undefined): boolean {
  const a = new Set(x ?? [])
  const b = new Set(y ?? [])
  return a.size === b.size && [...a].every((v) => b.has(v))
}

/** The pool's values of one dimension as list-values prints them: `6.14.2 (40), 6.15.0 (3)`, at most `max`. */
export function valuesText(values: readonly { value: string; sidecars: number }[], max = 8): string {
  if (values.length === 0) return 'none'
  const shown = values.slice(0, max).map((v) => `${clip(v.value)} (${v.sidecars})`)
  if (values.length > max) shown.push(`… ${values.length - max} more (see list-values)`)
  return shown.join(', ')
}

/** Why a side selected nothing, and what most likely caused it. */
export interface EmptySide {
  /** One line: the selection, what the pool holds instead, the nearest match, the likely cause. */
  line: string
  /**
   * `no-sidecars`: the pool is empty; `typo`: a value the user typed is not in the pool;
   * `not-produced`: a commit resolved from git has no sidecars; `no-combination`: every value is in
   * the pool but no sidecar has them all.
   */
  cause: 'no-sidecars' | 'typo' | 'not-produced' | 'no-combination'
}

/** How a side's filter values came to be, so the diagnosis can name the flag to fix. */
export interface SideOrigin {
  side: 'a' | 'b'
  /** Dimensions whose value came from git (the resolved baseline or HEAD), not from a flag. */
  fromGit: readonly Dimension[]
}

/**
 * Explains an empty side (call it when `selectSide` returned nothing): names the selection and,
 * per filter that matches no sidecar at all, the values the pool holds and the nearest one.
 */
export function explainEmpty(xs: readonly Sidecar[], f: SideFilters, o: SideOrigin): EmptySide {
  const who = o.side === 'b' ? 'HEAD (side B)' : 'the baseline (side A)'
  const eff = effectiveFilter(f, o.side)
  const selection = [describeFilter(eff), ...(f.substring ? [`-E ${clip(f.substring)}`] : [])].join(', ')
  const head = `no sidecars for ${who}, ${selection}`
  if (xs.length === 0)
    return {
      line: `${head}: the pool holds no sidecars — none were produced: run cargo ktstr test (or ktstr-agent produce), or point --dir at a pool that has them`,
      cause: 'no-sidecars'
    }
  const values = listValues(xs)
  const misses: string[] = []
  const typed: string[] = []
  for (const d of DIMENSIONS) {
    const want = eff[d]
    if (!want?.length) continue
    const held = values[d]
    if (want.some((v) => held.some((h) => h.value === v))) continue
    const near = want
      .map((v) =>
        nearestValue(
          v,
          held.map((h) => h.value)
        )
      )
      .find((v) => v !== null)
    misses.push(
      `${d} ${want.map(clip).join('|')} is not in the pool, which holds ${d} ${valuesText(held)}${near ? `; did you mean ${clip(near)}?` : ''}`
    )
    if (!o.fromGit.includes(d)) typed.push(flagOf(f, o.side, d))
  }
  if (f.substring && !xs.some((s) => searchText(s).includes(f.substring!))) {
    const names = [...new Set(xs.map((s) => s.testName))].sort()
    const near = nearestSubstring(f.substring, names)
    misses.push(
      `-E ${clip(f.substring)} matches no test, scheduler, topology or work type; the pool holds tests ${valuesText(countOf(xs.map((s) => s.testName)))}${near ? `; did you mean -E ${clip(near)}?` : ''}`
    )
    typed.push('-E')
  }
  const what = o.side === 'b' ? "HEAD's" : "the baseline's"
  if (misses.length === 0) {
    const shown = DIMENSIONS.filter((d) => eff[d]?.length).map((d) => `${d} ${valuesText(values[d], 5)}`)
    if (o.fromGit.length > 0)
      return {
        line: `${head}: the pool holds each value (${shown.join('; ')}), but no sidecar of that commit has them all — ${what} sidecars were not produced for this selection`,
        cause: 'not-produced'
      }
    return {
      line: `${head}: each value is in the pool, but no sidecar has them all (the pool holds ${shown.join('; ')}) — loosen a filter (list-values shows the pool)`,
      cause: 'no-combination'
    }
  }
  if (typed.length > 0)
    return { line: `${head}: ${misses.join('; ')} — likely a typo in ${typed.join(', ')}`, cause: 'typo' }
  return {
    line: `${head}: ${misses.join('; ')} — ${what} sidecars were not produced: run cargo ktstr test at that commit (or ktstr-agent produce)`,
    cause: 'not-produced'
  }
}

/**
 * Throws a UsageError when the sides share sidecars: a baseline that holds HEAD's own runs (e.g.
 * `--b-project-commit X` alone makes side A "all sidecars") hides every change. ktstr's stats
 * compare allows the overlap; we do not.
 */
export function assertDisjoint(a: readonly Sidecar[], b: readonly Sidecar[], f: SideFilters): void {
  const inB = new Set(b)
  const shared = a.filter((s) => inB.has(s))
  if (shared.length === 0) return
  const sliced = slicedDimensions(f)
  const sharedValues = sliced.map((d) => `${d} ${valuesText(listValues(shared)[d], 4)}`).join('; ')
  const fixes = sliced.map((d) => {
    const ea = effectiveFilter(f, 'a')[d]
    const eb = effectiveFilter(f, 'b')[d]
    const open = !ea?.length ? 'a' : !eb?.length ? 'b' : null
    if (!open) return `keep the ${d} values of --a-${d} and --b-${d} apart`
    const taken = new Set((open === 'a' ? eb : ea) ?? [])
    const others = listValues(a.concat(b))[d].filter((v) => !taken.has(v.value))
    return `give side ${open.toUpperCase()} its own --${open}-${d}${others.length ? ` (the pool's other ${d} values: ${valuesText(others, 5)})` : ''}`
  })
  throw new UsageError(
    `side A (${describeFilter(effectiveFilter(f, 'a'))}) and side B (${describeFilter(effectiveFilter(f, 'b'))}) share ${shared.length} sidecar(s) (${sharedValues}), so the baseline would hold HEAD's own runs`,
    fixes.join('; ')
  )
}

/** The flag that set a side's value on a dimension: `--b-kernel` or the shared `--kernel`. */
function flagOf(f: SideFilters, side: 'a' | 'b', d: Dimension): string {
  return f[side][d]?.length ? `--${side}-${d}` : `--${d}`
}

function countOf(xs: readonly string[]): { value: string; sidecars: number }[] {
  const counts = new Map<string, number>()
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1)
  return [...counts]
    .map(([value, sidecars]) => ({ value, sidecars }))
    .sort((x, y) => (x.value < y.value ? -1 : 1))
}

/** Values from sidecars in a one-line message: bounded, so a hostile name cannot flood it. */
function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 79)}…` : s
}
