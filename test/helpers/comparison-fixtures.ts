/**
 * Hand-built Comparison values for the report tests, independent of the engine: each
 * fixture is what the engine should produce for one situation the renderers must handle.
 * Deterministic (seeded PRNG), so snapshots are stable.
 */
import { compare } from '../../src/core/compare.js'
import { bundledRegistry, polarityLabel } from '../../src/core/registry.js'
import { DIMENSIONS, type Sidecar } from '../../src/core/sidecar.js'
import { sidecar } from './sidecars.js'
import type {
  Comparison,
  ComparisonRow,
  Counts,
  RowVerdict,
  SideInfo,
  SideStats
} from '../../src/core/types.js'

/** A seeded PRNG (mulberry32), so "random" samples are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Summary statistics of per-run samples, centre = mean. */
export function sideStats(samples: number[]): SideStats {
  const n = samples.length
  const mean = samples.reduce((s, v) => s + v, 0) / n
  const variance = n > 1 ? samples.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0
  return {
    n,
    mean,
    min: Math.min(...samples),
    max: Math.max(...samples),
    stdev: Math.sqrt(variance),
    value: mean,
    fold: mean,
    samples
  }
}

/** `n` samples around `centre` with relative noise `cv`. */
export function samplesAround(rand: () => number, centre: number, cv: number, n: number): number[] {
  return Array.from({ length: n }, () => Number((centre * (1 + cv * (rand() * 2 - 1))).toPrecision(6)))
}

export interface RowSpec {
  test?: string
  topology?: string
  workType?: string
  scheduler?: string
  metric: string
  verdict: RowVerdict
  base: number[] | null
  head: number[] | null
  pValue?: number | null
  mustFail?: boolean
  state?: ComparisonRow['state']
  runsNeeded?: number | null
}

/** One row built like the engine would: unit, polarity and gates from the bundled registry. */
export function makeRow(spec: RowSpec): ComparisonRow {
  const def = bundledRegistry().byName.get(spec.metric)
  if (!def) throw new Error(`fixture uses unknown metric ${spec.metric}`)
  const test = spec.test ?? 'sched_basic'
  const topology = spec.topology ?? '2n4l4c2t'
  const workType = spec.workType ?? 'CpuSpin'
  const base = spec.base ? sideStats(spec.base) : null
  const head = spec.head ? sideStats(spec.head) : null
  const delta = base && head ? head.value - base.value : null
  const relDelta =
    delta !== null && base && Math.abs(base.value) > 1e-12 ? delta / Math.abs(base.value) : null
  const multi = (base?.n ?? 0) >= 2 && (head?.n ?? 0) >= 2
  const pValue = multi ? (spec.pValue ?? (spec.verdict === 'unchanged' ? 0.41 : 0.002)) : null
  const absCleared = delta !== null && Math.abs(delta) >= def.default_abs
  const relCleared = relDelta !== null && Math.abs(relDelta) >= def.default_rel
  const halfWidth =
    multi && relDelta !== null && base && head
      ? (1.96 * (head.stdev + base.stdev)) / Math.abs(base.value) / 2
      : 0
  return {
    key: `${test}/${topology}/${workType}`,
    test,
    topology,
    scheduler: spec.scheduler ?? 'scx_lavd',
    workType,
    kernel: '6.14.0',
    metric: spec.metric,
    unit: def.display_unit,
    polarity: polarityLabel(def.polarity),
    verdict: spec.verdict,
    mode: multi ? 'noise-adjusted' : 'scalar',
    base,
    head,
    delta,
    relDelta,
    pValue,
    pAdjusted: null,
    separated: multi ? pValue !== null && pValue < 0.05 : null,
    disjoint: multi && base && head ? base.max < head.min || head.max < base.min : null,
    material: absCleared && relCleared,
    gate: { abs: def.default_abs, rel: def.default_rel, absCleared, relCleared },
    ci95: multi && relDelta !== null ? [relDelta - halfWidth, relDelta + halfWidth] : null,
    effectSize:
      multi && delta !== null && base && head ? delta / Math.max(1e-9, (base.stdev + head.stdev) / 2) : null,
    mustFail: spec.mustFail ?? false,
    state: spec.state ?? null,
    runsNeeded: spec.runsNeeded ?? null
  }
}

