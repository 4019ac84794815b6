import { constants } from 'node:fs'
import { access, readdir, readFile, stat, statfs } from 'node:fs/promises'
import { delimiter, dirname, join, resolve } from 'node:path'
import { childEnv } from '../../src/core/child-env.js'
import { capture } from './proc.js'
import { cargoOf, ktstrIdentity, onlineCpus } from './host.js'

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
  /** Where ktstr puts its LLC/CPU flocks when KTSTR_LOCK_DIR is unset (ktstr: /tmp). */
  tmpDir?: string
  /** statfs f_type of a path (tests fake a network filesystem). */
  fsType?: (path: string) => Promise<number>
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

async function checkKtstr(ktstr: string[], env: NodeJS.ProcessEnv): Promise<Check[]> {
  const id = await ktstrIdentity(ktstr, env)
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
  if (id.versionSource === 'unknown')
    return [
      bad(
        'ktstr',
        'warn',
        `\`${cmd}\` runs, but its version is ${id.version}; produce keeps no host cache without it`,
        'install ktstr with cargo install --locked ktstr, so cargo install --list names its version'
      ),
      reg
    ]
  return [ok('ktstr', `\`${cmd}\` is ${id.version} (from ${id.versionSource})`), reg]
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

/** The kernel/BPF build toolchain ktstr's getting-started guide lists (vendored libbpf, busybox). */
export const TOOLCHAIN = [
  'clang',
  'pkg-config',
  'make',
  'gcc',
  'autoconf',
  'autopoint',
  'flex',
  'bison',
  'gawk'
]

async function onPath(name: string, path: string): Promise<boolean> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      await access(join(dir, name), constants.X_OK)
      return true
    } catch {
      // not in this directory
    }
  }
  return false
}

async function checkToolchain(env: NodeJS.ProcessEnv): Promise<Check> {
  const missing: string[] = []
  for (const t of TOOLCHAIN) if (!(await onPath(t, env.PATH ?? ''))) missing.push(t)
  if (missing.length === 0) return ok('toolchain', TOOLCHAIN.join(', '))
  return bad(
    'toolchain',
    'fail',
    `not on PATH: ${missing.join(', ')} (ktstr builds its test crate, vendored libbpf and busybox with them)`,
    'sudo apt install clang pkg-config make gcc autoconf autopoint flex bison gawk (Fedora: sudo dnf install clang pkgconf make gcc autoconf gettext-devel flex bison gawk)'
  )
}

async function checkNextest(ktstr: string[], env: NodeJS.ProcessEnv): Promise<Check> {
  const argv = [cargoOf(ktstr), 'nextest', '--version']
  const r = await capture(argv, { timeoutMs: 60_000, env })
  if (r.spawnError || r.code !== 0)
    return bad(
      'cargo-nextest',
      'fail',
      `\`${argv.join(' ')}\` failed: \`cargo ktstr test\` runs \`cargo nextest run\``,
      'cargo install --locked cargo-nextest'
    )
  return ok('cargo-nextest', r.stdout.trim().split('\n')[0] || 'cargo nextest')
}

async function checkHugepages(sysfs: string): Promise<Check> {
  const dir = `${sysfs}/kernel/mm/hugepages/hugepages-2048kB`
  const totalText = await readTrim(`${dir}/nr_hugepages`)
  const total = Number(totalText)
  const free = Number(await readTrim(`${dir}/free_hugepages`))
  const fix = 'echo 2048 | sudo tee /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages'
  if (totalText === null || !Number.isFinite(total))
    return bad(
      'hugepages',
      'warn',
      'no 2 MB hugepage pool on this kernel; perf mode falls back to regular pages',
      fix
    )
  if (free <= 0)
    return bad(
      'hugepages',
      'warn',
      `${total} 2 MB hugepages reserved, ${Number.isFinite(free) ? free : 0} free: perf mode guest memory falls back to regular pages (noisier)`,
      fix
    )
  return ok('hugepages', `${free} of ${total} 2 MB hugepages free`)
}

async function checkLockDir(o: DoctorOptions): Promise<Check> {
  const dir = o.env.KTSTR_LOCK_DIR || o.tmpDir || '/tmp'
  const what = o.env.KTSTR_LOCK_DIR ? `KTSTR_LOCK_DIR ${dir}` : `${dir} (KTSTR_LOCK_DIR unset)`
  let type: number
  try {
    type = await (o.fsType ?? (async (p) => (await statfs(p)).type))(await existingAncestor(dir))
  } catch (e) {
    return bad(
      'lock-dir',
      'fail',
      `${what}: ${(e as Error).message}`,
      `create ${dir} or set KTSTR_LOCK_DIR to a local directory`
    )
  }
  const fsName = REMOTE_FS[type]
  if (fsName)
    return bad(
      'lock-dir',
      'fail',
      `${what} is on ${fsName}: ktstr's LLC/CPU flocks are unreliable there`,
      'set KTSTR_LOCK_DIR to a directory on a local filesystem (ext4, xfs, btrfs, tmpfs)'
    )
  return ok('lock-dir', `${what} is on a local filesystem`)
}

async function checkCgroup(sysfs: string): Promise<Check> {
  const c = await readTrim(`${sysfs}/fs/cgroup/cgroup.controllers`)
  if (c === null)
    return bad(
      'cgroup',
      'warn',
      `${sysfs}/fs/cgroup is not a cgroup v2 (unified) mount; ktstr manages its cgroups with cgroup v2`,
      'boot with systemd.unified_cgroup_hierarchy=1 (cgroup v2 is the default on current distros)'
    )
  return ok('cgroup', `cgroup v2 (controllers: ${c || 'none'})`)
}

/** Runs every check; order is the print order. */
export async function doctor(o: DoctorOptions): Promise<Check[]> {
  return [
    await checkKvm(o.kvmDevice),
    ...(await checkKtstr(o.ktstr, o.env)),
    await checkNextest(o.ktstr, o.env),
    await checkToolchain(o.env),
    await checkGovernor(o.sysfs),
    await checkSmt(o.sysfs),
    await checkCpus(o.sysfs),
    checkPerfMode(o.env),
    await checkHugepages(o.sysfs),
    await checkCgroup(o.sysfs),
    await checkLockDir(o),
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
