/**
 * Renders the PR comment and the job summary the way GitHub would (GFM via remark-gfm, raw
 * HTML re-parsed and then cleaned with rehype-sanitize's default schema, which is modelled
 * on GitHub's sanitizer), opens the page in headless Chromium (Debian package `chromium`),
 * and asserts on what a reader sees. Screenshots are kept in test-output/ for a human look.
 * Skips with a clear message when Chromium is not installed.
 */
import assert from 'node:assert/strict'
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { after, describe, it } from 'node:test'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { renderComment } from '../../src/report/comment.js'
import { renderSummary } from '../../src/report/summary.js'
import { HOSTILE_NAMES, failByCount, hostileNames, sequentialOpen } from '../helpers/comparison-fixtures.js'

const run = promisify(execFile)
const OUTPUT = resolve('test-output', 'report-render')
const LINKS = {
  repoUrl: 'https://github.com/sched-ext/scx',
  runUrl: 'https://github.com/sched-ext/scx/actions/runs/42'
}

function findChromium(): string | null {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome'].filter(
    Boolean
  ) as string[]) {
    try {
      execFileSync('/bin/sh', ['-c', `command -v "$1"`, 'sh', name], { stdio: 'pipe' })
      return name
    } catch {
      // try the next name
    }
  }
  return null
}

const chromium = findChromium()
// CI installs Chromium (.ci/run); there a missing browser is a failure, not a quiet skip.
if (!chromium && process.env.CI)
  throw new Error('Chromium not found, but CI must run the rendered-report test: apt-get install -y chromium')
const SKIP = chromium
  ? false
  : 'Chromium not installed: `apt-get install -y chromium` (Debian) to run the rendered-report test'

/** Markdown → HTML as GitHub renders a comment: GFM, raw HTML allowed in, then sanitized. */
async function githubHtml(markdown: string): Promise<string> {
  const file = await unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize)
    .use(rehypeStringify)
    .process(markdown)
  return String(file)
}

