import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  classify,
  DEFAULT_INFRA_PATTERNS,
  isPermanent,
  ktstrErrorLine,
  nextestStatuses,
  versionGuard,
  type AttemptFacts,
  type FailureKind
} from '../src/failures.js'

/**
 * Each message below is ktstr's own text (likewhatevs/ktstr): src/test_support/eval.rs
 * (ERR_NO_TEST_RESULT_FROM_GUEST, ERR_GUEST_CRASHED_PREFIX, ERR_TIMED_OUT_NO_RESULT),
 * src/vmm/rust_init (the send_sys_rdy WARN), src/cli.rs check_kvm, and
 * src/bin/cargo_ktstr/run_cargo.rs version_guard; `error: …` + exit 1 is cargo-ktstr's main().
 */
const NO_RESULT =
  'no test result received from guest (no AssertResult arrived via SHM or COM2; check kernel log and scheduler exit status)'
const CRASHED = 'guest crashed: Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009'
const SYS_RDY =
  'WARN ktstr::vmm::rust_init: ktstr-init: send_sys_rdy failed within boot budget; see https://likewhatevs.github.io/ktstr/guide/troubleshooting.html#send_sys_rdy-timeout budget_ms=11200 vcpus=8 elapsed_ms=11342 port_exists=false kern_addrs_sent=false'
const TIMED_OUT = 'timed out (no result in SHM or COM2)'
const KVM_MISSING =
  "error: /dev/kvm not found. KVM requires:\n  - Linux kernel with KVM support (CONFIG_KVM)\n  - Access to /dev/kvm (check permissions or add user to 'kvm' group)\n  - Hardware virtualization enabled in BIOS (VT-x/AMD-V)"
const KVM_DENIED =
  "error: /dev/kvm: permission denied. Add your user to the 'kvm' group:\n  sudo usermod -aG kvm $USER\n  then log out and back in."
const GUARD_REFUSED =
  'error: the test was built against ktstr 0.6.0 but the cargo-ktstr CLI is 0.5.2 — the CLI is older than the ktstr the test depends on and cannot drive it. Upgrade the CLI: `cargo install ktstr` (or `cargo install --path .` in the ktstr repo).'
const GUARD_WARN =
  "cargo ktstr: warning: the test was built against ktstr 0.4.9 but the cargo-ktstr CLI is 0.5.2 — version skew. Align them (bump the test's ktstr dependency, or use a matching CLI) to avoid surprises."

const facts = (over: Partial<AttemptFacts>): AttemptFacts => ({
  code: 0,
  signal: null,
  timedOut: false,
  tail: '',
  files: ['a-1.ktstr.json'],
  malformed: [],
  failed: [],
  skipped: [],
  tests: ['a'],
  expected: [],
  ...over
})

const fail = (test: string): string => `        FAIL [   3.120s] (1/2) scx_demo::ktstr ktstr/${test}`

