import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import { terminalText } from '../report/escape.js'

/** Where the Action writes its log lines and annotations (injected so tests can capture them). */
export interface Log {
  info(line: string): void
  debug(line: string): void
  notice(line: string): void
  warning(line: string): void
  error(line: string, props?: { title?: string }): void
  /**
   * Runs `fn` with workflow commands switched off, for output that carries untrusted text at the
   * start of a line (test names in the table, the runs' own output): a line such as
   * `::error::…` or `::add-mask::…` from a sidecar or a PR's tests then stays plain text.
   */
  inert<T>(fn: () => Promise<T> | T): Promise<T>
  /**
   * Runs `fn` inside a collapsible group of the job log (`::group::`). Optional: a log without it
   * (tests' capturing logs) just runs `fn`; use `inGroup`. Groups do not nest in a job log.
   */
  group?<T>(title: string, fn: () => Promise<T>): Promise<T>
}

/** Runs `fn` in a log group when the log has groups; the title is made one plain line. */
export function inGroup<T>(log: Log, title: string, fn: () => Promise<T>): Promise<T> {
  return log.group ? log.group(terminalText(title, 200), fn) : fn()
}

/** The workflow log through @actions/core (annotations for notice/warning/error). */
export const coreLog: Log = {
  info: (l) => core.info(l),
  debug: (l) => core.debug(l),
  notice: (l) => core.notice(l),
  warning: (l) => core.warning(l),
  error: (l, props) => core.error(l, props),
  group: (title, fn) => core.group(title, fn),
  async inert(fn) {
    // A fresh token per use: untrusted text cannot know it, so it cannot turn commands back on.
    const token = randomUUID()
    core.info(`::stop-commands::${token}`)
    try {
      return await fn()
    } finally {
      core.info(`::${token}::`)
    }
  }
}
