// `npm run registry:update`: refresh the bundled registry snapshot from a real `cargo ktstr`.
// Keeps our descriptions for metrics that still exist; prints what changed.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { isUsageError } from '../src/core/errors.js'
import type { MetricDef } from '../src/core/registry.js'
import { loadRegistry } from '../src/ktstr/registry-live.js'

const SNAPSHOT = fileURLToPath(new URL('../src/core/registry-snapshot.json', import.meta.url))

try {
  const { registry } = await loadRegistry('live', process.env)
  const old = JSON.parse(await readFile(SNAPSHOT, 'utf8')) as MetricDef[]
  const oldByName = new Map(old.map((m) => [m.name, m]))
  const next = registry.metrics.map((m) => {
    const description = m.description ?? oldByName.get(m.name)?.description
    const { name, polarity, kind, default_abs, default_rel, display_unit } = m
    return {
      name,
      polarity,
      kind,
      default_abs,
      default_rel,
      display_unit,
      ...(description ? { description } : {})
    }
  })
  const added = next.filter((m) => !oldByName.has(m.name)).map((m) => m.name)
  const removed = old.filter((m) => !registry.byName.has(m.name)).map((m) => m.name)
  const changed = next
    .filter((m) => {
      const o = oldByName.get(m.name)
      return (
        o &&
        JSON.stringify([o.polarity, o.kind, o.default_abs, o.default_rel, o.display_unit]) !==
          JSON.stringify([m.polarity, m.kind, m.default_abs, m.default_rel, m.display_unit])
      )
    })
    .map((m) => m.name)
  await writeFile(SNAPSHOT, JSON.stringify(next, null, 2) + '\n')
  console.log(`registry snapshot: ${next.length} metrics from ${registry.detail}`)
  console.log(`  added: ${added.join(', ') || 'none'}`)
  console.log(`  removed: ${removed.join(', ') || 'none'}`)
  console.log(`  changed: ${changed.join(', ') || 'none'}`)
  console.log('rebuild dist/ (npm run bundle) and commit both')
} catch (e) {
  console.error(`registry:update: ${isUsageError(e) ? e.message : (e as Error).message}`)
  process.exitCode = 2
}
