import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { Comparison } from '../../src/core/types.js'
import { COMMENT_LIMIT, commentMarker, renderComment } from '../../src/report/comment.js'
import {
  HOSTILE_NAMES,
  SCENARIOS,
  failByCount,
  hostileNames,
  makeComparison,
  makeRow,
  manyRows,
  noData,
  accepted,
  passWithRegression,
  sequentialOpen,
  trippedAssertion
} from '../helpers/comparison-fixtures.js'
import { parseComparisonJson } from '../../src/report/json-parse.js'
import { renderJson } from '../../src/report/json.js'
import { renderSummary } from '../../src/report/summary.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { matchSnapshot } from '../helpers/snapshot.js'

// Built once per file: 5,000 rows take a moment, and no test here mutates them.
let manyMemo: ReturnType<typeof manyRows> | undefined
const many = (): ReturnType<typeof manyRows> => (manyMemo ??= manyRows())

const OPTS = {
  key: 'perf.yml/gate/x86_64',
  repoUrl: 'https://github.com/sched-ext/scx',
  runUrl: 'https://github.com/sched-ext/scx/actions/runs/42'
}

// The only raw tags the renderers write themselves; anything else would come from input.
const OUR_TAGS =
  /<(?:!-- ktstr-perf-gate:|br>|wbr>|\/?sub>|\/?details(?: open)?>|\/?summary>|\/?pre>|\/?code>)/g

/** Checks what must hold for any input: our marker once and first, no foreign raw HTML, under the limit. */
export function assertSafeComment(body: string, key: string, max = COMMENT_LIMIT): void {
  assert.ok(body.length <= max, `comment is ${body.length} chars`)
  assert.ok(body.startsWith(commentMarker(key) + '\n'), 'marker is the first line')
  assert.equal(body.split('<!--').length, 2, 'exactly one HTML comment opener')
  assert.equal(body.split('-->').length, 2, 'exactly one HTML comment closer')
  assert.equal(body.replace(OUR_TAGS, '').includes('<'), false, 'no raw < except our own tags')
  for (const line of body.split('\n'))
    assert.doesNotMatch(line, /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u, 'no control or bidi character')
}

describe('renderComment snapshots', () => {
  for (const [name, build] of Object.entries(SCENARIOS)) {
    it(name, () => {
      const body = renderComment(build(), OPTS)
      assertSafeComment(body, OPTS.key)
      matchSnapshot(`comment/${name}.md.snap`, body)
    })
  }
  it('fail-by-count with Mermaid charts and no URLs', () => {
    matchSnapshot(
      'comment/fail-by-count-mermaid.md.snap',
      renderComment(failByCount(), { key: 'k', mermaid: true })
    )
  })
})

