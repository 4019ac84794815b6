import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  countingCargo,
  DEEP_DEFAULTS,
  deepModel,
  parseInvocations,
  summarise,
  topUpOutcome,
  type DeepResult,
  type SeqPr
} from '../../bench/kvm.js'
import { deepRows } from '../../bench/table.js'
import { DEFAULT_CONFIG, type SimResult, type Tally } from '../../bench/simulate.js'
import { bundledRegistry } from '../../src/core/registry.js'
import { createFixtureRepo } from '../helpers/fixture-repo.js'

describe('bench/kvm: counting cargo ktstr test', () => {
  it('reads the wrapper log and refuses a line it cannot read', () => {
    const invs = parseInvocations('abc1234 6 0 0\n\ndef5678 2 1 0\nabc1234 1 1 1\n')
    assert.deepEqual(invs, [
      { commit: 'abc1234', tests: 6, filtered: false, code: 0 },
      { commit: 'def5678', tests: 2, filtered: true, code: 0 },
      { commit: 'abc1234', tests: 1, filtered: true, code: 1 }
    ])
    assert.throws(() => parseInvocations('abc1234 six 0 0'), /cannot read the counting wrapper's line/)
  })

  it('sums a PR as invocations per side and suite-equivalents (m of T tests counts m/T)', () => {
    // The first batch (2 sentinel + 5 HEAD, whole suite), a dropped test's 5 + 5, a top-up of 2 tests.
    const log = [
      ...Array(2).fill('base000 6 0 0'),
      ...Array(5).fill('head000 6 0 0'),
      ...Array(5).fill('base000 1 1 0'),
      ...Array(5).fill('head000 1 1 0'),
      ...Array(5).fill('head000 2 1 0')
    ].join('\n')
    const s = summarise(parseInvocations(log), 6, 'base000')
    assert.deepEqual(
      { ...s, suiteEquivalents: 0 },
      {
        invocations: 22,
        baseInvocations: 7,
        headInvocations: 15,
        filtered: 15,
        suiteEquivalents: 0
      }
    )
    assert.ok(Math.abs(s.suiteEquivalents - (7 + 10 / 6 + 10 / 6)) < 1e-9, String(s.suiteEquivalents))
    assert.throws(() => summarise([], 0, 'x'), /suite size must be positive/)
  })

  it('the wrapper records the commit, the tests the stand-in ran and the filter, and passes the exit code on', () => {
    const root = mkdtempSync(join(tmpdir(), 'bench-kvm-test-'))
    const repo = createFixtureRepo({ parentDir: root })
    try {
      const { bin, counter } = countingCargo(root)
      const run = (sidecars: string, filter: string[]) =>
        execFileSync(join(bin, 'cargo'), ['ktstr', 'test', '--kernel', '6.14.2', ...filter], {
          cwd: repo.dir,
          env: {
            PATH: process.env.PATH ?? '',
            KTSTR_SIDECAR_DIR: sidecars,
            KTSTR_PROJECT_COMMIT: 'abc1234',
            KTSTR_PERF_ONLY: '1'
          },
          stdio: 'pipe'
        })
      const d1 = join(root, 's1')
      const d2 = join(root, 's2')
      mkdirSync(d1)
      mkdirSync(d2)
      run(d1, [])
      run(d2, ['--', '-E', 'test(=sched_mixed_perf)'])
      // Not a test run: not counted, still forwarded to the stand-in.
      assert.match(execFileSync(join(bin, 'cargo'), ['install', '--list'], { encoding: 'utf8' }), /ktstr/)
      assert.deepEqual(parseInvocations(readFileSync(counter, 'utf8')), [
        { commit: 'abc1234', tests: 2, filtered: false, code: 0 },
        { commit: 'abc1234', tests: 1, filtered: true, code: 0 }
      ])
    } finally {
      repo.cleanup()
      rmSync(root, { recursive: true, force: true })
    }
  })

  it("reads the Action's top-up line", () => {
    assert.deepEqual(topUpOutcome('x\nsequential rule: 2 top-up round(s), stopped: max-runs\n'), {
      rounds: 2,
      stopped: 'max-runs'
    })
    assert.equal(topUpOutcome('sentinel: 2 fresh baseline run(s) agree'), null)
  })

  it('the deep model: 6 performance tests, registry metrics, every noise level in 1–20 % once', () => {
    const m = deepModel()
    const names = new Set(bundledRegistry().metrics.map((x) => x.name))
    assert.equal(m.tests.length, 6)
    assert.ok(m.tests.every((t) => t.performance_mode === true))
    const noise = m.tests.flatMap((t) =>
      Object.entries(t.metrics).map(([name, spec]) => {
        assert.ok(names.has(name), name)
        return spec.noise!
      })
    )
    assert.equal(new Set(noise).size, noise.length, 'a permutation: no level twice')
    assert.equal(Math.min(...noise), 0.01)
    assert.equal(Math.max(...noise), 0.2)
  })
})

function seqPr(pr: number, suiteEquivalents: number, o: Partial<SeqPr> = {}): SeqPr {
  return {
    pr,
    head: 'abcdef0',
    drifted: false,
    invocations: 7,
    baseInvocations: 2,
    headInvocations: 5,
    filtered: 0,
    suiteEquivalents,
    rounds: null,
    stopped: null,
    cachedRuns: 18,
    sentinelDropped: 0,
    verdict: 'pass',
    regressions: 0,
    undecided: 0,
    inconclusive: 0,
    tests: [6, 6, 6, 6, 6, 6, 6],
    elapsedMs: 1,
    ...o
  }
}

function deep(prs: SeqPr[], o: Partial<DeepResult> = {}): DeepResult {
  const mean = (f: (p: SeqPr) => number) => prs.reduce((s, p) => s + f(p), 0) / prs.length
  return {
    config: DEEP_DEFAULTS,
    suiteSize: 6,
    baseline: {
      invocations: 20,
      baseInvocations: 20,
      headInvocations: 0,
      filtered: 0,
      suiteEquivalents: 20,
      stored: true,
      elapsedMs: 1
    },
    prs,
    drifted: [seqPr(9, 15, { drifted: true, invocations: 17, sentinelDropped: 5 })],
    perPr: {
      invocations: mean((p) => p.invocations),
      suiteEquivalents: mean((p) => p.suiteEquivalents),
      filtered: mean((p) => p.filtered)
    },
    elapsedMs: 1,
    ...o
  }
}

function simAa(suiteEquivalents: number): SimResult {
  const t = (o: Partial<Tally>): Tally => ({
    prs: 100,
    failAt1: 0,
    failAt5: 0,
    detected: 0,
    rowsCvGate2: 1,
    regressionsCvGate2: 0,
    rowsCvGate12: 1,
    regressionsCvGate12: 0,
    headRuns: 0,
    tests: 600,
    invocations: 1200,
    suiteEquivalents: 1000,
    prsWithInconclusive: 0,
    plantedStates: {},
    prsWithSentinelDrop: 0,
    sentinelDrops: 0,
    ...o
  })
  return {
    config: DEFAULT_CONFIG,
    scenarios: [
      { scenario: 'aa', rules: { ktstr: t({}), sequential: t({ suiteEquivalents }) } },
      { scenario: 'drift', rules: { ktstr: t({}), sequential: t({ suiteEquivalents: 1500 }) } }
    ],
    workers: 1,
    elapsedMs: 1
  }
}

describe('bench/table: the deep baseline rows', () => {
  it('judges suite-equivalents per PR against ≤ 10, beside the simulator and the drifted host', () => {
    const rows = deepRows(deep([seqPr(1, 7), seqPr(2, 11, { rounds: 2, sentinelDropped: 1 })]), simAa(1049))
    const find = (f: string) => rows.find((r) => r.figure.startsWith(f))!
    const kvm = find('sequential, warm deep baseline: KVM runs per PR')
    assert.equal(kvm.value, '9.00')
    assert.equal(kvm.status, 'met')
    assert.match(kvm.pm, /per PR: 7, 11$/)
    assert.equal(find('  … per PR: top-up rounds').value, '0/0, 2/1')
    assert.match(find('  … per PR: top-up rounds').pm, /all 2 pass/)
    assert.equal(find("  … the simulator's estimate").value, '10.49')
    assert.equal(find('sequential: deep baseline job').status, 'met')
    assert.match(
      find('sequential, host drifted +5 %').pm,
      /sentinel set aside 5\/6 tests\).*; simulator 15\.00$/
    )

    const over = deepRows(deep([seqPr(1, 12, { verdict: 'fail' })]), null)
    assert.equal(over.find((r) => r.figure.startsWith('sequential, warm deep'))!.status, 'missed')
    assert.match(over.find((r) => r.figure.startsWith('  … per PR'))!.pm, /1 of 1 failed \(PR 1: fail\)/)
    assert.match(over.find((r) => r.figure.startsWith("  … the simulator's"))!.pm, /not run/)
  })

  it('a baseline job whose runs were not all counted, or not stored, is a bug in the bench', () => {
    const d = deep([seqPr(1, 7)])
    const short = deepRows({ ...d, baseline: { ...d.baseline, invocations: 19, suiteEquivalents: 19 } }, null)
    assert.equal(short.find((r) => r.figure.startsWith('sequential: deep baseline job'))!.status, 'bug')
    const unstored = deepRows({ ...d, baseline: { ...d.baseline, stored: false } }, null)
    assert.equal(unstored.find((r) => r.figure.startsWith('sequential: deep baseline job'))!.status, 'bug')
  })
})
