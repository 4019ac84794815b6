// execAgent, the Action's side of ktstr-agent, against a fake agent that records what it got:
// the flags (a fork's runs never enter the host cache) and the environment (no credential).
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { execAgent } from '../../src/action/agent.js'
import type { Log } from '../../src/action/log.js'

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
