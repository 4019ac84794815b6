import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { cacheKey, gc, list, lookup, store, type CacheKey } from '../src/cache.js'
import { writeManifest, type RunManifest } from '../../src/pool/manifest.js'

const root = mkdtempSync(join(tmpdir(), 'agent-cache-'))
const template = readFileSync(new URL('../../test/stand-in/sidecar-template.json', import.meta.url), 'utf8')

const sha = (c: string): string => c.repeat(40)

/** A finished run directory for commit `commit` (one sidecar and a manifest). */
async function runDir(name: string, commit: string): Promise<string> {
  const dir = join(root, 'runs', name)
  mkdirSync(dir, { recursive: true })
  const sidecar = JSON.parse(template) as Record<string, unknown>
  sidecar.project_commit = commit.slice(0, 7)
  writeFileSync(join(dir, 'sched_steady_perf-0123456789abcdef.ktstr.json'), JSON.stringify(sidecar))
  const m: RunManifest = {
    schemaVersion: 1,
    kind: 'ktstr-perf-gate/run-manifest',
    side: 'base',
    commit,
    commitShort: commit.slice(0, 7),
    kernel: '6.14.2',
    runIndex: 1,
    sequence: 1,
    totalRuns: 2,
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:00:01.000Z',
    durationMs: 1000,
    exitStatus: { code: 0, signal: null },
    outcome: 'ok',
    attempts: 1,
    sidecars: ['sched_steady_perf-0123456789abcdef.ktstr.json'],
    host: { fingerprint: 'f', hostname: 'h', cpuModel: 'c', cpus: 2, memoryBytes: 1, kernelRelease: 'r' },
    ktstrVersion: 'v',
    registryHash: 'x',
    agentVersion: '0',
    source: 'produced',
    filter: null,
    command: ['cargo', 'ktstr', 'test']
  }
  await writeManifest(dir, m)
  return dir
}

const key = (commit: string, over: Partial<CacheKey> = {}): CacheKey => ({
  commit,
  kernel: '6.14.2',
  ktstrVersion: 'v',
  hostFingerprint: 'f',
  ...over
})

describe('host cache', () => {
  after(() => rmSync(root, { recursive: true, force: true }))

  it('keys on commit, kernel, ktstr version and host fingerprint', () => {
    const k = cacheKey(key(sha('a')))
    assert.equal(k, cacheKey(key(sha('a'))))
    for (const over of [
      { commit: sha('b') },
      { kernel: '6.15' },
      { ktstrVersion: 'w' },
      { hostFingerprint: 'g' }
    ])
      assert.notEqual(cacheKey(key(sha('a'), over)), k)
  })

  it('round-trips runs; a tampered, added or missing file makes the entry corrupt and lookup discards it', async () => {
    const c = join(root, 'c1')
    const commit = sha('a')
    await store(c, key(commit), [await runDir('a1', commit), await runDir('a2', commit)])
    const hit = await lookup(c, key(commit), () => assert.fail('no warning expected'))
    assert.equal(hit!.entry.runs.length, 2)
    assert.equal(
      await lookup(c, key(commit, { kernel: '6.15' }), () => undefined),
      null,
      'another kernel misses'
    )

    for (const damage of [
      (d: string) => writeFileSync(join(d, 'run-1', 'manifest.json'), '{"schemaVersion": 1}'),
      (d: string) => writeFileSync(join(d, 'run-1', 'extra.ktstr.json'), '{}'),
      (d: string) => rmSync(join(d, 'run-1', 'sched_steady_perf-0123456789abcdef.ktstr.json')),
      (d: string) => writeFileSync(join(d, 'entry.json'), '{not json')
    ]) {
      await store(c, key(commit), [await runDir('a3', commit)])
      const entryDir = join(c, 'entries', cacheKey(key(commit)))
      damage(entryDir)
      const warnings: string[] = []
      assert.equal(await lookup(c, key(commit), (m) => warnings.push(m)), null)
      assert.equal(warnings.length, 1)
      assert.match(warnings[0]!, /is corrupt: .*; discarded/)
      assert.deepEqual(await list(c), [], 'the corrupt entry is gone')
    }
  })

  it('refuses sidecars of another commit even when hashes match', async () => {
    const c = join(root, 'c2')
    const commit = sha('b')
    await store(c, key(commit), [await runDir('wrong', sha('c'))])
    const warnings: string[] = []
    assert.equal(await lookup(c, key(commit), (m) => warnings.push(m)), null)
    assert.match(warnings[0]!, /project_commit "ccccccc" is not bbbbbbb/)
  })

  it('gc drops entries unused for longer than the age limit, then the least recently used over the size', async () => {
    const c = join(root, 'c3')
    // An injected clock orders the uses: d, e, f stored a minute apart, then d used again.
    const t0 = Date.now()
    const at = (min: number): Date => new Date(t0 + min * 60_000)
    for (const [i, ch] of ['d', 'e', 'f'].entries())
      await store(c, key(sha(ch)), [await runDir(`r-${ch}`, sha(ch))], at(i))
    await lookup(c, key(sha('d')), () => undefined, at(3)) // d is now the most recently used
    const size = (await list(c))[0]!.entry!.bytes
    const r = await gc(c, { maxBytes: size * 2, maxAgeDays: 14, now: at(4) })
    assert.deepEqual(
      r.removed.map((x) => x.key),
      [cacheKey(key(sha('e')))]
    )
    assert.equal(r.kept, 2)
    const later = await gc(c, {
      maxBytes: Infinity,
      maxAgeDays: 1,
      now: new Date(at(3).getTime() + 2 * 86_400_000)
    })
    assert.equal(later.removed.length, 2)
    assert.match(later.removed[0]!.reason, /unused for more than 1 days/)
  })
})
