import assert from 'node:assert/strict'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { UsageError } from '../../src/core/errors.js'
import { loadRegistry } from '../../src/ktstr/registry-live.js'

const STAND_IN_BIN = fileURLToPath(new URL('../stand-in/bin', import.meta.url))
let broken: string

before(async () => {
  broken = await mkdtemp(path.join(tmpdir(), 'ktstr-broken-'))
  await writeFile(path.join(broken, 'cargo-ktstr'), '#!/bin/sh\necho "[{\\"name\\": 3}]"\n')
  await chmod(path.join(broken, 'cargo-ktstr'), 0o755)
})
after(() => rm(broken, { recursive: true, force: true }))

test('auto: a cargo-ktstr on PATH gives the live registry', async () => {
  const { registry, warning } = await loadRegistry('auto', { PATH: `${STAND_IN_BIN}:${process.env.PATH}` })
  assert.equal(warning, null)
  assert.equal(registry.source, 'live')
  assert.match(registry.detail, /cargo ktstr stats list-metrics \(.*cargo-ktstr\)/)
  assert.equal(registry.metrics.length, 105)
})

test('auto without cargo-ktstr uses the bundled snapshot', async () => {
  const { registry } = await loadRegistry('auto', { PATH: '/nonexistent' })
  assert.equal(registry.source, 'bundled')
})

test('auto with a broken cargo-ktstr falls back with a warning; live refuses', async () => {
  const env = { PATH: broken }
  const { registry, warning } = await loadRegistry('auto', env)
  assert.equal(registry.source, 'bundled')
  assert.match(warning!, /did not give a usable registry/)
  await assert.rejects(loadRegistry('live', env), UsageError)
  await assert.rejects(loadRegistry('live', { PATH: '/nonexistent' }), /no cargo-ktstr on PATH/)
})

test('a list-metrics JSON file can be named; an unreadable one is a usage error', async () => {
  const file = fileURLToPath(new URL('../../src/core/registry-snapshot.json', import.meta.url))
  const { registry } = await loadRegistry(file, {})
  assert.match(registry.detail, /registry-snapshot\.json/)
  await assert.rejects(loadRegistry(path.join(broken, 'missing.json'), {}), /cannot read list-metrics JSON/)
})
