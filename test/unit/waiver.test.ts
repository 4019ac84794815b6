import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bundledRegistry } from '../../src/core/registry.js'
import {
  acceptedByLabel,
  applyWaivers,
  labelStatus,
  refuteLabelWaiver,
  type AcceptList,
  type LabelFacts
} from '../../src/core/waiver.js'
import { validateAcceptList } from '../../src/ktstr/policy.js'
import { renderJson } from '../../src/report/json.js'
import { parseComparisonJson } from '../../src/report/json-parse.js'
import { acceptRecordLine, labeledTrigger, parseAcceptRecord } from '../../src/github/waiver.js'
import {
  cleanPass,
  failByCount,
  failByMustFail,
  makeComparison,
  makeRow,
  trippedAssertion
} from '../helpers/comparison-fixtures.js'

const HEAD = '5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80'
const OLD = 'aaaaaaa091a2b3c4d5e6f708192a3b4c5d6e7f80'

const facts = (over: Partial<LabelFacts> = {}): LabelFacts => ({
  label: 'perf-accepted',
  headSha: HEAD,
  last: { event: 'labeled', id: 60_001, actor: 'alice' },
  permission: 'write',
  trigger: { sender: 'alice', headSha: HEAD },
  record: null,
  ...over
})
const label = (f: LabelFacts) => ({ name: f.label, headSha: f.headSha, status: labelStatus(f) })

test('label: applied by a writer on the run its labelling triggered accepts this head', () => {
  const s = labelStatus(facts())
  assert.deepEqual(s, { state: 'accepted', by: 'alice', eventId: 60_001, how: 'trigger' })
  for (const p of ['admin', 'maintain'] as const)
    assert.equal(labelStatus(facts({ permission: p })).state, 'accepted')
})

test('label: the bot record of an earlier labelled run holds for the same head and event only', () => {
  const record = { label: 'perf-accepted', sha: HEAD, eventId: 60_001, by: 'alice' }
  assert.equal(labelStatus(facts({ trigger: null, record })).state, 'accepted')
  // A new head SHA (a push since): stale, and the comment says which head it was applied to.
  const stale = labelStatus(facts({ trigger: null, record, headSha: OLD.replace('a', 'c') }))
  assert.equal(stale.state, 'stale')
  assert.match((stale as { why: string }).why, /applied to 5d6e7f8, not to HEAD caaaaaa.*apply it again/)
  // Re-applied since (a newer labelled event): the old record no longer binds it.
  const relabelled = labelStatus(
    facts({ trigger: null, record, last: { event: 'labeled', id: 60_009, actor: 'alice' } })
  )
  assert.equal(relabelled.state, 'stale')
  // A record for another label, or by someone else than the last labeller, binds nothing.
  assert.equal(labelStatus(facts({ trigger: null, record: { ...record, label: 'x' } })).state, 'stale')
  assert.equal(labelStatus(facts({ trigger: null, record: { ...record, by: 'mallory' } })).state, 'stale')
})

test('label: stale for a new head SHA when nothing binds it (synchronize run after the label)', () => {
  const s = labelStatus(facts({ trigger: null }))
  assert.equal(s.state, 'stale')
  assert.match((s as { why: string }).why, /an earlier head, not to HEAD 5d6e7f8/)
  // A labelled payload for another head than the one gated does not bind this head either.
  assert.equal(labelStatus(facts({ trigger: { sender: 'alice', headSha: OLD } })).state, 'stale')
  // The trigger is someone else's labelling (the last one is by another login): not bound.
  assert.equal(labelStatus(facts({ trigger: { sender: 'bob', headSha: HEAD } })).state, 'stale')
})

test('label: a labeller without write permission does not waive, and says so', () => {
  for (const permission of ['triage', 'read', 'none', null] as const) {
    const s = labelStatus(facts({ permission, last: { event: 'labeled', id: 1, actor: 'prauthor' } }))
    assert.equal(s.state, 'denied')
    assert.match((s as { why: string }).why, /@prauthor, who has \w+ permission.*write, maintain or admin/)
  }
  const c = applyWaivers(failByCount(), { label: label(facts({ permission: 'read' })) })
  assert.equal(c.verdict, 'fail')
  assert.equal(c.waivers, undefined)
  assert.ok(c.notices.some((n) => /who has read permission.*the gate fails/.test(n)))
})

