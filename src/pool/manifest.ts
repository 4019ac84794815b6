import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ARTIFACT_DIR_PREFIX } from './layout.js'
import * as z from 'zod'

/**
 * `manifest.json`: our provenance file in each run directory of a pool (DESIGN.md §5).
 * It is not a sidecar (its name lacks `.ktstr.`), so ktstr's tools and our pool reader
 * skip it. Written last, after the run's sidecars, so a run directory with a valid
 * manifest is a finished run.
 */

export const MANIFEST_FILE = 'manifest.json'
export const MANIFEST_KIND = 'ktstr-perf-gate/run-manifest'
/** Largest manifest accepted when reading; real ones are under 4 kB. */
export const MAX_MANIFEST_BYTES = 256 * 1024

const sha = z.string().regex(/^[0-9a-f]{40}$/, 'expected a 40-hex commit id')
const short = z.string().regex(/^[0-9a-f]{7}(-dirty)?$/, 'expected a 7-hex commit label')
const isoTime = z.string().datetime({ offset: true })

export const hostSchema = z.object({
  /** Stable hash of the host's identity (hostname, CPU model, CPUs, memory, kernel). */
  fingerprint: z.string().min(1),
  hostname: z.string(),
  cpuModel: z.string(),
  cpus: z.number().int().nonnegative(),
  memoryBytes: z.number().nonnegative(),
  kernelRelease: z.string()
})

export const manifestSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal(MANIFEST_KIND),
  /** `base` = the baseline side (A), `head` = the candidate side (B). */
  side: z.enum(['base', 'head']),
  commit: sha,
  /** The label ktstr writes into `project_commit` and the pool directory name. */
  commitShort: short,
  /** The `--kernel` value the run booted. */
  kernel: z.string().min(1),
  /** 1-based index of this run among its side's runs (the `run-<i>` directory). */
  runIndex: z.number().int().positive(),
  /** 1-based position in the produce's interleaved order; null when restored from the cache. */
  sequence: z.number().int().positive().nullable(),
  /** Runs this produce scheduled in total (both sides). */
  totalRuns: z.number().int().nonnegative(),
  startedAt: isoTime,
  endedAt: isoTime,
  durationMs: z.number().nonnegative(),
  exitStatus: z.object({ code: z.number().int().nullable(), signal: z.string().nullable() }),
  /**
   * `ok` = exit 0 and every test passed; `test-failure` = some test has no passing sample: it failed
   * (kept, never retried), or it was skipped or left no sidecar after every retry (see the lists below).
   */
  outcome: z.enum(['ok', 'test-failure']),
  /** How many times the run was started (1 + infrastructure retries). */
  attempts: z.number().int().positive(),
  /** Sidecar file names in this directory, sorted. */
  sidecars: z.array(z.string()),
  host: hostSchema,
  ktstrVersion: z.string(),
  /** Hash of the metric registry `stats list-metrics --json` printed on the host (registry.ts). */
  registryHash: z.string(),
  agentVersion: z.string(),
  /** `produced` = run by the agent now; `cache` = copied from the agent's host cache. */
  source: z.enum(['produced', 'cache']),
  /**
   * The produce call that made the run (a random id; kept when the run is copied from the cache).
   * Baseline runs with the id of one of HEAD's runs were made interleaved with them: the sentinel.
   */
  produceId: z.string().max(100).optional(),
  filter: z.string().nullable(),
  /** The argv of the ktstr command that produced the run (no shell). */
  command: z.array(z.string()),
  /** Where ktstrVersion came from (`cargo install --list`, `--version`, `unknown`): ktstr has no `--version`. */
  ktstrVersionSource: z.string().optional(),
  /** The ktstr version(s) the commit's Cargo.lock pins (what its tests build against), or null. */
  testKtstrVersion: z.string().nullable().optional(),
  /** Tests whose sidecar says failed or inconclusive, or that nextest reported failed. */
  failedTests: z.array(z.string()).optional(),
  /** Tests that wrote a skip sidecar (no sample; ResourceContention is the usual cause). */
  skippedTests: z.array(z.string()).optional(),
  /** Tests known to exist (nextest output, earlier attempts) that left no sidecar (no sample). */
  missingTests: z.array(z.string()).optional(),
  /** Why each retried attempt was retried (transient guest or host-resource failures). */
  retryReasons: z.array(z.string()).optional()
})

export type RunManifest = z.infer<typeof manifestSchema>
export type HostInfo = z.infer<typeof hostSchema>

export type ManifestResult = { ok: true; manifest: RunManifest } | { ok: false; error: string }

/** Validates parsed JSON as a manifest; the error names the JSON path of the first problem. */
export function parseManifest(text: string, file: string): ManifestResult {
  if (text.length > MAX_MANIFEST_BYTES)
    return { ok: false, error: `${file}: ${text.length} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit` }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { ok: false, error: `${file}: not valid JSON (${(e as Error).message})` }
  }
  const r = manifestSchema.safeParse(json)
  if (!r.success) {
    const issue = r.error.issues[0]!
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
    return { ok: false, error: `${file}: $${path}: ${issue.message}` }
  }
  return { ok: true, manifest: r.data }
}

/** Reads `dir/manifest.json`; a missing or invalid file is an error value, never a throw. */
export async function readManifest(dir: string): Promise<ManifestResult> {
  const file = join(dir, MANIFEST_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return { ok: false, error: `${file}: ${code === 'ENOENT' ? 'missing' : (e as Error).message}` }
  }
  return parseManifest(text, file)
}

