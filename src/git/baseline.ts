import type { SimpleGit } from 'simple-git'
import { UsageError } from '../core/errors.js'

/** A commit as ktstr labels it: 7 lowercase hex, plus `-dirty` for a dirty HEAD. */
export interface CommitRef {
  sha: string
  short: string
  label: string
}

export interface Resolved {
  base: CommitRef
  head: CommitRef & { dirty: boolean }
  /** How the baseline was chosen, in ktstr's words (`explicit --base abc1234`, `merge-base(HEAD, origin/main)`). */
  how: string
}

export interface ResolveOptions {
  /** Directory inside the project's git work tree. */
  cwd: string
  base?: string
  baseRef?: string
  /** Default branch for the last fallback (ktstr default `main`). */
  defaultBranch?: string
  /** Environment, for GITHUB_BASE_REF. */
  env?: Record<string, string | undefined>
  /** Fetch missing history in a shallow clone (the Action does; the CLI tells the user how). */
  deepen?: boolean
  /** Remote that GITHUB_BASE_REF refers to. */
  remote?: string
}

/**
 * Resolves the baseline exactly as `cargo ktstr perf-delta` does (verdict-rules §8):
 * `--base` > `--base-ref` merge-base > `$GITHUB_BASE_REF` merge-base with `origin/<ref>` >
 * merge-base with the default branch. Stops when the baseline's label equals HEAD's.
 */
export async function resolveBaseline(opts: ResolveOptions): Promise<Resolved> {
  // Loaded here: a comparison of two named commits never runs git, so it need not load simple-git.
  const { simpleGit } = await import('simple-git')
  const git = simpleGit({ baseDir: opts.cwd })
  await assertRepo(git, opts.cwd)
  const headSha = await revParse(git, 'HEAD', 'HEAD', 'make a first commit')
  const dirty = await isDirty(git)
  const head = { ...labelOf(headSha, dirty), dirty }

  const remote = opts.remote ?? 'origin'
  const ghBase = opts.env?.GITHUB_BASE_REF?.trim()
  let base: CommitRef
  let how: string
  if (opts.base) {
    base = labelOf(
      await revParse(
        git,
        opts.base,
        `--base ${opts.base}`,
        'give a commit that exists in this clone (git fetch it first)'
      ),
      false
    )
    how = `explicit --base ${opts.base}`
  } else {
    const [named, source] = opts.baseRef
      ? [opts.baseRef, '--base-ref']
      : ghBase
        ? [`${remote}/${ghBase}`, 'GITHUB_BASE_REF']
        : [opts.defaultBranch || 'main', '--default-branch']
    const ref =
      source === '--default-branch' ? await branchOrRemote(git, named, remote, !!opts.deepen) : named
    base = labelOf(await mergeBase(git, ref, source, !!opts.deepen, remote), false)
    how = `merge-base(HEAD, ${ref})`
  }
  if (base.label === head.label)
    // ktstr's exact wording (verdict-rules §8): one sentence, not message — hint.
    throw new UsageError(
      `baseline (${base.label}) resolves to HEAD — nothing to compare; choose a different --base / --base-ref`
    )
  return { base, head, how }
}

/** True when tracked files differ from HEAD (untracked files, such as target/, do not count). */
export async function isDirty(git: SimpleGit): Promise<boolean> {
  const out = await git.raw(['status', '--porcelain', '--untracked-files=no'])
  return out.trim().length > 0
}

/** ktstr's commit label. */
export function labelOf(sha: string, dirty: boolean): CommitRef {
  const short = sha.slice(0, 7).toLowerCase()
  return { sha, short, label: dirty ? `${short}-dirty` : short }
}

async function assertRepo(git: SimpleGit, cwd: string): Promise<void> {
  const inside = await git.raw(['rev-parse', '--is-inside-work-tree']).catch(() => '')
  if (inside.trim() !== 'true')
    throw new UsageError(
      `${cwd} is not inside a git work tree, so the baseline cannot be resolved`,
      'run from the project checkout, or name both sides with --a-project-commit and --b-project-commit'
    )
}

