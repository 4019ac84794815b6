/**
 * The stand-in `cargo-ktstr` (DESIGN.md §9): behaves like ktstr where ktstr-perf-gate depends
 * on it, without a kernel or KVM. Plain JS so it starts fast (it runs once per produce run).
 *
 *   cargo-ktstr [ktstr] test --kernel K [-- -E FILTER]
 *   cargo-ktstr [ktstr] stats list-metrics [--json]
 *   cargo-ktstr [ktstr] show-host
 *   cargo-ktstr [ktstr] --help
 *
 * Like real cargo-ktstr (src/bin/cargo_ktstr/cli.rs: its clap parsers carry no `version`),
 * `--version` is a clap usage error (exit 2); bin/cargo answers `cargo install --list`.
 *
 * Metric values come from `ktstr-model.json` at the top of the project's git work tree
 * (see README.md beside this file), drawn with a seeded generator keyed by
 * (commit, test, metric, run index) so the same sequence of runs gives the same numbers.
 */
import { spawn, spawnSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import * as os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const REGISTRY_FILE = join(HERE, '..', '..', 'src', 'core', 'registry-snapshot.json')
const TEMPLATE_FILE = join(HERE, 'sidecar-template.json')
export const MODEL_FILE = 'ktstr-model.json'
/** The ktstr version this stand-in plays (KTSTR_STANDIN_VERSION overrides; bin/cargo lists the same). */
export const DEFAULT_VERSION = '0.5.2'

/** Exit status of `cargo nextest run` when a test failed; cargo-ktstr then prints `error: …` and exits 1. */
const NEXTEST_TEST_FAILED = 100

/** The messages of real ktstr (likewhatevs/ktstr), one per fault the stand-in can play. */
export const KTSTR_MESSAGES = {
  // src/test_support/eval.rs ERR_NO_TEST_RESULT_FROM_GUEST
  noResult:
    'no test result received from guest (no AssertResult arrived via SHM or COM2; check kernel log and scheduler exit status)',
  // src/test_support/eval.rs ERR_GUEST_CRASHED_PREFIX
  crash: 'guest crashed: Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009',
  // src/vmm/rust_init: guest-side WARN when the guest never signalled readiness
  sysRdy:
    'WARN ktstr::vmm::rust_init: ktstr-init: send_sys_rdy failed within boot budget; see https://likewhatevs.github.io/ktstr/guide/troubleshooting.html#send_sys_rdy-timeout budget_ms=11200 vcpus=2 elapsed_ms=11342 port_exists=false kern_addrs_sent=false',
  // src/cli.rs check_kvm
  kvmMissing:
    "/dev/kvm not found. KVM requires:\n  - Linux kernel with KVM support (CONFIG_KVM)\n  - Access to /dev/kvm (check permissions or add user to 'kvm' group)\n  - Hardware virtualization enabled in BIOS (VT-x/AMD-V)",
  kvmDenied:
    "/dev/kvm: permission denied. Add your user to the 'kvm' group:\n  sudo usermod -aG kvm $USER\n  then log out and back in.",
  // src/bin/cargo_ktstr/run_cargo.rs run_cargo_sub, after a failed nextest
  nextestFailed:
    'cargo ktstr: nextest reported failures (see its summary above); per-test artifacts for failures that produced them are listed above.'
}

/** src/bin/cargo_ktstr/run_cargo.rs version_guard: test newer than the CLI aborts, older warns. */
export function versionGuardMessage(cli, test) {
  const c = compareSemver(test, cli)
  if (c > 0)
    return {
      refused: true,
      text: `the test was built against ktstr ${test} but the cargo-ktstr CLI is ${cli} — the CLI is older than the ktstr the test depends on and cannot drive it. Upgrade the CLI: \`cargo install ktstr\` (or \`cargo install --path .\` in the ktstr repo).`
    }
  if (c < 0)
    return {
      refused: false,
      text: `the test was built against ktstr ${test} but the cargo-ktstr CLI is ${cli} — version skew. Align them (bump the test's ktstr dependency, or use a matching CLI) to avoid surprises.`
    }
  return null
}

/** Semver precedence of major.minor.patch (build metadata ignored, as ktstr's guard does). */
export function compareSemver(a, b) {
  const parse = (v) =>
    v
      .split('+')[0]
      .split('-')[0]
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0)
  const [x, y] = [parse(a), parse(b)]
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1
  return 0
}

