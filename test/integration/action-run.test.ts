// The Action's run() in process, through its ActionDeps seam: real git checkouts of a fixture
// repository, the OpenAPI-validated REST fake for GitHub, and fake agent / artifact client deps.
// Each behaviour costs a function call, not a subprocess; test/e2e/action.test.ts keeps the few
// end-to-end runs of the built bundle.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import type { Agent } from '../../src/action/agent.js'
import type { Log } from '../../src/action/log.js'
import { run, type ActionDeps } from '../../src/action/main.js'
import { createHash } from 'node:crypto'
import { applyWaivers } from '../../src/core/waiver.js'
import { renderJson } from '../../src/report/json.js'
import { parseComparisonJson } from '../../src/report/json-parse.js'
import { makeZip } from '../fakes/zip.js'
import type { ArtifactClientLike } from '../../src/github/index.js'
import { createGitHubClient } from '../../src/github/retry.js'
import { declaredInputs, pullRequestPayload } from '../e2e/harness.js'
import { start as startApi, type FakeGitHub } from '../fakes/github-api.js'
import { createFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js'
import { GIT_TEST_ENV } from '../helpers/git.js'
import { copyExamplePool, EXAMPLE_KERNEL } from '../helpers/pool.js'

const OWNER = 'octo-org'
const REPO = 'scx-demo'
const FULL_NAME = `${OWNER}/${REPO}`
const TOKEN = 'ghs_actionRunToken'
const POOL = 'target/ktstr'
const ACTION_YML = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')

let root: string
let fx: FixtureRepo
let api: FakeGitHub
let n = 0

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'action-run-'))
  fx = createFixtureRepo({ parentDir: root })
  api = await startApi({ owner: OWNER, repo: REPO })
  api.state.addPull({
    number: 7,
    headSha: fx.commits.regressing,
    headRef: 'regress',
    baseSha: fx.commits.baseline
  })
})
after(async () => {
  await api?.close()
  rmSync(root, { recursive: true, force: true })
})
afterEach(() => api.assertNoViolations())

/** A fresh `actions/checkout` (fetch-depth 0) of `sha`, detached, with origin/* branches. */
function checkout(sha: string, fetch?: string): string {
  const ws = join(root, `ws-${++n}`)
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ws, stdio: 'ignore', env: { ...process.env, ...GIT_TEST_ENV } })
  execFileSync('git', ['clone', '-q', '--no-checkout', fx.dir, ws], {
    stdio: 'ignore',
    env: { ...process.env, ...GIT_TEST_ENV }
  })
  if (fetch) git('fetch', '-q', 'origin', fetch)
  git('checkout', '-q', '--detach', sha)
  return ws
}

/** Writes `runs` runs of each given side into `poolDir`, as ktstr lays them out (example pool data). */
function plantRuns(poolDir: string, sides: { base?: string; head?: string }, runs: readonly number[]): void {
  const tmp = mkdtempSync(join(root, 'plant-'))
  const labels = { base: (sides.base ?? 'aaaaaaa').slice(0, 7), head: (sides.head ?? 'bbbbbbb').slice(0, 7) }
  copyExamplePool(tmp, { baseLabel: labels.base, headLabel: labels.head, runs })
  for (const side of ['base', 'head'] as const)
    if (sides[side])
      cpSync(
        join(tmp, `${EXAMPLE_KERNEL}-${labels[side]}`),
        join(poolDir, `${EXAMPLE_KERNEL}-${labels[side]}`),
        { recursive: true }
      )
  rmSync(tmp, { recursive: true, force: true })
}

function runsOf(poolDir: string, sha: string): number {
  const dir = join(poolDir, `${EXAMPLE_KERNEL}-${sha.slice(0, 7)}`)
  return existsSync(dir) ? readdirSync(dir).filter((d) => /^run-\d+$/.test(d)).length : 0
}

interface AgentCall {
  kind: 'create' | 'doctor' | 'produce'
  args: unknown
}

/** A runner agent that records its calls and "produces" example-pool runs for the sides asked. */
function fakeAgent(
  calls: AgentCall[],
  o: { doctor?: { ok: boolean; why: string | null }; produceError?: Error } = {}
) {
  return (opts: Parameters<NonNullable<ActionDeps['agent']>>[0]): Agent => {
    calls.push({
      kind: 'create',
      args: {
        filter: opts.filter,
        allowUntrusted: opts.allowUntrusted,
        cacheStore: opts.cacheStore,
        repo: opts.repo
      }
    })
    return {
      async doctor(out) {
        calls.push({ kind: 'doctor', args: out })
        return o.doctor ?? { ok: true, why: null }
      },
      async produce(p) {
        calls.push({ kind: 'produce', args: p })
        if (o.produceError) throw o.produceError
        // Top up each asked side to p.runs runs, as the real agent does (the example pool has five).
        for (const [side, sha] of [
          ['base', p.base],
          ['head', p.head]
        ] as const) {
          if (!sha) continue
          const have = runsOf(p.out, sha)
          const missing = Array.from({ length: Math.max(0, p.runs - have) }, (_, i) => have + i + 1)
          if (missing.some((i) => i > 5)) throw new Error(`the fake agent has 5 example runs, not ${p.runs}`)
          plantRuns(p.out, { [side]: sha }, missing)
        }
        return { nothingToCompare: false }
      }
    }
  }
}

