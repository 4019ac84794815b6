// The sequential rule's top-up loop in the Action's run(), in process through ActionDeps: a real
// git checkout of the fixture repository, a fake agent that writes example-pool runs of exactly
// the tests its nextest filter selects, a fake clock, and a stand-in for the sequential engine
// (deps.judge) that leaves a test undecided until it has a given number of HEAD runs.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Agent } from '../../src/action/agent.js'
import type { Log } from '../../src/action/log.js'
import { run, type ActionDeps } from '../../src/action/main.js'
import { holdDecisions } from '../../src/core/topup.js'
import type { Comparison, RowState } from '../../src/core/types.js'
import type { ArtifactClientLike } from '../../src/github/index.js'
import { declaredInputs } from '../e2e/harness.js'
import { createFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js'
import { GIT_TEST_ENV } from '../helpers/git.js'
import {
  EXAMPLE_BASE,
  EXAMPLE_HEAD,
  EXAMPLE_KERNEL,
  EXAMPLE_POOL,
  type SidecarJson
} from '../helpers/pool.js'

const ACTION_YML = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
const POOL = 'target/ktstr'
const MIN = 60_000
const TESTS = ['cgroup_mixed_perf', 'numa_spread_perf', 'sched_steady_perf', 'wake_storm_perf']

let root: string
let fx: FixtureRepo
let n = 0

before(() => {
  root = mkdtempSync(join(tmpdir(), 'action-topup-'))
  fx = createFixtureRepo({ parentDir: root })
})
after(() => rmSync(root, { recursive: true, force: true }))

function checkout(sha: string): string {
  const ws = join(root, `ws-${++n}`)
  const env = { ...process.env, ...GIT_TEST_ENV }
  execFileSync('git', ['clone', '-q', '--no-checkout', fx.dir, ws], { stdio: 'ignore', env })
  execFileSync('git', ['checkout', '-q', '--detach', sha], { cwd: ws, stdio: 'ignore', env })
  return ws
}

/** The names a top-up filter selects; it must be exactly `cargo ktstr replay`'s form. */
function namesOf(filter: string): string[] {
  const parts = filter.split(' | ')
  return parts.map((p) => {
    const m = /^test\(\/\^\(\.\*::\)\?([A-Za-z_][A-Za-z0-9_]*)\$\/\)$/.exec(p)
    assert.ok(m, `not a replay-style filterset: ${p}`)
    return m[1]!
  })
}

interface Produce {
  base?: string
  head?: string
  runs: number
  add?: number
  filter?: string
  out: string
}

/**
 * A runner agent that writes example-pool runs into the pool (fresh run ids, so each is a new
 * sample) for exactly the tests its filter selects, and advances the fake clock by `perTestRun`
 * for every test-run it writes.
 */
function fakeAgent(calls: Produce[], clock: { t: number; perTestRun: number }) {
  return (): Agent => ({
    async doctor() {
      return { ok: true, why: null }
    },
    async produce(p) {
      calls.push({ ...p })
      const tests = p.filter ? namesOf(p.filter) : TESTS
      for (const [sha, from] of [
        [p.base, EXAMPLE_BASE],
        [p.head, EXAMPLE_HEAD]
      ] as const) {
        if (!sha) continue
        const dir = join(p.out, `${EXAMPLE_KERNEL}-${sha.slice(0, 7)}`)
        const have = existsSync(dir) ? readdirSync(dir).filter((d) => /^run-\d+$/.test(d)).length : 0
        const count = p.add ?? Math.max(0, p.runs - have)
        for (let i = have + 1; i <= have + count; i++) {
          const src = join(EXAMPLE_POOL, `${EXAMPLE_KERNEL}-${from}`, `run-${((i - 1) % 5) + 1}`)
          mkdirSync(join(dir, `run-${i}`), { recursive: true })
          for (const f of readdirSync(src)) {
            const s = JSON.parse(readFileSync(join(src, f), 'utf8')) as SidecarJson
            if (!tests.includes(s.test_name)) continue
            s.project_commit = sha.slice(0, 7)
            s.run_id = `${sha.slice(0, 7)}-run-${i}-${s.test_name}`
            s.timestamp = `2026-12-01T10:${String(i).padStart(2, '0')}:00Z`
            writeFileSync(join(dir, `run-${i}`, f), JSON.stringify(s))
            clock.t += clock.perTestRun
          }
        }
      }
      return { nothingToCompare: false }
    }
  })
}

/**
 * A stand-in for the sequential engine: `decideAt[test]` HEAD runs decide a test (its rows
 * `undecided` before), as `finalState(test, metric, headRuns)` says; other tests are unchanged.
 */
function fakeJudge(
  decideAt: Record<string, number>,
  finalState: (test: string, metric: string, headRuns: number) => RowState = () => 'unchanged'
) {
  return (c: Comparison): Comparison => {
    for (const r of c.rows) {
      if (!r.base || !r.head) continue
      const at = decideAt[r.test]
      const state: RowState =
        at !== undefined && r.head.n < at ? 'undecided' : finalState(r.test, r.metric, r.head.n)
      r.state = state
      r.verdict = state === 'regression' || state === 'improvement' ? state : 'unchanged'
    }
    return holdDecisions(c, new Map())
  }
}

interface Step {
  failed: string[]
  outputs: Record<string, string>
  lines: { level: string; text: string }[]
  produce: Produce[]
  uploads: { name: string; files: string[] }[]
  deletes: string[]
  report: Comparison
  ws: string
  text(level?: string): string
}

async function step(o: {
  inputs?: Record<string, string>
  judge: (c: Comparison) => Comparison
  perTestRunMin?: number
  /** Both sides' first 5 runs are already in the pool (restored): round 1 produces nothing. */
  planted?: boolean
  doctor?: { ok: boolean; why: string | null }
}): Promise<Step> {
  const ws = checkout(fx.commits.regressing)
  if (o.planted)
    await fakeAgent([], { t: 0, perTestRun: 0 })().produce({
      base: fx.commits.baseline,
      head: fx.commits.regressing,
      kernel: EXAMPLE_KERNEL,
      runs: 5,
      out: join(ws, POOL)
    })
  const dir = mkdtempSync(join(root, 'step-'))
  writeFileSync(join(dir, 'event.json'), '{}')
  const declared = declaredInputs(ACTION_YML)
  const given: Record<string, string> = {
    kernel: EXAMPLE_KERNEL,
    registry: 'bundled',
    base: fx.commits.baseline,
    rule: 'sequential',
    'fail-threshold': '1',
    comment: 'never',
    ...o.inputs
  }
  for (const k of Object.keys(given)) assert.ok(declared.has(k), `input ${k} is not declared in action.yml`)
  const inputs = (name: string): string => {
    const dflt = declared.get(name) ?? ''
    return (given[name] ?? (dflt.startsWith('${{') ? '' : dflt)).trim()
  }
  const clock = { t: 1_000_000, perTestRun: (o.perTestRunMin ?? 0.5) * MIN }
  const s: Step = {
    failed: [],
    outputs: {},
    lines: [],
    produce: [],
    uploads: [],
    deletes: [],
    report: undefined as unknown as Comparison,
    ws,
    text: (level) =>
      s.lines
        .filter((l) => !level || l.level === level)
        .map((l) => l.text)
        .join('\n')
  }
  const line = (level: string) => (text: string) => void s.lines.push({ level, text })
  const log: Log = {
    info: line('info'),
    debug: line('debug'),
    notice: line('notice'),
    warning: line('warning'),
    error: line('error'),
    inert: async (fn) => fn()
  }
  let id = 1
  const artifacts: ArtifactClientLike = {
    async uploadArtifact(name, files, rootDir) {
      s.uploads.push({ name, files: files.map((f) => relative(rootDir, f)).sort() })
      return { id: id++, size: files.length, digest: 'sha256:0' }
    },
    async listArtifacts() {
      return { artifacts: [] }
    },
    async downloadArtifact() {
      throw new Error('no artifacts')
    },
    async deleteArtifact(name) {
      // Names are unique per run: only what this run uploaded can be deleted.
      if (!s.uploads.some((u) => u.name === name)) throw new Error(`no artifact ${name}`)
      s.deletes.push(name)
      return { id: 0 }
    }
  }
  const deps: ActionDeps = {
    getInput: inputs,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_REPOSITORY: 'octo-org/scx-demo',
      GITHUB_WORKSPACE: ws,
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_SHA: fx.commits.regressing,
      GITHUB_RUN_ID: '4343',
      GITHUB_WORKFLOW: 'perf',
      GITHUB_JOB: 'gate',
      RUNNER_TEMP: dir,
      ACTIONS_RUNTIME_TOKEN: 'unused-by-the-fake-client',
      ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/',
      ...GIT_TEST_ENV
    },
    log,
    setOutput: (k, v) => void (s.outputs[k] = v),
    setFailed: (m) => void s.failed.push(m),
    writeSummary: async () => {},
    artifactClient: async () => artifacts,
    agent: o.doctor
      ? () => ({ ...fakeAgent(s.produce, clock)(), doctor: async () => o.doctor! })
      : fakeAgent(s.produce, clock),
    now: () => clock.t,
    judge: o.judge
  }
  await run(deps)
  if (s.outputs.report) s.report = JSON.parse(readFileSync(s.outputs.report, 'utf8')) as Comparison
  return s
}

