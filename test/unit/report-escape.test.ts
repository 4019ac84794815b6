import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import {
  htmlText,
  jsonText,
  markerKey,
  mdBreakable,
  mdCode,
  mdText,
  safeUrl,
  shellArg,
  terminalText,
  truncate,
  visible
} from '../../src/report/escape.js'
import { HOSTILE_NAMES } from '../helpers/comparison-fixtures.js'

// Characters that must never survive into rendered output as themselves.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

describe('visible / terminalText', () => {
  it('shows newlines, controls and bidi characters as escapes', () => {
    assert.equal(visible('a\nb\r\tc'), 'a\\nb\\r\\tc')
    assert.equal(visible('x\u001b[31my'), 'x\\u{1b}[31my')
    assert.equal(visible('\u202Eevil\u2066'), '\\u{202e}evil\\u{2066}')
    assert.equal(visible('zw\u200Bj\uFEFF'), 'zw\\u{200b}j\\u{feff}')
    assert.equal(visible('ok ünï 名前 🚀'), 'ok ünï 名前 🚀')
  })
  it('replaces lone surrogates', () => {
    assert.equal(visible('a\uD800b'), 'a\uFFFDb')
    assert.equal(visible('\uDC00'), '\uFFFD')
  })
  it('never leaves an invisible character (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !INVISIBLE.test(terminalText(s))))
  })
})

describe('truncate', () => {
  it('keeps short strings and cuts long ones to the limit with a count', () => {
    assert.equal(truncate('short', 10), 'short')
    const cut = truncate('x'.repeat(10_000), 80)
    assert.equal(Array.from(cut).length, 80)
    assert.match(cut, /…\(\+\d+\)$/)
    // The count is exact: kept + left out = the original length.
    const [kept, n] = [cut.slice(0, cut.indexOf('…')), Number(/\+(\d+)\)$/.exec(cut)![1])]
    assert.equal(kept.length + n, 10_000)
  })
  it('never splits a surrogate pair', () => {
    const cut = truncate('🚀'.repeat(100), 20)
    assert.doesNotMatch(cut, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
  it('respects the limit for any input (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 12, max: 200 }),
        (s, max) => Array.from(truncate(s, max)).length <= max
      )
    )
  })
})

describe('mdText', () => {
  it('turns HTML into character references so no raw < survives', () => {
    assert.equal(mdText('<img src=x>'), '&lt;img src=x&gt;')
    assert.equal(mdText('a & b'), 'a &amp; b')
    assert.equal(mdText('&lt;'), '&amp;lt;')
  })
  it('cannot open, forge or close an HTML comment', () => {
    const out = mdText('<!-- ktstr-perf-gate:x --> -->')
    assert.ok(!out.includes('<!--'))
    assert.ok(!out.includes('-->'))
    assert.ok(!out.includes('<'))
  })
  it('backslash-escapes markdown punctuation and pipes', () => {
    assert.equal(mdText('[a](javascript:x)'), '\\[a\\](javascript:x)')
    assert.equal(mdText('a|b'), 'a\\|b')
    assert.equal(mdText('`x`'), '\\`x\\`')
    assert.equal(mdText('**b** ~~s~~ $m$'), '\\*\\*b\\*\\* \\~\\~s\\~\\~ \\$m\\$')
    assert.equal(mdText('!['), '!\\[')
  })
  it('keeps snake_case readable but escapes emphasis underscores', () => {
    assert.equal(mdText('worst_p99_wake'), 'worst_p99_wake')
    assert.equal(mdText('_em_'), '\\_em\\_')
  })
  it('breaks @mentions, #refs, GH-refs and autolinks with a zero-width space', () => {
    assert.equal(mdText('@octocat'), '@&#8203;octocat')
    assert.equal(mdText('fix #12'), 'fix \\#&#8203;12')
    assert.equal(mdText('GH-4'), 'GH-&#8203;4')
    assert.equal(mdText('https://e.x'), 'https:&#8203;//e.x')
    assert.equal(mdText('www.e.x'), 'www&#8203;.e.x')
    assert.equal(mdText('a@b'), 'a@&#8203;b')
    assert.equal(mdText(':smile: ok'), ':&#8203;smile: ok')
  })
  it('never emits a raw <, a newline, an unescaped pipe or an invisible character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = mdText(s)
        return (
          !out.includes('<') &&
          !out.includes('\n') &&
          !/(^|[^\\])\|/.test(out) &&
          !INVISIBLE.test(out.replace(/&#8203;/g, ''))
        )
      })
    )
  })
  it('handles every hostile fixture name', () => {
    for (const name of HOSTILE_NAMES) {
      const out = mdText(name, 120)
      assert.ok(!out.includes('<') && !out.includes('\n'), name)
    }
  })
})

