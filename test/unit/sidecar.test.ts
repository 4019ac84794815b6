import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe as suite, test } from 'node:test'
import fc from 'fast-check'
import {
  dimValue,
  duplicateKey,
  fromJson,
  fromJsonBySchema,
  isPass,
  isSidecarFileName,
  MAX_SIDECAR_BYTES,
  NONE,
  parseSidecar,
  SidecarPacker,
  unpack,
  type Sidecar
} from '../../src/core/sidecar.js'

const EXAMPLE = readFileSync(new URL('../fixtures/sidecars/example-a.ktstr.json', import.meta.url), 'utf8')
const parse = (text: string) => parseSidecar(text, 'run/x.ktstr.json')
const edit = (f: (j: Record<string, unknown>) => void) => {
  const j = JSON.parse(EXAMPLE) as Record<string, unknown>
  f(j)
  return JSON.stringify(j)
}

test('reads identity, state and metric values where ktstr keeps them', () => {
  const r = parse(EXAMPLE)
  assert.ok(r.ok)
  const s = r.sidecar
  assert.equal(s.testName, 'sched_steady_perf')
  assert.equal(s.projectCommit, '1a2b3c4')
  assert.equal(s.kernel, '6.14.2')
  assert.equal(s.runSource, 'ci')
  assert.equal(isPass(s), true)
  // typed stats fields
  assert.equal(s.values.worst_spread, 8)
  assert.equal(s.values.worst_gap_ms, 120)
  assert.equal(s.values.total_migrations, 400)
  // monitor mapping
  assert.equal(s.values.max_imbalance_ratio, 1.5)
  assert.equal(s.values.max_dsq_depth, 6)
  assert.equal(s.values.stuck_count, 0)
  assert.equal(s.values.total_fallback, 14)
  assert.equal(s.values.total_keep_last, 5)
  // ext metrics
  assert.equal(s.values.worst_p99_wake_latency_us, 180)
  assert.equal(s.values.total_run_delay, 4.2e9)
  assert.equal(s.weight, 20)
  assert.deepEqual(
    s.phases.map((p) => [p.stepIndex, p.metrics.avg_dsq_depth]),
    [
      [0, 1.5],
      [1, 2.25]
    ]
  )
  assert.deepEqual(s.assertions, [
    { metric: 'worst_spread', maxRegressionPct: 5, minAbs: null, direction: null, phase: null, name: null }
  ])
  assert.equal(dimValue(s, 'kernel-commit'), 'unknown')
  assert.equal(dimValue(s, 'work-type'), 'SpinWait')
})

test('tolerates unknown fields and missing optional ones', () => {
  const r = parse(
    edit((j) => {
      j.some_future_field = { nested: [1, 2] }
      delete j.perf_delta_assertions
      delete j.monitor
      delete j.kernel_commit
    })
  )
  assert.ok(r.ok)
  assert.deepEqual(r.sidecar.assertions, [])
  // A missing monitor reads as zeros (ktstr sidecar_to_row).
  assert.equal(r.sidecar.values.max_imbalance_ratio, 0)
  assert.equal(r.sidecar.values.stuck_count, 0)
})

test('a null typed value reads 0 (finite_or_zero); a null ext metric is absent', () => {
  const r = parse(
    edit((j) => {
      const stats = j.stats as Record<string, unknown>
      stats.worst_spread = null
      ;(stats.ext_metrics as Record<string, unknown>).worst_p99_wake_latency_us = null
    })
  )
  assert.ok(r.ok)
  assert.equal(r.sidecar.values.worst_spread, 0)
  assert.equal('worst_p99_wake_latency_us' in r.sidecar.values, false)
})

test('stall_detected true is stuck_count 1', () => {
  const r = parse(edit((j) => ((j.monitor as Record<string, unknown>).stall_detected = true)))
  assert.ok(r.ok)
  assert.equal(r.sidecar.values.stuck_count, 1)
})

