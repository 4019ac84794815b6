import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { simpleGit } from 'simple-git'
import { UsageError } from '../../src/core/errors.js'
import { isDirty, labelOf, resolveBaseline, type ResolveOptions } from '../../src/git/baseline.js'
import {
  GIT_TEST_ENV,
  initRepo,
  openRepo,
  removeDir,
  runGit,
  short,
  tempDir,
  type TestRepo
} from '../helpers/git.js'

// resolveBaseline runs git through simple-git with this process's environment: keep the
// machine's system and global git config out of it.
Object.assign(process.env, GIT_TEST_ENV)

const HEX7 = /^[0-9a-f]{7}$/

/** resolveBaseline that must fail with a UsageError; returns its message. */
async function usageError(opts: ResolveOptions): Promise<string> {
  try {
    const r = await resolveBaseline(opts)
    assert.fail(`expected a UsageError, got base ${r.base.label} head ${r.head.label}`)
  } catch (e) {
    assert.ok(e instanceof UsageError, `expected a UsageError, got ${String((e as Error).stack ?? e)}`)
    assert.doesNotMatch(e.message, /\n/, 'one line')
    return e.message
  }
}

function bailMessage(label: string): string {
  return `baseline (${label}) resolves to HEAD — nothing to compare; choose a different --base / --base-ref`
}

let scratch: string
before(() => {
  scratch = tempDir('perf-gate-baseline-')
})
after(() => removeDir(scratch))

describe('resolveBaseline in a local repository', { concurrency: 4 }, () => {
  // main: m0 - m1 - m2;  feature (HEAD): m1 - f1 - f2;  other: m0 - o1;  unrelated: u1 (orphan)
  let repo: TestRepo
  const c: Record<string, string> = {}
  before(() => {
    repo = initRepo(scratch, 'local')
    c.m0 = repo.commit('m0', { 'src/lib.rs': 'fn main() {}\n' })
    c.m1 = repo.commit('m1')
    c.m2 = repo.commit('m2')
    repo.git('checkout', '-q', '-b', 'other', c.m0)
    c.o1 = repo.commit('o1')
    repo.git('checkout', '-q', '--orphan', 'unrelated')
    repo.git('rm', '-rfq', '.')
    c.u1 = repo.commit('u1', { 'unrelated.txt': 'x\n' })
    repo.git('checkout', '-q', '-b', 'feature', c.m1)
    c.f1 = repo.commit('f1')
    c.f2 = repo.commit('f2')
  })

  it('falls back to merge-base(HEAD, main) by default, with 7-hex lowercase labels', async () => {
    const r = await resolveBaseline({ cwd: repo.dir, env: {} })
    assert.equal(r.base.sha, c.m1)
    assert.equal(r.head.sha, c.f2)
    assert.match(r.base.label, HEX7)
    assert.match(r.head.label, HEX7)
    assert.equal(r.base.label, short(c.m1!))
    assert.equal(r.base.short, r.base.label)
    assert.equal(r.head.label, short(c.f2!))
    assert.equal(r.head.dirty, false)
    assert.equal(r.how, 'merge-base(HEAD, main)')
  })

  it('uses --default-branch for the last fallback', async () => {
    const r = await resolveBaseline({ cwd: repo.dir, defaultBranch: 'other', env: {} })
    assert.equal(r.base.sha, c.m0)
    assert.equal(r.how, 'merge-base(HEAD, other)')
  })

  it('--base-ref (merge-base) wins over GITHUB_BASE_REF and --default-branch', async () => {
    // GITHUB_BASE_REF names a branch this repo has no remote for: it must not even be looked at.
    const r = await resolveBaseline({
      cwd: repo.dir,
      baseRef: 'other',
      defaultBranch: 'main',
      env: { GITHUB_BASE_REF: 'no-such-branch' }
    })
    assert.equal(r.base.sha, c.m0)
    assert.equal(r.how, 'merge-base(HEAD, other)')
  })

  it('--base wins over everything and is taken as is (no merge-base)', async () => {
    const r = await resolveBaseline({
      cwd: repo.dir,
      base: c.m2!,
      baseRef: 'other',
      defaultBranch: 'other',
      env: { GITHUB_BASE_REF: 'no-such-branch' }
    })
    // m2 is not an ancestor of HEAD; a merge-base would have given m1.
    assert.equal(r.base.sha, c.m2)
    assert.equal(r.base.label, short(c.m2!))
    assert.equal(r.how, `explicit --base ${c.m2}`)
  })

  it('--base accepts any revision and a short id', async () => {
    assert.equal((await resolveBaseline({ cwd: repo.dir, base: 'main~2', env: {} })).base.sha, c.m0)
    assert.equal((await resolveBaseline({ cwd: repo.dir, base: short(c.o1!), env: {} })).base.sha, c.o1)
  })

  it('labelOf lowercases and shortens; -dirty only when asked', () => {
    const sha = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01'
    assert.deepEqual(labelOf(sha, false), { sha, short: 'abcdef0', label: 'abcdef0' })
    assert.equal(labelOf(sha, true).label, 'abcdef0-dirty')
    assert.equal(labelOf(sha, true).short, 'abcdef0')
  })

  it('an unknown --base is a UsageError naming it', async () => {
    const msg = await usageError({ cwd: repo.dir, base: 'nope', env: {} })
    assert.match(msg, /^--base nope: "nope" is not a commit in this repository/)
  })

  it('an unknown --base-ref is a UsageError naming it', async () => {
    const msg = await usageError({ cwd: repo.dir, baseRef: 'nope', env: {} })
    assert.match(msg, /^--base-ref: nope is not a branch or commit in this clone/)
  })

  it('an unknown --default-branch is a UsageError naming it', async () => {
    const msg = await usageError({ cwd: repo.dir, defaultBranch: 'trunk', env: {} })
    assert.match(msg, /^--default-branch: trunk is not a branch or commit in this clone/)
  })

  it('unrelated histories give a clear message', async () => {
    const msg = await usageError({ cwd: repo.dir, baseRef: 'unrelated', env: {} })
    assert.match(msg, /^--base-ref: HEAD and unrelated have no common ancestor — /)
    assert.match(msg, /--base <commit> or --base-ref <branch>/)
  })

  it('stops with ktstr’s message when the baseline is HEAD', async () => {
    const wt = join(scratch, 'local-on-main')
    repo.git('worktree', 'add', '-q', '--detach', wt, 'main')
    // merge-base(HEAD, main) = HEAD
    assert.equal(await usageError({ cwd: wt, env: {} }), bailMessage(short(c.m2!)))
    // --base HEAD on a clean tree
    assert.equal(await usageError({ cwd: repo.dir, base: 'HEAD', env: {} }), bailMessage(short(c.f2!)))
    // --base-ref naming a descendant: merge-base is HEAD itself
    assert.equal(
      await usageError({ cwd: join(scratch, 'local-on-main'), baseRef: 'main', env: {} }),
      bailMessage(short(c.m2!))
    )
  })

  it('resolves from a subdirectory of the work tree', async () => {
    const r = await resolveBaseline({ cwd: join(repo.dir, 'src'), env: {} })
    assert.equal(r.base.sha, c.m1)
  })
})

