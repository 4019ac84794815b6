import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { renderTerminal } from '../../src/report/terminal.js'
import { displayWidth } from '../../src/report/width.js'
import { SCENARIOS, failByCount, hostileNames, manyRows } from '../helpers/comparison-fixtures.js'
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
