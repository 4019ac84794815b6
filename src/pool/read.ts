import { open, readdir } from 'node:fs/promises'
import path from 'node:path'
import {
  isSidecarFileName,
  MAX_SIDECAR_BYTES,
  parseSidecar,
  type ParseResult,
  type MalformedSidecar,
  type Sidecar
} from '../core/sidecar.js'

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
  /** Files read at once. */
  concurrency?: number
}

/**
 * Reads a ktstr pool: `{root}/{run dir}/*.ktstr.json` and one subdirectory level below each run dir
 * (`run-1/ … run-N/`, gauntlet layouts). Dot directories are not run dirs; symbolic links are not
 * followed (pools restored from artifacts are untrusted). A bad file is recorded and skipped; it never
 * stops the good ones. A missing root reads as an empty pool.
 */
export async function readPool(root: string, opts: ReadPoolOptions = {}): Promise<PoolContents> {
  const files: string[] = []
  const runDirs: string[] = []
  for (const d of await listDir(root)) {
    if (!d.isDirectory() || d.name.startsWith('.')) continue
    runDirs.push(d.name)
    for (const e of await listDir(path.join(root, d.name))) {
      const rel = path.join(d.name, e.name)
      if (e.isFile() && isSidecarFileName(e.name)) files.push(rel)
      else if (e.isDirectory() && !e.name.startsWith('.'))
        for (const f of await listDir(path.join(root, rel)))
          if (f.isFile() && isSidecarFileName(f.name)) files.push(path.join(rel, f.name))
    }
  }
  files.sort()
  runDirs.sort()

  const sidecars: Sidecar[] = []
  const malformed: MalformedSidecar[] = []
  const results = await mapLimit(files, opts.concurrency ?? 32, (rel) => readOne(root, rel))
  for (const r of results) {
    if (r.ok) sidecars.push(opts.archive ? { ...r.sidecar, runSource: 'archive' } : r.sidecar)
    else malformed.push(r.error)
  }
  return { root, sidecars, malformed, runDirs }
}

async function readOne(root: string, rel: string): Promise<ParseResult> {
  const file = rel.split(path.sep).join('/')
  let fh
  try {
    fh = await open(path.join(root, rel), 'r')
    const { size } = await fh.stat()
    if (size > MAX_SIDECAR_BYTES)
      return {
        ok: false,
        error: {
          file,
          path: '$',
          message: `file is ${size} bytes, over the ${MAX_SIDECAR_BYTES}-byte limit for a sidecar`
        }
      }
    return parseSidecar(await fh.readFile('utf8'), file)
  } catch (e) {
    return {
      ok: false,
      error: {
        file,
        path: '$',
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`
      }
    }
  } finally {
    await fh?.close()
  }
}

async function listDir(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR')
      return []
    throw e
  }
}

async function mapLimit<T, R>(xs: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length)
  let next = 0
  const worker = async () => {
    while (next < xs.length) {
      const i = next++
      out[i] = await fn(xs[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, worker))
  return out
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
