import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { KvmResult } from '../../bench/kvm.js'
import { buildRows, renderTable, type BenchResult } from '../../bench/table.js'
import { DEFAULT_CONFIG, type SimResult, type Tally } from '../../bench/simulate.js'

function tally(o: Partial<Tally> & { prs: number }): Tally {
  return {
    failAt1: 0,
    failAt5: 0,
    detected: 0,
    rowsCvGate2: 10_000,
    regressionsCvGate2: 0,
    rowsCvGate12: 2_000,
    regressionsCvGate12: 0,
    headRuns: 5 * 6 * o.prs,
    tests: 6 * o.prs,
    invocations: 10 * o.prs,
    suiteEquivalents: 10 * o.prs,
    prsWithInconclusive: 0,
    plantedStates: {},
    prsWithSentinelDrop: 0,
    sentinelDrops: 0,
    ...o
  }
}

function sim(): SimResult {
  return {
    config: DEFAULT_CONFIG,
    scenarios: [
      {
        scenario: 'aa',
        rules: {
          ktstr: tally({ prs: 400, failAt1: 80, regressionsCvGate2: 100 }),
          sequential: tally({ prs: 400, failAt1: 1, headRuns: 8.5 * 6 * 400, suiteEquivalents: 9.5 * 400 })
        }
      },
      {
        scenario: 'ab',
        rules: {
          ktstr: tally({
            prs: 200,
            failAt1: 190,
            detected: 188,
            plantedStates: { regression: 188, unchanged: 12 }
          }),
          sequential: tally({
            prs: 200,
            failAt1: 199,
            detected: 199,
            plantedStates: { regression: 199, inconclusive: 1 }
          })
        }
      },
      {
        scenario: 'drift',
        rules: {
          ktstr: tally({ prs: 100, failAt1: 20 }),
          sequential: tally({ prs: 100, failAt1: 0, prsWithSentinelDrop: 97, sentinelDrops: 500 })
        }
      }
    ],
    workers: 2,
    elapsedMs: 1000
  }
}

function kvm(topUpBase: number): KvmResult {
  const pr = (n: number, inv: number) => ({
    pr: n,
    head: 'abcdef0',
    invocations: inv,
    baseFromCache: n > 1 ? 5 : 0,
    baseProduced: n > 1 ? 0 : 5,
    headProduced: 5,
    baseRuns: 5,
    headRuns: 5,
    verdict: 'pass',
    regressions: 0
  })
  return {
    config: { prs: 3, runs: 5 },
    ktstrPerPr: 10,
    noCache: [pr(1, 10)],
    cached: [pr(1, 10), pr(2, 5), pr(3, 5)],
    topUp: { ktstr: 20, agent: 5, wanted: 10, baseRunsCounted: topUpBase, headRunsCounted: 10, notices: [] },
    warmPerPr: 5,
    warmRatio: 0.5,
    sequenceRatio: 20 / 30,
    deep: null,
    notBuilt: ['sentinel'],
    elapsedMs: 1
  }
}

describe('bench/run: the table', () => {
  it('judges each §11 verdict figure for both rules, side by side, with Wilson intervals', () => {
    const rows = buildRows({ speed: null, scale: null, cold: null, kvm: null, sim: sim() })
    const find = (figure: string) => rows.find((r) => r.figure.startsWith(figure))!
    const aaK = find('PR-level A/A failure, fail-threshold 1 — ktstr N=5')
    assert.equal(aaK.value, '20.0 %')
    assert.match(aaK.pm, /^\[16\.4, 24\.2\] n=400$/)
    const aaS = find('PR-level A/A failure, fail-threshold 1 — sequential')
    assert.equal(aaS.value, '0.3 %')
    assert.equal(aaS.status, 'met')
    assert.equal(find('detection, 1.5 × gate (CV ≤ gate), PR fails at ft 1 — sequential').status, 'met')
    assert.match(find('  … the planted row itself').pm, /1 inconclusive/)
    assert.equal(find('per-row A/A regression rate, CV/gate ≤ 2 — sequential').status, 'met')
    assert.equal(find('mean HEAD runs per test (A/A) — sequential').value, '8.50')
    assert.equal(find('KVM runs per PR, warm baseline').status, 'met')
    const drift = find(
      'drifted host (5 %) vs cached baseline, PR fails at ft 1 — sequential with the sentinel'
    )
    assert.equal(drift.value, '0.0 %')
    assert.equal(drift.status, 'met')
    const drops = find('  … PRs whose sentinel dropped cached runs')
    assert.match(drops.value, /^97\.0 % \/ 0\.0 %$/)
    assert.match(drops.pm, /^tests dropped per PR: 5\.00 \/ 0\.00; KVM runs per drifted PR/)
    assert.ok(
      rows.every((r) => r.section === rows[0]!.section),
      'one section: the two rules side by side'
    )
  })

  it('marks the KVM figure met at 0.5× and a top-up that loses runs as a bug', () => {
    const ok = buildRows({ speed: null, scale: null, cold: null, kvm: kvm(10), sim: null })
    assert.equal(ok.find((r) => r.figure.startsWith('agent, warm host cache'))!.status, 'met')
    assert.equal(ok.find((r) => r.figure.startsWith('rerun with'))!.status, 'met')
    const bad = buildRows({ speed: null, scale: null, cold: null, kvm: kvm(5), sim: null })
    assert.equal(bad.find((r) => r.figure.startsWith('rerun with'))!.status, 'bug')
  })

  it('renders one aligned table with a header per section', () => {
    const res: BenchResult = {
      env: { node: 'v20', cpu: 'cpu', cores: 2, loadavg: [0, 0, 0], quick: true, seed: 's' },
      speed: null,
      scaling: null,
      cold: [
        {
          file: 'dist/index.js',
          medianMs: null,
          pm: null,
          runs: 0,
          note: 'n/a (dist/index.js not built yet)'
        }
      ],
      kvm: null,
      sim: sim(),
      rows: [],
      elapsedMs: 5,
      cpuMs: 4
    }
    res.rows = buildRows({ speed: null, scale: null, cold: res.cold, kvm: null, sim: res.sim })
    const text = renderTable(res)
    assert.match(text, /## cold start\nfigure +value +± +target +status\n/)
    assert.match(text, /n\/a \(dist\/index\.js not built yet\)/)
    assert.match(text, /seed s/)
  })
})
