#!/usr/bin/env node
// Entry of the `ktstr-perf-gate` bin: all logic is in main.ts.
import { main } from './main.js'

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: !!process.stdout.isTTY
})
process.exitCode = code