describe('dirty work trees', () => {
  let repo: TestRepo
  let h: string
  let b: string
  before(() => {
    repo = initRepo(scratch, 'dirty')
    b = repo.commit('b0', { 'tracked.txt': 'one\n' })
    repo.git('checkout', '-q', '-b', 'topic')
    h = repo.commit('h1', { 'tracked.txt': 'two\n' })
  })

  it('an untracked target/ does not make the tree dirty', async () => {
    repo.write('target/ktstr/6.14.2-abcdef0/x.ktstr.json', '{}\n')
    repo.write('notes.txt', 'untracked\n')
    assert.equal(await isDirty(simpleGit(repo.dir)), false)
    const r = await resolveBaseline({ cwd: repo.dir, env: {} })
    assert.equal(r.head.label, short(h))
    assert.equal(r.head.dirty, false)
  })

  it('a modified tracked file adds -dirty to HEAD only', async () => {
    repo.write('tracked.txt', 'three\n')
    try {
      const r = await resolveBaseline({ cwd: repo.dir, env: {} })
      assert.equal(r.head.dirty, true)
      assert.equal(r.head.label, `${short(h)}-dirty`)
      assert.equal(r.head.short, short(h))
      assert.equal(r.base.sha, b)
      assert.equal(r.base.label, short(b))
    } finally {
      repo.git('checkout', '-q', '--', 'tracked.txt')
    }
  })

  it('a staged-only change is dirty too', async () => {
    repo.write('tracked.txt', 'staged\n')
    repo.git('add', 'tracked.txt')
    try {
      assert.equal(await isDirty(simpleGit(repo.dir)), true)
    } finally {
      repo.git('reset', '-q', '--hard', 'HEAD')
    }
  })

  it('--base HEAD on a dirty tree does not bail: base <h>, head <h>-dirty', async () => {
    repo.write('tracked.txt', 'four\n')
    try {
      const r = await resolveBaseline({ cwd: repo.dir, base: 'HEAD', env: {} })
      assert.equal(r.base.sha, h)
      assert.equal(r.base.label, short(h))
      assert.equal(r.head.label, `${short(h)}-dirty`)
    } finally {
      repo.git('checkout', '-q', '--', 'tracked.txt')
    }
  })
})