/** Writes `dir/manifest.json` atomically (temp file + rename) after validating it. */
export async function writeManifest(dir: string, manifest: RunManifest): Promise<void> {
  const checked = manifestSchema.parse(manifest)
  await mkdir(dir, { recursive: true })
  const tmp = join(dir, `.${MANIFEST_FILE}.${process.pid}.tmp`)
  await writeFile(tmp, JSON.stringify(checked, null, 2) + '\n')
  await rename(tmp, join(dir, MANIFEST_FILE))
}

/** What a restored pool's runs must have been made with to be compared with this job's. */
export interface RunExpectation {
  /** The `--kernel` the runs booted (empty: not checked). */
  kernel: string
  /** Hash of the registry this job gates with (registry.ts). */
  registryHash: string
}

/** One run directory's manifest: where, and what reading it gave. */
export interface FoundManifest {
  /** `{kernel}-{commit}` or `{kernel}-{commit}/run-i`, relative to the pool root. */
  run: string
  result: ManifestResult
}

/**
 * The manifests of a pool: for each run dir (`{kernel}-{commit}`, filtered by `keep`), the dir
 * itself and its non-dot subdirectories (`run-i/`). Dirs without a manifest are skipped.
 */
export async function poolManifests(
  root: string,
  keep: (runDir: string) => boolean = () => true
): Promise<FoundManifest[]> {
  const out: FoundManifest[] = []
  const nonDotDirs = async (dir: string) =>
    (await readdir(dir, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
  // As the pool reader: a downloaded artifact's directory (`ktstr-sidecars-*/`) holds run dirs.
  const runDirs: string[] = []
  for (const d of await nonDotDirs(root))
    if (!d.startsWith(ARTIFACT_DIR_PREFIX)) runDirs.push(d)
    else for (const r of await nonDotDirs(join(root, d))) runDirs.push(`${d}/${r}`)
  for (const d of runDirs.filter(keep))
    for (const run of [d, ...(await nonDotDirs(join(root, d))).map((r) => `${d}/${r}`)]) {
      const result = await readManifest(join(root, run))
      if (!result.ok && result.error.endsWith(': missing')) continue
      out.push({ run, result })
    }
  return out
}

/** What a run restored from an artifact must be to join this job's pool as one side's run. */
export interface RestoreExpectation extends RunExpectation {
  /** The side's full commit id: the manifest must name it. */
  commit: string
  /** The side's label (`{commit7}[-dirty]`): the pool directory must end in `-{label}`. */
  label: string
}

/** Run dirs of an extracted artifact: those that may join the pool, and why the others may not. */
export interface RestorableRuns {
  /** `{kernel}-{label}/run-i`, relative to the artifact root. */
  runs: string[]
  refused: string[]
}

/**
 * Sorts an extracted artifact's runs (`{kernel}-{label}/run-i/`) into those this side may use and
 * those it may not. A run joins only with a valid manifest made for this side's commit, with this
 * job's kernel and metric registry: an artifact cannot bring another side's runs, a run without
 * provenance, or sidecars outside a run directory.
 */
export async function restorableRuns(root: string, expect: RestoreExpectation): Promise<RestorableRuns> {
  const out: RestorableRuns = { runs: [], refused: [] }
  const entries = async (dir: string) => await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const side of await entries(root)) {
    if (side.name.startsWith('.')) continue
    if (!side.isDirectory() || !side.name.endsWith(`-${expect.label}`)) {
      out.refused.push(`${side.name}: not a run directory of ${expect.label}`)
      continue
    }
    for (const e of await entries(join(root, side.name))) {
      const run = `${side.name}/${e.name}`
      if (e.name.startsWith('.')) continue
      if (!e.isDirectory()) {
        out.refused.push(`${run}: outside a run-<i>/ directory`)
        continue
      }
      const why = restoreMismatch(await readManifest(join(root, run)), expect)
      if (why) out.refused.push(`${run}: ${why}`)
      else out.runs.push(run)
    }
  }
  out.runs.sort()
  return out
}

function restoreMismatch(m: ManifestResult, expect: RestoreExpectation): string | null {
  if (!m.ok) return m.error.endsWith(': missing') ? `no ${MANIFEST_FILE}` : m.error
  const r = m.manifest
  if (r.commit !== expect.commit || r.commitShort !== expect.label)
    return `made for commit ${r.commitShort}, not ${expect.label}`
  if (expect.kernel && r.kernel !== expect.kernel) return `booted kernel ${r.kernel}, not ${expect.kernel}`
  if (r.registryHash !== expect.registryHash)
    return `made with metric registry ${r.registryHash}, this job gates with ${expect.registryHash} (another ktstr version)`
  return null
}

/**
 * Checks the manifests of every run dir under a restored pool (`{kernel}-{commit}/run-i/`): why the
 * runs do not match this job (other kernel, other registry), or null when they do. Run dirs
 * without a manifest (written by ktstr itself) cannot be checked and pass; a malformed
 * manifest does not.
 */
export async function manifestMismatch(root: string, expect: RunExpectation): Promise<string | null> {
  for (const { run, result: m } of await poolManifests(root)) {
    if (!m.ok) return `run ${run}: ${m.error}`
    if (expect.kernel && m.manifest.kernel !== expect.kernel)
      return `run ${run} booted kernel ${m.manifest.kernel}, not ${expect.kernel}`
    if (m.manifest.registryHash !== expect.registryHash)
      return `run ${run} was made with metric registry ${m.manifest.registryHash}, this job gates with ${expect.registryHash} (another ktstr version)`
  }
  return null
}
