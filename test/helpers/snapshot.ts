/**
 * File snapshots for Node 20, whose test runner has no `t.assert.snapshot` (added in 22.3).
 * Compares text against `test/snapshots/<name>`; `UPDATE_SNAPSHOTS=1` rewrites the files.
 * A missing snapshot fails (it is never created silently), so CI cannot pass by writing one.
 * Name files `*.snap` so Prettier leaves them byte-exact (it would reflow .md and .json).
 */
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SNAPSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'snapshots')

/** Asserts `actual` equals the stored snapshot `name` (a file name such as `terminal/clean-pass.txt.snap`). */
export function matchSnapshot(name: string, actual: string): void {
  if (!name.endsWith('.snap')) throw new Error(`snapshot ${name} must end in .snap`)
  const file = join(SNAPSHOT_DIR, name)
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, actual)
    return
  }
  if (!existsSync(file)) {
    assert.fail(`snapshot ${name} does not exist; run the tests with UPDATE_SNAPSHOTS=1 to create it`)
  }
  const expected = readFileSync(file, 'utf8')
  if (expected !== actual) {
    // assert.equal prints a line diff; the hint says how to accept an intended change.
    assert.equal(actual, expected, `snapshot ${name} differs; if intended, rerun with UPDATE_SNAPSHOTS=1`)
  }
}
