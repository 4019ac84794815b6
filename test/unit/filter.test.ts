import assert from 'node:assert/strict'
import { test } from 'node:test'
import { UsageError } from '../../src/core/errors.js'
import {
  assertDisjoint,
  assertSliced,
  describeFilter,
  editDistance,
  effectiveFilter,
  explainEmpty,
  nearestSubstring,
  nearestValue,
  substringDistance,
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

test('nearest value: a prefix either way, the -dirty form, else a few edits, else none', () => {
  assert.equal(nearestValue('abc1234def', ['abc1234', 'fff0000']), 'abc1234')
  assert.equal(nearestValue('6.15', ['6.14.2', '6.15.0']), '6.15.0')
  assert.equal(nearestValue('abc1234', ['abc1234-dirty', 'abd1234']), 'abc1234-dirty')
  assert.equal(nearestValue('5d6e7f9', ['1a2b3c4', '5d6e7f8']), '5d6e7f8')
  assert.equal(nearestValue('scx_rusty', ['scx_lavd', 'scx_demo']), null)
  assert.equal(editDistance('kitten', 'sitting'), 3)
  assert.equal(substringDistance('storm', 'wake_storm_perf'), 0)
  assert.equal(substringDistance('strom', 'wake_storm_perf'), 2)
  assert.equal(nearestSubstring('wake_strom', ['cgroup_mixed_perf', 'wake_storm_perf']), 'wake_storm_perf')
})

test('explainEmpty names the cause: empty pool, a typed value not in the pool, a git commit not produced, a combination', () => {
  const f = (b: SideFilters['b'], shared: SideFilters['shared'] = {}, substring?: string): SideFilters => ({
    shared,
    a: { 'project-commit': ['aaaaaaa'] },
    b,
    ...(substring ? { substring } : {})
  })
  assert.equal(
    explainEmpty([], f({ 'project-commit': ['bbbbbbb'] }), { side: 'b', fromGit: [] }).cause,
    'no-sidecars'
  )
  const typo = explainEmpty(pool, f({ 'project-commit': ['bbbbbbc'] }), { side: 'b', fromGit: [] })
  assert.equal(typo.cause, 'typo')
  assert.match(
    typo.line,
    /aaaaaaa \(2\), bbbbbbb \(2\); did you mean bbbbbbb\? — likely a typo in --b-project-commit$/
  )
  const git = explainEmpty(pool, f({ 'project-commit': ['ccccccc'] }), {
    side: 'b',
    fromGit: ['project-commit']
  })
  assert.equal(git.cause, 'not-produced')
  const combo = explainEmpty(pool, f({ 'project-commit': ['aaaaaaa'] }, { scheduler: ['scx_lavd'] }), {
    side: 'b',
    fromGit: []
  })
  assert.equal(combo.cause, 'no-combination')
  assert.match(combo.line, /no sidecar has them all/)
  const shared = explainEmpty(pool, f({ 'project-commit': ['bbbbbbb'] }, { kernel: ['6.16'] }), {
    side: 'b',
    fromGit: []
  })
  assert.match(shared.line, /typo in --kernel$/)
})

test('assertDisjoint: sides sharing a sidecar are a usage error naming the overlap', () => {
  const f: SideFilters = { shared: {}, a: {}, b: { 'project-commit': ['bbbbbbb'] } }
  assert.throws(
    () => assertDisjoint(selectSide(pool, f, 'a'), selectSide(pool, f, 'b'), f),
    (e: Error) =>
      e instanceof UsageError &&
      /share 2 sidecar\(s\) \(project-commit bbbbbbb \(2\)\)/.test(e.message) &&
      /give side A its own --a-project-commit \(the pool's other project-commit values: aaaaaaa \(2\)\)/.test(
        e.message
      )
  )
  const ok: SideFilters = {
    shared: {},
    a: { 'project-commit': ['aaaaaaa'] },
    b: { 'project-commit': ['bbbbbbb'] }
  }
  assertDisjoint(selectSide(pool, ok, 'a'), selectSide(pool, ok, 'b'), ok)
})
