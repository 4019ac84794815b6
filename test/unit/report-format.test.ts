import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  formatBaseToHead,
  formatCi,
  formatCompact,
  formatEvidence,
  formatDelta,
  formatGates,
  formatNumber,
  formatP,
  formatPercent,
  formatSpread,
  formatValue,
  withUnit
} from '../../src/report/format.js'
import { makeRow, sideStats } from '../helpers/comparison-fixtures.js'

describe('formatNumber', () => {
  it('uses about four significant digits without exponents in the usual range', () => {
    assert.equal(formatNumber(0), '0')
    assert.equal(formatNumber(-0), '0')
    assert.equal(formatNumber(12.345), '12.35')
    assert.equal(formatNumber(12.3), '12.3')
    assert.equal(formatNumber(0.012345), '0.01235')
    assert.equal(formatNumber(999.94), '999.9')
    assert.equal(formatNumber(1234.5), '1,235')
    assert.equal(formatNumber(-1234567), '-1,234,567')
    assert.equal(formatNumber(1.5e-7), '1.5e-7')
    assert.equal(formatNumber(2.5e16), '2.5e16')
  })
  it('names non-finite values', () => {
    assert.equal(formatNumber(NaN), 'NaN')
    assert.equal(formatNumber(Infinity), '∞')
    assert.equal(formatNumber(-Infinity), '-∞')
  })
})

describe('units', () => {
  it('writes % and x tight, others spaced, none bare', () => {
    assert.equal(withUnit('5', '%'), '5%')
    assert.equal(withUnit('1.3', 'x'), '1.3x')
    assert.equal(formatValue(420.5, 'µs'), '420.5 µs')
    assert.equal(formatValue(17, ''), '17')
  })
  it('signs deltas and uses percentage points for % metrics', () => {
    assert.equal(formatDelta(3.1, '%'), '+3.1 pp')
    assert.equal(formatDelta(-120, 'ms'), '-120 ms')
    assert.equal(formatDelta(0, 'ms'), '0 ms')
    assert.equal(formatDelta(null, 'ms'), '–')
  })
})

describe('formatPercent', () => {
  it('signs the change and scales decimals with magnitude', () => {
    assert.equal(formatPercent(0.031), '+3.10%')
    assert.equal(formatPercent(-0.125), '-12.5%')
    assert.equal(formatPercent(2.5), '+250%')
    assert.equal(formatPercent(123.4), '+12,340%')
    assert.equal(formatPercent(0), '±0.00%')
    assert.equal(formatPercent(null), '–')
    assert.equal(formatPercent(Infinity), '+∞%')
  })
  it('formats CIs and p-values', () => {
    assert.equal(formatCi([0.021, 0.084]), '[+2.10%, +8.40%]')
    assert.equal(formatCi(null), '–')
    assert.equal(formatP(0.0004), '<0.001')
    assert.equal(formatP(0.0312), '0.031')
    assert.equal(formatP(null), '–')
  })
})

describe('row helpers', () => {
  it('summarises a side spread', () => {
    assert.equal(formatSpread(sideStats([410, 420, 433]), 'µs'), '421 µs (n=3, 410–433, sd 11.53)')
    assert.equal(formatSpread(sideStats([5]), '%'), '5% (n=1)')
    assert.equal(formatSpread(null, '%'), '–')
  })
  it('says which gates a row cleared', () => {
    const r = makeRow({
      metric: 'worst_spread',
      verdict: 'regression',
      base: [10, 10.2, 9.9],
      head: [20, 20.5, 19.8],
      pValue: 0.0002
    })
    assert.equal(formatGates(r), 'abs ✓ rel ✓ disjoint')
    const q = makeRow({
      metric: 'worst_spread',
      verdict: 'regression',
      base: [10, 12, 11],
      head: [11.5, 20, 19],
      pValue: 0.01
    })
    assert.equal(formatGates(q), 'abs ✓ rel ✓ p=0.01')
    q.pAdjusted = 0.04
    assert.equal(formatGates(q), 'abs ✓ rel ✓ q=0.04')
    const s = makeRow({ metric: 'worst_spread', verdict: 'unchanged', base: [10], head: [10.5] })
    assert.equal(formatGates(s), 'abs ✗ rel ✗')
  })
})

describe('narrow-cell formats', () => {
  it('formatCompact: SI suffixes from 10,000 up', () => {
    assert.equal(formatCompact(9999), '9,999')
    assert.equal(formatCompact(41450), '41.45k')
    assert.equal(formatCompact(803_183_400), '803.2M')
    assert.equal(formatCompact(-2.5e9), '-2.5G')
    assert.equal(formatCompact(12.345), '12.35')
  })
  it('formatBaseToHead: the unit once, or on each side for % and x', () => {
    const s = (value: number) => ({
      n: 1,
      mean: value,
      min: value,
      max: value,
      stdev: 0,
      value,
      fold: value,
      samples: [value]
    })
    assert.equal(formatBaseToHead({ base: s(388.8), head: s(911.1), unit: 'µs' }), '388.8 → 911.1 µs')
    assert.equal(formatBaseToHead({ base: s(11.23), head: s(24.84), unit: '%' }), '11.23% → 24.84%')
    assert.equal(formatBaseToHead({ base: null, head: s(3), unit: '' }), '– → 3')
  })
  it('formatEvidence: plain words instead of "abs ✓ rel ✓ disjoint"', () => {
    const r = {
      gate: { abs: 1, rel: 0.1, absCleared: true, relCleared: true },
      mode: 'noise-adjusted',
      disjoint: false,
      pAdjusted: null,
      pValue: 0.003,
      separated: true
    } as unknown as Parameters<typeof formatEvidence>[0]
    assert.equal(formatEvidence(r), 'beyond both gates; Welch p = 0.003')
    assert.equal(
      formatEvidence({ ...r, disjoint: true }),
      'beyond both gates; baseline and HEAD runs do not overlap'
    )
    assert.equal(
      formatEvidence({ ...r, mode: 'scalar' }),
      'beyond both gates (one run on a side: no test of noise)'
    )
  })
})