// Our own wrapper, outside the sanitized content: GitHub-like styling, and a script that
// copies each section's rendered text (innerText: only what is displayed; closed <details>
// bodies are not) into a hidden <pre> so --dump-dom can hand it back.
function page(sections: string[]): string {
  const mains = sections
    .map((html, i) => `<main id="s${i}">${html}</main><pre class="vt" id="vt${i}"></pre>`)
    .join('<hr>')
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>report preview</title>
<style>
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; max-width: 1100px; margin: 16px auto; }
table { border-collapse: collapse; margin: 8px 0; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 4px 10px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
pre { background: #f6f8fa; padding: 12px; overflow: auto; }
blockquote { color: #59636e; border-left: 4px solid #d1d9e0; margin: 0; padding: 0 12px; }
hr { margin: 32px 0; }
.vt { display: none; }
</style></head>
<body>${mains}
<script>for (const m of document.querySelectorAll('main')) document.getElementById('vt' + m.id.slice(1)).textContent = m.innerText</script>
</body></html>`
}

interface Rendered {
  /** Serialized DOM of each section's sanitized content. */
  content: string
  /** What a reader sees of that section. */
  visible: string
}

const dirs: string[] = []
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** Opens the page in headless Chromium, saves a screenshot, returns the DOM and the visible text. */
async function openInChromium(name: string, sections: string[], height: number): Promise<Rendered[]> {
  mkdirSync(OUTPUT, { recursive: true })
  const file = join(OUTPUT, `${name}.html`)
  writeFileSync(file, page(sections))
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'))
  dirs.push(profile)
  const { stdout } = await run(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      `--window-size=1200,${height}`,
      `--screenshot=${join(OUTPUT, `${name}.png`)}`,
      '--dump-dom',
      pathToFileURL(file).href
    ],
    { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }
  )
  return sections.map((_, i) => {
    const visible = new RegExp(`<pre class="vt" id="vt${i}">([\\s\\S]*?)</pre>`).exec(stdout)?.[1]
    const content = new RegExp(`<main id="s${i}">([\\s\\S]*?)</main>`).exec(stdout)?.[1]
    assert.ok(visible !== undefined && content !== undefined, `Chromium returned section ${i}`)
    return { visible: decode(visible), content }
  })
}

// The text of a <pre> in serialized DOM has & < > escaped.
function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
}

// One Chromium start for all four documents (it is the slow part): a realistic failing
// comment and summary, then the hostile-names comment and summary, on one page.
let rendered: Promise<Rendered[]> | undefined
function pages(): Promise<Rendered[]> {
  rendered ??= (async () => {
    const fail = failByCount()
    const hostile = hostileNames()
    const sections = [
      await githubHtml(renderComment(fail, { key: 'perf.yml/gate/x86_64', ...LINKS })),
      await githubHtml(renderSummary(fail, LINKS)),
      await githubHtml(renderComment(hostile, { key: 'k', ...LINKS })),
      await githubHtml(renderSummary(hostile, LINKS)),
      await githubHtml(renderComment(sequentialOpen(), { key: 'seq', ...LINKS }))
    ]
    return openInChromium('reports', sections, 9000)
  })()
  return rendered
}

describe('reports rendered by a GitHub-like pipeline in headless Chromium', { skip: SKIP }, () => {
  it('a failing comment and its summary: verdict first, the moves table, the rest collapsed, per-test detail', async () => {
    const [comment, summary] = (await pages()).slice(0, 2)
    const { visible, content } = comment!
    const lines = visible.split('\n').filter((l) => l.trim() !== '')
    assert.equal(
      lines[0],
      "❌ FAIL — 6 regressions ≥ fail-threshold 5 · ktstr's rule",
      'the verdict is the first thing read'
    )
    assert.match(visible, /6 regressions, 1 improvement, 20 unchanged, 2 informational/)
    assert.ok(!visible.includes('ktstr-perf-gate:'), 'the marker is invisible')
    // The moves table: header, then the worst regression first.
    assert.match(visible, /Test\tMetric\tUnit\tBaseline\tHEAD\tΔ %\t95 % CI\tGates cleared/)
    assert.match(
      visible,
      /🔴\twake_chain\/2n4l4c2t\/CpuSpin\tworst_p99_wake_latency_us\tµs\t388\.8\t911\.1\t\+134%/
    )
    assert.equal((content.match(/<table>/g) ?? []).length, 2, 'moves table and the collapsed rest table')
    // Collapsed rows are in the DOM but not shown.
    assert.ok(content.includes('total_hardirqs'))
    assert.ok(!visible.includes('total_hardirqs'), 'informational rows sit in a closed <details>')
    assert.match(visible, /Other rows: 20 unchanged, 2 informational/)
    assert.match(content, /<a href="https:\/\/github\.com\/sched-ext\/scx\/commit\/1a2b3c4d5e6f/)

    assert.ok(summary!.visible.trimStart().startsWith('❌ FAIL — 6 regressions ≥ fail-threshold 5'))
    assert.match(summary!.visible, /Per-test detail/)
    // Tests with a regression are open: their metric table is visible.
    assert.match(
      summary!.visible,
      /worst_p99_wake_latency_us\tlower\t388\.8 µs \(n=5, 384\.7–393\.8, sd 3\.961\)/
    )
    assert.ok((summary!.content.match(/<details/g) ?? []).length >= 7)
  })

  it('the sequential rule: the headline names it, open rows sit in their own collapsed section saying what would decide them', async () => {
    const seq = (await pages())[4]!
    const lines = seq.visible.split('\n').filter((l) => l.trim() !== '')
    assert.equal(lines[0], '❌ FAIL — 1 regression ≥ fail-threshold 1 · sequential rule')
    assert.match(seq.visible, /Not decided by the sequential rule: 1 inconclusive, 1 undecided/)
    // Collapsed: the rows are in the page, not shown until opened.
    assert.ok(!seq.visible.includes('too noisy for its gate'), 'collapsed by default')
    assert.match(seq.content, /<details><summary>Not decided by the sequential rule/)
    assert.match(seq.content, /too noisy for its gate: CV 50 % vs gate 10 %/)
    assert.match(seq.content, /≈ 6 runs per side/)
    assert.match(seq.content, /<code>extra-runs: 1<\/code>/)
  })

  it('hostile names stay text: no injected element, attribute, link, row or heading', async () => {
    const [comment, summary] = (await pages()).slice(2)
    assert.ok(comment!.visible.trimStart().startsWith('❌ FAIL — 7 regressions ≥ fail-threshold 5'))
    for (const { visible, content } of [comment!, summary!]) {
      // No element or attribute from a name survived...
      assert.doesNotMatch(content, /<(img|script|svg|b|i|iframe)[\s>/]/)
      assert.doesNotMatch(content, /<[^>]*\son\w+\s*=/, 'no event-handler attribute')
      assert.doesNotMatch(content, /href="javascript:/i)
      // ...and nothing was silently dropped: the reader sees each name as literal text.
      assert.ok(visible.includes('<img src=x onerror=alert(1)>'), 'the HTML name is shown as text')
      assert.ok(visible.includes('[click](javascript:alert(1))'), 'link syntax is shown, not linked')
      // Only our own links: commits, the run, nothing from names.
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
    const v = comment!.visible
    assert.ok(v.includes('end --> <script>alert(1)</script>'))
    assert.ok(v.includes('**bold** _em_ ~~strike~~ # heading'), 'emphasis syntax is shown, not applied')
    assert.ok(v.includes('#\u200b123'))
    assert.ok(summary!.visible.includes('\\u{202e}evil'))
    // A name's "| injected | row |" did not add cells: every row of the moves table has 9.
    const moves = Array.from(comment!.content.matchAll(/<table>[\s\S]*?<\/table>/g), (m) => m[0])[1]!
    assert.match(moves, /Gates cleared/)
    for (const tr of moves.match(/<tr>[\s\S]*?<\/tr>/g)!)
      assert.equal((tr.match(/<t[hd][ >]/g) ?? []).length, 9)
    // Headings: only the comment's own one; the summary's own ones, none from names.
    assert.equal((comment!.content.match(/<h[1-6][ >]/g) ?? []).length, 1)
    assert.deepEqual(
      Array.from(summary!.content.matchAll(/<h[1-6][^>]*>([^<]*)/g), (m) => m[1]!.slice(0, 20)),
      [
        '❌ FAIL — 7 regressio',
        'Assertions',
        'Regressions and impr',
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
})
