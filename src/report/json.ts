/**
 * JSON renderer: the Comparison as data (DESIGN.md §8). Other tools parse this, so the
 * keys listed there are always present under exactly those names; we add keys, never
 * rename or drop them. The object is rebuilt key by key (not spread) so a field added to
 * the engine's types cannot silently change this public shape.
 */
import type { Comparison, ComparisonRow, SideStats } from '../core/types.js'
import { jsonText } from './escape.js'

/** The schema version this renderer writes. */
export const JSON_SCHEMA_VERSION = 1

export interface JsonOptions {
  /** Indent by two spaces (`--pretty`); the default is one line, a third of the size. */
  pretty?: boolean
}

// Rows per write: large enough that a write is not per row, small enough that no chunk is big.
const ROWS_PER_CHUNK = 256

/** The Comparison as versioned JSON (pure; ends without a newline); compact unless `pretty`. */
export function renderJson(c: Comparison, o: JsonOptions = {}): string {
  const parts: string[] = []
  writeJson(c, (s) => parts.push(s), o)
  return parts.join('')
}

/**
 * Writes the Comparison's JSON in chunks, so a report of 100,000 rows never exists as one string.
 * NaN and ±Infinity (never produced by a correct engine) become null, as JSON.stringify writes
 * them, which keeps every numeric field `number | null`. Strings pass through jsonText, which
 * escapes `<>&` and invisible/bidi characters as \u escapes: the parsed values are identical, but
 * `cat`ting or embedding the file is safe. `pretty` (opt-in) indents the compact text at once.
 */
