import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parseSidecar } from '../../src/core/sidecar.js'
import { createFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js'
import { TOOLCHAIN } from '../../runner-agent/src/doctor.js'
import {
  agentEnv,
  lockIsFree,
  readPool,
  readSide,
  runAgent,
  sandbox,
  waitFor,
  type Sandbox
} from '../stand-in/harness.js'

describe('ktstr-agent produce (subprocess, stand-in, fixture repo)', () => {
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

  it('N=5 per side yields exactly 10 runs in ktstr layout, interleaved, with the right commits', async () => {
    const { baseline, regressing } = repo.commits
    const r = await runAgent(
      [
        'produce',
        '--repo',
        repo.dir,
        '--base',
        baseline,
        '--head',
        regressing,
        '--kernel',
        '6.14.2',
        '--runs',
        '5',
        ...sb.flags()
      ],
      sb.env()
    )
    assert.equal(r.code, 0, r.stderr)
    const b = repo.short(baseline)
    const h = repo.short(regressing)
    assert.deepEqual(readdirSync(sb.out).sort(), [`6.14.2-${b}`, `6.14.2-${h}`].sort())
    // Each run after the first says how long the rest should take, from the runs before it.
    assert.match(r.stderr, new RegExp(`^ktstr-agent: run 1/10 base ${b} started$`, 'm'))
    for (let i = 2; i <= 10; i++)
      assert.match(
        r.stderr,
        new RegExp(
          `^ktstr-agent: run ${i}/10 \\w+ \\w+ started; ~[\\d.]+ (s|min) left \\(mean [\\d.]+ (s|min) per run\\)$`,
          'm'
        )
      )
    assert.doesNotMatch(r.stderr, /of its output:/, 'runs that went well show no output')

    const runs = readPool(sb.out)
    assert.equal(runs.length, 10)
    assert.deepEqual(
      runs.map((x) => x.manifest.sequence),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    )
    assert.deepEqual(
      runs.map((x) => x.manifest.side),
      ['base', 'head', 'base', 'head', 'base', 'head', 'base', 'head', 'base', 'head'],
      'interleaved base, head, base, head …'
    )
    for (let i = 1; i < runs.length; i++)
      assert.ok(
        Date.parse(runs[i]!.manifest.startedAt) >= Date.parse(runs[i - 1]!.manifest.endedAt),
        `run ${i + 1} started after run ${i} ended`
      )
    for (const x of runs) {
      const want = x.manifest.side === 'base' ? baseline : regressing
      assert.equal(x.manifest.commit, want)
      assert.equal(x.manifest.commitShort, want.slice(0, 7))
      assert.equal(x.dir, join(sb.out, `6.14.2-${want.slice(0, 7)}`, `run-${x.manifest.runIndex}`))
      assert.equal(x.manifest.outcome, 'ok')
      assert.equal(x.manifest.attempts, 1)
      assert.equal(x.manifest.source, 'produced')
      assert.equal(
        x.manifest.ktstrVersion,
        'ktstr v0.5.2',
        'from cargo install --list: ktstr has no --version'
      )
      assert.equal(x.manifest.ktstrVersionSource, 'cargo install --list')
      assert.equal(x.manifest.testKtstrVersion, null, 'the fixture repo has no Cargo.lock')
      assert.match(x.manifest.registryHash, /^[0-9a-f]{8}$/)
      assert.deepEqual(x.manifest.command, ['cargo', 'ktstr', 'test', '--kernel', '6.14.2'])
      assert.equal(x.sidecars.length, 2, 'the two performance_mode tests (KTSTR_PERF_ONLY=1)')
      assert.deepEqual(x.sidecars, x.manifest.sidecars)
      for (const f of x.sidecars) {
        const p = parseSidecar(readFileSync(join(x.dir, f), 'utf8'), f)
        assert.ok(p.ok)
        assert.equal(p.sidecar.projectCommit, want.slice(0, 7))
        assert.equal(p.sidecar.runSource, 'ci', 'KTSTR_CI=1')
      }
    }
    for (const side of ['base', 'head'])
      assert.deepEqual(
        runs.filter((x) => x.manifest.side === side).map((x) => x.manifest.runIndex),
        [1, 2, 3, 4, 5]
      )

    assert.match(r.stderr, new RegExp(`run 3/10 base ${b} ok \\d+\\.\\d s`))
    assert.match(r.stderr, new RegExp(`run 10/10 head ${h} ok \\d+\\.\\d s`))
    assert.match(r.stdout, new RegExp(`base ${b} 5 run\\(s\\).*5 produced.*head ${h} 5 run\\(s\\)`))
    assert.equal(repo.git('worktree', 'list').split('\n').length, 1, 'no worktree left behind')
    assert.deepEqual(readdirSync(sb.scratch), [])
    await waitFor(() => lockIsFree(sb.lock), { what: `the host lock ${sb.lock} to be free` })
  })

  it('produces only what is missing: a top-up adds runs, a given side is not rerun', async () => {
    const { baseline, regressing } = repo.commits
    const common = ['--repo', repo.dir, '--kernel', '6.14.2', ...sb.flags(), '--no-cache', '--json']
    const same = await runAgent([
      'produce',
      ...common,
      '--base',
      baseline,
      '--head',
      regressing,
      '--runs',
      '5'
    ])
    assert.equal(same.code, 0, same.stderr)
    const j = JSON.parse(same.stdout) as {
      sides: Array<{ side: string; produced: number; existing: number; runs: number }>
    }
    assert.deepEqual(
      j.sides.map((s) => [s.side, s.existing, s.produced, s.runs]),
      [
        ['base', 5, 0, 5],
        ['head', 5, 0, 5]
      ]
    )
    const more = await runAgent(
      ['produce', ...common, '--base', baseline, '--head', regressing, '--runs', '6'],
      sb.env()
    )
    assert.equal(more.code, 0, more.stderr)
    const headOnly = await runAgent(
      ['produce', ...common, '--head', repo.commits.noop, '--runs', '2'],
      sb.env()
    )
    assert.equal(headOnly.code, 0, headOnly.stderr)
    const b = readSide(join(sb.out, `6.14.2-${repo.short(baseline)}`)).runs
    const h = readSide(join(sb.out, `6.14.2-${repo.short(regressing)}`)).runs
    const n = readSide(join(sb.out, `6.14.2-${repo.short(repo.commits.noop)}`)).runs
    assert.deepEqual([b.length, h.length, n.length], [6, 6, 2])
    assert.deepEqual(
      [b[5]!.manifest.sequence, h[5]!.manifest.sequence, b[5]!.manifest.totalRuns],
      [1, 2, 2],
      'the top-up ran one run per side, interleaved'
    )
    assert.ok(n.every((x) => x.manifest.side === 'head'))
    const spread = (x: (typeof b)[number]): number => {
      const f = x.sidecars.find((y) => y.startsWith('sched_steady_perf-'))!
      return (JSON.parse(readFileSync(join(x.dir, f), 'utf8')) as { stats: { worst_spread: number } }).stats
        .worst_spread
    }
    const values = b.map(spread)
    assert.equal(
      new Set(values).size,
      6,
      `the top-up run is a new sample, not a repeat: ${values.join(', ')}`
    )
  })

  it('--add N tops up each side by N runs of exactly the tests the filter selects (the top-up loop)', async () => {
    const own = sandbox()
    try {
      const sides = ['--base', repo.commits.baseline, '--head', repo.commits.regressing]
      const base = ['produce', '--repo', repo.dir, ...sides, '--kernel', '6.14.2']
      const first = await runAgent([...base, '--runs', '2', ...own.flags()], own.env())
      assert.equal(first.code, 0, first.stderr)
      // The filter `cargo ktstr replay` gives nextest for exact test names.
      const filter = 'test(/^(.*::)?sched_steady_perf$/)'
      const r = await runAgent([...base, '--add', '2', '--filter', filter, ...own.flags()], own.env())
      assert.equal(r.code, 0, r.stderr)
      const runs = readPool(own.out)
      for (const side of ['base', 'head']) {
        const mine = runs
          .filter((x) => x.manifest.side === side)
          .sort((a, b) => a.manifest.runIndex - b.manifest.runIndex)
        assert.deepEqual(
          mine.map((x) => x.manifest.runIndex),
          [1, 2, 3, 4]
        )
        for (const x of mine.slice(2)) {
          assert.deepEqual(
            x.sidecars.map((f) => f.split('-')[0]),
            ['sched_steady_perf']
          )
          assert.deepEqual(x.manifest.command.slice(-3), ['--', '-E', filter])
        }
        assert.ok(mine[0]!.sidecars.length > 1, 'the first runs ran the whole suite')
      }
      // Interleaved: base, head, base, head.
      assert.deepEqual(
        runs
          .filter((x) => x.manifest.runIndex > 2)
          .sort((a, b) => (a.manifest.sequence ?? 0) - (b.manifest.sequence ?? 0))
          .map((x) => x.manifest.side),
        ['base', 'head', 'base', 'head']
      )
      const both = await runAgent([...base, '--runs', '2', '--add', '1', ...own.flags()], own.env())
      assert.equal(both.code, 2)
      assert.match(both.stderr, /exactly one of --runs N .* or --add N/)
    } finally {
      own.cleanup()
    }
  })

  it('--filter reaches ktstr as `-- -E`; a filter matching nothing is "nothing to compare", exit 0', async () => {
    const own = sandbox()
    try {
      const args = [
        'produce',
        '--repo',
        repo.dir,
        '--base',
        repo.commits.baseline,
        '--head',
        repo.commits.noop
      ]
      const r = await runAgent([
        ...args,
        '--kernel',
        '6.14.2',
        '--runs',
        '1',
        '--filter',
        'test(steady)',
        ...own.flags()
      ])
      assert.equal(r.code, 0, r.stderr)
      const runs = readPool(own.out)
      assert.equal(runs.length, 2)
      for (const x of runs) {
        assert.deepEqual(
          x.sidecars.map((f) => f.split('-')[0]),
          ['sched_steady_perf']
        )
        assert.equal(x.manifest.filter, 'test(steady)')
        assert.deepEqual(x.manifest.command.slice(-3), ['--', '-E', 'test(steady)'])
      }
      const none = sandbox()
      try {
        const n = await runAgent([
          ...args,
          '--kernel',
          '6.14.2',
          '--runs',
          '2',
          '--filter',
          'test(=no_such_test)',
          ...none.flags()
        ])
        assert.equal(n.code, 0, n.stderr)
        assert.match(n.stderr, /no performance_mode sidecars produced at base \w+ — nothing to compare/)
        assert.equal(readPool(none.out).length, 0)
        assert.match(n.stdout, /base \w+ 0 run\(s\)/)
      } finally {
        none.cleanup()
      }
    } finally {
      own.cleanup()
    }
  })

  it('makes checkouts without running the repository’s git hooks', async () => {
    const own = sandbox()
    const fx = createFixtureRepo()
    try {
      const marker = join(own.root, 'hook-ran')
      const hook = join(fx.dir, '.git', 'hooks', 'post-checkout')
      writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 })
      const args = ['produce', '--repo', fx.dir, '--head', fx.commits.noop, '--kernel', 'k', '--runs', '1']
      const r = await runAgent([...args, ...own.flags()])
      assert.equal(r.code, 0, r.stderr)
      assert.equal(existsSync(marker), false, 'post-checkout did not run')
    } finally {
      fx.cleanup()
      own.cleanup()
    }
  })

  it('a failed test is kept and never retried', async () => {
    const own = sandbox()
    try {
      const { baseline, improving } = repo.commits
      const r = await runAgent(
        [
          'produce',
          '--repo',
          repo.dir,
          '--base',
          baseline,
          '--head',
          improving,
          '--kernel',
          '6.14.2',
          '--runs',
          '2',
          ...own.flags()
        ],
        agentEnv({
          KTSTR_STANDIN_FAIL_TEST: 'sched_mixed_perf',
          KTSTR_STANDIN_FAULT_COMMIT: repo.short(improving)
        })
      )
      assert.equal(r.code, 0, r.stderr)
      const runs = readPool(own.out)
      assert.equal(runs.length, 4)
      for (const x of runs.filter((y) => y.manifest.side === 'head')) {
        assert.equal(x.manifest.outcome, 'test-failure')
        assert.equal(x.manifest.attempts, 1, 'not retried')
        assert.deepEqual(
          x.manifest.exitStatus,
          { code: 1, signal: null },
          'cargo-ktstr exits 1 after nextest’s 100'
        )
        assert.deepEqual(x.manifest.failedTests, ['sched_mixed_perf'])
        assert.deepEqual(x.manifest.missingTests, [])
        assert.deepEqual(x.manifest.retryReasons, [])
        const failed = x.sidecars.find((f) => f.startsWith('sched_mixed_perf-'))!
        const p = parseSidecar(readFileSync(join(x.dir, failed), 'utf8'), failed)
        assert.ok(p.ok && !p.sidecar.passed)
      }
      assert.ok(runs.filter((y) => y.manifest.side === 'base').every((x) => x.manifest.outcome === 'ok'))
      assert.match(r.stderr, /run 2\/4 head \w+ test-failure \(failed: sched_mixed_perf\)/)
      // --quiet hides the runs' output; a failing run's last lines are shown.
      assert.match(
        r.stderr,
        /^ktstr-agent: run 2\/4 head \w+: last \d+ line\(s\) of its output:\nktstr-agent: \| /m
      )
      assert.doesNotMatch(r.stderr, /retry/)
    } finally {
      own.cleanup()
    }
  })

  it('refuses a head commit on no branch unless --allow-untrusted, and says why', async () => {
    const own = sandbox()
    try {
      const args = [
        'produce',
        '--repo',
        repo.dir,
        '--base',
        repo.commits.baseline,
        '--head',
        repo.commits.untrusted
      ]
      const r = await runAgent([...args, '--kernel', '6.14.2', '--runs', '1', ...own.flags()])
      assert.equal(r.code, 1)
      assert.match(
        r.stderr,
        new RegExp(
          `refusing to run head commit ${repo.short(repo.commits.untrusted)}: it is on no branch .*fork pull-request.*--allow-untrusted`
        )
      )
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line, no stack trace')
      assert.ok(!existsSync(own.out), 'nothing ran')
      const ok = await runAgent([
        ...args,
        '--kernel',
        '6.14.2',
        '--runs',
        '1',
        '--allow-untrusted',
        ...own.flags()
      ])
      assert.equal(ok.code, 0, ok.stderr)
      assert.equal(readPool(own.out).length, 2)
    } finally {
      own.cleanup()
    }
  })

  it('bad input exits 2 with one line: unknown commit, missing --kernel, base equal to head', async () => {
    const base = ['produce', '--repo', repo.dir, ...sb.flags()]
    const unknown = await runAgent([...base, '--head', 'deadbeef', '--kernel', 'k', '--runs', '1'])
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /--head deadbeef: no such commit .* fetch it first/)
    const noKernel = await runAgent([...base, '--head', repo.commits.noop, '--runs', '1'])
    assert.equal(noKernel.code, 2)
    assert.match(noKernel.stderr, /--kernel/)
    const same = await runAgent([
      ...base,
      '--base',
      repo.commits.noop,
      '--head',
      'noop',
      '--kernel',
      'k',
      '--runs',
      '1'
    ])
    assert.equal(same.code, 2)
    assert.match(same.stderr, /resolves to HEAD — nothing to compare/)
  })
})

