// A local fake of the GitHub REST API (127.0.0.1, random port) for one repository, with
// in-memory issue comments, workflow runs, run artifacts, pull requests and fault injection.
// Every request and every response is validated against GitHub's OpenAPI description
// (./openapi.ts). A request that violates it gets 422 (as GitHub answers invalid input); a
// response that violates it is replaced by a 500 naming the violation. Both are also recorded
// in `state.violations`; call `assertNoViolations()` after each test.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { ArtifactStore, runtimeTokenFor, type StoredArtifact } from './artifact-store.js'
import { openApi, type MatchedOperation } from './openapi.js'

/** Who a token belongs to, as the API reports it in `user`. */
export interface Identity {
  login: string
  type: 'Bot' | 'User'
  id: number
}

export interface CommentRecord {
  id: number
  issueNumber: number
  body: string
  user: Identity
  createdAt: Date
  updatedAt: Date
}

export interface RunRecord {
  id: number
  name: string
  runNumber: number
  runAttempt: number
  headSha: string
  headBranch: string
  event: string
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null
  createdAt: Date
  pullRequests: number[]
  /** `owner/name` the run's head commit came from (a fork for a fork PR's run); default: this repository. */
  headRepoFullName: string
}

/** A `labeled`/`unlabeled` event on an issue or PR (what GET …/issues/{n}/events lists). */
export interface IssueEventRecord {
  id: number
  issueNumber: number
  event: 'labeled' | 'unlabeled'
  label: string
  actor: Identity
  createdAt: Date
}

export interface PullRecord {
  number: number
  state: 'open' | 'closed'
  headSha: string
  headRef: string
  headRepoFullName: string
  baseSha: string
  baseRef: string
}

/** A fault served instead of the real answer, for the next `times` matching requests. */
export type Fault =
  | { kind: 'status'; status: 500 | 502 | 503 | 504; retryAfter?: number }
  | { kind: 'rate-limit'; resetInSeconds?: number; status?: 403 | 429 }
  | { kind: 'secondary-rate-limit'; retryAfter?: number }
  | { kind: 'integration-forbidden' }
  | { kind: 'network' }
  /** Serve the real answer with its JSON body changed by `mutate` (to prove response validation). */
  | { kind: 'tamper'; mutate: (body: unknown) => unknown }

export interface FaultRule {
  operationId?: string
  method?: string
  times: number
  fault: Fault
}

export interface RecordedRequest {
  method: string
  path: string
  query: string
  operationId: string | undefined
  status: number
  token: string | undefined
  body: string
}

export interface FakeGitHubState {
  owner: string
  repo: string
  comments: CommentRecord[]
  runs: RunRecord[]
  pulls: PullRecord[]
  issueEvents: IssueEventRecord[]
  artifacts: ArtifactStore
  violations: string[]
  faults: FaultRule[]
  /** Tokens whose writes get 403 "Resource not accessible by integration" (fork PR tokens). */
  readOnlyTokens: Set<string>
  /** Identity per token; tokens not listed act as github-actions[bot]. */
  identities: Map<string, Identity>
  /**
   * Role per login (GET …/collaborators/{username}/permission): admin, maintain, write, triage,
   * read or none. Logins not listed read as `read` (anyone on a public repository); `ghost` is 404.
   */
  permissions: Map<string, 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'>
  addComment(issueNumber: number, body: string, user?: Partial<Identity>): CommentRecord
  addRun(run: Partial<RunRecord> & { headSha: string }): RunRecord & { runtimeToken: string }
  addPull(pull: Partial<PullRecord> & { number: number; headSha: string }): PullRecord
  addIssueEvent(
    e: Partial<IssueEventRecord> & Pick<IssueEventRecord, 'issueNumber' | 'label'>
  ): IssueEventRecord
}

export interface FakeGitHub {
  url: string
  state: FakeGitHubState
  requests: RecordedRequest[]
  inject(rule: FaultRule): void
  assertNoViolations(): void
  close(): Promise<void>
}

