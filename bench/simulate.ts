/**
 * Verdict-quality simulator (DESIGN §11). Draws in-memory sidecars from a noise model (per-row
 * CV 1–20 %, heavy tails, slow drift within a job, an occasional outlier run) for many simulated
 * pull requests and judges each one, side by side, with
 * - ktstr's rule at N = 5 runs per side, both sides fresh and interleaved (`compare`, default
 *   options; the PR fails at fail-threshold 1 or at ktstr's default 5), and
 * - the sequential rule (DESIGN §4a) as the Action's top-up loop runs it: a warm baseline of
 *   `baseRuns` cached runs plus one fresh sentinel run, HEAD in batches of `batch` runs for the
 *   tests that still have undecided rows, up to `maxRuns`; a row decided in one round keeps its
 *   decision.
 *
 * Scenarios: A/A (no change), A/B (one row of a test regressed by 1.5 × its own relative gate,
 * among rows with CV ≤ gate) and a drifted host (no change, but HEAD and the sentinel run on a host
 * 5 % slower than when the cached baseline was measured).
 *
 * Every PR has its own seeded stream (seed, scenario, PR index), so figures are reproducible and do
 * not depend on how the PRs are split across worker processes. Run as a script
 * (`node --import tsx bench/simulate.ts worker <json>`) it is one worker process.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { compare, type CompareOptions } from '../src/core/compare.js'
import { bundledRegistry } from '../src/core/registry.js'
import {
  SENTINEL_DEFAULTS,
  sentinelCheck,
  sentinelRowsOf,
  type SentinelParams
} from '../src/core/sentinel.js'
import { SEQUENTIAL_DEFAULTS, type SequentialParams } from '../src/core/sequential.js'
import type { Sidecar } from '../src/core/sidecar.js'
import { holdDecisions, planTopUp, recordDecisions, type Decided } from '../src/core/topup.js'
import type { Comparison, RowState } from '../src/core/types.js'
import { Rng } from './lib.js'
import {
  COMMIT_A,
  COMMIT_B,
  DEFAULT_NOISE,
  drawValues,
  makeTest,
  plantAtGate,
  relGateOf,
  sidecar,
  type NoiseModel,
  type Planted,
  type TestSim
} from './model.js'

const SELF = fileURLToPath(import.meta.url)
const ROOT = fileURLToPath(new URL('..', import.meta.url))

export type Scenario = 'aa' | 'ab' | 'drift'

export interface SimConfig {
  seed: string
  tests: number
  /** Simulated PRs per scenario. */
  prs: Record<Scenario, number>
  /** ktstr's rule: runs per side. */
  ktstrRuns: number
  /** Sequential rule: cached baseline runs (warm), HEAD batch size, and its parameters (maxRuns included). */
  baseRuns: number
  /** Fresh baseline runs in the PR's job beside HEAD's (the sentinel; the Action's sentinel-runs). */
  sentinelRuns: number
  /** The sentinel's test (α, material shift), as the Action uses it. */
  sentinel: SentinelParams
  /** Check a test the sentinel set aside again once its batch of fresh runs is made (keep its cache if they agree). */
  sentinelConfirm: boolean
  batch: number
  sequential: SequentialParams
  /** Drifted host: every metric this fraction worse on HEAD and the sentinel than in the cache. */
  hostShift: number
  /** The planted move in multiples of the row's relative gate. */
  plantFactor: number
  noise: NoiseModel
}

export const DEFAULT_CONFIG: SimConfig = {
  seed: 'ktstr-perf-gate-bench-2',
  tests: 6,
  prs: { aa: 1000, ab: 600, drift: 400 },
  ktstrRuns: 5,
  baseRuns: 20,
  sentinelRuns: 1,
  sentinel: SENTINEL_DEFAULTS,
  sentinelConfirm: true,
  batch: 5,
  sequential: SEQUENTIAL_DEFAULTS,
  hostShift: 0.05,
  plantFactor: 1.5,
  noise: DEFAULT_NOISE
}

/** What one rule concluded on one PR. */
export interface PrOutcome {
  /** Regression rows (decided, under the rule). */
  regressions: number
  /** The planted row is a regression. */
  detected: boolean
  /** Rows whose true CV / gate ≤ 2, and how many of them were regressions. */
  rowsCvGate2: number
  regressionsCvGate2: number
  /** The same for CV / gate in (1, 2]. */
  rowsCvGate12: number
  regressionsCvGate12: number
  /** HEAD runs summed over tests; KVM suite runs (invocations, each a VM boot) and suite-equivalents. */
  headRuns: number
  invocations: number
  suiteEquivalents: number
  inconclusive: number
  /** Regressions ≥ ktstr's default fail-threshold 5 (or the gate's own fail verdict). */
  failAt5: boolean
  /** The planted row's final state (sequential) or verdict (ktstr). */
  plantedState: string | null
  /** Tests whose cached baseline runs the sentinel dropped (sequential). */
  sentinelDrops: number
}