describe('renderComment content', () => {
  it('leads with the marker, then the verdict and its reason', () => {
    const lines = renderComment(failByCount(), OPTS)
      .split('\n')
      .filter((l) => l !== '')
    assert.equal(lines[0], '<!-- ktstr-perf-gate:perf.yml/gate/x86_64 -->')
    assert.equal(lines[1], "## ❌ Failed — ktstr-perf-gate · kernel 6.14.0 · ktstr's rule")
    assert.equal(lines[2], '> [!CAUTION]')
    assert.equal(lines[3], '> **This check fails:** 6 regressions reached the fail-threshold of 5.')
  })
  it('names the reason for must-fail, assertion and no-baseline verdicts', () => {
    assert.match(
      renderComment(SCENARIOS['fail-by-must-fail']!(), OPTS),
      /^> \*\*This check fails:\*\* must-fail metric worst_spread regressed\.$/m
    )
    assert.match(
      renderComment(SCENARIOS['tripped-assertion']!(), OPTS),
      /^> \*\*This check fails:\*\* assertion SPREAD_GATE tripped\.$/m
    )
    assert.match(
      renderComment(SCENARIOS['empty-baseline']!(), OPTS),
      /^## ⚠️ No baseline — ktstr-perf-gate · kernel 6\.14\.0 · ktstr's rule\n\n> \[!WARNING\]\n> \*\*Nothing was compared:\*\* baseline 1a2b3c4 has no sidecars\./m
    )
    assert.match(
      renderComment(SCENARIOS['clean-pass']!(), OPTS),
      /^## ✅ Passed, no regressions — ktstr-perf-gate · kernel 6\.14\.0 · ktstr's rule\n\nNo metric got worse beyond its gate\.$/m
    )
  })
  it('nothing compared is never shown as a green check: ⚠️ NO BASELINE, ⛔ NO DATA in comment, summary and terminal', () => {
    const empty = SCENARIOS['empty-baseline']!()
    const none = noData()
    for (const c of [empty, none]) {
      const docs = [renderComment(c, OPTS), renderSummary(c, {}), renderTerminal(c, { color: false })]
      for (const doc of docs) assert.ok(!doc.includes('✅'), doc.slice(0, 300))
    }
    assert.match(renderSummary(empty, {}), /^# ⚠️ No baseline — /m)
    assert.match(renderTerminal(empty, { color: false }), /^verdict: ⚠️ NO BASELINE — /m)
    assert.match(
      renderComment(none, OPTS),
      /^## ⛔ No data — ktstr-perf-gate · kernel 6\.14\.0 · ktstr's rule$/m
    )
    assert.match(
      renderComment(none, OPTS),
      /^> \*\*Nothing was measured:\*\* no sidecars for HEAD \(side B\)/m
    )
    assert.match(renderSummary(none, {}), /^# ⛔ No data — /m)
    assert.match(renderSummary(none, {}), /^> \*\*Nothing was measured:\*\* .*did you mean 5d6e7f8\?/m)
    assert.match(
      renderTerminal(none, { color: false }),
      /^verdict: ⛔ NO DATA — .*typo in --b-project-commit$/m
    )
  })
  it('a no-data report reads back (comment mode posts it for a fork)', () => {
    const back = parseComparisonJson(JSON.parse(renderJson(noData())), 'of run 1')
    assert.equal(back.verdict, 'no-data')
  })
  it('links both commits when the repository URL is known, and not otherwise', () => {
    const linked = renderComment(failByCount(), OPTS)
    assert.ok(
      linked.includes(
        '[<code>1a2b3c4</code>](https://github.com/sched-ext/scx/commit/1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d)'
      )
    )
    assert.ok(linked.includes('[<code>5d6e7f8</code>](https://github.com/sched-ext/scx/commit/'))
    const plain = renderComment(failByCount(), { key: 'k' })
    assert.ok(!plain.includes('/commit/'))
    assert.ok(
      !renderComment(failByCount(), { key: 'k', repoUrl: 'javascript:alert(1)' }).includes('javascript')
    )
  })
  it('shows run counts and mode, regressions before improvements, the rest collapsed', () => {
    const body = renderComment(failByCount(), OPTS)
    assert.match(body, /, 5 runs per side\.$/m)
    assert.match(body, /^- mode: noise-adjusted/m)
    const table = body.slice(body.indexOf('| Test · metric |'))
    assert.ok(table.indexOf('🔴') < table.indexOf('🟢'))
    assert.match(body, /<details><summary>Other rows: 20 unchanged, 2 informational<\/summary>/)
    assert.match(body, /registry: bundled/)
  })
  it('gives mixed run counts per side', () => {
    const c = failByCount()
    c.baseline.runs = 3
    assert.match(renderComment(c, OPTS), /3 runs baseline, 5 runs HEAD/)
  })
  it('sanitises the marker key', () => {
    assert.equal(commentMarker('ci --> <b>'), '<!-- ktstr-perf-gate:ci_-___b_ -->')
    assert.equal(
      commentMarker('perf/gate (x86_64, 6.14)'),
      '<!-- ktstr-perf-gate:perf/gate__x86_64__6.14_ -->'
    )
  })
  it('keeps hostile names inert', () => {
    const body = renderComment(hostileNames(), OPTS)
    assertSafeComment(body, OPTS.key)
    assert.ok(!body.includes('@octocat'), 'mentions are broken')
    assert.ok(!body.includes('#123'), 'issue references are broken')
    assert.ok(!/\]\(javascript/.test(body.replace(/\\\]/g, '')), 'no link to javascript:')
    assert.ok(!body.includes('x'.repeat(200)), '10 kB names are cut')
  })
})

describe('renderComment size limit', () => {
  it('keeps 5,000 rows under the limit, cutting the least important rows with a pointer to the full data', () => {
    const body = renderComment(many(), OPTS)
    assertSafeComment(body, OPTS.key)
    assert.match(body, /✂️ \*\*[\d,]+ rows not shown\*\* \([^)]*unchanged\)/)
    assert.ok(
      body.includes('[job summary and the run artifact](https://github.com/sched-ext/scx/actions/runs/42)')
    )
    // The worst regression is kept.
    assert.ok(body.includes(many().rows[0]!.test))
  })
  it('honours a small maxChars and drops improvements before regressions', () => {
    const body = renderComment(many(), { ...OPTS, maxChars: 8000 })
    assertSafeComment(body, OPTS.key, 8000)
    assert.ok(body.includes('🔴'))
    assert.ok(!body.includes('| 🟢 |'))
    assert.match(body, /improvement/)
  })
  it('never exceeds the limit and never loses the marker, whatever the names (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 2000, max: 20000 }),
        (names, maxChars) => {
          const rows = names.map((n, i) =>
            makeRow({
              test: n,
              metric: 'worst_spread',
              verdict: i % 3 === 0 ? 'regression' : 'unchanged',
              base: [10, 11],
              head: [20, 21]
            })
          )
          const c = makeComparison({
            verdict: 'fail',
            reasons: [names[0]!],
            notices: names.slice(0, 3),
            rows
          })
          c.baseline.label = names[names.length - 1]!
          assertSafeComment(renderComment(c, { key: names[0]!, maxChars }), names[0]!, maxChars)
        }
      ),
      { numRuns: 60 }
    )
  })
  it('survives every hostile name as a baseline label, notice and reason', () => {
    for (const name of HOSTILE_NAMES) {
      const c = failByCount()
      c.baseline.label = name
      c.reasons = [name]
      c.notices = [name]
      assertSafeComment(renderComment(c, { key: name }), name)
    }
  })
})

