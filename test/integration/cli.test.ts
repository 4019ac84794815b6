import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import snapshot from '../../src/core/registry-snapshot.json' with { type: 'json' }
import { GIT_TEST_ENV, initRepo, removeDir, runGit, short, tempDir, type TestRepo } from '../helpers/git.js'
import { renderComment } from '../../src/report/comment.js'
import { parseComparisonJson } from '../../src/report/json-parse.js'
import { renderSummary } from '../../src/report/summary.js'
import { copyExamplePool, EXAMPLE_BASE, EXAMPLE_HEAD, type SidecarJson } from '../helpers/pool.js'
import { COMMITS, generatePool, planFor } from '../../bench/generate.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI_TS = join(ROOT, 'src', 'cli', 'index.ts')
const DIST_CLI = join(ROOT, 'dist', 'cli.js')
// Absolute, so the CLI can run with any cwd (a temp repo has no node_modules).
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const EXAMPLE_SIDES = ['--a-project-commit', EXAMPLE_BASE, '--b-project-commit', EXAMPLE_HEAD]

// Comparison JSON is read by known keys.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

interface Ran {
  status: number | null
  stdout: string
  stderr: string
}

/**
 * The environment for every CLI subprocess: no cargo-ktstr on PATH (so the bundled registry is
 * used whatever the machine has), none of the variables that steer the CLI or git.
 */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env))
    if (
      !/^(KTSTR_|GITHUB_|ACTIONS_|RUNNER_|NODE_TEST|GIT_)/.test(k) &&
      !['CARGO_TARGET_DIR', 'NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS'].includes(k)
    )
      env[k] = v
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => d && !existsSync(join(d, 'cargo-ktstr')))
    .join(delimiter)
  return { ...env, ...GIT_TEST_ENV, ...extra }
}

