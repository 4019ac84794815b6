// The agent side of issue 11, tried as an attacker would, against the built ktstr-agent bundle
// and the stand-in ktstr: a pull request must not feed the host cache that other pull requests
// rely on, must not see the runner's credentials, and must not keep running beside the next
// produce after the agent was killed.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createFixtureRepo, isAlive, type FixtureRepo } from '../helpers/fixture-repo.js'
import {
  readPool,
  readSide,
  runAgent,
  sandbox,
  startAgent,
  waitFor,
  type Sandbox
} from '../stand-in/harness.js'

const KERNEL = '6.14.2'
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex')

interface Entry {
  entry: { commit: string; runs: Array<{ dir: string; files: Record<string, string> }> } | null
}

describe('ktstr-agent security (subprocess, stand-in ktstr)', () => {
  let repo: FixtureRepo
  before(() => {
    repo = createFixtureRepo()
  })
  after(() => repo.cleanup())

  const produceArgs = (
    sb: Sandbox,
    out: string,
    o: { head?: string; runs: number },
    extra: string[] = []
  ) => [
    'produce',
    '--repo',
    repo.dir,
    '--base',
    repo.commits.baseline,
    ...(o.head ? ['--head', o.head] : []),
    '--kernel',
    KERNEL,
    '--runs',
    String(o.runs),
    ...sb.flags(),
    '--out',
    out,
    ...extra
  ]
  const cacheEntries = async (sb: Sandbox): Promise<Entry[]> => {
    const ls = await runAgent(['cache', 'ls', '--cache-dir', sb.cache, '--json'])
    assert.equal(ls.code, 0, ls.stderr)
    return JSON.parse(ls.stdout) as Entry[]
  }

  describe('host-cache poisoning', () => {
    it('a run planted in the pool (committed by a PR, or restored) never enters the cache, so no later PR reuses it', async () => {
      const sb = sandbox()
      try {
        // A genuine run of the baseline on this host (what a public artifact carries), no cache.
        const src = join(sb.root, 'pool-public')
        const made = await runAgent(produceArgs(sb, src, { runs: 1 }, ['--no-cache']), sb.env())
        assert.equal(made.code, 0, made.stderr)
        const genuine = readPool(src)[0]!
        // The attacker's copy: same manifest, a sidecar with a far better worst_spread.
        const sideName = `${KERNEL}-${repo.short(repo.commits.baseline)}`
        const pr = join(sb.root, 'pool-pr')
        const planted = join(pr, sideName, 'run-1')
        cpSync(genuine.dir, planted, { recursive: true })
        const plantedHashes = new Set<string>()
        for (const f of genuine.sidecars) {
          const text = readFileSync(join(planted, f), 'utf8')
          const inflated = text.replace(/"worst_spread": [0-9.e+-]+/g, '"worst_spread": 0.125')
          assert.notEqual(inflated, text, 'the sidecar carries worst_spread')
          writeFileSync(join(planted, f), inflated)
          plantedHashes.add(sha256(inflated))
        }

        const r = await runAgent(produceArgs(sb, pr, { head: repo.commits.regressing, runs: 2 }), sb.env())
        assert.equal(r.code, 0, r.stderr)
        assert.match(r.stdout, /base \w+ 2 run\(s\) \(1 already there, 0 from cache, 1 produced\)/)

        const entries = await cacheEntries(sb)
        assert.equal(entries.length, 1)
        const runs = entries[0]!.entry!.runs
        assert.equal(runs.length, 1, 'only the run this produce made is cached')
        for (const run of runs)
          for (const h of Object.values(run.files))
            assert.ok(!plantedHashes.has(h), 'the planted sidecar is not in the cache')
        assert.match(r.stderr, /cache: stored 1 baseline run\(s\) of \w+ made in this call/)

        // Another PR on the same baseline: whatever the cache gives it is not the planted run.
        const other = join(sb.root, 'pool-other')
        const r2 = await runAgent(produceArgs(sb, other, { head: repo.commits.improving, runs: 2 }), sb.env())
        assert.equal(r2.code, 0, r2.stderr)
        assert.match(r2.stdout, /base \w+ 2 run\(s\) \(0 already there, 1 from cache, 1 produced\)/)
        for (const x of readSide(join(other, sideName)).runs)
          for (const f of x.sidecars)
            assert.ok(
              !plantedHashes.has(sha256(readFileSync(join(x.dir, f)))),
              `${x.name} (${x.manifest.source}) is not the planted run`
            )
        // That produce added its own run to the entry: the cache grows only by runs made here.
        assert.equal((await cacheEntries(sb))[0]!.entry!.runs.length, 2)
      } finally {
        sb.cleanup()
      }
    })

    it('--no-cache-store, or a call that runs fork code (--allow-untrusted), reads the cache but adds nothing', async () => {
      const sb = sandbox()
      try {
        const a = await runAgent(
          produceArgs(sb, join(sb.root, 'p1'), { head: repo.commits.regressing, runs: 1 }, [
            '--no-cache-store'
          ]),
          sb.env()
        )
        assert.equal(a.code, 0, a.stderr)
        assert.match(a.stderr, /cache: not storing the baseline runs of \w+: --no-cache-store/)
        assert.deepEqual(await cacheEntries(sb), [])

        const b = await runAgent(
          produceArgs(sb, join(sb.root, 'p2'), { head: repo.commits.untrusted, runs: 1 }, [
            '--allow-untrusted'
          ]),
          sb.env()
        )
        assert.equal(b.code, 0, b.stderr)
        assert.match(
          b.stderr,
          /cache: not storing the baseline runs of \w+: this call ran a commit that is on no branch/
        )
        assert.deepEqual(await cacheEntries(sb), [])
      } finally {
        sb.cleanup()
      }
    })
  })

  describe('credentials', () => {
    it('cargo ktstr test (the code under test) sees no runner credential, only the allow-listed environment', async () => {
      const sb = sandbox()
      try {
        const dump = join(sb.root, 'env.json')
        const runner = {
          'INPUT_GITHUB-TOKEN': 'ghs_agentTestWriteToken0001',
          INPUT_KERNEL: KERNEL,
          ACTIONS_RUNTIME_TOKEN: 'eyJruntime.token',
          ACTIONS_RESULTS_URL: 'https://results.example.invalid/',
          GITHUB_TOKEN: 'ghs_agentTestWriteToken0001',
          GH_TOKEN: 'ghp_pat0001',
          GITHUB_ENV: join(sb.root, 'set_env'),
          RUNNER_TEMP: sb.root,
          CARGO_REGISTRY_TOKEN: 'cio_0001',
          KTSTR_LOCK_DIR: join(sb.root, 'locks')
        }
        const r = await runAgent(
          // cargo-ktstr directly: the test's `cargo` shim is a sh script, and sh drops names with '-'.
          produceArgs(sb, join(sb.root, 'pool'), { runs: 1 }, [
            '--no-cache',
            '--ktstr-command',
            'cargo-ktstr ktstr'
          ]),
          sb.env({ ...runner, KTSTR_STANDIN_ENV_DUMP: dump })
        )
        assert.equal(r.code, 0, r.stderr)
        const seen = JSON.parse(readFileSync(dump, 'utf8')) as Record<string, string>
        for (const k of [
          'INPUT_GITHUB-TOKEN',
          'INPUT_KERNEL',
          'ACTIONS_RUNTIME_TOKEN',
          'ACTIONS_RESULTS_URL',
          'GITHUB_TOKEN',
          'GH_TOKEN',
          'GITHUB_ENV',
          'RUNNER_TEMP',
          'CARGO_REGISTRY_TOKEN'
        ])
          assert.ok(!(k in seen), `${k} reached cargo ktstr`)
        const values = Object.values(seen).join('\n')
        for (const secret of ['ghs_agentTestWriteToken0001', 'eyJruntime.token', 'ghp_pat0001', 'cio_0001'])
          assert.ok(!values.includes(secret), 'no credential value reached cargo ktstr')
        assert.equal(seen.KTSTR_LOCK_DIR, runner.KTSTR_LOCK_DIR, 'KTSTR_* passes')
        assert.equal(seen.KTSTR_STANDIN_STATE_DIR, sb.state)
        assert.equal(seen.KTSTR_CI, '1')
        assert.ok(seen.KTSTR_SIDECAR_DIR, 'the agent’s own KTSTR_* settings pass')
        assert.ok(seen.PATH && seen.HOME !== undefined)
      } finally {
        sb.cleanup()
      }
    })
  })

  describe('persisted checkout credentials', () => {
    it('warns when the repository keeps a token in its git config, which every worktree (and so the code under test) can read', async () => {
      const sb = sandbox()
      const key = 'http.https://github.com/.extraheader'
      try {
        repo.git('config', key, 'AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==')
        const r = await runAgent(
          produceArgs(sb, join(sb.root, 'pool'), { runs: 1 }, ['--no-cache']),
          sb.env()
        )
        assert.equal(r.code, 0, r.stderr)
        assert.match(
          r.stderr,
          /warning: .* keeps a credential in its git config \(http\.https:\/\/github\.com\/\.extraheader; .*persist-credentials: false/
        )
        assert.ok(!r.stderr.includes('eC1hY2Nlc3M'), 'the value is never printed')
      } finally {
        repo.git('config', '--unset', key)
        sb.cleanup()
      }
    })
  })

  describe('a SIGKILLed agent', () => {
    it('leaves no run beside the next produce: its hung run keeps the lock until the next produce stops it, and its worktree is not deleted under it', async () => {
      const sb = sandbox()
      const pidfile = join(sb.root, 'hang.pids')
      let pids: number[] = []
      let monitor: NodeJS.Timeout | undefined
      try {
        const out = join(sb.root, 'pool')
        const args = produceArgs(sb, out, { head: repo.commits.regressing, runs: 1 }, ['--kill-grace', '0.2'])
        // Only the first `cargo ktstr test` hangs (a guest that never answers); later ones finish.
        const agent = startAgent(
          args,
          sb.env({ KTSTR_STANDIN_HANG: '1', KTSTR_STANDIN_PIDFILE: pidfile, KTSTR_STANDIN_FAULT_TIMES: '1' })
        )
        await waitFor(() => existsSync(pidfile) && readFileSync(pidfile, 'utf8').split('\n').length >= 3, {
          what: 'the stand-in to hang in the first run'
        })
        pids = readFileSync(pidfile, 'utf8').trim().split('\n').map(Number)
        const worktree = readlinkSync(`/proc/${pids[0]}/cwd`)
        assert.ok(worktree.startsWith(sb.scratch), `the run works in the agent's checkout (${worktree})`)
        agent.child.kill('SIGKILL')
        await agent.done

        // Watch for the attack's damage: the orphan's worktree gone while the orphan still runs.
        let deletedUnderLiveRun = false
        monitor = setInterval(() => {
          if (isAlive(pids[0]!) && !existsSync(worktree) && isAlive(pids[0]!)) deletedUnderLiveRun = true
        }, 10)
        const second = startAgent(args, sb.env())
        await waitFor(() => /run 1\/2 \w+ \w+ started/.test(second.stderrSoFar()), {
          what: 'the second produce to start its first run',
          observe: () => second.stderrSoFar()
        })
        assert.deepEqual(
          pids.filter(isAlive),
          [],
          'the orphaned run (stand-in and its grandchild) was gone before the second produce ran'
        )
        const r = await second.done
        assert.equal(r.code, 0, r.stderr)
        assert.match(r.stderr, /still held by run process group \d+ .* of a killed agent .*; stopping it/)
        assert.equal(deletedUnderLiveRun, false, 'the orphan’s worktree was not deleted while it ran')
        assert.equal(readPool(out).length, 2, 'the second produce made both runs')
      } finally {
        clearInterval(monitor)
        for (const p of pids) if (isAlive(p)) process.kill(p, 'SIGKILL')
        sb.cleanup()
      }
    })
  })
})
