import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { stdoutWriter, writeAll, type FdCalls } from '../../src/cli/stdout.js'

const STDOUT_TS = fileURLToPath(new URL('../../src/cli/stdout.ts', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const TEXT = ['{"unit":"µs",', '"test":"名前/テスト/🚀",', '"x":"<&>"}', '', '\n']

const dir = mkdtempSync(join(tmpdir(), 'ktstr-stdout-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const never = (): void => assert.fail('the stream was used')

/** Calls that report `fd` as a regular file and record each write, taking at most `max` bytes. */
function fakeFile(max: number): FdCalls & { bytes: number[] } {
  const bytes: number[] = []
  return {
    bytes,
    fstatSync: () => ({ isFile: () => true }),
    writeSync: (_fd, data) => {
      const b = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data)
      const n = Math.min(max, b.length)
      bytes.push(...b.subarray(0, n))
      return n
    }
  }
}

describe('stdoutWriter', () => {
  it('writes a regular file directly, every byte in order, never through the stream', () => {
    const file = join(dir, 'out.json')
    const fd = openSync(file, 'w')
    try {
      const write = stdoutWriter(fd, never)
      for (const s of TEXT) write(s)
    } finally {
      closeSync(fd)
    }
    assert.equal(readFileSync(file, 'utf8'), TEXT.join(''))
  })

  it('hands anything but a regular file to the stream (pipe, terminal, an fd fstat rejects)', () => {
    const stream = (): void => {}
    assert.equal(
      stdoutWriter(1, stream, { ...fakeFile(1), fstatSync: () => ({ isFile: () => false }) }),
      stream
    )
    const broken: FdCalls = {
      ...fakeFile(1),
      fstatSync: () => {
        throw Object.assign(new Error('EBADF'), { code: 'EBADF' })
      }
    }
    assert.equal(stdoutWriter(1, stream, broken), stream)
  })

  it('finishes partial writes without splitting or dropping a character', () => {
    for (const max of [1, 2, 3, 5, 1000]) {
      const calls = fakeFile(max)
      const write = stdoutWriter(7, never, calls)
      for (const s of TEXT) write(s)
      assert.equal(Buffer.from(calls.bytes).toString('utf8'), TEXT.join(''), `at most ${max} bytes a write`)
    }
  })

  it('throws when a write makes no progress instead of spinning', () => {
    let calls = 0
    const stuck: FdCalls = {
      fstatSync: () => ({ isFile: () => true }),
      writeSync: () => (calls++ === 0 ? 2 : 0)
    }
    assert.throws(() => writeAll(7, 'µs and more', stuck), /write\(2\) took 0 of \d+ bytes/)
  })

  it('a pipe that fills up still receives everything (the stream queues; no EAGAIN)', async () => {
    // A child writes 4 MiB through the writer into a pipe (64 KiB): the pipe fills many times over.
    const script = `
      import { stdoutWriter } from ${JSON.stringify(pathToFileURL(STDOUT_TS).href)}
      const write = stdoutWriter(1, (s) => process.stdout.write(s))
      const line = 'µs '.repeat(1000) + '\\n'
      for (let i = 0; i < 1400; i++) write(line)
    `
    const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const chunks: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => chunks.push(d))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    assert.equal(await exited, 0, stderr)
    const text = Buffer.concat(chunks).toString('utf8')
    assert.equal(text, `${'µs '.repeat(1000)}\n`.repeat(1400))
  })
})
