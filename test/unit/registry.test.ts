import assert from 'node:assert/strict'
import { test } from 'node:test'
import { UsageError } from '../../src/core/errors.js'
import {
  buildRegistry,
  bundledRegistry,
  gatesAggregate,
  kindKnown,
  kindLabel,
  parseMustFail,
  polarityLabel,
  relThreshold,
  uniformPolicy,
  validatePolicy,
  worseSign
} from '../../src/core/registry.js'

const reg = bundledRegistry()
const def = (name: string) => reg.byName.get(name)!

test('bundled registry is ktstr METRICS: 105 metrics in declaration order', () => {
  assert.equal(reg.metrics.length, 105)
  assert.equal(reg.metrics[0]!.name, 'worst_spread')
  assert.equal(reg.source, 'bundled')
  assert.match(reg.hash, /^[0-9a-f]{8}$/)
  assert.deepEqual(def('worst_spread').kind, { Gauge: 'Last' })
  assert.equal(def('worst_p99_wake_latency_us').display_unit, 'µs')
})

test('registry hash changes when a gate changes and not otherwise', () => {
  const json = reg.metrics.map((m) => ({ ...m }))
  assert.equal(buildRegistry(json, 'live', 'x').hash, reg.hash)
  json[0] = { ...json[0]!, default_abs: 6 }
  assert.notEqual(buildRegistry(json, 'live', 'x').hash, reg.hash)
})

test('a malformed live registry is a UsageError naming the JSON path', () => {
  assert.throws(
    () =>
      buildRegistry(
        [
          {
            name: 'x',
            polarity: 'Sideways',
            kind: 'Counter',
            default_abs: 1,
            default_rel: 0.1,
            display_unit: ''
          }
        ],
        'live',
        'cargo ktstr'
      ),
    (e: unknown) => e instanceof UsageError && /\$\[0\]\[polarity\]/.test(e.message)
  )
})

test('polarity labels and direction (classify_direction)', () => {
  assert.equal(polarityLabel('LowerBetter'), 'lower')
  assert.equal(polarityLabel('HigherBetter'), 'higher')
  assert.equal(polarityLabel('Informational'), 'informational')
  assert.equal(polarityLabel({ TargetValue: 3 }), 'target')
  assert.equal(worseSign('LowerBetter'), 1)
  assert.equal(worseSign('Unknown'), 1)
  assert.equal(worseSign({ TargetValue: 1 }), 1)
  assert.equal(worseSign('HigherBetter'), -1)
  assert.equal(worseSign('Informational'), 0)
})

test('gates_aggregate: components and per-phase never; whole-run distributions only noise-adjusted', () => {
  assert.equal(gatesAggregate(def('total_cpu_time_sec'), true), false)
  assert.equal(gatesAggregate(def('wakeup_p99_latency_us'), true), false)
  assert.equal(gatesAggregate(def('worst_p99_wake_latency_us'), false), false)
  assert.equal(gatesAggregate(def('worst_p99_wake_latency_us'), true), true)
  assert.equal(gatesAggregate(def('worst_spread'), false), true)
})

test('must-fail: split on commas, trim, skip empties (ktstr example)', () => {
  assert.deepEqual(parseMustFail(' worst_spread , ,avg_dsq_depth,', reg, false), [
    'worst_spread',
    'avg_dsq_depth'
  ])
  assert.deepEqual(parseMustFail(undefined, reg, false), [])
})

test("must-fail: ktstr's rejection messages, in order", () => {
  const msg = (raw: string, noise: boolean) => {
    try {
      parseMustFail(raw, reg, noise)
    } catch (e) {
      assert.ok(e instanceof UsageError)
      return e.message
    }
    return null
  }
  assert.equal(msg('nope', true), '--must-fail: unknown metric "nope" (see `cargo ktstr stats list-metrics`)')
  assert.match(msg('total_cpu_time_sec', true)!, /"total_cpu_time_sec" is an internal rate COMPONENT/)
  assert.match(
    msg('wakeup_p99_latency_us', true)!,
    /never reaches the aggregate comparison — it is a per-phase-only metric/
  )
  assert.match(
    msg('worst_p99_wake_latency_us', false)!,
    /never reaches the aggregate comparison — it only reports per-run; add --noise-adjust/
  )
  assert.equal(msg('worst_p99_wake_latency_us', true), null)
  assert.match(
    msg('total_pcount', false)!,
    /"total_pcount" is an informational metric with no regression direction/
  )
  assert.equal(msg('total_pcount', true), null)
  // The first bad name wins, even after good ones.
  assert.match(msg('worst_spread,nope', false)!, /unknown metric "nope"/)
})

