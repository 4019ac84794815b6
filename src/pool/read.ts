import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  type Dirent
} from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  isSidecarFileName,
  MAX_SIDECAR_BYTES,
  parseSidecar,
  type ParseResult,
  type MalformedSidecar,
  type Sidecar,
  SidecarPacker,
  withNullPrototypes
} from '../core/sidecar.js'
import { ARTIFACT_DIR_PREFIX } from './layout.js'

/** Everything read from a pool root: good sidecars and the files that could not be used. */
export interface PoolContents {
  root: string
  sidecars: Sidecar[]
  malformed: MalformedSidecar[]
  /** Run directories found (`{kernel}-{commit}[-dirty]`), relative to root. */
  runDirs: string[]
}

export interface ReadPoolOptions {
  /** Mark every sidecar `run_source: "archive"` (ktstr does so when --dir is not the default pool). */
  archive?: boolean
  /**
   * Keep only the sidecars this accepts (checked as each file is parsed, so a large pool's other
   * commits are never held in memory). Malformed files are reported either way.
   */
  keep?: (s: Sidecar) => boolean
  /**
   * Hold the kept sidecars packed (core/sidecar.ts SidecarPacker): their numbers in shared typed
   * arrays, maps rebuilt on each read of `values` / `phases`. For a large pool held while it is
   * compared; a reader that reads the maps often takes `unpack(s)` first.
   */
  pack?: boolean
  /**
   * Worker threads that read and parse beside the main thread. Default: one per core but one for
   * pools of at least WORKER_MIN_FILES sidecars, none below (a worker costs more than it saves there).
   */
  workers?: number
  /** Filled in with how the pool was read (tests, bench). */
  stats?: { batchesByWorkers: number }
}

/** Pools smaller than this are read on the main thread alone. */
export const WORKER_MIN_FILES = 2000
// Files per batch handed to a thread: enough to amortise a message, small enough to share the tail.
const BATCH = 250

/**
 * Reads a ktstr pool: `{root}/{run dir}/*.ktstr.json` and one subdirectory level below each run dir
 * (`run-1/ … run-N/`, gauntlet layouts); downloaded artifact directories (`ktstr-sidecars-*`, see
 * listRunDirs) hold run dirs one level deeper. Dot directories are not run dirs; symbolic links are not
 * followed (pools restored from artifacts are untrusted). A bad file is recorded and skipped; it never
 * stops the good ones. A missing root reads as an empty pool.
 */
export async function readPool(root: string, opts: ReadPoolOptions = {}): Promise<PoolContents> {
  const { files, runDirs } = listPool(root)
  const sidecars: Sidecar[] = []
  const malformed: MalformedSidecar[] = []
  const slim = new Slimmer()
  const packer = opts.pack ? new SidecarPacker() : null
  const take = (r: ParseResult) => {
    if (!r.ok) return void malformed.push(r.error)
    const s = slim.sidecar(r.sidecar, opts.archive === true)
    if (!opts.keep || opts.keep(s)) sidecars.push(packer ? packer.pack(s) : s)
  }
  const workers =
    opts.workers ?? (files.length >= WORKER_MIN_FILES ? Math.min(3, availableParallelism() - 1) : 0)
  if (workers > 0 && WORKER_FILE) {
    const byWorkers = await readInThreads(root, files, workers, take)
    if (opts.stats) opts.stats.batchesByWorkers = byWorkers
  } else {
    const reader = new SidecarReader()
    for (const rel of files) take(reader.read(root, rel))
  }
  return { root, sidecars, malformed, runDirs }
}

// The worker entry: read-worker.ts beside this file when run from source; in the bundles
// (scripts/bundle.mjs), dist/pool-reader.js beside dist/cli.js and dist/index.js, this code being
// in one of them or in dist/chunks/. Absent (another bundle) → the main thread reads alone.
const WORKER_FILE = ((): string | null => {
  const here = fileURLToPath(import.meta.url)
  const dir = path.dirname(here)
  const candidates = here.endsWith('.ts')
    ? [path.join(dir, 'read-worker.ts')]
    : [path.join(dir, 'pool-reader.js'), path.join(dir, '..', 'pool-reader.js')]
  return candidates.find((f) => existsSync(f)) ?? null
})()

/** A reader thread. From source (under tsx) it registers tsx itself: Node 20 does not hand the loader on. */
function startWorker<W>(Worker: new (f: string, o?: { eval: boolean }) => W, file: string): W {
  if (!file.endsWith('.ts')) return new Worker(file)
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  const entry = JSON.stringify(pathToFileURL(file).href)
  return new Worker(`import(${tsx}).then((m) => { m.register(); return import(${entry}) })`, { eval: true })
}

