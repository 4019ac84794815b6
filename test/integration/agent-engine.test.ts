import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { createFixtureRepo, PLANTED, type FixtureRepo } from '../helpers/fixture-repo.js'
import { agentEnv, readPool, runAgent, sandbox, type Sandbox } from '../stand-in/harness.js'

const CLI = fileURLToPath(new URL('../../src/cli/index.ts', import.meta.url))

interface Row {
  test: string
  metric: string
  verdict: string
}
interface Comparison {
  verdict: string
  mode: string
  baseline: { hosts: string[] }
  head: { hosts: string[] }
  counts: { regressions: number; improvements: number; excluded: number; malformed: number }
  rows: Row[]
}

/** The verdict engine's CLI (DESIGN.md §8a) on the pool, as a subprocess. */
function compare(
  dir: string,
  a: string,
  b: string
): { code: number | null; json: Comparison; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      'compare',
      '--dir',
      dir,
      '--a-project-commit',
      a,
      '--b-project-commit',
      b,
      '--json'
    ],
    { encoding: 'utf8' }
  )
  assert.ok(r.stdout.trim().startsWith('{'), `compare printed JSON (exit ${r.status}): ${r.stderr}`)
  return { code: r.status, json: JSON.parse(r.stdout) as Comparison, stderr: r.stderr }
}

const moves = (c: Comparison, verdict: string): string[] =>
  c.rows
    .filter((r) => r.verdict === verdict)
    .map((r) => `${r.test}/${r.metric}`)
    .sort()

describe('the verdict engine on pools the agent produced (N=5 per side)', () => {
  let repo: FixtureRepo
  let sb: Sandbox
  before(async () => {
    repo = createFixtureRepo()
    sb = sandbox()
    // One pool, one baseline: later produces find the baseline's five runs and add only HEAD's.
    for (const head of [repo.commits.regressing, repo.commits.noop, repo.commits.improving]) {
      const r = await runAgent(
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
          '5',
          '--no-cache',
          ...sb.flags()
        ],
        sb.env()
      )
      assert.equal(r.code, 0, r.stderr)
    }
    assert.equal(readPool(sb.out).length, 20, '5 baseline runs + 3 × 5 HEAD runs')
  })
  after(() => {
    repo.cleanup()
    sb.cleanup()
  })

  it('reports the planted regressions of the regressing commit and fails the gate', () => {
    const c = compare(sb.out, repo.short(repo.commits.baseline), repo.short(repo.commits.regressing))
    assert.equal(c.json.mode, 'noise-adjusted')
    assert.deepEqual(
      moves(c.json, 'regression'),
      PLANTED.regressing.map((p) => `${p.test}/${p.metric}`).sort()
    )
    assert.equal(c.json.counts.regressions, PLANTED.regressing.length)
    assert.equal(c.json.counts.malformed, 0)
    // The stand-in's sidecars carry no host; the agent's run manifests name it.
    assert.equal(c.json.baseline.hosts.length, 1)
    assert.deepEqual(c.json.head.hosts, c.json.baseline.hosts)
    assert.equal(c.json.verdict, 'fail', 'the per-test worst_spread assertion (10 %) trips')
    assert.equal(c.code, 1)
  })

  it('reports no regression on the no-op commit', () => {
    const c = compare(sb.out, repo.short(repo.commits.baseline), repo.short(repo.commits.noop))
    assert.equal(c.json.counts.regressions, 0)
    assert.deepEqual(moves(c.json, 'improvement'), [])
    assert.equal(c.json.verdict, 'pass')
    assert.equal(c.code, 0)
  })

  it('reports the planted improvements of the improving commit, and passes', () => {
    const c = compare(sb.out, repo.short(repo.commits.baseline), repo.short(repo.commits.improving))
    assert.deepEqual(
      moves(c.json, 'improvement'),
      PLANTED.improving.map((p) => `${p.test}/${p.metric}`).sort()
    )
    assert.equal(c.json.counts.regressions, 0)
    assert.equal(c.json.verdict, 'pass')
    assert.equal(c.code, 0)
  })
})

describe('interleaving cancels slow host drift (stand-in drift model)', () => {
  // worst_spread drifts +8 % of its mean per run on the host. Run sequentially (all baseline
  // runs, then all HEAD runs) the drift alone looks like a +34 % regression; interleaved, the
  // two sides differ by one run's drift (~6 %) and the dual gate calls it unchanged.
  let repo: FixtureRepo
  let sb: Sandbox
  before(() => {
    repo = createFixtureRepo({
      model: {
        tests: [{ name: 'drift_perf', metrics: { worst_spread: { mean: 20, noise: 0.005, drift: 0.08 } } }]
      }
    })
    sb = sandbox()
  })
  after(() => {
    repo.cleanup()
    sb.cleanup()
  })

  const produceInto = async (out: string, sides: string[]): Promise<void> => {
    const r = await runAgent(
      [
        'produce',
        '--repo',
        repo.dir,
        ...sides,
        '--kernel',
        '6.14.2',
        '--runs',
        '5',
        '--no-cache',
        ...sb.flags(),
        '--out',
        out
      ],
      agentEnv({ KTSTR_STANDIN_STATE_DIR: `${out}.host-state` })
    )
    assert.equal(r.code, 0, r.stderr)
  }
  const base = (): string[] => ['--base', repo.commits.baseline]
  const head = (): string[] => ['--head', repo.commits.noop]

  it('interleaved: no regression on the no-op commit', async () => {
    const out = `${sb.root}/interleaved`
    await produceInto(out, [...base(), ...head()])
    const c = compare(out, repo.short(repo.commits.baseline), repo.short(repo.commits.noop))
    assert.equal(c.json.counts.regressions, 0)
    assert.equal(c.code, 0)
  })

  it('sequential (the control): the same drift shows up as a regression', async () => {
    const out = `${sb.root}/sequential`
    await produceInto(out, base())
    await produceInto(out, head())
    const c = compare(out, repo.short(repo.commits.baseline), repo.short(repo.commits.noop))
    assert.deepEqual(moves(c.json, 'regression'), ['drift_perf/worst_spread'])
  })
})
