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

/** The Comparison as pretty-printed, versioned JSON (pure; ends without a newline). */
export function renderJson(c: Comparison): string {
  const doc = {
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
      unknownMetrics: c.counts.unknownMetrics
    },
    rows: c.rows.map(row),
    assertions: c.assertions,
    excludedPairs: c.excludedPairs,
    newInHead: c.newInHead,
    removedFromBase: c.removedFromBase,
    malformed: c.malformed,
    unknownMetrics: c.unknownMetrics
  }
  // NaN and ±Infinity (never produced by a correct engine) become null, as JSON.stringify
  // writes them, which keeps every numeric field `number | null`.
  // jsonText escapes `<>&` and invisible/bidi characters inside strings as \u escapes:
  // the parsed values are identical, but `cat`ting or embedding the file is safe.
  return jsonText(JSON.stringify(doc, null, 2))
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
    mustFail: r.mustFail
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
