// Artifacts end to end with the REAL @actions/artifact client (DefaultArtifactClient) against the
// fake artifact backend (twirp + blob) and the fake REST API sharing one artifact store: upload
// in "run 1", find and download from "run 2" via findBy, plus expiry, ordering, digests,
// hostile archives and report artifacts.
//
// @actions/github reads GITHUB_API_URL once, when it is first imported, and @actions/artifact's
// findBy calls use that. So this file starts the fakes, sets the environment, and only then
// imports anything that loads @actions/github — and checks the base URL really is the fake.
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, describe, it } from 'node:test'
import { start as startArtifactService } from '../fakes/artifact-service.js'
import { start as startApi } from '../fakes/github-api.js'
import { makeZip } from '../fakes/zip.js'

const api = await startApi()
const backend = await startArtifactService({ store: api.state.artifacts })
const work = await mkdtemp(join(tmpdir(), 'gh-artifacts-'))
Object.assign(process.env, {
  GITHUB_API_URL: api.url,
  GITHUB_SERVER_URL: 'http://github.localhost',
  GITHUB_WORKSPACE: work,
  ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY: '2'
})

const { defaults } = await import('@actions/github/lib/utils')
const { DefaultArtifactClient } = await import('@actions/artifact')
const { createGitHubClient } = await import('../../src/github/retry.js')
const artifacts = await import('../../src/github/artifacts.js')
const { UnsafeArchiveError } = await import('../../src/github/extract.js')

// Never let the real client reach anything but the fakes.
assert.equal(defaults.baseUrl, api.url)

const owner = 'octo-org'
const repo = 'scx-demo'
const TOKEN = 'ghs_actions_read'
const client = new DefaultArtifactClient()
const octokit = createGitHubClient({ token: TOKEN, baseUrl: api.url, retry: { sleep: async () => {} } })
const SHA_A = 'a'.repeat(40)
const SHA_B = '1234567'.padEnd(40, 'f')

/** Acts as workflow run `runId` (what the runner's environment would say). */
function actAs(runId: number): void {
  Object.assign(process.env, backend.clientEnv(runId, api.url))
}

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (d: string, prefix: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name), `${prefix}${e.name}/`)
      else out[`${prefix}${e.name}`] = await readFile(join(d, e.name), 'utf8')
    }
  }
  await walk(dir, '')
  return out
}

let seq = 0
const fresh = (): string => join(work, `t${seq++}`)

after(async () => {
  await api.close()
  await backend.close()
  await rm(work, { recursive: true, force: true })
})
afterEach(() => {
  api.assertNoViolations()
  backend.assertNoViolations()
})