describe('failure classification from ktstr’s real messages and exit codes', () => {
  const table: Array<[string, Partial<AttemptFacts>, FailureKind]> = [
    ['every test passed', {}, 'ok'],
    [
      'no test result from the guest (exit 100)',
      { code: 100, tail: `${fail('b')}\n${NO_RESULT}` },
      'transient'
    ],
    ['guest crashed', { code: 100, tail: `${fail('b')}\n${CRASHED}` }, 'transient'],
    [
      'send_sys_rdy boot-budget WARN, then a failure',
      { code: 100, tail: `${SYS_RDY}\n${fail('b')}` },
      'transient'
    ],
    ['guest timed out without a result', { code: 100, tail: TIMED_OUT }, 'transient'],
    [
      'a ResourceContention skip sidecar (exit 0)',
      { skipped: ['a'], tail: 'ktstr: SKIP: resource contention: no LLC slot' },
      'transient'
    ],
    ['the run timed out', { timedOut: true, code: null, signal: 'SIGKILL' }, 'transient'],
    ['killed by a signal', { code: null, signal: 'SIGSEGV' }, 'transient'],
    ['an unusable sidecar', { malformed: ['a-1.ktstr.json: $: not valid JSON'] }, 'transient'],
    ['/dev/kvm missing', { code: 1, files: [], tests: [], tail: KVM_MISSING }, 'host-fault'],
    ['/dev/kvm permission denied', { code: 1, files: [], tests: [], tail: KVM_DENIED }, 'host-fault'],
    [
      'the CLI↔test version guard refuses',
      { code: 1, files: [], tests: [], tail: GUARD_REFUSED },
      'version-guard'
    ],
    [
      'ktstr failed before any test',
      { code: 1, files: [], tests: [], tail: 'error: kernel build failed: make exited 2' },
      'error'
    ],
    [
      'a test’s own failure (sidecar passed: false)',
      { code: 100, failed: ['a'], tail: fail('a') },
      'test-failure'
    ],
    ['a failed test with no sidecar and no guest message', { code: 100, tail: fail('b') }, 'test-failure'],
    ['the version-skew warning alone does not fail a run', { tail: GUARD_WARN }, 'ok']
  ]
  for (const [what, over, kind] of table)
    it(`${what} → ${kind}`, () => assert.equal(classify(facts(over)).kind, kind))

  it('a skip that outlived every retry of an earlier run is not retried again (kept, named)', () => {
    const c = classify(facts({ skipped: ['a'], knownSkips: ['a'] }))
    assert.equal(c.kind, 'test-failure')
    assert.deepEqual(c.skippedTests, ['a'])
    assert.match(c.reason, /skipped again: a/)
    assert.equal(classify(facts({ skipped: ['a', 'b'], knownSkips: ['a'] })).kind, 'transient', 'b is new')
  })

  it('a test failure is never transient, even in a run that printed a guest message (exit 0)', () => {
    // The guest message only counts when the run failed; a passing run's chatter is not a retry.
    assert.equal(classify(facts({ code: 0, tail: SYS_RDY })).kind, 'ok')
  })

  it('permanent kinds: host fault, version guard, error; retried: transient; kept: test-failure', () => {
    assert.deepEqual(
      (['ok', 'test-failure', 'transient', 'host-fault', 'version-guard', 'error'] as const).map(isPermanent),
      [false, false, false, true, true, true]
    )
  })

  it('host faults carry a fix; the version guard names both versions and what to do', () => {
    const k = classify(facts({ code: 1, files: [], tests: [], tail: KVM_DENIED }))
    assert.match(k.reason, /\/dev\/kvm: permission denied/)
    assert.match(k.fix!, /usermod -aG kvm/)
    const g = classify(facts({ code: 1, files: [], tests: [], tail: GUARD_REFUSED }))
    assert.deepEqual(g.skew, { test: '0.6.0', cli: '0.5.2', refused: true })
    assert.match(g.reason, /depend on ktstr 0\.6\.0 but this host's cargo-ktstr is 0\.5\.2/)
    assert.match(g.fix!, /cargo install --locked ktstr@0\.6\.0/)
    assert.deepEqual(versionGuard(GUARD_WARN), { test: '0.4.9', cli: '0.5.2', refused: false })
    assert.equal(versionGuard('all fine'), null)
  })

  it('names failed, skipped and missing tests (no sample vanishes silently)', () => {
    const c = classify(
      facts({
        code: 100,
        files: ['a-1.ktstr.json', 'c-1.ktstr.json'],
        tests: ['a', 'c'],
        failed: ['a'],
        skipped: [],
        expected: ['a', 'c', 'd'],
        tail: `${fail('a')}\n${fail('b')}\n        PASS [   1.000s] (2/3) scx_demo::ktstr ktstr/c`
      })
    )
    assert.equal(c.kind, 'test-failure')
    assert.deepEqual(c.failedTests, ['a'])
    assert.deepEqual(c.missingTests, ['b', 'd'], 'b failed without a sidecar; d ran in an earlier attempt')
    assert.match(c.reason, /failed: a; no sidecar: b, d/)
  })

  it('reads nextest status lines (with and without a counter; TRY n FAIL is a failure)', () => {
    const m = nextestStatuses(
      [
        '        PASS [   0.004s] scx_demo::ktstr ktstr/x',
        '        FAIL [   1.500s] (2/9) scx_demo::ktstr ktstr/y/llc',
        '  TRY 1 FAIL [   1.500s] scx_demo::ktstr gauntlet/z/tiny/6.14',
        '        SKIP [   0.000s] scx_demo::ktstr ktstr/w',
        'unrelated FAIL line'
      ].join('\n')
    )
    assert.deepEqual(
      [...m],
      [
        ['x', 'PASS'],
        ['y', 'FAIL'],
        ['z', 'FAIL'],
        ['w', 'SKIP']
      ]
    )
  })

  it('the default retry patterns are ktstr’s real guest messages, not invented ones', () => {
    for (const t of [NO_RESULT, CRASHED, SYS_RDY, TIMED_OUT])
      assert.ok(
        DEFAULT_INFRA_PATTERNS.some((re) => re.test(t)),
        t
      )
    for (const t of ['Error: VM boot failed: guest did not reach init', 'KVM_CREATE_VM failed'])
      assert.ok(!DEFAULT_INFRA_PATTERNS.some((re) => re.test(t)), `${t} does not occur in ktstr`)
  })

  it('the last `error: …` line is what ktstr stopped on', () => {
    assert.equal(ktstrErrorLine('x\nerror: a\nmore\nerror: b\n'), 'error: b')
    assert.equal(ktstrErrorLine('nothing'), null)
  })
})
