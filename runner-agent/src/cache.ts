import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import * as z from 'zod'
import { isSidecarFileName } from '../../src/core/sidecar.js'
import { MANIFEST_FILE, readManifest } from '../../src/pool/manifest.js'
import { checkSidecars } from './pool.js'

/**
 * The host cache of produced baseline runs (DESIGN.md §6), keyed by
 * (commit, kernel, ktstr version, host fingerprint). Each entry is a directory of
 * `run-<i>/` subtrees plus `entry.json` listing every file's SHA-256. An entry that fails
 * any check (hashes, sidecar parse, manifest, key) is discarded with a warning, never used.
 */

export interface CacheKey {
  commit: string
  kernel: string
  ktstrVersion: string
  hostFingerprint: string
}

export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3
export const DEFAULT_MAX_AGE_DAYS = 14

/** Default cache root: $KTSTR_AGENT_CACHE_DIR, else $XDG_CACHE_HOME/ktstr-agent, else ~/.cache/ktstr-agent. */
export function defaultCacheDir(): string {
  if (process.env.KTSTR_AGENT_CACHE_DIR) return process.env.KTSTR_AGENT_CACHE_DIR
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ktstr-agent')
}

const entrySchema = z.object({
  schemaVersion: z.literal(1),
  key: z.string(),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  kernel: z.string(),
  ktstrVersion: z.string(),
  hostFingerprint: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  bytes: z.number().nonnegative(),
  runs: z
    .array(z.object({ dir: z.string().regex(/^run-\d+$/), files: z.record(z.string(), z.string()) }))
    .min(1)
})
export type CacheEntry = z.infer<typeof entrySchema>

/** The entry directory name for a key. */
export function cacheKey(k: CacheKey): string {
  return createHash('sha256')
    .update(JSON.stringify([k.commit, k.kernel, k.ktstrVersion, k.hostFingerprint]))
    .digest('hex')
    .slice(0, 32)
}

const ENTRY_FILE = 'entry.json'

function entriesDir(root: string): string {
  return join(root, 'entries')
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex')
}

/** Reads and verifies one entry; returns the reason it is unusable, or the entry. */
export async function verifyEntry(
  dir: string,
  expect?: CacheKey
): Promise<{ entry: CacheEntry } | { problem: string }> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(join(dir, ENTRY_FILE), 'utf8'))
  } catch (e) {
    return { problem: `${ENTRY_FILE} unreadable (${(e as Error).message})` }
  }
  const parsed = entrySchema.safeParse(raw)
  if (!parsed.success)
    return { problem: `${ENTRY_FILE} invalid at ${parsed.error.issues[0]!.path.join('.')}` }
  const entry = parsed.data
  if (expect) {
    if (entry.key !== cacheKey(expect))
      return { problem: `key mismatch (entry for ${entry.commit.slice(0, 7)})` }
    if (entry.commit !== expect.commit || entry.kernel !== expect.kernel)
      return { problem: 'commit or kernel mismatch' }
  }
  for (const run of entry.runs) {
    const runDir = join(dir, run.dir)
    const onDisk = (await readdir(runDir).catch(() => [] as string[])).sort()
    const listed = Object.keys(run.files).sort()
    if (JSON.stringify(onDisk) !== JSON.stringify(listed))
      return { problem: `${run.dir}: files differ from ${ENTRY_FILE}` }
    for (const [name, hash] of Object.entries(run.files))
      if ((await sha256File(join(runDir, name))) !== hash)
        return { problem: `${run.dir}/${name}: content changed (SHA-256 mismatch)` }
    const check = await checkSidecars(runDir, entry.commit.slice(0, 7))
    if (check.files.length === 0) return { problem: `${run.dir}: no sidecars` }
    if (check.malformed.length > 0) return { problem: `${run.dir}: ${check.malformed[0]}` }
    const m = await readManifest(runDir)
    if (!m.ok) return { problem: `${run.dir}: ${m.error}` }
  }
  return { entry }
}

/**
 * Looks an entry up. A corrupt one is removed and reported through `warn`; the caller then
 * produces the runs. On a hit, the entry's lastUsedAt is refreshed to `now` (for the LRU limit).
 */
export async function lookup(
  root: string,
  key: CacheKey,
  warn: (msg: string) => void,
  now: Date = new Date()
): Promise<{ dir: string; entry: CacheEntry } | null> {
  const dir = join(entriesDir(root), cacheKey(key))
  const exists = await stat(dir).then(
    () => true,
    () => false
  )
  if (!exists) return null
  const v = await verifyEntry(dir, key)
  if ('problem' in v) {
    warn(
      `cache entry ${cacheKey(key)} (baseline ${key.commit.slice(0, 7)}, kernel ${key.kernel}) is corrupt: ${v.problem}; discarded, the baseline will be produced`
    )
    await rm(dir, { recursive: true, force: true })
    return null
  }
  const entry = { ...v.entry, lastUsedAt: now.toISOString() }
  await writeFile(join(dir, ENTRY_FILE), JSON.stringify(entry, null, 2) + '\n')
  return { dir, entry }
}

/** The files of one run (sidecars and manifest.json), by name: what the cache keeps of it. */
export type RunFiles = ReadonlyMap<string, Buffer>

