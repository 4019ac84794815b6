/**
 * Reads a report written by json.ts back into a Comparison, validating every field: the
 * `workflow_run` comment job gets it from an artifact of a (possibly fork) pull request, so it is
 * untrusted input. Strings stay plain data here; the renderers escape them.
 */
import * as z from 'zod'
import { UsageError } from '../core/errors.js'
import type { Comparison } from '../core/types.js'

const MAX_ROWS = 200_000
const str = z.string().max(20_000)
const num = z.number().nullable()
const polarity = z.enum(['lower', 'higher', 'informational', 'target', 'unknown'])
const mode = z.enum(['scalar', 'noise-adjusted'])

const side = z
  .object({
    n: z.number().int().nonnegative(),
    mean: z.number(),
    min: z.number(),
    max: z.number(),
    // null: a spread beyond the double range (json.ts writes ±Infinity as null); read back as Infinity.
    stdev: num.transform((v) => v ?? Infinity),
    value: z.number(),
    fold: z.number(),
    samples: z.array(z.number()).max(10_000)
  })
  .nullable()

const row = z.object({
  key: str,
  test: str,
  topology: str,
  scheduler: str,
  workType: str,
  kernel: str.nullable(),
  metric: str,
  unit: str,
  polarity,
  verdict: z.enum(['regression', 'improvement', 'unchanged', 'informational', 'coverage', 'noisy']),
  mode,
  base: side,
  head: side,
  delta: num,
  relDelta: num,
  pValue: num,
  pAdjusted: num.optional().default(null),
  separated: z.boolean().nullable(),
  disjoint: z.boolean().nullable(),
  material: z.boolean(),
  gate: z.object({ abs: z.number(), rel: z.number(), absCleared: z.boolean(), relCleared: z.boolean() }),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  effectSize: num,
  mustFail: z.boolean(),
  // Added with the sequential rule; reports written before it have neither.
  state: z
    .enum(['regression', 'improvement', 'unchanged', 'undecided', 'inconclusive'])
    .nullable()
    .optional()
    .default(null),
  runsNeeded: z.number().int().positive().nullable().optional().default(null)
})

const sideInfo = z.object({
  label: str,
  sha: str.nullable(),
  how: str,
  sidecars: z.number().int().nonnegative(),
  runs: z.number().int().nonnegative(),
  kernels: z.array(str).max(1_000),
  hosts: z.array(str).max(1_000)
})

const count = z.number().int().nonnegative()
const comparison = z.object({
  schemaVersion: z.literal(1),
  verdict: z.enum(['pass', 'fail', 'no-baseline', 'no-data']),
  reasons: z.array(str).max(10_000),
  notices: z.array(str).max(10_000),
  baseline: sideInfo,
  head: sideInfo,
  mode,
  registry: z.object({ source: z.enum(['bundled', 'live']), detail: str, hash: str }),
  options: z.object({
    alpha: z.number(),
    failThreshold: count,
    mustFail: z.array(str).max(1_000),
    thresholdPercent: num,
    policy: str.nullable(),
    filter: str.nullable(),
    fdr: num.optional().default(null),
    sequential: z
      .object({
        alpha: z.number(),
        gamma: z.number(),
        futility: z.number(),
        maxRuns: z.number().int().positive(),
        variance: z.enum(['pooled', 'larger']).optional().default('larger')
      })
      .nullable()
      .optional()
      .default(null)
  }),
  counts: z.object({
    regressions: count,
    improvements: count,
    unchanged: count,
    informational: count,
    excluded: count,
    droppedRuns: count,
    newInHead: count,
    removedFromBase: count,
    malformed: count,
    coverage: count,
    noisy: count.optional().default(0),
    bothZero: count.optional().default(0),
    assertionsTripped: count,
    unknownMetrics: count,
    undecided: count.optional().default(0),
    inconclusive: count.optional().default(0)
  }),
  rule: z.enum(['ktstr', 'sequential']).optional().default('ktstr'),
  tests: z
    .array(
      z.object({
        key: str,
        test: str,
        baseRuns: count,
        headRuns: count,
        undecided: count,
        inconclusive: count,
        runsNeeded: z.number().int().positive().nullable()
      })
    )
    .max(MAX_ROWS)
    .optional()
    .default([]),
  rows: z.array(row).max(MAX_ROWS),
  assertions: z
    .array(
      z.object({
        key: str,
        test: str,
        metric: str,
        name: str.nullable(),
        phase: z.number().int().nullable(),
        rel: z.number(),
        abs: z.number(),
        direction: polarity,
        tripped: z.boolean(),
        skipped: str.nullable(),
        delta: num,
        relDelta: num,
        pValue: num,
        separated: z.boolean().nullable()
      })
    )
    .max(MAX_ROWS),
  excludedPairs: z.array(z.object({ key: str, reason: str })).max(MAX_ROWS),
  newInHead: z.array(str).max(MAX_ROWS),
  removedFromBase: z.array(str).max(MAX_ROWS),
  malformed: z.array(z.object({ file: str, path: str, message: str })).max(MAX_ROWS),
  unknownMetrics: z.array(str).max(MAX_ROWS),
  sentinel: z
    .object({
      alpha: z.number(),
      minShift: z.number().optional(),
      freshRuns: count,
      cachedRuns: count,
      checked: count,
      unchecked: z.array(str).max(MAX_ROWS),
      dropped: z
        .array(
          z.object({
            key: str,
            test: str,
            metric: str,
            pValue: z.number(),
            relShift: num,
            shift: num.optional(),
            threshold: num.optional(),
            freshRuns: count,
            cachedRuns: count
          })
        )
        .max(MAX_ROWS),
      notices: z.array(str).max(MAX_ROWS)
    })
    .optional(),
  // Added with waivers (core/waiver.ts); absent when nothing was waived.
  waivers: z
    .array(
      z.object({
        via: z.enum(['label', 'policy']),
        by: str.nullable(),
        source: str,
        headSha: str.nullable(),
        rows: z.array(z.object({ key: str, metric: str })).max(MAX_ROWS),
        assertions: z
          .array(z.object({ key: str, metric: str, name: str.nullable() }))
          .max(MAX_ROWS)
          .optional()
      })
    )
    .max(100)
    .optional()
})

/** Validates report JSON (already parsed) as a Comparison; throws UsageError naming the first bad field. */
export function parseComparisonJson(json: unknown, where: string): Comparison {
  const r = comparison.safeParse(json)
  if (!r.success) {
    const issue = r.error.issues[0]!
    const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
    throw new UsageError(
      `report ${where} is not a ktstr-perf-gate report at $${at}: ${issue.message}`,
      'it must come from the same ktstr-perf-gate version (schemaVersion 1); re-run the pull request workflow'
    )
  }
  return r.data as Comparison
}
