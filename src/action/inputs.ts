import { UsageError } from '../core/errors.js'
import type { CommentMode } from '../github/comment.js'

/** The Action's inputs, validated (action.yml is the reference for their meaning). */
export interface ActionInputs {
  mode: 'gate' | 'produce' | 'comment'
  base: string
  baseRef: string
  defaultBranch: string
  kernel: string
  runs: number
  extraRuns: number
  filter: string
  threshold: string | undefined
  policy: string | undefined
  failThreshold: number
  mustFail: string | undefined
  fdr: number | null
  /** The verdict rule (`rule`): ktstr's, or the sequential rule of DESIGN §4a. */
  rule: 'ktstr' | 'sequential'
  /** `max-runs`: the sequential rule's run budget per side (≥ 2). */
  maxRuns: number
  poolDir: string
  produce: 'auto' | 'never' | 'always'
  agent: string
  hostClass: string
  shard: string
  allowForkProduce: boolean
  forkApprovalLabel: string
  comment: CommentMode
  commentKey: string
  upload: boolean
  retentionDays: number
  registry: string
  token: string
  /** What a run with no HEAD samples does: fail the step (default), or pass with a warning. */
  onNoData: 'fail' | 'pass'
  /** Fail the step when any sidecar is malformed (default: a warning each, the verdict decides). */
  strict: boolean
  /** `time-budget`: minutes the sequential rule's top-up rounds may run to (0 = no limit). */
  timeBudgetMin: number
  /** `baseline-runs`: a deep baseline — baseline runs the agent's host cache may supply (beyond `runs`). */
  baselineRuns: number
  /** `sentinel-runs`: fresh baseline runs made beside HEAD's even when the baseline is cached or restored. */
  sentinelRuns: number
  /** `accept-label`: the PR label with which a maintainer accepts a failing gate for one head SHA ('' = off). */
  acceptLabel: string
  /** `accept-file`: the project's accept entries (named test + metric up to a bound), if any. */
  acceptFile: string | undefined
}

/** Reads an input the way @actions/core does: INPUT_<NAME> with spaces as `_`, upper-cased, trimmed. */
export type GetInput = (name: string) => string

/** Reads and validates every input; a bad value is a UsageError naming the input and what it takes. */
export function readInputs(get: GetInput): ActionInputs {
  const oneOf = <T extends string>(name: string, allowed: readonly T[], dflt: T): T => {
    const v = get(name) || dflt
    if (!(allowed as readonly string[]).includes(v))
      throw new UsageError(`input ${name}: ${JSON.stringify(v)} is not one of ${allowed.join(', ')}`)
    return v as T
  }
  const int = (name: string, dflt: number, min: number): number => {
    const raw = get(name)
    if (raw === '') return dflt
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min)
      throw new UsageError(`input ${name}: ${JSON.stringify(raw)} is not a whole number ≥ ${min}`)
    return n
  }
  const bool = (name: string, dflt: boolean): boolean => {
    const raw = get(name).toLowerCase()
    if (raw === '') return dflt
    if (['true', 'yes', 'on', '1'].includes(raw)) return true
    if (['false', 'no', 'off', '0'].includes(raw)) return false
    throw new UsageError(`input ${name}: ${JSON.stringify(raw)} is not true or false`)
  }
  const fdrRaw = get('fdr')
  const fdr = fdrRaw === '' ? null : Number(fdrRaw)
  if (fdr !== null && !(fdr > 0 && fdr < 1))
    throw new UsageError(`input fdr: ${JSON.stringify(fdrRaw)} must be a rate between 0 and 1, e.g. 0.05`)
  const runs = int('noise-adjust', 5, 1)
  const threshold = get('threshold') || undefined
  const policy = get('policy') || undefined
  // ktstr: --threshold / --policy gate the scalar comparison only and conflict with --noise-adjust.
  // Said before any KVM time; both set at once is loadPolicy's "mutually exclusive" instead.
  if ((threshold === undefined) !== (policy === undefined) && runs >= 2)
    throw new UsageError(
      `input ${threshold !== undefined ? 'threshold' : 'policy'}: gates the scalar comparison only (one run per side), as in ktstr where it conflicts with --noise-adjust; noise-adjust is ${runs}`,
      'set noise-adjust: 1, or drop it (with repeated runs the registry gates and the Welch test decide)'
    )
  return {
    mode: oneOf('mode', ['gate', 'produce', 'comment'] as const, 'gate'),
    base: get('base'),
    baseRef: get('base-ref'),
    defaultBranch: get('default-branch') || 'main',
    kernel: get('kernel'),
    runs,
    extraRuns: int('extra-runs', 0, 0),
    filter: get('filter'),
    threshold,
    policy,
    failThreshold: int('fail-threshold', 5, 0),
    mustFail: get('must-fail') || undefined,
    fdr,
    rule: oneOf('rule', ['ktstr', 'sequential'] as const, 'ktstr'),
    maxRuns: int('max-runs', 20, 2),
    poolDir: get('pool-dir') || 'target/ktstr',
    produce: oneOf('produce', ['auto', 'never', 'always'] as const, 'auto'),
    agent: get('agent') || 'ktstr-agent',
    hostClass: get('host-class') || 'ktstr-kvm',
    shard: get('shard'),
    allowForkProduce: bool('allow-fork-produce', false),
    forkApprovalLabel: get('fork-approval-label'),
    comment: oneOf('comment', ['always', 'on-change', 'never'] as const, 'always'),
    commentKey: get('comment-key'),
    upload: bool('upload', true),
    retentionDays: int('retention-days', 0, 0),
    registry: get('registry') || 'auto',
    token: get('github-token'),
    onNoData: oneOf('on-no-data', ['fail', 'pass'] as const, 'fail'),
    strict: bool('strict', false),
    timeBudgetMin: int('time-budget', 60, 0),
    baselineRuns: int('baseline-runs', 20, 0),
    sentinelRuns: int('sentinel-runs', 1, 0),
    acceptLabel: get('accept-label'),
    acceptFile: get('accept-file') || undefined
  }
}
