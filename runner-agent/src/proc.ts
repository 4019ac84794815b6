import { spawn } from 'node:child_process'

export interface Captured {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Set when the program could not be started (ENOENT, EACCES). */
  spawnError: NodeJS.ErrnoException | null
  timedOut: boolean
}

/**
 * Runs a program with an argument array (never a shell) and captures its output.
 * Never throws: a missing program or a timeout is reported in the result.
 */
export function capture(
  argv: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; maxBytes?: number } = {}
): Promise<Captured> {
  const [cmd, ...args] = argv
  const max = opts.maxBytes ?? 32 * 1024 * 1024
  return new Promise((resolve) => {
    let stdout = ''
    let stderr = ''
    let timedOut = false
    let spawnError: NodeJS.ErrnoException | null = null
    const child = spawn(cmd!, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < max) stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < max) stderr += d
    })
    const timer =
      opts.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true
            child.kill('SIGKILL')
          }, opts.timeoutMs)
        : undefined
    child.on('error', (e) => {
      spawnError = e
    })
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, spawnError, timedOut })
    })
  })
}

/** Splits a configured command line on whitespace (no shell, no quoting): `cargo ktstr` → ['cargo', 'ktstr']. */
export function splitCommand(text: string): string[] {
  const argv = text
    .trim()
    .split(/\s+/)
    .filter((s) => s.length > 0)
  return argv
}

/** Whether a process exists (EPERM: it does, owned by another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
