import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compare } from '../../src/core/compare.js'
import { bundledRegistry } from '../../src/core/registry.js'
import { DIMENSIONS, type Sidecar } from '../../src/core/sidecar.js'
import { dropUnusedPhases } from '../../src/pool/compare-pool.js'
import { sidecar } from '../helpers/sidecars.js'

const A = 'aaaaaaa'
const B = 'bbbbbbb'
const side = (commit: string, v: number, phaseOf: number | null) =>
  [1, 2, 3].map((i) =>
    sidecar({
      commit,
      run: i,
      values: { worst_spread: v + i },
      assertions: [{ metric: 'wakeup_p99_latency_us', phase: phaseOf, minAbs: 1, maxRegressionPct: 10 }],
      phases: [{ stepIndex: 1, metrics: { wakeup_p99_latency_us: v + i / 10 } }]
    })
  )
const judge = (xs: Sidecar[]) =>
  compare({
    base: xs.filter((s) => s.projectCommit === A),
    head: xs.filter((s) => s.projectCommit === B),
    pairOn: DIMENSIONS.filter((d) => d !== 'project-commit'),
    registry: bundledRegistry(),
    baseline: { label: A, how: 'a' },
    headSpec: { label: B, how: 'b' }
  })

test('phases are dropped before comparing only when no sidecar declares a per-phase assertion; the Comparison is the same', () => {
  const whole = [...side(A, 100, null), ...side(B, 150, null)]
  const before = judge(whole)
  dropUnusedPhases(whole)
  assert.ok(whole.every((s) => s.phases.length === 0))
  assert.deepStrictEqual(judge(whole), before)

  const phased = [...side(A, 100, 1), ...side(B, 150, 1)]
  phased[0]!.assertions = []
  const kept = judge(phased)
  assert.equal(kept.assertions[0]!.tripped, true, 'the per-phase assertion judged the phase values')
  dropUnusedPhases(phased)
  assert.ok(
    phased.every((s) => s.phases.length === 1),
    'one declaration anywhere keeps every phase'
  )
  assert.deepStrictEqual(judge(phased), kept)
})
