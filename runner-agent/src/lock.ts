import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { mkdir, readdir, readFile, readlink, realpath, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { AgentError, Cancelled } from './errors.js'
import { pidAlive } from './proc.js'

/**
 * The exclusive host lock: a kernel `flock(2)` on an open file description of the lock file
 * that this process owns. `flock(1)` takes the lock on that description (passed to it as fd 3)
 * and exits; the lock then lives as long as any descriptor of it is open. Every run gets the
 * description as an inherited fd, so:
 * - when the agent exits — normally, by a signal, or by SIGKILL — and no run is left, the
 *   kernel drops the lock at once (no pid files, no stale-lock guessing);
 * - when a run outlives a SIGKILLed agent (a hung `cargo ktstr` and its VM), the lock stays
 *   held until that run is gone, so no second produce runs beside it or deletes its worktree.
 *   The next taker finds the dead agent's run process group in the owner record, checks that
 *   the group really holds this lock file open (/proc), stops it (SIGTERM, SIGKILL after the
 *   grace) and then gets the lock.
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
  /** Process group of the run in flight (it holds the lock too), or null between runs. */
  runGroup?: number | null
}

export interface HostLock {
  file: string
  /** The locked file description: pass it to a run (extra stdio fd) so the lock outlives us while the run does. */
  fd: number
  /** Records the process group of the run in flight (null when it ended) for a later taker. */
  setRunGroup(pgid: number | null): Promise<void>
  release(): Promise<void>
}

const CONFLICT_EXIT = 75 // flock -E: the lock was busy (-n) or the wait timed out (-w)
const ORPHAN_POLL_MS = 250

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

