// Which pull request a `workflow_run` comment job should comment on. The PR number in a report
// artifact comes from the (possibly fork) PR job and is untrusted: it is used only when that PR's
// current head — repository, branch and SHA — is the triggering run's. A head SHA alone proves
// nothing: a fork can push the very commit an internal PR is at. Without a claimed number (a
// workflow_dispatch run), open PRs whose head is that commit on that repository and branch are
// looked up.
import { GitHubApiError, type GitHubClient } from './retry.js'

/** The PR to comment on, or why there is none. */
export type ResolvedPullRequest =
  | { ok: true; number: number; headSha: string; source: 'claimed' | 'commit-lookup' }
  | { ok: false; reason: string }

/** The head of a PR as the REST API lists it (only the fields compared). */
interface PullHead {
  sha: string
  ref: string
  repo: { full_name: string } | null
}

/** Why a PR's head is not the run's head (repository, branch, SHA), or null when it is. */
function headMismatch(
  n: number,
  head: PullHead,
  want: { headSha: string; headRepo?: string | undefined; headBranch?: string | undefined }
): string | null {
  if (head.sha !== want.headSha)
    return `PR #${n} head is ${head.sha.slice(0, 7)}, not the run's ${want.headSha.slice(0, 7)} (pushed since, or a forged number)`
  const repo = head.repo?.full_name
  if (want.headRepo !== undefined && repo?.toLowerCase() !== want.headRepo.toLowerCase())
    return `PR #${n} head repository is ${repo ?? '(deleted)'}, not the run's ${want.headRepo}`
  if (want.headBranch !== undefined && head.ref !== want.headBranch)
    return `PR #${n} head branch is ${head.ref}, not the run's ${want.headBranch}`
  return null
}

/**
 * Resolves and cross-checks the PR for a run whose head commit is `headSha`. With `headRepo`
 * and `headBranch` (the run's `head_repository` and `head_branch`), those must match too.
 */
export async function resolvePullRequestForRun(opts: {
  octokit: GitHubClient
  owner: string
  repo: string
  headSha: string
  headRepo?: string | undefined
  headBranch?: string | undefined
  claimedNumber?: number | null
}): Promise<ResolvedPullRequest> {
  const { octokit, owner, repo, headSha } = opts
  if (opts.claimedNumber !== undefined && opts.claimedNumber !== null) {
    const n = opts.claimedNumber
    if (!Number.isSafeInteger(n) || n <= 0)
      return { ok: false, reason: `claimed PR number ${String(n)} is not a positive integer` }
    try {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: n })
      const why = headMismatch(n, data.head, opts)
      if (why) return { ok: false, reason: why }
      if (data.state !== 'open') return { ok: false, reason: `PR #${n} is ${data.state}` }
      return { ok: true, number: n, headSha, source: 'claimed' }
    } catch (err) {
      if (err instanceof GitHubApiError && err.status === 404)
        return { ok: false, reason: `PR #${n} does not exist in ${owner}/${repo}` }
      throw err
    }
  }
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: headSha,
    per_page: 100
  })
  const open = data.filter((p) => p.state === 'open' && !headMismatch(p.number, p.head, opts))
  if (open.length === 1) return { ok: true, number: open[0]!.number, headSha, source: 'commit-lookup' }
  const where = [opts.headRepo, opts.headBranch].filter(Boolean).join(':')
  if (open.length === 0)
    return { ok: false, reason: `no open PR has head ${headSha.slice(0, 7)}${where ? ` on ${where}` : ''}` }
  return {
    ok: false,
    reason: `${open.length} open PRs have head ${headSha.slice(0, 7)}; pass the PR number explicitly`
  }
}
