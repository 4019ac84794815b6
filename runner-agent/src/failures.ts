/**
 * What went wrong in one `cargo ktstr test` attempt, read from ktstr's real messages and exit
 * codes (likewhatevs/ktstr sources; the README of test/stand-in lists where each string lives).
 *
 * - `transient`: the guest or the host's resources failed, not the test — retried (bounded).
 * - `host-fault`: this host cannot run ktstr at all (/dev/kvm, cargo-nextest) — fail fast.
 * - `version-guard`: ktstr refused the commit's pinned ktstr version — fail fast, say what to do.
 * - `error`: ktstr stopped before any test ran (kernel build, clone, usage) — fail fast.
 * - `test-failure`: a test's own failure — kept as a sample, never retried.
 * - `ok`: every test passed.
 */

export type FailureKind = 'ok' | 'test-failure' | 'transient' | 'host-fault' | 'version-guard' | 'error'

/** Guest/VM failures ktstr reports as a failed test, although the test never got to judge. */
export const TRANSIENT_GUEST_PATTERNS: readonly RegExp[] = [
  // src/test_support/eval.rs ERR_NO_TEST_RESULT_FROM_GUEST
  /no test result received from guest/,
  // src/test_support/eval.rs ERR_GUEST_CRASHED_PREFIX
  /guest crashed:/,
  // src/vmm/rust_init (guest init WARN): the guest never signalled readiness
  /send_sys_rdy failed within boot budget/,
  // src/test_support/eval.rs ERR_TIMED_OUT_NO_RESULT
  /timed out \(no result in SHM or COM2\)/
]

/** `--infra-pattern` default: the real transient messages (user patterns replace these). */
export const DEFAULT_INFRA_PATTERNS: readonly RegExp[] = TRANSIENT_GUEST_PATTERNS

/** ktstr::cli::check_kvm (src/cli.rs) and check_tools: permanent until someone fixes the host. */
const HOST_FAULTS: ReadonlyArray<{ re: RegExp; fix: string }> = [
  {
    re: /\/dev\/kvm not found/,
    fix: 'run on a KVM-capable host: enable VT-x/AMD-V (or nested virtualization) and load kvm_intel/kvm_amd'
  },
  {
    re: /\/dev\/kvm: permission denied/,
    fix: 'add the runner user to the kvm group (sudo usermod -aG kvm $USER, then log in again)'
  },
  { re: /\/dev\/kvm: /, fix: 'check /dev/kvm on this host (ktstr-agent doctor)' },
  {
    re: /cargo-nextest.*(not found|not installed)|(not found|missing).*cargo-nextest/i,
    fix: 'install cargo-nextest (cargo install --locked cargo-nextest)'
  }
]

/** src/bin/cargo_ktstr/run_cargo.rs version_guard, the refusing (test newer than CLI) branch. */
const GUARD_ERROR =
  /the test was built against ktstr (\S+) but the cargo-ktstr CLI is (\S+) — the CLI is older than the ktstr the test depends on/
/** The same guard's warning branch (test older than CLI): the run goes on. */
const GUARD_WARN = /the test was built against ktstr (\S+) but the cargo-ktstr CLI is (\S+) — version skew/

export interface VersionSkew {
  test: string
  cli: string
  refused: boolean
}

/** The version guard's verdict in ktstr's output, or null when it said nothing. */
export function versionGuard(tail: string): VersionSkew | null {
  const e = GUARD_ERROR.exec(tail)
  if (e) return { test: e[1]!, cli: e[2]!, refused: true }
  const w = GUARD_WARN.exec(tail)
  if (w) return { test: w[1]!, cli: w[2]!, refused: false }
  return null
}

/** nextest status lines (`        FAIL [   1.234s] (2/5) crate::bin ktstr/sched_x`). */
const NEXTEST_LINE =
  /^\s*(PASS|FAIL|SKIP|FLAKY|TIMEOUT|LEAK(?:-FAIL)?|SIG[A-Z]+|ABORT|TRY \d+ [A-Z]+)\s+\[\s*[\d.]+s\]\s+(?:\(\s*\d+\/\s*\d+\)\s+)?(?:\S+\s+)?((?:ktstr|gauntlet)\/\S+)\s*$/

/** ktstr's nextest name → the sidecar's test_name (`ktstr/x`, `ktstr/x/flags`, `gauntlet/x/…`). */
export function sidecarTestName(nextestName: string): string {
  return nextestName.split('/')[1] ?? nextestName
}

/** Final status per test from nextest's output (the last line for a test wins: retries). */
export function nextestStatuses(tail: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of tail.split('\n')) {
    const m = NEXTEST_LINE.exec(line)
    if (m) out.set(sidecarTestName(m[2]!), m[1]!.startsWith('TRY') ? 'FAIL' : m[1]!)
  }
  return out
}

