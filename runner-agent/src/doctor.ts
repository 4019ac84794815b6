import { constants } from 'node:fs'
import { access, readdir, readFile, stat, statfs } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { childEnv } from '../../src/core/child-env.js'
import { capture } from './proc.js'
import { ktstrIdentity, onlineCpus } from './host.js'

/**
 * `ktstr-agent doctor`: one line per check, with a fix when it fails. `fail` means this host
 * cannot produce trustworthy runs; `warn` means it can, with caveats (noisier samples).
 */

export type Status = 'ok' | 'warn' | 'fail'

export interface Check {
  name: string
  status: Status
  detail: string
  fix: string | null
}

export interface DoctorOptions {
  /** The KVM device; KTSTR_AGENT_KVM_DEVICE overrides for tests. */
  kvmDevice: string
  ktstr: string[]
  /** Pool root and scratch dir whose filesystems must be local and roomy. */
  runsRoot: string
  scratch: string
  /** sysfs root (tests point it at a fake tree). */
  sysfs: string
  env: NodeJS.ProcessEnv
  minFreeBytes: number
}

const GiB = 1024 ** 3

// statfs f_type values of network and FUSE filesystems (linux/magic.h).
const REMOTE_FS: Record<number, string> = {
  0x6969: 'NFS',
  0xff534d42: 'CIFS',
  0xfe534d42: 'SMB2',
  0x517b: 'SMB',
  0x65735546: 'FUSE',
  0x564c: 'NCP',
  0x6b414653: 'AFS',
  0x5346414f: 'AFS',
  0x47504653: 'GPFS',
  0x00c36400: 'CephFS',
  0x0bd00bd0: 'Lustre',
  0x01021997: '9p'
}

function ok(name: string, detail: string): Check {
  return { name, status: 'ok', detail, fix: null }
}
function bad(name: string, status: Exclude<Status, 'ok'>, detail: string, fix: string): Check {
  return { name, status, detail, fix }
}

async function checkKvm(dev: string): Promise<Check> {
  try {
    await access(dev, constants.F_OK)
  } catch {
    return bad(
      'kvm',
      'fail',
      `${dev} does not exist`,
      'run on a KVM-capable host: enable virtualization (VT-x/AMD-V, or nested virtualization on a cloud VM) and load the kvm_intel/kvm_amd module'
    )
  }
  try {
    await access(dev, constants.R_OK | constants.W_OK)
    return ok('kvm', `${dev} is readable and writable by this user`)
  } catch {
    return bad(
      'kvm',
      'fail',
      `${dev} exists but this user cannot read and write it`,
      'add the runner user to the kvm group (sudo usermod -aG kvm $USER, then log in again) or add a udev rule giving /dev/kvm mode 0666'
    )
  }
}

async function checkKtstr(ktstr: string[]): Promise<Check[]> {
  const id = await ktstrIdentity(ktstr)
  const cmd = ktstr.join(' ')
  if ('error' in id)
    return [
      bad(
        'ktstr',
        'fail',
        id.error,
        `install ktstr (cargo install --locked ktstr) so \`${cmd}\` runs, or pass --ktstr-command`
      )
    ]
  const reg = id.registryProblem
    ? bad(
        'registry',
        'warn',
        `\`${cmd} stats list-metrics --json\` unusable: ${id.registryProblem}`,
        'upgrade ktstr to a version with `stats list-metrics --json`'
      )
    : ok('registry', `metric registry hash ${id.registryHash}`)
  return [ok('ktstr', `\`${cmd}\` is ${id.version}`), reg]
}

async function readTrim(file: string): Promise<string | null> {
  try {
    return (await readFile(file, 'utf8')).trim()
  } catch {
    return null
  }
}

async function checkGovernor(sysfs: string): Promise<Check> {
  const cpuDir = `${sysfs}/devices/system/cpu`
  const cpus = (await readdir(cpuDir).catch(() => [] as string[])).filter((n) => /^cpu\d+$/.test(n))
  const govs = new Map<string, number>()
  for (const c of cpus) {
    const g = await readTrim(`${cpuDir}/${c}/cpufreq/scaling_governor`)
    if (g) govs.set(g, (govs.get(g) ?? 0) + 1)
  }
  if (govs.size === 0)
    return bad(
      'governor',
      'warn',
      'no cpufreq governor exposed (a VM or a kernel without cpufreq); frequency scaling is not controlled here',
      'on bare metal: sudo cpupower frequency-set -g performance'
    )
  const text = [...govs].map(([g, n]) => `${g} on ${n} CPU(s)`).join(', ')
  if (govs.size === 1 && govs.has('performance')) return ok('governor', `cpufreq governor ${text}`)
  return bad(
    'governor',
    'warn',
    `cpufreq governor ${text}; frequency scaling adds noise to perf runs`,
    'sudo cpupower frequency-set -g performance'
  )
}

