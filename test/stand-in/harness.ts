import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseManifest, type RunManifest } from '../../src/pool/manifest.js'
import { standInPath } from '../helpers/fixture-repo.js'

/**
 * Runs the real `ktstr-agent` (the committed bundle that `npx ktstr-agent` runs; the
 * runner-agent check-dist test keeps it equal to the source) as a subprocess against the
 * stand-in, with every host-wide path (lock, scratch, cache, out) in a private temp dir.
 */

export const AGENT_BIN = resolve(
  fileURLToPath(new URL('../../runner-agent/dist/ktstr-agent.js', import.meta.url))
)

export interface Sandbox {
  root: string
  out: string
  lock: string
  scratch: string
  cache: string
  state: string
  /** Flags pointing produce at the sandbox (append your own). */
  flags(): string[]
  /** agentEnv() plus the sandbox as the stand-in's host state (run counters never repeat across produces). */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv
  cleanup(): void
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'ktstr-agent-it-'))
  const s: Sandbox = {
    root,
    out: join(root, 'pool'),
    lock: join(root, 'host.lock'),
    scratch: join(root, 'scratch'),
    cache: join(root, 'cache'),
    state: join(root, 'standin-state'),
    flags: () => [
      '--out',
      s.out,
      '--lock-file',
      s.lock,
      '--scratch',
      s.scratch,
      '--cache-dir',
      s.cache,
      '--quiet'
    ],
    env: (extra: Record<string, string> = {}) => agentEnv({ KTSTR_STANDIN_STATE_DIR: s.state, ...extra }),
    cleanup: () => rmSync(root, { recursive: true, force: true })
  }
  return s
}

/** Environment for the agent: the stand-in first on PATH, no inherited KTSTR_* knobs. */
export function agentEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: standInPath() }
  for (const k of Object.keys(env)) if (k.startsWith('KTSTR_')) delete env[k]
  return { ...env, ...extra }
}

export interface AgentRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Starts the agent; `done` resolves when it exits. */
export function startAgent(
  args: string[],
  env: NodeJS.ProcessEnv = agentEnv()
): { child: ChildProcess; done: Promise<AgentRun>; stderrSoFar: () => string } {
  const child = spawn(process.execPath, [AGENT_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const done = new Promise<AgentRun>((r) =>
    child.on('close', (code, signal) => r({ code, signal, stdout, stderr }))
  )
  return { child, done, stderrSoFar: () => stderr }
}

/** Runs the agent to completion. */
export function runAgent(args: string[], env?: NodeJS.ProcessEnv): Promise<AgentRun> {
  return startAgent(args, env).done
}

// The one polling helper lives in test/helpers/wait.ts; re-exported for tests that import it from here.
export { waitFor } from '../helpers/wait.js'

/** A run directory of the pool with its manifest. */
export interface PoolRun {
  dir: string
  name: string
  manifest: RunManifest
  sidecars: string[]
}

/** Every entry of one side directory: run dirs (with manifests) and anything else by name. */
export function readSide(sideDir: string): { runs: PoolRun[]; other: string[] } {
  const runs: PoolRun[] = []
  const other: string[] = []
  if (!existsSync(sideDir)) return { runs, other }
  for (const name of readdirSync(sideDir).sort()) {
    const dir = join(sideDir, name)
    if (!/^run-\d+$/.test(name)) {
      other.push(name)
      continue
    }
    const m = parseManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'), dir)
    if (!m.ok) throw new Error(m.error)
    runs.push({
      dir,
      name,
      manifest: m.manifest,
      sidecars: readdirSync(dir)
        .filter((f) => f.endsWith('.ktstr.json'))
        .sort()
    })
  }
  runs.sort((a, b) => a.manifest.runIndex - b.manifest.runIndex)
  return { runs, other }
}

/** Every run of the pool (all side directories), in the produce's sequence order. */
export function readPool(out: string): PoolRun[] {
  if (!existsSync(out)) return []
  const all = readdirSync(out)
    .filter((d) => !d.startsWith('.'))
    .flatMap((d) => readSide(join(out, d)).runs)
  return all.sort((a, b) => (a.manifest.sequence ?? 0) - (b.manifest.sequence ?? 0))
}

/** True when nobody holds the host lock (a non-blocking flock succeeds). */
export async function lockIsFree(file: string): Promise<boolean> {
  const r = await new Promise<number | null>((res) => {
    const c = spawn('flock', ['-n', '-E', '75', file, 'true'], { stdio: 'ignore' })
    c.on('close', (code) => res(code))
  })
  return r === 0
}