/**
 * Reads `files` with `n` worker threads and the main thread together, batches handed out in
 * order; each batch's results are folded in (in file order) as soon as every batch before it is in,
 * so no batch's sidecars wait longer than the slowest thread. The worker module loads only here.
 */
async function readInThreads(
  root: string,
  files: readonly string[],
  n: number,
  take: (r: ParseResult) => void
): Promise<number> {
  const { Worker } = await import('node:worker_threads')
  const batches: string[][] = []
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH))
  const done = new Array<ParseResult[] | undefined>(batches.length)
  let next = 0
  let folded = 0
  let byWorkers = 0
  const fold = () => {
    while (folded < batches.length && done[folded]) {
      for (const r of done[folded]!) take(r)
      done[folded++] = undefined
    }
  }
  const threads = Array.from({ length: n }, () => startWorker(Worker, WORKER_FILE!))
  try {
    // A worker that fails (cannot load, crashes) just stops taking batches; what it held is
    // read by the main thread below, so a thread problem never loses a file.
    const viaWorker = (w: InstanceType<typeof Worker>) =>
      new Promise<void>((resolve) => {
        const send = () => {
          if (next >= batches.length) return resolve()
          const id = next++
          w.postMessage({ id, root, files: batches[id] })
        }
        w.on('message', (m: { id: number; results: ParseResult[] }) => {
          done[m.id] = m.results.map((r) => (r.ok ? { ok: true, sidecar: withNullPrototypes(r.sidecar) } : r))
          byWorkers++
          send()
        })
        w.on('error', () => resolve())
        w.on('exit', () => resolve())
        send()
      })
    const reader = new SidecarReader()
    const own = async () => {
      while (next < batches.length) {
        const id = next++
        done[id] = batches[id]!.map((f) => reader.read(root, f))
        fold()
        // Let the workers' answers in between the main thread's own batches.
        await new Promise((r) => setImmediate(r))
      }
    }
    await Promise.all([own(), ...threads.map(viaWorker)])
    for (let id = folded; id < batches.length; id++)
      done[id] ??= batches[id]!.map((f) => reader.read(root, f))
    fold()
    return byWorkers
  } finally {
    await Promise.all(threads.map((w) => w.terminate()))
  }
}

export { ARTIFACT_DIR_PREFIX }

/**
 * The run directories of a pool, relative to root (`{kernel}-{commit}`, or
 * `ktstr-sidecars-…/{kernel}-{commit}` inside a downloaded artifact's directory), sorted.
 * Dot directories are skipped; links are not followed.
 */
export function listRunDirs(root: string): string[] {
  const runDirs: string[] = []
  for (const d of listDir(root)) {
    if (!d.isDirectory() || d.name.startsWith('.')) continue
    if (!d.name.startsWith(ARTIFACT_DIR_PREFIX)) {
      runDirs.push(d.name)
      continue
    }
    for (const r of listDir(path.join(root, d.name)))
      if (r.isDirectory() && !r.name.startsWith('.')) runDirs.push(path.join(d.name, r.name))
  }
  return runDirs.sort()
}

/** The sidecar files of a pool (pool-relative, sorted) and its run directories, without following links. */
export function listPool(root: string): { files: string[]; runDirs: string[] } {
  const files: string[] = []
  const runDirs = listRunDirs(root)
  for (const d of runDirs) {
    for (const e of listDir(path.join(root, d))) {
      const rel = path.join(d, e.name)
      if (e.isFile() && isSidecarFileName(e.name)) files.push(rel)
      else if (e.isDirectory() && !e.name.startsWith('.'))
        for (const f of listDir(path.join(root, rel)))
          if (f.isFile() && isSidecarFileName(f.name)) files.push(path.join(rel, f.name))
    }
  }
  files.sort()
  return { files, runDirs }
}

// O_NOFOLLOW: a file swapped for a link between listing and opening is refused, not followed.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)

/**
 * Reads sidecar files synchronously into one reused buffer: open, read, close per file (no stat,
 * no per-file buffer), which is what makes reading a pool as cheap as `readFileSync` + `JSON.parse`.
 */
export class SidecarReader {
  private buf = Buffer.allocUnsafe(64 * 1024)

