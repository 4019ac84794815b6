import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { renderTerminal } from '../../src/report/terminal.js'
import { formatPercent, formatSide } from '../../src/report/format.js'
import { displayWidth } from '../../src/report/width.js'
import {
  SCENARIOS,
  failByCount,
  hostileNames,
  manyRows,
  sequentialOpen
} from '../helpers/comparison-fixtures.js'
import { matchSnapshot } from '../helpers/snapshot.js'

// Built once per file: 5,000 rows take a moment, and no test here mutates them.
let manyMemo: ReturnType<typeof manyRows> | undefined
const many = (): ReturnType<typeof manyRows> => (manyMemo ??= manyRows())

// eslint-disable-next-line no-control-regex -- matching ANSI escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g

describe('renderTerminal snapshots', () => {
  for (const [name, build] of Object.entries(SCENARIOS)) {
    if (name === 'many-rows') continue
    it(name, () =>
      matchSnapshot(`terminal/${name}.txt.snap`, renderTerminal(build(), { color: false }) + '\n')
    )
  }
  it('many-rows (first and last lines)', () => {
    const lines = renderTerminal(many(), { color: false, allMetrics: true }).split('\n')
    assert.equal(
      lines.filter((l) => /^gen_test_.* (REGRESSION|improvement|unchanged|informational)$/.test(l)).length,
      5000
    )
    matchSnapshot(
      'terminal/many-rows-head-tail.txt.snap',
      [...lines.slice(0, 12), '[…]', ...lines.slice(-16)].join('\n') + '\n'
    )
  })
  it('fail-by-count with all metrics', () =>
    matchSnapshot(
      'terminal/fail-by-count-all.txt.snap',
      renderTerminal(failByCount(), { color: false, allMetrics: true }) + '\n'
    ))
  it('fail-by-count with color', () =>
    matchSnapshot(
      'terminal/fail-by-count-color.txt.snap',
      renderTerminal(failByCount(), { color: true }) + '\n'
    ))
})

describe('renderTerminal behaviour', () => {
  it('lists unchanged rows only with allMetrics (ktstr --all-metrics) and says how many it left out', () => {
    const short = renderTerminal(failByCount(), { color: false })
    assert.doesNotMatch(short, / unchanged$/m)
    assert.match(short, /^20 unchanged rows not listed \(--all-metrics lists them\)$/m)
    const full = renderTerminal(failByCount(), { color: false, allMetrics: true })
    assert.equal(full.match(/ unchanged$/gm)?.length, 20)
    assert.doesNotMatch(full, /not listed/)
    const many5000 = renderTerminal(many(), { color: false }).split('\n')
    assert.equal(many5000.filter((l) => /^gen_test_/.test(l)).length, 1000)
    assert.ok(many5000.includes('4,000 unchanged rows not listed (--all-metrics lists them)'))
  })
  it('prints no ANSI escape without color, and colors REGRESSION red with it', () => {
    assert.doesNotMatch(renderTerminal(failByCount(), { color: false }), ANSI)
    assert.ok(renderTerminal(failByCount(), { color: true }).includes('\u001b[31mREGRESSION\u001b[0m'))
  })
  it('lists regressions first, then the summary, verdict and reason', () => {
    const lines = renderTerminal(failByCount(), { color: false }).split('\n')
    assert.match(lines[0]!, /^TEST +METRIC +1a2b3c4 +5d6e7f8 +DELTA +VERDICT$/)
    assert.ok(lines.slice(1, 7).every((l) => l.endsWith('REGRESSION')))
    assert.ok(lines.includes('summary: 6 regressions, 1 improvement, 20 unchanged, 2 informational'))
    assert.ok(lines.includes('verdict: FAIL — 6 regressions ≥ fail-threshold 5'))
  })
  it('aligns every column by display width, even with CJK, emoji and escapes in names', () => {
    const table = renderTerminal(hostileNames(), { color: false, allMetrics: true })
      .split('\n\n')[0]!
      .split('\n')
    const header = table[0]!
    // The verdict column starts at the same display column on every line.
    const start = displayWidth(header.slice(0, header.indexOf('VERDICT')))
    for (const line of table.slice(1)) {
      const verdictAt = line.search(/(REGRESSION|improvement|unchanged)$/)
      assert.equal(displayWidth(line.slice(0, verdictAt)), start, line)
    }
  })
  it('lets no control, bidi or line-breaking character from names reach the terminal', () => {
    const out = renderTerminal(hostileNames(), { color: true, allMetrics: true }).replace(ANSI, '')
    for (const line of out.split('\n')) assert.doesNotMatch(line, /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u, line)
    // A 10 kB name is cut so lines stay readable.
    assert.ok(out.split('\n').every((l) => l.length < 400))
  })
  it('prints every malformed file on its own line', () => {
    const c = failByCount()
    c.malformed = [
      { file: 'a.ktstr.json', path: '$.metrics', message: 'not an object' },
      { file: 'b.ktstr.json', path: '$', message: 'truncated JSON' }
    ]
    c.counts.malformed = 2
    const out = renderTerminal(c, { color: false })
    assert.match(out, /^malformed: a\.ktstr\.json at \$\.metrics: not an object$/m)
    assert.match(out, /^malformed: b\.ktstr\.json at \$: truncated JSON$/m)
    assert.match(out, /2 malformed/)
  })
})

