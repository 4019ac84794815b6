import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { jsonText } from '../../src/report/escape.js'
import type { Comparison, ComparisonRow, SideStats } from '../../src/core/types.js'
import { renderJson, writeJson } from '../../src/report/json.js'
import {
  HOSTILE_NAMES,
  SCENARIOS,
  failByCount,
  hostileNames,
  makeComparison,
  makeRow,
  manyRows
} from '../helpers/comparison-fixtures.js'
import { matchSnapshot } from '../helpers/snapshot.js'

// Built once per file: 5,000 rows take a moment, and no test here mutates them.
let manyMemo: ReturnType<typeof manyRows> | undefined
const many = (): ReturnType<typeof manyRows> => (manyMemo ??= manyRows())

// DESIGN.md §8: other tools depend on exactly these keys.
const TOP_KEYS = ['schemaVersion', 'verdict', 'reasons', 'baseline', 'head', 'mode', 'counts', 'rows']
const COUNT_KEYS = [
  'regressions',
  'improvements',
  'unchanged',
  'informational',
  'excluded',
  'newInHead',
  'removedFromBase',
  'malformed'
]
const ROW_KEYS = [
  'test',
  'topology',
  'scheduler',
  'workType',
  'metric',
  'unit',
  'polarity',
  'verdict',
  'base',
  'head',
  'delta',
  'relDelta',
  'pValue',
  'pAdjusted',
  'separated',
  'material',
  'ci95'
]
const SIDE_KEYS = ['n', 'mean', 'min', 'max', 'stdev']

type Doc = Record<string, unknown> & { counts: Record<string, unknown>; rows: Record<string, unknown>[] }

describe('renderJson', () => {
  for (const [name, build] of Object.entries(SCENARIOS)) {
    it(`${name}: has the DESIGN §8 shape`, () => {
      const doc = JSON.parse(renderJson(build())) as Doc
      for (const k of TOP_KEYS) assert.ok(k in doc, `missing ${k}`)
      assert.equal(doc.schemaVersion, 1)
      assert.ok(['pass', 'fail', 'no-baseline'].includes(doc.verdict as string))
      assert.ok(['scalar', 'noise-adjusted'].includes(doc.mode as string))
      for (const k of COUNT_KEYS) assert.equal(typeof doc.counts[k], 'number', `counts.${k}`)
      for (const row of doc.rows) {
        for (const k of ROW_KEYS) assert.ok(k in row, `row missing ${k}`)
        assert.ok(
          ['regression', 'improvement', 'unchanged', 'informational', 'coverage'].includes(
            row.verdict as string
          )
        )
        for (const side of [row.base, row.head] as (Record<string, unknown> | null)[]) {
          if (side === null) continue
          for (const k of SIDE_KEYS) assert.equal(typeof side[k], 'number', `side.${k}`)
        }
      }
    })
  }
  it('keeps every row of a large comparison, in order', () => {
    const c = many()
    const doc = JSON.parse(renderJson(c)) as Doc
    assert.equal(doc.rows.length, 5000)
    assert.deepEqual(
      doc.rows.map((r) => r.key),
      c.rows.map((r) => r.key)
    )
  })
  it('round-trips hostile strings exactly while the text holds no raw <, > or bidi character', () => {
    const c = hostileNames()
    const text = renderJson(c)
    assert.doesNotMatch(text, /[<>&\u202a-\u202e\u2066-\u2069\u200b-\u200f\u0085]/)
    const doc = JSON.parse(text) as Doc
    const tests = new Set(doc.rows.map((r) => r.test))
    for (const name of HOSTILE_NAMES) assert.ok(tests.has(name), JSON.stringify(name.slice(0, 40)))
    assert.equal((doc.baseline as { label: string }).label, 'main<!--')
  })
  it('writes raw samples and the fold beside the summary statistics', () => {
    const c = failByCount()
    const doc = JSON.parse(renderJson(c)) as Doc
    const base = doc.rows[0]!.base as { samples: number[]; value: number; fold: number; n: number }
    assert.deepEqual(base.samples, c.rows[0]!.base!.samples)
    assert.equal(base.n, 5)
    assert.equal(base.value, c.rows[0]!.base!.value)
  })
  for (const [name, build] of Object.entries(SCENARIOS)) {
    if (name === 'many-rows') continue
    it(`snapshot: ${name}`, () =>
      matchSnapshot(`json/${name}.json.snap`, renderJson(build(), { pretty: true }) + '\n'))
  }
  for (const [name, build] of Object.entries(SCENARIOS)) {
    it(`${name}: the default is one line holding what --pretty holds, escaped the same way`, () => {
      const c = build()
      const compact = renderJson(c)
      const pretty = renderJson(c, { pretty: true })
      assert.ok(!compact.includes('\n'))
      assert.deepEqual(JSON.parse(compact), JSON.parse(pretty))
      // The same text as the indented form with its indentation taken out, byte for byte.
      assert.equal(compact, jsonText(JSON.stringify(JSON.parse(pretty))))
    })
  }
  it('writes a large report in chunks of rows, never as one string', () => {
    const chunks: string[] = []
    writeJson(many(), (s) => chunks.push(s))
    assert.ok(chunks.length > 10, `${chunks.length} chunks`)
    assert.ok(Math.max(...chunks.map((x) => x.length)) < renderJson(many()).length / 10)
    assert.equal(chunks.join(''), renderJson(many()))
  })
  it('snapshot: many-rows (everything but the middle rows)', () => {
    // 5,000 rows with samples is megabytes; keep the head, the first and last rows and the tail.
    const doc = JSON.parse(renderJson(many())) as Doc
    const rows = doc.rows
    doc.rows = [
      rows[0]!,
      rows[1]!,
      { elided: rows.length - 4 } as Record<string, unknown>,
      rows[rows.length - 2]!,
      rows[rows.length - 1]!
    ]
    matchSnapshot('json/many-rows-ends.json.snap', JSON.stringify(doc, null, 2) + '\n')
  })
})

