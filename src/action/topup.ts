import {
  holdDecisions,
  nextestFilter,
  planTopUp,
  recordDecisions,
  type Decided,
  type TopUpTest
} from '../core/topup.js'
import type { Comparison } from '../core/types.js'
import { terminalText } from '../report/escape.js'
import type { Log } from './log.js'

/** What the top-up loop (DESIGN §4a) works with; the Action wires the real gate and agent in. */
export interface TopUpDeps {
  /** The gate of round 1 (the runs gathered before the loop). */
  first: Comparison
  /** Gates the pool again (after a round's runs landed in it). */
  regate(): Promise<Comparison>
  /**
   * Adds `add` interleaved runs per side of exactly the tests `filter` selects (`base`: the
   * baseline too, else HEAD only). Throws when the agent fails; the runs that finished stay.
   */
  produce(p: { filter: string; tests: string[]; add: number; base: boolean }): Promise<void>
  /** Runs added per round (per side, per test). */
  batch: number
  /** Runs per side a test may reach. */
  maxRuns: number
  /** Milliseconds the whole gate may take (0 = no limit), counted from `startedAt`. */
  budgetMs: number
  startedAt: number
  now(): number
  /**
   * What round 1 cost: its duration and the test-runs it produced (tests × runs, both sides), so
   * round 2 can be estimated; null when round 1 produced nothing (all restored).
   */
  firstRound: { ms: number; testRuns: number } | null
  /** Called once a round's runs are in the pool (the Action uploads them then); optional. */
  afterRound?(): Promise<void>
  log: Log
}

export interface TopUpResult {
  comparison: Comparison
  /** Rounds run after the first. */
  rounds: number
  /** Why the loop stopped. */
  stopped: 'decided' | 'max-runs' | 'time-budget' | 'agent-failed' | 'refused'
}

/**
 * The sequential rule's top-up loop: gate → the tests with undecided rows → a batch of runs for
 * exactly those tests → gate again, until nothing is undecided, every undecided test is at
 * max-runs, or the next round would not fit in the time budget. Each round is one progress line;
 * a row decided in one round keeps its decision in every later one.
 */
export async function topUp(d: TopUpDeps): Promise<TopUpResult> {
  const decided: Decided = new Map()
  recordDecisions(d.first, decided)
  let c = d.first
  let msPerTestRun =
    d.firstRound && d.firstRound.testRuns > 0 ? d.firstRound.ms / d.firstRound.testRuns : null
  for (let round = 2; ; round++) {
    const plan = planTopUp(c, { batch: d.batch, maxRuns: d.maxRuns })
    if (plan.refused.length > 0)
      d.log.warning(
        `not topping up ${plan.refused.length} test(s) whose name is not a plain test name (sidecars are untrusted): ${plan.refused
          .slice(0, 3)
          .map((t) => terminalText(t, 100))
          .join(', ')}`
      )
    if (plan.tests.length === 0) {
      const stopped = plan.refused.length > 0 ? 'refused' : plan.atMax.length > 0 ? 'max-runs' : 'decided'
      const stuck = c.rows.filter((r) => r.state === 'inconclusive').length
      if (stopped === 'decided')
        d.log.info(
          `round ${round}: nothing undecided — every row decided${stuck ? ` (${stuck} inconclusive: too noisy, or at max-runs)` : ''}`
        )
      else if (stopped === 'max-runs')
        d.log.info(
          `round ${round}: ${plan.atMax.length} test(s) still undecided at max-runs ${d.maxRuns} — stopping`
        )
      return { comparison: c, rounds: round - 2, stopped }
    }
    const testRuns = plan.tests.reduce((s, t) => s + t.add * (t.withBase ? 2 : 1), 0)
    const estMs = msPerTestRun === null ? null : msPerTestRun * testRuns
    d.log.info(
      `round ${round}: ${plan.tests.length} test${plan.tests.length === 1 ? '' : 's'} undecided (${plan.rows} row${plan.rows === 1 ? '' : 's'}) → ${adds(plan.tests)} each, est. ${minutes(estMs)}`
    )
    const spent = d.now() - d.startedAt
    if (d.budgetMs > 0 && (spent >= d.budgetMs || (estMs !== null && spent + estMs > d.budgetMs))) {
      const why = `time-budget ${Math.round(d.budgetMs / 60000)} min: ${Math.round(spent / 60000)} min spent, round ${round} would take ${estMs === null ? 'unknown' : `≈ ${Math.ceil(estMs / 60000)} min`}`
      d.log.notice(
        `${why}; stopping with ${plan.rows} row(s) undecided — rerun with a larger time-budget, or with extra-runs`
      )
      return {
        comparison: withNotice(c, `${why}: ${plan.rows} row(s) left undecided`),
        rounds: round - 2,
        stopped: 'time-budget'
      }
    }
    const t0 = d.now()
    try {
      for (const g of groups(plan.tests))
        await d.produce({ filter: nextestFilter(g.tests), tests: g.tests, add: g.add, base: g.base })
    } catch (e) {
      const why = `the top-up of round ${round} failed: ${(e as Error).message}`
      d.log.warning(`${why}; gating the runs that finished`)
      c = holdDecisions(await d.regate(), decided)
      await d.afterRound?.()
      return { comparison: withNotice(c, why), rounds: round - 1, stopped: 'agent-failed' }
    }
    const ms = d.now() - t0
    if (testRuns > 0 && ms > 0) msPerTestRun = ms / testRuns
    c = holdDecisions(await d.regate(), decided)
    recordDecisions(c, decided)
    await d.afterRound?.()
  }
}

/** An estimate for the progress line: `12 min`, `< 1 min`, or unknown before anything was measured. */
function minutes(ms: number | null): string {
  if (ms === null) return 'unknown (nothing measured yet)'
  return ms < 60_000 ? '< 1 min' : `${Math.ceil(ms / 60_000)} min`
}

/** `+5 runs` when every test gets the same batch, else `+2–5 runs`. */
function adds(tests: readonly TopUpTest[]): string {
  const lo = Math.min(...tests.map((t) => t.add))
  const hi = Math.max(...tests.map((t) => t.add))
  return lo === hi ? `+${lo} run${lo === 1 ? '' : 's'}` : `+${lo}–${hi} runs`
}

/** One agent call per (runs to add, baseline too or not): each is one interleaved schedule. */
function groups(tests: readonly TopUpTest[]): { tests: string[]; add: number; base: boolean }[] {
  const out = new Map<string, { tests: string[]; add: number; base: boolean }>()
  for (const t of tests) {
    const k = `${t.add}/${t.withBase}`
    const g = out.get(k) ?? { tests: [], add: t.add, base: t.withBase }
    g.tests.push(t.test)
    out.set(k, g)
  }
  return [...out.values()]
}

function withNotice(c: Comparison, notice: string): Comparison {
  return { ...c, notices: [...c.notices, notice] }
}