/** The ktstr versions a Cargo.lock pins. */
function lockedKtstr(root) {
  let text
  try {
    text = readFileSync(join(root, 'Cargo.lock'), 'utf8')
  } catch {
    return []
  }
  const out = []
  for (const block of text.split(/^\[\[package\]\]\s*$/m).slice(1)) {
    const name = /^name\s*=\s*"([^"]*)"/m.exec(block)?.[1]
    const version = /^version\s*=\s*"([^"]*)"/m.exec(block)?.[1]
    if (name === 'ktstr' && version) out.push(version)
  }
  return out
}

/** A clap usage error: `error: …`, usage, hint, exit 2 (clap's own format). */
class ClapError extends Error {
  constructor(message, usage) {
    super(`error: ${message}\n\nUsage: ${usage}\n\nFor more information, try '--help'.`)
  }
}

/** A ktstr error: main() prints `error: {e:#}` and exits 1. */
class KtstrError extends Error {}

class StandInError extends Error {}

function fail(message) {
  throw new StandInError(message)
}

// ---------------------------------------------------------------- seeded generator

/** FNV-1a 32-bit of a string. */
export function fnv1a32(s) {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** mulberry32: tiny, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One standard-normal draw (Box–Muller) from a seeded generator. */
function normal(rand) {
  const u = Math.max(rand(), 1e-12)
  const v = rand()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/**
 * The value of one metric on one run: mean × (1 + drift × sequence) × (1 + noise × z),
 * z standard normal seeded by (commit, test, metric, run index). Never negative.
 */
export function drawValue(spec, key) {
  const rand = mulberry32(fnv1a32(`${key.commit}|${key.test}|${key.metric}|${key.runIndex}`))
  const z = normal(rand)
  const drift = 1 + (spec.drift ?? 0) * key.sequence
  return Math.max(0, spec.mean * drift * (1 + (spec.noise ?? 0) * z))
}

// ---------------------------------------------------------------- model

/** Reads and checks the fixture repo's model file; every error names the JSON path. */
export function readModel(file, registryNames) {
  let json
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    fail(`cannot read model ${file}: ${e.message}`)
  }
  if (!json || !Array.isArray(json.tests)) fail(`${file}: $.tests must be an array of tests`)
  json.tests.forEach((t, i) => {
    const at = `${file}: $.tests[${i}]`
    if (typeof t.name !== 'string' || !/^[A-Za-z0-9_]+$/.test(t.name))
      fail(`${at}.name must be a test fn name`)
    if (typeof t.metrics !== 'object' || t.metrics === null) fail(`${at}.metrics must be an object`)
    for (const [name, spec] of Object.entries(t.metrics)) {
      if (!registryNames.has(name)) fail(`${at}.metrics.${name}: not a ktstr registry metric`)
      if (typeof spec?.mean !== 'number' || !Number.isFinite(spec.mean))
        fail(`${at}.metrics.${name}.mean must be a number`)
      for (const k of ['noise', 'drift'])
        if (spec[k] !== undefined && (typeof spec[k] !== 'number' || !Number.isFinite(spec[k])))
          fail(`${at}.metrics.${name}.${k} must be a number`)
      if ((spec.noise ?? 0) < 0) fail(`${at}.metrics.${name}.noise must be >= 0 (relative, 0.02 = 2%)`)
    }
    for (const [j, a] of (t.perf_delta_assertions ?? []).entries())
      if (typeof a?.metric !== 'string' || !registryNames.has(a.metric))
        fail(`${at}.perf_delta_assertions[${j}].metric must be a registry metric`)
  })
  return json
}

// ---------------------------------------------------------------- filters (nextest -E subset)

/**
 * A predicate for nextest's filterset subset the stand-in understands: `all()`,
 * `test(x)` / `test(~x)` (contains), `test(=x)` (equals), `test(/re/)`, joined with `|` or `or`.
 * A bare word is a substring. Anything else is an error, so a test never passes by accident.
 */
export function parseFilter(expr) {
  const alts = expr.split(/\s*(?:\||\bor\b)\s*/).filter((s) => s.length > 0)
  if (alts.length === 0) fail(`empty -E filter`)
  const preds = alts.map((alt) => {
    if (alt === 'all()') return () => true
    const m = /^test\((.*)\)$/.exec(alt)
    if (!m) {
      if (/^[A-Za-z0-9_:]+$/.test(alt)) return (name) => name.includes(alt)
      fail(
        `unsupported filterset ${JSON.stringify(alt)} (the stand-in knows all(), test(x), test(=x), test(/re/))`
      )
    }
    const arg = m[1]
    if (arg.startsWith('=')) return (name) => name === arg.slice(1)
    if (arg.startsWith('/') && arg.endsWith('/') && arg.length >= 2) {
      const re = new RegExp(arg.slice(1, -1))
      return (name) => re.test(name)
    }
    const needle = arg.startsWith('~') ? arg.slice(1) : arg
    return (name) => name.includes(needle)
  })
  return (name) => preds.some((p) => p(name) || p(`ktstr/${name}`))
}

// ---------------------------------------------------------------- project commit

function git(cwd, args) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : null
}

