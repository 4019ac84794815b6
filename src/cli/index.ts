#!/usr/bin/env node
// Entry of the `ktstr-perf-gate` bin: all logic is in main.ts.
import { writeSync } from 'node:fs'
import { main } from './main.js'
import { stdoutWriter } from './stdout.js'

// A reader that goes away early (`| head`) is not an error: stop quietly, as Unix tools do. Any
// other failure to write (a full disk, /dev/full) is one line on stderr and exit 2, not a stack.
for (const [stream, name] of [
  [process.stdout, 'standard output'],
  [process.stderr, 'standard error']
] as const)
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    try {
      writeSync(
        2,
        `ktstr-perf-gate: error: cannot write to ${name}: ${e.message} — check where it is redirected\n`
      )
    } catch {
      // stderr itself is what failed: the exit status still tells.
    }
    process.exit(2)
  })

const code = await main(process.argv.slice(2), {
  // A regular file is written with write(2) directly; a pipe or terminal through the stream.
  stdout: stdoutWriter(1, (s) => process.stdout.write(s)),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: !!process.stdout.isTTY,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {})
})
process.exitCode = code
// Leaving at once skips tearing down the heap (the pool's sidecars and the report's rows: hundreds
// of milliseconds on a large pool) that nobody waits for. Only when nothing waits to be written: a
// pipe that filled up holds the rest of the output in the stream, which a natural exit flushes.
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code)
