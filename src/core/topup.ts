/**
 * The top-up loop's decisions (DESIGN §4a), pure: which tests get more runs after a gate under
 * the sequential rule, the nextest filter that selects exactly them, and how a row decided in an
 * earlier round keeps its decision (no re-testing until something turns significant).
 */
import { rowOrder } from './compare.js'
import { redecide } from './gate.js'
import type { Comparison, ComparisonRow, RowState, RowVerdict } from './types.js'

/**
 * Test names the loop passes to nextest: a Rust identifier, as `#[ktstr_test]` functions are.
 * Names come from sidecars (written by the code under test), so anything else is refused rather
 * than escaped into a filter expression.
 */
export const SAFE_TEST_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,199}$/

/** One test of a top-up round: its undecided rows, its runs per side now, and the runs to add. */
export interface TopUpTest {
  test: string
  /** Undecided rows of the test (all its topologies and metrics). */
  rows: number
  /** Fewest usable HEAD / baseline runs among the test's rows. */
  headRuns: number
  baseRuns: number
  /** The engine's estimate of runs per side that would decide it (the most any row needs), if given. */
  runsNeeded: number | null
  /** Runs to add per side this round: the batch, capped at max-runs. */
  add: number
  /** The baseline needs runs too (it is not already deeper than HEAD will be). */
  withBase: boolean
}

export interface TopUpPlan {
  /** Tests to top up, by name. */
  tests: TopUpTest[]
  /** Undecided rows in those tests. */
  rows: number
  /** Tests with undecided rows already at max-runs per side (the engine should call them inconclusive). */
  atMax: string[]
  /** Tests with undecided rows whose name is not a safe test name: never passed to the agent. */
  refused: string[]
}

/** A row's identity across rounds: its pairing key and metric. */
export function rowId(r: Pick<ComparisonRow, 'key' | 'metric'>): string {
  return `${r.key}\u0000${r.metric}`
}

/**
 * The tests with undecided rows and the runs each gets this round: `batch` more per side, never
 * past `maxRuns` HEAD runs. A test with several topologies is one test to nextest: it is topped up
 * once, by its fewest runs.
 */
export function planTopUp(c: Comparison, o: { batch: number; maxRuns: number }): TopUpPlan {
  const byTest = new Map<string, ComparisonRow[]>()
  for (const r of c.rows) {
    if (!r.base || !r.head) continue
    const list = byTest.get(r.test) ?? []
    list.push(r)
    byTest.set(r.test, list)
  }
  const plan: TopUpPlan = { tests: [], rows: 0, atMax: [], refused: [] }
  for (const [test, rows] of [...byTest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const open = rows.filter((r) => r.state === 'undecided')
    if (open.length === 0) continue
    if (!SAFE_TEST_NAME.test(test)) {
      plan.refused.push(test)
      continue
    }
    const headRuns = Math.min(...open.map((r) => r.head!.n))
    const baseRuns = Math.min(...open.map((r) => r.base!.n))
    const add = Math.min(o.batch, o.maxRuns - headRuns)
    if (add <= 0) {
      plan.atMax.push(test)
      continue
    }
    const needs = open.map((r) => r.runsNeeded).filter((n): n is number => typeof n === 'number')
    plan.tests.push({
      test,
      rows: open.length,
      headRuns,
      baseRuns,
      runsNeeded: needs.length ? Math.max(...needs) : null,
      add,
      // A deep baseline (cache, pushes to the default branch) needs no more runs to match HEAD's.
      withBase: baseRuns < headRuns + add
    })
    plan.rows += open.length
  }
  return plan
}

/**
 * The nextest filterset that selects exactly these tests, in the form `cargo ktstr replay` gives
 * nextest: `test(/^(.*::)?NAME$/)` joined by ` | ` (a sidecar's test name is the bare function
 * name; nextest's `test(=…)` would compare it with the full path and match nothing). Every name
 * must be a SAFE_TEST_NAME, so nothing in it is a regex or filterset metacharacter.
 */
export function nextestFilter(names: readonly string[]): string {
  if (names.length === 0) throw new Error('nextestFilter: no test names')
  for (const n of names)
    if (!SAFE_TEST_NAME.test(n)) throw new Error(`nextestFilter: unsafe test name ${JSON.stringify(n)}`)
  return [...new Set(names)]
    .sort()
    .map((n) => `test(/^(.*::)?${n}$/)`)
    .join(' | ')
}

/** Rows decided so far (regression, improvement, unchanged, inconclusive), by rowId, as decided. */
export type Decided = Map<string, ComparisonRow>

/** Adds the rows this gate decided for the first time to `decided` (earlier decisions stay). */
export function recordDecisions(c: Comparison, decided: Decided): void {
  for (const r of c.rows)
    if (r.state && r.state !== 'undecided' && !decided.has(rowId(r)))
      decided.set(rowId(r), structuredClone(r))
}

/**
 * The comparison with every row decided in an earlier round put back as it was decided (its
 * state, verdict and the statistics it was decided on), and the counts and verdict recomputed: a
 * decision is final, more runs of the same test never re-open it.
 */
export function holdDecisions(c: Comparison, decided: Decided): Comparison {
  const rows = c.rows.map((r) => {
    const d = decided.get(rowId(r))
    return d && d.state !== r.state ? structuredClone(d) : r
  })
  // A held row may change verdict: order the rows again as the engine does.
  const ordered = [...rows].sort(rowOrder)
  const count = (v: RowVerdict) => ordered.filter((r) => r.verdict === v).length
  const countState = (s: RowState) => ordered.filter((r) => r.state === s).length
  const counts = {
    ...c.counts,
    regressions: count('regression'),
    improvements: count('improvement'),
    unchanged: count('unchanged') - countState('undecided') - countState('inconclusive'),
    undecided: countState('undecided'),
    inconclusive: countState('inconclusive')
  }
  const { verdict, reasons } = redecide(c, ordered)
  const tests = c.tests?.map((t) => {
    const mine = ordered.filter((r) => r.key === t.key)
    const open = mine.filter((r) => r.state === 'undecided')
    return {
      ...t,
      undecided: open.length,
      inconclusive: mine.filter((r) => r.state === 'inconclusive').length,
      runsNeeded: open.length ? t.runsNeeded : null
    }
  })
  // A verdict the engine gave on the same rows is kept as is (its reasons may say more).
  const same = verdict === c.verdict && counts.regressions === c.counts.regressions
  return {
    ...c,
    rows: ordered,
    counts,
    ...(tests ? { tests } : {}),
    verdict,
    reasons: same ? c.reasons : reasons
  }
}