describe('the sequential rule in the reports', () => {
  const c = sequentialOpen()

  it('the comment: headline names the rule; open rows in their own collapsed section with what would decide them', () => {
    const md = renderComment(c, OPTS)
    assert.match(md, /^## ❌ Failed — ktstr-perf-gate · kernel 6\.14\.2 · sequential rule$/m)
    assert.match(md, /^> \*\*This check fails:\*\* 1 regression reached the fail-threshold of 1\.$/m)
    assert.match(
      md,
      /<details><summary>Not decided by the sequential rule: 1 inconclusive, 1 undecided<\/summary>/
    )
    assert.match(
      md,
      /\| ❔ inconclusive \| noisy_io\/\S+ \| total_iterations \|.*\| too noisy for its gate: CV 50 % vs gate 10 % \|/
    )
    assert.match(md, /\| ⏳ undecided \| sched_basic\/\S+ \| total_iterations \|.*\| ≈ 6 runs per side \|/)
    assert.match(
      md,
      /workflow_dispatch\) with `extra-runs: 1` from \[this run\]\(https:\/\/github.com\/sched-ext\/scx\/actions\/runs\/42\)/
    )
    assert.match(md, /with `extra-runs: 1`; the runs already recorded are kept/)
    // Not also listed among the other rows.
    assert.ok(!/Other rows/.test(md), 'no other rows here')
  })

  it('the summary has the same section; the terminal lists each open row with what would decide it', () => {
    assert.match(
      renderSummary(c, OPTS),
      /<details><summary>Not decided by the sequential rule: 1 inconclusive, 1 undecided/
    )
    const text = renderTerminal(c, { color: false })
    assert.match(text, /^rule: sequential rule$/m)
    assert.match(
      text,
      /^inconclusive: noisy_io\/\S+ total_iterations — too noisy for its gate: CV 50 % vs gate 10 %$/m
    )
    assert.match(text, /^undecided: sched_basic\/\S+ total_iterations — ≈ 6 runs per side$/m)
  })

  it("ktstr's rule: the headline says so, and there is no open-rows section", () => {
    const md = renderComment(failByCount(), OPTS)
    assert.match(md, /^## ❌ Failed — .* · ktstr's rule$/m)
    assert.ok(!md.includes('Not decided by the sequential rule'))
  })
})

/** The rows of the first markdown table after `header` (header and delimiter rows included). */
function tableAfter(md: string, header: string): string[] {
  const at = md.indexOf(header)
  assert.ok(at >= 0, `no table with header ${header}`)
  const lines = md.slice(at).split('\n')
  return lines.slice(
    0,
    lines.findIndex((l) => !l.startsWith('|'))
  )
}

describe('the comment reads at a glance (issue 14)', () => {
  it('each outcome in plain words, with the tool, kernel, host class and rule in the heading', () => {
    const ctx = { ...OPTS, hostClass: 'kvm-x64-small' }
    const heading = (c: Comparison): string => renderComment(c, ctx).split('\n')[2]!
    assert.equal(
      heading(failByCount()),
      "## ❌ Failed — ktstr-perf-gate · kernel 6.14.0 · kvm-x64-small · ktstr's rule"
    )
    assert.equal(
      heading(passWithRegression()),
      '## ⚠️ Passed with 1 regression — ktstr-perf-gate · kernel 6.14.2 · kvm-x64-small · sequential rule'
    )
    assert.equal(
      heading(SCENARIOS['clean-pass']!()),
      "## ✅ Passed, no regressions — ktstr-perf-gate · kernel 6.14.0 · kvm-x64-small · ktstr's rule"
    )
    assert.equal(
      heading(accepted()),
      "## ✅ Passed, 6 regressions accepted — ktstr-perf-gate · kernel 6.14.0 · kvm-x64-small · ktstr's rule"
    )
    assert.match(heading(accepted('label', 2)), /^## ⚠️ Passed with 4 regressions \(2 accepted\) — /)
    assert.match(heading(noData()), /^## ⛔ No data — /)
    assert.match(heading(SCENARIOS['empty-baseline']!()), /^## ⚠️ No baseline — /)
  })

  it('comments of different host classes differ in their heading', () => {
    const a = renderComment(failByCount(), { ...OPTS, hostClass: 'kvm-x64-small' }).split('\n')[2]
    const b = renderComment(failByCount(), { ...OPTS, hostClass: 'kvm-arm64' }).split('\n')[2]
    assert.notEqual(a, b)
    assert.match(b!, /· kvm-arm64 ·/)
  })

  it('a pass with a regression below the fail-threshold is a warning, never a green check', () => {
    const md = renderComment(passWithRegression(), OPTS)
    assert.ok(!md.includes('✅'))
    assert.match(
      md,
      /^> \[!WARNING\]\n> \*\*1 regression\*\* below the fail-threshold of 5, so the check passes\. Look at it before merging\.$/m
    )
  })

  it('the main table has four columns (a phone fits them); CI, p-values and gates are collapsed; a footnote defines the terms', () => {
    const md = renderComment(failByCount(), OPTS)
    const main = tableAfter(md, '| Test · metric | Base → HEAD |')
    assert.equal(main[0], '| Test · metric | Base → HEAD | Δ | Verdict |')
    for (const row of main) assert.equal(row.split(/(?<!\\)\|/).length - 2, 4, row)
    assert.match(main[2]!, /388\.8 → 911\.1 µs \| \*\*\+134%\*\*<br><sub>gate ≥ 25%<\/sub> \| 🔴 worse \|$/)
    assert.match(
      md,
      /<details><summary>Statistics: confidence intervals, p-values, gates<\/summary>\n\n\| Test · metric \| 95 % CI of Δ \| Gate \| Why it counts \|/
    )
    assert.match(md, /<sub>\*\*Gate\*\*: how far a metric must move to count/)
    assert.ok(!md.includes('Gates cleared'), 'no jargon column')
    assert.ok(!/abs ✓ rel ✓/.test(md))
  })

  it('next steps are visible: more runs via workflow_dispatch, how to accept, the run and its artifacts', () => {
    const md = renderComment(failByCount(), {
      ...OPTS,
      workflowUrl: 'https://github.com/sched-ext/scx/actions/workflows/perf.yml',
      acceptLabel: 'perf-accepted'
    })
    const steps = md.slice(md.indexOf('**Next steps**'), md.indexOf('<details>'))
    assert.ok(steps.length > 0, 'the next steps come before any collapsed section')
    assert.match(
      steps,
      /\[run the workflow\]\(https:\/\/github\.com\/sched-ext\/scx\/actions\/workflows\/perf\.yml\) \(workflow_dispatch\) with `extra-runs: 5`/
    )
    assert.match(
      steps,
      /a maintainer adds the label <code>perf-accepted<\/code> to this pull request; it holds only for this head commit \(<code>5d6e7f8<\/code>\)/
    )
    assert.match(steps, /\[artifacts\]\(https:\/\/github\.com\/sched-ext\/scx\/actions\/runs\/42#artifacts\)/)
    // Without an accept label, say how to set one up.
    assert.match(renderComment(failByCount(), OPTS), /set `accept-label: perf-accepted` on the gate step/)
    // Nothing to act on: only the links.
    const clean = renderComment(SCENARIOS['clean-pass']!(), OPTS)
    assert.ok(!clean.includes('**More runs**') && !clean.includes('**Accept**'))
    assert.match(clean, /\*\*Full results\*\*/)
  })

  it('a label waiver: who accepted which rows, for which commit, and how to withdraw it', () => {
    const md = renderComment(accepted(), { ...OPTS, acceptLabel: 'perf-accepted' })
    assertSafeComment(md, OPTS.key)
    assert.match(md, /^> \[!NOTE\]\n> \*\*6 regressions accepted\*\* \(listed below\)/m)
    assert.match(
      md,
      /☑️ \*\*Accepted by @&#8203;htejun\*\* \(label <code>perf-accepted<\/code>\) for HEAD <code>5d6e7f8<\/code> only; a new push needs the label again:/
    )
    assert.match(md, /^- wake\\_<wbr>chain\/<wbr>2n4l4c2t\/<wbr>CpuSpin · worst\\_<wbr>p99/m)
    assert.match(md, /To withdraw it, remove the label <code>perf-accepted<\/code> from the pull request/)
    assert.equal((md.match(/☑️ accepted/g) ?? []).length, 6, 'each accepted row says so in the table')
    assert.ok(!md.includes('**Accept**'), 'nothing left to accept')
    const policy = renderComment(accepted('policy'), OPTS)
    assert.match(policy, /Accepted by the policy file\*\* <code>.github\/perf-policy.yaml<\/code>/)
    assert.match(policy, /delete the entry from the policy file/)
  })

  it('an assertion-only failure does not say that nothing moved', () => {
    const md = renderComment(trippedAssertion(), OPTS)
    assert.ok(!md.includes('No metric moved beyond its gate.'))
    assert.match(md, /the tripped assertion above is what fails the check/)
  })
})

describe('the summary in the same spirit', () => {
  it('an unnamed assertion that held comes after the regressions, never above them', () => {
    const c = trippedAssertion()
    c.rows.unshift(failByCount().rows[0]!)
    const text = renderSummary(c, OPTS)
    const held = text.indexOf('⚪ held')
    assert.ok(held > text.indexOf('## Regressions and improvements'), 'held assertions after the moves')
    assert.ok(
      text.indexOf('🔴 tripped') < text.indexOf('## Regressions and improvements'),
      'tripped ones first'
    )
    assert.match(text, /<details><summary>Assertions that held or were not evaluated<\/summary>/)
    assert.ok(
      text.includes('- unnamed assertion on worst_gap_ms: held'),
      'named as unnamed, not by its metric twice'
    )
  })
  it('an assertion-only failure does not say that nothing moved', () => {
    const text = renderSummary(trippedAssertion(), OPTS)
    assert.ok(!text.includes('No metric moved beyond its gate.'))
    assert.match(text, /the tripped assertion above is what fails the check/)
  })
})
