import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { AgentError, Cancelled } from './errors.js'

/**
 * The exclusive host lock: a kernel `flock(2)` on a lock file, held by a small helper
 * (`flock FILE sh -c 'echo locked; exec cat'`) whose stdin is a pipe from this process.
 * When the agent exits — normally, by a signal, or by SIGKILL — the pipe closes, `cat`
 * sees EOF and exits, and the kernel drops the lock. No pid files, no stale-lock guessing.
 * The helper runs in its own process group so a terminal's Ctrl-C reaches only the agent,
 * which releases the lock after its cleanup.
 */

/** Default lock file: one per host, shared by every user running the agent. */
export function defaultLockFile(): string {
  return process.env.KTSTR_AGENT_LOCK_FILE || join(tmpdir(), 'ktstr-agent.lock')
}

/** What the holder writes beside the lock, for the messages of those who wait. */
export interface LockOwner {
  pid: number
  since: string
  what: string
}

export interface HostLock {
  file: string
  release(): Promise<void>
}

const CONFLICT_EXIT = 75 // flock -E: the lock was busy (-n) or the wait timed out (-w)

function ownerFile(file: string): string {
  return `${file}.owner.json`
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(ownerFile(file), 'utf8')) as LockOwner
  } catch {
    return null
  }
}

/**
 * Takes the host lock. Waits (saying so once through `onWait`) while another agent holds it;
 * `timeoutSec` 0 fails at once, undefined waits without limit. Rejects with Cancelled when
 * `signal` aborts while waiting.
 */
export async function acquireHostLock(opts: {
  file: string
  what: string
  timeoutSec?: number
  onWait?: (msg: string) => void
  signal?: AbortSignal
}): Promise<HostLock> {
  const { file } = opts
  // flock creates the file but not its directory (it would fail with "exited 66").
  await mkdir(dirname(file), { recursive: true })
  const wait =
    opts.timeoutSec === undefined ? [] : opts.timeoutSec <= 0 ? ['-n'] : ['-w', String(opts.timeoutSec)]
  const child = spawn(
    'flock',
    ['-x', '-E', String(CONFLICT_EXIT), ...wait, file, 'sh', '-c', 'echo locked; exec cat'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true
    }
  )
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d))

  const acquired = await new Promise<boolean>((resolve, reject) => {
    let settled = false
    const done = (fn: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(waitTimer)
      opts.signal?.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL') // flock and, if it just got the lock, its sh/cat
      } catch {
        child.kill('SIGKILL')
      }
      done(() => reject(new Cancelled((opts.signal?.reason as NodeJS.Signals) ?? 'SIGTERM')))
    }
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (d.includes('locked')) done(() => resolve(true))
    })
    child.on('error', (e) =>
      done(() =>
        reject(
          new AgentError(
            `cannot take the host lock: flock(1) is not available (${(e as NodeJS.ErrnoException).code}); install util-linux`
          )
        )
      )
    )
    child.on('exit', (code) => {
      if (code === CONFLICT_EXIT) done(() => resolve(false))
      else
        done(() =>
          reject(new AgentError(`cannot take the host lock ${file}: flock exited ${code}: ${stderr.trim()}`))
        )
    })
    const waitTimer = setTimeout(() => {
      void readOwner(file).then((o) => {
        if (settled) return
        const who = o ? `pid ${o.pid} (${o.what}) since ${o.since}` : 'another process'
        const limit =
          opts.timeoutSec === undefined ? 'without limit' : `up to ${opts.timeoutSec} s (--lock-timeout)`
        opts.onWait?.(`waiting for the host lock ${file}, held by ${who}; waiting ${limit}`)
      })
    }, 150)
    if (opts.signal?.aborted) onAbort()
    else opts.signal?.addEventListener('abort', onAbort)
  })

  if (!acquired) {
    const o = await readOwner(file)
    const who = o ? `pid ${o.pid} (${o.what}) since ${o.since}` : 'another process'
    throw new AgentError(
      `the host lock ${file} is held by ${who}; gave up after --lock-timeout ${opts.timeoutSec ?? 0} s — another perf job runs on this host; retry later or raise --lock-timeout`
    )
  }
  const owner: LockOwner = { pid: process.pid, since: new Date().toISOString(), what: opts.what }
  await writeFile(ownerFile(file), JSON.stringify(owner) + '\n').catch(() => undefined)
  return { file, release: () => release(child, file) }
}

async function release(child: ChildProcess, file: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const o = await readOwner(file)
  if (o?.pid === process.pid) await rm(ownerFile(file), { force: true })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.stdin!.end()
  await exited
}
