import assert from 'node:assert/strict'
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { COMMITS, generatePool, planFor } from '../../bench/generate.js'
import { compare } from '../../src/core/compare.js'
import { bundledRegistry } from '../../src/core/registry.js'
import { MAX_SIDECAR_BYTES, unpack } from '../../src/core/sidecar.js'
import { defaultPoolRoot, readPool } from '../../src/pool/read.js'

const EXAMPLE = await readFile(new URL('../fixtures/sidecars/example-a.ktstr.json', import.meta.url), 'utf8')
let root: string

const put = async (rel: string, text: string) => {
  await mkdir(path.dirname(path.join(root, rel)), { recursive: true })
  await writeFile(path.join(root, rel), text)
}
const named = (test: string) => EXAMPLE.replace('"sched_steady_perf"', JSON.stringify(test))

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ktstr-pool-'))
  await put('6.14.2-1a2b3c4/top_perf-1.ktstr.json', named('top_perf'))
  await put('6.14.2-1a2b3c4/run-1/one_perf-1.ktstr.json', named('one_perf'))
  await put('6.14.2-1a2b3c4/run-1/manifest.json', '{"not":"a sidecar"}')
  await put('6.14.2-1a2b3c4/run-1/deeper/two_perf-1.ktstr.json', named('two_down_is_ignored'))
  await put('6.14.2-1a2b3c4/.locks/lock_perf-1.ktstr.json', named('dot_dir_is_ignored'))
  await put('.hidden-run/x_perf-1.ktstr.json', named('dot_run_dir_is_ignored'))
  await put('loose_perf-1.ktstr.json', named('file_at_root_is_not_a_run_dir'))
  await put('6.14.2-5d6e7f8/run-1/bad_perf-1.ktstr.json', EXAMPLE.slice(0, 100))
  await put(
    '6.14.2-5d6e7f8/run-1/wrong_perf-1.ktstr.json',
    EXAMPLE.replace('"passed": true', '"passed": "yes"')
  )
  await put('6.14.2-5d6e7f8/run-2/good_perf-1.ktstr.json', named('good_perf'))
  await put('6.14.2-5d6e7f8/run-2/huge_perf-1.ktstr.json', ' '.repeat(MAX_SIDECAR_BYTES + 10))
  // The link target sits in a dot directory (never read); only the link is in a run dir.
  await put('.store/linked_perf-1.ktstr.json', named('linked'))
  await symlink(
    path.join(root, '.store', 'linked_perf-1.ktstr.json'),
    path.join(root, '6.14.2-5d6e7f8', 'run-2', 'link_perf-1.ktstr.json')
  )
})
after(() => rm(root, { recursive: true, force: true }))

test('reads run dirs, their top level and one subdirectory level; skips dot dirs, links and non-sidecars', async () => {
  const p = await readPool(root)
  assert.deepEqual(p.sidecars.map((s) => s.testName).sort(), ['good_perf', 'one_perf', 'top_perf'])
  assert.deepEqual(p.runDirs, ['6.14.2-1a2b3c4', '6.14.2-5d6e7f8'])
  assert.equal(
    p.sidecars.find((s) => s.testName === 'one_perf')!.file,
    '6.14.2-1a2b3c4/run-1/one_perf-1.ktstr.json'
  )
})

test('bad files are reported with file and JSON path, good ones still read', async () => {
  const p = await readPool(root)
  const bad = Object.fromEntries(p.malformed.map((m) => [m.file, `${m.path}: ${m.message}`]))
  assert.match(bad['6.14.2-5d6e7f8/run-1/bad_perf-1.ktstr.json']!, /^\$: not valid JSON/)
  assert.match(bad['6.14.2-5d6e7f8/run-1/wrong_perf-1.ktstr.json']!, /^\$\.passed: /)
  assert.match(bad['6.14.2-5d6e7f8/run-2/huge_perf-1.ktstr.json']!, /over the \d+-byte limit/)
  assert.equal(p.malformed.length, 3)
})

test('archive marks every sidecar run_source "archive" (ktstr does so for a non-default --dir)', async () => {
  const p = await readPool(root, { archive: true })
  assert.ok(p.sidecars.every((s) => s.runSource === 'archive'))
})

test('a missing root is an empty pool; the default root follows CARGO_TARGET_DIR', async () => {
  const p = await readPool(path.join(root, 'nope'))
  assert.deepEqual([p.sidecars.length, p.malformed.length], [0, 0])
  assert.equal(defaultPoolRoot({}, '/w'), '/w/target/ktstr')
  assert.equal(defaultPoolRoot({ CARGO_TARGET_DIR: '/t' }, '/w'), '/t/ktstr')
})

test('reading with worker threads gives what the main thread alone gives: same sidecars, order and bad files', async () => {
  const alone = await readPool(root, { workers: 0 })
  const threaded = await readPool(root, { workers: 2 })
  assert.deepEqual(threaded, alone)
})

