// The documents an adopter reads: the README opens with the adopter's path, defines the words the
// comment and the flags use, its workflow takes only inputs action.yml declares, and no document
// points at a file that is not in the repository.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DOCS = [
  'README.md',
  'bench/README.md',
  'examples/workflows/README.md',
  'runner-agent/README.md',
  'test/stand-in/README.md',
  'test/fakes/README.md'
]
// Written by the rendering test (the comment as a reviewer sees it), not by hand.
const GENERATED = new Set(['docs/comment.png'])
const read = (f: string): string => readFileSync(join(ROOT, f), 'utf8')
const README = read('README.md')

describe('the documents', () => {
  for (const doc of DOCS)
    it(`${doc}: every local link resolves, and no design document outside the repository is cited`, () => {
      const text = read(doc)
      assert.doesNotMatch(text, /DESIGN(\.md)?\b/, 'DESIGN.md is not in the repository')
      const missing = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1]!.split('#')[0]!)
        .filter((t) => t && !/^[a-z]+:/.test(t))
        .map((t) => join(dirname(doc), t))
        .filter((p) => !GENERATED.has(p) && !existsSync(join(ROOT, p)))
      assert.deepEqual(missing, [])
    })

  it('the README opens with the adopter’s path; developer material comes after it', () => {
    const heads = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1]!)
    assert.equal(heads[0], 'What a pull request gets')
    assert.ok(heads.indexOf('Adopt it') < heads.indexOf('Glossary'))
    assert.ok(heads.indexOf('Glossary') < heads.indexOf('Development'))
    assert.equal(heads.at(-1), 'Development')
    assert.match(README, /!\[[^\]]*\]\(docs\/comment\.png\)/, 'a rendered comment')
    assert.match(README, /\(runner-agent\/README\.md[#)]/, 'how to install the agent')
    assert.match(README, /\(examples\/workflows\/pr-gate\.yml\)/, 'the workflow to copy')
    assert.ok(README.split('\n').length < 600)
    assert.doesNotMatch(README, /^## gate speed$/m, 'the bench output lives in bench/README.md')
  })

  it('the glossary defines the terms the comment and the flags use', () => {
    const glossary = README.split(/^## Glossary$/m)[1]!.split(/^## /m)[0]!
    for (const term of [
      'sidecar',
      'pool',
      'dual gate',
      'polarity',
      'material',
      'separated',
      'host class',
      'shard',
      'top-up',
      'sentinel',
      'gate',
      'waiver'
    ])
      assert.match(glossary, new RegExp(`^\\| \\*\\*${term}\\*\\* +\\|`, 'm'), term)
  })

  it('the README’s workflow uses only inputs action.yml declares', () => {
    const declared = new Set(
      [
        ...(/^inputs:\n([\s\S]*?)^\S/m.exec(read('action.yml'))?.[1] ?? '').matchAll(
          /^ {2}([a-z0-9-]+):\s*$/gm
        )
      ].map((m) => m[1]!)
    )
    const yaml = /```yaml\n([\s\S]*?)```/.exec(README)![1]!
    const withBlock = /^ {8}with:\n((?: {10}.*\n)+)/m.exec(
      yaml.split('ktstr-perf-gate/ktstr-perf-gate@v1')[1]!
    )![1]!
    const keys = [...withBlock.matchAll(/^ {10}([a-z0-9-]+):/gm)].map((m) => m[1]!)
    assert.ok(keys.includes('kernel'))
    for (const k of keys) assert.ok(declared.has(k), `with: ${k} is not an input of action.yml`)
  })
})
