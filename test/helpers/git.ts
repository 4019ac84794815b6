import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * Plain git repositories for integration tests: temp dirs, identity set per call with `-c`, no
 * system or global config read, commit dates fixed so ids do not depend on the clock.
 */

/** Environment for every git call a test makes (and for subprocesses that run git). */
export const GIT_TEST_ENV: Record<string, string> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0'
}

const IDENTITY = [
  '-c',
  'user.name=Perf Gate Test',
  '-c',
  'user.email=perf-gate-test@example.invalid',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'init.defaultBranch=main',
  '-c',
  'protocol.file.allow=always'
]

let tick = 0

/** Runs git in `cwd` and returns trimmed stdout; throws with git's stderr on failure. */
export function runGit(cwd: string, ...args: string[]): string {
  const date = `2026-01-01T00:${String(Math.floor(tick / 60) % 60).padStart(2, '0')}:${String(tick % 60).padStart(2, '0')}Z`
  tick++
  return execFileSync('git', [...IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...GIT_TEST_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
  }).trim()
}

export interface TestRepo {
  dir: string
  /** git in this repo; trimmed stdout. */
  git(...args: string[]): string
  /** Writes `files` (path → text, relative to the repo), stages everything tracked or new, commits; returns the full id. */
  commit(msg: string, files?: Record<string, string>): string
  /** Writes a file without staging it. */
  write(file: string, text: string): void
  /** Full id of a revision. */
  sha(rev: string): string
}

/** A temp dir under os.tmpdir(); remove it with `removeDir`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Wraps an existing work tree. */
export function openRepo(dir: string): TestRepo {
  const git = (...args: string[]): string => runGit(dir, ...args)
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  let n = 0
  return {
    dir,
    git,
    write,
    commit(msg, files = { [`file-${n}.txt`]: `${msg}\n` }) {
      n++
      for (const [f, t] of Object.entries(files)) write(f, t)
      git('add', '-A', '--', ...Object.keys(files))
      git('commit', '-q', '--allow-empty', '-m', msg)
      return git('rev-parse', 'HEAD')
    },
    sha: (rev) => git('rev-parse', '--verify', `${rev}^{commit}`)
  }
}

/** `git init -b main` in a new directory `name` under `parent`. */
export function initRepo(parent: string, name = 'repo'): TestRepo {
  const dir = join(parent, name)
  mkdirSync(dir, { recursive: true })
  runGit(dir, 'init', '-q', '-b', 'main')
  return openRepo(dir)
}

/** git's 7-hex label, as ktstr prints it. */
export function short(sha: string): string {
  return sha.slice(0, 7)
}