test('bad files are error values naming the JSON path', () => {
  const cases: [string, string, RegExp][] = [
    [EXAMPLE.slice(0, EXAMPLE.length / 2), '$', /not valid JSON/],
    ['not json at all', '$', /not valid JSON/],
    [edit((j) => (j.passed = 'yes')), '$.passed', /boolean/],
    [edit((j) => delete j.test_name), '$.test_name', /string/],
    [
      edit((j) => ((j.stats as Record<string, unknown>).ext_metrics = { a: 'fast' })),
      '$.stats.ext_metrics.a',
      /number/
    ],
    [
      edit((j) => ((j.stats as { phases: { step_index: unknown }[] }).phases[1]!.step_index = -1)),
      '$.stats.phases[1].step_index',
      /.+/
    ],
    ['[1,2,3]', '$', /object/]
  ]
  for (const [text, path, message] of cases) {
    const r = parse(text)
    assert.equal(r.ok, false, `${path} should fail`)
    if (!r.ok) {
      assert.equal(r.error.file, 'run/x.ktstr.json')
      assert.equal(r.error.path, path)
      assert.match(r.error.message, message)
    }
  }
})

test('a huge file is refused before parsing', () => {
  const r = parse(' '.repeat(MAX_SIDECAR_BYTES + 1))
  assert.equal(r.ok, false)
  if (!r.ok) assert.match(r.error.message, /over the \d+-byte limit/)
})

test('pass state: passed and neither skipped nor inconclusive', () => {
  const s = (f: (j: Record<string, unknown>) => void) => {
    const r = parse(edit(f))
    assert.ok(r.ok)
    return isPass(r.sidecar)
  }
  assert.equal(
    s((j) => (j.passed = false)),
    false
  )
  assert.equal(
    s((j) => (j.skipped = true)),
    false
  )
  assert.equal(
    s((j) => (j.inconclusive = true)),
    false
  )
})

test('sidecar file names: .json with .ktstr. in the last component', () => {
  assert.equal(isSidecarFileName('t-abc.ktstr.json'), true)
  assert.equal(isSidecarFileName('manifest.json'), false)
  assert.equal(isSidecarFileName('t.ktstr.json.tmp'), false)
})

test("today's fields: expected_failure, throughput_denomination, host_dilation; older sidecars default them", () => {
  const r = parse(
    edit((j) => {
      j.expected_failure = true
      j.throughput_denomination = 'cpu_sec'
      j.host_dilation = 1.25
    })
  )
  assert.ok(r.ok)
  assert.equal(r.sidecar.expectedFailure, true)
  assert.equal(r.sidecar.throughputDenomination, 'cpu_sec')
  assert.equal(r.sidecar.hostDilation, 1.25)
  const old = parse(
    edit((j) => {
      delete j.expected_failure
      delete j.throughput_denomination
      delete j.host_dilation
      delete j.perf_delta_assertions
    })
  )
  assert.ok(old.ok)
  assert.equal(old.sidecar.expectedFailure, false)
  // ktstr: `#[serde(default)]` = Wall for sidecars written before the marker.
  assert.equal(old.sidecar.throughputDenomination, 'wall')
  assert.equal(old.sidecar.hostDilation, null)
  for (const [field, value, path] of [
    ['expected_failure', 'no', '$.expected_failure'],
    ['throughput_denomination', 3, '$.throughput_denomination'],
    ['perf_delta_assertions', null, '$.perf_delta_assertions']
  ] as const) {
    const w = parse(edit((j) => (j[field] = value)))
    assert.equal(w.ok, false, field)
    if (!w.ok) assert.equal(w.error.path, path)
  }
})

test("assertion records have today's shape; a negative gate is read (it falls back to the registry later)", () => {
  const r = parse(
    edit(
      (j) =>
        (j.perf_delta_assertions = [
          {
            metric: 'worst_spread',
            direction: { TargetValue: 3 },
            max_regression_pct: -5,
            min_abs: -1,
            phase: 2
          }
        ])
    )
  )
  assert.ok(r.ok, r.ok ? '' : r.error.message)
  assert.deepEqual(r.sidecar.assertions, [
    {
      metric: 'worst_spread',
      maxRegressionPct: -5,
      minAbs: -1,
      direction: { TargetValue: 3 },
      phase: 2,
      name: null
    }
  ])
})