/** Replaces the owner record atomically, so a reader never sees half of it. */
async function writeOwner(file: string, owner: LockOwner): Promise<void> {
  const tmp = `${ownerFile(file)}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(owner) + '\n')
  await rename(tmp, ownerFile(file))
}

/**
 * Pids of processes in process group `pgid` that have `file` open (read from /proc; processes
 * of other users are invisible, and could not be stopped anyway).
 */
export async function groupHoldingFile(pgid: number, file: string): Promise<number[]> {
  const target = await realpath(file).catch(() => file)
  const out: number[] = []
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => null)
    // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (!fields || Number(fields[2]) !== pgid) continue
    for (const fd of await readdir(`/proc/${name}/fd`).catch(() => [] as string[]))
      if ((await readlink(`/proc/${name}/fd/${fd}`).catch(() => '')) === target) {
        out.push(Number(name))
        break
      }
  }
  return out
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    // ESRCH: the group is gone.
  }
}

/**
 * Stops the run a killed agent left holding the lock: only when the recorded owner is dead and
 * its recorded run group still has the lock file open. Returns what it did, or null.
 */
async function stopOrphan(file: string, graceMs: number, stopped: Set<number>): Promise<string | null> {
  const o = await readOwner(file)
  if (!o || !o.runGroup || stopped.has(o.runGroup) || pidAlive(o.pid)) return null
  const pids = await groupHoldingFile(o.runGroup, file)
  if (pids.length === 0) return null
  const pgid = o.runGroup
  stopped.add(pgid)
  killGroup(pgid, 'SIGTERM')
  setTimeout(() => killGroup(pgid, 'SIGKILL'), graceMs).unref()
  return `the host lock ${file} is still held by run process group ${pgid} (pid ${pids.join(', ')}) of a killed agent (pid ${o.pid}, ${o.what}, since ${o.since}); stopping it (SIGTERM, SIGKILL after ${graceMs / 1000} s)`
}

/**
 * Takes the host lock. Waits (saying so once through `onWait`) while another agent holds it;
 * `timeoutSec` 0 fails at once, undefined waits without limit. A run left by a killed agent is
 * stopped first (see above). Rejects with Cancelled when `signal` aborts while waiting.
 */
export async function acquireHostLock(opts: {
  file: string
  what: string
  timeoutSec?: number
  onWait?: (msg: string) => void
  signal?: AbortSignal
  /** Grace between SIGTERM and SIGKILL of an orphaned run (default 5 s). */
  orphanGraceMs?: number
}): Promise<HostLock> {
  const { file } = opts
  const grace = opts.orphanGraceMs ?? 5000
  await mkdir(dirname(file), { recursive: true })
  const stopped = new Set<number>()
  // Before trying: a dead agent's run is stopped even when we would not wait (timeout 0).
  const first = await stopOrphan(file, grace, stopped)
  if (first) {
    opts.onWait?.(first)
    const gone = await waitOrphanGone(file, [...stopped][0]!, grace + 10_000, opts.signal)
    if (!gone && opts.signal?.aborted)
      throw new Cancelled((opts.signal.reason as NodeJS.Signals) ?? 'SIGTERM')
  }
  let fd: number
  try {
    fd = openSync(file, 'a')
  } catch (e) {
    throw new AgentError(`cannot open the host lock ${file}: ${(e as Error).message}`)
  }
  try {
    await flockFd(fd, file, opts, grace, stopped)
  } catch (e) {
    closeSync(fd)
    throw e
  }
  const owner: LockOwner = {
    pid: process.pid,
    since: new Date().toISOString(),
    what: opts.what,
    runGroup: null
  }
  await writeOwner(file, owner).catch(() => undefined)
  let writes = Promise.resolve()
  let released = false
  return {
    file,
    fd,
    setRunGroup(pgid) {
      // Serialized, so the last call's record is the one on disk.
      writes = writes.then(() => writeOwner(file, { ...owner, runGroup: pgid }).catch(() => undefined))
      return writes
    },
    async release() {
      if (released) return
      released = true
      await writes
      const o = await readOwner(file)
      if (o?.pid === process.pid) await rm(ownerFile(file), { force: true })
      closeSync(fd)
    }
  }
}

async function waitOrphanGone(
  file: string,
  pgid: number,
  timeoutMs: number,
  signal?: AbortSignal
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !signal?.aborted) {
    if ((await groupHoldingFile(pgid, file)).length === 0) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return false
}

/** Runs `flock -x 3` on our descriptor; resolves once it holds, rejects on timeout, abort or error. */
async function flockFd(
  fd: number,
  file: string,
  opts: { timeoutSec?: number; onWait?: (msg: string) => void; signal?: AbortSignal },
  grace: number,
  stopped: Set<number>
): Promise<void> {
  const wait =
    opts.timeoutSec === undefined ? [] : opts.timeoutSec <= 0 ? ['-n'] : ['-w', String(opts.timeoutSec)]
  const child = spawn('flock', ['-x', '-E', String(CONFLICT_EXIT), ...wait, '3'], {
    stdio: ['ignore', 'ignore', 'pipe', fd],
    detached: true
  })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d))

  const acquired = await new Promise<boolean>((resolve, reject) => {
    let settled = false
    let said = false
    const done = (fn: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(waitTimer)
      clearInterval(orphanTimer)
      opts.signal?.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = (): void => {
      child.kill('SIGKILL')
      done(() => reject(new Cancelled((opts.signal?.reason as NodeJS.Signals) ?? 'SIGTERM')))
    }
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
      if (code === 0) done(() => resolve(true))
      else if (code === CONFLICT_EXIT) done(() => resolve(false))
      else
        done(() =>
          reject(new AgentError(`cannot take the host lock ${file}: flock exited ${code}: ${stderr.trim()}`))
        )
    })
    const waitTimer = setTimeout(() => {
      void readOwner(file).then((o) => {
        if (settled || said) return
        said = true
        const who = o ? `pid ${o.pid} (${o.what}) since ${o.since}` : 'another process'
        const limit =
          opts.timeoutSec === undefined ? 'without limit' : `up to ${opts.timeoutSec} s (--lock-timeout)`
        opts.onWait?.(`waiting for the host lock ${file}, held by ${who}; waiting ${limit}`)
      })
    }, 150)
    // While we wait, the holder may be SIGKILLed and leave its run behind: stop that run.
    let checking = false
    const orphanTimer = setInterval(() => {
      if (checking || settled) return
      checking = true
      void stopOrphan(file, grace, stopped)
        .then((msg) => {
          if (msg && !settled) opts.onWait?.(msg)
        })
        .finally(() => (checking = false))
    }, ORPHAN_POLL_MS)
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
}
