import { constants } from 'node:fs'
import { access, readFile } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../core/errors.js'
import { buildRegistry, bundledRegistry, type Registry } from '../core/registry.js'

/** `bundled` forces the snapshot, `live` requires `cargo ktstr`, `auto` prefers live; anything else is a file path. */
export type RegistryChoice = 'auto' | 'bundled' | 'live' | string

export interface LoadedRegistry {
  registry: Registry
  /** Why the live registry was not used, when `auto` fell back to the bundled one. */
  warning: string | null
}

/**
 * The metric registry for this run. With `auto`, a `cargo-ktstr` on PATH wins (its
 * `stats list-metrics --json`), so verdicts follow the ktstr the project actually uses;
 * otherwise the bundled snapshot. A file path loads list-metrics JSON saved earlier.
 */
export async function loadRegistry(choice: RegistryChoice, env: NodeJS.ProcessEnv): Promise<LoadedRegistry> {
  if (choice === 'bundled') return { registry: bundledRegistry(), warning: null }
  if (choice !== 'auto' && choice !== 'live') {
    let json: unknown
    try {
      json = JSON.parse(await readFile(choice, 'utf8'))
    } catch (e) {
      throw new UsageError(
        `--registry ${choice}: cannot read list-metrics JSON (${(e as Error).message})`,
        'save one with `cargo ktstr stats list-metrics --json > FILE`, or use --registry bundled'
      )
    }
    return { registry: buildRegistry(json, 'live', `list-metrics JSON from ${choice}`), warning: null }
  }
  const exe = await findOnPath('cargo-ktstr', env)
  if (!exe) {
    if (choice === 'live') {
      throw new UsageError(
        '--registry live: no cargo-ktstr on PATH',
        'install ktstr (cargo install ktstr) or use --registry bundled'
      )
    }
    return { registry: bundledRegistry(), warning: null }
  }
  try {
    // cargo runs a subcommand as `cargo-<name> <name> args…`; call it the same way without needing cargo.
    const out = await run(exe, ['ktstr', 'stats', 'list-metrics', '--json'], env)
    return {
      registry: buildRegistry(JSON.parse(out), 'live', `cargo ktstr stats list-metrics (${exe})`),
      warning: null
    }
  } catch (e) {
    if (choice === 'live') throw e
    return {
      registry: bundledRegistry(),
      warning: `cargo-ktstr at ${exe} did not give a usable registry (${oneLine(e)}); using the bundled snapshot`
    }
  }
}

async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue
    const p = path.join(dir, name)
    try {
      await access(p, constants.X_OK)
      return p
    } catch {
      // not here
    }
  }
  return null
}

async function run(exe: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  // Loaded only when there is a cargo-ktstr to run (node:child_process costs start-up time).
  const { execFile } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    execFile(exe, args, { env, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.trim().split('\n').pop() || err.message))
      else resolve(stdout)
    })
  })
}

function oneLine(e: unknown): string {
  return String((e as Error).message ?? e)
    .split('\n')[0]!
    .slice(0, 300)
}
