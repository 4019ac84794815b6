// Which pull request a `workflow_run` comment job should comment on. The PR number in a report
// artifact comes from the (possibly fork) PR job and is untrusted: it is used only when the
// PR's current head SHA equals the triggering run's head SHA. Without a claimed number (or
// when GitHub lists none, as for fork PRs), open PRs whose head is that SHA are looked up.
import { GitHubApiError, type GitHubClient } from './retry.js'

/** The PR to comment on, or why there is none. */
export type ResolvedPullRequest =
  | { ok: true; number: number; headSha: string; source: 'claimed' | 'commit-lookup' }
  | { ok: false; reason: string }

/** Resolves and cross-checks the PR for a run whose head commit is `headSha`. */
export async function resolvePullRequestForRun(opts: {
  octokit: GitHubClient
  owner: string
  repo: string
  headSha: string
  claimedNumber?: number | null
}): Promise<ResolvedPullRequest> {
  const { octokit, owner, repo, headSha } = opts
  if (opts.claimedNumber !== undefined && opts.claimedNumber !== null) {
    const n = opts.claimedNumber
    if (!Number.isSafeInteger(n) || n <= 0)
      return { ok: false, reason: `claimed PR number ${String(n)} is not a positive integer` }
    try {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: n })
      if (data.head.sha !== headSha) {
        return {
          ok: false,
          reason: `PR #${n} head is ${data.head.sha.slice(0, 7)}, not the run's ${headSha.slice(0, 7)} (pushed since, or a forged number)`
        }
      }
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
  const open = data.filter((p) => p.state === 'open' && p.head.sha === headSha)
  if (open.length === 1) return { ok: true, number: open[0]!.number, headSha, source: 'commit-lookup' }
  if (open.length === 0) return { ok: false, reason: `no open PR has head ${headSha.slice(0, 7)}` }
  return {
    ok: false,
    reason: `${open.length} open PRs have head ${headSha.slice(0, 7)}; pass the PR number explicitly`
  }
}
