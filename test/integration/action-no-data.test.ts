// The Action's no-data paths in-process, through run()'s ActionDeps seam: a real git repository
// and pool on disk, a fake agent whose doctor fails, no GitHub (no token, no artifact service).
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Agent } from '../../src/action/agent.js'
import type { Log } from '../../src/action/log.js'
import { run } from '../../src/action/main.js'
import { GIT_TEST_ENV, initRepo, removeDir, short, tempDir, type TestRepo } from '../helpers/git.js'
import { copyExamplePool, EXAMPLE_KERNEL } from '../helpers/pool.js'

Object.assign(process.env, GIT_TEST_ENV)

interface Ran {
  failed: string[]
  outputs: Record<string, string>
  warnings: string[]
  notices: string[]
  summary: string
  agentCalls: string[]
}

/** run() as a workflow_dispatch step in `workspace`, with `inputs`; the agent's doctor fails. */
async function runAction(workspace: string, inputs: Record<string, string>): Promise<Ran> {
  const r: Ran = { failed: [], outputs: {}, warnings: [], notices: [], summary: '', agentCalls: [] }
  const log: Log = {
    info: () => undefined,
    debug: () => undefined,
    notice: (l) => r.notices.push(l),
    warning: (l) => r.warnings.push(l),
    error: (l) => r.failed.push(`error annotation: ${l}`),
    inert: async (fn) => fn()
  }
  const agent: Agent = {
    doctor: async () => {
      r.agentCalls.push('doctor')
      return { ok: false, why: 'kvm: /dev/kvm not found' }
    },
    produce: async () => {
      r.agentCalls.push('produce')
      return { nothingToCompare: false }
    }
  }
  const all: Record<string, string> = {
    kernel: EXAMPLE_KERNEL,
    upload: 'false',
    'github-token': '',
    ...inputs
  }
  await run({
    getInput: (name) => (all[name] ?? '').trim(),
    env: {
      GITHUB_REPOSITORY: 'octo-org/scx-demo',
      GITHUB_WORKSPACE: workspace,
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      RUNNER_TEMP: join(workspace, '..', 'runner-temp'),
      ...GIT_TEST_ENV
    },
    log,
    setOutput: (k, v) => (r.outputs[k] = v),
    setFailed: (m) => r.failed.push(m),
    writeSummary: async (md) => {
      r.summary += md
    },
    artifactClient: async () => {
      throw new Error('no artifact service in this test')
    },
    agent: () => agent
  })
  return r
}

let scratch: string
let repo: TestRepo
let base: string
let head: string
before(() => {
  scratch = tempDir('perf-gate-action-no-data-')
  repo = initRepo(scratch, 'scheduler')
  base = repo.commit('baseline', { 'src/main.rs': 'fn main() {}\n' })
  repo.git('checkout', '-q', '-b', 'feature')
  head = repo.commit('change', { 'src/main.rs': 'fn main() { let _ = 1; }\n' })
  writeFileSync(join(repo.dir, '.gitignore'), 'target/\n')
  repo.git('add', '.gitignore')
  head = repo.commit('ignore target')
})
after(() => removeDir(scratch))

describe('the Action when HEAD has no samples', () => {
  it('a runner that fails doctor with nothing to restore: the step fails naming why (was a notice and a green check)', async () => {
    const r = await runAction(repo.dir, {})
    assert.deepEqual(r.agentCalls, ['doctor'])
    assert.equal(r.outputs.verdict, 'no-data')
    assert.equal(r.failed.length, 1, r.failed.join('\n'))
    assert.match(
      r.failed[0]!,
      new RegExp(
        `^ktstr-perf-gate: no data — HEAD ${short(head)} has no samples: .*none produced \\(ktstr-agent doctor: kvm: /dev/kvm not found\\); .*on-no-data: pass`
      )
    )
    assert.match(r.summary, /^# ⛔ No data — ktstr-perf-gate/m)
    assert.match(r.summary, /^> \*\*Nothing was measured:\*\* HEAD /m)
    assert.ok(!r.summary.includes('✅'))
  })

  it('on-no-data: pass: the same run passes with a warning', async () => {
    const r = await runAction(repo.dir, { 'on-no-data': 'pass' })
    assert.deepEqual(r.failed, [])
    assert.equal(r.outputs.verdict, 'no-data')
    assert.ok(
      r.warnings.some((w) => /^ktstr-perf-gate: no data — .*\(on-no-data: pass\)$/.test(w)),
      r.warnings.join('\n')
    )
  })

  it('mode: produce that could not produce HEAD fails too', async () => {
    const r = await runAction(repo.dir, { mode: 'produce' })
    assert.equal(r.failed.length, 1, r.failed.join('\n'))
    assert.match(r.failed[0]!, /no data — HEAD .* has no samples: .*ktstr-agent doctor/)
  })

  it('on-no-data takes only fail or pass', async () => {
    const r = await runAction(repo.dir, { 'on-no-data': 'maybe' })
    assert.deepEqual(r.failed, ['input on-no-data: "maybe" is not one of fail, pass'])
  })
})

describe('the Action with HEAD samples', () => {
  before(() => {
    copyExamplePool(join(repo.dir, 'target', 'ktstr'), { baseLabel: 'fffffff', headLabel: short(head) })
  })

  it('a missing baseline is a notice and a pass, shown as ⚠️', async () => {
    const r = await runAction(repo.dir, { produce: 'never' })
    assert.deepEqual(r.failed, [])
    assert.equal(r.outputs.verdict, 'no-baseline')
    assert.equal(r.outputs.baseline, short(base))
    assert.match(r.summary, /^# ⚠️ No baseline — ktstr-perf-gate/m)
    // The report is posted on the PR: the pool is named inside the work tree, not by the runner's path.
    assert.match(r.summary, /the pool at target\/ktstr has no sidecars for the baseline/)
    assert.ok(!r.summary.includes(repo.dir), 'no absolute path of the runner')
  })

  it('malformed sidecars: a warning each, the verdict decides; strict: true fails the step', async () => {
    const dir = join(repo.dir, 'target', 'ktstr', `${EXAMPLE_KERNEL}-${short(head)}`, 'run-1')
    writeFileSync(join(dir, 'broken.ktstr.json'), '{"test_name": ')
    const r = await runAction(repo.dir, { produce: 'never' })
    assert.deepEqual(r.failed, [])
    assert.ok(
      r.warnings.some((w) => /^malformed sidecar skipped \(1 in all\): .*broken\.ktstr\.json/.test(w)),
      r.warnings.join('\n')
    )
    const strict = await runAction(repo.dir, { produce: 'never', strict: 'true' })
    assert.equal(strict.failed.length, 1, strict.failed.join('\n'))
    assert.match(strict.failed[0]!, /1 malformed sidecar\(s\) and strict: true/)
  })
})
