import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { KvmResult } from '../../bench/kvm.js'
import { buildRows, renderTable, type BenchResult } from '../../bench/table.js'
import { DEFAULT_CONFIG, type SimResult } from '../../bench/simulate.js'

const tally = (prs: number, fail: number, detected = 0) => ({
  prs,
  fail,
  anyRegression: fail,
  detected,
  material: detected
})

function sim(): SimResult {
  return {
    config: { ...DEFAULT_CONFIG, runs: [5], sizes: [0.1] },
    rules: [
      { id: 'ktstr', label: "ktstr's rule" },
      { id: 'fdr', label: 'fdr 0.05' }
    ],
    notBuilt: ['adaptive sampling'],
    cells: [
      {
        id: 'aa-n5',
        kind: 'aa',
        runs: 5,
        size: 0,
        prs: 400,
        rules: { ktstr: tally(400, 8), fdr: tally(400, 0) }
      },
      {
        id: 'ab-0.1-n5',
        kind: 'ab',
        runs: 5,
        size: 0.1,
        prs: 200,
        rules: { ktstr: tally(200, 0, 100), fdr: tally(200, 0, 40) }
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
    notBuilt: ['sentinel'],
    elapsedMs: 1
  }
}

describe('bench/run: the table', () => {
  it('judges each figure against DESIGN §11 with Wilson intervals', () => {
    const rows = buildRows({ speed: null, scale: null, cold: null, kvm: null, sim: sim() })
    const find = (section: string, figure: string) =>
      rows.find((r) => r.section.includes(section) && r.figure.startsWith(figure))!
    const aaK = find("ktstr's rule", 'A/A false alarm (PR fails), N=5')
    assert.equal(aaK.value, '2.0 %')
    assert.equal(aaK.status, 'missed')
    assert.match(aaK.pm, /^\[1\.0, 3\.9\] n=400$/)
    assert.equal(find('fdr', 'A/A false alarm (PR fails), N=5').status, 'met')
    const powK = find("ktstr's rule", 'detects 10 % regression, N=5')
    assert.equal(powK.value, '50.0 %')
    assert.equal(powK.status, 'missed')
    assert.ok(rows.some((r) => r.status === 'not built' && r.figure === 'adaptive sampling'))
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