/** Walks up from `cwd` to the directory holding `.git` (a dir, or a file in a worktree). */
export function findProjectRoot(cwd) {
  let dir = resolve(cwd)
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir
    const up = dirname(dir)
    if (up === dir) return null
    dir = up
  }
}

/** ktstr's project_commit label: 7 lowercase hex of HEAD, `-dirty` when the tree differs. */
export function projectCommit(root) {
  if (process.env.KTSTR_PROJECT_COMMIT) return process.env.KTSTR_PROJECT_COMMIT
  if (!root) return null
  const head = git(root, ['rev-parse', '--verify', '-q', 'HEAD'])
  if (!head) return null
  const status = git(root, ['status', '--porcelain', '--untracked-files=no'])
  return head.slice(0, 7).toLowerCase() + (status ? '-dirty' : '')
}

// ---------------------------------------------------------------- sidecar building

const STATS_INT = new Set(['total_migrations', 'worst_gap_ms', 'total_iterations'])
const STATS_FLOAT = new Set([
  'worst_spread',
  'worst_migration_ratio',
  'worst_page_locality',
  'worst_cross_node_migration_ratio'
])

/** Variant hash over run-independent identity (ktstr: topology, scheduler, payload, work_type, sysctls, kargs). */
export function variantHash(t) {
  const id = JSON.stringify([
    t.topology,
    t.scheduler,
    t.payload ?? null,
    t.work_type,
    t.sysctls ?? [],
    t.kargs ?? []
  ])
  return fnv1a32(id).toString(16).padStart(8, '0') + fnv1a32(`v2|${id}`).toString(16).padStart(8, '0')
}

function round(v) {
  return Math.round(v)
}

/** Puts a registry metric's value where ktstr's sidecar carries it (sidecar-schema.md). */
function place(sidecar, name, value) {
  const mon = sidecar.monitor
  if (STATS_INT.has(name)) sidecar.stats[name] = round(value)
  else if (STATS_FLOAT.has(name)) sidecar.stats[name] = value
  else if (name === 'max_imbalance_ratio') mon.max_imbalance_ratio = value
  else if (name === 'max_dsq_depth') mon.max_local_dsq_depth = round(value)
  else if (name === 'stuck_count') mon.stall_detected = value >= 0.5
  else if (name === 'total_fallback') mon.event_deltas.total_fallback = round(value)
  else if (name === 'total_keep_last') mon.event_deltas.total_dispatch_keep_last = round(value)
  else if (name === 'avg_nr_running') mon.avg_nr_running = value
  else sidecar.stats.ext_metrics[name] = value
}