describe('GITHUB_BASE_REF with a clone of an origin', { concurrency: 4 }, () => {
  // seed/origin: main m0 - m1 - m2; release m0 - r1.
  // clone: feature = m1 - f1 (HEAD); a LOCAL release branch at m1 that must be ignored.
  let clone: TestRepo
  const c: Record<string, string> = {}
  before(() => {
    const seed = initRepo(scratch, 'seed')
    c.m0 = seed.commit('m0')
    c.m1 = seed.commit('m1')
    c.m2 = seed.commit('m2')
    seed.git('checkout', '-q', '-b', 'release', c.m0)
    c.r1 = seed.commit('r1')
    seed.git('checkout', '-q', 'main')
    runGit(scratch, 'clone', '-q', '--bare', join(scratch, 'seed'), join(scratch, 'origin.git'))
    runGit(scratch, 'clone', '-q', join(scratch, 'origin.git'), join(scratch, 'clone'))
    clone = openRepo(join(scratch, 'clone'))
    clone.git('checkout', '-q', '-b', 'feature', 'origin/main~1')
    c.f1 = clone.commit('f1')
    clone.git('branch', '-q', 'release', c.m1)
    assert.equal(clone.sha('origin/release'), c.r1)
  })

  it('uses merge-base(HEAD, origin/<GITHUB_BASE_REF>), not the local branch', async () => {
    const r = await resolveBaseline({ cwd: clone.dir, env: { GITHUB_BASE_REF: 'release' } })
    assert.equal(r.base.sha, c.m0)
    assert.equal(r.how, 'merge-base(HEAD, origin/release)')
    assert.equal(r.head.sha, c.f1)
  })

  it('GITHUB_BASE_REF wins over --default-branch', async () => {
    const r = await resolveBaseline({
      cwd: clone.dir,
      defaultBranch: 'main',
      env: { GITHUB_BASE_REF: 'release' }
    })
    assert.equal(r.base.sha, c.m0)
  })

  it('--base-ref wins over GITHUB_BASE_REF', async () => {
    const r = await resolveBaseline({ cwd: clone.dir, baseRef: 'main', env: { GITHUB_BASE_REF: 'release' } })
    assert.equal(r.base.sha, c.m1)
    assert.equal(r.how, 'merge-base(HEAD, main)')
  })

  for (const value of ['', '   ', '\t\n'])
    it(`GITHUB_BASE_REF=${JSON.stringify(value)} is treated as unset`, async () => {
      const r = await resolveBaseline({ cwd: clone.dir, env: { GITHUB_BASE_REF: value } })
      assert.equal(r.base.sha, c.m1)
      assert.equal(r.how, 'merge-base(HEAD, main)')
    })

  it('a GITHUB_BASE_REF with no origin branch says how to fetch it', async () => {
    const msg = await usageError({ cwd: clone.dir, env: { GITHUB_BASE_REF: 'nope' } })
    assert.match(msg, /^GITHUB_BASE_REF: origin\/nope is not a branch or commit in this clone/)
    assert.match(msg, /git fetch origin nope/)
  })
})

describe('a clone of a PR branch: origin/main, no local main', { concurrency: 3 }, () => {
  // seed: main p0 - p1 - p2; pr: p1 - q1 (the PR branch). Clones check out pr only.
  let seed: TestRepo
  const c: Record<string, string> = {}
  let n = 0
  before(() => {
    seed = initRepo(scratch, 'pr-seed')
    c.p0 = seed.commit('p0')
    c.p1 = seed.commit('p1')
    c.p2 = seed.commit('p2')
    seed.git('checkout', '-q', '-b', 'pr', c.p1)
    c.q1 = seed.commit('q1')
    seed.git('checkout', '-q', 'main')
  })

  function clonePr(extra: string[] = []): TestRepo {
    const dir = join(scratch, `pr-clone-${n++}`)
    runGit(scratch, 'clone', '-q', ...extra, '--branch', 'pr', `file://${seed.dir}`, dir)
    const repo = openRepo(dir)
    assert.equal(repo.git('branch', '--list', 'main'), '', 'no local main')
    return repo
  }

  it('a plain resolve uses merge-base(HEAD, origin/main)', async () => {
    const repo = clonePr()
    const r = await resolveBaseline({ cwd: repo.dir, env: {} })
    assert.equal(r.base.sha, c.p1)
    assert.equal(r.head.sha, c.q1)
    assert.equal(r.how, 'merge-base(HEAD, origin/main)')
  })

  it('a local branch still wins over the remote one', async () => {
    const repo = clonePr()
    repo.git('branch', 'main', c.p0!)
    const r = await resolveBaseline({ cwd: repo.dir, env: {} })
    assert.equal(r.base.sha, c.p0)
    assert.equal(r.how, 'merge-base(HEAD, main)')
  })

  it('a single-branch shallow clone: with deepen fetches origin/main; without, says neither exists', async () => {
    const repo = clonePr(['--depth', '1', '--single-branch'])
    const msg = await usageError({ cwd: repo.dir, env: {} })
    assert.match(
      msg,
      /^--default-branch: main is not a branch or commit in this clone — neither main nor origin\/main exists; fetch it \(git fetch origin main\)/
    )
    const r = await resolveBaseline({ cwd: repo.dir, env: {}, deepen: true })
    assert.equal(r.base.sha, c.p1)
    assert.equal(r.how, 'merge-base(HEAD, origin/main)')
  })
})

