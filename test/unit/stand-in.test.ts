import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parseSidecar } from '../../src/core/sidecar.js'
import { buildRegistry } from '../../src/core/registry.js'
import snapshot from '../../src/core/registry-snapshot.json' with { type: 'json' }
import {
  baselineModel,
  createFixtureRepo,
  isAlive,
  standInPath,
  type FixtureRepo,
  type Model
} from '../helpers/fixture-repo.js'
import { waitFor, waitForExit } from '../helpers/wait.js'
import { DEFAULT_VERSION } from '../stand-in/stand-in.mjs'

const template = JSON.parse(
  readFileSync(new URL('../stand-in/sidecar-template.json', import.meta.url), 'utf8')
) as Record<string, unknown>

interface Ran {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs `cargo ktstr ARGS` through the shim (as the agent does) in `cwd`. */
function cargoKtstr(cwd: string, args: string[], env: Record<string, string> = {}): Ran {
  const base: Record<string, string | undefined> = { ...process.env, PATH: standInPath() }
  for (const k of Object.keys(base)) if (k.startsWith('KTSTR_')) delete base[k]
  const r = spawnSync('cargo', ['ktstr', ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } })
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }
}

function sidecarsIn(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.ktstr.json'))
        .sort()
    : []
}

// Sidecars are deep JSON; the tests read known paths of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json
}