test('label: absent when never applied or removed since', () => {
  assert.deepEqual(labelStatus(facts({ last: null })), { state: 'absent' })
  assert.deepEqual(labelStatus(facts({ last: { event: 'unlabeled', id: 2, actor: 'alice' } })), {
    state: 'absent'
  })
  const c = applyWaivers(failByCount(), { label: label(facts({ last: null })) })
  assert.equal(c.verdict, 'fail')
  assert.deepEqual(c.reasons, failByCount().reasons)
})

test('an accepted label turns a failing count into a pass listing the rows, and says so', () => {
  const before = failByCount()
  const c = applyWaivers(before, { label: label(facts()) })
  assert.equal(c.verdict, 'pass')
  assert.equal(acceptedByLabel(c), true)
  assert.equal(c.waivers?.length, 1)
  const w = c.waivers![0]!
  assert.equal(w.via, 'label')
  assert.equal(w.by, 'alice')
  assert.equal(w.source, 'perf-accepted')
  assert.equal(w.headSha, HEAD)
  const regs = before.rows.filter((r) => r.verdict === 'regression')
  assert.deepEqual(
    w.rows,
    regs.map((r) => ({ key: r.key, metric: r.metric }))
  )
  assert.equal(c.reasons[0], 'failure accepted by @alice (label perf-accepted) for head 5d6e7f8')
  assert.equal(c.reasons[1], 'accepted: 6 regressions ≥ fail-threshold 5')
  // Rows and counts are unchanged: an accepted regression is still shown as one.
  assert.deepEqual(c.rows, before.rows)
  assert.deepEqual(c.counts, before.counts)
  assert.equal(before.verdict, 'fail', 'the input is not mutated')
})

test('a stale label leaves the failure and the notice says to re-apply it', () => {
  const c = applyWaivers(failByCount(), { label: label(facts({ trigger: null })) })
  assert.equal(c.verdict, 'fail')
  assert.equal(c.waivers, undefined)
  assert.ok(c.notices.some((n) => /remove it and apply it again to accept this head; the gate fails/.test(n)))
})

test('the label also accepts must-fail and tripped assertions (a maintainer decision for this head)', () => {
  const m = applyWaivers(failByMustFail(), { label: label(facts()) })
  assert.equal(m.verdict, 'pass')
  assert.deepEqual(
    m.waivers![0]!.rows.map((r) => r.metric),
    ['worst_spread']
  )
  const a = applyWaivers(trippedAssertion(), { label: label(facts()) })
  assert.equal(a.verdict, 'pass')
  assert.deepEqual(a.waivers![0]!.rows, [])
  assert.deepEqual(a.waivers![0]!.assertions, [
    { key: 'cgroup_cpuset_churn/2n4l4c2t/CpuSpin', metric: 'worst_spread', name: 'SPREAD_GATE' }
  ])
  assert.match(a.reasons[1]!, /^accepted: assertion SPREAD_GATE tripped/)
})

test('a passing gate needs no waiver: the label changes nothing', () => {
  const c = applyWaivers(cleanPass(), { label: label(facts()) })
  assert.deepEqual(c, cleanPass())
})

const regression = (test: string, metric: string, base: number[], head: number[], mustFail = false) =>
  makeRow({ test, metric, verdict: 'regression', base, head, mustFail })
const accept = (entries: AcceptList['entries']): AcceptList => ({
  source: '.github/perf-accept.json',
  entries
})
const entry = (test: string, metric: string, maxPercent: number) => ({
  test,
  metric,
  maxPercent,
  reason: null
})

function oneBelowThreshold(failThreshold: number) {
  const rows = [
    regression('wake_chain', 'worst_p99_wake_latency_us', [400, 402, 398], [460, 462, 458]), // +15 %
    regression('fork_storm', 'worst_spread', [10, 10.2, 9.8], [14, 14.2, 13.8]) // +40 %
  ]
  const c = makeComparison({ rows, verdict: 'fail', reasons: ['2 regressions ≥ fail-threshold 2'] })
  c.options.failThreshold = failThreshold
  return c
}

test('accept entry: a named regression within its bound is not counted toward fail-threshold', () => {
  const c = applyWaivers(oneBelowThreshold(2), {
    accept: accept([entry('wake_chain', 'worst_p99_wake_latency_us', 20)])
  })
  assert.equal(c.verdict, 'pass')
  assert.deepEqual(c.waivers, [
    {
      via: 'policy',
      by: null,
      source: '.github/perf-accept.json',
      headSha: null,
      rows: [{ key: 'wake_chain/2n4l4c2t/CpuSpin', metric: 'worst_p99_wake_latency_us' }]
    }
  ])
  assert.deepEqual(c.reasons, [
    '1 regression < fail-threshold 2',
    '1 regression accepted by the accept entries in .github/perf-accept.json (not counted)'
  ])
  assert.equal(acceptedByLabel(c), false)
})