describe('mdCode', () => {
  it('wraps escaped text in <code> so no raw < or backtick survives', () => {
    assert.equal(mdCode('a'), '<code>a</code>')
    assert.equal(mdCode('<!-- x -->`|'), '<code>&lt;!-- x --&gt;\\`\\|</code>')
  })
})

describe('htmlText', () => {
  it('escapes HTML specials and shows controls', () => {
    assert.equal(
      htmlText(`<a href="x">'&'</a>\n`),
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\\n'
    )
    // No markdown escapes (they would show in raw HTML), but mentions and refs still break.
    assert.equal(htmlText('a_b *c* @me #1'), 'a_b *c* @&#8203;me #&#8203;1')
  })
})

describe('safeUrl', () => {
  it('accepts http(s) only', () => {
    assert.equal(safeUrl('https://github.com/o/r'), 'https://github.com/o/r')
    assert.equal(safeUrl('javascript:alert(1)'), null)
    assert.equal(safeUrl('data:text/html,x'), null)
    assert.equal(safeUrl('not a url'), null)
    assert.equal(safeUrl(undefined), null)
  })
  it('rejects URLs that would break out of a markdown link', () => {
    assert.equal(safeUrl('https://x.example/a)b'), null)
    assert.equal(safeUrl('https://x.example/"onmouseover'), 'https://x.example/%22onmouseover')
  })
})

describe('markerKey', () => {
  it('keeps ordinary keys and neutralises comment terminators', () => {
    assert.equal(markerKey('perf.yml/gate/x86_64'), 'perf.yml/gate/x86_64')
    assert.equal(markerKey('a --> b'), 'a_-__b')
    assert.equal(markerKey(''), 'default')
    assert.equal(markerKey('x'.repeat(500)).length, 200)
  })
  it('never contains -- or > (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => !markerKey(s).includes('--') && !markerKey(s).includes('>')))
  })
})

describe('jsonText', () => {
  it('escapes HTML-sensitive and invisible characters without changing the value', () => {
    const value = { s: '<b>&</b>\u202E\u2028\u0085🚀', n: 1 }
    const text = jsonText(JSON.stringify(value, null, 2))
    assert.ok(!/[<>&\u202E\u2028\u0085]/.test(text))
    assert.deepEqual(JSON.parse(text), value)
  })
  it('round-trips any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => JSON.parse(jsonText(JSON.stringify({ s }))).s === s)
    )
  })
})

describe('mdBreakable', () => {
  it('lets long names wrap after / _ . - : without adding a character to copy', () => {
    assert.equal(mdBreakable('wake_chain/2n4l4c2t'), 'wake\\_<wbr>chain/<wbr>2n4l4c2t')
    assert.equal(mdBreakable('plain'), 'plain')
    // What a reader copies is the name: only <wbr> elements were added.
    assert.equal(mdBreakable('a_b/c').replace(/<wbr>/g, '').replace(/\\/g, ''), 'a_b/c')
  })
  it('stays inert: no raw < but its own <wbr>, mentions and links broken in each piece', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const out = mdBreakable(s, 100)
        assert.ok(!out.replace(/<wbr>/g, '').includes('<'))
      })
    )
    assert.ok(!mdBreakable('cc @octocat/x').includes('@octocat'))
    assert.ok(!mdBreakable('see https://evil.example/a').includes('https://'))
  })
})

describe('shellArg', () => {
  it('keeps plain words bare and single-quotes the rest', () => {
    assert.equal(shellArg('6.14.2'), '6.14.2')
    assert.equal(shellArg('--a-project-commit'), '--a-project-commit')
    assert.equal(shellArg(''), "''")
    assert.equal(shellArg("it's $(rm -rf ~)"), `'it'\\''s $(rm -rf ~)'`)
    assert.equal(shellArg('a\u001b[31mb'), "'a\\u{1b}[31mb'", 'no control character reaches the terminal')
  })

  it('a POSIX shell reads back exactly the words given (visible text)', () => {
    const words = fc.array(fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), {
      minLength: 1,
      maxLength: 8
    })
    fc.assert(
      fc.property(words, (ws) => {
        const plain = ws.map((w) => visible(w))
        const line = plain.map((w) => shellArg(w)).join(' ')
        const out = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' })
        assert.deepEqual(out.split('\0').slice(0, -1), plain)
      }),
      { numRuns: 40 }
    )
  })
})
