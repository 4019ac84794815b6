// A maintainer's approval of a fork PR (a label such as `perf-ok`) covers the code they read: the
// head at the time they applied it. A push after the label is new, unreviewed code, and the label
// stays on the PR across pushes, so "the PR has the label" is not an approval of the current head.
//
// The signal: GitHub's own timestamps. The label's last `labeled` event (issue events API) must be
// no earlier than the push of the current head, and the push time is when GitHub created this
// repository's first `pull_request` run for that head SHA from that fork (the `opened` /
// `synchronize` run the push triggered). A PR author cannot set either time. Commit dates (the
// timeline's `committed` events) are the author's own claim and are not used.
import type { GitHubClient } from './retry.js'

/** Whether a fork PR's current head is approved, and why (or why not). */
/** The PR's `labeled` / `unlabeled` events of one label, oldest first (GitHub's record of who did what). */
export async function labelEventsOf(o: {
  octokit: GitHubClient
  owner: string
  repo: string
  prNumber: number
  label: string
}) {
  const events = await o.octokit.paginate(o.octokit.rest.issues.listEvents, {
    owner: o.owner,
    repo: o.repo,
    issue_number: o.prNumber,
    per_page: 100
  })
  return events
    .filter(
      (e) =>
        (e.event === 'labeled' || e.event === 'unlabeled') &&
        'label' in e &&
        (e.label as { name?: string } | undefined)?.name === o.label
    )
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id)
}

export type ForkApproval = { ok: true; why: string } | { ok: false; why: string }

/** Checks that `label` was applied to PR `prNumber` after its head `headSha` was pushed. */
export async function checkForkApproval(opts: {
  octokit: GitHubClient
  owner: string
  repo: string
  prNumber: number
  headSha: string
  /** `owner/name` of the fork the head is in. */
  headRepo: string
  label: string
}): Promise<ForkApproval> {
  const { octokit, owner, repo, label } = opts
  const labelEvents = await labelEventsOf({ octokit, owner, repo, prNumber: opts.prNumber, label })
  const last = labelEvents.at(-1)
  if (!last || last.event !== 'labeled')
    return { ok: false, why: `label ${label} is not on PR #${opts.prNumber}` }
  const labeledAt = Date.parse(last.created_at)

  const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
    owner,
    repo,
    head_sha: opts.headSha,
    event: 'pull_request',
    per_page: 100
  })
  const pushes = runs
    .filter(
      (r) =>
        r.head_sha === opts.headSha &&
        r.head_repository?.full_name?.toLowerCase() === opts.headRepo.toLowerCase()
    )
    .map((r) => Date.parse(r.created_at))
  if (pushes.length === 0)
    return {
      ok: false,
      why: `no pull_request run of ${opts.headSha.slice(0, 7)} from ${opts.headRepo} shows when it was pushed`
    }
  const pushedAt = Math.min(...pushes)
  const at = (t: number) => new Date(t).toISOString()
  if (labeledAt < pushedAt)
    return {
      ok: false,
      why: `label ${label} was applied at ${at(labeledAt)}, before ${opts.headSha.slice(0, 7)} was pushed (${at(pushedAt)}): a maintainer must re-apply it for this head`
    }
  return {
    ok: true,
    why: `label ${label} was applied at ${at(labeledAt)}, after ${opts.headSha.slice(0, 7)} was pushed (${at(pushedAt)})`
  }
}