/** Tallies of one rule over one scenario's PRs. */
export interface Tally {
  prs: number
  failAt1: number
  failAt5: number
  detected: number
  rowsCvGate2: number
  regressionsCvGate2: number
  rowsCvGate12: number
  regressionsCvGate12: number
  headRuns: number
  tests: number
  invocations: number
  suiteEquivalents: number
  prsWithInconclusive: number
  /** The planted row's final states, for the misses' "why". */
  plantedStates: Record<string, number>
  /** PRs where the sentinel dropped a test's cached baseline runs, and tests dropped in all. */
  prsWithSentinelDrop: number
  sentinelDrops: number
}

export type RuleId = 'ktstr' | 'sequential'
export type ScenarioResult = { scenario: Scenario; rules: Record<RuleId, Tally> }

function emptyTally(): Tally {
  return {
    prs: 0,
    failAt1: 0,
    failAt5: 0,
    detected: 0,
    rowsCvGate2: 0,
    regressionsCvGate2: 0,
    rowsCvGate12: 0,
    regressionsCvGate12: 0,
    headRuns: 0,
    tests: 0,
    invocations: 0,
    suiteEquivalents: 0,
    prsWithInconclusive: 0,
    plantedStates: {},
    prsWithSentinelDrop: 0,
    sentinelDrops: 0
  }
}

const PAIR_ON = ['topology', 'work-type', 'kernel', 'scheduler', 'kernel-commit', 'run-source'] as const

function judge(base: Sidecar[], head: Sidecar[], options: CompareOptions): Comparison {
  return compare({
    base,
    head,
    pairOn: [...PAIR_ON],
    registry: bundledRegistry(),
    baseline: { label: COMMIT_A, how: 'simulated' },
    headSpec: { label: COMMIT_B, how: 'simulated' },
    options
  })
}

/** One simulated PR: its tests, the planted row (A/B) and the host shift (drift). */
export interface PrWorld {
  tests: TestSim[]
  planted: Planted | null
  shift: number
}

export function makeWorld(rng: Rng, cfg: SimConfig, scenario: Scenario): PrWorld {
  const tests = Array.from({ length: cfg.tests }, (_, i) => makeTest(rng, i, cfg.noise))
  const planted = scenario === 'ab' ? plantAtGate(rng, tests, cfg.plantFactor) : null
  return { tests, planted, shift: scenario === 'drift' ? cfg.hostShift : 0 }
}

/** One CI job drawing runs: its drift, and each run's position in the job's length. */
class Job {
  private readonly drift: number
  constructor(
    private readonly rng: Rng,
    private readonly world: PrWorld,
    private readonly noise: NoiseModel,
    private readonly length: number
  ) {
    this.drift = noise.driftSd * rng.normal()
  }

  /** One sidecar of test `t`; `at` is its place in the job (0 … length − 1). */
  run(t: TestSim, commit: string, seq: number, at: number, o: { planted: boolean; shift: number }): Sidecar {
    const outlier =
      this.noise.outlierProb > 0 && this.rng.next() < this.noise.outlierProb
        ? this.rng.uniform(this.noise.outlierCvs[0], this.noise.outlierCvs[1])
        : null
    const values = drawValues(this.rng, t, {
      position: this.length > 1 ? Math.min(1, at / (this.length - 1)) : 0,
      drift: this.drift,
      outlier,
      planted: o.planted ? this.world.planted : null,
      plantedCv: null,
      shift: o.shift
    })
    return sidecar(t, commit, seq, values)
  }
}

/** Row facts from the world: true CV / gate of each (test, metric) drawn directly. */
function cvGate(world: PrWorld): Map<string, number> {
  const m = new Map<string, number>()
  // Directional rows only (informational ones never count, under either rule), and not a rate's
  // numerator: it is derived from the rate and its denominator, so its CV is not the drawn one.
  for (const t of world.tests) {
    const numerators = new Set(t.metrics.flatMap((x) => (x.rate ? [x.rate.numerator] : [])))
    for (const x of t.metrics)
      if (x.worse !== 0 && !numerators.has(x.name)) m.set(`${t.name}\u0000${x.name}`, x.cv / relGateOf(x))
  }
  return m
}

