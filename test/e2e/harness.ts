// Runs the built Action (dist/index.js) in a child process the way the GitHub runner does:
// INPUT_* and GITHUB_* environment, an event payload file, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
// files, cwd = the workspace — against a real git checkout of a fixture scheduler repo, the real
// ktstr-agent bundle driving the stand-in ktstr, and the local GitHub fakes (127.0.0.1 only).
import { execFileSync, spawn } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startGitHub, type FakeGitHubWorld } from '../fakes/github.js'
import { TOOLCHAIN } from '../../runner-agent/src/doctor.js'
import { createFixtureRepo, STAND_IN_BIN, type FixtureRepo, type Model } from '../helpers/fixture-repo.js'

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const AGENT_BUNDLE = join(REPO_ROOT, 'runner-agent/dist/ktstr-agent.js')
export const OWNER = 'octo-org'
export const REPO = 'scx-demo'
export const FULL_NAME = `${OWNER}/${REPO}`
export const KERNEL = '6.14.2'

/**
 * A private copy of the built dist/ (entry + chunks), so a concurrent `npm run bundle` in the
 * work tree cannot swap files under a running test. Fails clearly when dist/ was not built.
 */
export function copyDist(into: string): string {
  const src = join(REPO_ROOT, 'dist')
  if (!existsSync(join(src, 'index.js')))
    throw new Error(
      'dist/index.js is missing — run `npm run bundle` first (the e2e tests run the built Action)'
    )
  const dst = join(into, 'dist')
  cpSync(src, dst, { recursive: true })
  return dst
}

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Workflow commands the step printed (`::error …::msg` etc.), messages decoded. */
  errors: string[]
  warnings: string[]
  notices: string[]
  /** How many times `ktstr-agent` was started during this run (any subcommand). */
  agentCalls: string[]
}

export interface RunOptions {
  runId: number
  event: 'pull_request' | 'workflow_dispatch' | 'workflow_run' | 'push'
  payload: unknown
  inputs: Record<string, string>
  workspace: string
  sha: string
  ref: string
  baseRef?: string
  workflow?: string
  job?: string
  env?: Record<string, string>
  /** Node binary to run the Action with (default: this process's). */
  node?: string
}

export interface E2E {
  world: FakeGitHubWorld
  fixture: FixtureRepo
  root: string
  dist: string
  /** Bare mirror the workspaces clone from (has main, regress, … and refs/pull/1/head). */
  origin: string
  binDir: string
  /**
   * A fresh `actions/checkout` (fetch-depth 0) of `sha`, detached, with origin/* branches; with
   * `mergeInto`, the merge commit of `sha` into that commit instead.
   */
  checkout(sha: string, opts?: { fetch?: string; mergeInto?: string }): string
  run(o: RunOptions): Promise<ActionRun>
  /** Marks a fake workflow run finished (what GitHub does when the job ends). */
  finishRun(runId: number, conclusion?: 'success' | 'failure'): void
  close(): Promise<void>
}

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'e2e',
  GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
  GIT_COMMITTER_NAME: 'e2e',
  GIT_COMMITTER_EMAIL: 'e2e@example.invalid'
}