describe('sidecar artifacts across runs', () => {
  const name = artifacts.sidecarArtifactName('6.12.3', SHA_A, 'kvm-x64')

  it('uploads a pool subtree in run 1 and restores it from run 2 (findBy)', async () => {
    const pool = join(fresh(), '6.12.3-aaaaaaa')
    await mkdir(join(pool, 'run-1'), { recursive: true })
    await mkdir(join(pool, 'run-2'), { recursive: true })
    await writeFile(join(pool, 'run-1', 'sched.ktstr.json'), '{"test":"a","run":1}')
    await writeFile(join(pool, 'run-2', 'sched.ktstr.json'), '{"test":"a","run":2}')
    await writeFile(join(pool, 'manifest.json'), '{"kernel":"6.12.3"}')

    const run1 = api.state.addRun({ headSha: SHA_A, createdAt: new Date('2026-05-01T10:00:00Z') })
    actAs(run1.id)
    const up = await artifacts.uploadDirectory({ client, name, dir: pool, retentionDays: 7 })
    assert.ok(up.id > 0)
    assert.match(up.digest ?? '', /^[0-9a-f]{64}$/)

    const run2 = api.state.addRun({
      headSha: SHA_B,
      createdAt: new Date('2026-05-02T10:00:00Z'),
      status: 'in_progress',
      conclusion: null
    })
    actAs(run2.id)
    const target = fresh()
    const restored = await artifacts.restoreArtifact({
      octokit,
      client,
      token: TOKEN,
      owner,
      repo,
      headSha: SHA_A,
      name,
      targetDir: target
    })
    assert.ok(restored)
    assert.equal(restored.artifact.runId, run1.id)
    assert.equal(restored.artifact.artifactId, up.id)
    assert.deepEqual(await tree(target), await tree(pool))
    // Both halves of the client were used: twirp + blob for upload, REST + blob for download.
    assert.ok(backend.requests.some((r) => r.path.endsWith('/CreateArtifact')))
    assert.ok(api.requests.some((r) => r.operationId === 'actions/download-artifact' && r.status === 302))
    assert.ok(api.requests.every((r) => r.token === TOKEN))
  })

  it('refuses to upload the same name twice in one run (artifacts are immutable)', async () => {
    const run = api.state.addRun({ headSha: SHA_B })
    actAs(run.id)
    const dir = fresh()
    await mkdir(dir)
    await writeFile(join(dir, 'f.json'), '{}')
    await artifacts.uploadDirectory({ client, name: 'once', dir })
    await assert.rejects(
      artifacts.uploadDirectory({ client, name: 'once', dir }),
      /upload failed: .*already exists.* — artifacts are immutable/
    )
    // A backend refusal the client does not retry surfaces as one line with advice.
    backend.inject({ method: 'CreateArtifact', times: 1, status: 400 })
    await assert.rejects(artifacts.uploadDirectory({ client, name: 'twice', dir }), (err: Error) => {
      assert.match(
        err.message,
        /^artifact twice: upload failed: Failed to CreateArtifact: .*\(400\).* — run inside a GitHub Actions job/
      )
      assert.ok(!err.message.includes('\n'))
      return true
    })
  })

  it('serves the client calls within one run too (list, get, download without findBy)', async () => {
    const run = api.state.addRun({ headSha: SHA_B })
    actAs(run.id)
    const dir = fresh()
    await mkdir(dir)
    await writeFile(join(dir, 'a.json'), '{"a":1}')
    const up = await artifacts.uploadDirectory({ client, name: 'same-run', dir })
    const listed = await client.listArtifacts()
    assert.ok(listed.artifacts.some((a) => a.id === up.id && a.name === 'same-run'))
    const got = await client.getArtifact('same-run')
    assert.equal(got.artifact.id, up.id)
    const byName = await client.getArtifact('same-run', {
      findBy: { token: TOKEN, workflowRunId: run.id, repositoryOwner: owner, repositoryName: repo }
    })
    assert.equal(byName.artifact.digest, `sha256:${up.digest}`)
    const out = fresh()
    const res = await client.downloadArtifact(up.id, {
      path: out,
      skipDecompress: true,
      expectedHash: `sha256:${up.digest}`
    })
    assert.equal(res.digestMismatch, false)
    assert.deepEqual(await readdir(out), ['same-run.zip'])
  })

  it('takes the newest successful run, skips expired and failed ones, and honours accept()', async () => {
    const sha = 'b'.repeat(40)
    const n = artifacts.sidecarArtifactName('6.13', sha, 'kvm-x64')
    const zip = (v: string): Buffer => makeZip([{ name: 'manifest.json', data: `{"v":"${v}"}` }])
    const older = api.state.addRun({ headSha: sha, createdAt: new Date('2026-05-03T00:00:00Z') })
    const newer = api.state.addRun({ headSha: sha, createdAt: new Date('2026-05-04T00:00:00Z') })
    const expired = api.state.addRun({ headSha: sha, createdAt: new Date('2026-05-05T00:00:00Z') })
    const failed = api.state.addRun({
      headSha: sha,
      createdAt: new Date('2026-05-06T00:00:00Z'),
      conclusion: 'failure'
    })
    api.state.artifacts.put(older.id, n, zip('older'))
    api.state.artifacts.put(newer.id, n, zip('newer'))
    api.state.artifacts.put(expired.id, n, zip('expired')).expired = true
    api.state.artifacts.put(failed.id, n, zip('failed'))
    api.state.artifacts.put(newer.id, 'ktstr-sidecars-other', zip('other'))

    const found = await artifacts.findArtifactsForCommit({ octokit, owner, repo, headSha: sha, name: n })
    assert.deepEqual(
      found.map((f) => f.runId),
      [newer.id, older.id]
    )
    const target = fresh()
    const first = await artifacts.restoreArtifact({
      octokit,
      client,
      token: TOKEN,
      owner,
      repo,
      headSha: sha,
      name: n,
      targetDir: target
    })
    assert.equal(first?.artifact.runId, newer.id)
    assert.equal(await readFile(join(target, 'manifest.json'), 'utf8'), '{"v":"newer"}')

    // The target now holds a pool subtree: restoring over it is refused, never wiped.
    await assert.rejects(
      artifacts.restoreArtifact({
        octokit,
        client,
        token: TOKEN,
        owner,
        repo,
        headSha: sha,
        name: n,
        targetDir: target
      }),
      /is not empty/
    )
    assert.equal(await readFile(join(target, 'manifest.json'), 'utf8'), '{"v":"newer"}')

    const seen: number[] = []
    const target2 = fresh()
    const second = await artifacts.restoreArtifact({
      octokit,
      client,
      token: TOKEN,
      owner,
      repo,
      headSha: sha,
      name: n,
      targetDir: target2,
      accept: async (dir, a) => {
        seen.push(a.runId)
        return !(await readFile(join(dir, 'manifest.json'), 'utf8')).includes('newer')
      }
    })
    assert.deepEqual(seen, [newer.id, older.id])
    assert.equal(second?.artifact.runId, older.id)
    assert.equal(await readFile(join(target2, 'manifest.json'), 'utf8'), '{"v":"older"}')

    const none = await artifacts.restoreArtifact({
      octokit,
      client,
      token: TOKEN,
      owner,
      repo,
      headSha: 'f'.repeat(40),
      name: n,
      targetDir: fresh()
    })
    assert.equal(none, undefined)
  })

  it('rejects a hostile archive from an earlier run and leaves nothing behind', async () => {
    const sha = '9'.repeat(40)
    const n = artifacts.sidecarArtifactName('6.14', sha, 'kvm-x64')
    const run = api.state.addRun({ headSha: sha })
    api.state.artifacts.put(
      run.id,
      n,
      makeZip([
        { name: 'manifest.json', data: '{}' },
        { name: '../../outside.json', data: 'pwned' }
      ])
    )
    const parent = fresh()
    const target = join(parent, 'pool')
    await assert.rejects(
      artifacts.restoreArtifact({
        octokit,
        client,
        token: TOKEN,
        owner,
        repo,
        headSha: sha,
        name: n,
        targetDir: target
      }),
      (err: Error) =>
        err instanceof UnsafeArchiveError && /outside\.json/.test(err.message) && !err.message.includes('\n')
    )
    assert.deepEqual(await readdir(target), [])
    assert.deepEqual(await readdir(parent), ['pool'])

    const symlinkRun = api.state.addRun({ headSha: sha, createdAt: new Date(Date.now() + 1000) })
    api.state.artifacts.put(
      symlinkRun.id,
      n,
      makeZip([{ name: 'manifest.json', data: '/etc/shadow', mode: 0o120777 }])
    )
    await assert.rejects(
      artifacts.restoreArtifact({
        octokit,
        client,
        token: TOKEN,
        owner,
        repo,
        headSha: sha,
        name: n,
        targetDir: fresh()
      }),
      /symbolic link/
    )
  })

  it('detects content that does not match the digest GitHub lists', async () => {
    const sha = '8'.repeat(40)
    const n = artifacts.sidecarArtifactName('6.15', sha, 'kvm-x64')
    const run = api.state.addRun({ headSha: sha })
    const a = api.state.artifacts.put(run.id, n, makeZip([{ name: 'manifest.json', data: '{"ok":1}' }]))
    a.content = makeZip([{ name: 'manifest.json', data: '{"ok":2}' }])
    await assert.rejects(
      artifacts.restoreArtifact({
        octokit,
        client,
        token: TOKEN,
        owner,
        repo,
        headSha: sha,
        name: n,
        targetDir: fresh()
      }),
      /does not match its SHA-256 digest/
    )
  })
})

