// A local fake of the Actions artifact backend (127.0.0.1, random port) for the real
// @actions/artifact v6 client: the twirp "results" service it calls inside a run
// (CreateArtifact, FinalizeArtifact, ListArtifacts, GetSignedArtifactURL, DeleteArtifact —
// JSON with proto field names, int64 as strings, as lib/generated/results/api/v1 encodes them)
// and the Azure block-blob endpoints its signed URLs point to (Put Block, Put Block List,
// Put Blob, Get Blob). The runtime token's `scp` claim must name the run/job the request is for.
// Request shapes are checked strictly; violations land in `violations` and get a twirp error.
//
// Environment for the client (see `clientEnv`): ACTIONS_RESULTS_URL = this service,
// ACTIONS_RUNTIME_TOKEN = runtimeTokenFor(ids), GITHUB_SERVER_URL = http://github.localhost
// (@actions/artifact refuses hosts that are not github.com, *.ghe.com or *.localhost), and
// GITHUB_API_URL = the fake REST API, used by `findBy` (read once when @actions/github loads).
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { ArtifactStore, idsFromRuntimeToken, runtimeTokenFor, type StoredArtifact } from './artifact-store.js'

export interface FakeArtifactService {
  url: string
  store: ArtifactStore
  violations: string[]
  requests: Array<{ method: string; path: string; status: number }>
  /** Fail the next N twirp calls of `method` (or all methods) with HTTP `status`. */
  inject(rule: { method?: string; times: number; status: number }): void
  /** Environment for a @actions/artifact client acting as workflow run `runId`. */
  clientEnv(runId: number, githubApiUrl: string): Record<string, string>
  assertNoViolations(): void
  close(): Promise<void>
}

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'
const MAX_BLOB = 64 * 1024 * 1024

type FieldType = 'string' | 'int64' | 'int32' | 'timestamp' | 'wrapped-string' | 'wrapped-int64'
const FIELDS: Record<string, { required: string[]; fields: Record<string, FieldType> }> = {
  CreateArtifact: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name', 'version'],
    fields: {
      workflow_run_backend_id: 'string',
      workflow_job_run_backend_id: 'string',
      name: 'string',
      expires_at: 'timestamp',
      version: 'int32',
      mime_type: 'wrapped-string'
    }
  },
  FinalizeArtifact: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name', 'size'],
    fields: {
      workflow_run_backend_id: 'string',
      workflow_job_run_backend_id: 'string',
      name: 'string',
      size: 'int64',
      hash: 'wrapped-string'
    }
  },
  ListArtifacts: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id'],
    fields: {
      workflow_run_backend_id: 'string',
      workflow_job_run_backend_id: 'string',
      name_filter: 'wrapped-string',
      id_filter: 'wrapped-int64'
    }
  },
  GetSignedArtifactURL: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name'],
    fields: { workflow_run_backend_id: 'string', workflow_job_run_backend_id: 'string', name: 'string' }
  },
  DeleteArtifact: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name'],
    fields: { workflow_run_backend_id: 'string', workflow_job_run_backend_id: 'string', name: 'string' }
  }
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

function checkFields(method: string, body: unknown): string[] {
  const spec = FIELDS[method]
  if (!spec) return [`unknown twirp method ${method}`]
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [`${method}: body is not an object`]
  const out: string[] = []
  const b = body as Record<string, unknown>
  for (const r of spec.required) if (b[r] === undefined) out.push(`${method}: missing ${r}`)
  for (const [k, v] of Object.entries(b)) {
    const t = spec.fields[k]
    if (!t) {
      out.push(`${method}: unknown field ${k}`)
      continue
    }
    const ok =
      t === 'string' || t === 'wrapped-string'
        ? typeof v === 'string'
        : t === 'int32'
          ? Number.isInteger(v)
          : t === 'int64' || t === 'wrapped-int64'
            ? typeof v === 'string' && /^-?\d+$/.test(v)
            : typeof v === 'string' && !Number.isNaN(Date.parse(v))
    if (!ok) out.push(`${method}: field ${k} is not a ${t}`)
  }
  return out
}

