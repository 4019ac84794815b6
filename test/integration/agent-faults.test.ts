import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createFixtureRepo, isAlive, type FixtureRepo } from '../helpers/fixture-repo.js'
import {
  agentEnv,
  lockIsFree,
  readPool,
  readSide,
  runAgent,
  sandbox,
  startAgent,
  waitFor,
  type Sandbox
} from '../stand-in/harness.js'
import { waitForExit } from '../helpers/wait.js'

describe('ktstr-agent under faults (subprocess)', () => {
  let repo: FixtureRepo
  before(() => {
    repo = createFixtureRepo()
  })
  after(() => repo.cleanup())

  const produceArgs = (sb: Sandbox, runs: number, extra: string[] = []): string[] => [
    'produce',
    '--repo',
    repo.dir,
    '--base',
    repo.commits.baseline,
    '--head',
    repo.commits.regressing,
    '--kernel',
    '6.14.2',
    '--runs',
    String(runs),
    '--kill-grace',
    '0.2',
    ...sb.flags(),
    ...extra
  ]

  /** Nothing the agent made is left: no worktree, no scratch checkout, no staging dir, lock free. */
  async function assertClean(sb: Sandbox): Promise<void> {
    assert.equal(repo.git('worktree', 'list').split('\n').length, 1, 'no worktree left behind')
    assert.deepEqual(existsSync(sb.scratch) ? readdirSync(sb.scratch) : [], [], 'scratch is empty')
    for (const side of existsSync(sb.out) ? readdirSync(sb.out) : [])
      assert.deepEqual(
        readSide(join(sb.out, side)).other,
        [],
        `only finished run-i directories in ${side} (no half-written run)`
      )
    await waitFor(() => lockIsFree(sb.lock), { what: `the host lock ${sb.lock} to be free` })
  }

  it('SIGTERM mid-run stops the run’s process group, removes checkouts, keeps only finished runs, frees the lock', async () => {
    const sb = sandbox()
    try {
      const pidfile = join(sb.root, 'hang.pids')
      const agent = startAgent(
        produceArgs(sb, 3),
        agentEnv({
          KTSTR_STANDIN_HANG: '1',
          KTSTR_STANDIN_PIDFILE: pidfile,
          KTSTR_STANDIN_FAULT_COMMIT: repo.short(repo.commits.regressing)
        })
      )
      await waitFor(() => existsSync(pidfile) && readFileSync(pidfile, 'utf8').split('\n').length >= 3, {
        what: 'the hung head run'
      })
      const pids = readFileSync(pidfile, 'utf8').trim().split('\n').map(Number)
      assert.ok(pids.every(isAlive))
      const staging = readdirSync(join(sb.out, `6.14.2-${repo.short(repo.commits.regressing)}`))
      assert.ok(
        staging.some((d) => d.startsWith('.partial-run-1-')),
        'the head run is being written in a staging dir'
      )
      agent.child.kill('SIGTERM')
      const r = await agent.done
      assert.equal(r.code, 143, r.stderr)
      assert.match(r.stderr, /SIGTERM: stopping the run, removing checkouts, releasing the host lock/)
      await waitForExit(pids, 'the stand-in and its grandchild to die')
      const runs = readPool(sb.out)
      assert.deepEqual(
        runs.map((x) => [x.manifest.side, x.manifest.runIndex]),
        [['base', 1]],
        'only the finished base run counts'
      )
      await assertClean(sb)
    } finally {
      sb.cleanup()
    }
  })

  it('SIGKILL of the agent mid-run: the orphaned run keeps the lock; the next produce stops it, prunes the stale checkout and staging dir', async () => {
    const sb = sandbox()
    const pidfile = join(sb.root, 'hang.pids')
    let pids: number[] = []
    try {
      const agent = startAgent(
        produceArgs(sb, 1),
        sb.env({ KTSTR_STANDIN_HANG: '1', KTSTR_STANDIN_PIDFILE: pidfile, KTSTR_STANDIN_FAULT_TIMES: '1' })
      )
      await waitFor(() => existsSync(pidfile) && readFileSync(pidfile, 'utf8').split('\n').length >= 3, {
        what: 'the hung run'
      })
      pids = readFileSync(pidfile, 'utf8').trim().split('\n').map(Number)
      agent.child.kill('SIGKILL')
      await agent.done
      // The hung run inherited the lock's file description: the lock is held while it lives.
      assert.ok(pids.every(isAlive), 'the orphaned run group outlived the agent (it hangs)')
      assert.equal(await lockIsFree(sb.lock), false, 'the lock is not free while the orphan runs')
      assert.equal(
        repo.git('worktree', 'list').split('\n').length,
        3,
        'the killed agent left its two checkouts'
      )
      const again = await runAgent(produceArgs(sb, 1), sb.env())
      assert.equal(again.code, 0, again.stderr)
      assert.match(again.stderr, /still held by run process group \d+ .* of a killed agent .*; stopping it/)
      assert.match(again.stderr, /removed a stale checkout left by a killed agent/)
      await waitForExit(pids, 'the orphaned run group to be stopped')
      assert.equal(readPool(sb.out).length, 2)
      await assertClean(sb)
    } finally {
      for (const p of pids) if (isAlive(p)) process.kill(p, 'SIGKILL')
      sb.cleanup()
    }
  })

  it('two concurrent produces on one host serialize; --lock-timeout gives up with a message', async () => {
    const a = sandbox()
    const b = sandbox()
    try {
      const slow = agentEnv({ KTSTR_STANDIN_SLOW_MS: '300' })
      const first = startAgent(produceArgs(a, 2), slow)
      await waitFor(() => first.stderrSoFar().includes('run 1/4'), {
        what: 'the first produce to hold the lock'
      })
      // Stopped, the first produce keeps the lock for as long as this test needs it, however slowly
      // the others start on a loaded machine; its lock helper (another process) holds the flock.
      first.child.kill('SIGSTOP')
      let second: ReturnType<typeof startAgent>
      try {
        const quick = await runAgent(
          [...produceArgs(b, 1), '--lock-file', a.lock, '--lock-timeout', '0'],
          slow
        )
        assert.equal(quick.code, 1)
        assert.match(
          quick.stderr,
          /the host lock .* is held by pid \d+ \(produce base \w+, head \w+ kernel 6\.14\.2\).*retry later or raise --lock-timeout/
        )
        second = startAgent([...produceArgs(b, 2), '--lock-file', a.lock], slow)
        const waiter = second
        await waitFor(() => waiter.stderrSoFar().includes('waiting for the host lock'), {
          what: 'the second produce to wait for the lock',
          observe: () => waiter.stderrSoFar().slice(-300)
        })
      } finally {
        first.child.kill('SIGCONT')
      }
      const [r1, r2] = await Promise.all([first.done, second.done])
      assert.equal(r1.code, 0, r1.stderr)
      assert.equal(r2.code, 0, r2.stderr)
      assert.match(r2.stderr, /waiting for the host lock .*, held by pid \d+/)
      const runsA = readPool(a.out)
      const runsB = readPool(b.out)
      assert.equal(runsA.length + runsB.length, 8)
      const lastA = Math.max(...runsA.map((x) => Date.parse(x.manifest.endedAt)))
      const firstB = Math.min(...runsB.map((x) => Date.parse(x.manifest.startedAt)))
      assert.ok(
        firstB >= lastA,
        'every run of the second produce started after the first produce’s last run ended'
      )
    } finally {
      a.cleanup()
      b.cleanup()
    }
  })

  it('a guest that sent no result (ktstr’s real message) is retried and recorded; a persistent one fails the produce', async () => {
    const sb = sandbox()
    try {
      const env = agentEnv({
        KTSTR_STANDIN_GUEST_FAIL: 'no-result',
        KTSTR_STANDIN_FAULT_TIMES: '1',
        KTSTR_STANDIN_STATE_DIR: sb.state
      })
      const r = await runAgent(produceArgs(sb, 2), env)
      assert.equal(r.code, 0, r.stderr)
      assert.match(
        r.stderr,
        /run 1\/4 base \w+ transient failure \(guest failure: ktstr_test '\w+' failed: no test result received from guest .*\) after \d+\.\d s; retry 1\/2/
      )
      const runs = readPool(sb.out)
      assert.deepEqual(
        runs.map((x) => x.manifest.attempts),
        [2, 1, 1, 1]
      )
      assert.match(runs[0]!.manifest.retryReasons![0]!, /no test result received from guest/)
      await assertClean(sb)

      const own = sandbox()
      try {
        const always = agentEnv({ KTSTR_STANDIN_GUEST_FAIL: 'crash' })
        const bad = await runAgent([...produceArgs(own, 2), '--retries', '1'], always)
        assert.equal(bad.code, 1)
        assert.match(
          bad.stderr,
          /run 1\/4 base \w+ failed for infrastructure reasons 2 time\(s\): guest failure: .*guest crashed: Kernel panic.* — check the host with `ktstr-agent doctor`/
        )
        assert.equal(readPool(own.out).length, 0)
        // The output above the last line, where the panic is, is in the log (at most 40 lines).
        const tail =
          /^ktstr-agent: run 1\/4 base \w+: last (\d+) line\(s\) of its output:\n((?:ktstr-agent: \| .*\n)+)/m.exec(
            bad.stderr
          )
        assert.ok(tail, bad.stderr)
        const shown = tail[2]!.trimEnd().split('\n')
        assert.equal(shown.length, Number(tail[1]))
        assert.ok(shown.length <= 40)
        assert.ok(
          shown.some((l) => /Kernel panic/.test(l)),
          tail[2]
        )
        await assertClean(own)
      } finally {
        own.cleanup()
      }
    } finally {
      sb.cleanup()
    }
  })

  it('a ResourceContention skip is retried; still skipped after the last retry, the run is kept, the test named, and not retried again', async () => {
    const sb = sandbox()
    try {
      const env = agentEnv({
        KTSTR_STANDIN_CONTENTION: 'sched_steady_perf',
        KTSTR_STANDIN_FAULT_COMMIT: repo.short(repo.commits.regressing)
      })
      const r = await runAgent(produceArgs(sb, 2, ['--retries', '1']), env)
      assert.equal(r.code, 0, r.stderr)
      assert.match(
        r.stderr,
        /run 2\/4 head \w+ transient failure \(1 test\(s\) skipped \(sched_steady_perf\).*retry 1\/1/
      )
      assert.match(
        r.stderr,
        /warning: run 2\/4 head \w+ still failing after 2 attempt\(s\) .* no sample from: sched_steady_perf/
      )
      const heads = readPool(sb.out).filter((x) => x.manifest.side === 'head')
      assert.deepEqual(
        heads.map((x) => x.manifest.attempts),
        [2, 1],
        'the second run does not retry a skip that outlived every retry of the first'
      )
      assert.match(r.stderr, /run 4\/4 head \w+ test-failure \(skipped again: sched_steady_perf\)/)
      assert.deepEqual(heads[1]!.manifest.skippedTests, ['sched_steady_perf'])
      const head = heads[0]!
      assert.equal(head.manifest.outcome, 'test-failure', 'a run with a test that has no sample is not ok')
      assert.deepEqual(head.manifest.skippedTests, ['sched_steady_perf'])
      assert.equal(head.manifest.retryReasons!.length, 2)
      const base = readPool(sb.out).find((x) => x.manifest.side === 'base')!
      assert.equal(base.manifest.outcome, 'ok')
      assert.deepEqual(base.manifest.skippedTests, [])
      await assertClean(sb)
    } finally {
      sb.cleanup()
    }
  })

  it('a missing /dev/kvm fails fast with ktstr’s message and a fix, never retried', async () => {
    const sb = sandbox()
    try {
      const r = await runAgent(produceArgs(sb, 2), agentEnv({ KTSTR_STANDIN_KVM: 'missing' }))
      assert.equal(r.code, 1)
      assert.match(
        r.stderr,
        /run 1\/4 base \w+: \/dev\/kvm not found\. KVM requires: — run on a KVM-capable host: .* \(not retried\)$/m
      )
      assert.doesNotMatch(r.stderr, /retry|attempt 2/)
      assert.equal(readPool(sb.out).length, 0)
      await assertClean(sb)
    } finally {
      sb.cleanup()
    }
  })

  it('ktstr’s CLI↔test version guard: a baseline pinning a newer ktstr is refused, saying which commit and what to do', async () => {
    const sb = sandbox()
    const pin = (branch: string, version: string): string => {
      repo.git('checkout', '-q', '-b', branch, repo.commits.baseline)
      writeFileSync(
        join(repo.dir, 'Cargo.lock'),
        `version = 4\n\n[[package]]\nname = "ktstr"\nversion = "${version}"\n\n[[package]]\nname = "scx_demo"\nversion = "0.1.0"\n`
      )
      repo.git('add', 'Cargo.lock')
      repo.git('commit', '-q', '-m', `pin ktstr ${version}`)
      const sha = repo.git('rev-parse', 'HEAD')
      repo.git('checkout', '-q', 'main')
      return sha
    }
    try {
      const newer = pin('pin-newer', '0.9.0')
      const same = pin('pin-same', '0.5.2')
      const args = (base: string): string[] =>
        produceArgs(sb, 1).map((a) =>
          a === repo.commits.baseline ? base : a === repo.commits.regressing ? same : a
        )
      const r = await runAgent(args(newer), agentEnv())
      assert.equal(r.code, 1)
      assert.match(
        r.stderr,
        new RegExp(
          `run 1/2 base ${repo.short(newer)}: base commit ${repo.short(newer)} \\(Cargo\\.lock: ktstr 0\\.9\\.0\\): ktstr refused the run: the commit's tests depend on ktstr 0\\.9\\.0 but this host's cargo-ktstr is 0\\.5\\.2 .* — upgrade cargo-ktstr on this runner to 0\\.9\\.0 or newer \\(cargo install --locked ktstr@0\\.9\\.0\\), or compare against a baseline that pins ktstr 0\\.5\\.2 or older`
        )
      )
      assert.match(r.stderr, /warning: base \w+ builds its tests against ktstr 0\.9\.0 \(Cargo\.lock\)/)
      assert.doesNotMatch(r.stderr, /retry/)
      await assertClean(sb)

      const ok = await runAgent(args(repo.commits.baseline), agentEnv())
      assert.equal(ok.code, 0, ok.stderr)
      const head = readPool(sb.out).find((x) => x.manifest.side === 'head')!
      assert.equal(head.manifest.testKtstrVersion, '0.5.2', 'the Cargo.lock pin is recorded')
      assert.equal(readPool(sb.out).find((x) => x.manifest.side === 'base')!.manifest.testKtstrVersion, null)
    } finally {
      sb.cleanup()
    }
  })

  it('a sidecar truncated by a crash mid-write is never counted; the run is retried', async () => {
    const sb = sandbox()
    try {
      const env = agentEnv({
        KTSTR_STANDIN_TRUNCATE: '1',
        KTSTR_STANDIN_FAULT_TIMES: '1',
        KTSTR_STANDIN_STATE_DIR: sb.state,
        KTSTR_STANDIN_FAULT_COMMIT: repo.short(repo.commits.regressing)
      })
      const r = await runAgent(produceArgs(sb, 1), env)
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stderr, /run 2\/2 head \w+ transient failure \(ktstr was killed by SIGKILL\)/)
      const head = readPool(sb.out).find((x) => x.manifest.side === 'head')!
      assert.equal(head.manifest.attempts, 2)
      assert.equal(head.sidecars.length, 2)
      await assertClean(sb)
    } finally {
      sb.cleanup()
    }
  })

  it('a run past --run-timeout is stopped with its whole group and counts as an infrastructure failure', async () => {
    const sb = sandbox()
    try {
      const pidfile = join(sb.root, 'hang.pids')
      const env = agentEnv({ KTSTR_STANDIN_HANG: '1', KTSTR_STANDIN_PIDFILE: pidfile })
      // On a loaded host the timeout can fire before the stand-in has started its hang (no pid
      // file yet): that attempt proves nothing about the group, so it is repeated, longer.
      let timeoutS = 1
      for (; ; timeoutS *= 2) {
        const r = await runAgent(
          [...produceArgs(sb, 1), '--run-timeout', String(timeoutS), '--retries', '0'],
          env
        )
        assert.equal(r.code, 1)
        assert.match(
          r.stderr,
          new RegExp(
            `run 1/2 base \\w+ failed for infrastructure reasons 1 time\\(s\\): no result within --run-timeout ${timeoutS} s`
          )
        )
        if (existsSync(pidfile) || timeoutS >= 32) break
        await waitFor(() => lockIsFree(sb.lock), { what: 'the lock before the next attempt' })
      }
      assert.ok(existsSync(pidfile), `the stand-in never started its hang within --run-timeout ${timeoutS} s`)
      const pids = readFileSync(pidfile, 'utf8').trim().split('\n').map(Number)
      await waitForExit(pids, 'the hung group to die')
      assert.equal(readPool(sb.out).length, 0)
      await assertClean(sb)
    } finally {
      sb.cleanup()
    }
  })
})
