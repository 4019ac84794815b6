/**
 * The Comparison: everything a verdict depends on and everything the reports render.
 * Its JSON form (report/json.ts) is a public contract (DESIGN.md §8): add keys, never rename.
 */
import type { PolarityLabel } from './registry.js'
import type { MalformedSidecar } from './sidecar.js'

/** `no-data`: HEAD's selection holds no sidecars, so nothing was measured (never a pass). */
export type Verdict = 'pass' | 'fail' | 'no-baseline' | 'no-data'
/** `noisy`: noise-adjusted, but a side had fewer than 2 runs (ktstr's insufficient samples); never gates. */
export type RowVerdict = 'regression' | 'improvement' | 'unchanged' | 'informational' | 'coverage' | 'noisy'
/** The verdict rule: ktstr's (parity, the default) or the sequential rule of DESIGN §4a. */
export type Rule = 'ktstr' | 'sequential'
/** A row's state under the sequential rule (DESIGN §4a). */
export type RowState = 'regression' | 'improvement' | 'unchanged' | 'undecided' | 'inconclusive'
/** `noise-adjusted` = ≥ 2 runs per side (Welch / bands); `scalar` = the dual gate alone. */
export type Mode = 'scalar' | 'noise-adjusted'

/** Summary statistics of one side's per-run values of one metric. */
export interface SideStats {
  /** Runs that contributed a value. */
  n: number
  /** Arithmetic mean of the per-run values. */
  mean: number
  min: number
  max: number
  /** Sample standard deviation (n − 1); 0 when n = 1; Infinity beyond the double range (null in the JSON). */
  stdev: number
  /** The side's centre, which the dual gate compares: the mean, or for Rate metrics the pooled
   * Σnumerator/Σdenominator, or for Gauge(Avg) the sample-weighted mean. Show this as the side's value. */
  value: number
  /** ktstr's per-kind cross-run fold (sum for Counter, max for Peak, last for Gauge(Last), …); display only. */
  fold: number
  /** The per-run values, in run order. */
  samples: number[]
}

/** One (test, metric) pair of the two sides. */
export interface ComparisonRow {
  /** Pairing label: `test/topology/work_type` plus any non-sliced dimension that differs between rows. */
  key: string
  test: string
  topology: string
  scheduler: string
  workType: string
  kernel: string | null
  metric: string
  unit: string
  polarity: PolarityLabel
  verdict: RowVerdict
  /** Statistical mode used for this row. */
  mode: Mode
  base: SideStats | null
  head: SideStats | null
  /**
   * head.value − base.value (plain difference; polarity not folded into the sign). Null when a side
   * is missing, or when both are present but the difference exceeds the double range (±1.8e308).
   */
  delta: number | null
  /** (head.value − base.value) / |base.value| (signed, finite even when delta overflows); null when the baseline is ~0. */
  relDelta: number | null
  /** Two-sided Welch p-value; null in scalar mode or when undefined. */
  pValue: number | null
  /** Benjamini–Hochberg adjusted p-value across the comparison's rows; only with the `fdr` option. */
  pAdjusted: number | null
  /** Welch p < α or disjoint min–max bands; null in scalar mode. */
  separated: boolean | null
  /** True when the bands were disjoint. */
  disjoint: boolean | null
  /** Cleared both the absolute and the relative gate. */
  material: boolean
  gate: { abs: number; rel: number; absCleared: boolean; relCleared: boolean }
  /** 95 % confidence interval of relDelta (Welch, delta method); null with < 2 runs on a side. */
  ci95: [number, number] | null
  /** Hedges' g effect size; null with < 2 runs on a side or zero pooled variance. */
  effectSize: number | null
  /** The metric is in `must-fail`. */
  mustFail: boolean
  /**
   * The sequential rule's state of the row (DESIGN §4a); null under ktstr's rule and for rows it
   * does not decide (a side with < 2 runs, informational or unknown polarity, coverage).
   */
  state: RowState | null
  /** Sequential rule: runs per side estimated to decide an undecided or inconclusive row; else null. */
  runsNeeded: number | null
}

/** One paired test under the sequential rule: what is left to decide, and what it would take. */
export interface TestDecision {
  key: string
  test: string
  /** Usable runs per side. */
  baseRuns: number
  headRuns: number
  undecided: number
  inconclusive: number
  /** Runs per side estimated to decide its undecided rows (the most any of them needs); null when none is undecided. */
  runsNeeded: number | null
}

/** Result of one per-test PerfDeltaAssertion. */
export interface AssertionResult {
  key: string
  test: string
  metric: string
  name: string | null
  phase: number | null
  /** Relative gate (fraction) and absolute floor actually applied. */
  rel: number
  abs: number
  direction: PolarityLabel
  tripped: boolean
  /** Why it was not evaluated (missing values, scalar mode), when it was not. */
  skipped: string | null
  delta: number | null
  relDelta: number | null
  pValue: number | null
  separated: boolean | null
}

/** One side of the comparison, with provenance. */
export interface SideInfo {
  /** The commit label as sidecars carry it (7 hex, `-dirty`), or a description of the filter. */
  label: string
  /** Full SHA when resolved from git. */
  sha: string | null
  /** How this side was chosen, e.g. `merge-base(HEAD, origin/main)` or `--a-kernel 6.14`. */
  how: string
  /** Sidecars read for this side (passed or not). */
  sidecars: number
  /** Most runs any paired key has on this side. */
  runs: number
  kernels: string[]
  hosts: string[]
}

