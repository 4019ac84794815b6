// In-memory artifact storage shared by the fake artifact service (twirp + blob, what the
// @actions/artifact client talks to inside a run) and the fake REST API (what `findBy` uses to
// list and download artifacts of another run). One store = one repository's artifacts.
import { createHash, randomBytes, randomUUID } from 'node:crypto'

/** One artifact as the backend keeps it. */
export interface StoredArtifact {
  id: number
  name: string
  runId: number
  runBackendId: string
  jobBackendId: string
  createdAt: Date
  updatedAt: Date
  expiresAt: Date | undefined
  /** Set by tests to simulate retention expiry. */
  expired: boolean
  finalized: boolean
  mimeType: string
  /** Committed blob content (undefined until the block list is committed). */
  content: Buffer | undefined
  /** Staged, uncommitted blocks by base64 block id. */
  blocks: Map<string, Buffer>
  size: number
  digest: string | undefined
  blobKey: string
  uploadSig: string
  downloadSig: string
}

/** Backend ids of one workflow run/job, as carried in the runtime token's `scp` claim. */
export interface BackendIds {
  runBackendId: string
  jobBackendId: string
}

export class ArtifactStore {
  readonly artifacts: StoredArtifact[] = []
  private nextId = 5000
  private readonly runIdByBackend = new Map<string, number>()
  /** Origin of the fake blob service, set when the artifact service starts. */
  blobOrigin: string | undefined

  /** Backend ids for a REST workflow run id (created on first use). */
  backendIdsFor(runId: number): BackendIds {
    for (const [backend, id] of this.runIdByBackend) {
      if (id === runId) return { runBackendId: backend, jobBackendId: jobIdFor(backend) }
    }
    const runBackendId = randomUUID()
    this.runIdByBackend.set(runBackendId, runId)
    return { runBackendId, jobBackendId: jobIdFor(runBackendId) }
  }

  runIdForBackend(runBackendId: string): number | undefined {
    return this.runIdByBackend.get(runBackendId)
  }

  /** Creates an artifact record (not finalized) for a run. */
  create(runId: number, name: string, mimeType: string, expiresAt?: Date, now = new Date()): StoredArtifact {
    const ids = this.backendIdsFor(runId)
    const a: StoredArtifact = {
      id: this.nextId++,
      name,
      runId,
      runBackendId: ids.runBackendId,
      jobBackendId: ids.jobBackendId,
      createdAt: now,
      updatedAt: now,
      expiresAt,
      expired: false,
      finalized: false,
      mimeType,
      content: undefined,
      blocks: new Map(),
      size: 0,
      digest: undefined,
      blobKey: randomUUID(),
      uploadSig: randomBytes(12).toString('hex'),
      downloadSig: randomBytes(12).toString('hex')
    }
    this.artifacts.push(a)
    return a
  }

  /** Puts a finished artifact directly (e.g. a hostile zip "uploaded" by an earlier run). */
  put(runId: number, name: string, content: Buffer, mimeType = 'application/zip'): StoredArtifact {
    const a = this.create(runId, name, mimeType)
    a.content = content
    a.size = content.length
    a.digest = `sha256:${createHash('sha256').update(content).digest('hex')}`
    a.finalized = true
    return a
  }

  /** Finalized artifacts of one run. */
  forRun(runId: number): StoredArtifact[] {
    return this.artifacts.filter((a) => a.runId === runId && a.finalized)
  }

  byId(id: number): StoredArtifact | undefined {
    return this.artifacts.find((a) => a.id === id && a.finalized)
  }

  byBlobKey(key: string): StoredArtifact | undefined {
    return this.artifacts.find((a) => a.blobKey === key)
  }

  /** Signed blob URL for upload (`w`) or download (`r`), on 127.0.0.1. */
  signedUrl(a: StoredArtifact, perm: 'r' | 'w'): string {
    if (!this.blobOrigin)
      throw new Error('fake artifact store: no blob service started (start the artifact service)')
    const ext = a.mimeType === 'application/zip' ? '.zip' : ''
    const sig = perm === 'w' ? a.uploadSig : a.downloadSig
    const se = new Date(Date.now() + 3600_000).toISOString()
    return `${this.blobOrigin}/devstoreaccount1/actions-results/${a.blobKey}/${encodeURIComponent(a.name)}${ext}?sv=2023-11-03&sp=${perm}&se=${encodeURIComponent(se)}&sig=${sig}`
  }
}

function jobIdFor(runBackendId: string): string {
  // Deterministic per run so one run = one job here; enough for the client's claims.
  return createHash('sha256').update(runBackendId).digest('hex').slice(0, 32)
}

/** An unsigned runtime token whose `scp` claim carries the backend ids (the client only decodes it). */
export function runtimeTokenFor(ids: BackendIds): string {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url')
  const header = b64({ typ: 'JWT', alg: 'none' })
  const payload = b64({
    scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${ids.runBackendId}:${ids.jobBackendId}`,
    iss: 'fake-actions',
    exp: Math.floor(Date.now() / 1000) + 3600
  })
  return `${header}.${payload}.fake-signature`
}

/** Backend ids claimed by a runtime token, or undefined when it is malformed. */
export function idsFromRuntimeToken(token: string): BackendIds | undefined {
  const part = token.split('.')[1]
  if (!part) return undefined
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { scp?: unknown }
    if (typeof claims.scp !== 'string') return undefined
    for (const scope of claims.scp.split(' ')) {
      const [kind, run, job] = scope.split(':')
      if (kind === 'Actions.Results' && run && job) return { runBackendId: run, jobBackendId: job }
    }
  } catch {
    return undefined
  }
  return undefined
}
