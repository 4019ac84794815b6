import assert from 'node:assert/strict'
import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { runAttempt, type Attempt } from '../src/runner.js'
import { DEFAULT_INFRA_PATTERNS, infraReason, interleave } from '../src/produce.js'

const dir = mkdtempSync(join(tmpdir(), 'agent-runner-'))

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
}

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
    // sh ignores SIGTERM from its first instruction, so only the SIGKILL after the grace can end it.
    const argv = ['sh', '-c', 'trap "" TERM; sleep 1000 & echo grandchild $!; wait; wait']
    const a = await runAttempt({ ...base, argv, timeoutMs: 300, signal: new AbortController().signal })
    assert.equal(a.timedOut, true)
    assert.equal(a.signal, 'SIGKILL', 'the leader ignored SIGTERM, so the grace ran out')
    const pid = Number(/grandchild (\d+)/.exec(a.tail)![1])
    await new Promise((r) => setTimeout(r, 100))
    assert.equal(alive(pid), false)
  })

  it('an abort stops the run and marks it cancelled', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort('SIGTERM'), 200)
    const a = await runAttempt({
      ...base,
      argv: [process.execPath, '-e', LINGER],
      timeoutMs: 60_000,
      signal: ac.signal
    })
    assert.equal(a.cancelled, true)
    assert.equal(a.timedOut, false)
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

describe('classification and order', () => {
  const attempt = (over: Partial<Attempt>): Attempt => ({
    code: 0,
    signal: null,
    timedOut: false,
    cancelled: false,
    spawnError: null,
    tail: '',
    startedAt: new Date(0),
    endedAt: new Date(0),
    ...over
  })

  it('infrastructure: boot failure text, timeout, killed by a signal, unusable sidecar; not: a failed test', () => {
    const p = DEFAULT_INFRA_PATTERNS
    assert.match(
      infraReason(
        attempt({ code: 1, tail: 'x\nError: VM boot failed: guest did not reach init\n' }),
        [],
        p,
        5
      )!,
      /VM boot failed: guest/
    )
    assert.match(
      infraReason(attempt({ timedOut: true, code: null, signal: 'SIGKILL' }), [], p, 5)!,
      /--run-timeout 5 s/
    )
    assert.match(infraReason(attempt({ code: null, signal: 'SIGSEGV' }), [], p, 5)!, /killed by SIGSEGV/)
    assert.match(infraReason(attempt({}), ['a.ktstr.json: $: not valid JSON'], p, 5)!, /unusable sidecar/)
    assert.equal(infraReason(attempt({ code: 100, tail: 'FAIL [ 1.0s] ktstr/sched_x' }), [], p, 5), null)
    assert.equal(infraReason(attempt({ code: 0 }), [], p, 5), null)
  })

  it('interleaves A, B, A, B … with the longer side’s leftovers last', () => {
    assert.deepEqual(interleave(['a1', 'a2', 'a3'], ['b1']), ['a1', 'b1', 'a2', 'a3'])
    assert.deepEqual(interleave([], ['b1', 'b2']), ['b1', 'b2'])
    assert.deepEqual(interleave(['a1', 'a2'], ['b1', 'b2']), ['a1', 'b1', 'a2', 'b2'])
  })
})
