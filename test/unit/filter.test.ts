import assert from 'node:assert/strict'
import { test } from 'node:test'
import { UsageError } from '../../src/core/errors.js'
import {
  assertSliced,
  describeFilter,
  effectiveFilter,
  listValues,
  pairingDimensions,
  selectSide,
  slicedDimensions,
  type SideFilters
} from '../../src/pool/filter.js'
import { sidecar } from '../helpers/sidecars.js'

const pool = [
  sidecar({ commit: 'aaaaaaa', kernel: '6.14', scheduler: 'scx_rusty', values: {} }),
  sidecar({ commit: 'aaaaaaa', kernel: '6.15', scheduler: 'scx_rusty', values: {} }),
  sidecar({ commit: 'bbbbbbb', kernel: '6.14', scheduler: 'scx_lavd', test: 'wake_perf', values: {} }),
  sidecar({ commit: 'bbbbbbb', kernel: '6.15', scheduler: 'scx_rusty', values: {} })
]

test('a shared filter pins both sides; a per-side filter replaces it on that side only', () => {
  const f: SideFilters = { shared: { kernel: ['6.14'] }, a: { kernel: ['6.15'] }, b: {} }
  assert.deepEqual(effectiveFilter(f, 'a'), { kernel: ['6.15'] })
  assert.deepEqual(effectiveFilter(f, 'b'), { kernel: ['6.14'] })
  assert.deepEqual(slicedDimensions(f), ['kernel'])
  assert.ok(!pairingDimensions(f).includes('kernel'))
  assert.ok(pairingDimensions(f).includes('project-commit'))
  assert.deepEqual(
    selectSide(pool, f, 'a').map((s) => s.kernel),
    ['6.15', '6.15']
  )
})

test('values within a dimension are ORed, dimensions ANDed', () => {
  const f: SideFilters = {
    shared: { scheduler: ['scx_rusty', 'scx_lavd'] },
    a: { 'project-commit': ['bbbbbbb'] },
    b: {}
  }
  assert.equal(selectSide(pool, f, 'a').length, 2)
  assert.equal(selectSide(pool, f, 'b').length, 4)
})

test('same filters on both sides is a usage error; set order does not slice', () => {
  assert.throws(() => assertSliced({ shared: { kernel: ['6.14'] }, a: {}, b: {} }), UsageError)
  const f: SideFilters = { shared: {}, a: { kernel: ['6.14', '6.15'] }, b: { kernel: ['6.15', '6.14'] } }
  assert.deepEqual(slicedDimensions(f), [])
})

test('-E matches a substring of test/topology/scheduler/work_type', () => {
  const f: SideFilters = {
    shared: {},
    a: { 'project-commit': ['aaaaaaa'] },
    b: { 'project-commit': ['bbbbbbb'] },
    substring: 'lavd'
  }
  assert.deepEqual(
    selectSide(pool, f, 'b').map((s) => s.testName),
    ['wake_perf']
  )
  assert.equal(selectSide(pool, f, 'a').length, 0)
})

test('list-values counts sidecars per value; describeFilter is readable', () => {
  const v = listValues(pool)
  assert.deepEqual(v.kernel, [
    { value: '6.14', sidecars: 2 },
    { value: '6.15', sidecars: 2 }
  ])
  assert.deepEqual(v['kernel-commit'], [{ value: 'unknown', sidecars: 4 }])
  assert.equal(
    describeFilter({ kernel: ['6.14', '6.15'], 'project-commit': ['abc1234'] }),
    'kernel=6.14|6.15, project-commit=abc1234'
  )
  assert.equal(describeFilter({}), 'all sidecars')
})
