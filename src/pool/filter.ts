import { UsageError } from '../core/errors.js'
import { DIMENSIONS, dimValue, type Dimension, type Sidecar } from '../core/sidecar.js'

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
