import assert from 'node:assert/strict'
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js'
import { readPool, runAgent, sandbox, type Sandbox } from '../stand-in/harness.js'

describe('ktstr-agent host cache of baseline runs (subprocess)', () => {
  let repo: FixtureRepo
  let sb: Sandbox
  before(() => {
    repo = createFixtureRepo()
    sb = sandbox()
  })
  after(() => {
    repo.cleanup()
    sb.cleanup()
  })

  const produce = (out: string, head: string, env = sb.env()) =>
    runAgent(
      [
        'produce',
        '--repo',
        repo.dir,
        '--base',
        repo.commits.baseline,
        '--head',
        head,
        '--kernel',
        '6.14.2',
        '--runs',
        '2',
        ...sb.flags(),
        '--out',
        out
      ],
      env
    )

  it('stores produced baseline runs, reuses them for the next PR, and rejects a corrupted entry', async () => {
    const first = await produce(join(sb.root, 'pool-1'), repo.commits.regressing)
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stderr, /cache: stored 2 baseline run\(s\) of \w+/)

    const ls = await runAgent(['cache', 'ls', '--cache-dir', sb.cache, '--json'])
    const entries = JSON.parse(ls.stdout) as Array<{
      key: string
      dir: string
      entry: { commit: string; kernel: string; runs: unknown[] }
    }>
    assert.equal(entries.length, 1)
    assert.equal(entries[0]!.entry.commit, repo.commits.baseline)
    assert.equal(entries[0]!.entry.kernel, '6.14.2')
    assert.equal(entries[0]!.entry.runs.length, 2)

    // A second PR on the same baseline: the baseline comes from the cache, only HEAD runs.
    const out2 = join(sb.root, 'pool-2')
    const second = await produce(out2, repo.commits.improving)
    assert.equal(second.code, 0, second.stderr)
    assert.match(second.stderr, /cache: reused 2 baseline run\(s\) of \w+/)
    assert.match(second.stdout, /base \w+ 2 run\(s\) \(0 already there, 2 from cache, 0 produced\)/)
    const runs2 = readPool(out2)
    const base2 = runs2.filter((x) => x.manifest.side === 'base')
    assert.equal(base2.length, 2)
    assert.ok(base2.every((x) => x.manifest.source === 'cache' && x.manifest.sequence === null))
    assert.deepEqual(
      runs2.filter((x) => x.manifest.side === 'head').map((x) => x.manifest.sequence),
      [1, 2],
      'only the two HEAD runs were run'
    )
    const cached = readPool(join(sb.root, 'pool-1')).filter((x) => x.manifest.side === 'base')
    for (const [i, x] of base2.entries())
      assert.deepEqual(
        x.sidecars.map((f) => readFileSync(join(x.dir, f), 'utf8')),
        cached[i]!.sidecars.map((f) => readFileSync(join(cached[i]!.dir, f), 'utf8')),
        'the cached sidecars, byte for byte'
      )

    // Corrupt the entry: one sidecar changes on disk. It must be discarded, not used.
    const runDir = join(entries[0]!.dir, 'run-1')
    const victim = readdirSync(runDir).find((f) => f.endsWith('.ktstr.json'))!
    const text = readFileSync(join(runDir, victim), 'utf8')
    writeFileSync(join(runDir, victim), text.replace(/"worst_spread": [0-9.]+/, '"worst_spread": 1'))
    const lsBad = await runAgent(['cache', 'ls', '--cache-dir', sb.cache])
    assert.match(lsBad.stdout, /CORRUPT: run-1\/.* content changed \(SHA-256 mismatch\)/)

    const out3 = join(sb.root, 'pool-3')
    const third = await produce(out3, repo.commits.noop)
    assert.equal(third.code, 0, third.stderr)
    assert.match(
      third.stderr,
      /warning: cache entry \w+ \(baseline \w+, kernel 6\.14\.2\) is corrupt: run-1\/.*SHA-256 mismatch.*; discarded, the baseline will be produced/
    )
    const base3 = readPool(out3).filter((x) => x.manifest.side === 'base')
    assert.ok(
      base3.every((x) => x.manifest.source === 'produced'),
      'the corrupt entry was not used'
    )
    assert.ok(
      base3.every((x) => !readFileSync(join(x.dir, x.sidecars[0]!), 'utf8').includes('"worst_spread": 1,'))
    )
    assert.match(third.stderr, /cache: stored 2 baseline run\(s\)/, 'a fresh entry replaced it')
  })

  it('a top-up never re-adds cached runs the pool already holds (e.g. restored from an artifact)', async () => {
    // pool-3's baseline runs are what the cache holds now; copy them in as if restored.
    const out = join(sb.root, 'pool-topup')
    const side = readdirSync(join(sb.root, 'pool-3')).find((d) =>
      readPool(join(sb.root, 'pool-3')).some((x) => x.manifest.side === 'base' && x.dir.includes(d))
    )!
    cpSync(join(sb.root, 'pool-3', side), join(out, side), { recursive: true })
    const r = await runAgent(
      [
        'produce',
        '--repo',
        repo.dir,
        '--base',
        repo.commits.baseline,
        '--kernel',
        '6.14.2',
        '--runs',
        '4',
        ...sb.flags(),
        '--out',
        out
      ],
      sb.env()
    )
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /base \w+ 4 run\(s\) \(2 already there, 0 from cache, 2 produced\)/)
    const ids = readPool(out)
      .filter((x) => x.manifest.side === 'base')
      .map((x) => readFileSync(join(x.dir, x.sidecars[0]!), 'utf8'))
    assert.equal(new Set(ids).size, 4, 'four distinct runs (run ids alone repeat within a second)')
  })

  it('--deep fills the baseline from the cache beyond --runs; --sentinel still makes fresh runs beside HEAD', async () => {
    const out = join(sb.root, 'pool-deep')
    const r = await runAgent(
      [
        'produce',
        '--repo',
        repo.dir,
        '--base',
        repo.commits.baseline,
        '--head',
        repo.commits.improving,
        '--kernel',
        '6.14.2',
        '--runs',
        '2',
        '--deep',
        '4',
        '--sentinel',
        '1',
        ...sb.flags(),
        '--out',
        out
      ],
      sb.env()
    )
    assert.equal(r.code, 0, r.stderr)
    const runs = readPool(out)
    const base = runs.filter((x) => x.manifest.side === 'base')
    const head = runs.filter((x) => x.manifest.side === 'head')
    const cached = base.filter((x) => x.manifest.source === 'cache')
    const fresh = base.filter((x) => x.manifest.source === 'produced')
    assert.equal(head.length, 2)
    assert.equal(cached.length, 3, 'the cache fills up to --deep, less the sentinel')
    assert.equal(fresh.length, 1, 'one fresh baseline run although the cache covers --runs')
    assert.match(r.stderr, /sentinel: 1 fresh baseline run\(s\)/)
    // Provenance: the fresh run shares HEAD's produce id; the cached ones keep their own.
    const id = head[0]!.manifest.produceId
    assert.ok(id && head.every((x) => x.manifest.produceId === id))
    assert.equal(fresh[0]!.manifest.produceId, id)
    assert.ok(cached.every((x) => x.manifest.produceId !== id))
    assert.deepEqual(
      runs
        .filter((x) => x.manifest.sequence !== null)
        .sort((a, b) => a.manifest.sequence! - b.manifest.sequence!)
        .map((x) => x.manifest.side),
      ['base', 'head', 'head'],
      'the sentinel is interleaved with HEAD'
    )
  })

  it('a different ktstr version misses the cache (the key includes it)', async () => {
    const out = join(sb.root, 'pool-v')
    const r = await produce(out, repo.commits.regressing, sb.env({ KTSTR_STANDIN_VERSION: '0.5.3' }))
    assert.equal(r.code, 0, r.stderr)
    assert.doesNotMatch(r.stderr, /cache: reused/)
    assert.ok(
      readPool(out).every(
        (x) => x.manifest.source === 'produced' && x.manifest.ktstrVersion === 'ktstr v0.5.3'
      )
    )
  })

  it('cache gc enforces the size limit, least recently used first', async () => {
    const before = JSON.parse(
      (await runAgent(['cache', 'ls', '--cache-dir', sb.cache, '--json'])).stdout
    ) as unknown[]
    assert.equal(before.length, 2, 'one entry per ktstr version')
    const gc = await runAgent([
      'cache',
      'gc',
      '--cache-dir',
      sb.cache,
      '--lock-file',
      sb.lock,
      '--max-bytes',
      '1',
      '--json'
    ])
    assert.equal(gc.code, 0, gc.stderr)
    const r = JSON.parse(gc.stdout) as { removed: Array<{ reason: string }>; kept: number }
    assert.equal(r.kept, 0)
    assert.equal(r.removed.length, 2)
    assert.match(r.removed[0]!.reason, /over the 1-byte cache limit \(least recently used\)/)
    const after = await runAgent(['cache', 'ls', '--cache-dir', sb.cache])
    assert.match(after.stdout, /no cache entries/)
  })
})

