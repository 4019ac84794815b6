// Sticky pull-request comment: one comment per marker, found among the comments written by the
// token's own identity, updated in place, never duplicated.
//
// Whose comments are ours: GitHub App installation tokens (the Actions GITHUB_TOKEN is one)
// cannot call GET /user, so the caller names the author; the default is the Actions token's
// bot, `github-actions[bot]`. A comment is ours when `user.login` equals that login and
// `user.type` is `Bot` for a `…[bot]` login (an App) or `User` otherwise (a personal token),
// and its body contains the marker. Other people quoting the marker are never touched.
//
// Modes:
//   always    – create the comment, or rewrite ours even when the text is the same
//               (its "edited" time then shows the latest run).
//   on-change – write only when it changes something: update ours when the body differs
//               (normalized: CRLF → LF, trailing whitespace trimmed); create one only when
//               `hasNews` says there is something to say (the caller decides, e.g. any
//               regression, improvement or failure). An existing comment is still updated
//               when the news is gone, so it never shows a stale verdict.
//   never     – no API call at all.
// A read-only token (fork pull request) gets 403 "Resource not accessible by integration";
// that becomes a `forbidden` result with a notice, not an error.
import { GitHubApiError, type GitHubClient } from './retry.js'

export type CommentMode = 'always' | 'on-change' | 'never'

/** GitHub's limit for an issue comment body, in characters. */
export const MAX_COMMENT_CHARS = 65_536
/** Bound on comment pages read (100 per page). */
const MAX_PAGES = 100

export interface UpsertCommentOptions {
  octokit: GitHubClient
  owner: string
  repo: string
  issueNumber: number
  /** Hidden marker, e.g. `<!-- ktstr-perf-gate:<key> -->`; appended to the body when absent. */
  marker: string
  body: string
  mode: CommentMode
  /** Login of the token's identity; default `github-actions[bot]`. */
  authorLogin?: string
  /** on-change only: whether a new comment is worth creating. Default true. */
  hasNews?: boolean
}

export type UpsertCommentResult =
  | { action: 'created' | 'updated'; commentId: number; url: string; deletedDuplicates: number[] }
  | { action: 'unchanged'; commentId: number; url: string; deletedDuplicates: number[] }
  | { action: 'skipped'; reason: 'mode-never' | 'nothing-to-say' }
  | { action: 'forbidden'; notice: string }

interface CommentLite {
  id: number
  body: string
  html_url: string
  user: { login: string; type: string } | null
}

/** The author's `user.type` we expect for a login: Apps are `Bot`, personal tokens `User`. */
export function expectedAuthorType(login: string): 'Bot' | 'User' {
  return login.endsWith('[bot]') ? 'Bot' : 'User'
}

/** Checks a marker is a one-line HTML comment that cannot end early. */
export function validateMarker(marker: string): void {
  if (!/^<!-- [^\r\n]*? -->$/.test(marker) || marker.slice(4, -3).includes('--')) {
    throw new Error(
      `comment marker ${JSON.stringify(marker.slice(0, 80))} is not a one-line HTML comment "<!-- … -->" without "--" inside — pass the marker the reports module produces`
    )
  }
}

function normalize(body: string): string {
  return body.replace(/\r\n/g, '\n').replace(/\s+$/, '')
}

function withMarker(body: string, marker: string): string {
  return body.includes(marker) ? body : `${body.replace(/\s+$/, '')}\n\n${marker}\n`
}

/** True for the 403 a read-only (fork PR) token gets on a write. */
export function isReadOnlyTokenError(err: unknown): boolean {
  if (!(err instanceof GitHubApiError)) return false
  return err.status === 403 && /resource not accessible by integration/i.test(err.githubMessage ?? '')
}

/** Our comments carrying `marker`, oldest first, read through every page. */
export async function findStickyComments(
  octokit: GitHubClient,
  where: { owner: string; repo: string; issueNumber: number },
  marker: string,
  authorLogin = 'github-actions[bot]'
): Promise<CommentLite[]> {
  const type = expectedAuthorType(authorLogin)
  const found: CommentLite[] = []
  let pages = 0
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    per_page: 100
  })
  for await (const page of iterator) {
    if (++pages > MAX_PAGES) {
      throw new Error(
        `PR #${where.issueNumber} has over ${MAX_PAGES * 100} comments; stopped looking for the sticky comment — delete old bot comments or use comment: never`
      )
    }
    for (const c of page.data as CommentLite[]) {
      if (c.user?.login === authorLogin && c.user.type === type && (c.body ?? '').includes(marker)) {
        found.push({ id: c.id, body: c.body ?? '', html_url: c.html_url, user: c.user })
      }
    }
  }
  return found.sort((a, b) => a.id - b.id)
}

