import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { byImportance, fitRows } from '../../src/report/markdown.js'
import { failByCount } from '../helpers/comparison-fixtures.js'

describe('fitRows', () => {
  it('finds the largest row count that fits, for any monotone row sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 0, maxLength: 300 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 60000 }),
        (sizes, fixed, limit) => {
          const prefix = [0]
          for (const s of sizes) prefix.push(prefix[prefix.length - 1]! + s)
          let renders = 0
          const render = (k: number): string => {
            renders++
            return `${k}:`.padEnd(fixed + prefix[k]!, '.')
          }
          const text = fitRows(sizes.length, render, (s) => s.length, limit)
          const k = Number(text.slice(0, text.indexOf(':')))
          const fitsK = (n: number): boolean => Math.max(`${n}:`.length, fixed + prefix[n]!) <= limit
          if (fitsK(k)) assert.ok(k === sizes.length || !fitsK(k + 1), `k=${k} is not the largest`)
          else assert.equal(k, 0, 'only render(0) may exceed the limit')
          assert.ok(renders <= 2 + 2 * Math.ceil(Math.log2(sizes.length + 2)) + 4, `${renders} renders`)
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('byImportance', () => {
  it('orders regressions, improvements, informational, coverage, unchanged and keeps engine order within each', () => {
    const c = failByCount()
    const shuffled = [...c.rows].reverse()
    const ordered = byImportance(shuffled)
    const rank = { regression: 0, improvement: 1, informational: 2, noisy: 3, coverage: 4, unchanged: 5 }
    for (let i = 1; i < ordered.length; i++)
      assert.ok(rank[ordered[i - 1]!.verdict] <= rank[ordered[i]!.verdict])
    const regs = ordered.filter((r) => r.verdict === 'regression')
    assert.deepEqual(
      regs,
      shuffled.filter((r) => r.verdict === 'regression')
    )
  })
})