interface Upload {
  name: string
  files: string[]
}

/** An artifact client that records uploads (with the files' paths under the root) and holds nothing. */
function fakeArtifacts(uploads: Upload[]): ArtifactClientLike {
  let id = 1
  return {
    async uploadArtifact(name, files, rootDir) {
      uploads.push({ name, files: files.map((f) => relative(rootDir, f)).sort() })
      return { id: id++, size: files.length, digest: 'sha256:0' }
    },
    async listArtifacts() {
      return { artifacts: [] }
    },
    async downloadArtifact() {
      throw new Error('the fake artifact client holds no artifacts')
    },
    async deleteArtifact(name) {
      throw new Error(`the fake artifact client holds no artifact ${name}`)
    }
  }
}

interface Step {
  failed: string[]
  outputs: Record<string, string>
  summary: string[]
  lines: { level: string; text: string }[]
  agent: AgentCall[]
  uploads: Upload[]
  /** REST calls the step made (operation ids). */
  api: string[]
  text(level?: string): string
}

interface StepOptions {
  inputs?: Record<string, string>
  event?: string
  payload?: unknown
  /** Written as the event file verbatim (for a malformed payload). */
  rawPayload?: string
  workspace: string
  sha?: string
  env?: Record<string, string>
  agent?: Parameters<typeof fakeAgent>[1]
  /** The artifact client (default: one that records uploads and holds nothing). */
  artifacts?: ArtifactClientLike
}

/** Runs the Action's run() as one workflow step would, with every edge captured. */
async function step(o: StepOptions): Promise<Step> {
  const dir = mkdtempSync(join(root, 'step-'))
  const eventPath = join(dir, 'event.json')
  writeFileSync(eventPath, o.rawPayload ?? JSON.stringify(o.payload ?? {}))
  const declared = declaredInputs(ACTION_YML)
  const given: Record<string, string> = {
    kernel: EXAMPLE_KERNEL,
    registry: 'bundled',
    'github-token': TOKEN,
    ...o.inputs
  }
  for (const k of Object.keys(given)) assert.ok(declared.has(k), `input ${k} is not declared in action.yml`)
  const inputs = (name: string): string => {
    const dflt = declared.get(name) ?? ''
    return (given[name] ?? (dflt.startsWith('${{') ? '' : dflt)).trim()
  }
  const s: Step = {
    failed: [],
    outputs: {},
    summary: [],
    lines: [],
    agent: [],
    uploads: [],
    api: [],
    text: (level) =>
      s.lines
        .filter((l) => !level || l.level === level)
        .map((l) => l.text)
        .join('\n')
  }
  const line = (level: string) => (text: string) => void s.lines.push({ level, text })
  const log: Log = {
    info: line('info'),
    debug: line('debug'),
    notice: line('notice'),
    warning: line('warning'),
    error: line('error'),
    inert: async (fn) => fn(),
    group: async (title, fn) => {
      s.lines.push({ level: 'group', text: `[group] ${title}` })
      try {
        return await fn()
      } finally {
        s.lines.push({ level: 'group', text: '[/group]' })
      }
    }
  }
  const before = api.requests.length
  const deps: ActionDeps = {
    getInput: inputs,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_REPOSITORY: FULL_NAME,
      GITHUB_WORKSPACE: o.workspace,
      GITHUB_EVENT_NAME: o.event ?? 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: o.sha ?? '',
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKFLOW: 'perf',
      GITHUB_JOB: 'gate',
      GITHUB_API_URL: api.url,
      RUNNER_TEMP: dir,
      ACTIONS_RUNTIME_TOKEN: 'unused-by-the-fake-client',
      ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/',
      ...GIT_TEST_ENV,
      ...o.env
    },
    log,
    setOutput: (k, v) => void (s.outputs[k] = v),
    setFailed: (m) => void s.failed.push(m),
    writeSummary: async (md) => void s.summary.push(md),
    artifactClient: async () => o.artifacts ?? fakeArtifacts(s.uploads),
    agent: fakeAgent(s.agent, o.agent),
    github: (token) => createGitHubClient({ token, baseUrl: api.url, retry: { sleep: async () => {} } })
  }
  await run(deps)
  s.api = api.requests.slice(before).map((r) => r.operationId ?? `${r.method} ${r.path}`)
  return s
}

const prPayload = (head: string, o: { number?: number; headRepo?: string } = {}) =>
  pullRequestPayload({
    number: o.number ?? 7,
    headSha: head,
    headRef: 'regress',
    baseSha: fx.commits.baseline,
    ...(o.headRepo ? { headRepo: o.headRepo } : {})
  })

/** A pull_request step on the regressing commit, baseline by GITHUB_BASE_REF as on GitHub. */
function prStep(o: Partial<StepOptions> & { headRepo?: string } = {}): Promise<Step> {
  const head = fx.commits.regressing
  return step({
    workspace: o.workspace ?? checkout(head),
    event: 'pull_request',
    payload: prPayload(head, o.headRepo ? { headRepo: o.headRepo } : {}),
    sha: head,
    ...o,
    env: { GITHUB_BASE_REF: 'main', ...o.env }
  })
}