/** Starts the fake artifact backend; pass the store shared with the fake REST API. */
export async function start(options: { store?: ArtifactStore } = {}): Promise<FakeArtifactService> {
  const store = options.store ?? new ArtifactStore()
  const violations: string[] = []
  const requests: FakeArtifactService['requests'] = []
  const faults: Array<{ method?: string; times: number; status: number }> = []

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      violations.push(`fake artifact service crashed: ${String(err)}`)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: 'internal', msg: String(err) }))
    })
  })
  const sockets = new Set<Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  store.blobOrigin = url

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const c of req) {
      size += (c as Buffer).length
      if (size > MAX_BLOB) throw new Error(`request body over ${MAX_BLOB} bytes`)
      chunks.push(c as Buffer)
    }
    return Buffer.concat(chunks)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', url)
    const method = req.method ?? 'GET'
    const entry = { method, path: u.pathname, status: 0 }
    requests.push(entry)
    const body = await readBody(req)
    const reply = (status: number, headers: Record<string, string>, data?: Buffer | string): void => {
      entry.status = status
      res.writeHead(status, headers)
      res.end(data)
    }
    if (u.pathname.startsWith(SERVICE)) {
      const rpc = u.pathname.slice(SERVICE.length)
      try {
        const out = twirp(rpc, req, body)
        reply(200, { 'content-type': 'application/json' }, JSON.stringify(out))
      } catch (err) {
        if (!(err instanceof TwirpError)) throw err
        reply(
          err.status,
          { 'content-type': 'application/json' },
          JSON.stringify({ code: err.code, msg: err.message })
        )
      }
      return
    }
    const m = /^\/devstoreaccount1\/actions-results\/([0-9a-f-]{36})\/[^/]+$/.exec(u.pathname)
    const artifact = m ? store.byBlobKey(m[1]!) : undefined
    if (!artifact) {
      violations.push(`blob: ${method} ${u.pathname} is not a blob this service signed`)
      return reply(404, { 'content-type': 'application/xml' }, azureError('BlobNotFound'))
    }
    blob(method, u, req, body, artifact, reply)
  }

  function twirp(rpc: string, req: IncomingMessage, raw: Buffer): unknown {
    const fault = faults.find((f) => f.times > 0 && (!f.method || f.method === rpc))
    if (fault) {
      fault.times--
      throw new TwirpError(fault.status, 'unavailable', 'injected fault')
    }
    if (req.method !== 'POST') throw new TwirpError(405, 'bad_route', 'twirp requires POST')
    if (!/^application\/json/.test(req.headers['content-type'] ?? '')) {
      violations.push(`${rpc}: content-type ${req.headers['content-type'] ?? '(none)'}`)
      throw new TwirpError(415, 'bad_route', 'unsupported content-type')
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const ids = token ? idsFromRuntimeToken(token) : undefined
    if (!ids) throw new TwirpError(401, 'unauthenticated', 'missing or malformed runtime token')
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
    } catch {
      violations.push(`${rpc}: body is not JSON`)
      throw new TwirpError(400, 'malformed', 'body is not JSON')
    }
    const problems = checkFields(rpc, body)
    if (problems.length) {
      violations.push(...problems)
      throw new TwirpError(400, 'invalid_argument', problems[0]!)
    }
    if (
      body.workflow_run_backend_id !== ids.runBackendId ||
      body.workflow_job_run_backend_id !== ids.jobBackendId
    ) {
      throw new TwirpError(403, 'permission_denied', 'backend ids do not match the runtime token')
    }
    const runId = store.runIdForBackend(ids.runBackendId)
    if (runId === undefined) throw new TwirpError(404, 'not_found', 'unknown workflow run')
    const name = body.name as string
    const inRun = (): StoredArtifact[] => store.artifacts.filter((a) => a.runId === runId)
    switch (rpc) {
      case 'CreateArtifact': {
        if (body.version !== 7 && body.version !== 4)
          throw new TwirpError(400, 'invalid_argument', 'unsupported version')
        if (inRun().some((a) => a.name === name && a.finalized)) {
          throw new TwirpError(
            409,
            'already_exists',
            `an artifact with this name already exists on the workflow run`
          )
        }
        const expires = body.expires_at ? new Date(body.expires_at as string) : undefined
        const a = store.create(
          runId,
          name,
          (body.mime_type as string | undefined) ?? 'application/zip',
          expires
        )
        return { ok: true, signed_upload_url: store.signedUrl(a, 'w') }
      }
      case 'FinalizeArtifact': {
        const a = inRun()
          .filter((x) => x.name === name && !x.finalized)
          .pop()
        if (!a || !a.content) throw new TwirpError(404, 'not_found', 'no uploaded blob for this artifact')
        if (String(a.content.length) !== body.size) {
          throw new TwirpError(
            400,
            'invalid_argument',
            `size ${String(body.size)} != uploaded ${a.content.length}`
          )
        }
        const digest = `sha256:${createHash('sha256').update(a.content).digest('hex')}`
        if (body.hash !== undefined && body.hash !== digest) {
          throw new TwirpError(400, 'invalid_argument', 'hash does not match the uploaded content')
        }
        a.finalized = true
        a.size = a.content.length
        a.digest = digest
        return { ok: true, artifact_id: String(a.id) }
      }
      case 'ListArtifacts': {
        const nameFilter = body.name_filter as string | undefined
        const idFilter = body.id_filter as string | undefined
        const list = store
          .forRun(runId)
          .filter(
            (a) =>
              !a.expired && (!nameFilter || a.name === nameFilter) && (!idFilter || String(a.id) === idFilter)
          )
        return {
          artifacts: list.map((a) => ({
            workflow_run_backend_id: a.runBackendId,
            workflow_job_run_backend_id: a.jobBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.size),
            created_at: a.createdAt.toISOString(),
            ...(a.digest ? { digest: a.digest } : {})
          }))
        }
      }
      case 'GetSignedArtifactURL': {
        const a = store.forRun(runId).find((x) => x.name === name && !x.expired)
        if (!a) throw new TwirpError(404, 'not_found', 'artifact not found')
        return { signed_url: store.signedUrl(a, 'r') }
      }
      case 'DeleteArtifact': {
        const i = store.artifacts.findIndex((x) => x.runId === runId && x.name === name && x.finalized)
        if (i < 0) throw new TwirpError(404, 'not_found', 'artifact not found')
        const [a] = store.artifacts.splice(i, 1)
        return { ok: true, artifact_id: String(a!.id) }
      }
      default:
        throw new TwirpError(404, 'bad_route', `no method ${rpc}`)
    }
  }

  function blob(
    method: string,
    u: URL,
    req: IncomingMessage,
    body: Buffer,
    a: StoredArtifact,
    reply: (status: number, headers: Record<string, string>, data?: Buffer | string) => void
  ): void {
    const sp = u.searchParams.get('sp')
    const sig = u.searchParams.get('sig')
    const okSig = (sp === 'w' && sig === a.uploadSig) || (sp === 'r' && sig === a.downloadSig)
    if (!okSig) return reply(403, { 'content-type': 'application/xml' }, azureError('AuthenticationFailed'))
    const common = {
      'x-ms-request-id': 'fake-request',
      'x-ms-version': '2023-11-03',
      etag: `"0x${a.blobKey.replace(/-/g, '').slice(0, 15).toUpperCase()}"`,
      'last-modified': a.updatedAt.toUTCString(),
      date: new Date().toUTCString()
    }
    const comp = u.searchParams.get('comp')
    if (method === 'PUT' && sp === 'w' && !a.finalized) {
      if (comp === 'block') {
        const id = u.searchParams.get('blockid')
        if (!id)
          return reply(400, { 'content-type': 'application/xml' }, azureError('InvalidQueryParameterValue'))
        a.blocks.set(id, body)
        return reply(201, { ...common, 'x-ms-request-server-encrypted': 'true' })
      }
      if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map(
          (x) => x[1]!
        )
        const parts: Buffer[] = []
        for (const id of ids) {
          const part = a.blocks.get(id)
          if (!part) return reply(400, { 'content-type': 'application/xml' }, azureError('InvalidBlockList'))
          parts.push(part)
        }
        a.content = Buffer.concat(parts)
        a.blocks.clear()
        const type = req.headers['x-ms-blob-content-type']
        if (typeof type === 'string') a.mimeType = type
        return reply(201, { ...common, 'x-ms-request-server-encrypted': 'true' })
      }
      if (!comp && req.headers['x-ms-blob-type'] === 'BlockBlob') {
        a.content = body
        return reply(201, { ...common, 'x-ms-request-server-encrypted': 'true' })
      }
    }
    if ((method === 'GET' || method === 'HEAD') && sp === 'r' && a.finalized && a.content) {
      const file = a.mimeType === 'application/zip' ? `${a.name}.zip` : a.name
      return reply(
        200,
        {
          ...common,
          'content-type': a.mimeType,
          'content-length': String(a.content.length),
          'content-disposition': `attachment; filename="${file.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
          'x-ms-blob-type': 'BlockBlob'
        },
        method === 'GET' ? a.content : undefined
      )
    }
    violations.push(`blob: unexpected ${method} ${u.pathname}${u.search.replace(/sig=[^&]+/, 'sig=…')}`)
    reply(400, { 'content-type': 'application/xml' }, azureError('UnsupportedHttpVerb'))
  }

  return {
    url,
    store,
    violations,
    requests,
    inject(rule) {
      faults.push({ ...rule })
    },
    clientEnv(runId, githubApiUrl) {
      return {
        ACTIONS_RESULTS_URL: `${url}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeTokenFor(store.backendIdsFor(runId)),
        GITHUB_SERVER_URL: 'http://github.localhost',
        GITHUB_API_URL: githubApiUrl
      }
    },
    assertNoViolations() {
      if (violations.length)
        throw new Error(`fake artifact service saw violations:\n${violations.join('\n')}`)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

function azureError(code: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>fake</Message></Error>`
}