test('a large pool read by threads keeps file order and names every bad file', async () => {
  const big = await mkdtemp(path.join(tmpdir(), 'ktstr-pool-threads-'))
  try {
    for (let i = 0; i < 600; i++) {
      const rel = `6.14.2-1a2b3c4/run-${i % 3}/t${String(i).padStart(4, '0')}_perf-1.ktstr.json`
      await mkdir(path.dirname(path.join(big, rel)), { recursive: true })
      const text = named(`t${i}`)
      const proto =
        i % 10 === 3
          ? text.replace('"ext_metrics": {\n', '"ext_metrics": {\n      "__proto__": 7, "constructor": 5,\n')
          : text
      await writeFile(path.join(big, rel), i % 97 === 5 ? EXAMPLE.slice(0, 50) : proto)
    }
    const alone = await readPool(big, { workers: 0 })
    const stats = { batchesByWorkers: 0 }
    const threaded = await readPool(big, { workers: 2, stats })
    assert.ok(stats.batchesByWorkers > 0, 'the worker threads read some of the files')
    assert.equal(alone.sidecars.length + alone.malformed.length, 600)
    assert.equal(alone.malformed.length, 7)
    assert.deepEqual(threaded, alone)
    const files = threaded.sidecars.map((s) => s.file)
    assert.deepEqual(files, [...files].sort())
    // Metric names that are Object.prototype members survive the threads' structured clone as own
    // keys of a null-prototype map, as the main thread's parse gives them.
    const proto = threaded.sidecars.filter((s) => s.testName.endsWith('3'))
    assert.ok(proto.length > 50)
    for (const s of proto) {
      assert.equal(Object.getPrototypeOf(s.values), null)
      assert.equal(Object.hasOwn(s.values, '__proto__') && s.values.__proto__, 7)
      assert.equal(s.values.constructor, 5)
      assert.equal(Object.hasOwn(s.values, 'toString'), false)
      for (const p of s.phases) assert.equal(Object.getPrototypeOf(p.metrics), null)
    }
  } finally {
    await rm(big, { recursive: true, force: true })
  }
})

test('keep drops sidecars as they are read; malformed files are reported either way', async () => {
  const p = await readPool(root, { keep: (s) => s.testName === 'good_perf' })
  assert.deepEqual(
    p.sidecars.map((s) => s.testName),
    ['good_perf']
  )
  assert.equal(p.malformed.length, 3)
})

test('the layout gh run download gives (one directory per ktstr-sidecars-* artifact) reads as the flat pool', async () => {
  const { copyExamplePool, EXAMPLE_BASE, EXAMPLE_HEAD, EXAMPLE_KERNEL } = await import('../helpers/pool.js')
  const { comparePool } = await import('../../src/pool/compare-pool.js')
  const { loadRegistry } = await import('../../src/ktstr/registry-live.js')
  const { poolManifests } = await import('../../src/pool/manifest.js')
  const work = await mkdtemp(path.join(tmpdir(), 'ktstr-pool-gh-'))
  try {
    const flat = path.join(work, 'flat')
    copyExamplePool(flat)
    // `gh run download RUN -p 'ktstr-sidecars-*' -D nested`: each artifact in a directory of its name.
    const nested = path.join(work, 'nested')
    for (const label of [EXAMPLE_BASE, EXAMPLE_HEAD]) {
      const art = path.join(nested, `ktstr-sidecars-${EXAMPLE_KERNEL}-${label}-kvm-x64`)
      await mkdir(art, { recursive: true })
      await cp(path.join(flat, `${EXAMPLE_KERNEL}-${label}`), path.join(art, `${EXAMPLE_KERNEL}-${label}`), {
        recursive: true
      })
    }
    await writeFile(
      path.join(
        nested,
        `ktstr-sidecars-${EXAMPLE_KERNEL}-${EXAMPLE_HEAD}-kvm-x64`,
        'stray_perf-1.ktstr.json'
      ),
      named('not_in_a_run_dir')
    )
    await mkdir(path.join(nested, 'ktstr-sidecars-x', '.hidden'), { recursive: true })
    await writeFile(path.join(nested, 'ktstr-sidecars-x', '.hidden', 'h_perf-1.ktstr.json'), named('dot_dir'))
    const a = await readPool(flat)
    const b = await readPool(nested)
    assert.equal(b.sidecars.length, a.sidecars.length)
    assert.ok(a.sidecars.length > 0)
    assert.deepEqual(b.runDirs, [
      `ktstr-sidecars-${EXAMPLE_KERNEL}-${EXAMPLE_BASE}-kvm-x64/${EXAMPLE_KERNEL}-${EXAMPLE_BASE}`,
      `ktstr-sidecars-${EXAMPLE_KERNEL}-${EXAMPLE_HEAD}-kvm-x64/${EXAMPLE_KERNEL}-${EXAMPLE_HEAD}`
    ])
    assert.ok(b.sidecars.every((s) => s.file.startsWith('ktstr-sidecars-')))
    // Run manifests (hosts) are found one level deeper too.
    const run1 = path.join(b.runDirs[1]!, 'run-1')
    await writeFile(path.join(nested, run1, 'manifest.json'), '{}')
    assert.deepEqual(
      (await poolManifests(nested, (d) => d.endsWith(`-${EXAMPLE_HEAD}`))).map((m) => m.run),
      [run1]
    )
    await rm(path.join(nested, run1, 'manifest.json'))
    // And compare gives the same verdict and rows on both layouts.
    const { registry } = await loadRegistry('bundled', {})
    const run = async (dir: string) =>
      (
        await comparePool({
          dir,
          cwd: work,
          env: {},
          filters: {
            shared: {},
            a: { 'project-commit': [EXAMPLE_BASE] },
            b: { 'project-commit': [EXAMPLE_HEAD] }
          },
          registry,
          options: {
            alpha: 0.05,
            failThreshold: 1,
            mustFail: [],
            thresholdPercent: null,
            policySource: null
          }
        })
      ).comparison
    const ca = await run(flat)
    const cb = await run(nested)
    assert.equal(cb.verdict, ca.verdict)
    assert.deepEqual(cb.counts, ca.counts)
    assert.deepEqual(
      cb.rows.map((r) => [r.key, r.metric, r.verdict, r.relDelta]),
      ca.rows.map((r) => [r.key, r.metric, r.verdict, r.relDelta])
    )
  } finally {
    await rm(work, { recursive: true, force: true })
  }
})

