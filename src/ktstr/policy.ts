import { readFile } from 'node:fs/promises'
import { UsageError } from '../core/errors.js'
import { uniformPolicy, validatePolicy, type ComparisonPolicy, type Registry } from '../core/registry.js'

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
