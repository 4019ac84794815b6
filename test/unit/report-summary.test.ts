import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  DEFAULT_SUMMARY_MAX_BYTES,
  SUMMARY_LIMIT_BYTES,
  renderSummary,
  writeSummary
} from '../../src/report/summary.js'
import {
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

const OPTS = {
  repoUrl: 'https://github.com/sched-ext/scx',
  runUrl: 'https://github.com/sched-ext/scx/actions/runs/42'
}
const OUR_TAGS = /<(?:br>|wbr>|\/?sub>|\/?details(?: open)?>|\/?summary>|\/?pre>|\/?code>)/g
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

function assertSafeSummary(text: string, max = SUMMARY_LIMIT_BYTES): void {
  assert.ok(bytes(text) <= max, `summary is ${bytes(text)} bytes`)
  assert.equal(text.replace(OUR_TAGS, '').includes('<'), false, 'no raw < except our own tags')
  for (const line of text.split('\n')) assert.doesNotMatch(line, /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u)
}

describe('renderSummary snapshots', () => {
  for (const [name, build] of Object.entries(SCENARIOS)) {
    if (name === 'many-rows') continue
    it(name, () => {
      const text = renderSummary(build(), OPTS)
      assertSafeSummary(text)
      matchSnapshot(`summary/${name}.md.snap`, text)
    })
  }
  it('many-rows (first and last lines)', () => {
    const lines = renderSummary(many(), OPTS).split('\n')
    matchSnapshot(
      'summary/many-rows-head-tail.md.snap',
      [...lines.slice(0, 16), '[…]', ...lines.slice(-30)].join('\n')
    )
  })
})

describe('renderSummary content', () => {
  it('says everything the comment says, first the verdict', () => {
    const text = renderSummary(failByCount(), OPTS)
    assert.ok(text.startsWith("# ❌ Failed — ktstr-perf-gate · kernel 6.14.0 · ktstr's rule\n"))
    assert.match(text, /^> \*\*This check fails:\*\* 6 regressions reached the fail-threshold of 5\.$/m)
    assert.match(text, /, 5 runs per side\.$/m)
    assert.match(
      text,
      /## Regressions and improvements\n\n\| Test · metric \| Base → HEAD \| Δ \| Verdict \|/
    )
    assert.match(text, /### Statistics\n\n\| Test · metric \| 95 % CI of Δ \|/)
    assert.match(text, /^\*\*Next steps\*\*$/m)
    assert.match(text, /<details><summary>Other rows \(22\)<\/summary>/)
    assert.match(text, /## Provenance/)
  })
  it('has a per-test section for every pairing key, open when it regressed, with spreads and gates', () => {
    const c = failByCount()
    const text = renderSummary(c, OPTS)
    for (const key of new Set(c.rows.map((r) => r.key))) assert.ok(text.includes(`<summary>${key} — `), key)
    assert.match(
      text,
      /<details open><summary>wake_chain\/2n4l4c2t\/CpuSpin — 1 regression, 0 improvements, 7 metrics<\/summary>/
    )
    assert.match(
      text,
      /\| worst_p99_wake_latency_us \| lower \| 388\.8 µs \(n=5, 384\.7–393\.8, sd 3\.961\) \|/
    )
    assert.match(text, /\\\|Δ\\\| ≥ 50 µs and ≥ 25%/)
  })
  it('lists every assertion, excluded pair, new/removed key, unknown metric and malformed file', () => {
    const text = renderSummary(hostileNames(), OPTS)
    assert.match(text, /## Tripped assertions/)
    for (const title of [
      'Excluded pairs',
      'New in HEAD',
      'Removed from the baseline',
      'Malformed sidecars',
      'Unknown metrics'
    ]) {
      assert.match(text, new RegExp(`### ${title}[^\\n]*\\(1\\)`))
    }
    assert.ok(!text.includes('@octocat'))
  })
  it('shows Benjamini–Hochberg adjusted p-values and the FDR when the fdr option is on', () => {
    const c = failByCount()
    c.options.fdr = 0.1
    c.rows[0]!.pAdjusted = 0.004
    const text = renderSummary(c, OPTS)
    assert.match(text, /\| 0\.002 \(q 0\.004\) \|/)
    assert.match(text, /Benjamini–Hochberg FDR 0\.1/)
    assert.match(text, /Welch t-test with Benjamini–Hochberg FDR 0\.1/)
    assert.match(
      text,
      /Welch t-test with Benjamini–Hochberg FDR q below 0\.1/,
      'the terms line says which test decides'
    )
  })
  it('caps long lists and points at the artifact', () => {
    const c = failByCount()
    c.malformed = Array.from({ length: 250 }, (_, i) => ({
      file: `f${i}.ktstr.json`,
      path: '$',
      message: 'bad'
    }))
    c.counts.malformed = 250
    const text = renderSummary(c, OPTS)
    assert.equal(text.match(/^- f\d+\.ktstr\.json/gm)?.length, 100)
    assert.match(text, /… and 150 more \(in the run artifact's JSON\)/)
  })
})

describe('renderSummary size limit', () => {
  it('keeps 5,000 rows under 1 MiB by default, cutting the least important rows', () => {
    const text = renderSummary(many(), OPTS)
    assertSafeSummary(text, DEFAULT_SUMMARY_MAX_BYTES)
    assert.match(text, /rows not shown\*\* \([^)]*unchanged\)/)
    // Every regression still has its per-test row.
    assert.equal(text.match(/\| regression \|$/gm)?.length, 300)
  })
  it('measures bytes, not characters', () => {
    // Four-byte characters: a character count would let this pass at ~4× the byte limit.
    const rows = Array.from({ length: 400 }, (_, i) =>
      makeRow({
        test: `🚀${'𝔵'.repeat(60)}${i}`,
        metric: 'worst_spread',
        verdict: 'unchanged',
        base: [10, 11],
        head: [10, 11]
      })
    )
    const max = 30_000
    const text = renderSummary(makeComparison({ rows }), { maxBytes: max })
    assert.ok(bytes(text) <= max, `${bytes(text)} bytes`)
    assert.ok(text.length < max / 2 || bytes(text) > text.length, 'the text is mostly multi-byte')
    assert.match(text, /rows not shown/)
  })
  it('never exceeds GitHub’s limit even when asked for more', () => {
    const text = renderSummary(many(), { maxBytes: 10 * SUMMARY_LIMIT_BYTES })
    assert.ok(bytes(text) <= SUMMARY_LIMIT_BYTES)
  })
})

describe('writeSummary', () => {
  it('appends the rendered summary to GITHUB_STEP_SUMMARY through core.summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'))
    const file = join(dir, 'step_summary.md')
    writeFileSync(file, 'earlier step output\n')
    const previous = process.env.GITHUB_STEP_SUMMARY
    process.env.GITHUB_STEP_SUMMARY = file
    try {
      await writeSummary(failByCount(), OPTS)
      const written = readFileSync(file, 'utf8')
      assert.equal(written, `earlier step output\n${renderSummary(failByCount(), OPTS)}\n`)
    } finally {
      if (previous === undefined) delete process.env.GITHUB_STEP_SUMMARY
      else process.env.GITHUB_STEP_SUMMARY = previous
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
