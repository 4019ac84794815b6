import { readFile } from 'node:fs/promises'
import { UsageError } from '../core/errors.js'
import * as z from 'zod'
import { nearestValue } from '../core/nearest.js'
import { uniformPolicy, validatePolicy, type ComparisonPolicy, type Registry } from '../core/registry.js'
import type { AcceptList } from '../core/waiver.js'

/**
 * The relative-gate policy from `--threshold PCT` or `--policy FILE` (mutually exclusive, as in
 * ktstr); undefined when neither is given (registry defaults apply).
 */
export async function loadPolicy(
  threshold: string | undefined,
  policyFile: string | undefined,
  registry: Registry
): Promise<ComparisonPolicy | undefined> {
  if (threshold !== undefined && policyFile !== undefined)
    throw new UsageError('--threshold and --policy are mutually exclusive', 'give one of them')
  if (threshold !== undefined) {
    const pct = Number(threshold)
    if (threshold.trim() === '' || !Number.isFinite(pct))
      throw new UsageError(
        `--threshold ${JSON.stringify(threshold)}: not a number`,
        'give a percent, e.g. --threshold 10'
      )
    return uniformPolicy(pct)
  }
  if (policyFile === undefined) return undefined
  let text: string
  try {
    text = await readFile(policyFile, 'utf8')
  } catch (e) {
    throw new UsageError(
      `read comparison policy from ${policyFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      'check the path'
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new UsageError(
      `parse comparison policy from ${policyFile}: ${(e as Error).message}`,
      'the file must be JSON'
    )
  }
  return validatePolicy(json, registry, policyFile)
}

/**
 * The accept file (`--accept FILE`, Action input `accept-file`): regressions the project accepts
 * for good, each a named (test, metric) up to a bound in percent:
 *
 *   {"accept": [{"test": "cache_hot", "metric": "p99_wake_latency_us", "max_percent": 15,
 *                "reason": "trades tail latency for throughput (#412)"}]}
 *
 * It is a file of its own, not a key of the `--policy` file, because ktstr reads that file with
 * serde `deny_unknown_fields` (a policy with `accept` would no longer work with `cargo ktstr stats
 * compare --policy`), and because `--policy` gates the scalar comparison only while accepting a
 * known regression has to work with repeated runs too.
 */
export async function loadAcceptFile(
  file: string | undefined,
  registry: Registry,
  shownAs = file
): Promise<AcceptList | null> {
  if (file === undefined || file === '') return null
  const where = shownAs ?? file
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    throw new UsageError(
      `read accept file ${where}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      'check the path'
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new UsageError(`parse accept file ${where}: ${(e as Error).message}`, 'the file must be JSON')
  }
  return validateAcceptList(json, registry, where)
}

const acceptSchema = z.strictObject({
  accept: z.array(
    z.strictObject({
      test: z.string().min(1),
      metric: z.string().min(1),
      max_percent: z.number().nonnegative(),
      reason: z.string().max(2000).optional()
    })
  )
})

/** Validates parsed accept-file JSON; unknown metrics are refused with the nearest registered name. */
export function validateAcceptList(json: unknown, registry: Registry, where: string): AcceptList {
  const parsed = acceptSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const at = issue && issue.path.length ? ` at $.${issue.path.join('.')}` : ''
    throw new UsageError(
      `parse accept file ${where}${at}: ${issue?.message ?? 'invalid'}`,
      'expected {"accept": [{"test": "<test or test/topology/work_type>", "metric": "<metric>", "max_percent": <number ≥ 0>, "reason": "<optional>"}]}'
    )
  }
  const entries = parsed.data.accept.map((e, i) => {
    if (!registry.byName.has(e.metric)) {
      const near = nearestValue(e.metric, [...registry.byName.keys()])
      throw new UsageError(
        `accept file ${where}: accept[${i}].metric ${JSON.stringify(e.metric)} is not a registered metric`,
        near ? `did you mean ${near}?` : 'see `ktstr-perf-gate list-metrics` for the registered names'
      )
    }
    return { test: e.test, metric: e.metric, maxPercent: e.max_percent, reason: e.reason ?? null }
  })
  return { source: where, entries }
}