describe('ktstr-agent doctor (subprocess)', () => {
  it('reports this machine truthfully: /dev/kvm and cargo ktstr as they are', async () => {
    const env = agentEnv()
    env.PATH = process.env.PATH // no stand-in: the real cargo, which lacks ktstr here
    const r = await runAgent(['doctor', '--json'], env)
    const j = JSON.parse(r.stdout) as {
      ok: boolean
      checks: Array<{ name: string; status: string; detail: string; fix: string | null }>
    }
    const kvm = j.checks.find((c) => c.name === 'kvm')!
    if (existsSync('/dev/kvm')) assert.notEqual(kvm.detail, '/dev/kvm does not exist')
    else {
      assert.equal(kvm.status, 'fail')
      assert.equal(kvm.detail, '/dev/kvm does not exist')
      assert.equal(r.code, 1, 'a host without /dev/kvm cannot produce')
      assert.equal(j.ok, false)
    }
    const names = j.checks.map((c) => c.name)
    for (const n of [
      'kvm',
      'ktstr',
      'governor',
      'smt',
      'cpus',
      'perf-mode',
      'disk:out',
      'localfs:out',
      'git',
      'flock'
    ])
      assert.ok(names.includes(n), `check ${n}`)
    for (const c of j.checks) if (c.status !== 'ok') assert.ok(c.fix, `${c.name} has a fix`)
  })

  it('passes every check it can with the stand-in and a usable KVM device; fails on KTSTR_NO_PERF_MODE', async () => {
    const sb = sandbox()
    try {
      const dev = join(sb.root, 'kvm')
      writeFileSync(dev, '')
      const args = ['doctor', '--out', sb.out, '--scratch', sb.scratch, '--min-free-gib', '0']
      // The kernel build toolchain doctor looks for, as stubs (this test host need not have them).
      const tools = join(sb.root, 'tools')
      mkdirSync(tools)
      for (const t of TOOLCHAIN) writeFileSync(join(tools, t), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
      const withTools = (extra: Record<string, string>): NodeJS.ProcessEnv => {
        const e = agentEnv(extra)
        return { ...e, PATH: `${tools}${delimiter}${e.PATH}` }
      }
      const r = await runAgent(args, withTools({ KTSTR_AGENT_KVM_DEVICE: dev }))
      const lines = r.stdout.trim().split('\n')
      assert.match(
        lines.find((l) => l.includes(' kvm '))!,
        /^ok\s+kvm\s+.* is readable and writable by this user$/
      )
      assert.match(
        lines.find((l) => l.includes(' ktstr '))!,
        /^ok\s+ktstr\s+`cargo ktstr` is ktstr v0\.5\.2 \(from cargo install --list\)$/
      )
      assert.match(
        lines.find((l) => l.includes(' registry '))!,
        /^ok\s+registry\s+metric registry hash [0-9a-f]{8}$/
      )
      assert.ok(!lines.some((l) => l.startsWith('FAIL')), r.stdout)
      assert.equal(r.code, 0)
      const off = await runAgent(args, withTools({ KTSTR_AGENT_KVM_DEVICE: dev, KTSTR_NO_PERF_MODE: '1' }))
      assert.equal(off.code, 1)
      assert.match(off.stdout, /^FAIL perf-mode .*KTSTR_NO_PERF_MODE=1 .* — fix: remove KTSTR_NO_PERF_MODE/m)
      const missing = await runAgent(args, agentEnv({ KTSTR_AGENT_KVM_DEVICE: join(sb.root, 'absent') }))
      assert.equal(missing.code, 1)
      assert.match(missing.stdout, /^FAIL kvm\s+.*absent does not exist — fix: /m)
    } finally {
      sb.cleanup()
    }
  })
})
