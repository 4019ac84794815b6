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
 * Compact output serializes row by row; `pretty` builds the indented text at once (opt-in).
 */
export function writeJson(c: Comparison, write: (s: string) => void, o: JsonOptions = {}): void {
  const { rows, ...rest } = document(c)
  if (o.pretty) {
    // NaN and ±Infinity (never produced by a correct engine) become null, as JSON.stringify
    // writes them, which keeps every numeric field `number | null`.
    // jsonText escapes `<>&` and invisible/bidi characters inside strings as \u escapes:
    // the parsed values are identical, but `cat`ting or embedding the file is safe.
    write(jsonText(JSON.stringify({ ...rest.head, rows: rows.map(row), ...rest.tail }, null, 2)))
    return
  }
  const out = new CompactJson()
  const head = out.value(rest.head)
  write(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"rows":[`)
  // Rows hold only plain data, so the native JSON.stringify writes them (the same text as
  // CompactJson, several times faster); in JSON text `<>&` and the invisible characters jsonText
  // escapes can only stand inside strings, so escaping the row's text equals escaping its strings.
  const chunk: string[] = []
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    const end = Math.min(rows.length, i + ROWS_PER_CHUNK)
    for (let j = i; j < end; j++) chunk.push(JSON.stringify(row(rows[j]!)))
    write((i > 0 ? ',' : '') + jsonText(chunk.join(',')))
    chunk.length = 0
  }
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
        if (Array.isArray(v)) return this.array(v)
        if (typeof (v as { toJSON?: unknown }).toJSON === 'function')
          return jsonText(JSON.stringify(v) ?? 'null')
        return this.object(v as Record<string, unknown>)
      default:
        return undefined as unknown as string
    }
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

function row(r: ComparisonRow): Record<string, unknown> {
  return {
    key: r.key,
    test: r.test,
    topology: r.topology,
    scheduler: r.scheduler,
    workType: r.workType,
    kernel: r.kernel,
    metric: r.metric,
    unit: r.unit,
    polarity: r.polarity,
    verdict: r.verdict,
    mode: r.mode,
    base: side(r.base),
    head: side(r.head),
    delta: r.delta,
    relDelta: r.relDelta,
    pValue: r.pValue,
    pAdjusted: r.pAdjusted,
    separated: r.separated,
    disjoint: r.disjoint,
    material: r.material,
    gate: r.gate,
    ci95: r.ci95,
    effectSize: r.effectSize,
    mustFail: r.mustFail,
    state: r.state,
    runsNeeded: r.runsNeeded
  }
}

function side(s: SideStats | null): Record<string, unknown> | null {
  if (s === null) return null
  return {
    n: s.n,
    mean: s.mean,
    min: s.min,
    max: s.max,
    stdev: s.stdev,
    value: s.value,
    fold: s.fold,
    samples: s.samples
  }
}
