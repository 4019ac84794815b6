import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, describe, it } from 'node:test'
import { doctor, formatChecks, TOOLCHAIN, type Check } from '../src/doctor.js'
import { onlineCpus } from '../src/host.js'

const root = mkdtempSync(join(tmpdir(), 'agent-doctor-'))
const standIn = fileURLToPath(new URL('../../test/stand-in/bin/cargo-ktstr', import.meta.url))
/** The stand-in's cargo shim: `cargo ktstr`, `cargo install --list`, `cargo nextest --version`. */
const cargoShim = fileURLToPath(new URL('../../test/stand-in/bin/cargo', import.meta.url))
const standInBin = dirname(cargoShim)

/** A PATH directory holding executable stubs named `tools` (the toolchain doctor looks for). */
function fakeTools(name: string, tools: readonly string[]): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  for (const t of tools) writeFileSync(join(dir, t), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  return dir
}

/** PATH for a well-equipped host: the toolchain stubs, the stand-in's cargo, node. */
function hostPath(tools: readonly string[] = TOOLCHAIN): string {
  return [fakeTools(`tools-${tools.length}`, tools), standInBin, dirname(process.execPath)].join(delimiter)
}

/** A fake /sys with `n` CPUs, one governor for all, and an SMT state. */
function fakeSysfs(
  name: string,
  o: { online: string; governor?: string; smt?: string; hugepages?: [number, number]; cgroup2?: boolean }
): string {
  const sys = join(root, name)
  const cpu = join(sys, 'devices', 'system', 'cpu')
  mkdirSync(cpu, { recursive: true })
  writeFileSync(join(cpu, 'online'), `${o.online}\n`)
  for (let i = 0; i < (onlineCpus(o.online) ?? 0); i++) {
    mkdirSync(join(cpu, `cpu${i}`, 'cpufreq'), { recursive: true })
    if (o.governor) writeFileSync(join(cpu, `cpu${i}`, 'cpufreq', 'scaling_governor'), `${o.governor}\n`)
  }
  if (o.smt) {
    mkdirSync(join(cpu, 'smt'), { recursive: true })
    writeFileSync(join(cpu, 'smt', 'control'), `${o.smt}\n`)
  }
  if (o.hugepages) {
    const hp = join(sys, 'kernel', 'mm', 'hugepages', 'hugepages-2048kB')
    mkdirSync(hp, { recursive: true })
    writeFileSync(join(hp, 'nr_hugepages'), `${o.hugepages[0]}\n`)
    writeFileSync(join(hp, 'free_hugepages'), `${o.hugepages[1]}\n`)
  }
  if (o.cgroup2) {
    mkdirSync(join(sys, 'fs', 'cgroup'), { recursive: true })
    writeFileSync(join(sys, 'fs', 'cgroup', 'cgroup.controllers'), 'cpuset cpu io memory pids\n')
  }
  return sys
}

async function run(
  sysfs: string,
  extra: Partial<Parameters<typeof doctor>[0]> = {}
): Promise<Map<string, Check>> {
  const kvm = join(root, 'kvm')
  writeFileSync(kvm, '')
  const checks = await doctor({
    kvmDevice: kvm,
    ktstr: [cargoShim, 'ktstr'],
    runsRoot: join(root, 'out'),
    scratch: join(root, 'scratch'),
    sysfs,
    env: { PATH: hostPath(), KTSTR_LOCK_DIR: root },
    minFreeBytes: 0,
    ...extra
  })
  return new Map(checks.map((c) => [c.name, c]))
}