test('accept entry: when every regression is accepted the reasons say "no other regressions"', () => {
  const c = applyWaivers(oneBelowThreshold(1), {
    accept: accept([
      entry('wake_chain', 'worst_p99_wake_latency_us', 200),
      entry('fork_storm', 'worst_spread', 200)
    ])
  })
  assert.equal(c.verdict, 'pass')
  assert.ok(!c.reasons.includes('no regressions'), c.reasons.join(' | '))
  assert.equal(c.reasons[0], 'no other regressions')
})

test('accept entry: a regression beyond its bound is not accepted, and a notice says so', () => {
  const c = applyWaivers(oneBelowThreshold(2), {
    accept: accept([entry('wake_chain', 'worst_p99_wake_latency_us', 10)])
  })
  assert.equal(c.verdict, 'fail')
  assert.equal(c.waivers, undefined)
  assert.ok(
    c.notices.some((n) =>
      /wake_chain\/2n4l4c2t\/CpuSpin worst_p99_wake_latency_us regressed 15\.0 %, beyond the 10 % its accept entry/.test(
        n
      )
    ),
    c.notices.join('\n')
  )
})

test('accept entry: matches a test name or a full row key, and the metric exactly', () => {
  const byKey = applyWaivers(oneBelowThreshold(2), {
    accept: accept([entry('wake_chain/2n4l4c2t/CpuSpin', 'worst_p99_wake_latency_us', 20)])
  })
  assert.equal(byKey.verdict, 'pass')
  const otherMetric = applyWaivers(oneBelowThreshold(2), {
    accept: accept([entry('wake_chain', 'worst_spread', 100)])
  })
  assert.equal(otherMetric.verdict, 'fail')
  const otherTopology = applyWaivers(oneBelowThreshold(2), {
    accept: accept([entry('wake_chain/1n1l2c1t/CpuSpin', 'worst_p99_wake_latency_us', 100)])
  })
  assert.equal(otherTopology.verdict, 'fail')
})

test('accept entry: an accepted must-fail row no longer trips must-fail; assertions are not accepted', () => {
  const c = makeComparison({
    rows: [regression('cgroup_cpuset_churn', 'worst_spread', [9.5, 9.6, 9.4], [11.8, 11.9, 11.7], true)],
    verdict: 'fail',
    reasons: ['must-fail metric worst_spread regressed (cgroup_cpuset_churn/2n4l4c2t/CpuSpin)']
  })
  c.options.mustFail = ['worst_spread']
  const ok = applyWaivers(c, { accept: accept([entry('cgroup_cpuset_churn', 'worst_spread', 30)]) })
  assert.equal(ok.verdict, 'pass')
  const t = trippedAssertion()
  const still = applyWaivers(t, { accept: accept([entry('cgroup_cpuset_churn', 'worst_spread', 100)]) })
  assert.equal(still.verdict, 'fail')
  assert.deepEqual(still.reasons, t.reasons)
})

test('accept entries first, then the label accepts what is left (both listed)', () => {
  const c = applyWaivers(oneBelowThreshold(1), {
    accept: accept([entry('wake_chain', 'worst_p99_wake_latency_us', 20)]),
    label: label(facts())
  })
  assert.equal(c.verdict, 'pass')
  assert.deepEqual(
    c.waivers!.map((w) => [w.via, w.rows.map((r) => r.metric)]),
    [
      ['policy', ['worst_p99_wake_latency_us']],
      ['label', ['worst_spread']]
    ]
  )
})

test('no-data and no-baseline verdicts are never waived', () => {
  const c = makeComparison({ rows: [], verdict: 'no-data', reasons: ['no sidecars for HEAD'] })
  assert.equal(applyWaivers(c, { label: label(facts()) }), c)
})

