import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { runAttempt, type Attempt } from '../src/runner.js'
import { interleave } from '../src/produce.js'
import { waitForExit } from '../../test/helpers/wait.js'

const dir = mkdtempSync(join(tmpdir(), 'agent-runner-'))

// A leader that starts a grandchild (same process group), prints its pid, and then lingers.
const LINGER = `const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(()=>{},1e9)'], { stdio: 'ignore' }); console.log('grandchild', c.pid); process.on('SIGTERM', () => {}); setInterval(() => {}, 1e9)`

const base = { cwd: dir, env: process.env, graceMs: 100 }

describe('runAttempt (one run in its own process group)', () => {
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('reports the exit status and output tail', async () => {
    const a = await runAttempt({
      ...base,
      argv: [process.execPath, '-e', 'console.error("boom"); process.exit(7)'],
      timeoutMs: 10_000,
      signal: new AbortController().signal
    })
    assert.equal(a.code, 7)
    assert.equal(a.timedOut, false)
    assert.match(a.tail, /boom/)
  })

  it('a timeout SIGTERMs the group, SIGKILLs after the grace, and leaves no grandchild', async () => {
    // sh ignores SIGTERM once its trap is set, so only the SIGKILL after the grace can end it. On a
    // loaded host the timeout can fire before sh even gets there (no "grandchild" line yet): that
    // attempt proves nothing, so it is repeated with a longer timeout.
    const argv = ['sh', '-c', 'trap "" TERM; sleep 1000 & echo grandchild $!; wait; wait']
    let a: Attempt | undefined
    for (let timeoutMs = 300; timeoutMs <= 20_000; timeoutMs *= 2) {
      a = await runAttempt({ ...base, argv, timeoutMs, signal: new AbortController().signal })
      if (/grandchild \d+/.test(a.tail)) break
    }
    assert.ok(a && /grandchild \d+/.test(a.tail), `sh never reached its trap: ${a?.tail}`)
    assert.equal(a.timedOut, true)
    assert.equal(a.signal, 'SIGKILL', 'the leader ignored SIGTERM, so the grace ran out')
    const pid = Number(/grandchild (\d+)/.exec(a.tail)![1])
    await waitForExit([pid], 'the grandchild to be killed with its group')
  })

  it('an abort stops the run and marks it cancelled', async () => {
    const ac = new AbortController()
    // Abort a run in flight: once the leader has started its grandchild, not at a guessed moment.
    const a = await runAttempt({
      ...base,
      argv: [process.execPath, '-e', LINGER],
      timeoutMs: 60_000,
      signal: ac.signal,
      onOutput: (d) => {
        if (d.includes('grandchild')) ac.abort('SIGTERM')
      }
    })
    assert.equal(a.cancelled, true)
    assert.equal(a.timedOut, false)
    const pid = Number(/grandchild (\d+)/.exec(a.tail)![1])
    await waitForExit([pid], 'the grandchild to be killed with its group')
  })

  it('a missing program is a spawn error, not a crash', async () => {
    const a = await runAttempt({
      ...base,
      argv: ['/nonexistent/cargo'],
      timeoutMs: 1000,
      signal: new AbortController().signal
    })
    assert.match(a.spawnError ?? '', /ENOENT/)
  })
})

describe('order', () => {
  it('interleaves A, B, A, B … with the longer side’s leftovers last', () => {
    assert.deepEqual(interleave(['a1', 'a2', 'a3'], ['b1']), ['a1', 'b1', 'a2', 'a3'])
    assert.deepEqual(interleave([], ['b1', 'b2']), ['b1', 'b2'])
    assert.deepEqual(interleave(['a1', 'a2'], ['b1', 'b2']), ['a1', 'b1', 'a2', 'b2'])
  })
})