function runId(now, counter) {
  const iso = now.toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z-${counter}`
}

/**
 * KTSTR_STANDIN_HOST_SHIFT=f: the whole host is f slower (f > 0) or faster (f < 0): every metric
 * value is × (1 + f), as a host whose firmware, microcode or neighbours changed would move them all.
 */
function hostShift() {
  const raw = process.env.KTSTR_STANDIN_HOST_SHIFT
  if (!raw) return 0
  const f = Number(raw)
  if (!Number.isFinite(f) || f <= -1)
    fail(`KTSTR_STANDIN_HOST_SHIFT must be a number above -1, got ${JSON.stringify(raw)}`)
  return f
}

/** One sidecar for one test on one run, in ktstr's full field set (every field written). */
export function buildSidecar(template, test, ctx) {
  const s = structuredClone(template)
  s.test_name = test.name
  s.topology = test.topology ?? template.topology
  s.scheduler = test.scheduler ?? template.scheduler
  s.work_type = test.work_type ?? template.work_type
  s.payload = test.payload ?? null
  s.sysctls = test.sysctls ?? []
  s.kargs = test.kargs ?? []
  s.project_commit = ctx.commit
  s.scheduler_commit = null
  s.kernel_version = ctx.kernelVersion
  s.kernel_commit = null
  s.passed = !ctx.failed
  s.skipped = false
  s.inconclusive = false
  s.timestamp = ctx.now.toISOString().replace(/\.\d{3}Z$/, 'Z')
  s.run_id = runId(ctx.now, ctx.counter)
  s.run_source = process.env.KTSTR_CI ? 'ci' : 'local'
  s.host = null
  s.stats.ext_metrics = {}
  for (const [name, spec] of Object.entries(test.metrics)) {
    const key = {
      commit: ctx.commit ?? 'unknown',
      test: test.name,
      metric: name,
      runIndex: ctx.runIndex,
      sequence: ctx.sequence
    }
    place(s, name, drawValue(spec, key) * (1 + hostShift()))
  }
  s.perf_delta_assertions = (test.perf_delta_assertions ?? []).map((a) => ({
    metric: a.metric,
    max_regression_pct: a.max_regression_pct ?? null,
    min_abs: a.min_abs ?? null,
    direction: a.direction ?? null,
    phase: a.phase ?? null
  }))
  return s
}

// ---------------------------------------------------------------- counters and faults

function readCounter(file) {
  try {
    const n = Number.parseInt(readFileSync(file, 'utf8'), 10)
    return Number.isFinite(n) ? n : 0
  } catch {
    return 0
  }
}

/** Returns the counter's value before this call and stores value + 1. */
function bump(file) {
  const n = readCounter(file)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${n + 1}\n`)
  return n
}

/**
 * Fault knobs (environment). They apply when KTSTR_STANDIN_FAULT_COMMIT (a prefix) matches
 * the project commit, if set, and only for the first KTSTR_STANDIN_FAULT_TIMES faulting
 * invocations, if set (counted in KTSTR_STANDIN_STATE_DIR).
 */
function activeFaults(env, commit) {
  const knobs = {
    exitCode: env.KTSTR_STANDIN_EXIT_CODE ? Number.parseInt(env.KTSTR_STANDIN_EXIT_CODE, 10) : null,
    hang: env.KTSTR_STANDIN_HANG === '1',
    truncate: env.KTSTR_STANDIN_TRUNCATE === '1',
    failTest: env.KTSTR_STANDIN_FAIL_TEST || null,
    // KTSTR_STANDIN_BOOT_FAIL=1 is the older name of GUEST_FAIL=no-result.
    guestFail: env.KTSTR_STANDIN_GUEST_FAIL || (env.KTSTR_STANDIN_BOOT_FAIL === '1' ? 'no-result' : null),
    contention: env.KTSTR_STANDIN_CONTENTION || null,
    kvm: env.KTSTR_STANDIN_KVM || null
  }
  if (knobs.guestFail && !['no-result', 'crash', 'sys-rdy'].includes(knobs.guestFail))
    fail(`KTSTR_STANDIN_GUEST_FAIL must be no-result, crash or sys-rdy`)
  if (knobs.kvm && !['missing', 'denied'].includes(knobs.kvm))
    fail(`KTSTR_STANDIN_KVM must be missing or denied`)
  const any =
    knobs.exitCode !== null ||
    knobs.hang ||
    knobs.truncate ||
    knobs.failTest ||
    knobs.guestFail ||
    knobs.contention ||
    knobs.kvm
  if (!any) return null
  const only = env.KTSTR_STANDIN_FAULT_COMMIT
  if (only && !(commit ?? '').startsWith(only)) return null
  if (env.KTSTR_STANDIN_FAULT_TIMES) {
    const times = Number.parseInt(env.KTSTR_STANDIN_FAULT_TIMES, 10)
    if (!env.KTSTR_STANDIN_STATE_DIR)
      fail('KTSTR_STANDIN_FAULT_TIMES needs KTSTR_STANDIN_STATE_DIR to count faults')
    const seen = bump(join(env.KTSTR_STANDIN_STATE_DIR, 'faults'))
    if (seen >= times) return null
  }
  return knobs
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms))
}

