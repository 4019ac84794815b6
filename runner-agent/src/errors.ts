/**
 * Errors the agent reports to its user in one line (what, where, what to do).
 * `exitCode` follows DESIGN.md §8a: 2 = bad usage or input; 1 = the host could not produce.
 */
export class AgentError extends Error {
  readonly exitCode: number

  constructor(message: string, exitCode = 1) {
    super(message)
    this.name = 'AgentError'
    this.exitCode = exitCode
  }
}

/** Bad usage or input (exit 2). */
export function usage(message: string): AgentError {
  return new AgentError(message, 2)
}

/** Raised when SIGTERM/SIGINT cancelled the work; cleanup has run by the time it surfaces. */
export class Cancelled extends Error {
  readonly signal: NodeJS.Signals

  constructor(signal: NodeJS.Signals) {
    super(`cancelled by ${signal}`)
    this.name = 'Cancelled'
    this.signal = signal
  }
}