/** Counts derived from the rows plus the lists, as the engine reports them. */
export function countsOf(c: Omit<Comparison, 'counts'>, extra: Partial<Counts> = {}): Counts {
  const by = (v: RowVerdict): number => c.rows.filter((r) => r.verdict === v).length
  return {
    regressions: by('regression'),
    improvements: by('improvement'),
    unchanged: by('unchanged'),
    informational: by('informational'),
    coverage: by('coverage'),
    noisy: by('noisy'),
    bothZero: 0,
    excluded: c.excludedPairs.length,
    droppedRuns: 0,
    newInHead: c.newInHead.length,
    removedFromBase: c.removedFromBase.length,
    malformed: c.malformed.length,
    assertionsTripped: c.assertions.filter((a) => a.tripped).length,
    unknownMetrics: c.unknownMetrics.length,
    undecided: c.rows.filter((r) => r.state === 'undecided').length,
    inconclusive: c.rows.filter((r) => r.state === 'inconclusive').length,
    ...extra
  }
}

function sideInfo(
  label: string,
  sha: string,
  how: string,
  runs: number,
  over: Partial<SideInfo> = {}
): SideInfo {
  return { label, sha, how, sidecars: runs * 4, runs, kernels: ['6.14.0'], hosts: ['kvm-host-03'], ...over }
}

export type ComparisonSpec = Partial<Omit<Comparison, 'counts'>> & {
  rows: ComparisonRow[]
  counts?: Partial<Counts>
}

/** A whole Comparison around the given rows; anything not given gets a realistic default. */
export function makeComparison(spec: ComparisonSpec): Comparison {
  const { counts, ...rest } = spec
  const runs = Math.max(1, ...spec.rows.map((r) => Math.max(r.base?.n ?? 0, r.head?.n ?? 0)))
  const base: Omit<Comparison, 'counts'> = {
    schemaVersion: 1,
    verdict: 'pass',
    reasons: [],
    notices: [],
    baseline: sideInfo(
      '1a2b3c4',
      '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
      'merge-base(HEAD, origin/main)',
      runs
    ),
    head: sideInfo('5d6e7f8', '5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80', 'HEAD', runs),
    mode:
      spec.rows.every((r) => r.mode === 'noise-adjusted') && spec.rows.length > 0
        ? 'noise-adjusted'
        : 'scalar',
    registry: {
      source: 'bundled',
      detail: 'bundled snapshot of ktstr METRICS (105 metrics)',
      hash: 'fnv1a:8c1d0e3f'
    },
    options: {
      alpha: 0.05,
      failThreshold: 5,
      mustFail: [],
      thresholdPercent: null,
      policy: null,
      filter: null,
      fdr: null,
      sequential: null
    },
    rule: 'ktstr',
    tests: [],
    assertions: [],
    excludedPairs: [],
    newInHead: [],
    removedFromBase: [],
    malformed: [],
    unknownMetrics: [],
    ...rest
  }
  return { ...base, counts: countsOf(base, counts) }
}

/** Rows sorted the way the engine promises: regressions worst first, then improvements, informational, coverage, unchanged. */
export function engineOrder(rows: ComparisonRow[]): ComparisonRow[] {
  const rank: Record<RowVerdict, number> = {
    regression: 0,
    improvement: 1,
    informational: 2,
    noisy: 3,
    coverage: 4,
    unchanged: 5
  }
  return [...rows].sort(
    (a, b) => rank[a.verdict] - rank[b.verdict] || Math.abs(b.relDelta ?? 0) - Math.abs(a.relDelta ?? 0)
  )
}

