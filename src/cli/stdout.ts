// The CLI's standard output. A report redirected to a file (`--json > report.json`) is tens of
// megabytes: written through process.stdout, whose stream for a file turns every chunk into a
// Buffer and passes it through a Writable, it costs about ten times what write(2) costs.
import { fstatSync, writeSync } from 'node:fs'

/** The two system calls the writer makes (replaced in tests). */
export interface FdCalls {
  fstatSync: (fd: number) => { isFile(): boolean }
  writeSync: (fd: number, data: string | Uint8Array) => number
}

const SYSTEM: FdCalls = {
  fstatSync,
  writeSync: (fd, data) => (typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data))
}

/**
 * A writer for file descriptor `fd`: when it is a regular file, each string is written at once
 * with fs.writeSync (finishing partial writes); otherwise (a pipe, a terminal, a socket, or an fd
 * that cannot be inspected) `stream`, which queues what a non-blocking pipe cannot take at once
 * and reports a reader that went away (EPIPE) as an event.
 */
export function stdoutWriter(
  fd: number,
  stream: (s: string) => void,
  calls: FdCalls = SYSTEM
): (s: string) => void {
  let file: boolean
  try {
    file = calls.fstatSync(fd).isFile()
  } catch {
    file = false
  }
  return file ? (s) => writeAll(fd, s, calls) : stream
}

/** Writes all of `s` to `fd`; throws what write(2) reports (ENOSPC, EIO …). */
export function writeAll(fd: number, s: string, calls: FdCalls = SYSTEM): void {
  if (s === '') return
  const written = calls.writeSync(fd, s)
  // A regular file takes it all but at the end of the device (or of a file-size limit): finish
  // the rest from the UTF-8 bytes, so a partial write never drops or splits a character.
  const bytes = Buffer.byteLength(s)
  if (written >= bytes) return
  let rest = Buffer.from(s).subarray(written)
  while (rest.length > 0) {
    const n = calls.writeSync(fd, rest)
    if (n <= 0) throw new Error(`writing standard output: write(2) took ${n} of ${rest.length} bytes`)
    rest = rest.subarray(n)
  }
}