describe('shallow clones', { concurrency: 3 }, () => {
  // src: main m0 - m1 - m2 - m3 - m4; feature m1 - f1 - f2 - f3 - f4. The branch point m1 is
  // four commits below both tips, so a depth-1 clone has no merge-base.
  let src: TestRepo
  const c: Record<string, string> = {}
  let n = 0
  before(() => {
    src = initRepo(scratch, 'shallow-src')
    c.m0 = src.commit('m0')
    c.m1 = src.commit('m1')
    for (const m of ['m2', 'm3', 'm4']) c[m] = src.commit(m)
    src.git('checkout', '-q', '-b', 'feature', c.m1)
    for (const f of ['f1', 'f2', 'f3', 'f4']) c[f] = src.commit(f)
    src.git('checkout', '-q', 'main')
  })

  /** `git clone --depth 1 file://src` checking out feature; all branches unless `singleBranch`. */
  function shallowClone(singleBranch = false): TestRepo {
    const dir = join(scratch, `shallow-${n++}`)
    runGit(
      scratch,
      'clone',
      '-q',
      '--depth',
      '1',
      singleBranch ? '--single-branch' : '--no-single-branch',
      '--branch',
      'feature',
      `file://${src.dir}`,
      dir
    )
    const repo = openRepo(dir)
    assert.equal(repo.git('rev-parse', '--is-shallow-repository'), 'true')
    return repo
  }

  it('without deepen: a UsageError telling the user to git fetch --unshallow', async () => {
    const repo = shallowClone()
    for (const opts of [{ baseRef: 'origin/main', env: {} }, { env: { GITHUB_BASE_REF: 'main' } }] as const) {
      const msg = await usageError({ cwd: repo.dir, ...opts })
      assert.match(msg, /no merge-base of HEAD and origin\/main in this shallow clone/)
      assert.match(msg, /git fetch --unshallow/)
    }
    assert.equal(repo.git('rev-parse', '--is-shallow-repository'), 'true', 'nothing fetched')
  })

  it('with deepen: fetches history and finds the real merge-base (GITHUB_BASE_REF)', async () => {
    const repo = shallowClone()
    const r = await resolveBaseline({ cwd: repo.dir, env: { GITHUB_BASE_REF: 'main' }, deepen: true })
    assert.equal(r.base.sha, c.m1)
    assert.equal(r.head.sha, c.f4)
    assert.equal(r.head.label, short(c.f4!))
  })

  it('with deepen: --base-ref origin/main resolves too', async () => {
    const repo = shallowClone()
    const r = await resolveBaseline({ cwd: repo.dir, baseRef: 'origin/main', deepen: true, env: {} })
    assert.equal(r.base.sha, c.m1)
  })

  it('single-branch shallow clone: without deepen says how to fetch the base branch', async () => {
    const repo = shallowClone(true)
    const msg = await usageError({ cwd: repo.dir, env: { GITHUB_BASE_REF: 'main' } })
    assert.match(msg, /^GITHUB_BASE_REF: origin\/main is not a branch or commit in this clone/)
    assert.match(msg, /git fetch origin main/)
  })

  it('single-branch shallow clone: with deepen fetches the base branch and its history', async () => {
    const repo = shallowClone(true)
    const r = await resolveBaseline({ cwd: repo.dir, env: { GITHUB_BASE_REF: 'main' }, deepen: true })
    assert.equal(r.base.sha, c.m1)
    assert.equal(repo.sha('origin/main'), c.m4)
  })
})

describe('outside a repository', () => {
  it('not inside a work tree: a clear message', async () => {
    const dir = join(scratch, 'plain')
    mkdirSync(dir)
    writeFileSync(join(dir, 'README'), 'not a repo\n')
    const msg = await usageError({ cwd: dir, env: {} })
    assert.match(msg, /is not inside a git work tree, so the baseline cannot be resolved/)
    assert.match(msg, /--a-project-commit and --b-project-commit/)
  })

  it('a repository without commits: a clear message', async () => {
    const repo = initRepo(scratch, 'empty')
    const msg = await usageError({ cwd: repo.dir, env: {} })
    assert.match(msg, /HEAD/)
    assert.match(msg, /make a first commit/)
  })
})
