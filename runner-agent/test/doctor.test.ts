import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, describe, it } from 'node:test'
import { doctor, formatChecks, type Check } from '../src/doctor.js'
import { onlineCpus } from '../src/host.js'

const root = mkdtempSync(join(tmpdir(), 'agent-doctor-'))
const standIn = fileURLToPath(new URL('../../test/stand-in/bin/cargo-ktstr', import.meta.url))

/** A fake /sys with `n` CPUs, one governor for all, and an SMT state. */
function fakeSysfs(name: string, o: { online: string; governor?: string; smt?: string }): string {
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
    ktstr: [standIn],
    runsRoot: join(root, 'out'),
    scratch: join(root, 'scratch'),
    sysfs,
    env: {},
    minFreeBytes: 0,
    ...extra
  })
  return new Map(checks.map((c) => [c.name, c]))
}

describe('doctor checks', () => {
  after(() => rmSync(root, { recursive: true, force: true }))

  it('a quiet perf host: performance governor, SMT off, 8 CPUs → all ok', async () => {
    const c = await run(fakeSysfs('good', { online: '0-7', governor: 'performance', smt: 'off' }))
    for (const name of [
      'kvm',
      'ktstr',
      'registry',
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
      env: { KTSTR_NO_PERF_MODE: '1' }
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