async function checkSmt(sysfs: string): Promise<Check> {
  const c = await readTrim(`${sysfs}/devices/system/cpu/smt/control`)
  if (c === null)
    return bad(
      'smt',
      'warn',
      'SMT state unknown (no smt/control)',
      'check the BIOS or boot with nosmt if sibling threads are present'
    )
  if (c === 'on')
    return bad(
      'smt',
      'warn',
      'SMT is on: sibling hyperthreads share cores and add noise',
      'echo off | sudo tee /sys/devices/system/cpu/smt/control (or boot with nosmt)'
    )
  return ok('smt', `SMT ${c}`)
}

async function checkCpus(sysfs: string): Promise<Check> {
  const text = await readTrim(`${sysfs}/devices/system/cpu/online`)
  const n = text === null ? null : onlineCpus(text)
  if (n === null)
    return bad('cpus', 'warn', 'cannot read the online CPU list', 'check /sys/devices/system/cpu/online')
  if (n < 2)
    return bad(
      'cpus',
      'fail',
      `${n} online CPU: performance_mode needs cores for the guest plus one for the host`,
      'run on a host with at least 2 (better 4+) online CPUs'
    )
  if (n < 4)
    return bad(
      'cpus',
      'warn',
      `${n} online CPUs (${text}); few free cores for pinned vCPUs`,
      'prefer a host with 4 or more online CPUs'
    )
  return ok('cpus', `${n} online CPUs (${text})`)
}

function checkPerfMode(env: NodeJS.ProcessEnv): Check {
  const v = env.KTSTR_NO_PERF_MODE
  if (v !== undefined && v !== '')
    return bad(
      'perf-mode',
      'fail',
      `KTSTR_NO_PERF_MODE=${v} disables ktstr's performance mode; perf samples would be meaningless`,
      "remove KTSTR_NO_PERF_MODE from the runner's environment (its .env file or service unit)"
    )
  return ok('perf-mode', 'KTSTR_NO_PERF_MODE is not set')
}

async function checkDisk(dir: string, label: string, minFree: number): Promise<Check[]> {
  try {
    // The directory may not exist yet; its nearest existing ancestor is on the same filesystem.
    const s = await statfs(await existingAncestor(dir))
    const free = s.bavail * s.bsize
    const fsName = REMOTE_FS[s.type]
    const space =
      free < minFree
        ? bad(
            `disk:${label}`,
            'fail',
            `${dir}: ${(free / GiB).toFixed(1)} GiB free, under ${(minFree / GiB).toFixed(1)} GiB`,
            `free space on that filesystem or point --${label} elsewhere`
          )
        : ok(`disk:${label}`, `${dir}: ${(free / GiB).toFixed(1)} GiB free`)
    const local = fsName
      ? bad(
          `localfs:${label}`,
          'fail',
          `${dir} is on ${fsName} (network/FUSE); locks and timing are unreliable there`,
          `point --${label} at a local filesystem`
        )
      : ok(`localfs:${label}`, `${dir} is on a local filesystem (type 0x${s.type.toString(16)})`)
    return [space, local]
  } catch (e) {
    return [
      bad(
        `disk:${label}`,
        'fail',
        `${dir}: ${(e as Error).message}`,
        `create ${dir} or point --${label} at a writable directory`
      )
    ]
  }
}

async function existingAncestor(dir: string): Promise<string> {
  let d = resolve(dir)
  for (;;) {
    try {
      await stat(d)
      return d
    } catch {
      const up = dirname(d)
      if (up === d) return d
      d = up
    }
  }
}

async function checkTool(name: string, argv: string[], fix: string): Promise<Check> {
  const r = await capture(argv, { timeoutMs: 10_000, env: childEnv(process.env).env })
  if (r.spawnError || r.code !== 0) return bad(name, 'fail', `${argv[0]} not found or not working`, fix)
  return ok(name, r.stdout.trim().split('\n')[0] || r.stderr.trim().split('\n')[0] || argv[0]!)
}

/** Runs every check; order is the print order. */
export async function doctor(o: DoctorOptions): Promise<Check[]> {
  return [
    await checkKvm(o.kvmDevice),
    ...(await checkKtstr(o.ktstr)),
    await checkGovernor(o.sysfs),
    await checkSmt(o.sysfs),
    await checkCpus(o.sysfs),
    checkPerfMode(o.env),
    ...(await checkDisk(o.runsRoot, 'out', o.minFreeBytes)),
    ...(await checkDisk(o.scratch, 'scratch', o.minFreeBytes)),
    await checkTool('git', ['git', '--version'], 'install git (apt-get install git)'),
    await checkTool(
      'flock',
      ['flock', '--version'],
      'install util-linux (it provides flock, used for the host lock)'
    )
  ]
}

/** One aligned line per check: `ok   kvm        detail`, `FAIL kvm  detail — fix: …`. */
export function formatChecks(checks: readonly Check[]): string {
  const w = Math.max(...checks.map((c) => c.name.length))
  return checks
    .map(
      (c) =>
        `${c.status === 'ok' ? 'ok  ' : c.status === 'warn' ? 'warn' : 'FAIL'} ${c.name.padEnd(w)}  ${c.detail}${c.fix ? ` — fix: ${c.fix}` : ''}`
    )
    .join('\n')
}
