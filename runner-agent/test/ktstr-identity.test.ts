import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, describe, it } from 'node:test'
import { ktstrIdentity, lockedKtstrVersions, parseInstallList, testKtstrVersion } from '../src/host.js'

const dir = mkdtempSync(join(tmpdir(), 'agent-ident-'))
const cargoShim = fileURLToPath(new URL('../../test/stand-in/bin/cargo', import.meta.url))
const standIn = fileURLToPath(new URL('../../test/stand-in/bin/cargo-ktstr', import.meta.url))
const nodeDir = dirname(process.execPath)

describe('which ktstr, without --version', () => {
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('reads the cargo install --list entry that owns cargo-ktstr', () => {
    const list = [
      'cargo-nextest v0.9.100:',
      '    cargo-nextest',
      'ktstr v0.5.2 (https://github.com/likewhatevs/ktstr#25abb9c1):',
      '    cargo-ktstr',
      '    ktstr',
      'ripgrep v14.1.0:',
      '    rg',
      ''
    ].join('\n')
    assert.deepEqual(parseInstallList(list), {
      version: 'ktstr v0.5.2 (https://github.com/likewhatevs/ktstr#25abb9c1)',
      semver: '0.5.2'
    })
    assert.equal(
      parseInstallList('ktstr v0.5.2:\n    ktstr\n'),
      null,
      'only the ktstr binary, no cargo-ktstr'
    )
    assert.equal(parseInstallList(''), null)
  })

  it('reads the ktstr version(s) a Cargo.lock pins', () => {
    const lock = (pkgs: Array<[string, string]>): string =>
      'version = 4\n' +
      pkgs.map(([n, v]) => `\n[[package]]\nname = "${n}"\nversion = "${v}"\nsource = "registry+x"\n`).join('')
    assert.deepEqual(
      lockedKtstrVersions(
        lock([
          ['anyhow', '1.0.0'],
          ['ktstr', '0.5.2']
        ])
      ),
      ['0.5.2']
    )
    assert.deepEqual(
      lockedKtstrVersions(
        lock([
          ['ktstr', '0.6.0'],
          ['ktstr', '0.5.2']
        ])
      ),
      ['0.5.2', '0.6.0']
    )
    assert.deepEqual(lockedKtstrVersions(lock([['ktstr-macros', '0.5.2']])), [])
    writeFileSync(join(dir, 'Cargo.lock'), lock([['ktstr', '0.4.9']]))
    assert.equal(testKtstrVersion(dir), '0.4.9')
    assert.equal(testKtstrVersion(join(dir, 'none')), null, 'no Cargo.lock')
  })

  it('the stand-in (no --version, like real cargo-ktstr) is identified from cargo install --list', async () => {
    const id = await ktstrIdentity([cargoShim, 'ktstr'], { ...process.env, PATH: nodeDir })
    assert.ok(!('error' in id), JSON.stringify(id))
    assert.equal(id.version, 'ktstr v0.5.2')
    assert.equal(id.versionSource, 'cargo install --list')
    assert.equal(id.semver, '0.5.2')
    assert.match(id.registryHash, /^[0-9a-f]{8}$/)
  })

  it('a ktstr that does answer --version is taken at its word', async () => {
    const fake = join(dir, 'ktstr-with-version')
    writeFileSync(
      fake,
      `#!/bin/sh\nif [ "$1" = --version ]; then echo "cargo-ktstr 0.7.1"; exit 0; fi\nexec '${standIn}' "$@"\n`,
      { mode: 0o755 }
    )
    const id = await ktstrIdentity([fake], { ...process.env, PATH: nodeDir })
    assert.ok(!('error' in id))
    assert.deepEqual([id.version, id.versionSource, id.semver], ['cargo-ktstr 0.7.1', '--version', '0.7.1'])
  })

  it('no --version and no cargo listing: it still runs, version unknown', async () => {
    const id = await ktstrIdentity([standIn, 'ktstr'], {
      ...process.env,
      PATH: [dir, nodeDir].join(delimiter)
    })
    assert.ok(!('error' in id))
    assert.equal(id.versionSource, 'unknown')
    assert.equal(id.semver, null)
    assert.match(id.version, /^unknown \(/)
  })

  it('a ktstr that does not run at all is an error', async () => {
    const id = await ktstrIdentity([join(dir, 'nope')])
    assert.ok('error' in id)
    assert.match(id.error, /not found \(ENOENT\)/)
  })
})
