import { readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { isSidecarFileName, parseSidecar } from '../../src/core/sidecar.js'
import { readManifest } from '../../src/pool/manifest.js'

/** Staging directories start with a dot: ktstr and our pool reader skip dot dirs, so a half-written run never counts. */
export const STAGING_PREFIX = '.partial-'

/** ktstr's `{kernel}` slot of a run directory name: the last path component, filesystem-safe. */
export function kernelLabel(kernel: string): string {
  const base = kernel.replace(/\/+$/, '').split('/').pop() || 'unknown'
  return base.replace(/[^A-Za-z0-9._-]/g, '_')
}

/** `{out}/{kernel}-{commit7}`: the pool subtree of one side (DESIGN.md §5). */
export function sideDir(out: string, kernel: string, short: string): string {
  return join(out, `${kernelLabel(kernel)}-${short}`)
}

/** What a finished attempt left in its directory. */
export interface SidecarCheck {
  files: string[]
  /** Unparseable sidecars or ones whose project_commit is not ours, with the reason. */
  malformed: string[]
  /** Tests whose sidecar says passed: false (or skipped/inconclusive). */
  notPassed: string[]
  /** Tests whose sidecar says failed or inconclusive. */
  failed: string[]
  /** Tests whose sidecar says skipped (ResourceContention writes one and exits 0). */
  skipped: string[]
  /** test_name of every valid sidecar. */
  tests: string[]
}

/** Parses every sidecar in a run directory (top level) and checks it belongs to `short`. */
export async function checkSidecars(dir: string, short: string): Promise<SidecarCheck> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(isSidecarFileName).sort()
  const out: SidecarCheck = { files: names, malformed: [], notPassed: [], failed: [], skipped: [], tests: [] }
  for (const name of names) {
    const r = parseSidecar(await readFile(join(dir, name), 'utf8'), name)
    if (!r.ok) out.malformed.push(`${name}: ${r.error.path}: ${r.error.message}`)
    else if (r.sidecar.projectCommit !== short)
      out.malformed.push(`${name}: project_commit ${JSON.stringify(r.sidecar.projectCommit)} is not ${short}`)
    else {
      out.tests.push(r.sidecar.testName)
      if (!r.sidecar.passed || r.sidecar.skipped || r.sidecar.inconclusive)
        out.notPassed.push(r.sidecar.testName)
      if (r.sidecar.skipped) out.skipped.push(r.sidecar.testName)
      else if (!r.sidecar.passed || r.sidecar.inconclusive) out.failed.push(r.sidecar.testName)
    }
  }
  return out
}

/** A `run-<i>` directory already in the pool. */
export interface ExistingRun {
  index: number
  dir: string
  /** Has sidecars that parse, and a valid manifest if it has one: a finished run. */
  good: boolean
}

/** Lists `run-<i>` directories of a side; removes staging directories a killed agent left. */
export async function existingRuns(side: string, short: string): Promise<ExistingRun[]> {
  const entries = await readdir(side, { withFileTypes: true }).catch(() => [])
  const runs: ExistingRun[] = []
  for (const e of entries) {
    if (!e.isDirectory()) continue
    if (e.name.startsWith(STAGING_PREFIX)) {
      await rm(join(side, e.name), { recursive: true, force: true })
      continue
    }
    const m = /^run-(\d+)$/.exec(e.name)
    if (!m) continue
    const dir = join(side, e.name)
    const check = await checkSidecars(dir, short)
    let good = check.files.length > 0 && check.malformed.length === 0
    const hasManifest = await stat(join(dir, 'manifest.json')).then(
      () => true,
      () => false
    )
    if (good && hasManifest) good = (await readManifest(dir)).ok
    runs.push({ index: Number(m[1]), dir, good })
  }
  return runs.sort((a, b) => a.index - b.index)
}

/** Moves a finished staging directory to its `run-<i>` name (atomic on one filesystem). */
export async function publishRun(staging: string, final: string): Promise<void> {
  await rename(staging, final)
}