async function revParse(git: SimpleGit, rev: string, what: string, fix: string): Promise<string> {
  try {
    return (await git.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim() || fail()
  } catch {
    throw new UsageError(`${what}: ${JSON.stringify(rev)} is not a commit in this repository`, fix)
  }
  function fail(): never {
    throw new Error('empty rev-parse')
  }
}

/**
 * The default branch as this clone has it: the local branch, else `<remote>/<branch>` (a clone of
 * a PR branch has only `origin/main`), fetched into that remote-tracking ref when `deepen` allows.
 * Returns the name unchanged when neither exists, so the caller's message names what was asked.
 */
async function branchOrRemote(
  git: SimpleGit,
  branch: string,
  remote: string,
  deepen: boolean
): Promise<string> {
  if (await commitExists(git, branch)) return branch
  const tracking = `${remote}/${branch}`
  if (await commitExists(git, tracking)) return tracking
  if (!deepen) return branch
  await tryFetch(git, ['--depth=50', remote, `+refs/heads/${branch}:refs/remotes/${tracking}`])
  return (await commitExists(git, tracking)) ? tracking : branch
}

async function commitExists(git: SimpleGit, rev: string): Promise<boolean> {
  return (
    (await git.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).catch(() => '')).trim() !== ''
  )
}

async function mergeBase(
  git: SimpleGit,
  ref: string,
  source: string,
  deepen: boolean,
  remote: string
): Promise<string> {
  const shallow = async () => (await git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true'
  const exists = () => commitExists(git, ref)
  const fetchHint =
    source === 'GITHUB_BASE_REF'
      ? `fetch it (git fetch ${remote} ${ref.slice(remote.length + 1)}), or use actions/checkout with fetch-depth: 0`
      : source === '--default-branch'
        ? `neither ${ref} nor ${remote}/${ref} exists; fetch it (git fetch ${remote} ${ref}), or pass an existing branch with --default-branch or --base-ref`
        : `fetch it, or pass an existing branch with --base-ref`

  // For a remote-tracking ref, fetch that branch explicitly: a shallow CI checkout has no refspec for it.
  const spec = ref.startsWith(`${remote}/`)
    ? [remote, `+refs/heads/${ref.slice(remote.length + 1)}:refs/remotes/${ref}`]
    : [remote]
  if (!(await exists())) {
    if (deepen && spec.length > 1) await tryFetch(git, ['--depth=50', ...spec])
    if (!(await exists()))
      throw new UsageError(`${source}: ${ref} is not a branch or commit in this clone`, fetchHint)
  }
  for (let attempt = 0; ; attempt++) {
    const mb = (await git.raw(['merge-base', 'HEAD', ref]).catch(() => '')).trim()
    if (mb) return mb
    if (!(await shallow()))
      throw new UsageError(
        `${source}: HEAD and ${ref} have no common ancestor`,
        'pick a baseline that shares history with HEAD (--base <commit> or --base-ref <branch>)'
      )
    if (!deepen || attempt >= 6)
      throw new UsageError(
        `${source}: no merge-base of HEAD and ${ref} in this shallow clone`,
        deepen
          ? `deepening did not reach it; run git fetch --unshallow ${remote}`
          : `run git fetch --unshallow ${remote} (or actions/checkout with fetch-depth: 0) and try again`
      )
    // Deepen geometrically, then give up on depth and fetch everything.
    await tryFetch(git, attempt < 5 ? [`--deepen=${50 * 2 ** attempt}`, ...spec] : ['--unshallow', ...spec])
  }
}

async function tryFetch(git: SimpleGit, args: string[]): Promise<void> {
  await git.raw(['fetch', '--quiet', '--no-tags', ...args]).catch(() => undefined)
}
