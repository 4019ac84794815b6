import { spawn } from 'node:child_process'
import { childEnv } from '../../src/core/child-env.js'

/** How one attempt of `cargo ktstr test` ended. */
export interface Attempt {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  cancelled: boolean
  /** The program could not be started. */
  spawnError: string | null
  /** The last 64 kB of stderr and stdout together, for classification and messages. */
  tail: string
  startedAt: Date
  endedAt: Date
}

const TAIL_BYTES = 64 * 1024

/** Process groups of runs in flight, so a forced exit can still kill them. */
const active = new Set<number>()

/** SIGKILLs every run group still in flight (for a second SIGTERM/SIGINT, which exits at once). */
export function killActiveGroups(): void {
  for (const pgid of active) killGroup(pgid, 'SIGKILL')
}

/** Sends a signal to a whole process group; a group that is already gone is fine. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/**
 * Runs one command in its own process group (detached) so a timeout or a cancel can stop
 * it and everything it started (VMs, helpers): SIGTERM to the group, SIGKILL after the grace.
 * After the leader exits the group is SIGKILLed too, so no straggler outlives the run.
 * Output is forwarded line-wise to `onOutput`. The command gets only the allow-listed part of
 * `env` (core/child-env.ts): it builds and runs the code under test. Never throws.
 */
export function runAttempt(opts: {
  argv: readonly string[]
  cwd: string
  env: NodeJS.ProcessEnv
  timeoutMs: number
  graceMs: number
  signal: AbortSignal
  onOutput?: (chunk: string) => void
  /**
   * Descriptors the run inherits as fd 3, 4, …: the host lock's, so the lock stays held for as
   * long as anything of the run lives, even after the agent was SIGKILLed.
   */
  inheritFds?: readonly number[]
  /** Called with the run's process group once it started. */
  onSpawn?: (pgid: number) => void
}): Promise<Attempt> {
  const startedAt = new Date()
  const [cmd, ...args] = opts.argv
  return new Promise((resolve) => {
    let tail = ''
    let timedOut = false
    let cancelled = false
    let spawnError: string | null = null
    let killTimer: NodeJS.Timeout | undefined
    const child = spawn(cmd!, args, {
      cwd: opts.cwd,
      env: childEnv(opts.env).env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', ...(opts.inheritFds ?? [])]
    })
    const pgid = child.pid
    if (pgid !== undefined) {
      active.add(pgid)
      opts.onSpawn?.(pgid)
    }
    const onData = (d: string): void => {
      tail = (tail + d).slice(-TAIL_BYTES)
      opts.onOutput?.(d)
    }
    child.stdout!.setEncoding('utf8').on('data', onData)
    child.stderr!.setEncoding('utf8').on('data', onData)
    const stop = (): void => {
      if (pgid === undefined || killTimer) return
      killGroup(pgid, 'SIGTERM')
      killTimer = setTimeout(() => killGroup(pgid, 'SIGKILL'), opts.graceMs)
    }
    const timer = setTimeout(() => {
      timedOut = true
      stop()
    }, opts.timeoutMs)
    const onAbort = (): void => {
      cancelled = true
      stop()
    }
    if (opts.signal.aborted) onAbort()
    else opts.signal.addEventListener('abort', onAbort)
    let finished = false
    const finish = (code: number | null, sig: NodeJS.Signals | null): void => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      if (killTimer) clearTimeout(killTimer)
      opts.signal.removeEventListener('abort', onAbort)
      if (pgid !== undefined) {
        killGroup(pgid, 'SIGKILL')
        active.delete(pgid)
      }
      resolve({ code, signal: sig, timedOut, cancelled, spawnError, tail, startedAt, endedAt: new Date() })
    }
    child.on('error', (e) => {
      spawnError = `${cmd}: ${(e as NodeJS.ErrnoException).code ?? e.message}`
      finish(null, null)
    })
    // 'exit', not 'close': a straggler holding the pipes must not keep the run open.
    child.on('exit', (code, sig) => setImmediate(() => finish(code, sig)))
  })
}