export interface Counts {
  regressions: number
  improvements: number
  unchanged: number
  informational: number
  /** Pairs left out of the math because a side had no passing run (failed, skipped, inconclusive). */
  excluded: number
  /** Non-passing runs dropped from pairs that still had passing runs on both sides. */
  droppedRuns: number
  newInHead: number
  removedFromBase: number
  malformed: number
  /** Metric present on one side only (ktstr CoverageDiff). */
  coverage: number
  /** Rows of a noise-adjusted comparison where a side had fewer than 2 usable runs; never gated. */
  noisy: number
  /** (test, metric) pairs skipped without a row because both sides were within 1e-9 of zero (as ktstr). */
  bothZero: number
  /** Per-test assertions that tripped. */
  assertionsTripped: number
  /** Metric names found in sidecars that the registry does not know. */
  unknownMetrics: number
  /** Sequential rule: rows more runs would decide (0 under ktstr's rule). */
  undecided: number
  /** Sequential rule: rows the run budget cannot decide (0 under ktstr's rule). */
  inconclusive: number
}

export interface ComparisonOptions {
  alpha: number
  failThreshold: number
  mustFail: string[]
  /** Uniform relative gate in percent (`--threshold`), if given. */
  thresholdPercent: number | null
  /** Where the policy came from, if one was given. */
  policy: string | null
  filter: string | null
  /** Benjamini–Hochberg false-discovery rate replacing per-row α (opt-in, beyond ktstr); null = ktstr's rule. */
  fdr: number | null
  /** The sequential rule's parameters; null under ktstr's rule. */
  sequential: {
    alpha: number
    gamma: number
    futility: number
    maxRuns: number
    variance: 'pooled' | 'larger'
  } | null
}

/**
 * A waiver: regressions a maintainer (PR label) or the project (policy-file `accept` entry)
 * accepted. Added by the waiver step after gating (core/waiver.ts); an accepted failure is
 * `verdict: 'pass'` with a `label` waiver listed and reasons that say so, never a silent pass.
 */
export interface Waiver {
  /** `label`: a maintainer's PR label, held only for the head SHA it was applied to; `policy`: a policy-file entry. */
  via: 'label' | 'policy'
  /** GitHub login of who applied the label; null for a policy entry. */
  by: string | null
  /** The label name, or the policy file (as given). */
  source: string
  /** The head SHA the label was applied to (label only), else null. */
  headSha: string | null
  /** The accepted rows, as (key, metric) pairs. */
  rows: { key: string; metric: string }[]
  /** Label only: the tripped per-test assertions the label accepted, if any. */
  assertions?: { key: string; metric: string; name: string | null }[]
}

export interface Comparison {
  schemaVersion: 1
  verdict: Verdict
  /** Why the verdict is what it is, one sentence each (e.g. "6 regressions ≥ fail-threshold 5"). */
  reasons: string[]
  /** Notices for the reader that do not change the verdict (mixed run counts, empty sides). */
  notices: string[]
  baseline: SideInfo
  head: SideInfo
  /** `noise-adjusted` when every compared row had ≥ 2 runs per side, else `scalar`. */
  mode: Mode
  /** The verdict rule used. */
  rule: Rule
  /** Sequential rule: every paired test with its undecided / inconclusive rows and runsNeeded; [] under ktstr's rule. */
  tests: TestDecision[]
  registry: { source: 'bundled' | 'live'; detail: string; hash: string }
  options: ComparisonOptions
  counts: Counts
  /** Rows, regressions first (worst first), then improvements, informational, coverage, unchanged. */
  rows: ComparisonRow[]
  assertions: AssertionResult[]
  excludedPairs: { key: string; reason: string }[]
  newInHead: string[]
  removedFromBase: string[]
  malformed: MalformedSidecar[]
  unknownMetrics: string[]
  /** Waivers that turned a failing gate into an accepted pass, or accepted rows; absent or [] when none. */
  waivers?: Waiver[]
  /** The deep baseline's sentinel (DESIGN §4a): absent when the baseline held no cached runs. */
  sentinel?: SentinelReport
}

/**
 * What the sentinel of a deep baseline found: the baseline's fresh runs (made beside HEAD's) checked
 * against its cached / restored ones, per test, on every gated metric.
 */
export interface SentinelReport {
  /** Two-sided α of the per-row pooled t-test whose most significant row is reported (evidence). */
  alpha: number
  /** Added: the decision — a test's median worse-direction shift ≥ minShift × its tightest relative gate drops its cache. */
  minShift?: number
  /** Baseline runs made beside HEAD's in this comparison, and cached / restored ones. */
  freshRuns: number
  cachedRuns: number
  /** Tests checked (fresh and cached runs to compare). */
  checked: number
  /** Tests that could not be checked (no fresh run of them, or too few runs in all). */
  unchecked: string[]
  /** Tests whose cached runs disagreed (host drift) and were dropped, with the row that showed it. */
  dropped: {
    test: string
    key: string
    metric: string
    pValue: number
    /** (fresh − cached) / |cached| mean; null when the cached mean is 0. */
    relShift: number | null
    /** Added: the test's median worse-direction relative shift over its gated rows (what decided). */
    shift?: number | null
    /** Added: the shift that sets the cache aside (minShift × the tightest relative gate). */
    threshold?: number | null
    freshRuns: number
    cachedRuns: number
  }[]
  /** One line per dropped test, as the report shows it. */
  notices: string[]
}
