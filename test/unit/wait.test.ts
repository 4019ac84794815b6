import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { describe, it } from 'node:test'
import { waitFor, waitForExit, waitUntil } from '../helpers/wait.js'
import { waitFor as harnessWaitFor } from '../stand-in/harness.js'

describe('waitFor / waitUntil (deadline polling for tests)', () => {
  it('returns as soon as a sync or async condition holds, with its value', async () => {
    let n = 0
    assert.equal(await waitUntil(() => (++n >= 3 ? `after ${n}` : null), { intervalMs: 1 }), 'after 3')
    let m = 0
    assert.equal(await waitUntil(async () => ++m >= 2 && m, { intervalMs: 1 }), 2)
  })

  it('a condition that throws is "not yet"', async () => {
    let n = 0
    const v = await waitUntil(
      () => {
        if (++n < 3) throw new Error('busy')
        return 'ok'
      },
      { intervalMs: 1 }
    )
    assert.equal(v, 'ok')
  })

  it('on timeout names what was awaited and the last value observed', async () => {
    await assert.rejects(
      waitFor(() => false, { what: 'the lock to be free', timeoutMs: 30, observe: () => ({ holder: 42 }) }),
      /timed out after 30 ms \(\d+ polls\) waiting for the lock to be free; last observed \{ holder: 42 \}/
    )
    await assert.rejects(
      waitFor(() => 0, 30, 'a count'),
      /waiting for a count; last observed 0/
    )
    await assert.rejects(
      waitUntil(
        () => {
          throw new Error('EBUSY held by pid 7')
        },
        { what: 'x', timeoutMs: 30 }
      ),
      /waiting for x; the condition threw EBUSY held by pid 7/
    )
  })

  it('the stand-in harness re-exports the same helper', () => {
    assert.equal(harnessWaitFor, waitFor)
  })

  it('waitForExit waits for a process that exits later', async () => {
    const child = spawn(process.execPath, ['-e', 'process.stdin.resume()'], {
      stdio: ['pipe', 'ignore', 'ignore']
    })
    const exited = new Promise((r) => child.on('exit', r))
    await assert.rejects(
      waitForExit([child.pid!], 'the child', 30),
      /waiting for the child; last observed 'still alive: \d+'/
    )
    child.stdin!.end()
    await waitForExit([child.pid!], 'the child')
    await exited
  })
})