describe('stand-in cargo-ktstr', () => {
  let repo: FixtureRepo
  let scratch: string
  before(() => {
    repo = createFixtureRepo()
    scratch = mkdtempSync(join(tmpdir(), 'standin-test-'))
  })
  after(() => {
    repo.cleanup()
    rmSync(scratch, { recursive: true, force: true })
  })

  /** A fresh worktree of `sha` so runs do not share a target dir. */
  let wt = 0
  function checkout(sha: string): string {
    const dir = join(scratch, `wt-${wt++}`)
    repo.git('worktree', 'add', '-q', '--detach', dir, sha)
    return dir
  }

  it('writes one sidecar per test in the real schema into target/ktstr/{kernel}-{commit}/', () => {
    const dir = checkout(repo.commits.baseline)
    const r = cargoKtstr(dir, ['test', '--kernel', '6.14.2'])
    assert.equal(r.status, 0, r.stderr)
    const short = repo.short(repo.commits.baseline)
    const out = join(dir, 'target', 'ktstr', `6.14.2-${short}`)
    const files = sidecarsIn(out)
    assert.equal(files.length, 3, 'all three tests without KTSTR_PERF_ONLY')
    for (const f of files) {
      const text = readFileSync(join(out, f), 'utf8')
      const parsed = parseSidecar(text, f)
      assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.error))
      const json = JSON.parse(text) as Record<string, unknown>
      assert.deepEqual(
        Object.keys(json).sort(),
        Object.keys(template).sort(),
        'every field of the real schema'
      )
      assert.equal(json.project_commit, short)
      assert.equal(json.kernel_version, '6.14.2')
      assert.equal(json.run_source, 'local')
      assert.match(f, /^[a-z_]+-[0-9a-f]{16}\.ktstr\.json$/)
    }
    const steady = readJson(
      join(
        out,
        files.find((f) => f.startsWith('sched_steady_perf-'))!
      )
    )
    assert.ok(
      Math.abs(steady.stats.worst_spread - 20) < 20 * 0.2,
      `worst_spread ${steady.stats.worst_spread} near 20`
    )
    assert.ok(Number.isInteger(steady.stats.total_migrations))
    assert.equal(typeof steady.stats.ext_metrics.worst_p99_wake_latency_us, 'number')
    assert.deepEqual(steady.perf_delta_assertions, [
      { metric: 'worst_spread', max_regression_pct: 10, min_abs: null, direction: null, phase: null }
    ])
  })

  it('KTSTR_PERF_ONLY, KTSTR_CI and an -E filter restrict and label the runs', () => {
    const dir = checkout(repo.commits.baseline)
    const side = join(scratch, 'perf-only')
    const r = cargoKtstr(
      dir,
      ['test', '--kernel', '6.14.2', '--', '-E', 'test(=sched_mixed_perf) | test(smoke)'],
      {
        KTSTR_PERF_ONLY: '1',
        KTSTR_CI: '1',
        KTSTR_SIDECAR_DIR: side
      }
    )
    assert.equal(r.status, 0, r.stderr)
    const files = sidecarsIn(side)
    assert.deepEqual(
      files.map((f) => f.split('-')[0]),
      ['sched_mixed_perf'],
      'smoke is not a performance_mode test'
    )
    assert.equal(readJson(join(side, files[0]!)).run_source, 'ci')
    const bad = cargoKtstr(dir, ['test', '--kernel', 'k', '--', '-E', 'package(x) & test(y)'])
    assert.equal(bad.status, 2)
    assert.match(bad.stderr, /unsupported filterset/)
  })

  it('pre-clears top-level sidecars of the default dir only, and never KTSTR_SIDECAR_DIR', () => {
    const dir = checkout(repo.commits.baseline)
    const out = join(dir, 'target', 'ktstr', `6.14.2-${repo.short(repo.commits.baseline)}`)
    mkdirSync(join(out, 'run-1'), { recursive: true })
    writeFileSync(join(out, 'stale-0000.ktstr.json'), '{}')
    writeFileSync(join(out, 'run-1', 'kept-0000.ktstr.json'), '{}')
    assert.equal(cargoKtstr(dir, ['test', '--kernel', '6.14.2']).status, 0)
    assert.ok(!existsSync(join(out, 'stale-0000.ktstr.json')), 'top-level stale sidecar removed')
    assert.ok(existsSync(join(out, 'run-1', 'kept-0000.ktstr.json')), 'subdirectory untouched')

    const side = join(scratch, 'as-is')
    mkdirSync(side)
    writeFileSync(join(side, 'other-0000.ktstr.json'), '{}')
    assert.equal(cargoKtstr(dir, ['test', '--kernel', '6.14.2'], { KTSTR_SIDECAR_DIR: side }).status, 0)
    assert.ok(existsSync(join(side, 'other-0000.ktstr.json')), 'KTSTR_SIDECAR_DIR is used as-is')
    assert.equal(sidecarsIn(side).length, 4)
  })

  it('labels a dirty tree `-dirty` and honours KTSTR_PROJECT_COMMIT', () => {
    const dir = checkout(repo.commits.noop)
    writeFileSync(join(dir, 'README.md'), 'edited\n')
    const side = join(scratch, 'dirty')
    assert.equal(cargoKtstr(dir, ['test', '--kernel', '6.14.2'], { KTSTR_SIDECAR_DIR: side }).status, 0)
    assert.equal(
      readJson(join(side, sidecarsIn(side)[0]!)).project_commit,
      `${repo.short(repo.commits.noop)}-dirty`
    )
    const forced = join(scratch, 'forced')
    cargoKtstr(dir, ['test', '--kernel', '6.14.2'], {
      KTSTR_SIDECAR_DIR: forced,
      KTSTR_PROJECT_COMMIT: 'abcdef0'
    })
    assert.equal(readJson(join(forced, sidecarsIn(forced)[0]!)).project_commit, 'abcdef0')
  })

  it('is reproducible: the same commit and run index give the same values; the next run differs', () => {
    const values = (dir: string, tag: string): number[] => {
      const side = join(scratch, tag)
      assert.equal(cargoKtstr(dir, ['test', '--kernel', '6.14.2'], { KTSTR_SIDECAR_DIR: side }).status, 0)
      const f = sidecarsIn(side).find((x) => x.startsWith('sched_steady_perf-'))!
      const j = readJson(join(side, f))
      return [j.stats.worst_spread, j.stats.total_migrations, j.monitor.max_imbalance_ratio]
    }
    const a = checkout(repo.commits.baseline)
    const b = checkout(repo.commits.baseline)
    const a0 = values(a, 'rep-a0')
    const a1 = values(a, 'rep-a1')
    const b0 = values(b, 'rep-b0')
    assert.deepEqual(a0, b0, 'run 0 of the same commit in two checkouts')
    assert.notDeepEqual(a0, a1, 'run 1 draws new noise')
  })

  it('with a host state dir, fresh checkouts keep counting runs, so no draw repeats', () => {
    const state = join(scratch, 'host-state')
    const draw = (tag: string): number => {
      const side = join(scratch, tag)
      const dir = checkout(repo.commits.baseline)
      const r = cargoKtstr(dir, ['test', '--kernel', 'k'], {
        KTSTR_SIDECAR_DIR: side,
        KTSTR_STANDIN_STATE_DIR: state
      })
      assert.equal(r.status, 0, r.stderr)
      return readJson(
        join(
          side,
          sidecarsIn(side).find((f) => f.startsWith('sched_steady_perf-'))!
        )
      ).stats.worst_spread
    }
    const a = draw('host-a')
    const b = draw('host-b')
    assert.notEqual(a, b)
  })

  it('draws from the committed model: the regressing commit moves its planted mean', () => {
    const mean = (sha: string, tag: string): number => {
      const dir = checkout(sha)
      let sum = 0
      for (let i = 0; i < 5; i++) {
        const side = join(scratch, `${tag}-${i}`)
        assert.equal(
          cargoKtstr(dir, ['test', '--kernel', '6.14.2', '--', '-E', 'test(steady)'], {
            KTSTR_SIDECAR_DIR: side
          }).status,
          0
        )
        sum += readJson(join(side, sidecarsIn(side)[0]!)).stats.worst_spread as number
      }
      return sum / 5
    }
    const base = mean(repo.commits.baseline, 'm-base')
    const reg = mean(repo.commits.regressing, 'm-reg')
    assert.ok(Math.abs(base - 20) < 1.5, `baseline mean ${base}`)
    assert.ok(Math.abs(reg - 30) < 2, `regressing mean ${reg}`)
  })

  it('applies slow drift over the host run sequence (KTSTR_STANDIN_STATE_DIR)', () => {
    const model: Model = baselineModel()
    model.tests = [{ name: 'drift_perf', metrics: { worst_spread: { mean: 10, noise: 0, drift: 0.1 } } }]
    const fx = createFixtureRepo({ model })
    try {
      const state = join(scratch, 'drift-state')
      const got: number[] = []
      for (let i = 0; i < 3; i++) {
        const side = join(scratch, `drift-${i}`)
        assert.equal(
          cargoKtstr(fx.dir, ['test', '--kernel', 'k'], {
            KTSTR_SIDECAR_DIR: side,
            KTSTR_STANDIN_STATE_DIR: state
          }).status,
          0
        )
        got.push(readJson(join(side, sidecarsIn(side)[0]!)).stats.worst_spread as number)
      }
      assert.deepEqual(
        got.map((v) => Math.round(v * 1000) / 1000),
        [10, 11, 12]
      )
    } finally {
      fx.cleanup()
    }
  })

  it('fault knobs: exit code, failed test, VM boot failure, truncated write', () => {
    const dir = checkout(repo.commits.baseline)
    const s1 = join(scratch, 'f-exit')
    const exit = cargoKtstr(dir, ['test', '--kernel', 'k'], {
      KTSTR_SIDECAR_DIR: s1,
      KTSTR_STANDIN_EXIT_CODE: '3'
    })
    assert.equal(exit.status, 3)
    assert.equal(sidecarsIn(s1).length, 3, 'sidecars written before the non-zero exit')

    const s2 = join(scratch, 'f-fail')
    const failed = cargoKtstr(dir, ['test', '--kernel', 'k'], {
      KTSTR_SIDECAR_DIR: s2,
      KTSTR_STANDIN_FAIL_TEST: 'sched_mixed_perf'
    })
    assert.equal(failed.status, 1, "cargo-ktstr turns nextest's 100 into `error: …` and exit 1")
    assert.match(failed.stderr, /^error: cargo nextest run exited with 100$/m)
    assert.match(failed.stdout, /^ {8}FAIL \[ +[\d.]+s\] \(\d\/3\) scx_demo::ktstr ktstr\/sched_mixed_perf$/m)
    const states = sidecarsIn(s2).map((f) => [f.split('-')[0], readJson(join(s2, f)).passed])
    assert.deepEqual(Object.fromEntries(states), {
      sched_mixed_perf: false,
      sched_smoke: true,
      sched_steady_perf: true
    })

    for (const [kind, message] of [
      [
        'no-result',
        /^ktstr_test 'sched_smoke' failed: no test result received from guest \(no AssertResult arrived via SHM or COM2/m
      ],
      ['crash', /^ktstr_test 'sched_smoke' failed: guest crashed: Kernel panic/m],
      ['sys-rdy', /ktstr-init: send_sys_rdy failed within boot budget;[^]*no test result received from guest/]
    ] as const) {
      const s3 = join(scratch, `f-guest-${kind}`)
      const guest = cargoKtstr(dir, ['test', '--kernel', 'k'], {
        KTSTR_SIDECAR_DIR: s3,
        KTSTR_STANDIN_GUEST_FAIL: kind
      })
      assert.equal(guest.status, 1, kind)
      assert.match(guest.stdout, message)
      assert.match(guest.stderr, /^error: cargo nextest run exited with 100$/m)
      assert.equal(sidecarsIn(s3).length, 0, 'a guest that never reported writes no sidecar')
    }
    const alias = cargoKtstr(dir, ['test', '--kernel', 'k'], {
      KTSTR_SIDECAR_DIR: join(scratch, 'f-boot'),
      KTSTR_STANDIN_BOOT_FAIL: '1'
    })
    assert.match(alias.stdout, /no test result received from guest/, 'BOOT_FAIL=1 is GUEST_FAIL=no-result')
    assert.doesNotMatch(alias.stdout + alias.stderr, /VM boot failed/, 'ktstr never prints this')

    for (const [kvm, first] of [
      ['missing', 'error: /dev/kvm not found. KVM requires:'],
      ['denied', "error: /dev/kvm: permission denied. Add your user to the 'kvm' group:"]
    ] as const) {
      const sk = join(scratch, `f-kvm-${kvm}`)
      const r = cargoKtstr(dir, ['test', '--kernel', 'k'], { KTSTR_SIDECAR_DIR: sk, KTSTR_STANDIN_KVM: kvm })
      assert.equal(r.status, 1)
      assert.equal(r.stderr.split('\n')[0], first)
      assert.equal(sidecarsIn(sk).length, 0, 'check_kvm runs before any test')
    }

    const sc = join(scratch, 'f-contention')
    const cont = cargoKtstr(dir, ['test', '--kernel', 'k'], {
      KTSTR_SIDECAR_DIR: sc,
      KTSTR_STANDIN_CONTENTION: 'sched_smoke'
    })
    assert.equal(cont.status, 0, 'ResourceContention is a skip: exit 0')
    const skip = Object.fromEntries(
      sidecarsIn(sc).map((f) => {
        const j = readJson(join(sc, f))
        return [f.split('-')[0], [j.passed, j.skipped, j.work_type]]
      })
    )
    assert.deepEqual(skip.sched_smoke, [true, true, 'skipped'])
    assert.equal(skip.sched_steady_perf[1], false)

    const s4 = join(scratch, 'f-trunc')
    const trunc = cargoKtstr(dir, ['test', '--kernel', 'k'], {
      KTSTR_SIDECAR_DIR: s4,
      KTSTR_STANDIN_TRUNCATE: '1'
    })
    assert.equal(trunc.signal, 'SIGKILL', 'crashed mid-write (the shim exec()s, so it is the killed process)')
    const files = sidecarsIn(s4)
    assert.equal(files.length, 1)
    const parsed = parseSidecar(readFileSync(join(s4, files[0]!), 'utf8'), files[0]!)
    assert.equal(parsed.ok, false, 'half a sidecar does not parse')
  })

  it('fault scoping: KTSTR_STANDIN_FAULT_COMMIT and KTSTR_STANDIN_FAULT_TIMES', () => {
    const dir = checkout(repo.commits.baseline)
    const other = cargoKtstr(dir, ['test', '--kernel', 'k'], {
      KTSTR_SIDECAR_DIR: join(scratch, 'scope-a'),
      KTSTR_STANDIN_BOOT_FAIL: '1',
      KTSTR_STANDIN_FAULT_COMMIT: repo.short(repo.commits.regressing)
    })
    assert.equal(other.status, 0, 'fault scoped to another commit')
    const state = join(scratch, 'scope-state')
    const env = {
      KTSTR_STANDIN_BOOT_FAIL: '1',
      KTSTR_STANDIN_FAULT_TIMES: '2',
      KTSTR_STANDIN_STATE_DIR: state
    }
    const codes = [0, 1, 2].map(
      (i) =>
        cargoKtstr(dir, ['test', '--kernel', 'k'], { ...env, KTSTR_SIDECAR_DIR: join(scratch, `scope-${i}`) })
          .status
    )
    assert.deepEqual(codes, [1, 1, 0], 'boots fail twice, then succeed')
  })

  it('hang: the stand-in and its grandchild stay up until their process group is killed', async () => {
    const dir = checkout(repo.commits.baseline)
    const pidfile = join(scratch, 'hang.pids')
    const child = spawn('cargo', ['ktstr', 'test', '--kernel', 'k'], {
      cwd: dir,
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        PATH: standInPath(),
        KTSTR_STANDIN_HANG: '1',
        KTSTR_STANDIN_PIDFILE: pidfile,
        KTSTR_SIDECAR_DIR: join(scratch, 'hang')
      }
    })
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)))
    const pidLines = (): string[] =>
      existsSync(pidfile) ? readFileSync(pidfile, 'utf8').split('\n').filter(Boolean) : []
    await waitFor(() => pidLines().length >= 2, {
      what: `both pids in ${pidfile}`,
      observe: () => pidLines()
    })
    const pids = pidLines().map(Number)
    assert.equal(pids.length, 2)
    for (const p of pids) assert.ok(isAlive(p), `pid ${p} alive`)
    process.kill(-child.pid!, 'SIGKILL')
    assert.equal(await exited, 'SIGKILL')
    await waitForExit(pids, 'the stand-in and its grandchild to die with their group')
  })

  it('stats list-metrics --json prints the registry snapshot', () => {
    const r = cargoKtstr(scratch, ['stats', 'list-metrics', '--json'])
    assert.equal(r.status, 0)
    const json = JSON.parse(r.stdout) as unknown
    assert.deepEqual(json, snapshot)
    assert.equal(buildRegistry(json, 'live', 'stand-in').metrics.length, 105)
  })

  it('has no --version, like real cargo-ktstr (clap usage error, exit 2); cargo install --list names it', () => {
    const v = cargoKtstr(scratch, ['--version'])
    assert.equal(v.status, 2)
    assert.equal(v.stdout, '')
    assert.equal(
      v.stderr,
      "error: unexpected argument '--version' found\n\nUsage: cargo ktstr <COMMAND>\n\nFor more information, try '--help'.\n"
    )
    const h = cargoKtstr(scratch, ['--help'])
    assert.equal(h.status, 0)
    assert.match(h.stdout, /^Usage: cargo ktstr <COMMAND>$/m)
    const list = (env: Record<string, string> = {}): string =>
      spawnSync('cargo', ['install', '--list'], {
        encoding: 'utf8',
        env: { ...process.env, PATH: standInPath(), ...env }
      }).stdout
    assert.equal(
      list(),
      `ktstr v${DEFAULT_VERSION}:\n    cargo-ktstr\n    ktstr\n`,
      'the shim and stand-in agree'
    )
    assert.match(list({ KTSTR_STANDIN_VERSION: '9.9.9' }), /^ktstr v9\.9\.9:$/m)
  })

  it("show-host prints ktstr's host rows (key: value)", () => {
    const r = cargoKtstr(scratch, ['show-host'])
    assert.equal(r.status, 0)
    for (const k of ['kernel_name', 'kernel_release', 'arch', 'cpu_model', 'hugepages_total', 'online_cpus'])
      assert.match(r.stdout, new RegExp(`^${k}: .+$`, 'm'))
  })

  it('the CLI↔test version guard: a Cargo.lock pinning a newer ktstr is refused, an older one warned about', () => {
    const dir = checkout(repo.commits.baseline)
    const lock = (v: string): void =>
      writeFileSync(
        join(dir, 'Cargo.lock'),
        `version = 4\n\n[[package]]\nname = "anyhow"\nversion = "1.0.0"\n\n[[package]]\nname = "ktstr"\nversion = "${v}"\n`
      )
    lock('0.9.0')
    const newer = cargoKtstr(dir, ['test', '--kernel', 'k'], { KTSTR_SIDECAR_DIR: join(scratch, 'g-new') })
    assert.equal(newer.status, 1)
    assert.equal(
      newer.stderr.trim(),
      `error: the test was built against ktstr 0.9.0 but the cargo-ktstr CLI is ${DEFAULT_VERSION} — the CLI is older than the ktstr the test depends on and cannot drive it. Upgrade the CLI: \`cargo install ktstr\` (or \`cargo install --path .\` in the ktstr repo).`
    )
    assert.equal(sidecarsIn(join(scratch, 'g-new')).length, 0)
    lock('0.4.9')
    const older = cargoKtstr(dir, ['test', '--kernel', 'k'], { KTSTR_SIDECAR_DIR: join(scratch, 'g-old') })
    assert.equal(older.status, 0)
    assert.match(
      older.stderr,
      /^cargo ktstr: warning: the test was built against ktstr 0\.4\.9 but the cargo-ktstr CLI is .* — version skew\./m
    )
    assert.equal(sidecarsIn(join(scratch, 'g-old')).length, 3)
    rmSync(join(dir, 'Cargo.lock'))
  })

  it('rejects a model naming a metric outside the registry, with the JSON path', () => {
    const model = baselineModel()
    model.tests[0]!.metrics = { not_a_metric: { mean: 1 } }
    const fx = createFixtureRepo({ model })
    try {
      const r = cargoKtstr(fx.dir, ['test', '--kernel', 'k'])
      assert.equal(r.status, 2)
      assert.match(r.stderr, /\$\.tests\[0\]\.metrics\.not_a_metric: not a ktstr registry metric/)
    } finally {
      fx.cleanup()
    }
  })
})