/** Reads the cacheable files (sidecars and manifest.json) of a run directory. */
export async function readRunFiles(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const f of (await readdir(dir)).sort())
    if (isSidecarFileName(f) || f === MANIFEST_FILE) out.set(f, await readFile(join(dir, f)))
  return out
}

/** Stores run directories (each with sidecars and manifest.json) as the entry for `key` (made at `now`), replacing any older one. */
export async function store(
  root: string,
  key: CacheKey,
  runDirs: readonly string[],
  now: Date = new Date()
): Promise<CacheEntry> {
  const runs: RunFiles[] = []
  for (const d of runDirs) runs.push(await readRunFiles(d))
  return storeRuns(root, key, runs, now)
}

/**
 * Stores runs given by content (taken by the caller when it made them, so nothing that ran
 * later can have changed them on disk) as the entry for `key`, replacing any older one.
 */
export async function storeRuns(
  root: string,
  key: CacheKey,
  runFiles: readonly RunFiles[],
  now: Date = new Date()
): Promise<CacheEntry> {
  const base = entriesDir(root)
  await mkdir(base, { recursive: true })
  const tmp = join(base, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`)
  const runs: CacheEntry['runs'] = []
  let bytes = 0
  try {
    for (const [i, content] of runFiles.entries()) {
      const name = `run-${i + 1}`
      const files: Record<string, string> = {}
      await mkdir(join(tmp, name), { recursive: true })
      for (const [f, data] of [...content].sort(([a], [b]) => a.localeCompare(b))) {
        if (!isSidecarFileName(f) && f !== MANIFEST_FILE) continue
        await writeFile(join(tmp, name, f), data)
        files[f] = createHash('sha256').update(data).digest('hex')
        bytes += data.length
      }
      runs.push({ dir: name, files })
    }
    const entry: CacheEntry = {
      schemaVersion: 1,
      key: cacheKey(key),
      ...pick(key),
      createdAt: now.toISOString(),
      lastUsedAt: now.toISOString(),
      bytes,
      runs
    }
    await writeFile(join(tmp, ENTRY_FILE), JSON.stringify(entry, null, 2) + '\n')
    const final = join(base, entry.key)
    await rm(final, { recursive: true, force: true })
    await rename(tmp, final)
    return entry
  } catch (e) {
    await rm(tmp, { recursive: true, force: true })
    throw e
  }
}

function pick(k: CacheKey): Pick<CacheEntry, 'commit' | 'kernel' | 'ktstrVersion' | 'hostFingerprint'> {
  return {
    commit: k.commit,
    kernel: k.kernel,
    ktstrVersion: k.ktstrVersion,
    hostFingerprint: k.hostFingerprint
  }
}

/** One line of `cache ls`. */
export interface CacheListing {
  key: string
  dir: string
  entry: CacheEntry | null
  problem: string | null
}

/** Lists entries (verifying each; `problem` says why one is unusable). */
export async function list(root: string): Promise<CacheListing[]> {
  const base = entriesDir(root)
  const names = (await readdir(base).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort()
  const out: CacheListing[] = []
  for (const key of names) {
    const dir = join(base, key)
    const v = await verifyEntry(dir)
    out.push(
      'problem' in v
        ? { key, dir, entry: null, problem: v.problem }
        : { key, dir, entry: v.entry, problem: null }
    )
  }
  return out
}

export interface GcResult {
  removed: Array<{ key: string; reason: string }>
  kept: number
  bytes: number
}

/**
 * Enforces the limits: corrupt entries and entries unused for longer than `maxAgeDays` go first,
 * then the least recently used until the total is at most `maxBytes`. Leftover temp dirs go too.
 */
export async function gc(
  root: string,
  limits: { maxBytes: number; maxAgeDays: number; now?: Date }
): Promise<GcResult> {
  const now = (limits.now ?? new Date()).getTime()
  const base = entriesDir(root)
  for (const n of await readdir(base).catch(() => [] as string[]))
    if (n.startsWith('.tmp-')) {
      const pid = Number(n.split('-')[1])
      if (!alive(pid)) await rm(join(base, n), { recursive: true, force: true })
    }
  const removed: GcResult['removed'] = []
  const live: Array<{ key: string; dir: string; entry: CacheEntry }> = []
  for (const l of await list(root)) {
    if (!l.entry) removed.push({ key: l.key, reason: `corrupt: ${l.problem}` })
    else if (now - Date.parse(l.entry.lastUsedAt) > limits.maxAgeDays * 86_400_000)
      removed.push({ key: l.key, reason: `unused for more than ${limits.maxAgeDays} days` })
    else {
      live.push({ key: l.key, dir: l.dir, entry: l.entry })
      continue
    }
    await rm(l.dir, { recursive: true, force: true })
  }
  live.sort((a, b) => Date.parse(a.entry.lastUsedAt) - Date.parse(b.entry.lastUsedAt))
  let total = live.reduce((s, l) => s + l.entry.bytes, 0)
  while (total > limits.maxBytes && live.length > 0) {
    const victim = live.shift()!
    total -= victim.entry.bytes
    removed.push({
      key: victim.key,
      reason: `over the ${limits.maxBytes}-byte cache limit (least recently used)`
    })
    await rm(victim.dir, { recursive: true, force: true })
  }
  return { removed, kept: live.length, bytes: total }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid)) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