export async function setup(opts: { model?: Model } = {}): Promise<E2E> {
  const root = mkdtempSync(join(tmpdir(), 'ktstr-e2e-'))
  const dist = copyDist(root)
  const fixture = createFixtureRepo({ parentDir: root, ...(opts.model ? { model: opts.model } : {}) })
  const origin = join(root, 'origin.git')
  execFileSync('git', ['clone', '-q', '--mirror', fixture.dir, origin], {
    env: { ...process.env, ...GIT_ENV }
  })
  const world = await startGitHub({ owner: OWNER, repo: REPO })

  // The runner host: ktstr-agent on PATH (a shim that records each start), its lock, scratch
  // and cache in the sandbox, a stand-in for /dev/kvm, and the stand-in's host state.
  const host = join(root, 'host')
  const binDir = join(host, 'bin')
  mkdirSync(binDir, { recursive: true })
  const calls = join(host, 'agent-calls.log')
  writeFileSync(
    join(binDir, 'ktstr-agent'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${calls}'\nexec '${process.execPath}' '${AGENT_BUNDLE}' "$@"\n`
  )
  chmodSync(join(binDir, 'ktstr-agent'), 0o755)
  // The kernel build toolchain doctor looks for: stubs (ktstr's own builds are the stand-in's).
  for (const t of TOOLCHAIN) writeFileSync(join(binDir, t), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  const kvm = join(host, 'kvm')
  writeFileSync(kvm, '')
  const hostEnv = {
    PATH: `${STAND_IN_BIN}:${binDir}:${process.env.PATH ?? ''}`,
    KTSTR_AGENT_LOCK_FILE: join(host, 'agent.lock'),
    KTSTR_AGENT_SCRATCH: join(host, 'scratch'),
    KTSTR_AGENT_CACHE_DIR: join(host, 'cache'),
    KTSTR_AGENT_KVM_DEVICE: kvm,
    KTSTR_STANDIN_STATE_DIR: join(host, 'standin-state')
  }
  let n = 0

  const e2e: E2E = {
    world,
    fixture,
    root,
    dist,
    origin,
    binDir,
    checkout(sha, opts = {}) {
      const ws = join(root, `ws-${++n}`)
      const git = (...args: string[]): string =>
        execFileSync('git', args, { cwd: ws, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim()
      execFileSync('git', ['clone', '-q', '--no-checkout', origin, ws], {
        env: { ...process.env, ...GIT_ENV }
      })
      if (opts.fetch) git('fetch', '-q', 'origin', opts.fetch)
      if (opts.mergeInto) {
        // What actions/checkout gives a pull_request by default: GitHub's merge commit (on no branch).
        git('checkout', '-q', '--detach', opts.mergeInto)
        git('merge', '-q', '--no-ff', '-m', `Merge ${sha} into ${opts.mergeInto}`, sha)
      } else git('checkout', '-q', '--detach', sha)
      return ws
    },
    async run(o) {
      const dir = mkdtempSync(join(root, `run-${o.runId}-`))
      const eventPath = join(dir, 'event.json')
      writeFileSync(eventPath, JSON.stringify(o.payload, null, 2))
      const outFile = join(dir, 'output')
      const summaryFile = join(dir, 'summary.md')
      writeFileSync(outFile, '')
      writeFileSync(summaryFile, '')
      mkdirSync(join(dir, 'temp'))
      const before = existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter(Boolean).length : 0
      const env: Record<string, string> = {}
      // The runner passes its own environment, minus anything of ours that would leak in.
      for (const [k, v] of Object.entries(process.env))
        if (v !== undefined && !/^(INPUT_|GITHUB_|ACTIONS_|RUNNER_|KTSTR_)/.test(k)) env[k] = v
      Object.assign(env, hostEnv, world.runEnv(o.runId), {
        CI: 'true',
        GITHUB_WORKSPACE: o.workspace,
        GITHUB_EVENT_NAME: o.event,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SHA: o.sha,
        GITHUB_REF: o.ref,
        GITHUB_BASE_REF: o.baseRef ?? '',
        GITHUB_HEAD_REF: '',
        GITHUB_WORKFLOW: o.workflow ?? 'perf',
        GITHUB_JOB: o.job ?? 'gate',
        GITHUB_ACTOR: 'octocat',
        GITHUB_OUTPUT: outFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_ACTION: '__ktstr-perf-gate',
        RUNNER_TEMP: join(dir, 'temp'),
        RUNNER_OS: 'Linux',
        // As the runner does for a node action: every declared input, defaults filled in.
        ...inputEnv({ 'github-token': 'ghs_e2eWriteToken', ...o.inputs }),
        ...o.env
      })
      const child = spawn(o.node ?? process.execPath, [join(dist, 'index.js')], {
        cwd: o.workspace,
        env,
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
      const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)))
      const all = existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter(Boolean) : []
      const cmds = workflowCommands(stdout)
      return {
        code,
        stdout,
        stderr,
        outputs: parseOutputFile(readFileSync(outFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
        errors: cmds.filter((c) => c.name === 'error').map((c) => c.message),
        warnings: cmds.filter((c) => c.name === 'warning').map((c) => c.message),
        notices: cmds.filter((c) => c.name === 'notice').map((c) => c.message),
        agentCalls: all.slice(before)
      }
    },
    finishRun(runId, conclusion = 'success') {
      const r = world.api.state.runs.find((x) => x.id === runId)
      if (!r) throw new Error(`no fake run ${runId}`)
      r.status = 'completed'
      r.conclusion = conclusion
    },
    async close() {
      await world.close()
      if (!process.env.KTSTR_E2E_KEEP) rmSync(root, { recursive: true, force: true })
      else process.stderr.write(`kept ${root}\n`)
    }
  }
  return e2e
}

/** Every input action.yml declares, with its default, overridden by `given` (as the runner does). */
export function inputEnv(given: Record<string, string>): Record<string, string> {
  const yml = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')
  const declared = declaredInputs(yml)
  const env: Record<string, string> = {}
  for (const [name, dflt] of declared) env[inputVar(name)] = dflt.startsWith('${{') ? '' : dflt
  for (const [name, value] of Object.entries(given)) {
    if (!declared.has(name)) throw new Error(`input ${name} is not declared in action.yml`)
    env[inputVar(name)] = value
  }
  return env
}

/** INPUT_<NAME>: upper-cased, spaces to `_`, hyphens kept (actions/runner). */
export function inputVar(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Input names and defaults of an action.yml (a small reader for its flat `inputs:` block). */
export function declaredInputs(yml: string): Map<string, string> {
  const out = new Map<string, string>()
  const block = /^inputs:\n([\s\S]*?)^\S/m.exec(yml)?.[1] ?? ''
  let current: string | undefined
  for (const line of block.split('\n')) {
    const name = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line)?.[1]
    if (name) {
      current = name
      out.set(name, '')
      continue
    }
    const d = /^ {4}default:\s*(.*)$/.exec(line)?.[1]
    if (d !== undefined && current) out.set(current, d.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1'))
  }
  return out
}

/** Parses $GITHUB_OUTPUT as the runner does (`name<<delim` heredocs and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const h = /^([^=<]+)<<(.+)$/.exec(line)
    if (h) {
      const [, name, delim] = h
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!)
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: ${name} has no closing ${delim}`)
      out[name!] = value.join('\n')
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    else if (line.trim()) throw new Error(`GITHUB_OUTPUT: cannot parse line ${JSON.stringify(line)}`)
  }
  return out
}

/** `::name props::message` lines of a step's stdout, message unescaped (%25 %0D %0A). */
export function workflowCommands(stdout: string): { name: string; props: string; message: string }[] {
  const out: { name: string; props: string; message: string }[] = []
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line)
    if (!m) continue
    out.push({
      name: m[1]!,
      props: (m[2] ?? '').trim(),
      message: m[3]!.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
    })
  }
  return out
}

/** A `pull_request` webhook payload (the fields GitHub sends that the Action and its tools read). */
export function pullRequestPayload(o: {
  number: number
  headSha: string
  headRef: string
  baseSha: string
  baseRef?: string
  headRepo?: string
  action?: string
}): unknown {
  const headRepo = o.headRepo ?? FULL_NAME
  const repo = (fullName: string, id: number) => ({
    id,
    name: fullName.split('/')[1],
    full_name: fullName,
    private: false,
    fork: fullName !== FULL_NAME,
    owner: { login: fullName.split('/')[0], id: id + 1, type: 'User' },
    html_url: `https://github.com/${fullName}`,
    default_branch: 'main'
  })
  const base = repo(FULL_NAME, 4242)
  return {
    action: o.action ?? 'synchronize',
    number: o.number,
    pull_request: {
      id: 700 + o.number,
      number: o.number,
      state: 'open',
      title: `scx_demo: change ${o.number}`,
      html_url: `https://github.com/${FULL_NAME}/pull/${o.number}`,
      user: { login: headRepo.split('/')[0], id: 98, type: 'User' },
      head: {
        label: `${headRepo.split('/')[0]}:${o.headRef}`,
        ref: o.headRef,
        sha: o.headSha,
        repo: repo(headRepo, headRepo === FULL_NAME ? 4242 : 4343),
        user: { login: headRepo.split('/')[0], id: 98, type: 'User' }
      },
      base: {
        label: `${OWNER}:${o.baseRef ?? 'main'}`,
        ref: o.baseRef ?? 'main',
        sha: o.baseSha,
        repo: base,
        user: { login: OWNER, id: 99, type: 'Organization' }
      }
    },
    repository: base,
    sender: { login: 'octocat', id: 1, type: 'User' }
  }
}
