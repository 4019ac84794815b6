import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  sentinelCheck,
  sentinelLine,
  sentinelP,
  SENTINEL_DEFAULTS,
  type SentinelRow
} from '../../src/core/sentinel.js'

/** n values around `mean` with relative spread `cv` (deterministic, symmetric). */
function runs(mean: number, cv: number, n: number): number[] {
  const z = [
    -1.2, 0.9, -0.4, 0.3, 1.1, -0.8, 0.1, -0.2, 0.6, -0.5, 1.4, -1.0, 0.2, 0.7, -0.3, 0.4, -0.7, 0.5, -0.1, 0
  ]
  return Array.from({ length: n }, (_, i) => mean * (1 + cv * z[i % z.length]!))
}

const row = (test: string, metric: string, fresh: number[], cached: number[]): SentinelRow => ({
  test,
  key: `${test}/1n2l4c1t/SpinWait`,
  metric,
  fresh,
  cached
})

describe('the sentinel of a deep baseline', () => {
  test('agree: fresh runs from the same host as the cached ones keep them', () => {
    const [t] = sentinelCheck([
      row('steady', 'worst_spread', runs(100, 0.02, 2), runs(100, 0.02, 18)),
      row('steady', 'max_gap_ms', runs(5, 0.05, 2), runs(5, 0.05, 18))
    ])
    assert.equal(t!.status, 'agree')
    assert.equal(t!.freshRuns, 2)
    assert.equal(t!.cachedRuns, 18)
    assert.ok(t!.worst!.pValue >= SENTINEL_DEFAULTS.alpha)
  })

  test('disagree: a 5 % whole-host shift on one gated metric drops the test’s cached runs', () => {
    const [t, u] = sentinelCheck([
      row('quiet', 'worst_spread', runs(105, 0.01, 1), runs(100, 0.01, 19)),
      row('quiet', 'max_gap_ms', runs(5, 0.05, 1), runs(5, 0.05, 19)),
      row('other', 'worst_spread', runs(100, 0.01, 1), runs(100, 0.01, 19))
    ])
    assert.equal(t!.test, 'other')
    assert.equal(t!.status, 'agree')
    assert.equal(u!.status, 'disagree')
    assert.equal(u!.worst!.metric, 'worst_spread')
    assert.ok(u!.worst!.pValue < 0.001)
    assert.ok(Math.abs(u!.worst!.relShift! - 0.05) < 0.02)
    assert.match(
      sentinelLine(u!, 0.001),
      /^sentinel: quiet: the 1 fresh baseline run\(s\) disagree with the 19 cached one\(s\) on worst_spread \(\+\d\.\d %\), p = .* < 0\.001: host drift/
    )
  })

  test('one outlier fresh run is not a drifted host: every fresh run must lie beyond the cached range', () => {
    const cached = runs(100, 0.005, 18)
    const [t] = sentinelCheck([row('steady', 'worst_spread', [100.2, 106], cached)])
    assert.ok(t!.worst!.pValue < 0.001, 'significant on its own')
    assert.equal(t!.status, 'agree')
    const [u] = sentinelCheck([row('steady', 'worst_spread', [100.2, 106], cached)], {
      ...SENTINEL_DEFAULTS,
      beyondRange: false
    })
    assert.equal(u!.status, 'disagree', 'without the range condition the outlier drops the cache')
  })

  test('minShift: a significant shift far inside the row’s gate keeps the cache', () => {
    const r = { ...row('steady', 'worst_spread', runs(102, 0.002, 2), runs(100, 0.002, 18)), gate: 10 }
    assert.equal(sentinelCheck([r])[0]!.status, 'disagree', 'default: any significant shift beyond the range')
    assert.equal(sentinelCheck([r], { ...SENTINEL_DEFAULTS, minShift: 0.25 })[0]!.status, 'agree')
  })

  test('too few fresh runs: nothing to test with, the status says so', () => {
    const [t] = sentinelCheck([row('steady', 'worst_spread', [], runs(100, 0.02, 10))])
    assert.equal(t!.status, 'too-few')
    assert.equal(t!.worst, null)
    assert.equal(t!.freshRuns, 0)
    const [u] = sentinelCheck([row('steady', 'worst_spread', [101], [100])])
    assert.equal(u!.status, 'too-few', 'one fresh and one cached run: no variance to test with')
  })

  test('the test is two-sided and strict: a small shift within the noise agrees, either direction', () => {
    assert.ok(sentinelP(runs(98, 0.05, 2), runs(100, 0.05, 20))! > 0.001)
    assert.ok(sentinelP(runs(95, 0.005, 2), runs(100, 0.005, 20))! < 0.001)
    assert.equal(sentinelP([7, 7], [7, 7, 7]), 1, 'identical constants agree')
    assert.equal(sentinelP([8, 8], [7, 7, 7]), 0, 'different constants disagree')
  })

  test('with no drift, the false drop rate per row is about α (simulated)', () => {
    let seed = 7
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand())
    let drops = 0
    const n = 20_000
    for (let i = 0; i < n; i++) {
      const f = Array.from({ length: 2 }, () => 100 * (1 + 0.05 * normal()))
      const c = Array.from({ length: 15 }, () => 100 * (1 + 0.05 * normal()))
      if (sentinelP(f, c)! < 0.001) drops++
    }
    assert.ok(drops / n < 0.004, `${drops} of ${n}`)
  })
})