describe('ktstr-agent --cache-head (a push recording a baseline)', () => {
  let repo: FixtureRepo
  let sb: Sandbox
  before(() => {
    repo = createFixtureRepo()
    sb = sandbox()
  })
  after(() => {
    repo.cleanup()
    sb.cleanup()
  })

  it('stores the HEAD runs of a head-only produce; a later PR on that commit reuses them as its baseline', async () => {
    const args = (out: string, ...sides: string[]) => [
      'produce',
      '--repo',
      repo.dir,
      ...sides,
      '--kernel',
      '6.14.2',
      '--runs',
      '2',
      ...sb.flags(),
      '--out',
      join(sb.root, out)
    ]
    const plain = await runAgent(args('pool-plain', '--head', repo.commits.baseline), sb.env())
    assert.equal(plain.code, 0, plain.stderr)
    assert.doesNotMatch(plain.stderr, /cache: stored/, 'without --cache-head a HEAD run is not a baseline')
    const push = await runAgent(
      [...args('pool-push', '--head', repo.commits.baseline), '--cache-head'],
      sb.env()
    )
    assert.equal(push.code, 0, push.stderr)
    assert.match(push.stderr, /cache: stored 2 baseline run\(s\)/)
    const pr = await runAgent(
      args('pool-pr', '--base', repo.commits.baseline, '--head', repo.commits.regressing),
      sb.env()
    )
    assert.equal(pr.code, 0, pr.stderr)
    assert.match(pr.stdout, /base \w+ 2 run\(s\) \(0 already there, 2 from cache, 0 produced\)/)
  })
})