describe('report artifacts (workflow_run comment mode)', () => {
  const report = {
    schemaVersion: 1,
    verdict: 'fail',
    reasons: ['2 regressions'],
    counts: { regressions: 2, improvements: 0 },
    rows: []
  }
  const name = artifacts.reportArtifactName()

  it('round-trips the report with PR number and head SHA from the PR run to the comment run', async () => {
    const prRun = api.state.addRun({ headSha: SHA_A, event: 'pull_request' })
    actAs(prRun.id)
    await artifacts.uploadReport({
      client,
      name,
      report,
      prNumber: 17,
      headSha: SHA_A,
      hostClass: 'kvm-large'
    })
    const commentRun = api.state.addRun({ headSha: SHA_A, event: 'workflow_run' })
    actAs(commentRun.id)
    const got = await artifacts.downloadReport({
      client,
      findBy: { token: TOKEN, owner, repo, runId: prRun.id },
      name
    })
    // downloadReport also says which artifact it read and its digest, for the comment job's check.
    assert.ok(got)
    const { artifactId, digest, ...rest } = got
    assert.deepEqual(rest, { prNumber: 17, headSha: SHA_A, hostClass: 'kvm-large', report })
    assert.equal(typeof artifactId, 'number')
    assert.match(String(digest), /^sha256:[0-9a-f]{64}$/)
    const absent = await artifacts.downloadReport({
      client,
      findBy: { token: TOKEN, owner, repo, runId: commentRun.id },
      name
    })
    assert.equal(absent, undefined)
  })

  it('treats the report as untrusted: bad JSON, bad envelope, bad report, extra files', async () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ['not json', makeZip([{ name: artifacts.REPORT_FILE, data: '{"schemaVersion":1,' }]), /not valid JSON/],
      [
        'negative PR number',
        makeZip([
          {
            name: artifacts.REPORT_FILE,
            data: JSON.stringify({
              schemaVersion: 1,
              kind: 'ktstr-perf-gate-report',
              prNumber: -3,
              headSha: SHA_A,
              report
            })
          }
        ]),
        /prNumber/
      ],
      [
        'unknown verdict',
        makeZip([
          {
            name: artifacts.REPORT_FILE,
            data: JSON.stringify({
              schemaVersion: 1,
              kind: 'ktstr-perf-gate-report',
              prNumber: 3,
              headSha: SHA_A,
              report: { ...report, verdict: '<img src=x onerror=alert(1)>' }
            })
          }
        ]),
        /report is invalid \(verdict/
      ],
      [
        'no report file',
        makeZip([{ name: 'other.json', data: '{}' }]),
        /no ktstr-perf-gate-report\.json inside/
      ],
      [
        'too many files',
        makeZip(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, data: '{}' }))),
        /6 entries, over the 4-entry cap/
      ]
    ]
    for (const [what, zip, pattern] of cases) {
      const run = api.state.addRun({ headSha: SHA_A })
      api.state.artifacts.put(run.id, name, zip)
      await assert.rejects(
        artifacts.downloadReport({ client, findBy: { token: TOKEN, owner, repo, runId: run.id }, name }),
        (err: Error) => pattern.test(err.message) && !err.message.includes('\n'),
        what
      )
    }
  })

  it('refuses to upload a report without a full head SHA', async () => {
    await assert.rejects(
      artifacts.uploadReport({ client, name, report, prNumber: 1, headSha: 'abc' }),
      /headSha/
    )
  })
})
