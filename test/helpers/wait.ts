import { inspect } from 'node:util'
import { isAlive } from './fixture-repo.js'

/**
 * Waiting in tests without fixed sleeps: poll a condition until it holds or a deadline passes.
 * On a loaded machine a process exit, a lock release or a file appearing can take far longer
 * than on an idle one, so tests wait for the condition itself, never for a guessed delay.
 */

export interface WaitOptions {
  /** What is awaited, for the timeout message ("the lock to be free"). */
  what?: string
  /** Deadline in ms (default 20 s: generous, since a wait that holds returns at once). */
  timeoutMs?: number
  /** Pause between polls in ms (default 20). */
  intervalMs?: number
  /** The value the condition saw, for the timeout message (default: the condition's own result). */
  observe?: () => unknown
}

export const DEFAULT_WAIT_MS = 90_000

/**
 * Polls `cond` (sync or async) until it returns a truthy value, and returns that value. Throws
 * after the deadline with a message naming what was awaited and the last value observed (or the
 * last error the condition threw, which counts as "not yet").
 */
export async function waitUntil<T>(
  cond: () => T | Promise<T>,
  opts: WaitOptions = {}
): Promise<NonNullable<T>> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WAIT_MS
  const intervalMs = opts.intervalMs ?? 20
  const deadline = Date.now() + timeoutMs
  let polls = 0
  let last: { value?: unknown; error?: unknown }
  for (;;) {
    polls++
    try {
      const v = await cond()
      if (v) return v as NonNullable<T>
      last = { value: opts.observe ? opts.observe() : v }
    } catch (e) {
      last = { error: e }
    }
    if (Date.now() >= deadline) {
      const seen =
        'error' in last
          ? `the condition threw ${last.error instanceof Error ? last.error.message : inspect(last.error)}`
          : `last observed ${inspect(last.value, { depth: 3, breakLength: Infinity }).slice(0, 500)}`
      throw new Error(
        `timed out after ${timeoutMs} ms (${polls} polls) waiting for ${opts.what ?? 'a condition'}; ${seen}`
      )
    }
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, deadline - Date.now()))))
  }
}

/**
 * `waitUntil` with the positional signature older tests use: `waitFor(cond, ms, what)`, or
 * `waitFor(cond, { what, timeoutMs, observe })`.
 */
export async function waitFor(
  cond: () => unknown,
  msOrOpts: number | WaitOptions = DEFAULT_WAIT_MS,
  what?: string
): Promise<void> {
  const opts = typeof msOrOpts === 'number' ? { timeoutMs: msOrOpts, ...(what ? { what } : {}) } : msOrOpts
  await waitUntil(cond, opts)
}

/** Waits until none of `pids` is alive (exited, or a zombie awaiting its reaper). */
export async function waitForExit(
  pids: readonly number[],
  what = `process(es) ${pids.join(', ')} to exit`,
  timeoutMs = DEFAULT_WAIT_MS
): Promise<void> {
  await waitFor(() => !pids.some(isAlive), {
    what,
    timeoutMs,
    observe: () => `still alive: ${pids.filter(isAlive).join(', ')}`
  })
}
