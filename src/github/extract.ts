// Safe extraction of an untrusted zip (an artifact from another workflow run, maybe a fork's).
// All-or-nothing: the central directory is read and checked in full before anything is
// written, and a failure while writing removes what was written. Rules: only regular files
// and directories (no symlinks, devices, FIFOs); relative paths of plain segments confined to
// the target (no absolute paths, drive letters, backslashes, `.`/`..`, NUL or control
// characters); no duplicate paths; caps on entry count, per-file and total uncompressed bytes
// — counted on the bytes actually inflated, not on the sizes the archive declares.
// yauzl does the zip parsing (it also rejects `..` and absolute names, and checks declared
// sizes against actual ones).
import { mkdir, open, rm, readdir } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'

export interface ExtractLimits {
  maxEntries: number
  maxFileBytes: number
  maxTotalBytes: number
  /** Longest relative path accepted, in characters. */
  maxPathLength: number
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxEntries: 20_000,
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxPathLength: 512
}

/** An archive we refuse, with the reason on one line. */
export class UnsafeArchiveError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'UnsafeArchiveError'
  }
}

const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

interface PlannedEntry {
  entry: yauzl.Entry
  path: string
  isDir: boolean
}

/** Printable form of an untrusted name for error messages. */
function shown(name: string): string {
  return JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name)
}

/** The reason `name` is not an acceptable relative path, or undefined when it is. */
export function unsafePathReason(
  name: string,
  maxLength = DEFAULT_EXTRACT_LIMITS.maxPathLength
): string | undefined {
  const trimmed = name.endsWith('/') ? name.slice(0, -1) : name
  if (trimmed.length === 0) return 'empty path'
  if (trimmed.length > maxLength) return `path longer than ${maxLength} characters`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'control character in path'
  if (trimmed.includes('\\')) return 'backslash in path'
  if (trimmed.startsWith('/') || /^[A-Za-z]:/.test(trimmed)) return 'absolute path'
  for (const seg of trimmed.split('/')) {
    if (seg === '..') return 'path escapes the target directory (..)'
    if (seg === '' || seg === '.') return 'empty or "." path segment'
  }
  return undefined
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(
      file,
      {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: true,
        validateEntrySizes: true,
        strictFileNames: true
      },
      (err, zip) => (err ? reject(err) : resolvePromise(zip))
    )
  })
}

async function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolvePromise, reject) => {
    const out: yauzl.Entry[] = []
    zip.on('entry', (e: yauzl.Entry) => {
      out.push(e)
      zip.readEntry()
    })
    zip.on('end', () => resolvePromise(out))
    zip.on('error', reject)
    zip.readEntry()
  })
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolvePromise, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolvePromise(stream)))
  })
}

/** Checks every entry of the central directory; returns what to create, in order. */
function plan(entries: yauzl.Entry[], limits: ExtractLimits, label: string): PlannedEntry[] {
  const seen = new Set<string>()
  const dirs = new Set<string>()
  const files = new Set<string>()
  const planned: PlannedEntry[] = []
  let declared = 0
  for (const entry of entries) {
    const name = entry.fileName
    const reason = unsafePathReason(name, limits.maxPathLength)
    if (reason) throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: ${reason}`)
    const madeBy = entry.versionMadeBy >> 8
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT
    const isDir = name.endsWith('/')
    // Unix-made entries carry a file type; anything but a regular file or directory is refused.
    if (madeBy === 3 && mode !== 0) {
      if (mode === 0o120000)
        throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: symbolic link`)
      if (mode !== (isDir ? S_IFDIR : S_IFREG)) {
        throw new UnsafeArchiveError(
          `${label}: entry ${shown(name)} rejected: not a regular file or directory`
        )
      }
    }
    if (entry.isEncrypted())
      throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: encrypted`)
    const path = isDir ? name.slice(0, -1) : name
    const key = path.toLowerCase()
    if (seen.has(key)) throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: duplicate path`)
    seen.add(key)
    const parts = path.split('/')
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/').toLowerCase()
      if (files.has(parent))
        throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: parent is a file`)
      dirs.add(parent)
    }
    if (isDir) dirs.add(key)
    else {
      if (dirs.has(key))
        throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: also a directory`)
      files.add(key)
      if (entry.uncompressedSize > limits.maxFileBytes) {
        throw new UnsafeArchiveError(
          `${label}: entry ${shown(name)} rejected: ${entry.uncompressedSize} bytes, over the ${limits.maxFileBytes}-byte file cap`
        )
      }
      declared += entry.uncompressedSize
    }
    planned.push({ entry, path, isDir })
  }
  if (declared > limits.maxTotalBytes) {
    throw new UnsafeArchiveError(
      `${label}: ${declared} bytes uncompressed, over the ${limits.maxTotalBytes}-byte cap`
    )
  }
  return planned
}

/** Extracts `zipFile` into `targetDir` (created; must be empty) under the rules above. */
export async function extractZipSafely(
  zipFile: string,
  targetDir: string,
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
  label = 'artifact'
): Promise<string[]> {
  await mkdir(targetDir, { recursive: true })
  if ((await readdir(targetDir)).length > 0) {
    throw new Error(`${label}: extraction target ${targetDir} is not empty — pass a fresh directory`)
  }
  let zip: yauzl.ZipFile
  try {
    zip = await openZip(zipFile)
  } catch (err) {
    throw new UnsafeArchiveError(`${label}: not a readable zip (${(err as Error).message.slice(0, 160)})`, {
      cause: err
    })
  }
  const root = resolve(targetDir)
  const written: string[] = []
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new UnsafeArchiveError(
        `${label}: ${zip.entryCount} entries, over the ${limits.maxEntries}-entry cap`
      )
    }
    let entries: yauzl.Entry[]
    try {
      entries = await readEntries(zip)
    } catch (err) {
      throw new UnsafeArchiveError(
        `${label}: rejected by the zip reader: ${(err as Error).message.slice(0, 160)}`,
        {
          cause: err
        }
      )
    }
    const planned = plan(entries, limits, label)
    let total = 0
    for (const p of planned) {
      const dest = resolve(root, ...p.path.split('/'))
      if (!dest.startsWith(root + sep)) {
        throw new UnsafeArchiveError(`${label}: entry ${shown(p.path)} rejected: resolves outside the target`)
      }
      if (p.isDir) {
        await mkdir(dest, { recursive: true })
        continue
      }
      await mkdir(dirname(dest), { recursive: true })
      const handle = await open(dest, 'wx', 0o644)
      written.push(p.path)
      let fileBytes = 0
      try {
        const stream = await openStream(zip, p.entry)
        for await (const chunk of stream) {
          const buf = chunk as Buffer
          fileBytes += buf.length
          total += buf.length
          if (fileBytes > limits.maxFileBytes || total > limits.maxTotalBytes) {
            stream.destroy()
            throw new UnsafeArchiveError(`${label}: entry ${shown(p.path)} inflates past the size cap`)
          }
          await handle.write(buf)
        }
      } catch (err) {
        if (err instanceof UnsafeArchiveError) throw err
        throw new UnsafeArchiveError(
          `${label}: entry ${shown(p.path)} is corrupt: ${(err as Error).message.slice(0, 160)}`,
          {
            cause: err
          }
        )
      } finally {
        await handle.close()
      }
    }
    return written
  } catch (err) {
    // All or nothing: leave no half-extracted tree behind.
    const left = await readdir(root)
    await Promise.all(left.map((n) => rm(join(root, n), { recursive: true, force: true })))
    throw err
  } finally {
    zip.close()
  }
}