/** Exactly one failure line, no stack trace, and nothing measured or published. */
function assertOneLineFailure(s: Step, re: RegExp): void {
  assert.equal(s.failed.length, 1, s.failed.join('\n---\n'))
  assert.match(s.failed[0]!, re)
  assert.doesNotMatch(s.failed[0]!, /\n|\bat .*:\d+:\d+/, 'one line, no stack trace')
  assert.deepEqual(
    s.agent.filter((c) => c.kind !== 'create'),
    [],
    'no KVM time spent'
  )
  assert.equal(s.outputs.verdict, undefined)
  assert.deepEqual(s.uploads, [])
}

describe('Action run() in process: bad input is one line', () => {
  const ws = () => checkout(fx.commits.regressing)

  it('a bad mode names the input and the values it takes', async () => {
    const s = await step({ workspace: ws(), inputs: { mode: 'gateway' } })
    assertOneLineFailure(s, /^input mode: "gateway" is not one of gate, produce, comment$/)
    assert.deepEqual(s.api, [], 'nothing asked of GitHub')
  })

  it('a bad rule or max-runs names the input', async () => {
    assertOneLineFailure(
      await prStep({ inputs: { rule: 'bayes' } }),
      /^input rule: "bayes" is not one of ktstr, sequential$/
    )
    assertOneLineFailure(
      await prStep({ inputs: { 'max-runs': '1' } }),
      /^input max-runs: "1" is not a whole number ≥ 2$/
    )
  })

  it('a bad must-fail stops before any KVM time', async () => {
    const s = await prStep({ inputs: { 'must-fail': 'no_such_metric' } })
    assertOneLineFailure(s, /--must-fail: unknown metric .*no_such_metric/)
  })

  it('a policy file that is not JSON, or missing, stops before any KVM time', async () => {
    const w = ws()
    writeFileSync(join(w, 'policy.json'), '{ not json')
    const bad = await prStep({ workspace: w, inputs: { policy: 'policy.json', 'noise-adjust': '1' } })
    assertOneLineFailure(bad, /parse comparison policy from .*policy\.json: .* — the file must be JSON/)
    const missing = await prStep({ inputs: { policy: 'nope.json', 'noise-adjust': '1' } })
    assertOneLineFailure(missing, /read comparison policy from .*nope\.json: ENOENT — check the path/)
    const both = await prStep({ inputs: { policy: 'nope.json', threshold: '10' } })
    assertOneLineFailure(both, /--threshold and --policy are mutually exclusive/)
    // With repeated runs (noise-adjust, default 5) they are refused before any KVM time, as ktstr does.
    const noisy = await prStep({ inputs: { threshold: '10' } })
    assertOneLineFailure(
      noisy,
      /input threshold: gates the scalar comparison only .* noise-adjust is 5 — set noise-adjust: 1/
    )
  })

  it('mode comment without a token says which permissions the token needs', async () => {
    const s = await step({
      workspace: ws(),
      event: 'workflow_run',
      payload: {
        action: 'completed',
        workflow_run: {
          id: 1,
          name: 'perf',
          head_sha: fx.commits.untrusted,
          head_branch: 'fork-pr',
          event: 'pull_request',
          status: 'completed',
          conclusion: 'success',
          head_repository: { full_name: 'forker/scx-demo' },
          repository: { full_name: FULL_NAME },
          pull_requests: []
        }
      },
      inputs: { mode: 'comment', 'github-token': '' }
    })
    assertOneLineFailure(
      s,
      /^mode comment needs input github-token with pull-requests: write and actions: read$/
    )
  })

  it('mode comment outside workflow_run says how to trigger it', async () => {
    const s = await prStep({ inputs: { mode: 'comment' } })
    assertOneLineFailure(
      s,
      /^mode comment runs on the workflow_run event; the event payload has no workflow_run \(event pull_request\) — trigger it with `on: workflow_run/
    )
  })

  it('mode comment on a workflow_run whose payload is not as GitHub sends it names the field', async () => {
    const s = await step({
      workspace: ws(),
      event: 'workflow_run',
      payload: { action: 'completed', workflow_run: { id: 'seven', head_sha: fx.commits.untrusted } },
      inputs: { mode: 'comment' }
    })
    assertOneLineFailure(
      s,
      /^mode comment runs on the workflow_run event; the event's workflow_run is not as GitHub sends it: workflow_run\.id: .* \(event workflow_run\) — the payload at GITHUB_EVENT_PATH/
    )
  })

  it('a malformed event payload names the file', async () => {
    const s = await step({ workspace: ws(), rawPayload: '{"pull_request": ', sha: fx.commits.regressing })
    assertOneLineFailure(s, /^cannot read the event payload .*event\.json: .*JSON/)
  })

  it('a bad GITHUB_REPOSITORY is one line', async () => {
    const s = await step({ workspace: ws(), env: { GITHUB_REPOSITORY: 'no-slash' } })
    assertOneLineFailure(s, /no-slash/)
  })

  it('an unexpected error is one line without debug, and carries the stack with RUNNER_DEBUG=1', async () => {
    const boom = new Error('agent exploded')
    const quiet = await prStep({ agent: { produceError: boom } })
    assert.deepEqual(quiet.failed, ['internal error: agent exploded (re-run with debug logging for details)'])
    const debug = await prStep({ agent: { produceError: boom }, env: { RUNNER_DEBUG: '1' } })
    assert.equal(debug.failed.length, 1)
    assert.match(debug.failed[0]!, /^internal error: agent exploded\nError: agent exploded\n\s+at /)
  })
})

describe('Action run() in process: fork pull requests', () => {
  it('no comment API call; the result is left for mode: comment', async () => {
    const ws = checkout(fx.commits.regressing)
    plantRuns(join(ws, POOL), { base: fx.commits.baseline, head: fx.commits.regressing }, [1, 2, 3, 4, 5])
    const s = await prStep({ workspace: ws, headRepo: 'forker/scx-demo' })
    assert.ok(s.outputs.verdict, s.text())
    assert.deepEqual(
      s.api.filter((op) => op.startsWith('issues/')),
      [],
      `no comment call from a fork PR: ${s.api.join(', ')}`
    )
    assert.equal(s.outputs['comment-url'], undefined)
    assert.match(
      s.text('notice'),
      /fork pull request: the token is read-only, so no comment is posted from here/
    )
    assert.deepEqual(s.agent, [], 'both sides were in the pool: no agent')
  })

  it('does not produce unless allow-fork-produce is true', async () => {
    const blocked = await prStep({ headRepo: 'forker/scx-demo' })
    assert.deepEqual(blocked.agent, [], 'the agent is not even created for fork code')
    assert.match(
      blocked.text('notice'),
      /baseline \w{7}: 0 of 5 run\(s\) available; not producing: this is a fork pull request: its code does not run on a shared KVM host unless allow-fork-produce is true/
    )
    assert.match(
      blocked.text('notice'),
      /HEAD \w{7}: 0 of 5 run\(s\) available; not producing: this is a fork pull request/
    )

    const allowed = await prStep({ headRepo: 'forker/scx-demo', inputs: { 'allow-fork-produce': 'true' } })
    assert.deepEqual(
      allowed.agent.map((c) => c.kind),
      ['create', 'doctor', 'produce']
    )
    assert.equal((allowed.agent[0]!.args as { allowUntrusted: boolean }).allowUntrusted, true)
    assert.equal(
      (allowed.agent[0]!.args as { cacheStore: boolean }).cacheStore,
      false,
      'a fork PR adds nothing to the host cache (--no-cache-store)'
    )
    assert.ok(allowed.outputs.verdict, allowed.text())
  })
})

describe('Action run() in process: mode produce', () => {
  it('asks the agent for both sides with the run count and kernel, then uploads each side', async () => {
    const ws = checkout(fx.commits.regressing)
    const s = await prStep({ workspace: ws, inputs: { mode: 'produce', 'noise-adjust': '3' } })
    assert.deepEqual(s.failed, [], s.text())
    assert.deepEqual(
      s.agent.map((c) => c.kind),
      ['create', 'doctor', 'produce']
    )
    assert.equal(s.agent[1]!.args, join(ws, POOL), 'doctor checks the pool it will fill')
    assert.deepEqual(s.agent[2]!.args, {
      base: fx.commits.baseline,
      head: fx.commits.regressing,
      kernel: EXAMPLE_KERNEL,
      runs: 3,
      out: join(ws, POOL)
    })
    assert.equal((s.agent[0]!.args as { allowUntrusted: boolean }).allowUntrusted, false)
    assert.equal((s.agent[0]!.args as { cacheStore: boolean }).cacheStore, true)
    const short = fx.short
    assert.deepEqual(s.outputs, { head: short(fx.commits.regressing), baseline: short(fx.commits.baseline) })
    assert.deepEqual(
      s.uploads.map((u) => u.name).sort(),
      [
        `ktstr-sidecars-${EXAMPLE_KERNEL}-${short(fx.commits.baseline)}-ktstr-kvm`,
        `ktstr-sidecars-${EXAMPLE_KERNEL}-${short(fx.commits.regressing)}-ktstr-kvm`
      ].sort()
    )
    for (const u of s.uploads) {
      assert.ok(u.files.length > 0)
      assert.ok(
        u.files.every((f) => /^6\.14\.2-[0-9a-f]{7}\/run-[1-3]\/[^/]+\.ktstr\.json$/.test(f)),
        u.files.join('\n')
      )
    }
    assert.match(
      s.text('info'),
      new RegExp(`HEAD ${short(fx.commits.regressing)}: 3 run\\(s\\) \\(pool 0, artifact 0, produced 3\\)`)
    )
    assert.equal(s.summary.length, 0, 'produce mode writes no summary')
  })

  it('on a push with no baseline, only HEAD is produced; a shard gets its own artifact name', async () => {
    const head = fx.commits.baseline
    const s = await step({
      workspace: checkout(head),
      event: 'push',
      payload: { ref: 'refs/heads/main', after: head },
      sha: head,
      inputs: { mode: 'produce', 'noise-adjust': '2', shard: '2of3' }
    })
    assert.deepEqual(s.failed, [], s.text())
    const produce = s.agent.find((c) => c.kind === 'produce')!.args as {
      base?: string
      head?: string
      runs: number
    }
    assert.equal(produce.base, undefined)
    assert.equal(produce.head, head)
    assert.equal(produce.runs, 2)
    assert.equal(
      (produce as { cacheHead?: boolean }).cacheHead,
      true,
      'a push records the baseline of later PRs'
    )
    assert.deepEqual(s.outputs, { head: fx.short(head) })
    assert.deepEqual(
      s.uploads.map((u) => u.name),
      [`ktstr-sidecars-${EXAMPLE_KERNEL}-${fx.short(head)}-ktstr-kvm-2of3`]
    )
  })

  it('a failed doctor is a notice and no produce', async () => {
    const s = await prStep({
      inputs: { mode: 'produce' },
      agent: { doctor: { ok: false, why: 'kvm: /dev/kvm missing' } }
    })
    assert.deepEqual(
      s.agent.map((c) => c.kind),
      ['create', 'doctor']
    )
    assert.match(
      s.text('notice'),
      /HEAD \w{7}: 0 of 5 run\(s\) available; not producing: ktstr-agent doctor: kvm: \/dev\/kvm missing/
    )
  })
})

describe('Action run() in process: mode gate', () => {
  it('with the pool on disk: outputs, report, summary, annotations, the comment, and the failure line', async () => {
    const ws = checkout(fx.commits.regressing)
    plantRuns(join(ws, POOL), { base: fx.commits.baseline, head: fx.commits.regressing }, [1, 2, 3, 4, 5])
    const s = await prStep({
      workspace: ws,
      inputs: { 'fail-threshold': '1', produce: 'never' },
      env: { GITHUB_WORKFLOW_REF: `${FULL_NAME}/.github/workflows/perf.yml@refs/pull/7/merge` }
    })
    assert.deepEqual(s.agent, [])
    assert.equal(s.outputs.verdict, 'fail', s.text())
    // The summary and the comment name the host class and link the workflow to run with extra-runs.
    assert.match(s.summary[0]!, /^# ❌ Failed — ktstr-perf-gate · kernel \S+ · ktstr-kvm · ktstr's rule$/m)
    const body = api.state.comments.filter((c) => c.issueNumber === 7).at(-1)?.body ?? ''
    assert.match(body, /^## ❌ Failed — ktstr-perf-gate · kernel \S+ · ktstr-kvm · ktstr's rule$/m)
    assert.ok(
      body.includes(
        `[run the workflow](https://github.com/${FULL_NAME}/actions/workflows/perf.yml) (workflow_dispatch)`
      ),
      body.slice(0, 2000)
    )
    assert.equal(s.outputs.baseline, fx.short(fx.commits.baseline))
    assert.equal(s.outputs.head, fx.short(fx.commits.regressing))
    assert.ok(Number(s.outputs.regressions) >= 1, s.outputs.regressions)
    assert.ok(Number(s.outputs.compared) > 0)
    const report = JSON.parse(readFileSync(s.outputs.report!, 'utf8')) as { verdict: string; rows: unknown[] }
    assert.equal(report.verdict, 'fail')
    // The report, then the record of the uploaded report artifact with its digest.
    assert.equal(s.summary.length, 2)
    assert.match(s.summary[0]!, new RegExp(fx.short(fx.commits.regressing)))
    assert.match(
      s.summary[1]!,
      /Report artifact `ktstr-perf-gate-report-[^`]+` \(id \d+\), digest `sha256:[0-9a-f]+`/
    )
    assert.equal(
      s.lines.filter((l) => l.level === 'error' && / vs baseline /.test(l.text)).length,
      Number(s.outputs.regressions),
      'one error annotation per regression'
    )
    assert.equal(s.failed.length, 1)
    assert.match(s.failed[0]!, /^ktstr-perf-gate: .*regression/)
    assert.match(s.text('info'), /perf-delta: candidate HEAD \w{7} vs baseline \w{7}/)
    assert.match(s.text('info'), /baseline \w{7}: 5 run\(s\) \(pool 5, artifact 0, produced 0\)/)
    // The table sits in a collapsible group whose title carries the verdict.
    const open = s.lines.findIndex((l) => l.level === 'group' && l.text.startsWith('[group] '))
    assert.match(s.lines[open]!.text, /^\[group\] ktstr-perf-gate: FAIL — .*regression/)
    assert.match(s.lines[open + 1]!.text, /^TEST +METRIC /)
    assert.equal(s.lines.find((l, i) => i > open && l.level === 'group')?.text, '[/group]')
    // The comment on PR 7, then the report artifact.
    assert.ok(
      s.api.includes('issues/create-comment') || s.api.includes('issues/update-comment'),
      s.api.join(', ')
    )
    assert.match(s.outputs['comment-url'] ?? '', /\/pull\/7#issuecomment-\d+$/)
    assert.deepEqual(
      s.uploads.map((u) => u.name),
      [
        `ktstr-sidecars-${EXAMPLE_KERNEL}-${fx.short(fx.commits.baseline)}-ktstr-kvm`,
        `ktstr-sidecars-${EXAMPLE_KERNEL}-${fx.short(fx.commits.regressing)}-ktstr-kvm`,
        'ktstr-perf-gate-report-perf_gate'
      ]
    )
  })

  it('threshold on repeated runs fails the step with one line (scalar comparisons only, as in ktstr)', async () => {
    const ws = checkout(fx.commits.regressing)
    plantRuns(join(ws, POOL), { base: fx.commits.baseline, head: fx.commits.regressing }, [1, 2])
    // noise-adjust: 1 passes the input check; the pool still holds 2 runs per side.
    const s = await prStep({
      workspace: ws,
      inputs: { threshold: '10', 'noise-adjust': '1', produce: 'never', comment: 'never' }
    })
    assert.equal(s.failed.length, 1, s.text())
    assert.match(
      s.failed[0]!,
      /--threshold \/ --policy gate the scalar comparison only .*Action inputs threshold \/ policy/
    )
    assert.doesNotMatch(s.failed[0]!, /\n|\bat .*:\d+:\d+/, 'one line, no stack trace')
  })

  it('rule: sequential and max-runs reach the gate; the report says which rule decided', async () => {
    const ws = checkout(fx.commits.regressing)
    plantRuns(join(ws, POOL), { base: fx.commits.baseline, head: fx.commits.regressing }, [1, 2, 3, 4, 5])
    const s = await prStep({
      workspace: ws,
      inputs: { rule: 'sequential', 'max-runs': '7', produce: 'never', comment: 'never', upload: 'false' }
    })
    const report = JSON.parse(readFileSync(s.outputs.report!, 'utf8')) as {
      rule: string
      options: { sequential: { maxRuns: number } }
      rows: Array<{ state: string | null }>
    }
    assert.equal(report.rule, 'sequential')
    assert.equal(report.options.sequential.maxRuns, 7)
    assert.ok(report.rows.some((r) => r.state !== null))
  })

  it('comment: never and upload: false publish nothing remote', async () => {
    const ws = checkout(fx.commits.regressing)
    plantRuns(join(ws, POOL), { base: fx.commits.baseline, head: fx.commits.regressing }, [1, 2, 3, 4, 5])
    const s = await prStep({ workspace: ws, inputs: { comment: 'never', upload: 'false', produce: 'never' } })
    assert.ok(s.outputs.verdict, s.text())
    assert.deepEqual(
      s.api.filter((op) => op.startsWith('issues/')),
      []
    )
    assert.deepEqual(s.uploads, [])
  })

  it('workflow_dispatch top-up: extra-runs on top of the pool, one produce for both sides', async () => {
    const ws = checkout(fx.commits.regressing)
    plantRuns(join(ws, POOL), { base: fx.commits.baseline, head: fx.commits.regressing }, [1, 2, 3])
    const s = await step({
      workspace: ws,
      event: 'workflow_dispatch',
      payload: { inputs: { 'extra-runs': '2' }, ref: 'refs/heads/regress' },
      sha: fx.commits.regressing,
      inputs: { 'noise-adjust': '3', 'extra-runs': '2', comment: 'never' }
    })
    const produce = s.agent.filter((c) => c.kind === 'produce')
    assert.equal(produce.length, 1, s.text())
    assert.deepEqual(produce[0]!.args, {
      base: fx.commits.baseline,
      head: fx.commits.regressing,
      kernel: EXAMPLE_KERNEL,
      runs: 5,
      out: join(ws, POOL)
    })
    for (const [side, sha] of [
      ['baseline', fx.commits.baseline],
      ['HEAD', fx.commits.regressing]
    ] as const)
      assert.match(
        s.text('info'),
        new RegExp(`${side} ${fx.short(sha)}: 5 run\\(s\\) \\(pool 3, artifact 0, produced 2\\)`)
      )
    assert.ok(s.outputs.verdict, s.text())
  })
})

describe('Action run() in process: the accept label', () => {
  const LABEL = 'perf-accepted'
  const maint = { login: 'maint', type: 'User' as const, id: 301 }
  const gateInputs = { 'fail-threshold': '1', produce: 'never', 'accept-label': LABEL }
  /** A pull_request run of PR `number` at `head`, with the example pool's regression planted. */
  const gateRun = (
    number: number,
    head: string,
    payload: Record<string, unknown> = {},
    inputs: Record<string, string> = {}
  ) => {
    const ws = checkout(head)
    plantRuns(join(ws, POOL), { base: fx.commits.baseline, head }, [1, 2, 3, 4, 5])
    return step({
      workspace: ws,
      event: 'pull_request',
      payload: { ...(prPayload(head, { number }) as object), ...payload },
      sha: head,
      inputs: { ...gateInputs, ...inputs },
      env: { GITHUB_BASE_REF: 'main' }
    })
  }
  const labelled = (login: string) => ({ action: 'labeled', label: { name: LABEL }, sender: { login } })
  const lastLine = (number: number) =>
    api.state.comments
      .filter((c) => c.issueNumber === number)
      .at(-1)!
      .body.trimEnd()
      .split('\n')
      .at(-1)!

  it('turns a failing gate into an accepted pass for the labelled head; a push makes it stale', async () => {
    api.state.permissions.set('maint', 'maintain')
    const head = fx.commits.regressing
    // Without the label the gate fails.
    const plain = await gateRun(14, head)
    assert.equal(plain.outputs.verdict, 'fail', plain.text())
    assert.equal(plain.outputs.accepted, 'false')
    assert.equal(plain.failed.length, 1)

    // A maintainer applies the label: the run it triggers accepts this head.
    const e = api.state.addIssueEvent({ issueNumber: 14, label: LABEL, actor: maint })
    const on = await gateRun(14, head, labelled('maint'))
    assert.deepEqual(on.failed, [], on.text())
    assert.equal(on.outputs.verdict, 'pass')
    assert.equal(on.outputs.accepted, 'true')
    assert.equal(on.outputs['accepted-by'], 'maint')
    assert.ok(Number(on.outputs['accepted-rows']) >= 1)
    const report = JSON.parse(readFileSync(on.outputs.report!, 'utf8')) as {
      verdict: string
      reasons: string[]
      waivers: Array<{ via: string; by: string; source: string; headSha: string; rows: unknown[] }>
    }
    assert.equal(report.verdict, 'pass')
    assert.match(
      report.reasons[0]!,
      new RegExp(`^failure accepted by @maint \\(label ${LABEL}\\) for head ${fx.short(head)}`)
    )
    assert.equal(report.waivers.length, 1)
    assert.deepEqual(
      { ...report.waivers[0], rows: undefined },
      { via: 'label', by: 'maint', source: LABEL, headSha: head, rows: undefined }
    )
    assert.ok(report.waivers[0]!.rows.length >= 1)
    assert.ok(
      on.lines.every((l) => l.level !== 'error'),
      'accepted regressions are warnings, not errors'
    )
    assert.ok(on.api.includes('repos/get-collaborator-permission-level'), on.api.join(', '))
    // The bot recorded the acceptance as its comment's last line.
    assert.match(lastLine(14), /^<!-- ktstr-perf-gate-accept:[A-Za-z0-9+/=]+ -->$/)

    // Another run of the same head (not triggered by the label) keeps the acceptance from the record.
    const again = await gateRun(14, head)
    assert.equal(again.outputs.verdict, 'pass', again.text())
    assert.equal(again.outputs.accepted, 'true')

    // A push: the label is still on the PR but was applied to the old head. Stale: the gate fails
    // and the comment says to apply it again; the record is gone.
    const pushed = await gateRun(14, fx.commits.noop)
    assert.equal(pushed.outputs.verdict, 'fail', pushed.text())
    assert.equal(pushed.outputs.accepted, 'false')
    assert.equal(pushed.failed.length, 1)
    const stale = new RegExp(
      `label ${LABEL} \\(applied by @maint\\) was applied to ${fx.short(head)}, not to HEAD ${fx.short(fx.commits.noop)}.*apply it again`
    )
    assert.match(pushed.text('notice'), stale)
    const body = api.state.comments.filter((c) => c.issueNumber === 14).at(-1)!.body
    assert.match(body, /apply it again to accept this head/)
    assert.doesNotMatch(lastLine(14), /ktstr-perf-gate-accept/)

    // Re-applied after the push: a new labelled event, and this head is accepted.
    api.state.addIssueEvent({ issueNumber: 14, label: LABEL, event: 'unlabeled', actor: maint })
    const e2 = api.state.addIssueEvent({ issueNumber: 14, label: LABEL, actor: maint })
    assert.notEqual(e2.id, e.id)
    const reapplied = await gateRun(14, fx.commits.noop, labelled('maint'))
    assert.equal(reapplied.outputs.verdict, 'pass', reapplied.text())
    assert.deepEqual(reapplied.failed, [])
  })

  it('a label applied by someone without write permission does not waive, and the log says so', async () => {
    api.state.permissions.set('prauthor', 'read')
    api.state.addIssueEvent({
      issueNumber: 15,
      label: LABEL,
      actor: { login: 'prauthor', type: 'User', id: 302 }
    })
    const s = await gateRun(15, fx.commits.regressing, labelled('prauthor'))
    assert.equal(s.outputs.verdict, 'fail', s.text())
    assert.equal(s.outputs.accepted, 'false')
    assert.equal(s.failed.length, 1)
    assert.match(
      s.text('notice'),
      /label perf-accepted was applied by @prauthor, who has read permission on this repository; only write, maintain or admin can accept a regression; the gate fails/
    )
  })

  it('applied while the gate passed, it is recorded and still covers a later failing run of that head', async () => {
    api.state.permissions.set('maint', 'maintain')
    const head = fx.commits.regressing
    api.state.addIssueEvent({ issueNumber: 16, label: LABEL, actor: maint })
    const lenient = { 'fail-threshold': '5' }
    const on = await gateRun(16, head, labelled('maint'), lenient)
    assert.equal(on.outputs.verdict, 'pass', on.text())
    assert.equal(on.outputs.accepted, 'false', 'nothing failed, nothing to accept')
    assert.match(lastLine(16), /^<!-- ktstr-perf-gate-accept:/)
    // Another passing run of the head (not the labelling's) keeps the record in the comment.
    const other = await gateRun(16, head, {}, lenient)
    assert.equal(other.outputs.verdict, 'pass')
    assert.match(lastLine(16), /^<!-- ktstr-perf-gate-accept:/)
    // A stricter run of the same head fails the gate: the record binds the label to it.
    const strict = await gateRun(16, head)
    assert.equal(strict.outputs.verdict, 'pass', strict.text())
    assert.equal(strict.outputs.accepted, 'true')
    assert.deepEqual(strict.failed, [])
  })

  it('accept-file: named regressions within their bound pass the gate without the label; a bad file is one line', async () => {
    const head = fx.commits.regressing
    const first = await gateRun(17, head, {}, { 'accept-label': '' })
    assert.equal(first.outputs.verdict, 'fail', first.text())
    const regs = (
      JSON.parse(readFileSync(first.outputs.report!, 'utf8')) as {
        rows: Array<{ test: string; key: string; metric: string; verdict: string }>
      }
    ).rows.filter((r) => r.verdict === 'regression')
    assert.ok(regs.length >= 1)
    const ws = checkout(head)
    plantRuns(join(ws, POOL), { base: fx.commits.baseline, head }, [1, 2, 3, 4, 5])
    writeFileSync(
      join(ws, 'accept.json'),
      JSON.stringify({ accept: regs.map((r) => ({ test: r.test, metric: r.metric, max_percent: 100 })) })
    )
    const s = await step({
      workspace: ws,
      event: 'pull_request',
      payload: prPayload(head, { number: 17 }),
      sha: head,
      inputs: { ...gateInputs, 'accept-label': '', 'accept-file': 'accept.json' },
      env: { GITHUB_BASE_REF: 'main' }
    })
    assert.deepEqual(s.failed, [], s.text())
    assert.equal(s.outputs.verdict, 'pass')
    assert.equal(s.outputs.accepted, 'false', 'no label involved')
    assert.equal(s.outputs['accepted-rows'], String(regs.length))
    assert.ok(!s.api.includes('issues/list-events'), 'no label lookups without accept-label')

    const bad = await prStep({ inputs: { 'accept-file': 'nope.json' } })
    assertOneLineFailure(bad, /read accept file nope\.json: ENOENT — check the path/)
  })

  it("mode comment: a fork report's label waiver stands only when the label history shows it", async () => {
    api.state.permissions.set('maint', 'maintain')
    const head = fx.commits.regressing
    const FORK = 'forker/scx-demo'
    api.state.addPull({ number: 18, headSha: head, headRef: 'evil', headRepoFullName: FORK })
    const failed = await gateRun(18, head, {}, { 'accept-label': '', comment: 'never' })
    assert.equal(failed.outputs.verdict, 'fail', failed.text())
    const report = parseComparisonJson(JSON.parse(readFileSync(failed.outputs.report!, 'utf8')), 'r')
    // What the fork's own code can write: "accepted by @maint".
    const claimed = applyWaivers(report, {
      label: {
        name: LABEL,
        headSha: head,
        status: { state: 'accepted', by: 'maint', eventId: 1, how: 'trigger' }
      }
    })
    const zip = makeZip([
      {
        name: 'ktstr-perf-gate-report.json',
        data: JSON.stringify({
          schemaVersion: 1,
          kind: 'ktstr-perf-gate-report',
          prNumber: 18,
          headSha: head,
          report: JSON.parse(renderJson(claimed))
        })
      }
    ])
    const digest = `sha256:${createHash('sha256').update(zip).digest('hex')}`
    const artifacts: ArtifactClientLike = {
      ...fakeArtifacts([]),
      async listArtifacts() {
        return { artifacts: [{ name: 'ktstr-perf-gate-report-perf_gate', id: 55, size: zip.length, digest }] }
      },
      async downloadArtifact(_id, o) {
        writeFileSync(join(o!.path!, 'report.zip'), zip)
        return { downloadPath: o!.path!, digestMismatch: false }
      }
    }
    const forkRun = api.state.addRun({ headSha: head, headBranch: 'evil', headRepoFullName: FORK })
    const comment = () =>
      step({
        workspace: checkout(fx.commits.baseline),
        event: 'workflow_run',
        payload: {
          action: 'completed',
          workflow_run: {
            id: forkRun.id,
            head_sha: head,
            head_branch: 'evil',
            event: 'pull_request',
            conclusion: 'success',
            head_repository: { full_name: FORK },
            pull_requests: []
          }
        },
        sha: fx.commits.baseline,
        inputs: { mode: 'comment', 'comment-key': 'perf/gate' },
        artifacts
      })
    const refuted = await comment()
    assert.deepEqual(refuted.failed, [], refuted.text())
    assert.equal(refuted.outputs.verdict, 'fail')
    assert.match(
      refuted.text('warning'),
      /the report claims a failure accepted by @maint \(label perf-accepted\), but that label is not on PR #18/
    )
    const posted = api.state.comments.filter((c) => c.issueNumber === 18).at(-1)!.body
    assert.match(posted, /This check fails:\*\* the report claims a failure accepted by .*maint.*, but that label is not on PR/)

    api.state.addIssueEvent({ issueNumber: 18, label: LABEL, actor: maint })
    const stands = await comment()
    assert.equal(stands.outputs.verdict, 'pass', stands.text())
  })
})
