// `ktstr-perf-gate download` end to end: the Action's run() gates a PR in "CI" and uploads its
// sidecars and report with the REAL @actions/artifact client into the fake artifact backend;
// then the CLI, as on a laptop with a user's token, finds that PR's run through the
// OpenAPI-validated REST fake, downloads the artifacts (zip redirect to blob storage, real zips
// the client made), and `compare` with the command it prints gives the CI's verdict.
// Also: hostile archives and names, the one-line errors (no token, unknown PR, no artifacts).
//
// @actions/github reads GITHUB_API_URL once, when first imported: the fakes start and the
// environment is set before anything that loads it is imported.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import { declaredInputs, pullRequestPayload } from '../e2e/harness.js'
import { startGitHub } from '../fakes/github.js'
import { makeZip } from '../fakes/zip.js'
import { createFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js'
import { GIT_TEST_ENV } from '../helpers/git.js'
import { copyExamplePool, EXAMPLE_KERNEL } from '../helpers/pool.js'

const OWNER = 'octo-org'
const REPO = 'scx-demo'
const world = await startGitHub({ owner: OWNER, repo: REPO })
const { api } = world
const work = mkdtempSync(join(tmpdir(), 'cli-download-'))
Object.assign(process.env, {
  GITHUB_API_URL: api.url,
  GITHUB_SERVER_URL: 'http://github.localhost',
  GITHUB_WORKSPACE: work
})
const { DefaultArtifactClient } = await import('@actions/artifact')
const { run } = await import('../../src/action/main.js')
const { main } = await import('../../src/cli/main.js')
const { createGitHubClient } = await import('../../src/github/retry.js')
const { compareArgs } = await import('../../src/cli/download.js')
const { shellArg } = await import('../../src/report/escape.js')
type Log = import('../../src/action/log.js').Log

const ACTION_YML = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
const USER_TOKEN = 'ghp_laptopUserToken'
let fx: FixtureRepo
let n = 0

before(() => {
  fx = createFixtureRepo({ parentDir: work })
})
after(async () => {
  await world.close()
  rmSync(work, { recursive: true, force: true })
})
afterEach(() => world.assertNoViolations())

/** `actions/checkout` of `sha` (fetch-depth 0, detached) with the example pool's runs planted for both sides. */
function checkoutWithPool(head: string, base: string): string {
  const ws = join(work, `ws-${++n}`)
  const env = { ...process.env, ...GIT_TEST_ENV }
  execFileSync('git', ['clone', '-q', '--no-checkout', fx.dir, ws], { stdio: 'ignore', env })
  execFileSync('git', ['checkout', '-q', '--detach', head], { cwd: ws, stdio: 'ignore', env })
  const tmp = mkdtempSync(join(work, 'plant-'))
  copyExamplePool(tmp, { baseLabel: base.slice(0, 7), headLabel: head.slice(0, 7) })
  cpSync(tmp, join(ws, 'target', 'ktstr'), { recursive: true })
  rmSync(tmp, { recursive: true, force: true })
  return ws
}

/**
 * The Action's gate step of PR `pr` in workflow run `runId` (pool on disk, produce never), with the
 * real artifact client: returns the verdict output and the JSON report it wrote.
 */
async function ciGate(o: { runId: number; pr: number; head: string; inputs?: Record<string, string> }) {
  const ws = checkoutWithPool(o.head, fx.commits.baseline)
  const dir = mkdtempSync(join(work, 'step-'))
  const eventPath = join(dir, 'event.json')
  writeFileSync(
    eventPath,
    JSON.stringify(
      pullRequestPayload({ number: o.pr, headSha: o.head, headRef: 'regress', baseSha: fx.commits.baseline })
    )
  )
  const runEnv = world.runEnv(o.runId)
  Object.assign(process.env, runEnv) // the real artifact client reads its runtime token from here
  const given: Record<string, string> = {
    kernel: EXAMPLE_KERNEL,
    registry: 'bundled',
    'github-token': 'ghs_ciToken',
    produce: 'never',
    ...o.inputs
  }
  const declared = declaredInputs(ACTION_YML)
  const outputs: Record<string, string> = {}
  const failed: string[] = []
  const lines: string[] = []
  const line = (t: string) => void lines.push(t)
  const log: Log = {
    info: line,
    debug: () => {},
    notice: line,
    warning: line,
    error: line,
    inert: async (fn) => fn()
  }
  await run({
    getInput: (name) => {
      const d = declared.get(name) ?? ''
      return (given[name] ?? (d.startsWith('${{') ? '' : d)).trim()
    },
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...runEnv,
      GITHUB_WORKSPACE: ws,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: o.head,
      GITHUB_BASE_REF: 'main',
      GITHUB_WORKFLOW: 'perf',
      GITHUB_JOB: 'gate',
      GITHUB_API_URL: api.url,
      RUNNER_TEMP: dir,
      ...GIT_TEST_ENV
    },
    log,
    setOutput: (k, v) => void (outputs[k] = v),
    setFailed: (m) => void failed.push(m),
    writeSummary: async () => {},
    artifactClient: async () => new DefaultArtifactClient(),
    github: (token) => createGitHubClient({ token, baseUrl: api.url, retry: { sleep: async () => {} } })
  })
  assert.ok(outputs.verdict, `the gate gave no verdict: ${[...failed, ...lines].join('\n')}`)
  return {
    verdict: outputs.verdict,
    report: JSON.parse(readFileSync(outputs.report!, 'utf8')) as Report,
    failed,
    lines
  }
}