export interface FakeGitHubOptions {
  owner?: string
  repo?: string
  artifacts?: ArtifactStore
  now?: () => Date
}

export const ACTIONS_BOT: Identity = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 }

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Error answers GitHub gives on any route even where the description omits the status. */
  generic?: boolean
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const api = openApi()
  const now = options.now ?? (() => new Date())
  const owner = options.owner ?? 'octo-org'
  const repo = options.repo ?? 'scx-demo'
  const requests: RecordedRequest[] = []
  let nextCommentId = 100_000
  let nextRunId = 9_000
  const state: FakeGitHubState = {
    owner,
    repo,
    comments: [],
    runs: [],
    pulls: [],
    issueEvents: [],
    artifacts: options.artifacts ?? new ArtifactStore(),
    violations: [],
    faults: [],
    readOnlyTokens: new Set(),
    identities: new Map(),
    permissions: new Map(),
    addComment(issueNumber, body, user) {
      const t = now()
      const c: CommentRecord = {
        id: nextCommentId++,
        issueNumber,
        body,
        user: { ...ACTIONS_BOT, ...user },
        createdAt: t,
        updatedAt: t
      }
      state.comments.push(c)
      return c
    },
    addRun(run) {
      const id = run.id ?? nextRunId++
      const r: RunRecord = {
        id,
        name: 'perf',
        runNumber: state.runs.length + 1,
        runAttempt: 1,
        headBranch: 'main',
        event: 'pull_request',
        status: 'completed',
        conclusion: 'success',
        createdAt: now(),
        pullRequests: [],
        headRepoFullName: `${owner}/${repo}`,
        ...run
      }
      state.runs.push(r)
      return { ...r, runtimeToken: runtimeTokenFor(state.artifacts.backendIdsFor(id)) }
    },
    addPull(pull) {
      const p: PullRecord = {
        state: 'open',
        headRef: `feature-${pull.number}`,
        headRepoFullName: `${owner}/${repo}`,
        baseSha: 'b'.repeat(40),
        baseRef: 'main',
        ...pull
      }
      state.pulls.push(p)
      return p
    },
    addIssueEvent(e) {
      const rec: IssueEventRecord = {
        id: 60_000 + state.issueEvents.length,
        event: 'labeled',
        actor: { login: 'maintainer', type: 'User', id: 77 },
        createdAt: now(),
        ...e
      }
      state.issueEvents.push(rec)
      return rec
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      state.violations.push(`fake github-api crashed: ${String(err)}`)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: `fake crashed: ${String(err)}` }))
    })
  })
  const sockets = new Set<Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const c of req) {
      size += (c as Buffer).length
      if (size > 2 * 1024 * 1024) throw new Error('request body over 2 MiB')
      chunks.push(c as Buffer)
    }
    const rawBody = Buffer.concat(chunks).toString('utf8')
    const u = new URL(req.url ?? '/', url)
    const method = (req.method ?? 'GET').toUpperCase()
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]
    const match = api.match(method, u.pathname)
    const record: RecordedRequest = {
      method,
      path: u.pathname,
      query: u.search,
      operationId: match?.operationId,
      status: 0,
      token,
      body: rawBody
    }
    requests.push(record)

    const send = (reply: Reply, validate: boolean): void => {
      let text = reply.body === undefined ? '' : JSON.stringify(reply.body)
      const headers: Record<string, string> = { ...baseHeaders(now), ...reply.headers }
      if (text) headers['content-type'] = 'application/json; charset=utf-8'
      let status = reply.status
      if (validate && match) {
        const problems = api.validateResponse(match, status, lower(headers), text)
        const relevant = reply.generic ? problems.filter((p) => !/is not declared$/.test(p)) : problems
        if (relevant.length > 0) {
          state.violations.push(...relevant)
          status = 500
          text = JSON.stringify({ message: `fake: response failed OpenAPI validation: ${relevant[0]}` })
          headers['content-type'] = 'application/json; charset=utf-8'
          headers['x-fake-violation'] = 'response'
        }
      }
      record.status = status
      res.writeHead(status, headers)
      res.end(text)
    }

    if (!match) {
      const v = `${method} ${u.pathname}: no operation in GitHub's OpenAPI description`
      state.violations.push(v)
      return send({ status: 404, body: { message: `fake: ${v}` } }, false)
    }
    const problems = api.validateRequest(match, u.searchParams, req.headers['content-type'], rawBody)
    if (problems.length > 0) {
      state.violations.push(...problems)
      return send(
        {
          status: 422,
          headers: { 'x-fake-violation': 'request' },
          body: { message: `fake: ${problems[0]}` }
        },
        false
      )
    }
    if (!token) {
      return send({ status: 401, generic: true, body: basicError('Requires authentication') }, true)
    }
    const rule = state.faults.find(
      (f) =>
        f.times > 0 &&
        (!f.operationId || f.operationId === match.operationId) &&
        (!f.method || f.method.toUpperCase() === method)
    )
    let tamper: ((body: unknown) => unknown) | undefined
    if (rule) {
      rule.times--
      const fault = rule.fault
      if (fault.kind === 'network') {
        record.status = -1
        req.socket.destroy()
        return
      }
      if (fault.kind === 'tamper') tamper = fault.mutate
      else return send(faultReply(fault, now), false)
    }
    if (method !== 'GET' && state.readOnlyTokens.has(token)) {
      return send(faultReply({ kind: 'integration-forbidden' }, now), true)
    }
    let reply: Reply
    try {
      reply = route(match, u, rawBody, token)
    } catch (err) {
      if (!(err instanceof HttpError)) throw err
      reply = { status: err.status, headers: err.headers, generic: true, body: basicError(err.message) }
    }
    if (tamper && reply.body !== undefined) reply = { ...reply, body: tamper(structuredClone(reply.body)) }
    send(reply, true)
  }

  function identity(token: string): Identity {
    return state.identities.get(token) ?? ACTIONS_BOT
  }

  function checkRepo(m: MatchedOperation): void {
    if (m.pathParams.owner !== owner || m.pathParams.repo !== repo) throw new HttpError(404, 'Not Found')
  }

  function route(m: MatchedOperation, u: URL, rawBody: string, token: string): Reply {
    checkRepo(m)
    const q = u.searchParams
    const p = m.pathParams
    switch (m.operationId) {
      case 'issues/list-comments': {
        const issue = Number(p.issue_number)
        const all = state.comments.filter((c) => c.issueNumber === issue).sort((a, b) => a.id - b.id)
        return paginate(u, all, (c) => commentJson(c), undefined)
      }
      case 'issues/create-comment': {
        const body = (JSON.parse(rawBody) as { body: string }).body
        if (body.length > 65536) throw new HttpError(422, 'Body is too long (maximum is 65536 characters)')
        const c = state.addComment(Number(p.issue_number), body, identity(token))
        return { status: 201, headers: { location: commentApiUrl(c) }, body: commentJson(c) }
      }
      case 'issues/update-comment': {
        const c = state.comments.find((x) => x.id === Number(p.comment_id))
        if (!c) throw new HttpError(404, 'Not Found')
        const body = (JSON.parse(rawBody) as { body: string }).body
        if (body.length > 65536) throw new HttpError(422, 'Body is too long (maximum is 65536 characters)')
        if (c.user.login !== identity(token).login)
          throw new HttpError(403, 'Must have admin rights to Repository.')
        c.body = body
        c.updatedAt = now()
        return { status: 200, body: commentJson(c) }
      }
      case 'issues/delete-comment': {
        const i = state.comments.findIndex((x) => x.id === Number(p.comment_id))
        if (i < 0) throw new HttpError(404, 'Not Found')
        state.comments.splice(i, 1)
        return { status: 204 }
      }
      case 'actions/list-workflow-runs-for-repo': {
        const status = q.get('status')
        const runs = state.runs
          .filter((r) => !q.get('head_sha') || r.headSha === q.get('head_sha'))
          .filter((r) => !q.get('event') || r.event === q.get('event'))
          .filter((r) => !q.get('branch') || r.headBranch === q.get('branch'))
          .filter((r) => !status || r.status === status || r.conclusion === status)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
        return paginate(u, runs, runJson, 'workflow_runs')
      }
      case 'actions/get-workflow-run': {
        const r = state.runs.find((x) => x.id === Number(p.run_id))
        if (!r) throw new HttpError(404, 'Not Found')
        return { status: 200, body: runJson(r) }
      }
      case 'actions/list-workflow-run-artifacts': {
        const run = state.runs.find((x) => x.id === Number(p.run_id))
        if (!run) throw new HttpError(404, 'Not Found')
        let arts = state.artifacts.forRun(run.id).filter((a) => !q.get('name') || a.name === q.get('name'))
        arts = arts.sort((a, b) => (q.get('direction') === 'asc' ? a.id - b.id : b.id - a.id))
        return paginate(u, arts, artifactJson, 'artifacts')
      }
      case 'actions/list-artifacts-for-repo': {
        const arts = state.artifacts.artifacts
          .filter((a) => a.finalized && (!q.get('name') || a.name === q.get('name')))
          .sort((a, b) => b.id - a.id)
        return paginate(u, arts, artifactJson, 'artifacts')
      }
      case 'actions/get-artifact': {
        const a = state.artifacts.byId(Number(p.artifact_id))
        if (!a) throw new HttpError(404, 'Not Found')
        return { status: 200, body: artifactJson(a) }
      }
      case 'actions/download-artifact': {
        const a = state.artifacts.byId(Number(p.artifact_id))
        if (!a || p.archive_format !== 'zip') throw new HttpError(404, 'Not Found')
        if (a.expired) return { status: 410, body: basicError('Artifact has expired') }
        return { status: 302, headers: { location: state.artifacts.signedUrl(a, 'r') } }
      }
      case 'repos/list-pull-requests-associated-with-commit': {
        const pulls = state.pulls.filter((x) => x.headSha === p.commit_sha)
        return paginate(u, pulls, (x) => pullJson(x, 'pull-request-simple'), undefined)
      }
      case 'issues/list-events': {
        const issue = Number(p.issue_number)
        const all = state.issueEvents.filter((x) => x.issueNumber === issue).sort((a, b) => a.id - b.id)
        return paginate(u, all, issueEventJson, undefined)
      }
      case 'repos/get-collaborator-permission-level': {
        const login = String(p.username)
        if (login === 'ghost') throw new HttpError(404, 'Not Found')
        const role = state.permissions.get(login) ?? 'read'
        // `permission` is the legacy level: maintain reads as write, triage as read.
        const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role
        const user = api.synthesize('nullable-collaborator', {
          ...(userJson({ login, type: 'User', id: 500 + login.length }) as object),
          permissions: {
            pull: role !== 'none',
            triage: ['triage', 'write', 'maintain', 'admin'].includes(role),
            push: ['write', 'maintain', 'admin'].includes(role),
            maintain: ['maintain', 'admin'].includes(role),
            admin: role === 'admin'
          },
          role_name: role
        })
        return { status: 200, body: { permission, role_name: role, user } }
      }
      case 'pulls/get': {
        const pr = state.pulls.find((x) => x.number === Number(p.pull_number))
        if (!pr) throw new HttpError(404, 'Not Found')
        return { status: 200, body: pullJson(pr, 'pull-request') }
      }
      default: {
        const v = `${m.method} ${m.template} (${m.operationId}) is not implemented by the fake`
        state.violations.push(v)
        throw new HttpError(404, `fake: ${v}`)
      }
    }
  }

  function paginate<T>(u: URL, items: T[], toJson: (x: T) => unknown, key: string | undefined): Reply {
    const perPage = Math.min(Number(u.searchParams.get('per_page') ?? 30), 100)
    const page = Math.max(Number(u.searchParams.get('page') ?? 1), 1)
    const last = Math.max(Math.ceil(items.length / perPage), 1)
    const slice = items.slice((page - 1) * perPage, page * perPage).map(toJson)
    const link = (n: number, rel: string): string => {
      const next = new URL(u.pathname + u.search, url)
      next.searchParams.set('page', String(n))
      return `<${next.href}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {}
    return { status: 200, headers, body: key ? { total_count: items.length, [key]: slice } : slice }
  }

  const repoJson = (): Record<string, unknown> =>
    api.synthesize('minimal-repository', {
      id: 4242,
      name: repo,
      full_name: `${owner}/${repo}`,
      owner: userJson({ login: owner, type: 'User', id: 99 }),
      html_url: `https://github.com/${owner}/${repo}`,
      url: `${url}/repos/${owner}/${repo}`
    })

  function userJson(u: Identity): Record<string, unknown> {
    return api.synthesize('simple-user', {
      login: u.login,
      id: u.id,
      type: u.type,
      // Real bots link to their App page; `[bot]` is not valid in a URI path anyway.
      html_url:
        u.type === 'Bot'
          ? `https://github.com/apps/${encodeURIComponent(u.login.replace(/\[bot\]$/, ''))}`
          : `https://github.com/${encodeURIComponent(u.login)}`,
      url: `${url}/users/${encodeURIComponent(u.login)}`
    })
  }

  const commentApiUrl = (c: CommentRecord): string => `${url}/repos/${owner}/${repo}/issues/comments/${c.id}`

  function commentJson(c: CommentRecord): unknown {
    return api.synthesize('issue-comment', {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: commentApiUrl(c),
      html_url: `https://github.com/${owner}/${repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${url}/repos/${owner}/${repo}/issues/${c.issueNumber}`,
      body: c.body,
      user: userJson(c.user),
      created_at: c.createdAt.toISOString(),
      updated_at: c.updatedAt.toISOString(),
      author_association: 'NONE'
    })
  }

  function runJson(r: RunRecord): unknown {
    return api.synthesize('workflow-run', {
      id: r.id,
      name: r.name,
      node_id: `WFR_${r.id}`,
      head_branch: r.headBranch,
      head_sha: r.headSha,
      path: '.github/workflows/perf.yml',
      run_number: r.runNumber,
      run_attempt: r.runAttempt,
      event: r.event,
      status: r.status,
      conclusion: r.conclusion,
      workflow_id: 77,
      url: `${url}/repos/${owner}/${repo}/actions/runs/${r.id}`,
      html_url: `https://github.com/${owner}/${repo}/actions/runs/${r.id}`,
      pull_requests: [],
      created_at: r.createdAt.toISOString(),
      updated_at: r.createdAt.toISOString(),
      run_started_at: r.createdAt.toISOString(),
      repository: repoJson(),
      head_repository:
        r.headRepoFullName === `${owner}/${repo}` ? repoJson() : forkRepoJson(r.headRepoFullName),
      head_commit: null
    })
  }

  function forkRepoJson(fullName: string): Record<string, unknown> {
    const [o = 'fork', n = repo] = fullName.split('/')
    return api.synthesize('minimal-repository', {
      id: 4343,
      name: n,
      full_name: fullName,
      fork: true,
      owner: userJson({ login: o, type: 'User', id: 98 }),
      html_url: `https://github.com/${fullName}`,
      url: `${url}/repos/${fullName}`
    })
  }

  function issueEventJson(e: IssueEventRecord): unknown {
    return api.synthesize('labeled-issue-event', {
      id: e.id,
      node_id: `LE_${e.id}`,
      url: `${url}/repos/${owner}/${repo}/issues/events/${e.id}`,
      actor: userJson(e.actor),
      event: e.event,
      commit_id: null,
      commit_url: null,
      created_at: e.createdAt.toISOString(),
      performed_via_github_app: null,
      label: { name: e.label, color: 'ededed' }
    })
  }

  function artifactJson(a: StoredArtifact): unknown {
    const run = state.runs.find((r) => r.id === a.runId)
    return api.synthesize('artifact', {
      id: a.id,
      node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
      name: a.name,
      size_in_bytes: a.size,
      url: `${url}/repos/${owner}/${repo}/actions/artifacts/${a.id}`,
      archive_download_url: `${url}/repos/${owner}/${repo}/actions/artifacts/${a.id}/zip`,
      expired: a.expired,
      created_at: a.createdAt.toISOString(),
      updated_at: a.updatedAt.toISOString(),
      expires_at: a.expiresAt ? a.expiresAt.toISOString() : null,
      digest: a.digest ?? null,
      workflow_run: {
        id: a.runId,
        repository_id: 4242,
        head_repository_id: run && run.headRepoFullName !== `${owner}/${repo}` ? 4343 : 4242,
        head_branch: run?.headBranch ?? 'main',
        head_sha: run?.headSha ?? '0'.repeat(40)
      }
    })
  }

  function pullJson(pr: PullRecord, schema: 'pull-request' | 'pull-request-simple'): unknown {
    const [headOwner = owner, headName = repo] = pr.headRepoFullName.split('/')
    const headRepo = api.synthesize('repository', {
      id: pr.headRepoFullName === `${owner}/${repo}` ? 4242 : 4343,
      name: headName,
      full_name: pr.headRepoFullName,
      fork: pr.headRepoFullName !== `${owner}/${repo}`,
      owner: userJson({ login: headOwner, type: 'User', id: 98 })
    })
    return api.synthesize(schema, {
      id: 700 + pr.number,
      number: pr.number,
      state: pr.state,
      title: `PR ${pr.number}`,
      url: `${url}/repos/${owner}/${repo}/pulls/${pr.number}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${pr.number}`,
      user: userJson({ login: headOwner, type: 'User', id: 98 }),
      head: {
        label: `${headOwner}:${pr.headRef}`,
        ref: pr.headRef,
        sha: pr.headSha,
        repo: headRepo,
        user: userJson({ login: headOwner, type: 'User', id: 98 })
      },
      base: {
        label: `${owner}:${pr.baseRef}`,
        ref: pr.baseRef,
        sha: pr.baseSha,
        repo: api.synthesize('repository', {
          id: 4242,
          name: repo,
          full_name: `${owner}/${repo}`,
          owner: userJson({ login: owner, type: 'User', id: 99 })
        }),
        user: userJson({ login: owner, type: 'User', id: 99 })
      }
    })
  }

  return {
    url,
    state,
    requests,
    inject(rule) {
      state.faults.push({ ...rule })
    },
    assertNoViolations() {
      if (state.violations.length > 0) {
        throw new Error(
          `fake GitHub API saw ${state.violations.length} OpenAPI violation(s):\n${state.violations.join('\n')}`
        )
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

function basicError(message: string): Record<string, unknown> {
  return { message, documentation_url: 'https://docs.github.com/rest' }
}

function baseHeaders(now: () => Date): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(now().getTime() / 1000) + 3600),
    'x-ratelimit-resource': 'core',
    'x-github-request-id': 'FAKE:0001'
  }
}

function faultReply(fault: Exclude<Fault, { kind: 'network' | 'tamper' }>, now: () => Date): Reply {
  switch (fault.kind) {
    case 'status':
      return {
        status: fault.status,
        headers: fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
        body: { message: 'Server Error' }
      }
    case 'rate-limit':
      return {
        status: fault.status ?? 403,
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-reset': String(Math.floor(now().getTime() / 1000) + (fault.resetInSeconds ?? 30))
        },
        body: basicError('API rate limit exceeded for installation ID 1.')
      }
    case 'secondary-rate-limit':
      return {
        status: 403,
        headers: { 'retry-after': String(fault.retryAfter ?? 60) },
        body: basicError(
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
        )
      }
    case 'integration-forbidden':
      return {
        status: 403,
        generic: true,
        headers: { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' },
        body: { ...basicError('Resource not accessible by integration'), status: '403' }
      }
  }
}

function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))
}