// ---------------------------------------------------------------- commands

function parseTestArgs(args) {
  let kernel = null
  let filter = null
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--kernel') kernel = args[++i] ?? fail('--kernel needs a value')
    else if (a.startsWith('--kernel=')) kernel = a.slice('--kernel='.length)
    else if (a === '-E' || a === '--filterset') filter = args[++i] ?? fail(`${a} needs a filterset`)
    else if (a === '--') continue
    else if (a === '--no-capture' || a === '--no-fail-fast') continue
    else fail(`test: unexpected argument ${JSON.stringify(a)}`)
  }
  return { kernel, filter }
}

/** Sanitised kernel label for directory names (ktstr uses the version; paths become their last part). */
export function kernelLabel(kernel) {
  const base = kernel.replace(/\/+$/, '').split('/').pop() || 'unknown'
  return base.replace(/[^A-Za-z0-9._-]/g, '_')
}

async function cmdTest(args) {
  const env = process.env
  // What the code under test could read: `cargo ktstr test` builds and runs the PR's code.
  if (env.KTSTR_STANDIN_ENV_DUMP)
    writeFileSync(env.KTSTR_STANDIN_ENV_DUMP, JSON.stringify(env, null, 2) + '\n')
  const { kernel, filter } = parseTestArgs(args)
  const root = findProjectRoot(process.cwd())
  if (!root) fail('not inside a git work tree (the stand-in reads ktstr-model.json from the project root)')
  const modelFile = join(root, MODEL_FILE)
  if (!existsSync(modelFile)) fail(`no ${MODEL_FILE} at ${root}; the stand-in needs a fixture model`)
  const registry = JSON.parse(readFileSync(REGISTRY_FILE, 'utf8'))
  const model = readModel(modelFile, new Set(registry.map((m) => m.name)))
  const commit = projectCommit(root)
  const label = kernel ? kernelLabel(kernel) : 'unknown'
  const kernelVersion = kernel && /^\d+\.\d+/.test(label) ? label : null

  const target = env.CARGO_TARGET_DIR ? resolve(env.CARGO_TARGET_DIR) : join(root, 'target')
  const runsRoot = join(target, 'ktstr')
  // Run index of this commit: per host when KTSTR_STANDIN_STATE_DIR is set (so fresh checkouts
  // keep counting, as real runs never repeat), else per checkout (target dir).
  const counters = env.KTSTR_STANDIN_STATE_DIR || join(runsRoot, '.standin')
  const runIndex = bump(join(counters, `runs-${commit ?? 'unknown'}`))
  const sequence = env.KTSTR_STANDIN_STATE_DIR
    ? bump(join(env.KTSTR_STANDIN_STATE_DIR, 'sequence'))
    : runIndex

  const faults = activeFaults(env, commit)
  // run_test: check_kvm, then the CLI↔test version guard, before nextest runs anything.
  if (faults?.kvm)
    throw new KtstrError(faults.kvm === 'missing' ? KTSTR_MESSAGES.kvmMissing : KTSTR_MESSAGES.kvmDenied)
  const pinned = lockedKtstr(root)[0]
  const guard = pinned ? versionGuardMessage(env.KTSTR_STANDIN_VERSION || DEFAULT_VERSION, pinned) : null
  if (guard?.refused) throw new KtstrError(guard.text)
  if (guard) console.error(`cargo ktstr: warning: ${guard.text}`)
  if (faults?.hang) {
    // A grandchild in our process group: the agent must kill the whole group.
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' })
    if (env.KTSTR_STANDIN_PIDFILE) writeFileSync(env.KTSTR_STANDIN_PIDFILE, `${process.pid}\n${child.pid}\n`)
    console.error('ktstr: guest hung (stand-in KTSTR_STANDIN_HANG=1)')
    setInterval(() => {}, 1 << 30)
    return new Promise(() => {})
  }

  let dir
  if (env.KTSTR_SIDECAR_DIR) {
    dir = env.KTSTR_SIDECAR_DIR // as-is: no pre-clear
  } else {
    dir = join(runsRoot, `${label}-${commit ?? 'unknown'}`)
    // Shallow pre-clear: top-level sidecars only, subdirectories untouched.
    if (existsSync(dir))
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isFile() && e.name.endsWith('.json') && e.name.includes('.ktstr.'))
          unlinkSync(join(dir, e.name))
  }
  mkdirSync(dir, { recursive: true })

  const slow = Number.parseInt(env.KTSTR_STANDIN_SLOW_MS ?? '0', 10)
  if (slow > 0) await sleep(slow)

  const perfOnly = env.KTSTR_PERF_ONLY === '1'
  const match = filter ? parseFilter(filter) : () => true
  const tests = model.tests.filter((t) => (!perfOnly || t.performance_mode !== false) && match(t.name))
  const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8'))
  let failures = 0
  let counter = 0
  const binary = 'scx_demo::ktstr'
  const matches = (knob, name) => knob === '*' || knob === name
  for (const [i, t] of tests.entries()) {
    const status = (word) =>
      `        ${word} [${(slow / 1000).toFixed(3).padStart(8)}s] (${i + 1}/${tests.length}) ${binary} ktstr/${t.name}`
    if (faults?.guestFail) {
      // The guest never reported: the test fails and no sidecar is written.
      failures++
      console.log(status('FAIL'))
      console.log(`──── STDERR:             ${binary} ktstr/${t.name}`)
      if (faults.guestFail === 'sys-rdy') console.log(KTSTR_MESSAGES.sysRdy)
      console.log(
        `ktstr_test '${t.name}' failed: ${faults.guestFail === 'crash' ? KTSTR_MESSAGES.crash : KTSTR_MESSAGES.noResult}`
      )
      continue
    }
    const contended = faults?.contention && matches(faults.contention, t.name)
    const failed =
      !contended && (faults?.failTest === '*' || faults?.failTest === t.name || t.passed === false)
    if (failed) failures++
    const sidecar = buildSidecar(template, t, {
      commit,
      kernelVersion,
      runIndex,
      sequence,
      now: new Date(),
      counter: counter++,
      failed
    })
    if (contended) {
      // ResourceContention at VM build: a skip sidecar (write_skip_sidecar), exit 0. nextest shows
      // PASS and keeps the test's `ktstr: SKIP: resource contention: …` stderr to itself.
      Object.assign(sidecar, { passed: true, skipped: true, work_type: 'skipped', monitor: null })
      sidecar.stats = structuredClone(template.stats)
      sidecar.stats.ext_metrics = {}
    }
    const file = join(dir, `${t.name}-${variantHash(t)}.ktstr.json`)
    const text = JSON.stringify(sidecar, null, 2) + '\n'
    if (faults?.truncate) {
      // Crash mid-write: half a file on disk, then die the way a killed process does.
      const fd = openSync(file, 'w')
      writeSync(fd, text.slice(0, Math.floor(text.length / 2)))
      closeSync(fd)
      process.kill(process.pid, 'SIGKILL')
      process.exit(137)
    }
    writeFileSync(file, text)
    console.log(status(failed ? 'FAIL' : 'PASS'))
  }
  console.log(
    `     Summary [${(slow / 1000).toFixed(3).padStart(8)}s] ${tests.length} tests run: ${tests.length - failures} passed, ${failures} failed`
  )
  if (failures > 0) {
    console.error(`\n${KTSTR_MESSAGES.nextestFailed} Artifacts under ${runsRoot}.`)
    throw new KtstrError(`cargo nextest run exited with ${NEXTEST_TEST_FAILED}`)
  }
  if (faults?.exitCode !== null && faults?.exitCode !== undefined) return faults.exitCode
  return 0
}