// ---------------------------------------------------------------------------------------
// Named scenarios: one per situation the issue lists.

const TESTS = [
  'sched_basic',
  'cgroup_cpuset_churn',
  'wake_chain',
  'mixed_io_cpu',
  'llc_affinity',
  'fork_storm'
]

/** Rows every realistic comparison has: unchanged and informational metrics across tests. */
function background(rand: () => number, n: number, runs: number): ComparisonRow[] {
  const metrics = [
    'worst_p99_wake_latency_us',
    'total_migrations',
    'iteration_rate',
    'worst_gap_ms',
    'avg_imbalance_ratio'
  ]
  const rows: ComparisonRow[] = []
  for (let i = 0; i < n; i++) {
    const metric = metrics[i % metrics.length]!
    const centre = 50 + 1000 * rand()
    rows.push(
      makeRow({
        test: TESTS[Math.floor(i / metrics.length) % TESTS.length],
        metric,
        verdict: 'unchanged',
        base: samplesAround(rand, centre, 0.03, runs),
        head: samplesAround(rand, centre, 0.03, runs)
      })
    )
  }
  rows.push(
    makeRow({
      metric: 'total_hardirqs',
      verdict: 'informational',
      base: samplesAround(rand, 41000, 0.05, runs),
      head: samplesAround(rand, 52000, 0.05, runs)
    }),
    makeRow({
      test: 'wake_chain',
      metric: 'total_run_delay',
      verdict: 'informational',
      base: samplesAround(rand, 8.1e8, 0.05, runs),
      head: samplesAround(rand, 7.2e8, 0.05, runs)
    })
  )
  return rows
}

/** Clean pass: two improvements, nothing regressed, five runs per side. */
export function cleanPass(): Comparison {
  const rand = prng(1)
  const rows = [
    makeRow({
      test: 'wake_chain',
      metric: 'worst_p99_wake_latency_us',
      verdict: 'improvement',
      base: samplesAround(rand, 412, 0.02, 5),
      head: samplesAround(rand, 301, 0.02, 5)
    }),
    makeRow({
      test: 'fork_storm',
      metric: 'iteration_rate',
      verdict: 'improvement',
      base: samplesAround(rand, 1820, 0.02, 5),
      head: samplesAround(rand, 2410, 0.02, 5)
    }),
    ...background(rand, 10, 5)
  ]
  return makeComparison({ rows: engineOrder(rows) })
}

/** Fail by count: six regressions against fail-threshold 5. */
export function failByCount(): Comparison {
  const rand = prng(2)
  const reg = (test: string, metric: string, from: number, to: number): ComparisonRow =>
    makeRow({
      test,
      metric,
      verdict: 'regression',
      base: samplesAround(rand, from, 0.02, 5),
      head: samplesAround(rand, to, 0.02, 5)
    })
  const rows = [
    reg('wake_chain', 'worst_p99_wake_latency_us', 388, 912),
    reg('cgroup_cpuset_churn', 'worst_spread', 11.2, 24.9),
    reg('mixed_io_cpu', 'worst_gap_ms', 1210, 2630),
    reg('llc_affinity', 'total_migrations', 1480, 2270),
    reg('sched_basic', 'avg_imbalance_ratio', 2.1, 3.05),
    reg('fork_storm', 'iteration_rate', 2400, 1610),
    makeRow({
      test: 'sched_basic',
      metric: 'worst_p99_wake_latency_us',
      verdict: 'improvement',
      base: samplesAround(rand, 240, 0.02, 5),
      head: samplesAround(rand, 171, 0.02, 5)
    }),
    ...background(rand, 20, 5)
  ]
  return makeComparison({
    verdict: 'fail',
    reasons: ['6 regressions ≥ fail-threshold 5'],
    rows: engineOrder(rows)
  })
}

