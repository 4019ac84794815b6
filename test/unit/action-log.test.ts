import assert from 'node:assert/strict'
import { test } from 'node:test'
import { coreLog } from '../../src/action/log.js'

/** Captures what @actions/core writes to stdout while `fn` runs. */
async function capture(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split(/\r?\n/).filter(Boolean))
    return true
  }) as typeof process.stdout.write
  try {
    await fn()
  } finally {
    process.stdout.write = write
  }
  return lines
}

test('inert output is fenced by stop-commands with a fresh token, even when it throws', async () => {
  const hostile = '::error title=forged::this test name is not an annotation'
  const lines = await capture(() => coreLog.inert(() => coreLog.info(hostile)))
  const start = /^::stop-commands::([0-9a-f-]{36})$/.exec(lines[0]!)
  assert.ok(start, lines[0])
  assert.equal(lines[1], hostile)
  assert.equal(lines[2], `::${start[1]}::`)

  const again = await capture(() => coreLog.inert(() => coreLog.info('x')))
  assert.notEqual(again[0], lines[0], 'a new token each time')

  const failing = await capture(async () => {
    await assert.rejects(
      coreLog.inert(() => {
        throw new Error('boom')
      }),
      /boom/
    )
  })
  assert.match(failing.at(-1)!, /^::[0-9a-f-]{36}::$/, 'commands are switched back on')
})
