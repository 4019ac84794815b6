import * as core from '@actions/core'

/** Where the Action writes its log lines and annotations (injected so tests can capture them). */
export interface Log {
  info(line: string): void
  debug(line: string): void
  notice(line: string): void
  warning(line: string): void
  error(line: string, props?: { title?: string }): void
}

/** The workflow log through @actions/core (annotations for notice/warning/error). */
export const coreLog: Log = {
  info: (l) => core.info(l),
  debug: (l) => core.debug(l),
  notice: (l) => core.notice(l),
  warning: (l) => core.warning(l),
  error: (l, props) => core.error(l, props)
}