export function writeJson(c: Comparison, write: (s: string) => void, o: JsonOptions = {}): void {
  if (o.pretty) {
    // The compact text parsed back holds the same values in the same key order; its strings come
    // back unescaped, so the indented text is escaped again.
    write(jsonText(JSON.stringify(JSON.parse(renderJson(c)), null, 2)))
    return
  }
  const { rows, ...rest } = document(c)
  const out = new CompactJson()
  const head = out.value(rest.head)
  write(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"rows":[`)
  // Rows are written field by field into the text (no intermediate object, no JSON.stringify of
  // it, no regex over the result): each distinct string is escaped once, numbers need no escaping.
  let chunk = ''
  for (let i = 0; i < rows.length; i++) {
    chunk += (i > 0 ? ',' : '') + rowText(rows[i]!, out)
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      write(chunk)
      chunk = ''
    }
  }
  if (chunk !== '') write(chunk)
  const tail = out.value(rest.tail)
  write(`]${tail.length > 2 ? ',' : ''}${tail.slice(1)}`)
}

/** The report's top level in DESIGN §8 order, split around the rows (written one chunk at a time). */
function document(c: Comparison) {
  const head = {
    schemaVersion: JSON_SCHEMA_VERSION,
    verdict: c.verdict,
    reasons: c.reasons,
    notices: c.notices,
    baseline: c.baseline,
    head: c.head,
    mode: c.mode,
    registry: c.registry,
    options: c.options,
    counts: {
      regressions: c.counts.regressions,
      improvements: c.counts.improvements,
      unchanged: c.counts.unchanged,
      informational: c.counts.informational,
      excluded: c.counts.excluded,
      newInHead: c.counts.newInHead,
      removedFromBase: c.counts.removedFromBase,
      malformed: c.counts.malformed,
      droppedRuns: c.counts.droppedRuns,
      coverage: c.counts.coverage,
      noisy: c.counts.noisy,
      bothZero: c.counts.bothZero,
      assertionsTripped: c.counts.assertionsTripped,
      unknownMetrics: c.counts.unknownMetrics,
      undecided: c.counts.undecided,
      inconclusive: c.counts.inconclusive
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
    }))
  }
  const tail = {
    assertions: c.assertions,
    excludedPairs: c.excludedPairs,
    newInHead: c.newInHead,
    removedFromBase: c.removedFromBase,
    malformed: c.malformed,
    unknownMetrics: c.unknownMetrics,
    // Added (DESIGN §8): present only when the baseline held cached runs the sentinel checked.
    sentinel: c.sentinel,
    // Absent (left out) when nothing was waived.
    waivers: c.waivers
  }
  return { rows: c.rows, head, tail }
}

/**
 * JSON.stringify's output for plain data (same key order, numbers, null for non-finite numbers,
 * undefined members left out) with every string passed through jsonText. Each distinct string is
 * escaped once: a report repeats the same test, metric and unit names in thousands of rows, and
 * escaping strings instead of the whole text keeps the regex off the numbers.
 */
class CompactJson {
  private strings = new Map<string, string>()

  /** The JSON text of `v`; `undefined` for what JSON.stringify leaves out (undefined, functions). */
  value(v: unknown): string {
    switch (typeof v) {
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null'
      case 'string':
        return this.string(v)
      case 'boolean':
        return v ? 'true' : 'false'
      case 'object':
        if (v === null) return 'null'
        if (typeof (v as { toJSON?: unknown }).toJSON === 'function')
          return jsonText(JSON.stringify(v) ?? 'null')
        if (Array.isArray(v)) return this.array(v)
        return this.object(v as Record<string, unknown>)
      default:
        return undefined as unknown as string
    }
  }

  /**
   * `name` (a comma, the quoted key and a colon) + the text of `v`; '' when JSON.stringify would
   * leave the member out (undefined). An object's text is `{` + its members' text without the
   * first comma + `}`: see `members`.
   */
  member(name: string, v: unknown): string {
    const text = this.value(v)
    return text === undefined ? '' : name + text
  }

  private string(s: string): string {
    let out = this.strings.get(s)
    if (out === undefined) {
      out = jsonText(JSON.stringify(s))
      if (s.length <= 256) this.strings.set(s, out)
    }
    return out
  }

  private array(xs: readonly unknown[]): string {
    let out = '['
    for (let i = 0; i < xs.length; i++) out += (i > 0 ? ',' : '') + (this.value(xs[i]) ?? 'null')
    return out + ']'
  }

  private object(o: Record<string, unknown>): string {
    let out = '{'
    let first = true
    for (const k in o) {
      if (!Object.hasOwn(o, k)) continue
      const v = this.value(o[k])
      if (v === undefined) continue
      out += (first ? '' : ',') + this.string(k) + ':' + v
      first = false
    }
    return out + '}'
  }
}

/** An object's text from its members' text (each `,"key":value`, as `CompactJson.member` writes). */
function members(text: string): string {
  return text === '' ? '{}' : `{${text.slice(1)}}`
}

/**
 * A row's text, its keys in DESIGN §8's order: what JSON.stringify of the row rebuilt key by key
 * would write, with strings escaped by jsonText.
 */
function rowText(r: ComparisonRow, j: CompactJson): string {
  return members(
    j.member(',"key":', r.key) +
      j.member(',"test":', r.test) +
      j.member(',"topology":', r.topology) +
      j.member(',"scheduler":', r.scheduler) +
      j.member(',"workType":', r.workType) +
      j.member(',"kernel":', r.kernel) +
      j.member(',"metric":', r.metric) +
      j.member(',"unit":', r.unit) +
      j.member(',"polarity":', r.polarity) +
      j.member(',"verdict":', r.verdict) +
      j.member(',"mode":', r.mode) +
      `,"base":${sideText(r.base, j)}` +
      `,"head":${sideText(r.head, j)}` +
      j.member(',"delta":', r.delta) +
      j.member(',"relDelta":', r.relDelta) +
      j.member(',"pValue":', r.pValue) +
      j.member(',"pAdjusted":', r.pAdjusted) +
      j.member(',"separated":', r.separated) +
      j.member(',"disjoint":', r.disjoint) +
      j.member(',"material":', r.material) +
      j.member(',"gate":', r.gate) +
      j.member(',"ci95":', r.ci95) +
      j.member(',"effectSize":', r.effectSize) +
      j.member(',"mustFail":', r.mustFail) +
      j.member(',"state":', r.state) +
      j.member(',"runsNeeded":', r.runsNeeded)
  )
}

/** A side's text (SideStats key by key), as `rowText` writes a row. */
function sideText(s: SideStats | null, j: CompactJson): string {
  if (s === null) return 'null'
  return members(
    j.member(',"n":', s.n) +
      j.member(',"mean":', s.mean) +
      j.member(',"min":', s.min) +
      j.member(',"max":', s.max) +
      j.member(',"stdev":', s.stdev) +
      j.member(',"value":', s.value) +
      j.member(',"fold":', s.fold) +
      j.member(',"samples":', s.samples)
  )
}
