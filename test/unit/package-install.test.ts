// `npm ci` on each supported Node line prints no engine or install-script warning: every locked
// package's engines.node admits the oldest release of each line the toolchain supports, and every
// locked package with an install script is decided in package.json's allowScripts.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const read = (f: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`${ROOT}/${f}`, 'utf8')) as Record<string, unknown>
interface Locked {
  engines?: { node?: string } | string[]
  hasInstallScript?: boolean
  version?: string
}
const LOCK = read('package-lock.json').packages as Record<string, Locked>
const PKG = read('package.json') as { allowScripts?: Record<string, boolean>; engines: { node: string } }

/** The oldest release of each Node line the project supports (eslint 10 needs 20.19 / 22.13). */
const SUPPORTED = ['20.19.0', '22.13.0', '24.0.0']

type V = [number, number, number]
const parse = (v: string): V => {
  const [a = 0, b = 0, c = 0] = v.split('.').map((x) => (x === 'x' ? 0 : Number(x)))
  return [a, b, c]
}
const cmp = (x: V, y: V): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]

/** npm's engines.node ranges as the lock holds them: `||` of space-separated comparators. */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version)
  return range.split('||').some((alt) =>
    alt
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .every((c) => {
        const m = /^(>=|<=|>|<|\^|~)?(\d+(?:\.(?:\d+|x))?(?:\.(?:\d+|x))?)$/.exec(c)
        assert.ok(m, `engines comparator ${JSON.stringify(c)} in ${JSON.stringify(range)}`)
        const w = parse(m[2]!)
        const parts = m[2]!.split('.').length
        switch (m[1]) {
          case '>=':
            return cmp(v, w) >= 0
          case '<=':
            return cmp(v, w) <= 0
          case '>':
            return cmp(v, w) > 0
          case '<':
            return cmp(v, w) < 0
          case '^':
            return v[0] === w[0] && cmp(v, w) >= 0
          case '~':
            return v[0] === w[0] && v[1] === w[1] && cmp(v, w) >= 0
          default:
            return v[0] === w[0] && (parts < 2 || v[1] === w[1]) && (parts < 3 || v[2] === w[2])
        }
      })
  )
}

describe('npm ci on the supported Node versions', () => {
  it('reads npm ranges as npm does (the forms the lock holds)', () => {
    assert.ok(satisfies('20.19.0', '^18.18.0 || ^20.9.0 || >=21.1.0'))
    assert.ok(!satisfies('20.19.0', '>=22'))
    assert.ok(satisfies('20.19.0', '20 || >=22'))
    assert.ok(!satisfies('20.19.0', '^20.19.1 || >=24'))
    assert.ok(satisfies('24.0.0', '>= 0.6.0'))
    assert.ok(!satisfies('14.0.0', '>=16 || 14 >=14.17'))
  })

  for (const node of SUPPORTED)
    it(`every locked package admits Node ${node} (no EBADENGINE warning)`, () => {
      assert.ok(satisfies(node, PKG.engines.node), `the project's own engines: ${PKG.engines.node}`)
      const refused = Object.entries(LOCK)
        .filter(([path]) => path !== '')
        .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node)
        .filter(([, p]) => !satisfies(node, (p.engines as { node: string }).node))
        .map(([path, p]) => `${path}@${p.version}: ${(p.engines as { node: string }).node}`)
      assert.deepEqual(refused, [], 'pin or override these, or raise engines deliberately')
    })

  it('every locked package with an install script is decided in allowScripts (no install-scripts warning)', () => {
    const allow = PKG.allowScripts ?? {}
    const undecided = Object.entries(LOCK)
      .filter(([path, p]) => path !== '' && p.hasInstallScript)
      .map(([path, p]) => ({ name: path.replace(/^.*node_modules\//, ''), version: p.version }))
      .filter(({ name, version }) => !(name in allow) && !(`${name}@${version}` in allow))
    assert.deepEqual(undecided, [])
  })
})
