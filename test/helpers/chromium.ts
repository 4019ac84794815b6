/**
 * Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: fd 3
 * carries commands in, fd 4 results out, each message NUL-terminated), so one browser start
 * serves every page and width: the viewport is set exactly (the command-line `--window-size` has
 * a floor of 500 px), and screenshots are clipped to the content's height. No dependency beyond
 * Node and the `chromium` package.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { waitUntil } from './wait.js'

/** The first Chromium on PATH ($CHROMIUM, chromium, chromium-browser, google-chrome), or null. */
export function findChromium(): string | null {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome'].filter(
    Boolean
  ) as string[]) {
    try {
      execFileSync('/bin/sh', ['-c', `command -v "$1"`, 'sh', name], { stdio: 'pipe' })
      return name
    } catch {
      // try the next name
    }
  }
  return null
}

interface Pending {
  resolve: (v: Record<string, unknown>) => void
  reject: (e: Error) => void
}

/** One browser, one page; call `close()` when done. */
export class Browser {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private buffer = ''
  private session = ''
  private exited: string | null = null

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string
  ) {
    const out = child.stdio[4] as Readable
    out.setEncoding('utf8')
    out.on('data', (chunk: string) => this.receive(chunk))
    child.on('exit', (code, signal) => {
      this.exited = `chromium exited (${signal ?? code})`
      for (const p of this.pending.values()) p.reject(new Error(this.exited))
      this.pending.clear()
    })
  }

  static async launch(executable: string): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'))
    const child = spawn(
      executable,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        `--user-data-dir=${profile}`,
        '--remote-debugging-pipe',
        'about:blank'
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] }
    )
    child.stdio[2]!.resume() // Chromium's own chatter on stderr is not ours to read
    const b = new Browser(child, profile)
    const { targetInfos } = (await b.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string }[]
    }
    const page = targetInfos.find((t) => t.type === 'page')
    const targetId = page
      ? page.targetId
      : ((await b.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }).targetId
    b.session = (
      (await b.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string }
    ).sessionId
    return b
  }

  private receive(chunk: string): void {
    this.buffer += chunk
    let end: number
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const msg = JSON.parse(this.buffer.slice(0, end)) as {
        id?: number
        result?: Record<string, unknown>
        error?: { message: string }
      }
      this.buffer = this.buffer.slice(end + 1)
      const p = msg.id !== undefined ? this.pending.get(msg.id) : undefined
      if (!p) continue
      this.pending.delete(msg.id!)
      if (msg.error) p.reject(new Error(msg.error.message))
      else p.resolve(msg.result ?? {})
    }
  }

  /** Sends one DevTools command (to the page's session once attached) and awaits its result. */
  send(
    method: string,
    params: Record<string, unknown> = {},
    to: 'page' | 'browser' = 'page'
  ): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new Error(this.exited))
    const id = this.nextId++
    const session = to === 'page' && this.session ? { sessionId: this.session } : {}
    const msg = JSON.stringify({ id, method, params, ...session })
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      ;(this.child.stdio[3] as Writable).write(msg + '\0')
    })
  }

  /** Evaluates an expression in the page and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = (await this.send('Runtime.evaluate', { expression, returnByValue: true })) as {
      result: { value: T }
      exceptionDetails?: { text: string }
    }
    if (r.exceptionDetails) throw new Error(`page script failed: ${r.exceptionDetails.text}`)
    return r.result.value
  }

  /** Opens `url` in a viewport `width` px wide and waits until it has loaded. */
  async open(url: string, width: number): Promise<void> {
    await this.send('Emulation.setDeviceMetricsOverride', {
      width,
      height: 800,
      deviceScaleFactor: 1,
      mobile: false
    })
    await this.send('Page.navigate', { url })
    await waitUntil(
      async () =>
        (await this.evaluate<string>('document.readyState')) === 'complete' &&
        (await this.evaluate<string>('location.href')) === url,
      { what: `${url} to load`, timeoutMs: 60_000 }
    )
  }

  /** A PNG of the page at the current width, as tall as its body (longer or shorter than the viewport). */
  async screenshot(): Promise<Buffer> {
    const { width, height } = await this.evaluate<{ width: number; height: number }>(
      '({ width: document.documentElement.clientWidth, height: Math.ceil(document.body.getBoundingClientRect().bottom) })'
    )
    const r = (await this.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width, height, scale: 1 }
    })) as { data: string }
    return Buffer.from(r.data, 'base64')
  }

  async close(): Promise<void> {
    if (!this.exited) {
      await this.send('Browser.close', {}, 'browser').catch(() => undefined)
      await waitUntil(() => this.exited !== null, { what: 'chromium to exit', timeoutMs: 30_000 }).catch(() =>
        this.child.kill('SIGKILL')
      )
    }
    rmSync(this.profile, { recursive: true, force: true })
  }
}