/** Sidecars of `test` in the pool, per side. */
function sidecarsOf(ws: string, test: string): { base: number; head: number } {
  const count = (sha: string) => {
    const dir = join(ws, POOL, `${EXAMPLE_KERNEL}-${sha.slice(0, 7)}`)
    if (!existsSync(dir)) return 0
    return readdirSync(dir)
      .filter((d) => /^run-\d+$/.test(d))
      .flatMap((d) => readdirSync(join(dir, d)))
      .filter((f) => f.startsWith(`${test}-`)).length
  }
  return { base: count(fx.commits.baseline), head: count(fx.commits.regressing) }
}

const rounds = (s: Step) => s.lines.filter((l) => /^round \d+:/.test(l.text)).map((l) => l.text)

describe('the top-up loop (rule: sequential)', () => {
  it('tops up exactly the undecided tests, round by round, until every row is decided', async () => {
    const s = await step({
      inputs: { 'time-budget': '0' },
      judge: fakeJudge({ sched_steady_perf: 10, wake_storm_perf: 15 }, (test, metric) =>
        test === 'sched_steady_perf' && metric === 'worst_spread' ? 'regression' : 'unchanged'
      )
    })
    // Round 1 is the gather (5 runs per side, whole suite); then +5 of both undecided tests, then
    // +5 of the one still undecided.
    assert.deepEqual(
      s.produce.map((p) => [p.add ?? null, p.runs, p.filter ? namesOf(p.filter) : null, !!p.base, !!p.head]),
      [
        [null, 5, null, true, true],
        [5, 5, ['sched_steady_perf', 'wake_storm_perf'], true, true],
        [5, 5, ['wake_storm_perf'], true, true]
      ]
    )
    assert.deepEqual(sidecarsOf(s.ws, 'sched_steady_perf'), { base: 10, head: 10 })
    assert.deepEqual(sidecarsOf(s.ws, 'wake_storm_perf'), { base: 15, head: 15 })
    assert.deepEqual(sidecarsOf(s.ws, 'cgroup_mixed_perf'), { base: 5, head: 5 }, 'decided: left alone')
    assert.deepEqual(sidecarsOf(s.ws, 'numa_spread_perf'), { base: 5, head: 5 }, 'decided: left alone')

    const r = rounds(s)
    assert.equal(r.length, 3, r.join('\n'))
    // Round 1 produced 40 test-runs in 20 min: 0.5 min each; round 2 is 2 tests × 5 runs × 2 sides.
    assert.match(r[0]!, /^round 2: 2 tests undecided \(\d+ rows\) → \+5 runs each, est\. 10 min$/)
    assert.match(r[1]!, /^round 3: 1 test undecided \(\d+ rows?\) → \+5 runs each, est\. 5 min$/)
    assert.equal(r[2], 'round 4: nothing undecided — every row decided')

    // The planted regression was found after the top-ups and fails the gate (fail-threshold 1).
    const reg = s.report.rows.filter((x) => x.verdict === 'regression')
    assert.deepEqual(
      reg.map((x) => [x.test, x.metric, x.head!.n]),
      [['sched_steady_perf', 'worst_spread', 10]]
    )
    assert.equal(s.outputs.verdict, 'fail')
    assert.equal(s.failed.length, 1)
    assert.match(s.text('info'), /sequential rule: 2 top-up round\(s\), stopped: decided/)

    // Each round's runs are uploaded as the round ends (the step's earlier upload of the side
    // replaced), so a job cancelled later still leaves them; publish does not upload them again.
    const names = [
      ...new Set(s.uploads.map((u) => u.name).filter((n) => n.startsWith('ktstr-sidecars-')))
    ].sort()
    assert.equal(names.length, 2, names.join(', '))
    for (const n of names) {
      assert.equal(s.uploads.filter((u) => u.name === n).length, 2, `${n}: one upload per top-up round`)
      assert.equal(s.deletes.filter((d) => d === n).length, 1, `${n}: round 3 replaced round 2's upload`)
    }
    assert.ok(!s.text('warning').includes('upload failed'), s.text('warning'))
    // Every round's runs are in the uploaded side artifacts, so a rerun restores them.
    const files = s.uploads.flatMap((u) => u.files)
    for (const sha of [fx.commits.baseline, fx.commits.regressing])
      assert.ok(
        files.some((f) => f.startsWith(`${EXAMPLE_KERNEL}-${sha.slice(0, 7)}/run-15/wake_storm_perf-`)),
        `run-15 of ${sha.slice(0, 7)} uploaded: ${files.filter((f) => f.includes('run-15')).join(', ')}`
      )
  })

  it('keeps a row decided in an earlier round final when later runs of its test would flip it', async () => {
    const s = await step({
      inputs: { 'time-budget': '0' },
      // wake_storm's worst_spread would turn into a regression at 10 runs; but its other metrics
      // stay undecided until 10 runs, and worst_spread was already decided unchanged at 5.
      judge: (c) => {
        for (const r of c.rows) {
          if (!r.base || !r.head) continue
          const state: RowState =
            r.test !== 'wake_storm_perf'
              ? 'unchanged'
              : r.metric === 'worst_spread'
                ? r.head.n >= 10
                  ? 'regression'
                  : 'unchanged'
                : r.head.n >= 10
                  ? 'unchanged'
                  : 'undecided'
          r.state = state
          r.verdict = state === 'regression' ? 'regression' : 'unchanged'
        }
        return holdDecisions(c, new Map())
      }
    })
    assert.equal(s.produce.length, 2)
    const ws = s.report.rows.find((r) => r.test === 'wake_storm_perf' && r.metric === 'worst_spread')!
    assert.equal(ws.verdict, 'unchanged', 'decided in round 1, final')
    assert.equal(ws.head!.n, 5, 'shown with the runs it was decided on')
    assert.equal(s.report.counts.regressions, 0)
    assert.equal(s.outputs.verdict, 'pass')
    assert.deepEqual(s.failed, [])
  })

  it('stops at max-runs per side: a test still undecided there gets no more runs', async () => {
    const s = await step({
      inputs: { 'time-budget': '0', 'max-runs': '10' },
      judge: fakeJudge({ wake_storm_perf: 99 })
    })
    assert.deepEqual(
      s.produce.map((p) => p.add ?? null),
      [null, 5]
    )
    assert.deepEqual(sidecarsOf(s.ws, 'wake_storm_perf'), { base: 10, head: 10 })
    assert.match(rounds(s).at(-1)!, /^round 3: 1 test\(s\) still undecided at max-runs 10 — stopping$/)
    assert.match(s.text('info'), /sequential rule: 1 top-up round\(s\), stopped: max-runs/)
    assert.deepEqual(s.failed, [], 'undecided rows never fail the gate')
  })

  it('does not start a round that would end past time-budget (estimated from the rounds before)', async () => {
    // 1 min per test-run: round 1 = 40 min, round 2 ≈ 20 min (ends at 60 ≤ 65), round 3 ≈ 10 min (70 > 65).
    const s = await step({
      inputs: { 'time-budget': '65' },
      perTestRunMin: 1,
      judge: fakeJudge({ sched_steady_perf: 99, wake_storm_perf: 99 })
    })
    assert.deepEqual(
      s.produce.map((p) => p.add ?? null),
      [null, 5]
    )
    const r = rounds(s)
    assert.match(r[0]!, /^round 2: .* est\. 20 min$/)
    assert.match(r[1]!, /^round 3: .* est\. 20 min$/)
    assert.match(
      s.text('notice'),
      /time-budget 65 min: 60 min spent, round 3 would take ≈ 20 min; stopping with \d+ row\(s\) undecided/
    )
    assert.ok(s.report.notices.some((x) => /time-budget 65 min/.test(x)))
    assert.deepEqual(sidecarsOf(s.ws, 'wake_storm_perf'), { base: 10, head: 10 })
  })

  it('with round 1 all restored, checks the host first and says the first estimate is unknown', async () => {
    const s = await step({
      planted: true,
      inputs: { 'time-budget': '0' },
      judge: fakeJudge({ wake_storm_perf: 10 })
    })
    assert.deepEqual(
      s.produce.map((p) => [p.add, namesOf(p.filter!)]),
      [[5, ['wake_storm_perf']]]
    )
    assert.match(
      rounds(s)[0]!,
      /^round 2: 1 test undecided \(\d+ rows?\) → \+5 runs each, est\. unknown \(nothing measured yet\)$/
    )
  })

  it('adds no runs where the host cannot produce, and says why', async () => {
    const s = await step({
      planted: true,
      doctor: { ok: false, why: 'kvm: /dev/kvm missing' },
      judge: fakeJudge({ wake_storm_perf: 10 })
    })
    assert.deepEqual(s.produce, [])
    assert.match(
      s.text('notice'),
      /\d+ row\(s\) undecided \(sequential rule\) and no runs can be added here: ktstr-agent doctor: kvm: \/dev\/kvm missing/
    )
    assert.deepEqual(s.failed, [], 'undecided rows never fail the gate')
  })

  it('does nothing under rule: ktstr', async () => {
    const s = await step({ inputs: { rule: 'ktstr' }, judge: (c) => c })
    assert.equal(s.produce.length, 1)
    assert.deepEqual(rounds(s), [])
  })
})
