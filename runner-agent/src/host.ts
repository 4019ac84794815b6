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
  /** e.g. `ktstr v0.5.2` (from `cargo install --list`), or `unknown (…)` when nothing says. */
  version: string
  /** Where the version came from: ktstr's clap parsers carry no `version`, so `--version` usually fails. */
  versionSource: 'cargo install --list' | '--version' | 'unknown'
  /** The bare semver (`0.5.2`), or null. */
  semver: string | null
  registryHash: string
  /** Why the registry could not be read, when it could not. */
  registryProblem: string | null
}

const SEMVER = /\b(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\b/

/**
 * The `cargo install --list` entry of the package that installed `cargo-ktstr`
 * (`ktstr v0.5.2:` then indented binary names; `cargo install --locked ktstr` installs both
 * `ktstr` and `cargo-ktstr`), or null.
 */
export function parseInstallList(text: string): { version: string; semver: string } | null {
  let header: string | null = null
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) header = line.trim().replace(/:$/, '')
    else if (header && line.trim() === 'cargo-ktstr') {
      const m = /^\S+ v(\S+)/.exec(header)
      if (m && SEMVER.test(m[1]!)) return { version: header, semver: m[1]! }
    }
  }
  return null
}

/** Versions of the `ktstr` packages a Cargo.lock pins (several when two 0.x coexist), sorted. */
export function lockedKtstrVersions(lockText: string): string[] {
  const out = new Set<string>()
  for (const block of lockText.split(/^\[\[package\]\]\s*$/m).slice(1)) {
    const name = /^name\s*=\s*"([^"]*)"/m.exec(block)?.[1]
    const version = /^version\s*=\s*"([^"]*)"/m.exec(block)?.[1]
    if (name === 'ktstr' && version) out.add(version)
  }
  return [...out].sort()
}

/** The ktstr version a checkout's tests build against (its Cargo.lock), or null when it pins none. */
export function testKtstrVersion(checkoutDir: string): string | null {
  let text: string
  try {
    text = readFileSync(`${checkoutDir}/Cargo.lock`, 'utf8')
  } catch {
    return null
  }
  const v = lockedKtstrVersions(text)
  return v.length ? v.join(', ') : null
}

/** The cargo that `cargo install --list` should ask: the configured one when ktstr runs as `cargo ktstr`. */
export function cargoOf(ktstr: readonly string[]): string {
  return /(^|\/)cargo$/.test(ktstr[0] ?? '') ? ktstr[0]! : 'cargo'
}

/**
 * Identifies the configured ktstr command without relying on `--version` (real cargo-ktstr
 * has none: a clap usage error, exit 2): `--help` proves it runs; the version comes from
 * `--version` when that works, else from the `cargo install --list` entry owning cargo-ktstr.
 */
export async function ktstrIdentity(
  ktstr: readonly string[],
  // ktstr runs without the runner's credentials, like the runs themselves (core/child-env.ts).
  env: NodeJS.ProcessEnv = childEnv(process.env).env
): Promise<KtstrIdentity | { error: string }> {
  const cmd = ktstr.join(' ')
  const h = await capture([...ktstr, '--help'], { timeoutMs: 60_000, env })
  if (h.spawnError) return { error: `${cmd} not found (${h.spawnError.code})` }
  if (h.code !== 0) return { error: `${cmd} --help exited ${h.code ?? h.signal}: ${firstLine(h.stderr)}` }
  const id = await ktstrVersion(ktstr, env)
  const m = await capture([...ktstr, 'stats', 'list-metrics', '--json'], { timeoutMs: 60_000, env })
  if (m.code !== 0)
    return {
      ...id,
      registryHash: 'unavailable',
      registryProblem: `list-metrics exited ${m.code ?? m.signal}`
    }
  try {
    const reg = buildRegistry(JSON.parse(m.stdout) as unknown, 'live', id.version)
    return { ...id, registryHash: reg.hash, registryProblem: null }
  } catch (e) {
    return { ...id, registryHash: 'unavailable', registryProblem: (e as Error).message }
  }
}

async function ktstrVersion(
  ktstr: readonly string[],
  env: NodeJS.ProcessEnv
): Promise<Pick<KtstrIdentity, 'version' | 'versionSource' | 'semver'>> {
  const v = await capture([...ktstr, '--version'], { timeoutMs: 60_000, env })
  const out = firstLine(v.stdout)
  if (v.code === 0 && SEMVER.test(out))
    return { version: out, versionSource: '--version', semver: SEMVER.exec(out)![1]! }
  const l = await capture([cargoOf(ktstr), 'install', '--list'], { timeoutMs: 60_000, env })
  const entry = l.code === 0 ? parseInstallList(l.stdout) : null
  if (entry) return { version: entry.version, versionSource: 'cargo install --list', semver: entry.semver }
  return {
    version: 'unknown (no --version, no cargo-ktstr in cargo install --list)',
    versionSource: 'unknown',
    semver: null
  }
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0]?.trim() ?? ''
}
