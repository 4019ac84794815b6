import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Pools on disk for integration tests, made from the committed example pool
 * (`examples/pool/6.14.2-{1a2b3c4,5d6e7f8}/run-{1..5}/*.ktstr.json`).
 */

export const EXAMPLE_POOL = fileURLToPath(new URL('../../examples/pool', import.meta.url))
export const EXAMPLE_KERNEL = '6.14.2'
/** The example pool's baseline and HEAD commits. */
export const EXAMPLE_BASE = '1a2b3c4'
export const EXAMPLE_HEAD = '5d6e7f8'
export const EXAMPLE_RUNS = [1, 2, 3, 4, 5] as const

// Sidecars are deep JSON; callers edit known keys.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SidecarJson = Record<string, any>

export interface CopyOptions {
  /** Label written as the baseline side's `project_commit` and run-dir commit (default: unchanged). */
  baseLabel?: string
  headLabel?: string
  /** Run directories to copy per side (default all five). */
  runs?: readonly number[]
  /** Edits one sidecar before it is written. */
  edit?: (sidecar: SidecarJson, where: { side: 'base' | 'head'; run: number; file: string }) => void
}

/**
 * Copies the example pool into `root` as `{root}/6.14.2-{label}/run-{i}/…`, rewriting each
 * sidecar's `project_commit` to the side's label. Returns the run directories written, per side.
 */
export function copyExamplePool(root: string, opts: CopyOptions = {}): { base: string[]; head: string[] } {
  const out = { base: [] as string[], head: [] as string[] }
  const sides = [
    ['base', EXAMPLE_BASE, opts.baseLabel ?? EXAMPLE_BASE],
    ['head', EXAMPLE_HEAD, opts.headLabel ?? EXAMPLE_HEAD]
  ] as const
  for (const [side, from, to] of sides)
    for (const run of opts.runs ?? EXAMPLE_RUNS) {
      const src = join(EXAMPLE_POOL, `${EXAMPLE_KERNEL}-${from}`, `run-${run}`)
      const dst = join(root, `${EXAMPLE_KERNEL}-${to}`, `run-${run}`)
      mkdirSync(dst, { recursive: true })
      out[side].push(dst)
      for (const file of readdirSync(src).sort()) {
        const sidecar = JSON.parse(readFileSync(join(src, file), 'utf8')) as SidecarJson
        sidecar.project_commit = to
        opts.edit?.(sidecar, { side, run, file })
        writeFileSync(join(dst, file), JSON.stringify(sidecar, null, 2) + '\n')
      }
    }
  return out
}