/** Fail by must-fail: one regression, on a metric listed in must-fail. */
export function failByMustFail(): Comparison {
  const rand = prng(3)
  const rows = [
    makeRow({
      test: 'cgroup_cpuset_churn',
      metric: 'worst_spread',
      verdict: 'regression',
      mustFail: true,
      base: samplesAround(rand, 9.5, 0.03, 3),
      head: samplesAround(rand, 17.8, 0.03, 3)
    }),
    ...background(rand, 8, 3)
  ]
  const c = makeComparison({
    verdict: 'fail',
    reasons: ['must-fail metric worst_spread regressed'],
    rows: engineOrder(rows)
  })
  c.options.mustFail = ['worst_spread']
  return c
}

/** A per-test PerfDeltaAssertion tripped, with no registry-gate regression. */
export function trippedAssertion(): Comparison {
  const rand = prng(4)
  const rows = background(rand, 8, 4)
  return makeComparison({
    verdict: 'fail',
    reasons: ['assertion SPREAD_GATE tripped'],
    rows: engineOrder(rows),
    assertions: [
      {
        key: 'cgroup_cpuset_churn/2n4l4c2t/CpuSpin',
        test: 'cgroup_cpuset_churn',
        metric: 'worst_spread',
        name: 'SPREAD_GATE',
        phase: null,
        rel: 0.1,
        abs: 1,
        direction: 'lower',
        tripped: true,
        skipped: null,
        delta: 2.4,
        relDelta: 0.182,
        pValue: 0.004,
        separated: true
      },
      {
        key: 'sched_basic/2n4l4c2t/CpuSpin',
        test: 'sched_basic',
        metric: 'worst_gap_ms',
        name: null,
        phase: 1,
        rel: 0.5,
        abs: 100,
        direction: 'lower',
        tripped: false,
        skipped: null,
        delta: 3,
        relDelta: 0.01,
        pValue: 0.6,
        separated: false
      }
    ]
  })
}

/** Empty baseline: the baseline commit has no sidecars, HEAD has some; a notice and no-baseline. */
export function emptyBaseline(): Comparison {
  const c = makeComparison({
    verdict: 'no-baseline',
    reasons: ['baseline 1a2b3c4 has no sidecars'],
    notices: [
      'No sidecars for the baseline 1a2b3c4 (merge-base(HEAD, origin/main)); run the gate on the default branch first, or pass --base.'
    ],
    rows: [],
    newInHead: TESTS.map((t) => `${t}/2n4l4c2t/CpuSpin`)
  })
  c.baseline = { ...c.baseline, sidecars: 0, runs: 0, kernels: [], hosts: [] }
  c.head = { ...c.head, sidecars: 24, runs: 1 }
  return c
}

/** No data: HEAD's selection held no sidecars (a filter typo); the baseline has some. */
export function noData(): Comparison {
  const c = makeComparison({
    verdict: 'no-data',
    reasons: [
      'no sidecars for HEAD (side B), project-commit=5d6e7f9: project-commit 5d6e7f9 is not in the pool, which holds project-commit 1a2b3c4 (24), 5d6e7f8 (24); did you mean 5d6e7f8? — likely a typo in --b-project-commit'
    ],
    notices: [],
    rows: []
  })
  c.head = { ...c.head, label: '5d6e7f9', sha: null, sidecars: 0, runs: 0, kernels: [], hosts: [] }
  return c
}