test('a packed pool gives the Comparison the parsed sidecars give', async () => {
  const g = await generatePool(planFor(300))
  try {
    const judged = (p: Awaited<ReturnType<typeof readPool>>) =>
      compare({
        base: p.sidecars.filter((s) => s.projectCommit === COMMITS.a),
        head: p.sidecars.filter((s) => s.projectCommit === COMMITS.b),
        pairOn: ['topology', 'work-type', 'scheduler', 'kernel'],
        registry: bundledRegistry(),
        baseline: { label: COMMITS.a, how: 'a' },
        headSpec: { label: COMMITS.b, how: 'b' },
        malformed: p.malformed
      })
    const plain = await readPool(g.root, { workers: 0 })
    const packed = await readPool(g.root, { workers: 0, pack: true })
    assert.equal(packed.sidecars.length, plain.sidecars.length)
    assert.deepEqual(packed.sidecars.map(unpack), plain.sidecars)
    const c = judged(packed)
    assert.ok(c.rows.length > 100)
    assert.deepEqual(c, judged(plain))
  } finally {
    g.cleanup()
  }
})

test('a generated pool with hostile files: the threads give the Comparison the main thread alone gives', async () => {
  const g = await generatePool(planFor(300))
  try {
    const run = path.join(g.root, `6.12.9-${COMMITS.b}`, 'run-1')
    await writeFile(path.join(run, 'trunc_perf-1.ktstr.json'), EXAMPLE.slice(0, 80))
    await writeFile(
      path.join(run, 'dup_perf-1.ktstr.json'),
      EXAMPLE.replace('"passed": true', '"passed": true, "passed": false')
    )
    await writeFile(path.join(run, 'huge_perf-1.ktstr.json'), ' '.repeat(MAX_SIDECAR_BYTES + 1))
    await writeFile(path.join(g.root, '.outside.ktstr.json'), named('outside'))
    await symlink(path.join(g.root, '.outside.ktstr.json'), path.join(run, 'link_perf-1.ktstr.json'))
    await writeFile(
      path.join(run, 'proto_perf-1.ktstr.json'),
      named('proto_perf').replace(
        '"ext_metrics": {\n',
        '"ext_metrics": {\n      "__proto__": 7, "toString": 5,\n'
      )
    )
    const judged = (p: Awaited<ReturnType<typeof readPool>>) =>
      compare({
        base: p.sidecars.filter((s) => s.projectCommit === COMMITS.a),
        head: p.sidecars.filter((s) => s.projectCommit === COMMITS.b),
        pairOn: ['topology', 'work-type', 'scheduler', 'kernel'],
        registry: bundledRegistry(),
        baseline: { label: COMMITS.a, how: 'a' },
        headSpec: { label: COMMITS.b, how: 'b' },
        malformed: p.malformed
      })
    const alone = await readPool(g.root, { workers: 0 })
    const stats = { batchesByWorkers: 0 }
    const threaded = await readPool(g.root, { workers: 2, stats })
    assert.ok(stats.batchesByWorkers > 0, 'the worker threads read some of the files')
    assert.equal(alone.malformed.length, 3, JSON.stringify(alone.malformed))
    assert.ok(!alone.sidecars.some((s) => s.testName === 'outside'), 'the link is not followed')
    assert.equal(alone.sidecars.length, g.files + 1, 'every good file counted')
    const c = judged(threaded)
    assert.ok(c.rows.length > 100)
    assert.deepEqual(c, judged(alone))
  } finally {
    g.cleanup()
  }
})
