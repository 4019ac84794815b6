import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  DEFAULT_EXTRACT_LIMITS,
  extractZipSafely,
  unsafePathReason,
  UnsafeArchiveError
} from '../../src/github/extract.js'
import { makeZip, type ZipEntrySpec } from '../fakes/zip.js'

let root: string
let n = 0

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gh-extract-'))
})
after(async () => {
  await rm(root, { recursive: true, force: true })
})

async function extract(
  entries: ZipEntrySpec[],
  limits = DEFAULT_EXTRACT_LIMITS
): Promise<{ dir: string; files: string[] }> {
  const zip = join(root, `a${n}.zip`)
  const dir = join(root, `out${n++}`)
  await writeFile(zip, makeZip(entries))
  const files = await extractZipSafely(zip, dir, limits, 'test artifact')
  return { dir, files }
}

async function rejects(
  entries: ZipEntrySpec[],
  pattern: RegExp,
  limits = DEFAULT_EXTRACT_LIMITS
): Promise<void> {
  const zip = join(root, `a${n}.zip`)
  const dir = join(root, `out${n++}`)
  await writeFile(zip, makeZip(entries))
  await assert.rejects(extractZipSafely(zip, dir, limits, 'test artifact'), (err: Error) => {
    assert.ok(
      err instanceof UnsafeArchiveError,
      `expected UnsafeArchiveError, got ${err.name}: ${err.message}`
    )
    assert.match(err.message, pattern)
    assert.doesNotMatch(err.message, /\n/)
    return true
  })
  // All or nothing: nothing of the archive is left behind, and nothing escaped beside it.
  assert.deepEqual(await readdir(dir), [])
  assert.deepEqual(
    (await readdir(root)).filter((f) => !/^(a|out)\d+(\.zip)?$/.test(f)),
    []
  )
}

describe('extractZipSafely', () => {
  it('extracts regular files and directories, stored and deflated', async () => {
    const { dir, files } = await extract([
      { name: '6.12-abc1234/' },
      { name: '6.12-abc1234/run-1/t.ktstr.json', data: '{"a":1}', method: 8 },
      { name: '6.12-abc1234/manifest.json', data: '{"m":2}' }
    ])
    assert.deepEqual(files.sort(), ['6.12-abc1234/manifest.json', '6.12-abc1234/run-1/t.ktstr.json'])
    assert.equal(await readFile(join(dir, '6.12-abc1234/run-1/t.ktstr.json'), 'utf8'), '{"a":1}')
  })

  const hostile: Array<[string, ZipEntrySpec[], RegExp]> = [
    [
      'parent traversal',
      [
        { name: 'ok.json', data: '1' },
        { name: '../escape.json', data: 'x' }
      ],
      /escape|\.\./
    ],
    ['nested traversal', [{ name: 'a/../../escape.json', data: 'x' }], /escape|\.\./],
    ['absolute path', [{ name: '/tmp/evil.json', data: 'x' }], /absolute/],
    ['drive letter', [{ name: 'C:/evil.json', data: 'x' }], /absolute/],
    ['backslash traversal', [{ name: '..\\evil.json', data: 'x' }], /backslash|invalid|escape/],
    ['symlink', [{ name: 'link', data: '/etc/passwd', mode: 0o120777 }], /symbolic link/],
    ['fifo', [{ name: 'fifo', mode: 0o010644 }], /not a regular file/],
    [
      'duplicate',
      [
        { name: 'a.json', data: '1' },
        { name: 'a.json', data: '2' }
      ],
      /duplicate/
    ],
    ['control character', [{ name: 'a\u0007.json', data: '1' }], /control character/],
    [
      'file under a file',
      [
        { name: 'a', data: '1' },
        { name: 'a/b', data: '2' }
      ],
      /parent is a file/
    ]
  ]
  for (const [what, entries, pattern] of hostile) {
    it(`rejects ${what}`, async () => {
      await rejects(entries, pattern)
    })
  }

  it('enforces the entry-count cap', async () => {
    const entries = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, data: 'x' }))
    await rejects(entries, /6 entries, over the 5-entry cap/, { ...DEFAULT_EXTRACT_LIMITS, maxEntries: 5 })
  })

  it('enforces the per-file and total caps on declared sizes', async () => {
    await rejects([{ name: 'big', data: 'x'.repeat(200) }], /file cap/, {
      ...DEFAULT_EXTRACT_LIMITS,
      maxFileBytes: 100
    })
    await rejects(
      [
        { name: 'a', data: 'x'.repeat(80) },
        { name: 'b', data: 'x'.repeat(80) }
      ],
      /over the 100-byte cap/,
      { ...DEFAULT_EXTRACT_LIMITS, maxTotalBytes: 100 }
    )
  })

  it('counts inflated bytes, not the sizes the archive declares (zip bomb lying about its size)', async () => {
    const bomb = Buffer.alloc(1 << 20, 0)
    await rejects(
      [{ name: 'bomb', data: bomb, method: 8, declaredSize: 10 }],
      /size cap|corrupt|rejected by the zip reader/,
      { ...DEFAULT_EXTRACT_LIMITS, maxFileBytes: 4096, maxTotalBytes: 4096 }
    )
  })

  it('refuses a non-empty target and a file that is not a zip', async () => {
    const dir = join(root, 'full')
    await writeFile(join(root, 'junk.zip'), 'not a zip')
    await assert.rejects(extractZipSafely(join(root, 'junk.zip'), join(root, 'fresh')), /not a readable zip/)
    await rm(join(root, 'junk.zip'))
    await rm(join(root, 'fresh'), { recursive: true, force: true })
    const zip = join(root, 'ok.zip')
    await writeFile(zip, makeZip([{ name: 'a', data: '1' }]))
    await extractZipSafely(zip, dir)
    await assert.rejects(extractZipSafely(zip, dir), /not empty/)
    await rm(dir, { recursive: true })
    await rm(zip)
  })
})

describe('unsafePathReason', () => {
  it('accepts plain relative paths and refuses the rest', () => {
    assert.equal(unsafePathReason('a/b/c.ktstr.json'), undefined)
    assert.equal(unsafePathReason('dir/'), undefined)
    for (const bad of ['', '/', '../a', 'a/../../b', '/abs', 'C:x', 'a\\b', 'a//b', './a', 'a/./b', 'a\0b']) {
      assert.notEqual(unsafePathReason(bad), undefined, bad)
    }
    assert.match(unsafePathReason('x'.repeat(600)) ?? '', /longer than/)
  })
})