/** Runs the CLI (src through tsx, or the built bundle) as a subprocess. */
function cli(
  args: readonly string[],
  opts: { cwd?: string; env?: Record<string, string>; dist?: boolean } = {}
): Promise<Ran> {
  const argv = opts.dist ? [DIST_CLI, ...args] : ['--import', TSX, CLI_TS, ...args]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: opts.cwd ?? ROOT,
      env: childEnv(opts.env),
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

function parseJson(r: Ran): Json {
  try {
    return JSON.parse(r.stdout) as Json
  } catch {
    assert.fail(`stdout is not JSON (exit ${r.status}):\n${r.stdout.slice(0, 2000)}\nstderr:\n${r.stderr}`)
  }
}

/** Exit 2 with exactly one stderr line and no stack trace; returns that line. */
function usageFailure(r: Ran): string {
  assert.equal(r.status, 2, `exit status (stderr: ${r.stderr})`)
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack frames')
  const lines = r.stderr.trimEnd().split('\n')
  assert.equal(lines.length, 1, `one stderr line, got:\n${r.stderr}`)
  assert.match(lines[0]!, /^ktstr-perf-gate: error: /)
  return lines[0]!
}

function rowsWith(j: Json, verdict: string): Array<[string, string]> {
  return (j.rows as Json[]).filter((r) => r.verdict === verdict).map((r) => [r.test, r.metric])
}

const REGRESSION: Array<[string, string]> = [['wake_storm_perf', 'worst_p99_wake_latency_us']]
const IMPROVEMENT: Array<[string, string]> = [['cgroup_mixed_perf', 'iterations_per_cpu_sec']]
const COUNT_KEYS = [
  'regressions',
  'improvements',
  'unchanged',
  'informational',
  'excluded',
  'newInHead',
  'removedFromBase',
  'malformed'
]
const ROW_KEYS = [
  'test',
  'topology',
  'scheduler',
  'workType',
  'metric',
  'unit',
  'polarity',
  'verdict',
  'base',
  'head',
  'delta',
  'relDelta',
  'pValue',
  'separated',
  'material',
  'ci95'
]
const SIDE_KEYS = ['n', 'mean', 'min', 'max', 'stdev']

/** Kind of each metric in the bundled registry. */
const KIND = new Map(snapshot.map((m) => [m.name, m.kind as unknown]))
const isDistribution = (metric: string): boolean => {
  const k = KIND.get(metric)
  return typeof k === 'object' && k !== null && 'Distribution' in k
}

let scratch: string
before(() => {
  scratch = tempDir('perf-gate-cli-')
})
after(() => removeDir(scratch))

describe('compare on the example pool', { concurrency: 3 }, () => {
  const example = ['compare', '--dir', 'examples/pool', ...EXAMPLE_SIDES]

  it('prints the table: 1 regression, 1 improvement, exit 0', async () => {
    const r = await cli([...example, '--width', '0'])
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stderr, '')
    assert.match(r.stdout, /^wake_storm_perf\/\S+\s+worst_p99_wake_latency_us\s.*REGRESSION$/m)
    assert.match(r.stdout, /^cgroup_mixed_perf\/\S+\s+iterations_per_cpu_sec\s.*improvement$/m)
    assert.match(r.stdout, /^summary: 1 regression, 1 improvement, \d+ unchanged/m)
    assert.match(r.stdout, /^verdict: PASS/m)
    assert.ok(!r.stdout.includes('\u001b['), 'no color when stdout is not a terminal')
  })

  it('piped, the table fits 100 columns (or $COLUMNS, or --width): names on their own lines, values whole', async () => {
    const table = (out: string): string[] => out.split('\n\n')[0]!.split('\n')
    const widest = (lines: string[]): number => Math.max(...lines.map((l) => [...l].length))
    const r = await cli([...example, '--all-metrics'], { env: { COLUMNS: '' } })
    assert.equal(r.status, 0, r.stderr)
    const lines = table(r.stdout)
    assert.ok(widest(lines) <= 100, lines.join('\n'))
    const at = lines.indexOf('wake_storm_perf/2n4l8c2t/CpuSpin')
    assert.ok(at > 0, lines.join('\n'))
    assert.match(
      lines[at + 1]!,
      /^ {2}worst_p99_wake_latency_us +177\.4 µs +255\.6 µs +\+44\.1% +REGRESSION$/
    )
    for (const [env, args, width] of [
      [{ COLUMNS: '72' }, [], 72],
      [{ COLUMNS: '200' }, ['--width', '64'], 64]
    ] as const) {
      const narrow = table((await cli([...example, '--all-metrics', ...args], { env })).stdout)
      assert.ok(widest(narrow) <= width, narrow.join('\n'))
      assert.ok(narrow.includes('  worst_p99_wake_latency_us'), narrow.join('\n'))
    }
    usageFailure(await cli([...example, '--width', 'wide']))
  })

  it('--fdr: the Action’s fdr input on the CLI (recorded in the JSON); outside (0, 1) exit 2', async () => {
    const j = parseJson(await cli([...example, '--fdr', '0.05', '--json']))
    assert.equal(j.options.fdr, 0.05)
    assert.equal(parseJson(await cli([...example, '--json'])).options.fdr, null)
    assert.match(
      usageFailure(await cli([...example, '--fdr', '1.5'])),
      /--fdr "1\.5": must be a rate between 0 and 1/
    )
  })

  it('-E with a nextest filterset: exit 2 saying -E is a substring here, with the substring to give', async () => {
    const line = usageFailure(await cli([...example, '-E', 'test(wake_storm)']))
    assert.match(line, /looks like a nextest filterset, but compare's -E is a substring/)
    assert.match(line, /e\.g\. -E wake_storm$/)
    const r = await cli([...example, '-E', 'wake_storm', '--json'])
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(rowsWith(parseJson(r), 'regression'), REGRESSION)
  })

  it('--repo naming a missing directory: exit 2 with one line', async () => {
    const line = usageFailure(await cli(['compare', '--repo', join(scratch, 'no-such-repo')]))
    assert.match(line, /--repo \S+no-such-repo: no such directory/)
  })

  it('FORCE_COLOR colours a piped table, FORCE_COLOR=0 and NO_COLOR do not, --no-color beats FORCE_COLOR', async () => {
    const esc = '\u001b['
    assert.ok((await cli(example, { env: { FORCE_COLOR: '1' } })).stdout.includes(esc))
    assert.ok(!(await cli(example, { env: { FORCE_COLOR: '0' } })).stdout.includes(esc))
    assert.ok(!(await cli(example, { env: { NO_COLOR: '1' } })).stdout.includes(esc))
    assert.ok(!(await cli([...example, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout.includes(esc))
    assert.ok((await cli([...example, '--color'], { env: { NO_COLOR: '1' } })).stdout.includes(esc))
  })

  it('in a workflow step the table is fenced with stop-commands (test names cannot be commands)', async () => {
    const r = await cli(example, { env: { GITHUB_ACTIONS: 'true' } })
    assert.equal(r.status, 0, r.stderr)
    const lines = r.stdout.trimEnd().split('\n')
    const token = /^::stop-commands::(\S+)$/.exec(lines[0]!)?.[1]
    assert.ok(token, lines[0])
    assert.equal(lines.at(-1), `::${token}::`)
  })

  it('--json is one line by default; --pretty indents the same document', async () => {
    const compact = await cli([...example, '--json'])
    const pretty = await cli([...example, '--json', '--pretty'])
    assert.equal(compact.status, 0, compact.stderr)
    assert.equal(pretty.status, 0, pretty.stderr)
    assert.equal(compact.stdout.trimEnd().split('\n').length, 1)
    assert.ok(pretty.stdout.includes('\n  "verdict": '), 'two-space indent')
    assert.deepEqual(JSON.parse(compact.stdout), JSON.parse(pretty.stdout))
    // Samples are flat number arrays in both.
    const row = (JSON.parse(compact.stdout) as Json).rows[0]
    assert.ok(row.base.samples.every((x: unknown) => typeof x === 'number'))
  })

  it('--json has the DESIGN §8 shape', async () => {
    const r = await cli([...example, '--json'])
    assert.equal(r.status, 0, r.stderr)
    const j = parseJson(r)
    assert.equal(j.schemaVersion, 1)
    assert.equal(j.verdict, 'pass')
    assert.ok(Array.isArray(j.reasons))
    assert.equal(j.mode, 'noise-adjusted')
    assert.equal(j.baseline.label, EXAMPLE_BASE)
    assert.equal(j.head.label, EXAMPLE_HEAD)
    assert.equal(j.registry.source, 'bundled', 'no cargo-ktstr on PATH')
    for (const k of COUNT_KEYS) assert.equal(typeof j.counts[k], 'number', `counts.${k}`)
    assert.equal(j.counts.regressions, 1)
    assert.equal(j.counts.improvements, 1)
    assert.equal(j.counts.malformed, 0)
    assert.equal(j.counts.excluded, 0)
    assert.deepEqual(rowsWith(j, 'regression'), REGRESSION)
    assert.deepEqual(rowsWith(j, 'improvement'), IMPROVEMENT)
    assert.ok(j.rows.length > 2)
    for (const row of j.rows as Json[]) {
      for (const k of ROW_KEYS) assert.ok(k in row, `row ${row.test}/${row.metric} has ${k}`)
      for (const side of ['base', 'head'])
        for (const k of SIDE_KEYS) assert.ok(k in row[side], `row ${row.metric}.${side} has ${k}`)
      assert.ok(['regression', 'improvement', 'unchanged', 'informational', 'coverage'].includes(row.verdict))
    }
    const reg = (j.rows as Json[]).find((x) => x.verdict === 'regression')
    assert.equal(reg.base.n, 5)
    assert.equal(reg.head.n, 5)
    assert.equal(reg.polarity, 'lower')
    assert.ok(reg.delta > 0 && reg.relDelta > 0)
    assert.equal(reg.separated, true)
    assert.equal(reg.material, true)
  })

  it('--fail-threshold 1 fails with the reason (exit 1)', async () => {
    const r = await cli([...example, '--fail-threshold', '1'])
    assert.equal(r.status, 1, r.stderr)
    assert.match(r.stdout, /^verdict: FAIL — 1 regression ≥ fail-threshold 1$/m)
  })

  it('--rule sequential: every gated row gets a state, tests are listed, the rule is in the JSON', async () => {
    const r = await cli([...example, '--rule', 'sequential', '--json'])
    assert.equal(r.status, 0, r.stderr)
    const j = parseJson(r)
    assert.equal(j.rule, 'sequential')
    assert.equal(j.options.sequential.maxRuns, 20)
    assert.deepEqual(rowsWith(j, 'regression'), REGRESSION)
    const states = ['regression', 'improvement', 'unchanged', 'undecided', 'inconclusive']
    for (const row of j.rows as Json[])
      if (row.polarity !== 'informational')
        assert.ok(states.includes(row.state), `${row.metric}: ${row.state}`)
    assert.equal(j.tests.length, 4)
    const plain = parseJson(await cli([...example, '--json']))
    assert.equal(plain.rule, 'ktstr', 'the default stays ktstr')
    assert.ok((plain.rows as Json[]).every((x) => x.state === null))
  })

  it('--max-runs: passed to the rule; below 2 is a usage error; --rule outside the two choices too', async () => {
    const j = parseJson(await cli([...example, '--rule', 'sequential', '--max-runs', '7', '--json']))
    assert.equal(j.options.sequential.maxRuns, 7)
    assert.match(
      usageFailure(await cli([...example, '--rule', 'sequential', '--max-runs', '1'])),
      /--max-runs 1: must be at least 2/
    )
    assert.match(usageFailure(await cli([...example, '--rule', 'bayes'])), /--rule.*bayes.*ktstr, sequential/)
  })

  it('--must-fail on the regressing metric fails (exit 1)', async () => {
    const r = await cli([...example, '--must-fail', 'worst_p99_wake_latency_us', '--json'])
    assert.equal(r.status, 1, r.stderr)
    const j = parseJson(r)
    assert.equal(j.verdict, 'fail')
    assert.ok(
      (j.reasons as string[]).some((s) => s.includes('must-fail') && s.includes('worst_p99_wake_latency_us')),
      String(j.reasons)
    )
  })

  it('--must-fail with an unknown metric: exit 2, ktstr’s one line', async () => {
    const line = usageFailure(await cli([...example, '--must-fail', 'nope']))
    assert.equal(
      line,
      'ktstr-perf-gate: error: --must-fail: unknown metric "nope" (see `cargo ktstr stats list-metrics`)'
    )
  })

  it('--must-fail with a typo: exit 2 with the nearest metric name', async () => {
    const line = usageFailure(await cli([...example, '--must-fail', 'worst_p99_wake_latncy_us']))
    assert.equal(
      line,
      'ktstr-perf-gate: error: --must-fail: unknown metric "worst_p99_wake_latncy_us"; did you mean "worst_p99_wake_latency_us"? (see `cargo ktstr stats list-metrics`)'
    )
  })

  it('--must-fail with a rate component: ktstr’s message', async () => {
    const line = usageFailure(await cli([...example, '--must-fail', ' worst_spread, ,total_cpu_time_sec']))
    assert.match(
      line,
      /--must-fail: "total_cpu_time_sec" is an internal rate COMPONENT that never surfaces as a regression — gate on its user-facing rate metric instead$/
    )
  })

  it('--must-fail with a PerPhase metric: ktstr’s message', async () => {
    const line = usageFailure(await cli([...example, '--must-fail', 'wakeup_p99_latency_us']))
    assert.match(
      line,
      /--must-fail: "wakeup_p99_latency_us" never reaches the aggregate comparison — it is a per-phase-only metric that never produces an aggregate regression; assert it per-phase in the test's Verdict DSL instead$/
    )
  })

  it('--threshold on repeated runs: exit 2 with one line (ktstr: --threshold conflicts with --noise-adjust)', async () => {
    const line = usageFailure(await cli([...example, '--threshold', '50', '--json']))
    assert.match(line, /--threshold \/ --policy gate the scalar comparison only \(one run per side\)/)
    assert.match(line, /\d+ runs\)/)
  })

  // ktstr applies --threshold / --policy to the scalar comparison only (one run per side); a
  // pool of one run per side is made from the example's run-1 of each commit.
  const scalarPool = (): string => {
    const dir = join(scratch, 'scalar-pool')
    if (!existsSync(dir))
      for (const label of [EXAMPLE_BASE, EXAMPLE_HEAD])
        cpSync(
          join(ROOT, 'examples', 'pool', `6.14.2-${label}`, 'run-1'),
          join(dir, `6.14.2-${label}`, 'run-1'),
          {
            recursive: true
          }
        )
    return dir
  }

  it('--threshold 50 raises the relative gate of a scalar comparison: no regression, no improvement', async () => {
    const scalar = ['compare', '--dir', scalarPool(), ...EXAMPLE_SIDES]
    const before = parseJson(await cli([...scalar, '--json']))
    assert.ok(
      before.counts.regressions + before.counts.improvements > 0,
      'the scalar pool moves at the default gate'
    )
    const r = await cli([...scalar, '--threshold', '50', '--json'])
    assert.equal(r.status, 0, r.stderr)
    const j = parseJson(r)
    assert.equal(j.counts.regressions, 0)
    assert.equal(j.counts.improvements, 0)
    assert.equal(j.options.thresholdPercent, 50)
  })

  it('--accept: a named regression within its bound is not counted, with repeated runs too', async () => {
    const strict = [...example, '--fail-threshold', '1', '--json']
    assert.equal((await cli(strict)).status, 1, 'the +44 % wake latency fails at fail-threshold 1')
    const file = join(scratch, 'accept.json')
    const entry = { test: 'wake_storm_perf', metric: 'worst_p99_wake_latency_us', reason: 'intended' }
    writeFileSync(file, JSON.stringify({ accept: [{ ...entry, max_percent: 50 }] }))
    const r = await cli([...strict, '--accept', file])
    assert.equal(r.status, 0, r.stderr)
    const j = parseJson(r)
    assert.equal(j.verdict, 'pass')
    assert.equal(j.counts.regressions, 1, 'still shown as a regression')
    assert.deepEqual(j.waivers, [
      {
        via: 'policy',
        by: null,
        source: file,
        headSha: null,
        rows: [{ key: 'wake_storm_perf/2n4l8c2t/CpuSpin', metric: 'worst_p99_wake_latency_us' }]
      }
    ])
    writeFileSync(file, JSON.stringify({ accept: [{ ...entry, max_percent: 40 }] }))
    const beyond = await cli([...strict, '--accept', file])
    assert.equal(beyond.status, 1)
    assert.match(parseJson(beyond).notices.join('\n'), /regressed 44\.1 %, beyond the 40 % its accept entry/)
    writeFileSync(
      file,
      JSON.stringify({ accept: [{ ...entry, metric: 'worst_p99_wake_latency', max_percent: 40 }] })
    )
    const line = usageFailure(await cli([...strict, '--accept', file]))
    assert.match(
      line,
      /accept\[0\]\.metric "worst_p99_wake_latency" is not a registered metric — did you mean worst_p99_wake_latency_us\?/
    )
  })

  it('--threshold with --policy: exit 2', async () => {
    const file = join(scratch, 'ok-policy.json')
    writeFileSync(file, '{"default_percent": 10}\n')
    const line = usageFailure(await cli([...example, '--threshold', '10', '--policy', file]))
    assert.match(line, /--threshold/)
    assert.match(line, /--policy/)
  })

  it('--policy raising one metric’s gate drops only that metric’s row (scalar comparison)', async () => {
    const scalar = ['compare', '--dir', scalarPool(), ...EXAMPLE_SIDES, '--all-metrics']
    const before = parseJson(await cli([...scalar, '--json']))
    assert.deepEqual(rowsWith(before, 'improvement'), [['cgroup_mixed_perf', 'iterations_per_cpu_sec']])
    const file = join(scratch, 'per-metric-policy.json')
    writeFileSync(file, JSON.stringify({ per_metric_percent: { iterations_per_cpu_sec: 50 } }))
    const r = await cli([...scalar, '--policy', file, '--json'])
    assert.equal(r.status, 0, r.stderr)
    const j = parseJson(r)
    assert.deepEqual(rowsWith(j, 'improvement'), [])
    assert.equal(j.counts.unchanged, before.counts.unchanged + 1)
  })

  const badPolicies: Array<[string, string, RegExp]> = [
    [
      'an unknown metric',
      '{"per_metric_percent": {"no_such_metric": 5}}',
      /validate comparison policy from (\S+): ComparisonPolicy: per_metric_percent contains unknown metric `no_such_metric`/
    ],
    [
      'a negative default',
      '{"default_percent": -1}',
      /validate comparison policy from (\S+): ComparisonPolicy: default_percent must be non-negative; got -1/
    ],
    [
      'a metric name with a typo',
      '{"per_metric_percent": {"worst_sprad": 5}}',
      /policy from (\S+): .*unknown metric `worst_sprad`; did you mean "worst_spread"\?/
    ],
    ['bad JSON', '{"default_percent": ', /parse comparison policy from (\S+):/]
  ]
  for (const [what, text, want] of badPolicies)
    it(`--policy file with ${what}: exit 2 naming the file`, async () => {
      const file = join(scratch, `policy-${what.replace(/\W+/g, '-')}.json`)
      writeFileSync(file, text)
      const line = usageFailure(await cli([...example, '--policy', file]))
      const m = want.exec(line)
      assert.ok(m, line)
      assert.equal(m[1], file)
    })

  it('--dir that does not exist: exit 2', async () => {
    const line = usageFailure(await cli(['compare', '--dir', '/nonexistent', ...EXAMPLE_SIDES]))
    assert.match(line, /--dir \/nonexistent: no such directory/)
  })
})

describe('no false green: a selection that measures nothing is never a pass', { concurrency: 3 }, () => {
  const pool = ['compare', '--dir', 'examples/pool']

  it('a typo in --b-project-commit: exit 2, verdict no-data, the pool’s commits and the nearest one', async () => {
    const args = [...pool, '--a-project-commit', EXAMPLE_BASE, '--b-project-commit', '5d6e7f9']
    const line = usageFailure(await cli(args))
    assert.match(line, /no sidecars for HEAD \(side B\), project-commit=5d6e7f9: /)
    assert.match(line, /which holds project-commit 1a2b3c4 \(20\), 5d6e7f8 \(20\); did you mean 5d6e7f8\?/)
    assert.match(line, /likely a typo in --b-project-commit/)
    const j = await cli([...args, '--json'])
    assert.equal(j.status, 2)
    assert.equal(parseJson(j).verdict, 'no-data')
  })

  it('a full SHA in --b-project-commit: suggests the 7-hex label the sidecars carry', async () => {
    const line = usageFailure(
      await cli([
        ...pool,
        '--a-project-commit',
        EXAMPLE_BASE,
        '--b-project-commit',
        `${EXAMPLE_HEAD}091a2b3c4`
      ])
    )
    assert.match(line, /did you mean 5d6e7f8\?/)
  })

  it('--a-kernel 6.15.0 when the pool has only 6.14.2: exit 2 naming side A and the kernel it holds', async () => {
    const line = usageFailure(await cli([...pool, '--a-kernel', '6.15.0', '--b-kernel', '6.14.2']))
    assert.match(line, /no sidecars for the baseline \(side A\), kernel=6\.15\.0: /)
    assert.match(line, /which holds kernel 6\.14\.2 \(40\); did you mean 6\.14\.2\?/)
    assert.match(line, /likely a typo in --a-kernel/)
  })

  it('--scheduler scx_rusty matching nothing: exit 2 naming the schedulers the pool holds', async () => {
    const line = usageFailure(await cli([...pool, ...EXAMPLE_SIDES, '--scheduler', 'scx_rusty']))
    assert.match(line, /scheduler scx_rusty is not in the pool, which holds scheduler scx_demo \(40\)/)
    assert.match(line, /likely a typo in --scheduler/)
  })

  it('-E nosuchtest: exit 2 listing the tests; a near miss gets a suggestion', async () => {
    const line = usageFailure(await cli([...pool, ...EXAMPLE_SIDES, '-E', 'nosuchtest']))
    assert.match(line, /-E nosuchtest matches no test, scheduler, topology or work type/)
    assert.match(line, /the pool holds tests cgroup_mixed_perf \(10\), numa_spread_perf \(10\)/)
    assert.match(line, /likely a typo in -E/)
    const near = usageFailure(await cli([...pool, ...EXAMPLE_SIDES, '-E', 'wake_strom']))
    assert.match(near, /did you mean -E wake_storm_perf\?/)
  })

  it('an empty --dir: exit 2, no sidecars were produced (not a filter typo)', async () => {
    const dir = join(scratch, 'empty-pool')
    mkdirSync(dir, { recursive: true })
    const line = usageFailure(await cli(['compare', '--dir', dir, ...EXAMPLE_SIDES]))
    assert.match(line, /the pool holds no sidecars — none were produced/)
    assert.doesNotMatch(line, /typo/)
  })

  it('one side’s filter only (--b-project-commit): a usage error naming the overlap, not a baseline of all sidecars', async () => {
    const line = usageFailure(await cli([...pool, '--b-project-commit', EXAMPLE_HEAD]))
    assert.match(
      line,
      /side A \(all sidecars\) and side B \(project-commit=5d6e7f8\) share 20 sidecar\(s\) \(project-commit 5d6e7f8 \(20\)\)/
    )
    assert.match(
      line,
      /give side A its own --a-project-commit \(the pool's other project-commit values: 1a2b3c4 \(20\)\)/
    )
  })

  it('overlapping value lists on both sides: a usage error too', async () => {
    const line = usageFailure(
      await cli([
        ...pool,
        '--a-project-commit',
        `${EXAMPLE_BASE},${EXAMPLE_HEAD}`,
        '--b-project-commit',
        EXAMPLE_HEAD
      ])
    )
    assert.match(line, /share 20 sidecar\(s\)/)
  })
})

describe('compare on edited copies of the example pool', { concurrency: 3 }, () => {
  it('malformed sidecars: one stderr line each, exit per the verdict (0), good files still counted; --strict exits 2', async () => {
    const root = join(scratch, 'bad-pool')
    const { head } = copyExamplePool(root)
    const dir = head[0]!
    const good = readFileSync(join(dir, 'wake_storm_perf-8850050fec798435.ktstr.json'), 'utf8')
    writeFileSync(join(dir, 'truncated.ktstr.json'), good.slice(0, 200))
    const yes = JSON.parse(good) as SidecarJson
    yes.passed = 'yes'
    writeFileSync(join(dir, 'passed-yes.ktstr.json'), JSON.stringify(yes))
    writeFileSync(join(dir, 'plain.ktstr.json'), 'this is not JSON at all\n')
    writeFileSync(join(dir, 'huge.ktstr.json'), `{"payload": "${'x'.repeat(17 * 1024 * 1024)}"}`)

    const r = await cli(['compare', '--dir', root, ...EXAMPLE_SIDES, '--json'])
    assert.equal(r.status, 0, `the verdict is a pass, so is the exit status; stderr: ${r.stderr}`)
    assert.doesNotMatch(r.stderr, /^\s+at /m)
    const lines = r.stderr.trimEnd().split('\n')
    assert.equal(lines.length, 4, r.stderr)
    const rel = `6.14.2-${EXAMPLE_HEAD}/run-1`
    const expect: Array<[string, string]> = [
      ['huge.ktstr.json', '$'],
      ['passed-yes.ktstr.json', '$.passed'],
      ['plain.ktstr.json', '$'],
      ['truncated.ktstr.json', '$']
    ]
    for (const [file, path] of expect) {
      const line = lines.find((l) => l.includes(`${rel}/${file} `))
      assert.ok(line, `a line for ${file} in:\n${r.stderr}`)
      assert.ok(line.includes(` at ${path}: `), line)
    }
    assert.match(
      lines.find((l) => l.includes('huge'))!,
      /over the \d+-byte limit/
    )

    const j = parseJson(r)
    assert.equal(j.counts.malformed, 4)
    assert.equal(j.counts.regressions, 1)
    assert.equal(j.counts.improvements, 1)
    assert.deepEqual(rowsWith(j, 'regression'), REGRESSION)
    assert.deepEqual(rowsWith(j, 'improvement'), IMPROVEMENT)

    // The exit status follows the verdict: a fail is still 1, whatever was malformed.
    const failing = await cli(['compare', '--dir', root, ...EXAMPLE_SIDES, '--fail-threshold', '1'])
    assert.equal(failing.status, 1, failing.stderr)
    assert.match(failing.stdout, /^verdict: FAIL/m)
    const strict = await cli(['compare', '--dir', root, ...EXAMPLE_SIDES, '--strict'])
    assert.equal(strict.status, 2, strict.stderr)
    assert.match(strict.stdout, /^verdict: PASS/m, 'the report still prints')
    assert.match(strict.stderr, /^ktstr-perf-gate: error: 4 malformed sidecar\(s\) and --strict/m)
    const values = await cli(['list-values', '--dir', root])
    assert.equal(values.status, 0, values.stderr)
    assert.equal((await cli(['list-values', '--dir', root, '--strict'])).status, 2)
  })

  it('metric names that are Object.prototype members: sidecar → compare → JSON → comment mode → markdown, no NaN', async () => {
    const root = join(scratch, 'proto-pool')
    // JSON text carries `__proto__` as an ordinary key; define it so, not through the setter.
    const put = (o: SidecarJson, k: string, v: number) =>
      Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
    copyExamplePool(root, {
      edit: (s, { side, run }) => {
        const ext = s.stats.ext_metrics as SidecarJson
        put(ext, 'toString', 10 + run / 10) // both sides: a judged row
        if (side === 'head') for (const k of ['constructor', '__proto__', 'hasOwnProperty']) put(ext, k, run)
        else put(ext, 'valueOf', run) // baseline only
      }
    })
    const r = await cli(['compare', '--dir', root, ...EXAMPLE_SIDES, '--json'])
    assert.equal(r.status, 0, r.stderr)
    assert.doesNotMatch(r.stdout, /NaN/)
    const report = parseComparisonJson(parseJson(r), 'report.json')
    const rows = report.rows.filter((x) => x.test === 'wake_storm_perf')
    const of = (m: string) => rows.find((x) => x.metric === m)
    for (const m of ['constructor', '__proto__', 'hasOwnProperty']) {
      assert.equal(of(m)?.verdict, 'coverage', m)
      assert.equal(of(m)!.base, null, m)
      assert.deepEqual(of(m)!.head!.samples, [1, 2, 3, 4, 5], m)
    }
    assert.equal(of('valueOf')!.head, null)
    assert.deepEqual(of('valueOf')!.base!.samples, [1, 2, 3, 4, 5])
    assert.equal(of('toString')!.verdict, 'unchanged')
    assert.equal(of('toString')!.base!.n, 5)
    assert.ok(report.unknownMetrics.includes('__proto__') && report.unknownMetrics.includes('constructor'))
    for (const x of report.rows)
      for (const v of [x.base?.mean, x.head?.mean, x.delta, x.relDelta])
        assert.ok(v === undefined || v === null || Number.isFinite(v), `${x.metric}: ${v}`)
    // Comment mode renders what it read back; the CLI's own markdown is the same body.
    const comment = renderComment(report, { key: 'k' })
    assert.doesNotMatch(comment, /NaN|\[object|function /)
    assert.ok(renderSummary(report, {}).includes('\\_\\_proto\\_\\_'), 'the name, escaped for markdown')
    const md = await cli(['compare', '--dir', root, ...EXAMPLE_SIDES, '--markdown'])
    assert.equal(md.status, 0, md.stderr)
    assert.doesNotMatch(md.stdout, /NaN|\[object|function /)
  })

  it('passed: false on one side of a test: the pair is excluded and counted', async () => {
    const root = join(scratch, 'failed-pool')
    copyExamplePool(root, {
      edit: (s, w) => {
        if (w.side === 'head' && s.test_name === 'wake_storm_perf') s.passed = false
      }
    })
    const r = await cli(['compare', '--dir', root, ...EXAMPLE_SIDES, '--json'])
    assert.equal(r.status, 0, r.stderr)
    const j = parseJson(r)
    assert.equal(j.counts.excluded, 1)
    assert.equal(j.counts.regressions, 0, 'the only regression was in the excluded pair')
    assert.deepEqual(rowsWith(j, 'improvement'), IMPROVEMENT)
    assert.equal((j.rows as Json[]).filter((x) => x.test === 'wake_storm_perf').length, 0)
  })

  it('one run per side: scalar mode, whole-run distribution metrics are not rows', async () => {
    const root = join(scratch, 'one-run-pool')
    copyExamplePool(root, { runs: [1] })
    const r = await cli(['compare', '--dir', root, ...EXAMPLE_SIDES, '--json'])
    assert.equal(r.status, 0, r.stderr)
    const j = parseJson(r)
    assert.equal(j.mode, 'scalar')
    const metrics = new Set((j.rows as Json[]).map((x) => x.metric as string))
    assert.ok(metrics.size > 0)
    assert.ok(!metrics.has('worst_p99_wake_latency_us'), 'gated only with --noise-adjust in ktstr')
    assert.deepEqual([...metrics].filter(isDistribution), [])
    assert.equal(j.counts.regressions, 0)
  })

  it('one run per side: --must-fail on a distribution metric gets ktstr’s scalar message', async () => {
    const root = join(scratch, 'one-run-pool-2')
    copyExamplePool(root, { runs: [1] })
    const line = usageFailure(
      await cli(['compare', '--dir', root, ...EXAMPLE_SIDES, '--must-fail', 'worst_p99_wake_latency_us'])
    )
    assert.match(
      line,
      /--must-fail: "worst_p99_wake_latency_us" never reaches the aggregate comparison — it only reports per-run; add --noise-adjust to gate on it$/
    )
  })
})

describe('compare with sides from git (perf-delta defaults)', { concurrency: 3 }, () => {
  // main (and trunk, origin/main): c0;  feature (HEAD): c0 - c1.  Pool in target/ktstr (untracked).
  let repo: TestRepo
  let c0: string
  let c1: string
  before(() => {
    repo = initRepo(scratch, 'pd-repo')
    c0 = repo.commit('scheduler: baseline', { 'src/main.rs': 'fn main() {}\n' })
    repo.git('branch', 'trunk')
    repo.git('update-ref', 'refs/remotes/origin/main', c0)
    repo.git('checkout', '-q', '-b', 'feature')
    c1 = repo.commit('scheduler: change', { 'src/main.rs': 'fn main() { let _ = 1; }\n' })
    copyExamplePool(join(repo.dir, 'target', 'ktstr'), { baseLabel: short(c0), headLabel: short(c1) })
  })

  function assertSides(j: Json, how: string): void {
    assert.equal(j.baseline.label, short(c0))
    assert.equal(j.baseline.sha, c0)
    assert.equal(j.baseline.how, how)
    assert.equal(j.head.label, short(c1))
    assert.equal(j.head.sha, c1)
    assert.equal(j.counts.regressions, 1)
    assert.equal(j.counts.improvements, 1)
  }

  it('no flags: merge-base with main, pool at target/ktstr', async () => {
    const r = await cli(['compare', '--json'], { cwd: repo.dir })
    assert.equal(r.status, 0, r.stderr)
    assertSides(parseJson(r), 'merge-base(HEAD, main)')
  })

  it('--default-branch', async () => {
    const r = await cli(['compare', '--json', '--default-branch', 'trunk'], { cwd: repo.dir })
    assert.equal(r.status, 0, r.stderr)
    assertSides(parseJson(r), 'merge-base(HEAD, trunk)')
  })

  it('GITHUB_BASE_REF: merge-base with origin/<ref> (and --repo from another cwd)', async () => {
    // cwd is this project; --repo names the work tree, and its target/ktstr is the default pool.
    const r = await cli(['compare', '--json', '--repo', repo.dir], { env: { GITHUB_BASE_REF: 'main' } })
    assert.equal(r.status, 0, r.stderr)
    assertSides(parseJson(r), 'merge-base(HEAD, origin/main)')
  })

  it('a clone of the PR branch (origin/main, no local main): a plain compare works', async () => {
    const dir = join(scratch, 'pd-pr-clone')
    runGit(scratch, 'clone', '-q', '--branch', 'feature', `file://${repo.dir}`, dir)
    assert.equal(runGit(dir, 'branch', '--list', 'main'), '')
    copyExamplePool(join(dir, 'target', 'ktstr'), { baseLabel: short(c0), headLabel: short(c1) })
    const r = await cli(['compare', '--json'], { cwd: dir })
    assert.equal(r.status, 0, r.stderr)
    assertSides(parseJson(r), 'merge-base(HEAD, origin/main)')
  })

  it('--base', async () => {
    const r = await cli(['compare', '--json', '--base', short(c0)], { cwd: repo.dir })
    assert.equal(r.status, 0, r.stderr)
    assertSides(parseJson(r), `explicit --base ${short(c0)}`)
  })

  it('no sidecars for the baseline: exit 0, verdict no-baseline, shown as ⚠️ not a plain pass', async () => {
    const target = join(scratch, 'head-only-target')
    copyExamplePool(join(target, 'ktstr'), { baseLabel: 'fffffff', headLabel: short(c1) })
    const r = await cli(['compare', '--json'], { cwd: repo.dir, env: { CARGO_TARGET_DIR: target } })
    assert.equal(r.status, 0, r.stderr)
    const j = parseJson(r)
    assert.equal(j.verdict, 'no-baseline')
    assert.equal(j.baseline.label, short(c0))
    assert.equal(j.counts.regressions, 0)
    const t = await cli(['compare'], { cwd: repo.dir, env: { CARGO_TARGET_DIR: target } })
    assert.equal(t.status, 0, t.stderr)
    assert.match(t.stdout, /^verdict: ⚠️ NO BASELINE — /m)
  })

  it('no sidecars at all (HEAD not produced): exit 2, verdict no-data, the cause named', async () => {
    const env = { CARGO_TARGET_DIR: join(scratch, 'no-target-here') }
    const r = await cli(['compare', '--json'], { cwd: repo.dir, env })
    assert.equal(r.status, 2, r.stderr)
    assert.equal(parseJson(r).verdict, 'no-data')
    const line = usageFailure(await cli(['compare'], { cwd: repo.dir, env }))
    assert.match(line, new RegExp(`no sidecars for HEAD \\(side B\\), project-commit=${short(c1)}: `))
    assert.match(line, /the pool holds no sidecars — none were produced: run cargo ktstr test/)
  })

  it('HEAD not produced while the pool holds other commits: names them and says HEAD was not produced', async () => {
    const target = join(scratch, 'base-only-target')
    copyExamplePool(join(target, 'ktstr'), { baseLabel: short(c0), headLabel: 'eeeeeee' })
    const line = usageFailure(await cli(['compare'], { cwd: repo.dir, env: { CARGO_TARGET_DIR: target } }))
    assert.match(
      line,
      new RegExp(
        `project-commit ${short(c1)} is not in the pool, which holds project-commit ${short(c0)} \\(20\\), eeeeeee \\(20\\)`
      )
    )
    assert.match(line, /HEAD's sidecars were not produced: run cargo ktstr test at that commit/)
    assert.doesNotMatch(line, /typo/)
  })

  it('baseline resolving to HEAD: exit 2 with ktstr’s message', async () => {
    const line = usageFailure(await cli(['compare', '--base', 'HEAD'], { cwd: repo.dir }))
    assert.equal(
      line,
      `ktstr-perf-gate: error: baseline (${short(c1)}) resolves to HEAD — nothing to compare; choose a different --base / --base-ref`
    )
  })

  it('outside a git work tree without per-side filters: exit 2', async () => {
    const dir = join(scratch, 'not-a-repo')
    mkdirSync(dir, { recursive: true })
    const line = usageFailure(await cli(['compare'], { cwd: dir }))
    assert.match(line, /is not inside a git work tree/)
  })
})

describe('other commands', { concurrency: 3 }, () => {
  it('list-metrics --json: the 105 metrics with ktstr’s keys', async () => {
    const r = await cli(['list-metrics', '--json'])
    assert.equal(r.status, 0, r.stderr)
    const list = parseJson(r) as Json[]
    assert.equal(list.length, 105)
    // ktstr's six keys first, as it writes them; then this tool's own two (additions only).
    for (const m of list)
      assert.deepEqual(Object.keys(m), [
        'name',
        'polarity',
        'kind',
        'default_abs',
        'default_rel',
        'display_unit',
        'default_rel_percent',
        'description'
      ])
    assert.deepEqual(
      list.map((m) => m.name),
      snapshot.map((m) => m.name)
    )
    const spread = list.find((m) => m.name === 'worst_spread')
    assert.deepEqual(spread, {
      name: 'worst_spread',
      polarity: 'LowerBetter',
      kind: { Gauge: 'Last' },
      default_abs: 5,
      default_rel: 0.25,
      display_unit: '%',
      default_rel_percent: 25,
      description: 'Worst per-cgroup CPU-time spread across workers'
    })
    assert.ok(list.every((m) => typeof m.description === 'string' && m.description.length > 0))
    // The file it writes still loads as a registry (--registry FILE).
    const file = join(scratch, 'list-metrics.json')
    writeFileSync(file, r.stdout)
    const again = await cli(['list-metrics', '--json', '--registry', file])
    assert.equal(again.status, 0, again.stderr)
    assert.deepEqual(parseJson(again), list)
  })

  it('list-metrics: gates in percent as --threshold takes them, each metric described, in 100 columns', async () => {
    const r = await cli(['list-metrics'], { env: { COLUMNS: '' } })
    assert.equal(r.status, 0, r.stderr)
    const lines = r.stdout.trimEnd().split('\n')
    assert.ok(
      lines.every((l) => [...l].length <= 100),
      lines.filter((l) => [...l].length > 100).join('\n')
    )
    assert.ok(lines.some((l) => /^NAME +POLARITY +ABS_GATE +REL_GATE$/.test(l)))
    const at = lines.findIndex((l) => l.startsWith('worst_spread '))
    assert.match(lines[at]!, /^worst_spread +lower +5 pp +25%$/)
    assert.equal(lines[at + 1], '    Worst per-cgroup CPU-time spread across workers; kind Gauge(Last)')
    assert.match(r.stdout, /^worst_gap_ms +lower +500 ms +50%$/m)
  })

  it('list-values --dir naming a missing directory: exit 2 with one line', async () => {
    const r = await cli(['list-values', '--dir', join(scratch, 'no-such-pool')])
    assert.equal(r.status, 2)
    assert.equal(r.stdout, '')
    assert.match(
      r.stderr.trim(),
      /^ktstr-perf-gate: error: --dir \S+no-such-pool: no such directory — point it at a ktstr pool root/
    )
  })

  it('list-values without --dir and no target/ktstr: exit 2 naming the default root', async () => {
    const dir = join(scratch, 'no-pool-here')
    mkdirSync(dir, { recursive: true })
    const line = usageFailure(await cli(['list-values'], { cwd: dir }))
    assert.match(
      line,
      /the default pool root \(--dir not given\) \S+no-pool-here\/target\/ktstr: no such directory/
    )
  })

  it('list-values --dir examples/pool lists both commits', async () => {
    const r = await cli(['list-values', '--dir', 'examples/pool'])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /^pool \S+: 40 sidecars in 2 run dirs$/m)
    const section = r.stdout.split(/^project-commit:$/m)[1]!.split(/^\S/m)[0]!
    assert.match(section, new RegExp(`^  ${EXAMPLE_BASE}  \\(20\\)$`, 'm'))
    assert.match(section, new RegExp(`^  ${EXAMPLE_HEAD}  \\(20\\)$`, 'm'))
  })

  it('--help: exit 0', async () => {
    const r = await cli(['--help'])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /^Usage: ktstr-perf-gate /m)
    assert.match(r.stdout, /compare/)
    assert.match(r.stdout, /list-metrics/)
  })
})

describe('the built bundle dist/cli.js', { concurrency: 3 }, () => {
  before(() => {
    if (existsSync(DIST_CLI)) return
    const r = spawnSync('npm', ['run', 'bundle'], { cwd: ROOT, encoding: 'utf8' })
    assert.equal(r.status, 0, `npm run bundle failed:\n${r.stdout}\n${r.stderr}`)
  })

  it('compares the example pool the same way', async () => {
    const r = await cli(['compare', '--dir', 'examples/pool', ...EXAMPLE_SIDES, '--json'], { dist: true })
    assert.equal(r.status, 0, r.stderr)
    const j = parseJson(r)
    assert.equal(j.schemaVersion, 1)
    assert.deepEqual(rowsWith(j, 'regression'), REGRESSION)
    assert.deepEqual(rowsWith(j, 'improvement'), IMPROVEMENT)
  })

  it('--json > file: the same bytes as through a pipe (a regular file is written directly)', async () => {
    const args = [DIST_CLI, 'compare', '--dir', 'examples/pool', ...EXAMPLE_SIDES, '--json']
    const piped = await cli(args.slice(1), { dist: true })
    assert.equal(piped.status, 0, piped.stderr)
    const file = join(scratch, 'report-via-file.json')
    const fd = openSync(file, 'w')
    try {
      const r = spawnSync(process.execPath, args, {
        cwd: ROOT,
        env: childEnv(),
        stdio: ['ignore', fd, 'pipe']
      })
      assert.equal(r.status, 0, String(r.stderr))
    } finally {
      closeSync(fd)
    }
    assert.equal(readFileSync(file, 'utf8'), piped.stdout)
    assert.ok(piped.stdout.endsWith('}\n'))
  })

  it('standard output that cannot be written (/dev/full): exit 2, one line on stderr, no stack', () => {
    const fd = openSync('/dev/full', 'w')
    try {
      const r = spawnSync(
        process.execPath,
        [DIST_CLI, 'compare', '--dir', 'examples/pool', ...EXAMPLE_SIDES, '--json'],
        { cwd: ROOT, env: childEnv(), stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' }
      )
      assert.equal(r.status, 2, r.stderr)
      assert.match(r.stderr, /^ktstr-perf-gate: error: cannot write to standard output: ENOSPC[^\n]*\n$/)
    } finally {
      closeSync(fd)
    }
  })

  it('a report larger than a pipe holds arrives whole through the pipe (the exit waits for it)', async () => {
    const pool = await generatePool(planFor(500), join(scratch, 'pool-500'))
    const r = await cli(
      [
        'compare',
        '--dir',
        pool.root,
        '--a-project-commit',
        COMMITS.a,
        '--b-project-commit',
        COMMITS.b,
        '--json'
      ],
      { dist: true }
    )
    assert.ok(r.status === 0 || r.status === 1, r.stderr)
    assert.ok(r.stdout.length > 1 << 20, `${r.stdout.length} bytes`)
    assert.ok(parseJson(r).rows.length > 0)
  })

  it('--must-fail nope: exit 2, one line', async () => {
    const line = usageFailure(
      await cli(['compare', '--dir', 'examples/pool', ...EXAMPLE_SIDES, '--must-fail', 'nope'], {
        dist: true
      })
    )
    assert.match(line, /--must-fail: unknown metric "nope"/)
  })

  it('--fail-threshold 1: exit 1', async () => {
    const r = await cli(['compare', '--dir', 'examples/pool', ...EXAMPLE_SIDES, '--fail-threshold', '1'], {
      dist: true
    })
    assert.equal(r.status, 1, r.stderr)
    assert.match(r.stdout, /^verdict: FAIL/m)
  })
})
