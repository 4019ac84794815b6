/**
 * Renders the PR comment and the job summary the way GitHub would (GFM via remark-gfm, raw
 * HTML re-parsed and then cleaned with rehype-sanitize's default schema, which is modelled
 * on GitHub's sanitizer, plus `<wbr>`, which GitHub's allowlist has; then GitHub's alert
 * callouts), opens the page in headless Chromium (Debian package `chromium`) at a desktop
 * comment's width (1012 px) and a phone's (400 px), and asserts on what a reader sees.
 * Screenshots of each outcome at both widths go to test-output/screenshots/, and the failing
 * comment at desktop width to docs/comment.png (the README's picture), so both stay current.
 * Skips with a clear message when Chromium is not installed.
 */
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { after, describe, it } from 'node:test'
import type { Element, ElementContent, Root } from 'hast'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { renderComment, type CommentOptions } from '../../src/report/comment.js'
import { renderSummary } from '../../src/report/summary.js'
import type { Comparison } from '../../src/core/types.js'
import { Browser, findChromium } from '../helpers/chromium.js'
import {
  HOSTILE_NAMES,
  accepted,
  cleanPass,
  failByCount,
  hostileNames,
  noData,
  passWithRegression,
  sequentialOpen
} from '../helpers/comparison-fixtures.js'

const OUTPUT = resolve('test-output', 'report-render')
const SCREENSHOTS = resolve('test-output', 'screenshots')
const README_PNG = resolve('docs', 'comment.png')
const WIDTHS = [1012, 400] as const
const LINKS = {
  repoUrl: 'https://github.com/sched-ext/scx',
  runUrl: 'https://github.com/sched-ext/scx/actions/runs/42',
  workflowUrl: 'https://github.com/sched-ext/scx/actions/workflows/perf.yml'
}
// A sharded gate's comment, as the Action posts it: host class and accept label known.
const GATE: CommentOptions = {
  key: 'perf.yml/gate/kvm-x64-small',
  ...LINKS,
  hostClass: 'kvm-x64-small',
  acceptLabel: 'perf-accepted'
}

const chromium = findChromium()
// CI installs Chromium (.ci/run); there a missing browser is a failure, not a quiet skip.
if (!chromium && process.env.CI)
  throw new Error('Chromium not found, but CI must run the rendered-report test: apt-get install -y chromium')
const SKIP = chromium
  ? false
  : 'Chromium not installed: `apt-get install -y chromium` (Debian) to run the rendered-report test'

const ALERT_COLOURS: Record<string, string> = {
  note: '#0969da',
  tip: '#1a7f37',
  important: '#8250df',
  warning: '#9a6700',
  caution: '#cf222e'
}

/** GitHub's alerts: a blockquote whose first line is `[!NOTE]` (etc.) becomes a titled callout. */
function githubAlerts() {
  const walk = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (child.tagName === 'blockquote') alert(child)
      walk(child)
    }
  }
  const alert = (q: Element): void => {
    const p = q.children.find((c): c is Element => c.type === 'element')
    const first = p?.children[0]
    const m =
      first?.type === 'text' ? /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*\n?/.exec(first.value) : null
    if (!p || !first || first.type !== 'text' || !m) return
    const kind = m[1]!.toLowerCase()
    first.value = first.value.slice(m[0].length)
    const title: ElementContent = {
      type: 'element',
      tagName: 'p',
      properties: { className: ['markdown-alert-title'] },
      children: [{ type: 'text', value: kind[0]!.toUpperCase() + kind.slice(1) }]
    }
    q.tagName = 'div'
    q.properties = { className: ['markdown-alert', `markdown-alert-${kind}`] }
    q.children.unshift(title)
  }
  return (tree: Root) => walk(tree)
}

/** Markdown → HTML as GitHub renders a comment: GFM, raw HTML allowed in, sanitized, then alerts. */
async function githubHtml(markdown: string): Promise<string> {
  const file = await unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize, { ...defaultSchema, tagNames: [...(defaultSchema.tagNames ?? []), 'wbr'] })
    .use(githubAlerts)
    .use(rehypeStringify)
    .process(markdown)
  return String(file)
}

