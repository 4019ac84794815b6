// execAgent, the Action's side of ktstr-agent, against a fake agent that records what it got:
// the flags (a fork's runs never enter the host cache) and the environment (no credential).
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { execAgent } from '../../src/action/agent.js'
import type { Log } from '../../src/action/log.js'
import { createFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js'
import { AGENT_BIN, sandbox, type Sandbox } from '../stand-in/harness.js'

const dir = mkdtempSync(join(tmpdir(), 'action-agent-'))
const record = join(dir, 'seen.json')
const fake = join(dir, 'fake-agent.mjs')
writeFileSync(
  fake,
  `import { writeFileSync } from 'node:fs'
writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), env: process.env }))
process.stdout.write(JSON.stringify({ nothingToCompare: false }) + '\\n')
`
)
const log: Log = {
  info: () => undefined,
  debug: () => undefined,
  notice: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  inert: async (fn) => fn()
}
const TOKEN = 'ghs_actionAgentTestToken01'
const runnerEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/home/runner',
  'INPUT_GITHUB-TOKEN': TOKEN,
  ACTIONS_RUNTIME_TOKEN: 'rt_0001',
  ACTIONS_RESULTS_URL: 'https://results.example.invalid/',
  GITHUB_TOKEN: TOKEN,
  GITHUB_OUTPUT: '/tmp/out',
  KTSTR_AGENT_LOCK_FILE: '/tmp/host.lock',
  KTSTR_COPY: TOKEN
}

async function produceWith(cacheStore: boolean): Promise<{ argv: string[]; env: Record<string, string> }> {
  const agent = execAgent({
    command: `${process.execPath} ${fake}`,
    repo: dir,
    filter: '',
    allowUntrusted: !cacheStore,
    cacheStore,
    log,
    env: runnerEnv,
    secrets: [TOKEN]
  })
  await agent.produce({ base: 'a'.repeat(40), head: 'b'.repeat(40), kernel: '6.14.2', runs: 2, out: dir })
  return JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; env: Record<string, string> }
}

describe('execAgent', () => {
  after(() => rmSync(dir, { recursive: true, force: true }))

  test('a fork PR (cacheStore false) passes --no-cache-store; an internal one does not', async () => {
    assert.ok((await produceWith(false)).argv.includes('--no-cache-store'))
    assert.ok(!(await produceWith(true)).argv.includes('--no-cache-store'))
  })

  test('the agent gets the allow-listed environment: no token, no INPUT_*/ACTIONS_*/GITHUB_*, KTSTR_* kept', async () => {
    const { env } = await produceWith(true)
    for (const k of [
      'INPUT_GITHUB-TOKEN',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_RESULTS_URL',
      'GITHUB_TOKEN',
      'GITHUB_OUTPUT',
      'KTSTR_COPY'
    ])
      assert.ok(!(k in env), `${k} reached the agent`)
    assert.ok(!Object.values(env).some((v) => v.includes(TOKEN)), 'no value holds the token')
    assert.equal(env.KTSTR_AGENT_LOCK_FILE, '/tmp/host.lock')
    assert.equal(env.HOME, '/home/runner')
  })
})

// The real agent (committed bundle) against the stand-in, as the Action drives it: the job log it
// leaves, with groups and workflow-command fences as events.
describe('execAgent with the real agent: the job log', () => {
  let repo: FixtureRepo
  let sb: Sandbox
  before(() => {
    repo = createFixtureRepo()
    sb = sandbox()
  })
  after(() => {
    repo.cleanup()
    sb.cleanup()
  })

  function recordingLog(events: string[]): Log {
    return {
      info: (l) => events.push(...l.split('\n')),
      debug: () => undefined,
      notice: (l) => events.push(`notice: ${l}`),
      warning: (l) => events.push(`warning: ${l}`),
      error: (l) => events.push(`error: ${l}`),
      inert: async (fn) => {
        events.push('[inert]')
        try {
          return await fn()
        } finally {
          events.push('[/inert]')
        }
      },
      group: async (title, fn) => {
        events.push(`[group] ${title}`)
        try {
          return await fn()
        } finally {
          events.push('[/group]')
        }
      }
    }
  }

  async function produce(extra: Record<string, string>, events: string[], out: string): Promise<unknown> {
    const agent = execAgent({
      command: `${process.execPath} ${AGENT_BIN}`,
      repo: repo.dir,
      filter: '',
      allowUntrusted: false,
      cacheStore: false,
      log: recordingLog(events),
      env: sb.env({
        KTSTR_AGENT_LOCK_FILE: sb.lock,
        KTSTR_AGENT_SCRATCH: sb.scratch,
        KTSTR_AGENT_CACHE_DIR: sb.cache,
        ...extra
      })
    })
    return agent.produce({
      base: repo.commits.baseline,
      head: repo.commits.regressing,
      kernel: '6.14.2',
      runs: 2,
      out
    })
  }

  test('a produce round is one collapsible group around the agent’s progress lines', async () => {
    const events: string[] = []
    // The agent's own lines (one per run, with the time left: see agent-produce.test.ts) stream to
    // the job log through @actions/exec; the Log sees the group and the fence around them.
    await produce({}, events, join(sb.root, 'ok-pool'))
    assert.deepEqual(events, [
      '[group] ktstr-agent produce: 2 run(s) per side, kernel 6.14.2',
      '[inert]',
      '[/inert]',
      '[/group]'
    ])
  })

  test('a failing KVM run: its last output lines (up to 40) follow the group, then the one-line error', async () => {
    const events: string[] = []
    const err = await produce({ KTSTR_STANDIN_GUEST_FAIL: 'crash' }, events, join(sb.root, 'bad-pool')).then(
      () => undefined,
      (e: Error) => e
    )
    assert.ok(err, 'the produce failed')
    assert.match(err.message, /^ktstr-agent produce exited 1: .*failed for infrastructure reasons/)
    const end = events.indexOf('[/group]')
    assert.ok(end > 0, events.join('\n'))
    const after = events.slice(end + 1)
    assert.equal(after[0], '[inert]')
    assert.match(after[1]!, /^ktstr-agent: failed run 1\/4 base \w+: last (\d+) line\(s\) of its output:$/)
    const shown = after.slice(2, after.indexOf('[/inert]'))
    assert.equal(shown.length, Number(/last (\d+) line/.exec(after[1]!)![1]))
    assert.ok(shown.length > 1 && shown.length <= 40)
    assert.ok(
      shown.some((l) => /Kernel panic/.test(l)),
      shown.join('\n')
    )
  })
})
