import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { manifestMismatch, restorableRuns, writeManifest, type RunManifest } from '../../src/pool/manifest.js'

let root: string
const manifest = (o: Partial<RunManifest> = {}): RunManifest => ({
  schemaVersion: 1,
  kind: 'ktstr-perf-gate/run-manifest',
  side: 'base',
  commit: 'a'.repeat(40),
  commitShort: 'aaaaaaa',
  kernel: '6.14.2',
  runIndex: 1,
  sequence: 1,
  totalRuns: 2,
  startedAt: '2026-11-25T10:00:00Z',
  endedAt: '2026-11-25T10:01:00Z',
  durationMs: 60_000,
  exitStatus: { code: 0, signal: null },
  outcome: 'ok',
  attempts: 1,
  sidecars: [],
  host: {
    fingerprint: 'f',
    hostname: 'kvm-1',
    cpuModel: 'EPYC',
    cpus: 8,
    memoryBytes: 1,
    kernelRelease: '6.8'
  },
  ktstrVersion: 'cargo-ktstr 0.4.0',
  registryHash: 'abcd1234',
  agentVersion: '0.1.0',
  source: 'produced',
  filter: null,
  command: ['cargo', 'ktstr', 'test'],
  ...o
})

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ktstr-manifest-'))
})
after(() => rm(root, { recursive: true, force: true }))

test('restored runs must match the kernel and the registry this job gates with', async () => {
  const pool = path.join(root, 'a')
  await writeManifest(path.join(pool, '6.14.2-aaaaaaa', 'run-1'), manifest())
  await mkdir(path.join(pool, '6.14.2-aaaaaaa', 'run-2')) // written by ktstr itself: no manifest, not checkable
  const expect = { kernel: '6.14.2', registryHash: 'abcd1234' }
  assert.equal(await manifestMismatch(pool, expect), null)
  assert.match(
    (await manifestMismatch(pool, { ...expect, registryHash: 'ffff0000' }))!,
    /metric registry abcd1234, this job gates with ffff0000/
  )
  assert.match(
    (await manifestMismatch(pool, { ...expect, kernel: '6.15.0' }))!,
    /booted kernel 6\.14\.2, not 6\.15\.0/
  )
  assert.equal(
    await manifestMismatch(pool, { ...expect, kernel: '' }),
    null,
    'kernel unchecked when the job names none'
  )
})

test('a malformed manifest in a restored artifact rejects it', async () => {
  const pool = path.join(root, 'b')
  await mkdir(path.join(pool, '6.14.2-aaaaaaa', 'run-1'), { recursive: true })
  await writeFile(path.join(pool, '6.14.2-aaaaaaa', 'run-1', 'manifest.json'), '{"schemaVersion": 1')
  assert.match(
    (await manifestMismatch(pool, { kernel: '', registryHash: 'x' }))!,
    /run 6\.14\.2-aaaaaaa\/run-1: /
  )
})

test('an artifact brings into one side only its manifest-carrying runs of that side (commit, kernel, registry)', async () => {
  const base = 'a'.repeat(40)
  const head = { commit: 'b'.repeat(40), commitShort: 'bbbbbbb', side: 'head' as const }
  const art = path.join(root, 'artifact')
  const side = path.join(art, '6.14.2-aaaaaaa')
  await writeManifest(path.join(side, 'run-1'), manifest())
  await writeManifest(path.join(side, 'run-2'), manifest({ kernel: '6.15.0' }))
  await writeManifest(path.join(side, 'run-3'), manifest({ registryHash: 'ffff' }))
  // A run dir named for the baseline whose manifest says it is HEAD's.
  await writeManifest(path.join(side, 'run-4'), manifest(head))
  await mkdir(path.join(side, 'run-5'))
  await writeFile(path.join(side, 'run-5', 'x.ktstr.json'), '{}')
  await writeFile(path.join(side, 'top.ktstr.json'), '{}')
  // HEAD's own directory inside a baseline artifact.
  await writeManifest(path.join(art, '6.14.2-bbbbbbb', 'run-1'), manifest(head))
  const got = await restorableRuns(art, {
    kernel: '6.14.2',
    registryHash: 'abcd1234',
    commit: base,
    label: 'aaaaaaa'
  })
  assert.deepEqual(got.runs, ['6.14.2-aaaaaaa/run-1'])
  const refused = got.refused.join('\n')
  assert.match(refused, /run-2: booted kernel 6\.15\.0/)
  assert.match(refused, /run-3: made with metric registry ffff/)
  assert.match(refused, /run-4: made for commit bbbbbbb, not aaaaaaa/)
  assert.match(refused, /run-5: no manifest\.json/)
  assert.match(refused, /top\.ktstr\.json: outside a run-<i>\/ directory/)
  assert.match(refused, /6\.14\.2-bbbbbbb: not a run directory of aaaaaaa/)
})
