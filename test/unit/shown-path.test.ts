import assert from 'node:assert/strict'
import { test } from 'node:test'
import { shownPath } from '../../src/pool/compare-pool.js'

test('reports name the pool relative to the work tree, never by the runner’s absolute path', () => {
  assert.equal(
    shownPath('/home/runner/work/scx/scx', '/home/runner/work/scx/scx/target/ktstr'),
    'target/ktstr'
  )
  assert.equal(shownPath('/home/runner/work/scx/scx', '/home/runner/work/scx/scx'), '.')
  // Outside the work tree there is nothing shorter to say.
  assert.equal(shownPath('/home/runner/work/scx/scx', '/tmp/pool'), '/tmp/pool')
  assert.equal(shownPath('/w', '/w2/pool'), '/w2/pool')
})
