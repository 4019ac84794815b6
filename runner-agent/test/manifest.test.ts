import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isSidecarFileName } from '../../src/core/sidecar.js'
import {
  MANIFEST_FILE,
  parseManifest,
  readManifest,
  writeManifest,
  type RunManifest
} from '../../src/pool/manifest.js'

const dir = mkdtempSync(join(tmpdir(), 'manifest-'))

const good: RunManifest = {
  schemaVersion: 1,
  kind: 'ktstr-perf-gate/run-manifest',
  side: 'head',
  commit: 'a'.repeat(40),
  commitShort: 'aaaaaaa',
  kernel: '6.14.2',
  runIndex: 3,
  sequence: 6,
  totalRuns: 10,
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T00:01:00.000Z',
  durationMs: 60_000,
  exitStatus: { code: 0, signal: null },
  outcome: 'ok',
  attempts: 2,
  sidecars: ['t-0000000000000000.ktstr.json'],
  host: {
    fingerprint: '0123456789abcdef',
    hostname: 'kvm-1',
    cpuModel: 'EPYC',
    cpus: 16,
    memoryBytes: 2 ** 36,
    kernelRelease: '6.8.0'
  },
  ktstrVersion: 'cargo-ktstr 0.4.0',
  registryHash: '06e6aa1f',
  agentVersion: '0.1.0',
  source: 'produced',
  filter: null,
  command: ['cargo', 'ktstr', 'test', '--kernel', '6.14.2']
}

describe('run manifest', () => {
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('round-trips, is written atomically, and is never taken for a sidecar', async () => {
    await writeManifest(dir, good)
    assert.deepEqual(readdirSync(dir), [MANIFEST_FILE], 'no temp file left')
    assert.equal(isSidecarFileName(MANIFEST_FILE), false)
    const r = await readManifest(dir)
    assert.ok(r.ok)
    assert.deepEqual(r.manifest, good)
  })

  it('names the JSON path of the first problem; a missing file is an error value', async () => {
    const bad = parseManifest(JSON.stringify({ ...good, commitShort: 'XYZ' }), 'm.json')
    assert.deepEqual(bad, { ok: false, error: 'm.json: $.commitShort: expected a 7-hex commit label' })
    const badHost = parseManifest(JSON.stringify({ ...good, host: { ...good.host, cpus: -1 } }), 'm.json')
    assert.ok(!badHost.ok && badHost.error.startsWith('m.json: $.host.cpus:'))
    assert.ok(!parseManifest('{', 'm.json').ok)
    const missing = await readManifest(join(dir, 'nope'))
    assert.ok(!missing.ok && missing.error.endsWith('missing'))
    writeFileSync(join(dir, MANIFEST_FILE), 'x'.repeat(300 * 1024))
    const big = await readManifest(dir)
    assert.ok(!big.ok && /over the \d+-byte limit/.test(big.error))
  })

  it('refuses to write an invalid manifest', async () => {
    await assert.rejects(writeManifest(dir, { ...good, attempts: 0 }))
  })
})