function rowTallies(
  o: PrOutcome,
  rows: Array<{ test: string; metric: string; regression: boolean }>,
  ratios: Map<string, number>
): void {
  for (const r of rows) {
    const q = ratios.get(`${r.test}\u0000${r.metric}`)
    if (q === undefined || q > 2) continue
    o.rowsCvGate2++
    if (r.regression) o.regressionsCvGate2++
    if (q > 1) {
      o.rowsCvGate12++
      if (r.regression) o.regressionsCvGate12++
    }
  }
}

function blankOutcome(): PrOutcome {
  return {
    regressions: 0,
    detected: false,
    rowsCvGate2: 0,
    regressionsCvGate2: 0,
    rowsCvGate12: 0,
    regressionsCvGate12: 0,
    headRuns: 0,
    invocations: 0,
    suiteEquivalents: 0,
    inconclusive: 0,
    failAt5: false,
    plantedState: null,
    sentinelDrops: 0
  }
}

/** ktstr's rule: N interleaved fresh runs per side in one job (A, B, A, B …). */
export function ktstrPr(rng: Rng, world: PrWorld, cfg: SimConfig): PrOutcome {
  const n = cfg.ktstrRuns
  const j = new Job(rng, world, cfg.noise, 2 * n)
  const base: Sidecar[] = []
  const head: Sidecar[] = []
  for (let seq = 0; seq < 2 * n; seq++)
    for (const t of world.tests)
      if (seq % 2 === 0) base.push(j.run(t, COMMIT_A, seq, seq, { planted: false, shift: world.shift }))
      else head.push(j.run(t, COMMIT_B, seq, seq, { planted: true, shift: world.shift }))
  const c = judge(base, head, {})
  const o = blankOutcome()
  o.regressions = c.counts.regressions
  const p = world.planted
  const prow = p ? c.rows.find((r) => r.test === p.test && r.metric === p.metric) : undefined
  o.detected = prow?.verdict === 'regression'
  o.plantedState = prow ? prow.verdict : null
  rowTallies(
    o,
    c.rows.map((r) => ({ test: r.test, metric: r.metric, regression: r.verdict === 'regression' })),
    cvGate(world)
  )
  o.headRuns = n * world.tests.length
  o.invocations = 2 * n
  o.suiteEquivalents = 2 * n
  o.failAt5 = c.verdict === 'fail'
  return o
}

/**
 * The sequential rule as the Action runs it. The cached baseline was measured in its own job,
 * before any host shift; the PR's job (on the possibly shifted host) makes the sentinel's fresh
 * baseline runs interleaved with HEAD's first batch, then the sentinel sets aside the cached runs of
 * every test whose fresh runs disagree with them and adds a batch of fresh runs of both sides for
 * it, then the top-up loop runs as `src/action/topup.ts` does: `planTopUp` picks the tests with
 * undecided rows and whether their baseline needs runs too (a test whose cache was set aside does),
 * `holdDecisions` / `recordDecisions` keep every decision final.
 */