interface Report {
  verdict: string
  counts: Record<string, number>
  rows: { key: string; metric: string; verdict: string; relDelta: number | null }[]
}

interface Ran {
  status: number
  stdout: string
  stderr: string
}

/** The CLI in process, as on a laptop: a user's token, no GitHub Actions variables. */
async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Ran> {
  const out: string[] = []
  const err: string[] = []
  const status = await main(args, {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_API_URL: api.url,
      GITHUB_TOKEN: USER_TOKEN,
      ...env
    },
    cwd: work,
    isTTY: false
  })
  return { status, stdout: out.join(''), stderr: err.join('') }
}

/** The `compare` argv the download printed (the line after "compare it here with:"), unquoted. */
function printedCompare(stdout: string): string[] {
  const line = /compare it here with:\n {2}ktstr-perf-gate (.*)\n/.exec(stdout)?.[1]
  assert.ok(line, stdout)
  // The printed words are plain here (hex labels, a version, numbers, a temp path).
  assert.doesNotMatch(line, /'/, line)
  return line.split(' ')
}

const rowsOf = (r: Report) => r.rows.map((x) => [x.key, x.metric, x.verdict, x.relDelta])

describe('download → compare gives the verdict the CI printed', () => {
  it('--pr: the newest run of the PR head with sidecars, both sides and the report; compare fails as the CI did', async () => {
    const head = fx.commits.regressing
    api.state.addPull({ number: 7, headSha: head, headRef: 'regress', baseSha: fx.commits.baseline })
    // An older run of the same head that uploaded nothing, and a newer one still queued without artifacts.
    const older = api.state.addRun({
      headSha: head,
      conclusion: 'cancelled',
      createdAt: new Date(Date.now() - 60_000)
    })
    const ciRun = api.state.addRun({ headSha: head, conclusion: 'failure' })
    const ci = await ciGate({ runId: ciRun.id, pr: 7, head, inputs: { 'fail-threshold': '1' } })
    api.state.addRun({
      headSha: head,
      status: 'queued',
      conclusion: null,
      createdAt: new Date(Date.now() + 60_000)
    })
    assert.equal(ci.verdict, 'fail', ci.lines.join('\n'))
    assert.ok(older.id !== ciRun.id)

    const before = api.requests.length
    const dl = await cli([
      'download',
      '--repo',
      `${OWNER}/${REPO}`,
      '--pr',
      '7',
      '--dir',
      join(work, 'pool-pr7')
    ])
    assert.equal(dl.status, 0, dl.stderr + dl.stdout)
    assert.equal(dl.stderr, '')
    assert.match(dl.stdout, new RegExp(`^run ${ciRun.id} \\(pull_request, completed, failure\\)`))
    const base7 = fx.short(fx.commits.baseline)
    const head7 = fx.short(head)
    const names = readdirSync(join(work, 'pool-pr7')).sort()
    assert.deepEqual(
      names,
      [
        `ktstr-sidecars-${EXAMPLE_KERNEL}-${base7}-ktstr-kvm`,
        `ktstr-sidecars-${EXAMPLE_KERNEL}-${head7}-ktstr-kvm`
      ].sort()
    )
    // gh run download's layout: the pool one level down in each artifact's directory.
    for (const [name, label] of [
      [`ktstr-sidecars-${EXAMPLE_KERNEL}-${base7}-ktstr-kvm`, base7],
      [`ktstr-sidecars-${EXAMPLE_KERNEL}-${head7}-ktstr-kvm`, head7]
    ])
      assert.ok(existsSync(join(work, 'pool-pr7', name!, `${EXAMPLE_KERNEL}-${label}`, 'run-1')))
    assert.match(dl.stdout, /the run's gate \(ktstr-perf-gate-report-perf_gate\): fail — \d+ regression/)
    // Every call was made with the user's token; the blob storage fetch is not the API's.
    const calls = api.requests.slice(before)
    assert.ok(calls.every((r) => r.token === USER_TOKEN))
    assert.deepEqual(
      [...new Set(calls.map((r) => r.operationId))].sort(),
      [
        'actions/download-artifact',
        'actions/list-workflow-run-artifacts',
        'actions/list-workflow-runs-for-repo',
        'pulls/get'
      ].sort()
    )

    const argv = printedCompare(dl.stdout)
    assert.deepEqual(argv.slice(0, 7), [
      'compare',
      '--dir',
      join(work, 'pool-pr7'),
      '--a-project-commit',
      base7,
      '--b-project-commit',
      head7
    ])
    assert.ok(argv.includes('--kernel') && argv.includes('--registry'), argv.join(' '))
    const cmp = await cli([...argv, '--json'], { GITHUB_TOKEN: undefined })
    assert.equal(cmp.status, 1, cmp.stderr)
    const local = JSON.parse(cmp.stdout) as Report
    assert.equal(local.verdict, ci.report.verdict)
    assert.deepEqual(local.counts, ci.report.counts)
    assert.deepEqual(rowsOf(local), rowsOf(ci.report))
  })

  it('--run: a passing gate downloads and compares to a pass; the default directory names the run', async () => {
    const head = fx.commits.noop
    const ciRun = api.state.addRun({ headSha: head, conclusion: 'success' })
    const ci = await ciGate({ runId: ciRun.id, pr: 8, head })
    const dl = await cli(['download', '--repo', `${OWNER}/${REPO}`, '--run', String(ciRun.id)])
    assert.equal(dl.status, 0, dl.stderr + dl.stdout)
    assert.ok(existsSync(join(work, `ktstr-run-${ciRun.id}`)))
    const cmp = await cli([...printedCompare(dl.stdout), '--json'])
    const local = JSON.parse(cmp.stdout) as Report
    assert.equal(local.verdict, ci.report.verdict)
    assert.equal(cmp.status, ci.verdict === 'fail' ? 1 : 0)
    assert.deepEqual(rowsOf(local), rowsOf(ci.report))
    // A second download into the same place refuses to mix runs.
    const again = await cli(['download', '--repo', `${OWNER}/${REPO}`, '--run', String(ciRun.id)])
    assert.equal(again.status, 2)
    assert.match(
      again.stderr,
      /^ktstr-perf-gate: error: .*already exists and is not empty — pass a fresh --dir/
    )
  })
})

describe('download: untrusted artifacts', () => {
  it('a zip with ../ or a symlink is refused in one line and leaves nothing outside the pool', async () => {
    const run = api.state.addRun({ headSha: 'c'.repeat(40) })
    api.state.artifacts.put(
      run.id,
      'ktstr-sidecars-6.14.2-ccccccc-kvm',
      makeZip([
        { name: '6.14.2-ccccccc/run-1/ok.ktstr.json', data: '{}' },
        { name: '../escaped.ktstr.json', data: 'x' }
      ])
    )
    // A good artifact, listed (newest first) and fetched before the bad one: removed again.
    api.state.artifacts.put(
      run.id,
      'ktstr-sidecars-6.14.2-ccccccc-kvm-good',
      makeZip([{ name: '6.14.2-ccccccc/run-1/fine.ktstr.json', data: '{}' }])
    )
    const dir = join(work, 'pool-hostile')
    const r = await cli(['download', '--repo', `${OWNER}/${REPO}`, '--run', String(run.id), '--dir', dir])
    assert.equal(r.status, 2)
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr)
    assert.match(r.stderr, /rejected by the zip reader: invalid relative path: \.\.\/escaped\.ktstr\.json$/m)
    assert.equal(existsSync(join(work, 'escaped.ktstr.json')), false)
    assert.deepEqual(readdirSync(join(dir, 'ktstr-sidecars-6.14.2-ccccccc-kvm')), [])
    assert.match(r.stdout, /downloaded ktstr-sidecars-6\.14\.2-ccccccc-kvm-good \(1 files\)/)
    assert.equal(
      existsSync(join(dir, 'ktstr-sidecars-6.14.2-ccccccc-kvm-good')),
      false,
      'no partial pool is left'
    )

    const run2 = api.state.addRun({ headSha: 'c'.repeat(40) })
    api.state.artifacts.put(
      run2.id,
      'ktstr-sidecars-6.14.2-ccccccc-kvm',
      makeZip([{ name: '6.14.2-ccccccc/run-1/link.ktstr.json', data: '/etc/passwd', mode: 0o120777 }])
    )
    const r2 = await cli([
      'download',
      '--repo',
      `${OWNER}/${REPO}`,
      '--run',
      String(run2.id),
      '--dir',
      join(work, 'pool-link')
    ])
    assert.equal(r2.status, 2)
    assert.match(r2.stderr, /rejected: symbolic link/)
  })

  it("an artifact name outside the Action's set is skipped with an escaped warning; a report cannot inject into the printed command", async () => {
    const run = api.state.addRun({ headSha: 'd'.repeat(40) })
    const pool = mkdtempSync(join(work, 'src-'))
    copyExamplePool(pool, { baseLabel: '1a2b3c4', headLabel: '5d6e7f8', runs: [1] })
    api.state.artifacts.put(
      run.id,
      'ktstr-sidecars-6.14.2-1a2b3c4-kvm',
      zipOf(join(pool, '6.14.2-1a2b3c4'), '6.14.2-1a2b3c4/')
    )
    api.state.artifacts.put(run.id, 'ktstr-sidecars-\u001b[31mred', makeZip([{ name: 'x', data: 'x' }]))
    const dl = await cli([
      'download',
      '--repo',
      `${OWNER}/${REPO}`,
      '--run',
      String(run.id),
      '--dir',
      join(work, 'pool-names')
    ])
    assert.equal(dl.status, 0, dl.stderr)
    assert.ok(!(dl.stderr + dl.stdout).includes('\u001b'), 'no raw escape character printed')
    assert.match(dl.stderr, /warning: skipped artifact "?ktstr-sidecars-\\u\{1b\}\[31mred/)
    assert.match(dl.stdout, /no report artifact[\s\S]*list-values --dir/)
    assert.deepEqual(readdirSync(join(work, 'pool-names')), ['ktstr-sidecars-6.14.2-1a2b3c4-kvm'])

    // A report's values are the PR's: every word of the command is quoted for the shell.
    const { argv } = compareArgs(
      {
        verdict: 'pass',
        baseline: { label: '1a2b3c4', kernels: ['6.14$(touch /tmp/pwned)'] },
        head: { label: '5d6e7f8', kernels: ['6.14$(touch /tmp/pwned)'] },
        registry: { source: 'bundled', hash: 'h' },
        options: { alpha: 0.05, failThreshold: 5, mustFail: ["a'b"], thresholdPercent: null, policy: null },
        counts: { regressions: 0, improvements: 0 }
      },
      'pool',
      'h'
    )
    const shown = argv!.map((a) => shellArg(a)).join(' ')
    assert.match(shown, /--kernel '6\.14\$\(touch \/tmp\/pwned\)'/)
    assert.match(shown, /--must-fail 'a'\\''b'/)
    const echoed = execFileSync('sh', ['-c', `printf '%s\\n' ${shown}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
    assert.deepEqual(echoed, argv)
  })
})

/** A zip of `dir`'s files (recursively), their names under `prefix`. */
function zipOf(
  dir: string,
  prefix: string,
  keep: (rel: string) => boolean = () => true,
  extra: { name: string; data: Buffer }[] = []
): Buffer {
  const entries: { name: string; data: Buffer }[] = [...extra]
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`)
      else if (keep(`${rel}${e.name}`))
        entries.push({ name: `${prefix}${rel}${e.name}`, data: readFileSync(join(d, e.name)) })
  }
  walk(dir, '')
  return makeZip(entries)
}

describe('download: shards, patterns, digests and caps', () => {
  it("a gate's merged artifact and its shards: the shards are removed, so no run counts twice", async () => {
    const run = api.state.addRun({ headSha: 'f'.repeat(40) })
    const src = mkdtempSync(join(work, 'shards-'))
    copyExamplePool(src, { baseLabel: '1a2b3c4', headLabel: '5d6e7f8', runs: [1, 2] })
    const side = `${EXAMPLE_KERNEL}-5d6e7f8`
    const files = readdirSync(join(src, side, 'run-1'))
    assert.ok(files.length >= 2, files.join(','))
    const first = new Set(files.slice(0, 1))
    const put = (
      name: string,
      keep: (rel: string) => boolean,
      extra: { name: string; data: Buffer }[] = []
    ) => api.state.artifacts.put(run.id, name, zipOf(join(src, side), `${side}/`, keep, extra))
    // Each shard wrote its own run manifest; the gate's merge kept one of them (the last one).
    const manifest = (who: string) => [{ name: `${side}/run-1/manifest.json`, data: Buffer.from(who) }]
    put(
      `ktstr-sidecars-${EXAMPLE_KERNEL}-5d6e7f8-ktstr-kvm-wake`,
      (rel) => first.has(rel.split('/')[1]!),
      manifest('wake')
    )
    put(
      `ktstr-sidecars-${EXAMPLE_KERNEL}-5d6e7f8-ktstr-kvm-rest`,
      (rel) => !first.has(rel.split('/')[1]!),
      manifest('rest')
    )
    put(`ktstr-sidecars-${EXAMPLE_KERNEL}-5d6e7f8-ktstr-kvm`, () => true, manifest('rest'))
    // Another host class overlaps the union without being held by it: kept, and named.
    const own = readFileSync(join(src, side, 'run-1', files[0]!))
    put(`ktstr-sidecars-${EXAMPLE_KERNEL}-5d6e7f8-kvm-arm64`, (rel) => rel.startsWith('run-1/'), [
      { name: `${side}/run-9/${files[0]!}`, data: own }
    ])
    const dir = join(work, 'pool-shards')
    const dl = await cli(['download', '--repo', `${OWNER}/${REPO}`, '--run', String(run.id), '--dir', dir])
    assert.equal(dl.status, 0, dl.stderr)
    assert.deepEqual(readdirSync(dir).sort(), [
      `ktstr-sidecars-${EXAMPLE_KERNEL}-5d6e7f8-ktstr-kvm`,
      `ktstr-sidecars-${EXAMPLE_KERNEL}-5d6e7f8-kvm-arm64`
    ])
    assert.match(
      dl.stdout,
      /removed ktstr-sidecars-6\.14\.2-5d6e7f8-ktstr-kvm-wake: every sidecar is also in ktstr-sidecars-6\.14\.2-5d6e7f8-ktstr-kvm/
    )
    assert.match(
      dl.stderr,
      /warning: \d+ sidecar\(s\) are in more than one artifact, so their runs count twice .* --pattern/
    )

    // --pattern takes one host class only; its runs are not doubled.
    const one = join(work, 'pool-one-class')
    const dl2 = await cli([
      'download',
      '--repo',
      `${OWNER}/${REPO}`,
      '--run',
      String(run.id),
      '--dir',
      one,
      '--pattern',
      'ktstr-sidecars-*-ktstr-kvm'
    ])
    assert.equal(dl2.status, 0, dl2.stderr)
    assert.equal(dl2.stderr, '')
    assert.deepEqual(readdirSync(one), [`ktstr-sidecars-${EXAMPLE_KERNEL}-5d6e7f8-ktstr-kvm`])
    const values = await cli(['list-values', '--dir', one, '--json'])
    assert.equal(JSON.parse(values.stdout).sidecars, 2 * files.length)
  })

  it('content that does not match the digest GitHub lists is refused; so is an archive past the cap', async () => {
    const run = api.state.addRun({ headSha: '9'.repeat(40) })
    const art = api.state.artifacts.put(
      run.id,
      'ktstr-sidecars-6.14.2-9999999-kvm',
      makeZip([{ name: '6.14.2-9999999/run-1/a_perf-1.ktstr.json', data: '{}' }])
    )
    art.content = makeZip([{ name: '6.14.2-9999999/run-1/a_perf-1.ktstr.json', data: '{"x":1}' }])
    const r = await cli([
      'download',
      '--repo',
      `${OWNER}/${REPO}`,
      '--run',
      String(run.id),
      '--dir',
      join(work, 'pool-digest')
    ])
    assert.equal(r.status, 2)
    assert.match(
      r.stderr,
      /^ktstr-perf-gate: error: artifact ktstr-sidecars-6\.14\.2-9999999-kvm .*does not match its SHA-256 digest/
    )

    // The listed size passes the cap; the bytes streamed do not.
    const { downloadRun, getRun, restArtifactClient } = await import('../../src/github/download-run.js')
    const octokit = createGitHubClient({
      token: USER_TOKEN,
      baseUrl: api.url,
      retry: { sleep: async () => {} }
    })
    const big = api.state.addRun({ headSha: '8'.repeat(40) })
    const stored = api.state.artifacts.put(
      big.id,
      'ktstr-sidecars-6.14.2-8888888-kvm',
      makeZip([{ name: '6.14.2-8888888/run-1/a_perf-1.ktstr.json', data: 'x'.repeat(4096) }])
    )
    stored.size = 100
    const chosenRun = await getRun(octokit, OWNER, REPO, big.id)
    await assert.rejects(
      downloadRun({
        client: restArtifactClient({ octokit, owner: OWNER, repo: REPO, maxArchiveBytes: 1000 }),
        token: USER_TOKEN,
        owner: OWNER,
        repo: REPO,
        run: chosenRun,
        dir: join(work, 'pool-cap'),
        limits: { maxArchiveBytes: 1000 }
      }),
      /download failed: archive is \d+ bytes, over the 1000-byte cap/
    )
    const capped = join(work, 'pool-cap', 'ktstr-sidecars-6.14.2-8888888-kvm')
    assert.ok(!existsSync(capped) || readdirSync(capped).length === 0, 'nothing of it is kept')
    stored.size = 5000
    await assert.rejects(
      downloadRun({
        client: restArtifactClient({ octokit, owner: OWNER, repo: REPO }),
        token: USER_TOKEN,
        owner: OWNER,
        repo: REPO,
        run: await getRun(octokit, OWNER, REPO, big.id),
        dir: join(work, 'pool-cap2'),
        limits: { maxTotalBytes: 4000 }
      }),
      /list 5000 bytes, over the 4000-byte cap/
    )
  })
})

describe('download: one clear line and exit 2', () => {
  const expectOneLine = (r: Ran, re: RegExp) => {
    assert.equal(r.status, 2, r.stdout)
    const lines = r.stderr.trim().split('\n')
    assert.equal(lines.length, 1, r.stderr)
    assert.match(lines[0]!, /^ktstr-perf-gate: error: /)
    assert.match(lines[0]!, re)
    assert.doesNotMatch(r.stderr, /\bat .*:\d+:\d+/)
  }

  it('no GITHUB_TOKEN and no gh: says how to get a token', async () => {
    const empty = mkdtempSync(join(work, 'nobin-'))
    const r = await cli(['download', '--repo', `${OWNER}/${REPO}`, '--pr', '7'], {
      GITHUB_TOKEN: undefined,
      PATH: empty
    })
    expectOneLine(
      r,
      /no GitHub token: GITHUB_TOKEN is not set and gh is not installed — set GITHUB_TOKEN .*`gh auth login`$/
    )
  })

  it('gh installed: its token is used (run without a shell); gh without a login is one line', async () => {
    const bin = mkdtempSync(join(work, 'ghbin-'))
    const gh = join(bin, 'gh')
    const head = fx.commits.improving
    api.state.addPull({ number: 21, headSha: head })
    writeFileSync(gh, `#!/bin/sh\n[ "$1 $2" = "auth token" ] || exit 9\necho gho_fromGh\n`)
    chmodSync(gh, 0o755)
    const before = api.requests.length
    const r = await cli(['download', '--repo', `${OWNER}/${REPO}`, '--pr', '21'], {
      GITHUB_TOKEN: undefined,
      PATH: `${bin}:${process.env.PATH}`
    })
    expectOneLine(r, /pull request #21 of octo-org\/scx-demo: no workflow run for its head/)
    assert.ok(api.requests.slice(before).every((x) => x.token === 'gho_fromGh'))
    writeFileSync(gh, `#!/bin/sh\necho "no oauth token found for github.com" >&2\nexit 1\n`)
    const r2 = await cli(['download', '--repo', `${OWNER}/${REPO}`, '--pr', '21'], {
      GITHUB_TOKEN: undefined,
      PATH: bin
    })
    expectOneLine(r2, /`gh auth token` gave none \(no oauth token found for github\.com\) — .*gh auth login/)
  })

  it('an unknown PR, a run without sidecars, a PR whose runs have none', async () => {
    expectOneLine(
      await cli(['download', '--repo', `${OWNER}/${REPO}`, '--pr', '999']),
      /pull request #999 of octo-org\/scx-demo not found — check/
    )
    expectOneLine(
      await cli(['download', '--repo', `${OWNER}/${REPO}`, '--run', '123456']),
      /workflow run 123456 of octo-org\/scx-demo not found/
    )
    const bare = api.state.addRun({ headSha: 'e'.repeat(40) })
    expectOneLine(
      await cli(['download', '--repo', `${OWNER}/${REPO}`, '--run', String(bare.id)]),
      new RegExp(
        `workflow run ${bare.id} of octo-org/scx-demo has no artifacts matching 'ktstr-sidecars-\\*' — pick the run`
      )
    )
    api.state.addPull({ number: 31, headSha: 'e'.repeat(40) })
    expectOneLine(
      await cli(['download', '--repo', `${OWNER}/${REPO}`, '--pr', '31']),
      /none of the 1 workflow run\(s\) of its head eeeeeee has artifacts matching 'ktstr-sidecars-\*' — wait/
    )
  })

  it('bad flags: neither or both of --pr/--run, a bad repo or number', async () => {
    expectOneLine(await cli(['download', '--repo', `${OWNER}/${REPO}`]), /pass one of --pr <n> or --run <id>/)
    const both = await cli(['download', '--repo', `${OWNER}/${REPO}`, '--pr', '1', '--run', '2'])
    assert.equal(both.status, 2)
    assert.match(both.stderr, /cannot be used with/)
    expectOneLine(
      await cli(['download', '--repo', 'not a repo', '--pr', '1']),
      /--repo "not a repo": not owner\/name/
    )
    expectOneLine(
      await cli(['download', '--repo', `${OWNER}/${REPO}`, '--pr', '1x']),
      /--pr "1x": must be a whole number/
    )
  })
})