/** 5,000 rows: 300 regressions, 200 improvements, 500 informational, 4,000 unchanged, 3 runs per side. */
export function manyRows(): Comparison {
  const rand = prng(5)
  const metrics = [
    'worst_p99_wake_latency_us',
    'worst_spread',
    'total_migrations',
    'iteration_rate',
    'worst_gap_ms'
  ]
  const rows: ComparisonRow[] = []
  for (let i = 0; i < 5000; i++) {
    const verdict: RowVerdict =
      i < 300 ? 'regression' : i < 500 ? 'improvement' : i < 1000 ? 'informational' : 'unchanged'
    const metric = verdict === 'informational' ? 'total_hardirqs' : metrics[i % metrics.length]!
    const centre = 20 + 2000 * rand()
    const worse = metric === 'iteration_rate' ? 0.6 : 1.6
    const factor = verdict === 'regression' ? worse + rand() * 0.3 : verdict === 'improvement' ? 2 - worse : 1
    rows.push(
      makeRow({
        test: `gen_test_${String(Math.floor(i / 5)).padStart(4, '0')}`,
        metric,
        verdict,
        base: samplesAround(rand, centre, 0.02, 3),
        head: samplesAround(rand, centre * factor, 0.02, 3)
      })
    )
  }
  return makeComparison({
    verdict: 'fail',
    reasons: ['300 regressions ≥ fail-threshold 5'],
    rows: engineOrder(rows)
  })
}

/** Names that try to inject markup, forge our marker, mention people, reorder text or blow the size limits. */
export const HOSTILE_NAMES: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<!-- ktstr-perf-gate:ci/perf -->',
  'end --> <script>alert(1)</script>',
  '**bold** _em_ ~~strike~~ # heading',
  '[click](javascript:alert(1))',
  '![img](https://evil.example/x.png)',
  'pipe | in | name',
  'tick `code` ``double``',
  'cc @octocat and @github/security',
  'fixes #123 and GH-45 and owner/repo#9',
  'see https://evil.example/a and www.evil.example',
  'line1\nline2\r\n| injected | row |',
  'ctrl\u0000\u0007\u001b[31mred\u001b[0m\u007f\u0085',
  'bidi \u202Eevil\u202C and \u2066isolate\u2069 \u200Finvisible\u200B',
  '$\\sqrt{x}$ math & entity &lt;b&gt;',
  '<details open><summary>x</summary>',
  'x'.repeat(10_000),
  '名前/テスト/🚀'
]

/** Hostile names everywhere a string can come from a sidecar or git: tests, metrics' keys, labels, hosts, errors. */
export function hostileNames(): Comparison {
  const rand = prng(6)
  const rows = HOSTILE_NAMES.map((name, i) =>
    makeRow({
      test: name,
      topology: i % 2 === 0 ? '2n4l4c2t' : name,
      metric: i % 3 === 0 ? 'worst_spread' : 'worst_p99_wake_latency_us',
      verdict: i < 7 ? 'regression' : i < 10 ? 'improvement' : 'unchanged',
      base: samplesAround(rand, 100, 0.02, 3),
      head: samplesAround(rand, i < 7 ? 180 : i < 10 ? 60 : 100, 0.02, 3)
    })
  )
  const c = makeComparison({
    verdict: 'fail',
    reasons: ['7 regressions ≥ fail-threshold 5', 'assertion <b>@octocat</b> --> tripped'],
    notices: ['notice with <script>alert(1)</script> and @octocat'],
    rows: engineOrder(rows),
    assertions: [
      {
        key: HOSTILE_NAMES[1]!,
        test: HOSTILE_NAMES[1]!,
        metric: 'worst_spread',
        name: '<b>@octocat</b> -->',
        phase: null,
        rel: 0.1,
        abs: 1,
        direction: 'lower',
        tripped: true,
        skipped: null,
        delta: 3,
        relDelta: 0.3,
        pValue: 0.01,
        separated: true
      }
    ],
    excludedPairs: [{ key: HOSTILE_NAMES[0]!, reason: 'head run failed: <b>boom</b> @octocat' }],
    malformed: [
      {
        file: 'pool/<img src=x onerror=alert(1)>.ktstr.json',
        path: '$.metrics["<!-- x -->"]',
        message: 'expected number, got "-->"'
      }
    ],
    unknownMetrics: ['<svg onload=alert(1)>'],
    newInHead: [HOSTILE_NAMES[4]!],
    removedFromBase: [HOSTILE_NAMES[8]!]
  })
  c.baseline = {
    ...c.baseline,
    label: 'main<!--',
    how: 'merge-base(HEAD, origin/<b>evil</b>) @octocat',
    hosts: ['host\u202Eevil']
  }
  c.head = { ...c.head, label: '-->x`|', how: 'HEAD [x](javascript:alert(1))', kernels: ['6.14 <i>rc</i>'] }
  return c
}

