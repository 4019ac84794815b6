import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { mermaidChart, stripPlot, stripPlots } from '../../src/report/chart.js'
import type { ComparisonRow } from '../../src/core/types.js'
import { HOSTILE_NAMES, failByCount, makeRow } from '../helpers/comparison-fixtures.js'

const row = (test: string, base: number[] | null, head: number[] | null): ComparisonRow =>
  makeRow({ test, metric: 'worst_p99_wake_latency_us', verdict: 'regression', base, head })

describe('stripPlot', () => {
  it('maps the range onto 50 columns and counts runs that land together', () => {
    const lines = stripPlot(row('t', [100, 100, 101], [200, 198, 200])).split('\n')
    assert.equal(lines[0], '> t/2n4l4c2t/CpuSpin · worst_p99_wake_latency_us (µs)')
    const base = /\|(.*)\|/.exec(lines[1]!)![1]!
    const head = /\|(.*)\|/.exec(lines[2]!)![1]!
    assert.equal(base.length, 50)
    assert.equal(head.length, 50)
    assert.equal(base, '3' + ' '.repeat(49), '100, 100 and 101 share the first column')
    assert.equal(head, ' '.repeat(48) + 'o2', '198 alone, 200 twice in the last column')
    assert.match(lines[1]!, /\| n=3, 100–101$/)
    assert.match(lines[3]!, /^ {10}100 +200 µs$/)
  })
  it('puts identical sides in the middle and skips rows without samples', () => {
    const lines = stripPlot(row('t', [5, 5], [5, 5])).split('\n')
    assert.equal(/\|(.*)\|/.exec(lines[1]!)![1]!.indexOf('2'), 25)
    assert.equal(stripPlot(row('t', null, [1, 2])), '')
  })
  it('shows at most `max` regressions with two or more runs per side, in an escaped <pre> with a legend', () => {
    const text = stripPlots(failByCount().rows, 2)
    assert.ok(text.startsWith('<pre>\n') && text.endsWith('\n</pre>'))
    assert.equal(text.match(/^&gt; /gm)?.length, 2)
    assert.match(text, /o = one run/)
    assert.equal(stripPlots([row('t', [1], [2])]), '', 'single runs have no spread to show')
  })
  it('keeps hostile names from opening tags or starting a line', () => {
    const text = stripPlots(
      HOSTILE_NAMES.map((n) => row(n, [1, 2], [3, 4])),
      HOSTILE_NAMES.length
    )
    assert.equal(text.replace(/<\/?pre>/g, '').includes('<'), false)
    for (const line of text.split('\n')) {
      assert.match(line, /^(<\/?pre>|&gt; |baseline |HEAD {5}| {10}|o = one run|)/, line)
    }
  })
})

describe('mermaidChart', () => {
  it('draws baseline then HEAD bars with labels', () => {
    const chart = mermaidChart(row('wake', [10, 11], [20, 21]))
    assert.equal(
      chart,
      [
        '```mermaid',
        'xychart-beta',
        '    title "worst_p99_wake_latency_us wake/2n4l4c2t/CpuSpin"',
        '    x-axis ["base 1", "base 2", "HEAD 1", "HEAD 2"]',
        '    y-axis "µs"',
        '    bar [10, 11, 20, 21]',
        '```'
      ].join('\n')
    )
  })
  it('reduces hostile names to plain words: no quote, bracket, fence, directive or line break', () => {
    for (const name of HOSTILE_NAMES) {
      const chart = mermaidChart(row(name, [1, 2], [3, 4]))
      const inner = chart.split('\n').slice(1, -1)
      assert.equal(inner.length, 5, 'no line break from the name')
      const title = /^ {4}title "(.*)"$/.exec(inner[1]!)![1]!
      assert.doesNotMatch(title, /["[\]{}<>`;:#|]|%%/, title)
      assert.ok(title.length <= 80)
    }
  })
})