export interface AttemptFacts {
  code: number | null
  signal: string | null
  timedOut: boolean
  tail: string
  /** Sidecar file names the attempt left. */
  files: readonly string[]
  malformed: readonly string[]
  /** Tests whose sidecar says passed: false or inconclusive. */
  failed: readonly string[]
  /** Tests whose sidecar says skipped: true (ResourceContention writes one, exit 0). */
  skipped: readonly string[]
  /** Every test_name with a sidecar. */
  tests: readonly string[]
  /** Tests this side produced before (earlier attempts or runs): their absence is a missing sample. */
  expected: readonly string[]
  /** Tests still skipped after every retry of an earlier run: their skip is not retried again. */
  knownSkips?: readonly string[]
}

export interface Classification {
  kind: FailureKind
  /** One line: why (empty for ok). */
  reason: string
  /** What to do (host-fault, version-guard, error). */
  fix: string | null
  failedTests: string[]
  skippedTests: string[]
  /** Tests known to exist (nextest output, earlier runs) that left no sidecar. */
  missingTests: string[]
  skew: VersionSkew | null
}

function firstMatchLine(text: string, re: RegExp): string {
  return (
    text
      .split('\n')
      .find((l) => re.test(l))
      ?.trim()
      .replace(/^error:\s*/, '') ?? re.source
  )
}

/** The last `error: …` line ktstr printed (its main() prints `error: {e:#}` and exits 1). */
export function ktstrErrorLine(tail: string): string | null {
  const lines = tail.split('\n').filter((l) => /^error: /.test(l.trim()))
  return lines.length ? lines[lines.length - 1]!.trim() : null
}

/** Classifies one attempt. `patterns` are the transient guest patterns (`--infra-pattern`). */
export function classify(
  f: AttemptFacts,
  patterns: readonly RegExp[] = DEFAULT_INFRA_PATTERNS,
  timeoutSec = 0
): Classification {
  const statuses = nextestStatuses(f.tail)
  const have = new Set(f.tests)
  const known = new Set([...f.expected, ...statuses.keys()])
  const missingTests = [...known].filter((t) => !have.has(t)).sort()
  const failedTests = [
    ...new Set([
      ...f.failed,
      ...[...statuses].filter(([t, s]) => s !== 'PASS' && s !== 'SKIP' && have.has(t)).map(([t]) => t)
    ])
  ].sort()
  const skew = versionGuard(f.tail)
  const base = { failedTests, skippedTests: [...f.skipped].sort(), missingTests, skew }
  const out = (kind: FailureKind, reason: string, fix: string | null = null): Classification => ({
    kind,
    reason,
    fix,
    ...base
  })

  if (skew?.refused)
    return out(
      'version-guard',
      `ktstr refused the run: the commit's tests depend on ktstr ${skew.test} but this host's cargo-ktstr is ${skew.cli} (ktstr's CLI↔test version guard)`,
      `upgrade cargo-ktstr on this runner to ${skew.test} or newer (cargo install --locked ktstr@${skew.test}), or compare against a baseline that pins ktstr ${skew.cli} or older`
    )
  for (const h of HOST_FAULTS)
    if (h.re.test(f.tail)) return out('host-fault', firstMatchLine(f.tail, h.re), h.fix)
  if (f.timedOut) return out('transient', `no result within --run-timeout ${timeoutSec} s`)
  if (f.signal) return out('transient', `ktstr was killed by ${f.signal}`)
  if (f.malformed.length > 0) return out('transient', `unusable sidecar ${f.malformed[0]}`)
  if (f.code !== 0) {
    const hit = patterns.find((re) => re.test(f.tail))
    if (hit) return out('transient', `guest failure: ${firstMatchLine(f.tail, hit)}`)
  }
  const freshSkips = f.skipped.filter((t) => !(f.knownSkips ?? []).includes(t))
  if (freshSkips.length > 0) {
    const rc = /resource contention/i.test(f.tail)
    return out(
      'transient',
      `${freshSkips.length} test(s) skipped (${freshSkips.slice(0, 3).join(', ')})${rc ? ': ResourceContention' : ' — ResourceContention is the skip a perf host hits (ktstr writes a skip sidecar and exits 0)'}`
    )
  }
  if (f.files.length === 0 && f.code !== 0 && statuses.size === 0) {
    const err = ktstrErrorLine(f.tail)
    return out(
      'error',
      `ktstr exited ${f.code} before any test wrote a sidecar${err ? `: ${err}` : ''}`,
      'read the ktstr output above (kernel build, download or clone failures stop ktstr before tests run)'
    )
  }
  if (f.code !== 0 || failedTests.length > 0 || missingTests.length > 0 || f.skipped.length > 0)
    return out(
      'test-failure',
      [
        failedTests.length ? `failed: ${failedTests.join(', ')}` : '',
        missingTests.length ? `no sidecar: ${missingTests.join(', ')}` : '',
        f.skipped.length ? `skipped again: ${[...f.skipped].sort().join(', ')}` : '',
        failedTests.length + missingTests.length + f.skipped.length === 0 ? `exit ${f.code}` : ''
      ]
        .filter(Boolean)
        .join('; ')
    )
  return out('ok', '')
}

/** Permanent kinds stop the produce at once; retrying cannot help. */
export function isPermanent(kind: FailureKind): boolean {
  return kind === 'host-fault' || kind === 'version-guard' || kind === 'error'
}
