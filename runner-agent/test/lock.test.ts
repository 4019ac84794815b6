import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, describe, it } from 'node:test'
import { acquireHostLock } from '../src/lock.js'
import { AgentError, Cancelled } from '../src/errors.js'
import { waitFor, waitUntil } from '../../test/helpers/wait.js'
import { isAlive } from '../../test/helpers/fixture-repo.js'

const dir = mkdtempSync(join(tmpdir(), 'agent-lock-'))
const LOCK_TS = fileURLToPath(new URL('../src/lock.ts', import.meta.url))

describe('host lock (flock on a file description we own, inherited by runs)', () => {
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('is exclusive: a second taker with timeout 0 fails naming the holder; after release it succeeds', async () => {
    const file = join(dir, 'a.lock')
    const held = await acquireHostLock({ file, what: 'produce test-a' })
    await assert.rejects(acquireHostLock({ file, what: 'second', timeoutSec: 0 }), (e: unknown) => {
      assert.ok(e instanceof AgentError)
      assert.match(e.message, new RegExp(`held by pid ${process.pid} \\(produce test-a\\)`))
      return true
    })
    await held.release()
    const again = await acquireHostLock({ file, what: 'third', timeoutSec: 0 })
    await again.release()
  })

  it('a waiter says it waits, then gets the lock when the holder releases', async () => {
    const file = join(dir, 'b.lock')
    const held = await acquireHostLock({ file, what: 'holder' })
    const messages: string[] = []
    const waiting = acquireHostLock({ file, what: 'waiter', onWait: (m) => messages.push(m) })
    await waitFor(() => messages.length > 0, { what: 'the waiter to say it waits', observe: () => messages })
    assert.equal(messages.length, 1, 'said once')
    assert.match(messages[0]!, /waiting for the host lock .* held by pid \d+ \(holder\).*without limit/)
    await held.release()
    const got = await waiting
    await got.release()
  })

  it('a timed wait gives up; an abort while waiting rejects with Cancelled', async () => {
    const file = join(dir, 'c.lock')
    const held = await acquireHostLock({ file, what: 'holder' })
    await assert.rejects(
      acquireHostLock({ file, what: 'w', timeoutSec: 0.3 }),
      /gave up after --lock-timeout 0.3 s/
    )
    const ac = new AbortController()
    let waiting = false
    const p = acquireHostLock({ file, what: 'w', signal: ac.signal, onWait: () => (waiting = true) })
    await waitFor(() => waiting, { what: 'the second taker to be waiting' })
    ac.abort('SIGINT')
    await assert.rejects(p, (e: unknown) => e instanceof Cancelled && e.signal === 'SIGINT')
    await held.release()
  })

  it('dies with its process: a holder killed with SIGKILL leaves the lock free', async () => {
    const file = join(dir, 'd.lock')
    const code = `import { acquireHostLock } from ${JSON.stringify(LOCK_TS)}; await acquireHostLock({ file: ${JSON.stringify(file)}, what: 'doomed' }); console.log('held'); setInterval(() => {}, 1 << 30)`
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    await new Promise<void>((r) =>
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && r())
    )
    await assert.rejects(acquireHostLock({ file, what: 'probe', timeoutSec: 0 }), /held by pid/)
    child.kill('SIGKILL')
    await new Promise((r) => child.on('exit', r))
    // The kernel drops the lock when the dead holder's descriptors close: soon, not necessarily at once.
    const got = await waitUntil(() => acquireHostLock({ file, what: 'after', timeoutSec: 0 }), {
      what: `the lock ${file} to be free after its holder was SIGKILLed`
    })
    await got.release()
  })

  it('a run that inherited the lock keeps it after its agent is SIGKILLed; the next taker stops that run group, then gets the lock', async () => {
    const file = join(dir, 'e.lock')
    const RUNNER_TS = fileURLToPath(new URL('../src/runner.ts', import.meta.url))
    // An "agent" that takes the lock and starts a run that hangs, handing it the lock's fd.
    const code = `import { acquireHostLock } from ${JSON.stringify(LOCK_TS)}; import { runAttempt } from ${JSON.stringify(RUNNER_TS)};
const lock = await acquireHostLock({ file: ${JSON.stringify(file)}, what: 'doomed produce' });
void runAttempt({ argv: [process.execPath, '-e', 'console.log(process.pid); setInterval(() => {}, 1 << 30)'], cwd: '/', env: process.env, timeoutMs: 1e9, graceMs: 100, signal: new AbortController().signal, inheritFds: [lock.fd], onSpawn: (g) => void lock.setRunGroup(g).then(() => console.log('run ' + g)), onOutput: (d) => console.log('out ' + d.trim()) });
setInterval(() => {}, 1 << 30)`
    const agent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    let text = ''
    agent.stdout!.setEncoding('utf8').on('data', (d: string) => (text += d))
    const pgid = Number(
      (await waitUntil(() => /run (\d+)[\s\S]*out \d+/.exec(text), { what: 'the run to start' }))[1]
    )
    agent.kill('SIGKILL')
    await new Promise((r) => agent.on('exit', r))
    assert.ok(isAlive(pgid), 'the run outlived its agent')
    const messages: string[] = []
    const got = await acquireHostLock({
      file,
      what: 'next',
      timeoutSec: 0,
      orphanGraceMs: 200,
      onWait: (m) => messages.push(m)
    })
    assert.match(
      messages.join('\n'),
      new RegExp(`still held by run process group ${pgid} .*killed agent \\(pid ${agent.pid}, doomed produce`)
    )
    assert.equal(isAlive(pgid), false, 'the orphaned run is gone once the lock is ours')
    await got.release()
  })
})