// GitHub-like styling around the sanitized content (the comment body at the page's width, with
// GitHub's 16 px gutter), and a script that measures what the test asserts on.
function page(sections: string[]): string {
  const alerts = Object.entries(ALERT_COLOURS)
    .map(
      ([k, c]) =>
        `.markdown-alert-${k} { border-left-color: ${c}; } .markdown-alert-${k} .markdown-alert-title { color: ${c}; }`
    )
    .join('\n')
  const mains = sections.map((html, i) => `<main id="s${i}">${html}</main>`).join('<hr>')
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>report preview</title>
<style>
body { font: 14px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328; margin: 0; padding: 16px; background: #fff; }
main { max-width: 980px; }
h1, h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
h1 { font-size: 2em; } h2 { font-size: 1.5em; }
table { border-collapse: collapse; margin: 8px 0 16px; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: #eff1f3; padding: .2em .4em; border-radius: 6px; font-size: 85%; }
pre { background: #f6f8fa; padding: 16px; overflow: auto; font-size: 85%; }
blockquote { color: #59636e; border-left: .25em solid #d1d9e0; margin: 0 0 16px; padding: 0 1em; }
.markdown-alert { padding: .5rem 1rem; margin-bottom: 16px; border-left: .25em solid; }
.markdown-alert > p { margin: 0; }
.markdown-alert-title { font-weight: 500; margin-bottom: 4px !important; }
${alerts}
details { margin: 8px 0; } summary { cursor: pointer; }
sub { font-size: 75%; line-height: 0; position: relative; vertical-align: baseline; bottom: -0.25em; }
hr { margin: 32px 0; }
</style></head>
<body>${mains}</body></html>`
}

interface Rendered {
  /** Serialized DOM of each section's sanitized content. */
  content: string
  /** What a reader sees of that section (innerText: closed <details> bodies are not shown). */
  visible: string
  /** The main table (header "Test · metric" … "Verdict"), when the section has one. */
  main: {
    columns: number
    overflow: number
    verdictRight: number
    tableRight: number
    viewport: number
  } | null
}

const MEASURE = `Array.from(document.querySelectorAll('main'), (m) => {
  const table = Array.from(m.querySelectorAll('table')).find((t) => {
    const th = Array.from(t.querySelectorAll('th'), (h) => h.textContent.trim())
    return th[0] === 'Test · metric' && th.includes('Verdict')
  })
  let main = null
  if (table) {
    const verdict = Array.from(table.querySelectorAll('th')).find((h) => h.textContent.trim() === 'Verdict')
    main = {
      columns: table.querySelectorAll('th').length,
      overflow: table.scrollWidth - table.clientWidth,
      verdictRight: verdict.getBoundingClientRect().right,
      tableRight: table.getBoundingClientRect().right,
      viewport: document.documentElement.clientWidth
    }
  }
  return { content: m.innerHTML, visible: m.innerText, main }
})`

let browser: Promise<Browser> | undefined
after(async () => {
  if (browser) await (await browser).close()
})

/** Writes the page and opens it at `width` in the one shared Chromium. */
async function show(name: string, sections: string[], width: number): Promise<Browser> {
  browser ??= Browser.launch(chromium!)
  const b = await browser
  mkdirSync(OUTPUT, { recursive: true })
  const file = join(OUTPUT, `${name}.html`)
  writeFileSync(file, page(sections))
  await b.open(pathToFileURL(file).href, width)
  return b
}

// The documents the assertions read, all on one page per width (a page load is the slow part).
const DOCS: [string, () => string][] = [
  ['fail comment', () => renderComment(failByCount(), GATE)],
  ['fail summary', () => renderSummary(failByCount(), LINKS)],
  ['hostile comment', () => renderComment(hostileNames(), { key: 'k', ...LINKS })],
  ['hostile summary', () => renderSummary(hostileNames(), LINKS)],
  ['sequential comment', () => renderComment(sequentialOpen(), { key: 'seq', ...LINKS })],
  ['pass comment', () => renderComment(cleanPass(), GATE)],
  ['pass-with-regression comment', () => renderComment(passWithRegression(), GATE)],
  ['accepted comment', () => renderComment(accepted(), GATE)],
  ['no-data comment', () => renderComment(noData(), GATE)]
]
const doc = (name: string): number => DOCS.findIndex(([n]) => n === name)

const rendered = new Map<number, Promise<Rendered[]>>()
function pages(width: (typeof WIDTHS)[number] = 1012): Promise<Rendered[]> {
  let p = rendered.get(width)
  if (!p) {
    // One width at a time through the shared page.
    const previous = [...rendered.values()].at(-1)
    p = (async () => {
      await previous?.catch(() => undefined)
      const sections = await Promise.all(DOCS.map(([, md]) => githubHtml(md())))
      const b = await show(`reports-${width}`, sections, width)
      return b.evaluate<Rendered[]>(MEASURE)
    })()
    rendered.set(width, p)
  }
  return p
}

// The outcomes a reader meets, each on its own page at both widths, for a human look.
const SHOTS: [string, () => Comparison][] = [
  ['pass', cleanPass],
  ['pass-with-regression', passWithRegression],
  ['fail', failByCount],
  ['accepted', () => accepted()],
  ['no-data', noData]
]

describe('reports rendered by a GitHub-like pipeline in headless Chromium', { skip: SKIP }, () => {
  it('a failing comment and its summary: outcome first, the main table, next steps, the rest collapsed', async () => {
    const all = await pages()
    const [comment, summary] = [all[doc('fail comment')]!, all[doc('fail summary')]!]
    const { visible, content } = comment
    const lines = visible.split('\n').filter((l) => l.trim() !== '')
    assert.equal(
      lines[0],
      "❌ Failed — ktstr-perf-gate · kernel 6.14.0 · kvm-x64-small · ktstr's rule",
      'the outcome is the first thing read, with what tells this gate apart'
    )
    assert.equal(lines[1], 'Caution', 'a GitHub alert')
    assert.equal(lines[2], 'This check fails: 6 regressions reached the fail-threshold of 5.')
    assert.ok(!visible.includes('ktstr-perf-gate:'), 'the marker is invisible')
    // The main table: five columns, the worst regression first, names whole to a reader.
    assert.match(visible, /Test · metric\tBase → HEAD\tΔ\tVerdict/)
    assert.match(
      visible,
      /wake_chain\/2n4l4c2t\/CpuSpin · worst_p99_wake_latency_us\t388\.8 → 911\.1 µs\t\+134%\ngate ≥ 25%\t🔴 worse/
    )
    assert.match(visible, /Gate: how far a metric must move to count/, 'the footnote defines gate')
    // Next steps are visible without opening anything.
    assert.match(visible, /Next steps\n/)
    assert.match(
      visible,
      /More runs to confirm or clear a regression: run the workflow \(workflow_dispatch\) with extra-runs: 5/
    )
    assert.match(
      visible,
      /Accept an intended regression: a maintainer adds the label perf-accepted to this pull request; it holds only for this head commit \(5d6e7f8\)/
    )
    assert.match(
      content,
      /<a href="https:\/\/github\.com\/sched-ext\/scx\/actions\/runs\/42#artifacts">artifacts<\/a>/
    )
    assert.match(
      content,
      /<a href="https:\/\/github\.com\/sched-ext\/scx\/actions\/workflows\/perf\.yml">run the workflow<\/a>/
    )
    // Statistics, samples, the other rows and provenance are collapsed: in the DOM, not shown.
    for (const hidden of ['95 % CI of Δ', 'total_hardirqs', 'registry: bundled']) {
      assert.ok(content.includes(hidden), hidden)
      assert.ok(!visible.includes(hidden), `${hidden} is collapsed`)
    }
    assert.match(visible, /Statistics: confidence intervals, p-values, gates/)
    assert.match(visible, /Other rows: 20 unchanged, 2 informational/)
    assert.match(content, /<a href="https:\/\/github\.com\/sched-ext\/scx\/commit\/1a2b3c4d5e6f/)

    assert.ok(
      summary.visible.trimStart().startsWith("❌ Failed — ktstr-perf-gate · kernel 6.14.0 · ktstr's rule")
    )
    assert.match(summary.visible, /Per-test detail/)
    assert.match(summary.visible, /95 % CI of Δ/, 'the summary shows the statistics open')
    // Tests with a regression are open: their metric table is visible.
    assert.match(
      summary.visible,
      /worst_p99_wake_latency_us\tlower\t388\.8 µs \(n=5, 384\.7–393\.8, sd 3\.961\)/
    )
    assert.ok((summary.content.match(/<details/g) ?? []).length >= 7)
  })

  for (const width of WIDTHS)
    it(`at ${width} px every comment's main table fits: at most five columns, the verdict column in view, no sideways scroll`, async () => {
      const all = await pages(width)
      for (const [name] of DOCS) {
        if (name.startsWith('hostile')) continue // 10 kB names are cut, but 100 unbreakable characters still need room
        const r = all[doc(name)]!
        if (!r.main) continue
        assert.ok(r.main.columns <= 5, `${name}: ${r.main.columns} columns`)
        assert.ok(
          r.main.overflow <= 0,
          `${name}: the main table scrolls sideways by ${r.main.overflow} px at ${width} px`
        )
        assert.ok(
          r.main.verdictRight <= Math.min(r.main.tableRight, r.main.viewport) + 0.5,
          `${name}: the verdict column ends at ${r.main.verdictRight} px, past the table (${r.main.tableRight}) or the screen (${r.main.viewport})`
        )
      }
      for (const name of ['fail comment', 'pass-with-regression comment', 'accepted comment'])
        assert.ok(all[doc(name)]!.main, `${name} has a main table`)
    })

  it('each outcome reads differently: passed with a regression, accepted, no data', async () => {
    const all = await pages()
    const first = (name: string) => all[doc(name)]!.visible.split('\n').filter((l) => l.trim() !== '')
    const warn = first('pass-with-regression comment')
    assert.equal(
      warn[0],
      '⚠️ Passed with 1 regression — ktstr-perf-gate · kernel 6.14.2 · kvm-x64-small · sequential rule'
    )
    assert.equal(warn[1], 'Warning')
    assert.match(warn[2]!, /^1 regression below the fail-threshold of 5, so the check passes/)
    const ok = first('accepted comment')
    assert.equal(
      ok[0],
      "✅ Passed, 6 regressions accepted — ktstr-perf-gate · kernel 6.14.0 · kvm-x64-small · ktstr's rule"
    )
    const acc = all[doc('accepted comment')]!.visible
    assert.match(acc, /☑️ Accepted by @\u200bhtejun \(label perf-accepted\) for HEAD 5d6e7f8 only/)
    assert.match(acc, /To withdraw it, remove the label perf-accepted from the pull request/)
    assert.match(acc, /☑️ accepted/)
    const none = first('no-data comment')
    assert.equal(none[0], "⛔ No data — ktstr-perf-gate · kernel 6.14.0 · kvm-x64-small · ktstr's rule")
    assert.match(none[2]!, /^Nothing was measured: no sidecars for HEAD/)
    assert.ok(first('pass comment')[0]!.startsWith('✅ Passed, no regressions — '))
  })

  it('the sequential rule: the headline names it, open rows sit in their own collapsed section saying what would decide them', async () => {
    const seq = (await pages())[doc('sequential comment')]!
    const lines = seq.visible.split('\n').filter((l) => l.trim() !== '')
    assert.equal(lines[0], '❌ Failed — ktstr-perf-gate · kernel 6.14.2 · sequential rule')
    assert.match(seq.visible, /Not decided by the sequential rule: 1 inconclusive, 1 undecided/)
    // Collapsed: the rows are in the page, not shown until opened; the rerun is a visible next step.
    assert.ok(!seq.visible.includes('too noisy for its gate'), 'collapsed by default')
    assert.match(seq.content, /<details><summary>Not decided by the sequential rule/)
    assert.match(seq.content, /too noisy for its gate: CV 50 % vs gate 10 %/)
    assert.match(seq.content, /≈ 6 runs per side/)
    assert.match(seq.content, /<code>extra-runs: 1<\/code>/)
    assert.match(seq.visible, /More runs to confirm or clear a regression: .*extra-runs: 1/)
  })

  it('hostile names stay text: no injected element, attribute, link, row or heading', async () => {
    const all = await pages()
    const [comment, summary] = [all[doc('hostile comment')]!, all[doc('hostile summary')]!]
    assert.ok(comment.visible.trimStart().startsWith('❌ Failed — ktstr-perf-gate · kernel 6.14 <i>rc</i>'))
    for (const { visible, content } of [comment, summary]) {
      // No element or attribute from a name survived...
      assert.doesNotMatch(content, /<(img|script|svg|b|i|iframe)[\s>/]/)
      assert.doesNotMatch(content, /<[^>]*\son\w+\s*=/, 'no event-handler attribute')
      assert.doesNotMatch(content, /href="javascript:/i)
      // ...and nothing was silently dropped: the reader sees each name as literal text.
      assert.ok(visible.includes('<img src=x onerror=alert(1)>'), 'the HTML name is shown as text')
      assert.ok(visible.includes('[click](javascript:alert(1))'), 'link syntax is shown, not linked')
      // Only our own links: commits, the run, the workflow, nothing from names.
      for (const href of content.matchAll(/href="([^"]*)"/g)) {
        assert.match(href[1]!, /^https:\/\/github\.com\/sched-ext\/scx\/(commit|actions)\//, href[1])
      }
      // Mentions and issue refs are broken by a zero-width space, so GitHub cannot link them.
      assert.ok(visible.includes('@\u200boctocat'))
      assert.ok(!visible.includes('@octocat'))
      // Bidi and control characters arrive as visible escapes, not as themselves.
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      assert.doesNotMatch(visible, /[\u202a-\u202e\u2066-\u2069\u0000-\u0008\u001b]/)
      // The 10 kB name is cut.
      assert.ok(!visible.includes('x'.repeat(200)))
    }
    const v = comment.visible
    assert.ok(v.includes('end --> <script>alert(1)</script>'))
    assert.ok(v.includes('**bold** _em_ ~~strike~~ # heading'), 'emphasis syntax is shown, not applied')
    assert.ok(v.includes('#\u200b123'))
    assert.ok(summary.visible.includes('\\u{202e}evil'))
    // A name's "| injected | row |" did not add cells: every row of the main table has 4.
    const main = Array.from(comment.content.matchAll(/<table>[\s\S]*?<\/table>/g), (m) => m[0]).find((t) =>
      t.includes('Base → HEAD')
    )!
    for (const tr of main.match(/<tr>[\s\S]*?<\/tr>/g)!)
      assert.equal((tr.match(/<t[hd][ >]/g) ?? []).length, 4)
    // Headings: only the comment's own one; the summary's own ones, none from names.
    assert.equal((comment.content.match(/<h[1-6][ >]/g) ?? []).length, 1)
    assert.deepEqual(
      Array.from(summary.content.matchAll(/<h[1-6][^>]*>([^<]*)/g), (m) => m[1]!.slice(0, 20)),
      [
        '❌ Failed — ktstr-per',
        'Tripped assertions',
        'Regressions and impr',
        'Statistics',
        'Samples of the worst',
        'Per-test detail',
        'Provenance',
        'Excluded pairs (no p',
        'New in HEAD (no matc',
        'Removed from the bas',
        'Malformed sidecars (',
        'Unknown metrics (not'
      ]
    )
    assert.ok(HOSTILE_NAMES.length > 10)
  })

  it('screenshots of each outcome at 1012 and 400 px, and the README picture, are regenerated', async () => {
    await pages(400) // after the measuring pages: one page at a time
    mkdirSync(SCREENSHOTS, { recursive: true })
    for (const [name, build] of SHOTS) {
      const html = await githubHtml(renderComment(build(), GATE))
      for (const width of WIDTHS) {
        const b = await show(`${name}-${width}`, [html], width)
        const png = await b.screenshot()
        assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG')
        assert.equal(png.readUInt32BE(16), width, 'the screenshot is as wide as the screen it shows')
        writeFileSync(join(SCREENSHOTS, `${name}-${width}.png`), png)
        if (name === 'fail' && width === 1012) {
          mkdirSync(resolve('docs'), { recursive: true })
          writeFileSync(README_PNG, png)
        }
      }
    }
  })
})