  /** Reads and parses one pool-relative file; never throws. */
  read(root: string, rel: string): ParseResult {
    const file = rel.split(path.sep).join('/')
    let fd: number | undefined
    try {
      fd = openSync(path.join(root, rel), OPEN_FLAGS)
      const n = this.fill(fd)
      if (n > MAX_SIDECAR_BYTES) {
        const size = fstatSync(fd).size
        return bad(file, `file is ${size} bytes, over the ${MAX_SIDECAR_BYTES}-byte limit for a sidecar`)
      }
      return parseSidecar(this.buf.toString('utf8', 0, n), file)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      return bad(
        file,
        `cannot read: ${code === 'ELOOP' ? 'a symbolic link' : (code ?? (e as Error).message)}`
      )
    } finally {
      if (fd !== undefined) closeSync(fd)
    }
  }

  /** Reads to end of file or one byte past the size cap; returns the bytes read. */
  private fill(fd: number): number {
    let n = 0
    for (;;) {
      if (n === this.buf.length) {
        if (n > MAX_SIDECAR_BYTES) return n
        const bigger = Buffer.allocUnsafe(Math.min(this.buf.length * 4, MAX_SIDECAR_BYTES + 1))
        this.buf.copy(bigger, 0, 0, n)
        this.buf = bigger
      }
      const got = readSync(fd, this.buf, n, this.buf.length - n, null)
      if (got === 0) return n
      n += got
    }
  }
}

function bad(file: string, message: string): ParseResult {
  return { ok: false, error: { file, path: '$', message } }
}

/**
 * Shrinks what a pool holds per sidecar: identity strings shared between sidecars (one copy of
 * each test name, commit, kernel …), and of the free-form `host` object only the fields the
 * report names a host by. A 50,000-sidecar pool then holds numbers, not 50,000 copies of text.
 */
export class Slimmer {
  private strings = new Map<string, string>()
  private hosts = new Map<string, Record<string, string>>()

  /** The sidecar (fresh from the parser, so changed in place) with shared strings; `archive` marks its run source. */
  sidecar(s: Sidecar, archive: boolean): Sidecar {
    s.testName = this.str(s.testName)
    s.topology = this.str(s.topology)
    s.scheduler = this.str(s.scheduler)
    s.workType = this.str(s.workType)
    s.projectCommit = this.opt(s.projectCommit)
    s.kernel = this.opt(s.kernel)
    s.kernelCommit = this.opt(s.kernelCommit)
    s.runSource = archive ? 'archive' : this.opt(s.runSource)
    s.host = this.host(s.host)
    return s
  }

  private str(v: string): string {
    const known = this.strings.get(v)
    if (known !== undefined) return known
    this.strings.set(v, v)
    return v
  }

  private opt(v: string | null): string | null {
    return v === null ? null : this.str(v)
  }

  // The report names a host by cpu_model, else hostname, else kernel_release (core/compare.ts
  // sideInfo). One object per distinct host, shared by its sidecars (nothing changes it).
  private host(h: unknown): unknown {
    if (h === null || typeof h !== 'object' || Array.isArray(h)) return h ?? null
    const src = h as Record<string, unknown>
    let sig = ''
    for (const k of HOST_FIELDS) {
      const v = src[k]
      sig += typeof v === 'string' ? `${v.length}:${v}` : '-'
    }
    const known = this.hosts.get(sig)
    if (known) return known
    const out: Record<string, string> = {}
    for (const k of HOST_FIELDS) if (typeof src[k] === 'string') out[k] = this.str(src[k])
    this.hosts.set(sig, out)
    return out
  }
}

const HOST_FIELDS = ['cpu_model', 'hostname', 'kernel_release'] as const

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR')
      return []
    throw e
  }
}

/** The default pool root: `{CARGO_TARGET_DIR or target}/ktstr`, relative to cwd. */
export function defaultPoolRoot(env: NodeJS.ProcessEnv, cwd: string): string {
  return path.resolve(cwd, env.CARGO_TARGET_DIR || 'target', 'ktstr')
}

/** Passing runs available for a commit label: the most passing sidecars any one test has. */
export function runsAvailable(pool: PoolContents, commitLabel: string): number {
  const perTest = new Map<string, number>()
  for (const s of pool.sidecars) {
    if (s.projectCommit !== commitLabel || !s.passed || s.skipped || s.inconclusive) continue
    const k = `${s.testName}\u0000${s.topology}\u0000${s.scheduler}\u0000${s.workType}\u0000${s.kernel}`
    perTest.set(k, (perTest.get(k) ?? 0) + 1)
  }
  return Math.max(0, ...perTest.values())
}
