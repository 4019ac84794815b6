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

const row = (
  test: string,
  metric: string,
  fresh: number[],
  cached: number[],
  g: { rel?: number; worse?: 1 | -1 } = { rel: 0.1, worse: 1 }
): SentinelRow => ({
  test,
  key: `${test}/1n2l4c1t/SpinWait`,
  metric,
  fresh,
  cached,
  ...g
})

/** A test's gated rows, each `shift` (relative, worse direction) off its cache, quiet and noisy. */
function shifted(
  test: string,
  shift: number,
  nFresh: number,
  rel = 0.1,
  cvs = [0.01, 0.015, 0.02, 0.04, 0.08, 0.12, 0.2]
): SentinelRow[] {
  return cvs.map((cv, i) => {
    const worse = i % 2 === 0 ? 1 : -1
    const mean = 100 * (1 + worse * shift)
    const fresh = Array.from({ length: nFresh }, (_, j) => mean * (1 + cv * (j % 2 ? -0.1 : 0.1)))
    return row(test, `m${i}`, fresh, runs(100, cv, 20), { rel, worse })
  })
}

describe('the sentinel of a deep baseline', () => {
  test('agree: fresh runs from the same host as the cached ones keep them', () => {
    const [t] = sentinelCheck([
      row('steady', 'worst_spread', runs(100, 0.02, 2), runs(100, 0.02, 18)),
      row('steady', 'max_gap_ms', runs(5, 0.05, 2), runs(5, 0.05, 18))
    ])
    assert.equal(t!.status, 'agree')
    assert.equal(t!.freshRuns, 2)
    assert.equal(t!.cachedRuns, 18)
    assert.ok(Math.abs(t!.shift!) < 0.01)
    assert.ok(t!.worst!.pValue >= SENTINEL_DEFAULTS.alpha)
  })

  test('disagree: a host 5 % slower moves every metric of the test; one fresh run suffices', () => {
    const [t, u] = sentinelCheck([...shifted('quiet', 0.05, 1), ...shifted('other', 0, 1)])
    assert.equal(t!.test, 'other')
    assert.equal(t!.status, 'agree')
    assert.equal(u!.status, 'disagree')
    assert.ok(Math.abs(u!.shift! - 0.05) < 0.01, `${u!.shift}`)
    assert.equal(u!.threshold, 0.025, 'a quarter of the tightest relative gate (10 %)')
    assert.equal(u!.rows, 7)
    assert.match(
      sentinelLine(u!),
      /^sentinel: quiet: the 1 fresh baseline run\(s\) are \+\d\.\d % off the 20 cached one\(s\) \(median over 7 gated metric\(s\), worse direction; limit ±2\.5 %; most significant m0 \+\d\.\d %, p = .*\): host drift/
    )
    const [faster] = sentinelCheck(shifted('quiet', -0.05, 1))
    assert.equal(
      faster!.status,
      'disagree',
      'a host that got faster is set aside too: it would hide a regression'
    )
  })

  test('a harmless job-level shift keeps the cache, even where it is significant', () => {
    const rows = shifted('steady', 0.01, 2, 0.1, [0.001, 0.015, 0.02, 0.04, 0.08, 0.12, 0.2])
    const [t] = sentinelCheck(rows)
    assert.ok(t!.worst!.pValue < 0.001, 'the quietest row shows the 1 % shift beyond doubt')
    assert.equal(t!.status, 'agree', 'but 1 % is far inside the 10 % gates: it cannot turn into a regression')
  })

  test('the limit is a quarter of the test’s tightest relative gate', () => {
    assert.equal(sentinelCheck(shifted('t', 0.04, 2, 0.1))[0]!.status, 'disagree')
    const [loose] = sentinelCheck(shifted('t', 0.04, 2, 0.25))
    assert.equal(loose!.status, 'agree', '4 % is harmless when every gate is 25 % (limit 6.25 %)')
    assert.equal(loose!.threshold, 0.0625)
    assert.equal(
      sentinelCheck(shifted('t', 0.04, 2, 0.25), { ...SENTINEL_DEFAULTS, minShift: 0.1 })[0]!.status,
      'disagree'
    )
  })

  test('a test whose only metric is noisy is not suspected for a shift within its noise', () => {
    const noisy = row('noisy', 'worst_spread', [108], runs(100, 0.2, 20), { rel: 0.25, worse: 1 })
    const [t] = sentinelCheck([noisy])
    assert.ok(t!.shift! > t!.threshold!, '8 % is past the 6.25 % limit')
    assert.ok(t!.shiftSe! > 0.1)
    assert.equal(t!.status, 'agree', 'but one run of a 20 % metric cannot tell it from noise')
    const quiet = row('quiet', 'worst_spread', [108], runs(100, 0.01, 20), { rel: 0.25, worse: 1 })
    assert.equal(sentinelCheck([quiet])[0]!.status, 'disagree')
  })

  test('one metric far off (a noisy row, an outlier) does not carry the median', () => {
    const rows = shifted('steady', 0, 1)
    rows[6] = row('steady', 'm6', [400], runs(100, 0.2, 20))
    rows[5] = row('steady', 'm5', [160], runs(100, 0.12, 20), { rel: 0.1, worse: -1 })
    assert.equal(sentinelCheck(rows)[0]!.status, 'agree')
  })

  test('a count that never changed is left out, not read as "no shift"', () => {
    const rows = shifted('t', 0.05, 1)
    const counts = Array.from({ length: 12 }, (_, i) =>
      row(
        't',
        `count${i}`,
        [5],
        Array.from({ length: 20 }, () => 5)
      )
    )
    const [t] = sentinelCheck([...rows, ...counts])
    assert.equal(t!.rows, 7)
    assert.equal(t!.status, 'disagree')
    const rounding = row(
      't',
      'ratio',
      [0.1 + 0.2],
      Array.from({ length: 20 }, (_, i) => (i % 2 ? 0.3 : 0.1 + 0.2))
    )
    assert.equal(sentinelCheck([...rows, rounding])[0]!.rows, 7, 'a constant up to rounding is left out too')
    const [same] = sentinelCheck(counts)
    assert.equal(same!.status, 'agree', 'nothing moved at all')
    assert.equal(same!.shift, 0)
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
