// Pure helpers over the event payload ($GITHUB_EVENT_PATH, parsed by the caller) and
// GITHUB_REPOSITORY. Payload fields are checked, never trusted blindly: a missing or
// ill-typed field gives `undefined`, not a crash deep in the Action.
import * as z from 'zod'

const sha = z.string().regex(/^[0-9a-f]{40}$/)
const positiveInt = z.number().int().positive()

const pullRequestSchema = z.object({
  number: positiveInt,
  head: z.object({
    sha,
    ref: z.string().min(1),
    repo: z
      .object({ full_name: z.string().min(1) })
      .nullable()
      .optional()
  }),
  base: z.object({ sha, ref: z.string().min(1), repo: z.object({ full_name: z.string().min(1) }).optional() })
})

const workflowRunSchema = z.object({
  id: positiveInt,
  head_sha: sha,
  head_branch: z.string().nullable().optional(),
  event: z.string(),
  conclusion: z.string().nullable().optional(),
  path: z.string().optional(),
  head_repository: z.object({ full_name: z.string() }).nullable().optional(),
  pull_requests: z
    .array(z.object({ number: positiveInt, head: z.object({ sha: z.string() }).optional() }))
    .optional()
})

/** The pull request an event is about, as far as the Action needs it. */
export interface PullRequestContext {
  number: number
  headSha: string
  headRef: string
  baseSha: string
  baseRef: string
  /** `owner/name` of the head repository; undefined when GitHub deleted the fork. */
  headRepoFullName: string | undefined
  /** Head lives in another repository than GITHUB_REPOSITORY: the token is read-only. */
  isFork: boolean
}

/** PR of a `pull_request`/`pull_request_target` payload, or undefined for other events. */
export function pullRequestFromPayload(payload: unknown, repository: string): PullRequestContext | undefined {
  const pr = (payload as { pull_request?: unknown } | null)?.pull_request
  const parsed = pullRequestSchema.safeParse(pr)
  if (!parsed.success) return undefined
  const p = parsed.data
  const headRepo = p.head.repo?.full_name
  return {
    number: p.number,
    headSha: p.head.sha,
    headRef: p.head.ref,
    baseSha: p.base.sha,
    baseRef: p.base.ref,
    headRepoFullName: headRepo,
    isFork: isForkHead(headRepo, repository)
  }
}

/** A deleted head repository (null) is treated as a fork: we cannot show it is ours. */
export function isForkHead(headRepoFullName: string | undefined, repository: string): boolean {
  return headRepoFullName === undefined || headRepoFullName.toLowerCase() !== repository.toLowerCase()
}

/** The triggering run of a `workflow_run` payload. */
export interface WorkflowRunContext {
  runId: number
  headSha: string
  headBranch: string | undefined
  event: string
  conclusion: string | undefined
  /** PR numbers GitHub lists for the run; empty for fork PRs (look them up by head SHA). */
  pullRequestNumbers: number[]
  headRepoFullName: string | undefined
  /**
   * The triggering run's workflow file (`perf.yml`), from the payload's `path`
   * (`.github/workflows/perf.yml`, or `owner/repo/.github/workflows/perf.yml@ref`); undefined otherwise.
   */
  workflowFile: string | undefined
}

/** Run of a `workflow_run` payload, or undefined when the payload is not one. */
export function workflowRunFromPayload(payload: unknown): WorkflowRunContext | undefined {
  const wr = (payload as { workflow_run?: unknown } | null)?.workflow_run
  const parsed = workflowRunSchema.safeParse(wr)
  if (!parsed.success) return undefined
  const r = parsed.data
  return {
    runId: r.id,
    headSha: r.head_sha,
    headBranch: r.head_branch ?? undefined,
    event: r.event,
    conclusion: r.conclusion ?? undefined,
    pullRequestNumbers: (r.pull_requests ?? [])
      .filter((p) => p.head === undefined || p.head.sha === r.head_sha)
      .map((p) => p.number),
    headRepoFullName: r.head_repository?.full_name,
    workflowFile: /(?:^|\/)\.github\/workflows\/([A-Za-z0-9._-]+\.ya?ml)(?:@.*)?$/.exec(r.path ?? '')?.[1]
  }
}

/**
 * Why a payload yields no workflow run: none in it (another event), or one that is not as GitHub
 * sends it (the first field that fails, by its JSON path). Null when workflowRunFromPayload reads it.
 */
export function workflowRunProblem(payload: unknown): string | null {
  const wr = (payload as { workflow_run?: unknown } | null)?.workflow_run
  if (wr === undefined || wr === null) return 'the event payload has no workflow_run'
  const parsed = workflowRunSchema.safeParse(wr)
  if (parsed.success) return null
  const issue = parsed.error.issues[0]!
  const at = ['workflow_run', ...issue.path.map(String)].join('.')
  return `the event's workflow_run is not as GitHub sends it: ${at}: ${issue.message}`
}

/** PR number for an event: pull_request payloads, or a workflow_run naming exactly one PR. */
export function prNumberFromEvent(
  eventName: string,
  payload: unknown,
  repository: string
): number | undefined {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    return pullRequestFromPayload(payload, repository)?.number
  }
  if (eventName === 'workflow_run') {
    const nums = workflowRunFromPayload(payload)?.pullRequestNumbers ?? []
    return nums.length === 1 ? nums[0] : undefined
  }
  return undefined
}

/** `owner/name` from GITHUB_REPOSITORY, validated. */
export function parseRepository(value: string | undefined): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value ?? '')
  if (!m) {
    throw new Error(
      `GITHUB_REPOSITORY=${JSON.stringify((value ?? '').slice(0, 80))} is not "owner/name" — run inside GitHub Actions or set it`
    )
  }
  return { owner: m[1]!, repo: m[2]! }
}