describe('doctor checks', () => {
  after(() => rmSync(root, { recursive: true, force: true }))

  it('a quiet perf host: performance governor, SMT off, 8 CPUs → all ok', async () => {
    const c = await run(
      fakeSysfs('good', {
        online: '0-7',
        governor: 'performance',
        smt: 'off',
        hugepages: [2048, 2048],
        cgroup2: true
      })
    )
    for (const name of [
      'kvm',
      'ktstr',
      'registry',
      'cargo-nextest',
      'toolchain',
      'hugepages',
      'cgroup',
      'lock-dir',
      'governor',
      'smt',
      'cpus',
      'perf-mode',
      'disk:out',
      'localfs:out',
      'git',
      'flock'
    ])
      assert.equal(c.get(name)?.status, 'ok', `${name}: ${c.get(name)?.detail}`)
    assert.equal(c.get('cpus')!.detail, '8 online CPUs (0-7)')
    assert.equal(c.get('governor')!.detail, 'cpufreq governor performance on 8 CPU(s)')
  })

  it('noise sources warn with a fix; too few CPUs and KTSTR_NO_PERF_MODE fail', async () => {
    const c = await run(fakeSysfs('noisy', { online: '0', governor: 'powersave', smt: 'on' }), {
      env: { PATH: hostPath(), KTSTR_NO_PERF_MODE: '1' }
    })
    assert.equal(c.get('governor')!.status, 'warn')
    assert.match(c.get('governor')!.fix!, /cpupower frequency-set -g performance/)
    assert.equal(c.get('smt')!.status, 'warn')
    assert.equal(c.get('cpus')!.status, 'fail')
    assert.equal(c.get('perf-mode')!.status, 'fail')
  })

  it('a missing KVM device and a missing ktstr fail, each with a fix', async () => {
    const c = await run(fakeSysfs('bare', { online: '0-3' }), {
      kvmDevice: join(root, 'nope'),
      ktstr: [join(root, 'no-cargo'), 'ktstr']
    })
    assert.equal(c.get('kvm')!.status, 'fail')
    assert.equal(c.get('kvm')!.detail, `${join(root, 'nope')} does not exist`)
    assert.equal(c.get('ktstr')!.status, 'fail')
    assert.match(c.get('ktstr')!.detail, /not found \(ENOENT\)/)
    assert.match(c.get('ktstr')!.fix!, /cargo install --locked ktstr/)
    assert.equal(c.get('governor')!.status, 'warn', 'no cpufreq at all')
    assert.equal(c.get('smt')!.status, 'warn', 'unknown SMT state')
  })

  it('identifies ktstr without --version: from the cargo install --list entry', async () => {
    const c = await run(fakeSysfs('ident', { online: '0-3' }))
    assert.equal(c.get('ktstr')!.status, 'ok')
    assert.equal(c.get('ktstr')!.detail, `\`${cargoShim} ktstr\` is ktstr v0.5.2 (from cargo install --list)`)
    // A ktstr that runs but that no cargo lists: it works, its version is unknown (warn, not fail).
    const bare = await run(fakeSysfs('ident2', { online: '0-3' }), {
      ktstr: [standIn, 'ktstr'],
      env: { PATH: [fakeTools('nocargo', TOOLCHAIN), dirname(process.execPath)].join(delimiter) }
    })
    assert.equal(bare.get('ktstr')!.status, 'warn')
    assert.match(bare.get('ktstr')!.detail, /runs, but its version is unknown/)
    assert.match(bare.get('ktstr')!.fix!, /cargo install --locked ktstr/)
  })

  it('missing cargo-nextest and kernel build tools fail, each with a fix', async () => {
    const c = await run(fakeSysfs('tools', { online: '0-3' }), {
      env: {
        PATH: hostPath(TOOLCHAIN.filter((t) => t !== 'flex' && t !== 'clang')),
        KTSTR_STANDIN_NO_NEXTEST: '1',
        KTSTR_LOCK_DIR: root
      }
    })
    assert.equal(c.get('cargo-nextest')!.status, 'fail')
    assert.equal(c.get('cargo-nextest')!.fix, 'cargo install --locked cargo-nextest')
    assert.equal(c.get('toolchain')!.status, 'fail')
    assert.match(c.get('toolchain')!.detail, /^not on PATH: clang, flex /)
    assert.match(
      c.get('toolchain')!.fix!,
      /apt install clang pkg-config make gcc autoconf autopoint flex bison gawk/
    )
  })

  it('hugepages: none reserved or none free warn (perf mode falls back to regular pages)', async () => {
    const none = await run(fakeSysfs('hp0', { online: '0-3' }))
    assert.equal(none.get('hugepages')!.status, 'warn')
    const used = await run(fakeSysfs('hp1', { online: '0-3', hugepages: [64, 0] }))
    assert.equal(used.get('hugepages')!.status, 'warn')
    assert.match(used.get('hugepages')!.detail, /64 2 MB hugepages reserved, 0 free/)
    assert.match(used.get('hugepages')!.fix!, /hugepages-2048kB\/nr_hugepages/)
    const ok = await run(fakeSysfs('hp2', { online: '0-3', hugepages: [64, 60] }))
    assert.equal(ok.get('hugepages')!.detail, '60 of 64 2 MB hugepages free')
  })

  it('cgroup v1 warns; an NFS lock dir (KTSTR_LOCK_DIR or /tmp) fails', async () => {
    const c = await run(fakeSysfs('cg', { online: '0-3' }), {
      env: { PATH: hostPath() },
      tmpDir: join(root, 'tmp-nfs'),
      fsType: async () => 0x6969
    })
    assert.equal(c.get('cgroup')!.status, 'warn')
    assert.equal(c.get('lock-dir')!.status, 'fail')
    assert.match(c.get('lock-dir')!.detail, /tmp-nfs \(KTSTR_LOCK_DIR unset\) is on NFS/)
    assert.match(c.get('lock-dir')!.fix!, /set KTSTR_LOCK_DIR/)
    const local = await run(fakeSysfs('cg2', { online: '0-3', cgroup2: true }))
    assert.equal(local.get('lock-dir')!.status, 'ok')
    assert.match(local.get('lock-dir')!.detail, /^KTSTR_LOCK_DIR /)
  })

  it('formats one aligned line per check, the fix after a dash', () => {
    const text = formatChecks([
      { name: 'kvm', status: 'fail', detail: '/dev/kvm does not exist', fix: 'enable KVM' },
      { name: 'git', status: 'ok', detail: 'git version 2', fix: null }
    ])
    assert.equal(text, 'FAIL kvm  /dev/kvm does not exist — fix: enable KVM\nok   git  git version 2')
  })

  it('counts online CPU lists', () => {
    assert.equal(onlineCpus('0-3,6'), 5)
    assert.equal(onlineCpus('0'), 1)
    assert.equal(onlineCpus('x'), null)
  })
})