test('metric names that are Object.prototype members are read as metrics, never as inherited members', () => {
  const r = parse(
    edit((j) => {
      const stats = j.stats as Record<string, unknown>
      // JSON text, so `__proto__` arrives as an own key the way a real file carries it.
      stats.ext_metrics = JSON.parse('{"__proto__": 7, "constructor": 5, "worst_p99_wake_latency_us": 180}')
      ;(stats.phases as { metrics: unknown }[])[0]!.metrics = JSON.parse('{"__proto__": 1.5}')
    })
  )
  assert.ok(r.ok)
  const v = r.sidecar.values
  assert.equal(Object.hasOwn(v, '__proto__'), true)
  assert.equal(v.__proto__, 7)
  assert.equal(v.constructor, 5)
  assert.equal(v.toString, undefined)
  assert.equal(Object.hasOwn(r.sidecar.phases[0]!.metrics, '__proto__'), true)
})

suite('packed sidecars (SidecarPacker)', () => {
  const parsed = (text: string): Sidecar => {
    const r = parse(text)
    assert.ok(r.ok)
    return r.sidecar
  }
  const proto = edit((j) => {
    const stats = j.stats as Record<string, unknown>
    stats.ext_metrics = JSON.parse(
      '{"__proto__": 7, "constructor": 5, "1": 0, "worst_p99_wake_latency_us": 1e308}'
    )
    ;(stats.phases as { metrics: unknown }[])[0]!.metrics = JSON.parse('{"__proto__": 1.5, "x": 2}')
  })

  test('read back exactly as parsed: every field, metric and phase, prototype-member names included', () => {
    for (const text of [EXAMPLE, proto]) {
      const s = parsed(text)
      const p = new SidecarPacker().pack(parsed(text))
      assert.notEqual(p, s)
      assert.deepEqual(unpack(p), s)
      assert.deepEqual(p.values, s.values)
      assert.deepEqual(p.phases, s.phases)
      assert.equal(JSON.stringify(p), JSON.stringify(s))
      assert.deepEqual(Object.keys(p.values), Object.keys(s.values))
      assert.equal(Object.getPrototypeOf(p.values), null)
      for (const ph of p.phases) assert.equal(Object.getPrototypeOf(ph.metrics), null)
    }
    const v = new SidecarPacker().pack(parsed(proto)).values
    assert.equal(Object.hasOwn(v, '__proto__') && v.__proto__, 7)
    assert.equal(v.constructor, 5)
    assert.equal(v['1'], 0)
    assert.equal(v.toString, undefined)
  })

  test('many sidecars across chunks keep their own values; phases can be dropped after packing', () => {
    const packer = new SidecarPacker()
    const originals: Sidecar[] = []
    const packed: Sidecar[] = []
    for (let i = 0; i < 3000; i++) {
      const text = edit((j) => {
        const stats = j.stats as Record<string, unknown>
        // Two name lists alternating, so runs of one shape are not contiguous.
        stats.ext_metrics = i % 2 ? { a: i, b: i / 7 } : { b: -i, c: i * 1e-9, d: 3 }
        stats.total_iterations = i
      })
      originals.push(parsed(text))
      packed.push(packer.pack(parsed(text)))
    }
    for (let i = 0; i < 3000; i++) assert.deepEqual(unpack(packed[i]!), originals[i])
    const p = packed[5]!
    p.phases = NONE
    assert.equal(p.phases, NONE)
    assert.equal(unpack(p).phases, NONE)
    assert.deepEqual(p.values, originals[5]!.values)
  })

  test('unpack returns a sidecar that is not packed as it is', () => {
    const s = parsed(EXAMPLE)
    assert.equal(unpack(s), s)
  })
})