/**
 * The JSON text as the renderer first wrote it (plain objects rebuilt key by key in DESIGN §8's
 * order, JSON.stringify, jsonText over the result): the contract the streaming writer must match
 * byte for byte.
 */
function referenceJson(c: Comparison, pretty = false): string {
  const side = (s: SideStats | null) =>
    s === null
      ? null
      : {
          n: s.n,
          mean: s.mean,
          min: s.min,
          max: s.max,
          stdev: s.stdev,
          value: s.value,
          fold: s.fold,
          samples: s.samples
        }
  const row = (r: ComparisonRow) => ({
    key: r.key,
    test: r.test,
    topology: r.topology,
    scheduler: r.scheduler,
    workType: r.workType,
    kernel: r.kernel,
    metric: r.metric,
    unit: r.unit,
    polarity: r.polarity,
    verdict: r.verdict,
    mode: r.mode,
    base: side(r.base),
    head: side(r.head),
    delta: r.delta,
    relDelta: r.relDelta,
    pValue: r.pValue,
    pAdjusted: r.pAdjusted,
    separated: r.separated,
    disjoint: r.disjoint,
    material: r.material,
    gate: r.gate,
    ci95: r.ci95,
    effectSize: r.effectSize,
    mustFail: r.mustFail,
    state: r.state,
    runsNeeded: r.runsNeeded
  })
  const k = c.counts
  const doc = {
    schemaVersion: 1,
    verdict: c.verdict,
    reasons: c.reasons,
    notices: c.notices,
    baseline: c.baseline,
    head: c.head,
    mode: c.mode,
    registry: c.registry,
    options: c.options,
    counts: {
      regressions: k.regressions,
      improvements: k.improvements,
      unchanged: k.unchanged,
      informational: k.informational,
      excluded: k.excluded,
      newInHead: k.newInHead,
      removedFromBase: k.removedFromBase,
      malformed: k.malformed,
      droppedRuns: k.droppedRuns,
      coverage: k.coverage,
      noisy: k.noisy,
      bothZero: k.bothZero,
      assertionsTripped: k.assertionsTripped,
      unknownMetrics: k.unknownMetrics,
      undecided: k.undecided,
      inconclusive: k.inconclusive
    },
    rule: c.rule,
    tests: c.tests.map((t) => ({
      key: t.key,
      test: t.test,
      baseRuns: t.baseRuns,
      headRuns: t.headRuns,
      undecided: t.undecided,
      inconclusive: t.inconclusive,
      runsNeeded: t.runsNeeded
    })),
    rows: c.rows.map(row),
    assertions: c.assertions,
    excludedPairs: c.excludedPairs,
    newInHead: c.newInHead,
    removedFromBase: c.removedFromBase,
    malformed: c.malformed,
    unknownMetrics: c.unknownMetrics,
    sentinel: c.sentinel,
    waivers: c.waivers
  }
  return jsonText(pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc))
}

/** A row with the values JSON has no literal for, members left undefined and hostile strings. */
function oddRows(): Comparison {
  const odd = makeRow({ metric: 'worst_spread', verdict: 'regression', base: [1, 2, 3], head: [4, 5, 6] })
  odd.test = 'a<b>&c\u2028\u2029 \u00ad\u0085 \ud800 lone \udfff \u{1f680} "q" \\ \u0000\t\n'
  odd.key = odd.test
  odd.unit = 'µs'
  odd.delta = NaN
  odd.relDelta = Infinity
  odd.effectSize = -Infinity
  odd.pValue = -0
  odd.ci95 = [NaN, -0]
  odd.base = { ...odd.base!, stdev: Infinity, samples: [1e21, 5e-324, -1.5e-7, NaN] }
  ;(odd as unknown as Record<string, unknown>).pAdjusted = undefined
  ;(odd as unknown as Record<string, unknown>).state = undefined
  ;(odd.gate as unknown as Record<string, unknown>).extra = undefined
  const c = makeComparison({
    rows: [odd, makeRow({ metric: 'worst_spread', verdict: 'unchanged', base: null, head: [1] })]
  })
  c.reasons = ['x'.repeat(300) + '<', 'x'.repeat(300) + '<']
  return c
}

describe('renderJson: byte for byte the text of JSON.stringify + jsonText', () => {
  const cases: Record<string, () => Comparison> = {
    ...SCENARIOS,
    'hostile-names': hostileNames,
    'odd-values': oddRows
  }
  for (const [name, build] of Object.entries(cases)) {
    it(`${name}: compact and --pretty`, () => {
      const c = build()
      assert.equal(renderJson(c), referenceJson(c))
      assert.equal(renderJson(c, { pretty: true }), referenceJson(c, true))
    })
  }
  it('holds for rows of arbitrary strings and numbers', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('<', '&', '\u2028', '\ud83d', 'µs', '')
    )
    const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, -0, Infinity))
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, text, num, num, fc.array(num, { maxLength: 4 })), { maxLength: 5 }),
        (specs) => {
          const rows = specs.map(([test, metric, delta, mean, samples]) => {
            const r = makeRow({ metric: 'worst_spread', verdict: 'unchanged', base: [1, 2], head: [3, 4] })
            r.test = test
            r.metric = metric
            r.delta = delta
            r.head = { ...r.head!, mean, samples }
            return r
          })
          const c = makeComparison({ rows })
          assert.equal(renderJson(c), referenceJson(c))
        }
      )
    )
  })
})
