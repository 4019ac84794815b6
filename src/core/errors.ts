/**
 * An error the user can fix: one line saying what, where and what to do.
 * The CLI prints `message` alone (exit 2) and the Action fails the step with it;
 * neither shows a stack trace unless debugging is on.
 */
export class UsageError extends Error {
  readonly hint: string | undefined

  constructor(message: string, hint?: string) {
    super(hint ? `${message} — ${hint}` : message)
    this.name = 'UsageError'
    this.hint = hint
  }
}

/** True for errors whose message is meant for the user as it is. */
export function isUsageError(err: unknown): err is UsageError {
  return err instanceof UsageError
}