/** Every named scenario, for tests that run all renderers over all of them. */
/** Values with exactly this mean and sample standard deviation (evenly spread). */
function spread(mean: number, sd: number, n: number): number[] {
  const raw = Array.from({ length: n }, (_, i) => i - (n - 1) / 2)
  const s = Math.sqrt(raw.reduce((t, x) => t + x * x, 0) / (n - 1))
  return raw.map((x) => mean + (sd * x) / s)
}

/**
 * The sequential rule on engine output: a clear regression, an undecided row (beyond its gate, not
 * yet significant) and an inconclusive one (too noisy for its gate), 5 runs per side.
 */
export function sequentialOpen(failThreshold = 1): Comparison {
  const side = (commit: string, rows: Record<string, Record<string, number[]>>): Sidecar[] =>
    Object.entries(rows).flatMap(([test, metrics]) =>
      Array.from({ length: 5 }, (_, i) =>
        sidecar({
          test,
          commit,
          run: i + 1,
          values: Object.fromEntries(Object.entries(metrics).map(([m, xs]) => [m, xs[i]!]))
        })
      )
    )
  const base = side('1a2b3c4', {
    wake_chain: { worst_p99_wake_latency_us: spread(388, 8, 5) },
    sched_basic: { total_iterations: spread(10_000, 500, 5) },
    noisy_io: { total_iterations: spread(10_000, 5_000, 5) }
  })
  const head = side('5d6e7f8', {
    wake_chain: { worst_p99_wake_latency_us: spread(912, 10, 5) },
    sched_basic: { total_iterations: spread(8_900, 500, 5) },
    noisy_io: { total_iterations: spread(10_400, 5_000, 5) }
  })
  return compare({
    base,
    head,
    pairOn: DIMENSIONS.filter((d) => d !== 'project-commit'),
    registry: bundledRegistry(),
    baseline: { label: '1a2b3c4', how: 'merge-base(HEAD, origin/main)' },
    headSpec: { label: '5d6e7f8', how: 'HEAD' },
    options: { rule: 'sequential', failThreshold }
  })
}

/** Passed with a regression below the fail-threshold (1 < 5), with open rows of the sequential rule. */
export function passWithRegression(): Comparison {
  return sequentialOpen(5)
}

/**
 * failByCount's regressions accepted: by a maintainer's label on the head commit (`via: 'label'`),
 * or by the policy file's accept entries; the verdict is then pass, as the waiver step leaves it.
 */
export function accepted(via: 'label' | 'policy' = 'label', count = Infinity): Comparison {
  const c = failByCount()
  c.verdict = 'pass'
  c.reasons = []
  const rows = c.rows
    .filter((r) => r.verdict === 'regression')
    .slice(0, count)
    .map((r) => ({ key: r.key, metric: r.metric }))
  c.waivers = [
    via === 'label'
      ? { via, by: 'htejun', source: 'perf-accepted', headSha: c.head.sha, rows }
      : { via, by: null, source: '.github/perf-policy.yaml', headSha: null, rows }
  ]
  return c
}

export const SCENARIOS: Record<string, () => Comparison> = {
  'clean-pass': cleanPass,
  'fail-by-count': failByCount,
  'fail-by-must-fail': failByMustFail,
  'tripped-assertion': trippedAssertion,
  'empty-baseline': emptyBaseline,
  'many-rows': manyRows,
  'hostile-names': hostileNames,
  'sequential-open': sequentialOpen
}