test('accept file: validated with one clear line naming the entry', () => {
  const reg = bundledRegistry()
  const ok = validateAcceptList(
    { accept: [{ test: 't', metric: 'worst_spread', max_percent: 12.5, reason: 'known' }] },
    reg,
    'a.json'
  )
  assert.deepEqual(ok, {
    source: 'a.json',
    entries: [{ test: 't', metric: 'worst_spread', maxPercent: 12.5, reason: 'known' }]
  })
  assert.throws(
    () =>
      validateAcceptList({ accept: [{ test: 't', metric: 'worst_sprad', max_percent: 1 }] }, reg, 'a.json'),
    /accept file a\.json: accept\[0\]\.metric "worst_sprad" is not a registered metric — did you mean worst_spread\?/
  )
  assert.throws(
    () =>
      validateAcceptList({ accept: [{ test: 't', metric: 'worst_spread', max_percent: -1 }] }, reg, 'a.json'),
    /parse accept file a\.json at \$\.accept\.0\.max_percent/
  )
  assert.throws(
    () => validateAcceptList({ accept: [{ test: 't', metric: 'worst_spread' }] }, reg, 'a.json'),
    /max_percent/
  )
  assert.throws(() => validateAcceptList({ default_percent: 5 }, reg, 'a.json'), /parse accept file a\.json/)
})

test('accept record: round-trips, stays one HTML comment without "--", and rejects tampering', () => {
  const r = { label: 'perf--accepted -->', sha: HEAD, eventId: 7, by: 'alice' }
  const line = acceptRecordLine(r)
  assert.match(line, /^<!-- ktstr-perf-gate-accept:[A-Za-z0-9+/=]+ -->$/)
  assert.ok(!line.slice(4, -3).includes('--'))
  assert.deepEqual(parseAcceptRecord(`<!-- ktstr-perf-gate:k -->\nbody\n\n${line}\n`), r)
  // Only the last line counts: a record quoted higher up in the body is not one.
  assert.equal(parseAcceptRecord(`<!-- ktstr-perf-gate:k -->\n${line}\nmore text`), null)
  assert.equal(parseAcceptRecord('no record'), null)
  const bad = Buffer.from(JSON.stringify({ ...r, sha: 'nope' })).toString('base64')
  assert.equal(parseAcceptRecord(`<!-- ktstr-perf-gate-accept:${bad} -->`), null)
  assert.equal(parseAcceptRecord('<!-- ktstr-perf-gate-accept:!!! -->'), null)
})

test('labelled trigger: only a pull_request labeled payload for this label binds a head', () => {
  const payload = {
    action: 'labeled',
    label: { name: 'perf-accepted' },
    sender: { login: 'alice' },
    pull_request: { head: { sha: HEAD } }
  }
  assert.deepEqual(labeledTrigger('pull_request', payload, 'perf-accepted'), {
    sender: 'alice',
    headSha: HEAD
  })
  assert.equal(labeledTrigger('pull_request', payload, 'other'), null)
  assert.equal(labeledTrigger('workflow_dispatch', payload, 'perf-accepted'), null)
  assert.equal(labeledTrigger('pull_request', { ...payload, action: 'synchronize' }, 'perf-accepted'), null)
})

test('the JSON report carries the waivers and reads them back; none: no key', () => {
  const c = applyWaivers(oneBelowThreshold(1), {
    accept: accept([entry('wake_chain', 'worst_p99_wake_latency_us', 20)]),
    label: label(facts())
  })
  const json = JSON.parse(renderJson(c)) as Record<string, unknown>
  assert.deepEqual(json.waivers, c.waivers)
  assert.deepEqual(parseComparisonJson(json, 'r.json').waivers, c.waivers)
  const plain = JSON.parse(renderJson(failByCount())) as Record<string, unknown>
  assert.equal('waivers' in plain, false)
  assert.equal(parseComparisonJson(plain, 'r.json').waivers, undefined)
  assert.throws(
    () => parseComparisonJson({ ...json, waivers: [{ via: 'maintainer' }] }, 'r.json'),
    /r\.json is not a ktstr-perf-gate report at \$\.waivers\[0\]\.via/
  )
})

test('refuteLabelWaiver restores the failure a label waiver claimed to accept, keeping accept entries', () => {
  const before = oneBelowThreshold(1)
  const claimed = applyWaivers(before, {
    accept: accept([entry('wake_chain', 'worst_p99_wake_latency_us', 20)]),
    label: label(facts())
  })
  const r = refuteLabelWaiver(claimed, 'the report claims … but no')
  assert.equal(r.verdict, 'fail')
  assert.deepEqual(
    r.waivers!.map((w) => w.via),
    ['policy']
  )
  assert.equal(r.reasons[0], 'the report claims … but no')
  assert.ok(
    r.reasons.slice(1).every((x) => !/^accepted: |^failure accepted by/.test(x)),
    r.reasons.join('\n')
  )
  assert.ok(r.reasons.includes('1 regression ≥ fail-threshold 1'))
  const plain = failByCount()
  assert.equal(refuteLabelWaiver(plain, 'x'), plain, 'no label waiver: unchanged')
})
