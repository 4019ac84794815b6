import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { parseSidecar, type ParseResult } from '../../src/core/sidecar.js'
import { packResults, unpackResults } from '../../src/pool/read.js'

const EXAMPLE = readFileSync(new URL('../fixtures/sidecars/example-a.ktstr.json', import.meta.url), 'utf8')
const variant = (file: string, f: (j: Record<string, unknown>) => void): ParseResult => {
  const j = JSON.parse(EXAMPLE) as Record<string, unknown>
  f(j)
  return parseSidecar(JSON.stringify(j), file)
}
const ext = (j: Record<string, unknown>) => (j.stats as { ext_metrics: Record<string, unknown> }).ext_metrics

// What a worker's answer goes through: packed, structured-cloned (as postMessage does), unpacked.
const crossThreads = (rs: ParseResult[]) => unpackResults(structuredClone(packResults(rs)))

test('a packed batch unpacks to the parse results it was made of: every field, nulls, rare parts, bad files', () => {
  const results: ParseResult[] = [
    parseSidecar(EXAMPLE, 'k-1a2b3c4/a.ktstr.json'),
    variant('k-1a2b3c4/b.ktstr.json', (j) => {
      j.host_dilation = 1.25
      j.expected_failure = true
      j.throughput_denomination = 'cpu_sec'
      j.host = { cpu_model: 'EPYC', hostname: 'h1', other: [1, 2] }
      delete j.project_commit
      delete j.kernel_commit
      delete j.perf_delta_assertions
      delete (j.stats as Record<string, unknown>).phases
      // defineProperty: an own `__proto__` key, as JSON.parse gives it.
      for (const [k, v] of Object.entries(
        JSON.parse('{"__proto__": 3, "constructor": -0, "7": 1e308, "toString": 2}')
      ))
        Object.defineProperty(ext(j), k, { value: v, enumerable: true, writable: true, configurable: true })
    }),
    parseSidecar('{"test_name": ', 'k-1a2b3c4/bad.ktstr.json'),
    variant('k-1a2b3c4/c.ktstr.json', (j) => {
      j.passed = false
      j.skipped = true
      j.inconclusive = true
    }),
    { ok: false, error: { file: 'k-1a2b3c4/big.ktstr.json', path: '$', message: 'file is too big' } }
  ]
  assert.equal(results.filter((r) => r.ok).length, 3)
  // Not from JSON (1e999 reads as null there), but a packed number column keeps it.
  ;(results[3] as Extract<ParseResult, { ok: true }>).sidecar.hostDilation = Infinity
  // Nor is -0 (JSON text writes it as 0).
  Object.defineProperty((results[1] as Extract<ParseResult, { ok: true }>).sidecar.values, 'constructor', {
    value: -0
  })
  const back = crossThreads(results)
  assert.deepStrictEqual(back, results)
  for (const [i, r] of back.entries()) {
    if (!r.ok) continue
    const want = results[i] as Extract<ParseResult, { ok: true }>
    assert.equal(Object.getPrototypeOf(r.sidecar.values), null)
    for (const p of r.sidecar.phases) assert.equal(Object.getPrototypeOf(p.metrics), null)
    // Same keys in the same order (dedupe compares maps by their JSON text), -0 kept.
    assert.equal(JSON.stringify(r.sidecar.values), JSON.stringify(want.sidecar.values))
    assert.deepEqual(Object.keys(r.sidecar.values), Object.keys(want.sidecar.values))
  }
  const odd = back[1] as Extract<ParseResult, { ok: true }>
  assert.ok(Object.hasOwn(odd.sidecar.values, '__proto__'))
  assert.ok(Object.is(odd.sidecar.values.constructor, -0))
  assert.equal(odd.sidecar.hostDilation, 1.25)
  assert.equal((back[3] as Extract<ParseResult, { ok: true }>).sidecar.hostDilation, Infinity)
})

test('an empty batch and a batch of bad files only', () => {
  assert.deepStrictEqual(crossThreads([]), [])
  const bad: ParseResult[] = [{ ok: false, error: { file: 'x/y.ktstr.json', path: '$.a', message: 'm' } }]
  assert.deepStrictEqual(crossThreads(bad), bad)
})
