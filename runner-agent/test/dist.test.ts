import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { build } from 'esbuild'
// @ts-expect-error build.mjs is plain JS without type declarations
import { options } from '../build.mjs'

const committed = fileURLToPath(new URL('../dist/ktstr-agent.js', import.meta.url))

describe('the committed bundle (the package bin)', () => {
  it('equals a fresh build of the sources (run `npm run build -w ktstr-agent` when this fails)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-dist-'))
    try {
      const out = join(dir, 'ktstr-agent.js')
      await build(options(out) as Parameters<typeof build>[0])
      assert.ok(readFileSync(out, 'utf8') === readFileSync(committed, 'utf8'), 'dist/ktstr-agent.js is stale')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('runs with plain node: a shebang, --help listing the commands, exit 2 on a bad option', () => {
    assert.ok(readFileSync(committed, 'utf8').startsWith('#!/usr/bin/env node\n'))
    const help = spawnSync(process.execPath, [committed, '--help'], { encoding: 'utf8' })
    assert.equal(help.status, 0)
    for (const cmd of ['doctor', 'produce', 'cache']) assert.match(help.stdout, new RegExp(`^  ${cmd} `, 'm'))
    const bad = spawnSync(
      process.execPath,
      [committed, 'produce', '--kernel', 'k', '--runs', '1', '--no-such-flag'],
      { encoding: 'utf8' }
    )
    assert.equal(bad.status, 2)
    assert.match(bad.stderr, /unknown option '--no-such-flag'/)
  })
})