function cmdStats(args) {
  if (args[0] !== 'list-metrics') fail(`stats: the stand-in only implements list-metrics`)
  const registry = JSON.parse(readFileSync(REGISTRY_FILE, 'utf8'))
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify(registry, null, 2) + '\n')
    return 0
  }
  const label = (p) =>
    typeof p === 'object'
      ? `target(${p.TargetValue})`
      : ({ LowerBetter: 'lower', HigherBetter: 'higher', Informational: 'informational' }[p] ?? 'unknown')
  console.log('NAME POLARITY DEFAULT_ABS DEFAULT_REL UNIT')
  for (const m of registry)
    console.log(`${m.name} ${label(m.polarity)} ${m.default_abs} ${m.default_rel} ${m.display_unit}`)
  return 0
}

const HELP = `ktstr dev workflow: build kernel + run tests.

Usage: cargo ktstr <COMMAND>

Commands:
  test       Build the kernel (if needed) and run tests via cargo nextest [aliases: nextest]
  stats      Print sidecar analysis from the most recent test run
  show-host  Print the host context
  help       Print this message or the help of the given subcommand(s)

Options:
  -h, --help  Print help
`

/** `cargo ktstr show-host`: ktstr's HostContext::format_human rows (src/host_context.rs), `key: value`. */
function cmdShowHost() {
  const read = (f) => {
    try {
      return readFileSync(f, 'utf8').trim()
    } catch {
      return null
    }
  }
  const hp = '/sys/kernel/mm/hugepages/hugepages-2048kB'
  const rows = [
    ['kernel_name', os.type()],
    ['kernel_release', os.release()],
    ['arch', os.machine()],
    ['cpu_model', os.cpus()[0]?.model ?? null],
    ['cpu_vendor', null],
    ['total_memory_kib', Math.round(os.totalmem() / 1024)],
    ['hugepages_total', read(`${hp}/nr_hugepages`)],
    ['hugepages_free', read(`${hp}/free_hugepages`)],
    ['hugepages_size_kib', 2048],
    ['online_cpus', os.cpus().length],
    ['numa_nodes', null],
    ['thp_enabled', read('/sys/kernel/mm/transparent_hugepage/enabled')],
    ['thp_defrag', read('/sys/kernel/mm/transparent_hugepage/defrag')],
    ['kernel_cmdline', read('/proc/cmdline')]
  ]
  for (const [k, v] of rows) console.log(`${k}: ${v ?? '(unknown)'}`)
  console.log('cpufreq_governor: (empty)')
  console.log('sched_tunables: (unknown)')
  console.log('heap_state: (unknown)')
  return 0
}

