/**
 * The one module every untrusted string (test names, metric names, commit labels, hosts,
 * kernel strings, file paths, error messages from sidecars) passes through before a renderer
 * prints it. Three targets: a terminal, GitHub-flavoured markdown, and JSON.
 */

// Invisible or layout-changing code points: C0/C1 controls, format characters (bidi
// overrides and isolates, zero-width joiners, BOM, soft hyphen, tag characters) and the
// Unicode line/paragraph separators. Each is shown as a visible escape instead, so a name
// can neither reorder a line ("Trojan Source"), hide text, nor start a new one.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu
// Lone surrogates cannot be encoded as UTF-8 and break some consumers; replace them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** Replaces controls, bidi/format characters, line breaks and lone surrogates with visible escapes. */
export function visible(s: string): string {
  return s
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(INVISIBLE, (ch) => NAMED_ESCAPES[ch] ?? `\\u{${ch.codePointAt(0)!.toString(16)}}`)
}

/** Cuts a string to at most `max` code points, marking the cut with "…(+N)", N the code points left out. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s // UTF-16 length ≥ code points: nothing to cut
  const points = Array.from(s)
  if (points.length <= max) return s
  // The note's length depends on N, and N on how much the note leaves room for: settle it.
  let kept = max
  for (let i = 0; i < 3; i++) kept = Math.max(1, max - `…(+${points.length - kept})`.length)
  return `${points.slice(0, kept).join('')}…(+${points.length - kept})`
}

/** Text that is safe to print on a terminal: visible escapes, then cut to `max` code points. */
export function terminalText(s: string, max = Infinity): string {
  return truncate(visible(s), max)
}

// `<`, `>`, `&` and quotes become character references: then the raw comment text never
// contains a `<` from a test name, so nobody can open raw HTML or forge or close our
// `<!-- ktstr-perf-gate:… -->` marker, not even in the unrendered source a bot searches.
const HTML_REFS: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;'
}
// GitHub links @user, #123, GH-123 and URLs after rendering, on the decoded text, so escapes
// alone do not stop them: a zero-width space (as Dependabot and Renovate insert) breaks the
// pattern while the reader sees the same text.
const ZWSP = '&#8203;'

/**
 * Inline markdown text (table cells, after a label; never at the start of a line): visible
 * escapes, cut to `max` code points, then every markdown/HTML special neutralised.
 */
export function mdText(s: string, max = Infinity): string {
  return neutralise(terminalText(s, max), true)
}

/**
 * Text for raw HTML contexts (`<summary>`, `<pre>`), where markdown is not parsed and
 * backslashes would show: visible escapes, character references for `& < > " '`, and the
 * same zero-width breaks of @mentions, #refs and autolinks as mdText.
 */
export function htmlText(s: string, max = Infinity): string {
  return neutralise(terminalText(s, max), false)
}