/** Creates or updates the sticky comment for `marker` per `mode` (see the file comment). */
export async function upsertComment(o: UpsertCommentOptions): Promise<UpsertCommentResult> {
  if (!['always', 'on-change', 'never'].includes(o.mode)) {
    throw new Error(
      `comment mode ${JSON.stringify(String(o.mode).slice(0, 40))} is not always, on-change or never — fix the \`comment\` input`
    )
  }
  if (o.mode === 'never') return { action: 'skipped', reason: 'mode-never' }
  validateMarker(o.marker)
  const body = withMarker(o.body, o.marker)
  if (body.length > MAX_COMMENT_CHARS) {
    throw new Error(
      `comment body for PR #${o.issueNumber} is ${body.length} characters, over GitHub's ${MAX_COMMENT_CHARS} — the report must truncate rows before posting`
    )
  }
  const where = { owner: o.owner, repo: o.repo, issueNumber: o.issueNumber }
  const author = o.authorLogin ?? 'github-actions[bot]'
  try {
    const mine = await findStickyComments(o.octokit, where, o.marker, author)
    const [keep, ...extra] = mine
    const deleted = await deleteComments(
      o.octokit,
      where,
      extra.map((c) => c.id)
    )
    if (keep) {
      if (o.mode === 'on-change' && normalize(keep.body) === normalize(body)) {
        return { action: 'unchanged', commentId: keep.id, url: keep.html_url, deletedDuplicates: deleted }
      }
      const { data } = await o.octokit.rest.issues.updateComment({
        owner: o.owner,
        repo: o.repo,
        comment_id: keep.id,
        body
      })
      return { action: 'updated', commentId: data.id, url: data.html_url, deletedDuplicates: deleted }
    }
    if (o.mode === 'on-change' && o.hasNews === false) return { action: 'skipped', reason: 'nothing-to-say' }
    const { data } = await o.octokit.rest.issues.createComment({
      owner: o.owner,
      repo: o.repo,
      issue_number: o.issueNumber,
      body
    })
    // Two jobs racing can both create; look again and converge on the oldest comment.
    const after = await findStickyComments(o.octokit, where, o.marker, author)
    const oldest = after[0]
    if (oldest && oldest.id !== data.id) {
      const gone = await deleteComments(
        o.octokit,
        where,
        after.slice(1).map((c) => c.id)
      )
      const { data: upd } = await o.octokit.rest.issues.updateComment({
        owner: o.owner,
        repo: o.repo,
        comment_id: oldest.id,
        body
      })
      return {
        action: 'updated',
        commentId: upd.id,
        url: upd.html_url,
        deletedDuplicates: [...deleted, ...gone]
      }
    }
    const gone = await deleteComments(
      o.octokit,
      where,
      after.slice(1).map((c) => c.id)
    )
    return {
      action: 'created',
      commentId: data.id,
      url: data.html_url,
      deletedDuplicates: [...deleted, ...gone]
    }
  } catch (err) {
    if (isReadOnlyTokenError(err)) {
      return {
        action: 'forbidden',
        notice: `Not commenting on PR #${o.issueNumber}: the token is read-only here (a pull request from a fork) — the verdict is in the job summary and the report artifact; the workflow_run comment workflow posts it`
      }
    }
    throw err
  }
}

async function deleteComments(
  octokit: GitHubClient,
  where: { owner: string; repo: string; issueNumber: number },
  ids: number[]
): Promise<number[]> {
  const deleted: number[] = []
  for (const id of ids) {
    try {
      await octokit.rest.issues.deleteComment({ owner: where.owner, repo: where.repo, comment_id: id })
      deleted.push(id)
    } catch (err) {
      // Another job may have deleted it first; that is the outcome we wanted.
      if (!(err instanceof GitHubApiError && err.status === 404)) throw err
    }
  }
  return deleted
}