export function sequentialPr(rng: Rng, world: PrWorld, cfg: SimConfig): PrOutcome {
  const p = cfg.sequential
  const cache = new Job(rng, world, cfg.noise, cfg.baseRuns)
  const cached: Sidecar[] = []
  for (let seq = 0; seq < cfg.baseRuns; seq++)
    for (const t of world.tests) cached.push(cache.run(t, COMMIT_A, seq, seq, { planted: false, shift: 0 }))
  const pr = new Job(rng, world, cfg.noise, p.maxRuns + cfg.sentinelRuns + cfg.batch)
  // Each run's place in the PR's job: the runs of a test made so far in it, both sides (interleaved).
  const at = new Map<string, number>()
  const place = (t: TestSim) => {
    const i = at.get(t.name) ?? 0
    at.set(t.name, i + 1)
    return i
  }
  const fresh: Sidecar[] = []
  const freshRun = (t: TestSim) =>
    fresh.push(pr.run(t, COMMIT_A, 1000 + fresh.length, place(t), { planted: false, shift: world.shift }))
  const head = new Map<string, Sidecar[]>(world.tests.map((t) => [t.name, []]))
  const headRun = (t: TestSim) => {
    const runs = head.get(t.name)!
    runs.push(pr.run(t, COMMIT_B, 2001 + runs.length, place(t), { planted: true, shift: world.shift }))
  }
  const o = blankOutcome()
  // Round 1: the sentinel's fresh baseline runs interleaved with HEAD's first batch, every test.
  const k1 = Math.min(cfg.batch, p.maxRuns)
  for (let i = 0; i < Math.max(k1, cfg.sentinelRuns); i++)
    for (const t of world.tests) {
      if (i < cfg.sentinelRuns) freshRun(t)
      if (i < k1) headRun(t)
    }
  const sentinelCount = fresh.length
  o.invocations = cfg.sentinelRuns + k1
  o.suiteEquivalents = cfg.sentinelRuns + k1
  const suspects = cfg.sentinelRuns > 0 ? sentinelDrops(fresh, cached, cfg.sentinel) : new Set<string>()
  if (suspects.size > 0) {
    // Fresh runs of both sides for the suspect tests, interleaved (one filtered agent call).
    o.invocations += 2 * cfg.batch
    o.suiteEquivalents += (2 * cfg.batch * suspects.size) / world.tests.length
    for (let i = 0; i < cfg.batch; i++)
      for (const t of world.tests.filter((x) => suspects.has(x.name))) {
        freshRun(t)
        headRun(t)
      }
  }
  // Checked again with every fresh run: one outlier sentinel run no longer carries the median.
  const dropped =
    suspects.size > 0 && cfg.sentinelConfirm
      ? sentinelDrops(
          fresh.filter((s) => suspects.has(s.testName)),
          cached.filter((s) => suspects.has(s.testName)),
          cfg.sentinel
        )
      : suspects
  o.sentinelDrops = dropped.size
  // A dropped test's sentinel runs go too: they were picked for being far from the cache, so
  // keeping them would bias its baseline; the batch made after the drop is its baseline.
  const baseOf = (names: ReadonlySet<string>) => [
    ...cached.filter((s) => names.has(s.testName) && !dropped.has(s.testName)),
    ...fresh.filter((s, i) => names.has(s.testName) && (i >= sentinelCount || !dropped.has(s.testName)))
  ]
  const gateOf = (names: ReadonlySet<string>) =>
    judge(
      baseOf(names),
      [...names].flatMap((n) => head.get(n)!),
      { rule: 'sequential', sequential: p }
    )
  const decided: Decided = new Map()
  let c = gateOf(new Set(world.tests.map((t) => t.name)))
  recordDecisions(c, decided)
  for (;;) {
    const plan = planTopUp(c, { batch: cfg.batch, maxRuns: p.maxRuns })
    if (plan.tests.length === 0) break
    for (const t of plan.tests) {
      const sim = world.tests.find((x) => x.name === t.test)!
      for (let i = 0; i < t.add; i++) {
        if (t.withBase) freshRun(sim)
        headRun(sim)
      }
    }
    // One agent call per (runs to add, baseline too or not), as the Action groups them.
    const groups = new Map<string, { add: number; sides: number; tests: number }>()
    for (const t of plan.tests) {
      const g = groups.get(`${t.add}/${t.withBase}`) ?? { add: t.add, sides: t.withBase ? 2 : 1, tests: 0 }
      g.tests++
      groups.set(`${t.add}/${t.withBase}`, g)
    }
    for (const g of groups.values()) {
      o.invocations += g.add * g.sides
      o.suiteEquivalents += (g.add * g.sides * g.tests) / world.tests.length
    }
    c = holdDecisions(gateOf(new Set(plan.tests.map((t) => t.test))), decided)
    recordDecisions(c, decided)
  }
  o.headRuns = [...head.values()].reduce((s, x) => s + x.length, 0)
  const final = new Map<string, RowState>()
  for (const r of decided.values()) if (r.state) final.set(`${r.test}\u0000${r.metric}`, r.state)
  const ratios = cvGate(world)
  const rows = [...final].map(([id, st]) => {
    const [test, metric] = id.split('\u0000') as [string, string]
    return { test, metric, regression: st === 'regression' }
  })
  rowTallies(o, rows, ratios)
  o.regressions = rows.filter((r) => r.regression).length
  o.inconclusive = [...final.values()].filter((s) => s === 'inconclusive').length
  const pl = world.planted
  o.plantedState = pl ? (final.get(`${pl.test}\u0000${pl.metric}`) ?? 'missing') : null
  o.detected = o.plantedState === 'regression'
  o.failAt5 = o.regressions >= 5
  return o
}