suite('duplicate keys', () => {
  const dupCases: [string, string, string][] = [
    ['top level', EXAMPLE.replace('{', '{"passed": false, '), '$.passed'],
    [
      'a metric in ext_metrics',
      EXAMPLE.replace(/("ext_metrics": \{)(?!\})/, '$1"worst_p99_wake_latency_us": 1, '),
      '$.stats.ext_metrics.worst_p99_wake_latency_us'
    ],
    ['spelt with an escape', '{"a": 1, "b": {"x": 1, "\\u0078": 2}}', '$.b.x'],
    ['inside an array', '{"a": [{"k": 1}, {"k": 1, "k": 2}]}', '$.a[1].k']
  ]
  for (const [what, text, path] of dupCases)
    test(`make the sidecar malformed: ${what}`, () => {
      const r = parse(text)
      assert.equal(r.ok, false)
      if (!r.ok) {
        assert.equal(r.error.path, path)
        assert.match(r.error.message, /duplicate key/)
      }
    })

  test('never flagged in text that repeats no key (strings full of quotes, colons and escapes)', () => {
    for (const text of ['{"a": " :x", "b": ":", "c": "\\" :"}', '{"a" : 1, "b"\n:\t{"a": 2}}']) {
      assert.equal(duplicateKey(text, JSON.parse(text)), null, text)
    }
    assert.deepEqual(duplicateKey('{"a" : 1, "a"\n: 2}', { a: 2 }), { path: '$.a', key: 'a' })
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify({ v })
        assert.equal(duplicateKey(text, JSON.parse(text)), null)
        const pretty = JSON.stringify({ v }, null, 2)
        assert.equal(duplicateKey(pretty, JSON.parse(pretty)), null)
      }),
      { numRuns: 300 }
    )
  })

  test('always found, with its path, when one object repeats a key', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 5 }),
        fc.nat(),
        fc.jsonValue(),
        (obj, pick, extra) => {
          const keys = Object.keys(obj)
          const key = keys[pick % keys.length]!
          // Repeat `key` at the end of a nested object: {"o": {...obj, key: extra}}.
          const inner = JSON.stringify(obj)
          const text = `{"o": ${inner.slice(0, -1)}, ${JSON.stringify(key)}: ${JSON.stringify(extra)}}}`
          const d = duplicateKey(text, JSON.parse(text))
          assert.deepEqual(d, { path: `$.o.${key}`, key })
        }
      ),
      { numRuns: 300 }
    )
  })
})

suite('the quick well-formedness check agrees with the schema', () => {
  // Every path in the example sidecar, and a few the example lacks but the schema reads.
  const paths: (string | number)[][] = []
  const walk = (v: unknown, at: (string | number)[]) => {
    paths.push(at)
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]))
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...at, k])
  }
  walk(JSON.parse(EXAMPLE), [])
  for (const extra of [
    ['perf_delta_assertions', 0, 'direction'],
    ['perf_delta_assertions', 0, 'phase'],
    ['monitor', 'schedstat_deltas', 'total_run_delay'],
    ['host_dilation'],
    ['expected_failure']
  ])
    paths.push(extra)
  const valueAt = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(
      -1,
      0.5,
      65536,
      2 ** 53,
      'LowerBetter',
      'Sideways',
      { TargetValue: 3, x: 1 },
      { TargetValue: 'x' },
      [],
      {}
    )
  )

  test('same result, error path and message on any one field changed or removed', () => {
    fc.assert(
      fc.property(fc.nat(), valueAt, fc.boolean(), (pick, value, remove) => {
        const j = JSON.parse(EXAMPLE) as Record<string, unknown>
        const at = paths[pick % paths.length]!
        let o: Record<string | number, unknown> = j
        for (const k of at.slice(0, -1)) {
          const next = o[k]
          if (typeof next !== 'object' || next === null) return
          o = next as Record<string | number, unknown>
        }
        const last = at[at.length - 1]
        let json: unknown = j
        if (last === undefined) json = value
        else if (remove) delete o[last]
        else o[last] = value
        assert.deepEqual(fromJson(json, 'x.ktstr.json'), fromJsonBySchema(json, 'x.ktstr.json'))
      }),
      { numRuns: 2000 }
    )
  })
})
