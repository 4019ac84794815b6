// The top-up loop's pure decisions (src/core/topup.ts) on hand-built Comparisons: which tests get
// more runs and how many, the nextest filter for exactly them, and decisions that stay final.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  holdDecisions,
  nextestFilter,
  planTopUp,
  recordDecisions,
  rowId,
  type Decided
} from '../../src/core/topup.js'
import type { ComparisonRow, RowState } from '../../src/core/types.js'
import { makeComparison, makeRow } from '../helpers/comparison-fixtures.js'

const runs = (n: number, v = 100) => Array.from({ length: n }, (_, i) => v + (i % 3))

function row(
  test: string,
  metric: string,
  state: RowState | null,
  o: { base?: number; head?: number; topology?: string; runsNeeded?: number } = {}
): ComparisonRow {
  const verdict =
    state === 'regression' ? 'regression' : state === 'improvement' ? 'improvement' : 'unchanged'
  return {
    ...makeRow({
      test,
      metric,
      verdict,
      base: runs(o.base ?? 5),
      head: runs(o.head ?? 5),
      ...(o.topology ? { topology: o.topology } : {})
    }),
    state,
    runsNeeded: o.runsNeeded ?? (state === 'undecided' ? 9 : null)
  }
}

describe('planTopUp', () => {
  it('names exactly the tests with undecided rows, with their rows and a batch of runs each', () => {
    const c = makeComparison({
      rows: [
        row('sched_a', 'worst_spread', 'undecided'),
        row('sched_a', 'worst_gap_ms', 'unchanged'),
        row('sched_a', 'worst_spread', 'undecided', { topology: '1n1l2c1t' }),
        row('sched_b', 'worst_spread', 'unchanged'),
        row('sched_c', 'worst_spread', 'regression'),
        row('sched_d', 'worst_gap_ms', 'undecided', { runsNeeded: 14 })
      ]
    })
    const p = planTopUp(c, { batch: 5, maxRuns: 20 })
    assert.deepEqual(
      p.tests.map((t) => [t.test, t.rows, t.add, t.headRuns, t.withBase, t.runsNeeded]),
      [
        ['sched_a', 2, 5, 5, true, 9],
        ['sched_d', 1, 5, 5, true, 14]
      ]
    )
    assert.equal(p.rows, 3)
    assert.deepEqual(p.atMax, [])
  })

  it('caps the batch at max-runs and leaves tests already there out', () => {
    const c = makeComparison({
      rows: [
        row('sched_a', 'worst_spread', 'undecided', { head: 18, base: 18 }),
        row('sched_b', 'worst_spread', 'undecided', { head: 20, base: 20 })
      ]
    })
    const p = planTopUp(c, { batch: 5, maxRuns: 20 })
    assert.deepEqual(
      p.tests.map((t) => [t.test, t.add]),
      [['sched_a', 2]]
    )
    assert.deepEqual(p.atMax, ['sched_b'])
  })

  it('adds no baseline runs where the baseline is already deeper than HEAD will be', () => {
    const c = makeComparison({ rows: [row('sched_a', 'worst_spread', 'undecided', { base: 20, head: 5 })] })
    assert.equal(planTopUp(c, { batch: 5, maxRuns: 20 }).tests[0]!.withBase, false)
  })

  it('refuses test names that are not plain identifiers (sidecars are untrusted)', () => {
    const c = makeComparison({
      rows: [
        row('sched_a) | all() | test(x', 'worst_spread', 'undecided'),
        row('$(reboot)', 'worst_spread', 'undecided'),
        row('ok_test', 'worst_spread', 'undecided')
      ]
    })
    const p = planTopUp(c, { batch: 5, maxRuns: 20 })
    assert.deepEqual(
      p.tests.map((t) => t.test),
      ['ok_test']
    )
    assert.deepEqual(p.refused.sort(), ['$(reboot)', 'sched_a) | all() | test(x'])
  })

  it('plans nothing under ktstr’s rule (no states)', () => {
    const c = makeComparison({ rows: [row('sched_a', 'worst_spread', null)] })
    assert.deepEqual(planTopUp(c, { batch: 5, maxRuns: 20 }).tests, [])
  })
})

describe('nextestFilter', () => {
  it('is the filter cargo ktstr replay gives nextest: anchored regex per bare name, joined by |', () => {
    assert.equal(
      nextestFilter(['sched_b', 'sched_a', 'sched_b']),
      'test(/^(.*::)?sched_a$/) | test(/^(.*::)?sched_b$/)'
    )
  })

  it('throws on anything but a plain test name, never escaping it into the expression', () => {
    for (const bad of ['a|b', 'a)', 'x y', 'a$', '', '9lives', 'a::b', 'naïve', 'a\nb'])
      assert.throws(() => nextestFilter([bad]), /unsafe test name/, bad)
    assert.throws(() => nextestFilter([]), /no test names/)
  })
})

describe('holdDecisions', () => {
  it('keeps a row decided in an earlier round as it was decided, and recounts the verdict', () => {
    const first = makeComparison({
      rows: [
        row('sched_a', 'worst_spread', 'regression'),
        row('sched_a', 'worst_gap_ms', 'undecided'),
        row('sched_b', 'worst_spread', 'unchanged')
      ],
      options: { ...makeComparison({ rows: [] }).options, failThreshold: 1 }
    })
    const decided: Decided = new Map()
    recordDecisions(first, decided)
    assert.deepEqual([...decided.keys()].sort(), [rowId(first.rows[0]!), rowId(first.rows[2]!)].sort())

    // Round 2's runs of sched_a moved the earlier regression back inside its gate, and decided the
    // other row: the earlier decision stands, the new one is taken.
    const second = makeComparison({
      rows: [
        row('sched_a', 'worst_spread', 'unchanged', { head: 10 }),
        row('sched_a', 'worst_gap_ms', 'unchanged', { head: 10 }),
        row('sched_b', 'worst_spread', 'unchanged')
      ],
      options: { ...first.options }
    })
    const held = holdDecisions(second, decided)
    const ws = held.rows.find((r) => r.test === 'sched_a' && r.metric === 'worst_spread')!
    assert.equal(ws.state, 'regression')
    assert.equal(ws.verdict, 'regression')
    assert.equal(ws.head!.n, 5, 'shown with the runs it was decided on')
    assert.equal(held.rows[0], ws, 'regressions first')
    assert.equal(held.rows.find((r) => r.metric === 'worst_gap_ms')!.state, 'unchanged')
    assert.equal(held.counts.regressions, 1)
    assert.equal(held.counts.undecided, 0)
    assert.equal(held.verdict, 'fail')
    assert.match(held.reasons.join(';'), /1 regression ≥ fail-threshold 1/)
  })

  it('leaves a comparison whose decisions did not change as the engine gave it', () => {
    const c = makeComparison({
      rows: [row('sched_a', 'worst_spread', 'unchanged')],
      reasons: ['no regressions']
    })
    const decided: Decided = new Map()
    recordDecisions(c, decided)
    const held = holdDecisions(c, decided)
    assert.equal(held.verdict, 'pass')
    assert.deepEqual(held.reasons, ['no regressions'])
    assert.equal(held.rows[0], c.rows[0])
  })
})
