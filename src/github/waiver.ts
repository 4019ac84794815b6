// The accept label's facts, looked up through the REST API for core/waiver.ts's labelStatus:
//
// - who applied the label last, and whether it is still on the PR: the issue events API
//   (`labeled` / `unlabeled` events, GitHub's record and clock; the PR author cannot forge them);
// - that person's permission on the repository: GET /repos/{owner}/{repo}/collaborators/{user}/permission;
// - which head SHA the labelling is bound to: when this run was triggered by it, the `labeled`
//   payload's `pull_request.head.sha` (GitHub's snapshot at labelling time); otherwise the record
//   the bot wrote into its own sticky comment on that run. Only the bot's identity writes that
//   comment (others' comments carrying the marker are ignored), so nothing in the PR can forge it.
import * as z from 'zod'
import type { AcceptRecord, LabelFacts, Permission } from '../core/waiver.js'
import { labelEventsOf } from './approval.js'
import { findStickyComments } from './comment.js'
import { GitHubApiError, type GitHubClient } from './retry.js'

const recordSchema = z.object({
  label: z.string().min(1).max(200),
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  eventId: z.number().int().positive(),
  by: z.string().min(1).max(100)
})

/** The hidden line the bot appends to its comment when the label accepted a head (base64: no `--` inside). */
export function acceptRecordLine(r: AcceptRecord): string {
  return `<!-- ktstr-perf-gate-accept:${Buffer.from(JSON.stringify(r), 'utf8').toString('base64')} -->`
}

/**
 * The record in a comment body the bot wrote, or null when there is none. Only the body's last
 * line counts (postComment puts it there), so text quoted higher up (a test name) cannot pose as one.
 */
export function parseAcceptRecord(body: string): AcceptRecord | null {
  const last = body.trimEnd().split('\n').at(-1) ?? ''
  const m = /^<!-- ktstr-perf-gate-accept:([A-Za-z0-9+/=]{1,2000}) -->$/.exec(last.trim())
  if (!m) return null
  try {
    const r = recordSchema.safeParse(JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8')))
    return r.success ? r.data : null
  } catch {
    return null
  }
}

/** The trigger of a `pull_request(_target)` `labeled` run for `label`: its sender and head SHA. */
export function labeledTrigger(
  eventName: string,
  payload: unknown,
  label: string
): { sender: string; headSha: string } | null {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return null
  const p = z
    .object({
      action: z.literal('labeled'),
      label: z.object({ name: z.string() }),
      sender: z.object({ login: z.string().min(1) }),
      pull_request: z.object({ head: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/) }) })
    })
    .safeParse(payload)
  if (!p.success || p.data.label.name !== label) return null
  return { sender: p.data.sender.login, headSha: p.data.pull_request.head.sha }
}

/** A login's permission on the repository; `none` when GitHub does not know the login (404). */
export async function repoPermission(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  username: string
): Promise<Permission> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username })
    // `permission` is the legacy level (maintain reads as write, triage as read); `role_name` names
    // the role, which may be a custom one, so the level decides and the role only refines it.
    const role = data.role_name
    if (data.permission === 'admin') return 'admin'
    if (data.permission === 'write') return role === 'maintain' ? 'maintain' : 'write'
    if (data.permission === 'read') return role === 'triage' ? 'triage' : 'read'
    return 'none'
  } catch (e) {
    if (e instanceof GitHubApiError && e.status === 404) return 'none'
    throw e
  }
}

/** The label's last `labeled` / `unlabeled` event on PR `prNumber`, and the permission of who applied it. */
export async function labelHistory(o: {
  octokit: GitHubClient
  owner: string
  repo: string
  prNumber: number
  label: string
}): Promise<Pick<LabelFacts, 'last' | 'permission'>> {
  const { octokit, owner, repo, label } = o
  const mine = await labelEventsOf({ octokit, owner, repo, prNumber: o.prNumber, label })
  const e = mine.at(-1)
  const last = e
    ? { event: e.event as 'labeled' | 'unlabeled', id: e.id, actor: e.actor?.login ?? 'ghost' }
    : null
  const permission =
    last?.event === 'labeled' && e?.actor ? await repoPermission(octokit, owner, repo, last.actor) : null
  return { last, permission }
}

/** Looks up everything labelStatus needs about `label` on PR `prNumber` for head `headSha`. */
export async function labelFacts(o: {
  octokit: GitHubClient
  owner: string
  repo: string
  prNumber: number
  label: string
  headSha: string
  eventName: string
  payload: unknown
  /** The sticky comment's marker (the record lives in that comment). */
  marker: string
  authorLogin?: string
}): Promise<LabelFacts> {
  const { last, permission } = await labelHistory(o)
  const trigger = labeledTrigger(o.eventName, o.payload, o.label)
  let record: AcceptRecord | null = null
  if (last?.event === 'labeled' && !(trigger && trigger.sender === last.actor)) {
    const where = { owner: o.owner, repo: o.repo, issueNumber: o.prNumber }
    const [ours] = await findStickyComments(o.octokit, where, o.marker, o.authorLogin)
    record = ours ? parseAcceptRecord(ours.body) : null
  }
  return { label: o.label, headSha: o.headSha, last, permission, trigger, record }
}

/**
 * Checks a report's claim that `by` accepted it with `label` on PR `prNumber`: the label's last
 * event is `labeled` by `by`, who has write, maintain or admin permission. Null when it holds, else
 * why not. (Which head the labelling was bound to cannot be checked from here.)
 */
export async function checkLabelClaim(o: {
  octokit: GitHubClient
  owner: string
  repo: string
  prNumber: number
  label: string
  by: string
}): Promise<string | null> {
  const f = await labelHistory(o).catch((e: Error) => e)
  const claim = `the report claims a failure accepted by @${o.by} (label ${o.label})`
  if (f instanceof Error) return `${claim}, which could not be checked (${f.message})`
  if (f.last?.event !== 'labeled') return `${claim}, but that label is not on PR #${o.prNumber}`
  if (f.last.actor !== o.by) return `${claim}, but @${f.last.actor} applied it last`
  if (!f.permission || !['admin', 'maintain', 'write'].includes(f.permission))
    return `${claim}, but @${o.by} has ${f.permission ?? 'unknown'} permission on this repository`
  return null
}