describe('renderTerminal width (a 100-column terminal and narrower)', () => {
  const tableOf = (out: string): string[] => out.split('\n\n')[0]!.split('\n')
  const widest = (lines: readonly string[]): number => Math.max(...lines.map((l) => displayWidth(l)))

  it('keeps ktstr’s one-line rows when they fit, and without a width', () => {
    const free = tableOf(renderTerminal(failByCount(), { color: false, allMetrics: true }))
    assert.match(free[0]!, /^TEST +METRIC +1a2b3c4 +5d6e7f8 +DELTA +VERDICT$/)
    const roomy = tableOf(renderTerminal(failByCount(), { color: false, allMetrics: true, width: 200 }))
    assert.deepEqual(roomy, free)
  })

  for (const width of [100, 80, 64]) {
    for (const [name, build] of [
      ['fail-by-count', failByCount],
      ['hostile-names', hostileNames]
    ] as const) {
      it(`${name}: every table line fits ${width} columns, and no value or verdict is cut`, () => {
        const c = build()
        const lines = tableOf(renderTerminal(c, { color: false, allMetrics: true, width }))
        assert.ok(widest(lines) <= width, `${widest(lines)} > ${width}:\n${lines.join('\n')}`)
        const text = lines.join('\n')
        // Each row's verdict ends a line, in the rows' order (worst first).
        const verdicts = lines.filter((l) => /(REGRESSION|improvement|unchanged|informational)$/.test(l))
        assert.equal(verdicts.length, c.rows.length)
        for (const r of c.rows) {
          assert.ok(text.includes(formatSide(r.base, r.unit)), `base of ${r.key} ${r.metric}`)
          assert.ok(text.includes(formatSide(r.head, r.unit)), `head of ${r.key} ${r.metric}`)
          assert.ok(text.includes(formatPercent(r.relDelta)), `Δ% of ${r.key} ${r.metric}`)
        }
      })
    }
  }

  it('at 100 columns puts each test on its own line above its rows, which keep their order', () => {
    const lines = tableOf(renderTerminal(failByCount(), { color: false, allMetrics: true, width: 100 }))
    assert.deepEqual(lines.slice(0, 4), ['TEST', lines[1], 'wake_chain/2n4l4c2t/CpuSpin', lines[3]])
    assert.match(lines[1]!, /^ {2}METRIC +1a2b3c4 +5d6e7f8 +DELTA +VERDICT$/)
    assert.match(
      lines[3]!,
      /^ {2}worst_p99_wake_latency_us +388\.8 µs +911\.1 µs +\+522\.3 µs \(\+134%\) +REGRESSION$/
    )
  })

  it('narrower, gives metric names their own line and keeps them whole when they fit', () => {
    const lines = tableOf(renderTerminal(failByCount(), { color: false, allMetrics: true, width: 64 }))
    assert.ok(lines.includes('  worst_p99_wake_latency_us'))
    assert.ok(lines.some((l) => /^ {4} *388\.8 µs +911\.1 µs +\+134% +REGRESSION$/.test(l)))
    assert.ok(!lines.some((l) => l.includes('…')))
  })

  it('cuts only names, with …, when a name is wider than the line', () => {
    const lines = tableOf(renderTerminal(hostileNames(), { color: false, allMetrics: true, width: 40 }))
    const names = lines.filter((l) => !/(REGRESSION|improvement|unchanged|informational|VERDICT)$/.test(l))
    assert.ok(
      names.every((l) => displayWidth(l) <= 40),
      names.join('\n')
    )
    assert.ok(names.some((l) => l.endsWith('…')))
  })

  it('colours the verdict the same way in the narrow layouts', () => {
    for (const width of [100, 64])
      assert.ok(
        renderTerminal(failByCount(), { color: true, width }).includes('\u001b[31mREGRESSION\u001b[0m')
      )
  })
})

describe('renderTerminal width: the lines below the table', () => {
  it('are broken at spaces to the width, continuation indented, words and short lines kept whole', () => {
    const c = sequentialOpen()
    const free = renderTerminal(c, { color: false }).split('\n')
    const long = free.filter(
      (l) =>
        displayWidth(l) > 60 &&
        !/^\s|^TEST|(REGRESSION|improvement|unchanged|informational|undecided|inconclusive)$/.test(l)
    )
    assert.ok(long.length > 0, 'the fixture has a long summary line')
    const out = renderTerminal(c, { color: false, width: 60 })
    const below = out.split('\n\n').slice(1).join('\n\n').split('\n')
    for (const l of below) assert.ok(displayWidth(l) <= 60 || !l.includes(' ', 4), l)
    // Same words in the same order: only line breaks were added.
    const words = (ls: string[]) => ls.join(' ').split(/\s+/).filter(Boolean)
    assert.deepEqual(words(below), words(free.slice(free.indexOf('') + 1)))
    assert.ok(below.some((l) => l.startsWith('    ')))
  })
})
