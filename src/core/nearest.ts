/** "Did you mean": the nearest of some known values to one that matched nothing (pure). */

/**
 * The candidate nearest to a value that matched nothing: a prefix either way (a full SHA for a
 * 7-hex label, `6.15` for `6.15.0`, the `-dirty` form), else the closest within a few edits; null if none is close.
 */
export function nearestValue(want: string, candidates: readonly string[]): string | null {
  const prefixed = candidates
    .filter((c) => c !== want && (c.startsWith(want) || want.startsWith(c)))
    .sort((x, y) => Math.abs(x.length - want.length) - Math.abs(y.length - want.length) || (x < y ? -1 : 1))
  if (prefixed.length > 0) return prefixed[0]!
  return closest(want, candidates, editDistance)
}

/** The candidate holding the substring nearest to `want` (approximate substring match), or null. */
export function nearestSubstring(want: string, candidates: readonly string[]): string | null {
  return closest(want, candidates, substringDistance)
}

function closest(
  want: string,
  candidates: readonly string[],
  dist: (q: string, c: string) => number
): string | null {
  const limit = Math.max(2, Math.floor(want.length / 3))
  let best: string | null = null
  let bestD = limit + 1
  for (const c of candidates) {
    const d = dist(want, c)
    if (d < bestD || (d === bestD && best !== null && c < best)) [best, bestD] = [c, d]
  }
  return bestD <= limit ? best : null
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  return distanceRows(a, b, false)
}

/** Fewest edits that turn `q` into some substring of `text` (the match may start anywhere). */
export function substringDistance(q: string, text: string): number {
  return distanceRows(q, text, true)
}

function distanceRows(q: string, t: string, anyStart: boolean): number {
  // Row j = cost of matching q[0..i) against text ending at j; with anyStart the text prefix is free.
  let prev = Array.from({ length: t.length + 1 }, (_, j) => (anyStart ? 0 : j))
  for (let i = 1; i <= q.length; i++) {
    const row = [i]
    for (let j = 1; j <= t.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (q[i - 1] === t[j - 1] ? 0 : 1))
    prev = row
  }
  return anyStart ? Math.min(...prev) : prev[t.length]!
}
