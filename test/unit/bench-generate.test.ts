import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { COMMITS, generatePool, planFor, plannedCount, type Generated } from '../../bench/generate.js'
import { parseSidecar } from '../../src/core/sidecar.js'
import { readPool } from '../../src/pool/read.js'

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}

describe('bench/generate: a pool of sidecars in the real schema', () => {
  let g: Generated
  before(async () => {
    g = await generatePool(planFor(100))
  })
  after(() => g.cleanup())

  it('plans 5 kernels × 2 sides × 5 runs × n/50 tests', () => {
    assert.deepEqual(
      [1000, 10_000, 50_000].map((n) => plannedCount(planFor(n))),
      [1000, 10_000, 50_000]
    )
    assert.equal(planFor(10_000).tests, 200)
  })

  it('writes the planned number of files in ktstr layout, each parsing with parseSidecar', () => {
    const files = walk(g.root)
    assert.equal(files.length, plannedCount(g.plan))
    assert.equal(g.files, files.length)
    for (const f of files) {
      const rel = relative(g.root, f)
      assert.match(
        rel,
        /^6\.\d+\.\d+-(1a2b3c4|5d6e7f8)\/run-[1-5]\/perf_case_\d{4}-[0-9a-f]{16}\.ktstr\.json$/
      )
      const text = readFileSync(f, 'utf8')
      assert.ok(text.length > 3000 && text.length < 4500, `${rel} is ${text.length} bytes`)
      const r = parseSidecar(text, rel)
      assert.ok(r.ok, r.ok ? '' : `${r.error.path}: ${r.error.message}`)
      assert.equal(r.sidecar.projectCommit, rel.includes(COMMITS.a) ? COMMITS.a : COMMITS.b)
      assert.ok(Object.keys(r.sidecar.values).length >= 25, 'carries the template’s registry metrics')
    }
  })

  it('reads back through readPool: every sidecar, none malformed, both sides per kernel', async () => {
    const pool = await readPool(g.root)
    assert.equal(pool.malformed.length, 0)
    assert.equal(pool.sidecars.length, plannedCount(g.plan))
    const perSide = (c: string) => pool.sidecars.filter((s) => s.projectCommit === c).length
    assert.equal(perSide(COMMITS.a), plannedCount(g.plan) / 2)
    assert.equal(pool.runDirs.length, g.plan.kernels.length * 2)
  })
})
