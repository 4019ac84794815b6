import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { duration, lastLines, timeLeft } from '../src/produce.js'

describe('progress lines of produce', () => {
  it('estimates the time left from the runs finished so far (the run about to start included)', () => {
    assert.equal(timeLeft([], 10), '')
    assert.equal(timeLeft([60_000, 120_000], 8), '; ~12 min left (mean 2 min per run)')
    assert.equal(timeLeft([4_000], 1), '; ~4.0 s left (mean 4.0 s per run)')
    assert.equal(timeLeft([30 * 60_000], 3), '; ~1 h 30 min left (mean 30 min per run)')
  })

  it('formats durations for a log line', () => {
    assert.equal(duration(4_200), '4.2 s')
    assert.equal(duration(37_400), '37 s')
    assert.equal(duration(6 * 60_000 + 20_000), '6 min')
    assert.equal(duration(80 * 60_000), '1 h 20 min')
  })

  it('keeps the last lines of a run’s output, without colours, carriage returns or blank lines', () => {
    const out = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join('\n') + '\n\n'
    const last = lastLines(out, 40)
    assert.equal(last.length, 40)
    assert.equal(last[0], 'line 21')
    assert.equal(last.at(-1), 'line 60')
    assert.deepEqual(
      lastLines('\u001b[31merror\u001b[0m: boom\r\nprogress 10%\rprogress 100%\n\u0007bell\n', 40),
      ['error: boom', 'progress 10%', 'progress 100%', 'bell']
    )
    assert.deepEqual(lastLines('', 40), [])
  })
})