// Stands in for the zero-width space until the character references are written, so the
// `&` of `&#8203;` is not escaped itself. visible() has already removed every C0 control
// from the input, so this cannot collide with input text.
const ZWSP_MARK = '\u0001'
// Punctuation with inline meaning in CommonMark/GFM (emphasis, code, links, tables,
// strikethrough, math `$`, headings) gets a backslash escape, which stays readable in the
// raw text. `(`, `)` and `!` are harmless once every `[` and `]` is escaped: no `](` link or
// `![` image can form.
const MD_ESCAPE_RE = /[\\`*[\]#|~$]/g
// `_` that could open or close emphasis (not between two letters or digits).
const LONE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu
const AUTOLINK_BREAKS: readonly RegExp[] = [
  /(?<=@)(?=[\p{L}\p{N}_-])/gu, // @user, @org/team, a@b.c
  /(?<=#)(?=[0-9])/g, // #123, owner/repo#123
  /(?<=(?:^|[^\p{L}\p{N}])gh-)(?=[0-9])/giu, // GH-123
  /(?<=:)(?=\/\/)/g, // scheme://
  /(?<=:)(?=[a-z0-9_+-]+:)/gi, // :emoji: shortcodes
  // www.host: break before the dot, because GFM links `www.` followed by anything up to a
  // space, so a break after it would still leave a (broken) link.
  /(?<=(?:^|[^\p{L}\p{N}])www)(?=\.)/giu
]

// Regex passes rather than a per-character loop: the summary escapes tens of thousands of
// cells, several times over while it searches for the row count that fits.
function neutralise(safe: string, markdown: boolean): string {
  let out = safe
  if (markdown) out = out.replace(MD_ESCAPE_RE, '\\$&').replace(LONE_UNDERSCORE, '\\_')
  for (const re of AUTOLINK_BREAKS) out = out.replace(re, ZWSP_MARK)
  out = out.replace(/[<>&"']/g, (ch) => HTML_REFS[ch]!)
  return out.includes(ZWSP_MARK) ? out.split(ZWSP_MARK).join(ZWSP) : out
}

/**
 * As mdText, with a line-break opportunity (`<wbr>`, which GitHub's sanitizer keeps) after each
 * `/`, `_`, `.`, `-` and `:`, so a long test or metric name wraps inside a narrow table cell
 * instead of widening the table past a phone's screen. Copying the name copies no extra
 * character. Each piece is neutralised on its own; the `<wbr>` between pieces also keeps
 * mentions and autolinks from forming across them.
 */
export function mdBreakable(s: string, max = Infinity): string {
  return terminalText(s, max)
    .split(/(?<=[/_.:-])(?=.)/su)
    .map((piece) => neutralise(piece, true))
    .join('<wbr>')
}

/**
 * Untrusted text shown as code: `<code>` around mdText. Not a backtick code span, because
 * inside one nothing is decoded, so a `<` would have to stay raw in the comment source, where
 * a bot searching for our marker would see it.
 */
export function mdCode(s: string, max = Infinity): string {
  return `<code>${mdText(s, max)}</code>`
}

/** A URL safe for a markdown link target or href: only http(s), no whitespace, quotes or angle brackets; else null. */
export function safeUrl(url: string | undefined | null): string | null {
  if (!url) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
  const href = parsed.href
  if (/[\s<>"'`()\p{Cc}\p{Cf}]/u.test(href)) return null
  return href
}

/**
 * The key inside our hidden comment marker: only `[A-Za-z0-9._/:+=@-]`, no `--` (which
 * would end an HTML comment), at most 200 characters, so neither a matrix value nor a job
 * name can close the comment or collide with a marker we did not write.
 */
export function markerKey(key: string): string {
  const cleaned = key
    .replace(/[^A-Za-z0-9._/:+=@-]/g, '_')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '_')
    .slice(0, 200)
  return cleaned === '' ? 'default' : cleaned
}

/**
 * JSON text made safe to print or embed: `<`, `>`, `&`, and every invisible or
 * layout-changing code point become `\uXXXX` escapes. The decoded values are unchanged.
 */
export function jsonText(json: string): string {
  // Scanned without the `u` flag (several times faster on a 40 MB report); non-ASCII candidates
  // are then checked one by one against the Unicode classes. Newlines (the indentation) and
  // ordinary non-ASCII text such as "µs" pass through.
  return json.replace(JSON_CANDIDATE, (ch) => {
    const code = ch.codePointAt(0)!
    if (code >= 0xa0 && !FORMAT_CHAR.test(ch)) return ch
    if (code > 0xffff) {
      const hi = 0xd800 + ((code - 0x10000) >> 10)
      const lo = 0xdc00 + ((code - 0x10000) & 0x3ff)
      return `\\u${hi.toString(16)}\\u${lo.toString(16)}`
    }
    return `\\u${code.toString(16).padStart(4, '0')}`
  })
}

// `<>&`, C0 controls but the newline, DEL and C1 controls, the soft hyphen (the one format
// character in Latin-1), surrogate pairs, and everything from U+0100. The rest of Latin-1 (the
// µ of every "µs" unit) is never escaped, so it is not even a candidate.
const JSON_CANDIDATE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[<>&\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0100-\uFFFF]/g
const FORMAT_CHAR = /^[\p{Cf}\p{Zl}\p{Zp}]$/u

// Characters a POSIX shell never treats specially in a word (and `=`/`,`/`:`/`@`/`%`/`+`, safe there too).
const SHELL_PLAIN = /^[A-Za-z0-9._/:=,@%+-]+$/

/**
 * One word of a command line to paste into a POSIX shell (bash, zsh, dash): visible escapes
 * first (so no control or bidi character reaches the terminal), then kept bare when it holds
 * only plain characters, else single-quoted with `'` written as `'\''`. Nothing inside single
 * quotes is expanded, so `$(…)`, backticks, `;` and globs stay text.
 */
export function shellArg(s: string, max = 400): string {
  const v = terminalText(s, max)
  if (SHELL_PLAIN.test(v)) return v
  return `'${v.replace(/'/g, `'\\''`)}'`
}