/** The tests whose fresh baseline runs disagree with their cached ones (core/sentinel.ts, as the Action). */
function sentinelDrops(fresh: Sidecar[], cached: Sidecar[], p: SentinelParams): Set<string> {
  const rows = sentinelRowsOf(fresh, cached, bundledRegistry(), [...PAIR_ON])
  return new Set(
    sentinelCheck(rows, p)
      .filter((t) => t.status === 'disagree')
      .map((t) => t.test)
  )
}

function add(t: Tally, o: PrOutcome, tests: number): void {
  t.prs++
  if (o.regressions >= 1) t.failAt1++
  if (o.failAt5) t.failAt5++
  if (o.detected) t.detected++
  t.rowsCvGate2 += o.rowsCvGate2
  t.regressionsCvGate2 += o.regressionsCvGate2
  t.rowsCvGate12 += o.rowsCvGate12
  t.regressionsCvGate12 += o.regressionsCvGate12
  t.headRuns += o.headRuns
  t.tests += tests
  t.invocations += o.invocations
  t.suiteEquivalents += o.suiteEquivalents
  if (o.inconclusive > 0) t.prsWithInconclusive++
  if (o.plantedState !== null) t.plantedStates[o.plantedState] = (t.plantedStates[o.plantedState] ?? 0) + 1
  if (o.sentinelDrops > 0) t.prsWithSentinelDrop++
  t.sentinelDrops += o.sentinelDrops
}

export const SCENARIOS: Scenario[] = ['aa', 'ab', 'drift']

/** Simulates PR indices ≡ shard (mod shards) of every scenario. */
export function runShard(cfg: SimConfig, shard: number, shards: number): ScenarioResult[] {
  return SCENARIOS.map((scenario) => {
    const rules: Record<RuleId, Tally> = { ktstr: emptyTally(), sequential: emptyTally() }
    for (let i = shard; i < cfg.prs[scenario]; i += shards) {
      const world = makeWorld(new Rng(cfg.seed, scenario, i, 'world'), cfg, scenario)
      add(rules.ktstr, ktstrPr(new Rng(cfg.seed, scenario, i, 'ktstr'), world, cfg), cfg.tests)
      add(rules.sequential, sequentialPr(new Rng(cfg.seed, scenario, i, 'seq'), world, cfg), cfg.tests)
    }
    return { scenario, rules }
  })
}

function mergeTally(a: Tally, b: Tally): Tally {
  const out = emptyTally()
  for (const k of Object.keys(out) as (keyof Tally)[]) {
    if (k === 'plantedStates') continue
    ;(out[k] as number) = (a[k] as number) + (b[k] as number)
  }
  for (const x of [a, b])
    for (const [s, n] of Object.entries(x.plantedStates))
      out.plantedStates[s] = (out.plantedStates[s] ?? 0) + n
  return out
}

function merge(parts: ScenarioResult[][]): ScenarioResult[] {
  return parts[0]!.map((first, i) => {
    let ktstr = emptyTally()
    let sequential = emptyTally()
    for (const p of parts) {
      ktstr = mergeTally(ktstr, p[i]!.rules.ktstr)
      sequential = mergeTally(sequential, p[i]!.rules.sequential)
    }
    return { scenario: first.scenario, rules: { ktstr, sequential } }
  })
}

export interface SimResult {
  config: SimConfig
  scenarios: ScenarioResult[]
  workers: number
  elapsedMs: number
}

function workerProcess(cfg: SimConfig, shard: number, shards: number): Promise<ScenarioResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', SELF, 'worker', JSON.stringify({ cfg, shard, shards })],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`simulator worker ${shard} exited ${code}`))
      try {
        resolve(JSON.parse(out) as ScenarioResult[])
      } catch (e) {
        reject(e as Error)
      }
    })
  })
}

/** Runs the whole simulation across `workers` processes (1 = in this process). */
export async function simulate(cfg: SimConfig, workers: number): Promise<SimResult> {
  const t = performance.now()
  const parts =
    workers <= 1
      ? [runShard(cfg, 0, 1)]
      : await Promise.all(Array.from({ length: workers }, (_, i) => workerProcess(cfg, i, workers)))
  return {
    config: cfg,
    scenarios: merge(parts),
    workers: Math.max(1, workers),
    elapsedMs: performance.now() - t
  }
}

if (process.argv[1] === SELF && process.argv[2] === 'worker') {
  const { cfg, shard, shards } = JSON.parse(process.argv[3]!) as {
    cfg: SimConfig
    shard: number
    shards: number
  }
  process.stdout.write(JSON.stringify(runShard(cfg, shard, shards)))
}