test('policy: per-metric percent > default percent > registry default_rel', () => {
  const p = validatePolicy({ default_percent: 10, per_metric_percent: { worst_spread: 40 } }, reg, 'p.json')
  assert.equal(relThreshold(def('worst_spread'), p), 0.4)
  assert.equal(relThreshold(def('worst_gap_ms'), p), 0.1)
  assert.equal(relThreshold(def('worst_gap_ms'), undefined), 0.5)
  assert.equal(relThreshold(def('worst_gap_ms'), { default_percent: null, per_metric_percent: {} }), 0.5)
  assert.equal(relThreshold(def('worst_gap_ms'), uniformPolicy(0)), 0)
})

test("policy: ktstr's validation errors", () => {
  assert.throws(
    () => validatePolicy({ default_percent: -1 }, reg, 'p.json'),
    /default_percent must be non-negative; got -1/
  )
  assert.throws(
    () => validatePolicy({ per_metric_percent: { nope: 5 } }, reg, 'p.json'),
    /per_metric_percent contains unknown metric `nope`/
  )
  assert.throws(
    () => validatePolicy({ per_metric_percent: { worst_spread: -5 } }, reg, 'p.json'),
    /per_metric_percent\["worst_spread"\] must be non-negative; got -5/
  )
  // deny_unknown_fields
  assert.throws(
    () => validatePolicy({ default_pct: 5 }, reg, 'p.json'),
    /parse comparison policy from p\.json/
  )
  assert.throws(() => uniformPolicy(-3), /non-negative/)
})

test('a metric kind newer than this version (ktstr MetricKind is non_exhaustive) is read, not fatal', () => {
  const metric = (name: string, kind: unknown) => ({
    name,
    polarity: 'LowerBetter',
    kind,
    default_abs: 1,
    default_rel: 0.1,
    display_unit: 'ms'
  })
  const json = [
    ...reg.metrics,
    metric('new_hist', 'Histogram'),
    metric('new_quantile', { Quantile: { source: 'wake', q: 0.99 } }),
    metric('new_gauge', { Gauge: 'Median' })
  ]
  const r = buildRegistry(json, 'live', 'cargo ktstr')
  assert.equal(r.metrics.length, 108)
  assert.equal(kindKnown(r.byName.get('worst_spread')!), true)
  for (const m of ['new_hist', 'new_quantile', 'new_gauge'])
    assert.equal(kindKnown(r.byName.get(m)!), false, m)
  assert.equal(kindLabel(r.byName.get('new_hist')!.kind), 'Histogram')
  assert.equal(kindLabel(r.byName.get('new_quantile')!.kind), 'Quantile({"source":"wake","q":0.99})')
  assert.equal(kindLabel(r.byName.get('new_gauge')!.kind), 'Gauge(Median)')
  // Informational here, so --must-fail refuses it with a reason.
  assert.throws(
    () => parseMustFail('new_hist', r, true),
    /"new_hist" has a metric kind this ktstr-perf-gate does not know \(Histogram\)/
  )
  // Still malformed: a kind that is no enum variant at all.
  for (const bad of [5, {}, { A: 1, B: 2 }, ''])
    assert.throws(
      () => buildRegistry([metric('x', bad)], 'live', 'cargo ktstr'),
      (e: unknown) => e instanceof UsageError && /\$\[0\]\[kind\]/.test(e.message),
      JSON.stringify(bad)
    )
})

test('policy: a metric named like an Object.prototype member reads only its own per-metric entry', () => {
  const r = buildRegistry(
    [
      {
        name: 'constructor',
        polarity: 'LowerBetter',
        kind: 'Counter',
        default_abs: 1,
        default_rel: 0.2,
        display_unit: ''
      }
    ],
    'live',
    'x'
  )
  const m = r.byName.get('constructor')!
  assert.equal(relThreshold(m, { per_metric_percent: {} }), 0.2)
  assert.equal(relThreshold(m, { default_percent: 5, per_metric_percent: {} }), 0.05)
  assert.equal(relThreshold(m, validatePolicy({ per_metric_percent: { constructor: 30 } }, r, 'p.json')), 0.3)
})
