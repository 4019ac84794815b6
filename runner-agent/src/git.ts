import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AgentError, usage } from './errors.js'
import { capture, pidAlive } from './proc.js'

/** Runs git in `repo`; throws AgentError naming the command when it fails. */
export async function git(repo: string, args: string[]): Promise<string> {
  const r = await capture(['git', ...args], { cwd: repo, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } })
  if (r.spawnError) throw new AgentError(`git not found (${r.spawnError.code}); install git on this host`)
  if (r.code !== 0)
    throw new AgentError(`git ${args.join(' ')} failed in ${repo}: ${r.stderr.trim().split('\n')[0]}`)
  return r.stdout.trim()
}

/** Checks `repo` is a git work tree or repository and returns its top directory (or git dir when bare). */
export async function repoRoot(repo: string): Promise<string> {
  const r = await capture(['git', 'rev-parse', '--git-dir'], { cwd: repo })
  if (r.spawnError) throw new AgentError(`git not found (${r.spawnError.code}); install git on this host`)
  if (r.code !== 0)
    throw usage(`--repo ${repo} is not a git repository; point --repo at the scheduler's checkout`)
  return repo
}

/** Resolves a commit-ish to its full id; a missing commit is a usage error saying how to fetch it. */
export async function resolveCommit(repo: string, rev: string, flag: string): Promise<string> {
  if (rev.startsWith('-')) throw usage(`${flag} ${JSON.stringify(rev)} is not a commit`)
  const r = await capture(
    ['git', 'rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
    { cwd: repo }
  )
  if (r.code !== 0)
    throw usage(`${flag} ${rev}: no such commit in ${repo} — fetch it first (git fetch origin ${rev})`)
  return r.stdout.trim()
}

/** Refs whose commits count as the repository's own code: local branches and origin's branches. */
export const TRUSTED_REF_PREFIXES = ['refs/heads/', 'refs/remotes/origin/']

/**
 * The trusted branches containing `sha` (empty when none). Fork pull-request heads live
 * under refs/pull/* or refs/remotes/pull/*, which are deliberately not trusted.
 */
export async function trustedBranchesContaining(repo: string, sha: string): Promise<string[]> {
  const out = await git(repo, [
    'for-each-ref',
    '--contains',
    sha,
    '--format=%(refname)',
    ...TRUSTED_REF_PREFIXES
  ])
  return out.split('\n').filter((r) => r.length > 0)
}

/**
 * Names of git config keys in `repo` that carry a credential (an `http.<url>.extraheader`, as
 * actions/checkout persists its token): every worktree shares that config, so the code under
 * test could read them. Names only, never values.
 */
export async function persistedCredentials(repo: string): Promise<string[]> {
  const r = await capture(['git', 'config', '--name-only', '--get-regexp', '^http\\..*\\.extraheader$'], {
    cwd: repo
  })
  return r.code === 0 ? [...new Set(r.stdout.split('\n').filter((l) => l.length > 0))] : []
}

/** A detached checkout of one commit in a scratch directory, made with `git worktree`. */
export interface Checkout {
  dir: string
  sha: string
}

/** Adds a detached worktree of `sha` under `scratch`; the name carries our pid so stale ones can be found. */
export async function addCheckout(
  repo: string,
  scratch: string,
  sha: string,
  tag: string
): Promise<Checkout> {
  await mkdir(scratch, { recursive: true })
  const dir = join(scratch, `${tag}-${sha.slice(0, 7)}-${process.pid}`)
  await rm(dir, { recursive: true, force: true })
  // No hooks: a post-checkout hook would run before any of our checks see the tree.
  await git(repo, ['-c', 'core.hooksPath=/dev/null', 'worktree', 'add', '--detach', '--force', dir, sha])
  return { dir, sha }
}

/** Removes a checkout and its worktree metadata; never throws (cleanup must finish). */
export async function removeCheckout(repo: string, c: Checkout): Promise<void> {
  await capture(['git', 'worktree', 'remove', '--force', '--force', c.dir], { cwd: repo })
  await rm(c.dir, { recursive: true, force: true })
  await capture(['git', 'worktree', 'prune'], { cwd: repo })
}

/** Removes worktrees an earlier, killed agent left in `scratch` (their pid is gone). */
export async function pruneStaleCheckouts(repo: string, scratch: string): Promise<string[]> {
  const list = await capture(['git', 'worktree', 'list', '--porcelain'], { cwd: repo })
  const removed: string[] = []
  for (const line of list.stdout.split('\n')) {
    if (!line.startsWith('worktree ')) continue
    const dir = line.slice('worktree '.length)
    if (!dir.startsWith(scratch + '/')) continue
    const pid = Number(/-(\d+)$/.exec(dir)?.[1])
    if (Number.isInteger(pid) && pid !== process.pid && !pidAlive(pid)) {
      await removeCheckout(repo, { dir, sha: '' })
      removed.push(dir)
    }
  }
  return removed
}