export async function main(argv) {
  const args = [...argv]
  // `cargo ktstr …` runs `cargo-ktstr ktstr …`: the outer parser is `cargo`, the inner `cargo ktstr`.
  const viaCargo = args[0] === 'ktstr'
  if (viaCargo) args.shift()
  const usage = viaCargo ? 'cargo ktstr <COMMAND>' : 'cargo <COMMAND>'
  const cmd = args.shift()
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  if (cmd === undefined)
    throw new ClapError("'cargo ktstr' requires a subcommand but one was not provided", usage)
  if (cmd.startsWith('-')) throw new ClapError(`unexpected argument '${cmd}' found`, usage)
  if (cmd === 'test' || cmd === 'nextest') return cmdTest(args)
  if (cmd === 'stats') return cmdStats(args)
  if (cmd === 'show-host') return cmdShowHost()
  fail(`unknown command ${JSON.stringify(cmd)} (the stand-in implements test, stats list-metrics, show-host)`)
}

export function run() {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof ClapError) {
        console.error(e.message)
        process.exit(2)
      }
      if (e instanceof KtstrError) {
        console.error(`error: ${e.message}`)
        process.exit(1)
      }
      console.error(`cargo-ktstr (stand-in): ${e instanceof StandInError ? e.message : e.stack}`)
      process.exit(2)
    }
  )
}
