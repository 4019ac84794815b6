import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { clipWidth, displayWidth, wrapWords } from '../../src/report/width.js'

describe('clipWidth', () => {
  it('keeps text that fits, and cuts wider text to the width with … (by display columns)', () => {
    assert.equal(clipWidth('worst_spread', 12), 'worst_spread')
    assert.equal(clipWidth('worst_spread', 8), 'worst_s…')
    const cut = clipWidth('名前テスト', 6)
    assert.equal(cut, '名前…')
    assert.ok(displayWidth(cut) <= 6)
  })
})

describe('wrapWords', () => {
  it('breaks at spaces within the width, with a hanging indent; a long word stays whole', () => {
    assert.deepEqual(wrapWords('one two three four', 9, '  '), ['one two', '  three', '  four'])
    assert.deepEqual(wrapWords('a verylongwordindeed b', 6), ['a', 'verylongwordindeed', 'b'])
    assert.deepEqual(wrapWords('', 10), [''])
    for (const line of wrapWords('Worst per-cgroup CPU-time spread across workers', 20))
      assert.ok(displayWidth(line) <= 20, line)
  })
})
