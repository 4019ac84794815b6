import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { cpus, hostname, release, totalmem } from 'node:os'
import { buildRegistry } from '../../src/core/registry.js'
import type { HostInfo } from '../../src/pool/manifest.js'
import { childEnv } from '../../src/core/child-env.js'
import { capture } from './proc.js'

/** Describes this host; the fingerprint keys the cache and lets the gate compare like with like. */
export function hostInfo(): HostInfo {
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown'
  const info = {
    hostname: hostname(),
    cpuModel,
    cpus: onlineCpus() ?? cpus().length,
    memoryBytes: totalmem(),
    kernelRelease: release()
  }
  // Memory is rounded to GiB so a few MiB of firmware reservation does not change the identity.
  const identity = JSON.stringify([
    info.hostname,
    info.cpuModel,
    info.cpus,
    Math.round(info.memoryBytes / 2 ** 30),
    info.kernelRelease
  ])
  return { fingerprint: createHash('sha256').update(identity).digest('hex').slice(0, 16), ...info }
}

/** Counts CPUs in /sys/devices/system/cpu/online (`0-3,6`), or null when unreadable. */
export function onlineCpus(text?: string): number | null {
  let list = text
  if (list === undefined) {
    try {
      list = readFileSync('/sys/devices/system/cpu/online', 'utf8')
    } catch {
      return null
    }
  }
  let n = 0
  for (const part of list.trim().split(',')) {
    if (!part) continue
    const [a, b] = part.split('-').map(Number)
    if (!Number.isInteger(a)) return null
    n += b === undefined ? 1 : b! - a! + 1
  }
  return n
}

export interface KtstrIdentity {
  version: string
  registryHash: string
  /** Why the registry could not be read, when it could not. */
  registryProblem: string | null
}

/** Asks the configured ktstr command for its version and metric registry hash. */
export async function ktstrIdentity(ktstr: readonly string[]): Promise<KtstrIdentity | { error: string }> {
  // ktstr runs without the runner's credentials, like the runs themselves (core/child-env.ts).
  const env = childEnv(process.env).env
  const v = await capture([...ktstr, '--version'], { timeoutMs: 60_000, env })
  if (v.spawnError) return { error: `${ktstr.join(' ')} not found (${v.spawnError.code})` }
  if (v.code !== 0)
    return { error: `${ktstr.join(' ')} --version exited ${v.code ?? v.signal}: ${firstLine(v.stderr)}` }
  const version = firstLine(v.stdout) || 'unknown'
  const m = await capture([...ktstr, 'stats', 'list-metrics', '--json'], { timeoutMs: 60_000, env })
  if (m.code !== 0)
    return {
      version,
      registryHash: 'unavailable',
      registryProblem: `list-metrics exited ${m.code ?? m.signal}`
    }
  try {
    const reg = buildRegistry(JSON.parse(m.stdout) as unknown, 'live', version)
    return { version, registryHash: reg.hash, registryProblem: null }
  } catch (e) {
    return { version, registryHash: 'unavailable', registryProblem: (e as Error).message }
  }
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0]?.trim() ?? ''
}
