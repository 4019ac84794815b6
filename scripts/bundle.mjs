#!/usr/bin/env node
// Builds the committed bundles in dist/: dist/cli.js (the CLI's bin) and dist/index.js (the Action),
// self-contained ESM with shared code and lazily loaded parts (the artifact client) split into
// dist/chunks/, so a cold start parses only what it runs. CI rebuilds them and fails when the result
// differs from what is committed (check-dist).
import { build } from 'esbuild'
import { existsSync, readFileSync, rmSync } from 'node:fs'

// A bundle built from node_modules that no longer match package-lock.json differs from CI's fresh
// build (check-dist fails after the push). npm records what it installed in node_modules/.package-lock.json.
function staleInstall() {
  const read = (file) => JSON.parse(readFileSync(file, 'utf8')).packages ?? {}
  if (!existsSync('node_modules/.package-lock.json')) return 'node_modules/.package-lock.json is missing'
  const locked = read('package-lock.json')
  const installed = read('node_modules/.package-lock.json')
  for (const [path, entry] of Object.entries(locked)) {
    if (!path.startsWith('node_modules/') || entry.optional || entry.link) continue
    const got = installed[path]
    if (!got) return `${path} ${entry.version} is locked but not installed`
    if (got.version !== entry.version) return `${path} is ${got.version}, the lock says ${entry.version}`
  }
  for (const path of Object.keys(installed)) {
    if (path.startsWith('node_modules/') && !locked[path]) return `${path} is installed but not in the lock`
  }
  return undefined
}
const stale = staleInstall()
if (stale) {
  console.error(`bundle: node_modules does not match package-lock.json (${stale}); run 'npm ci', then 'npm run bundle'`)
  process.exit(1)
}

const entryPoints = Object.fromEntries(
  [
    ['cli', 'src/cli/index.ts'],
    ['index', 'src/action/index.ts'],
    // The pool reader's worker thread (src/pool/read.ts starts it beside the bundle that runs).
    ['pool-reader', 'src/pool/read-worker.ts']
  ].filter(([, file]) => existsSync(file))
)

rmSync('dist', { recursive: true, force: true })
await build({
  entryPoints,
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'eof',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require() for Node built-ins; give each ESM file one.
  banner: {
    js: "import { createRequire as __ktstrCreateRequire } from 'node:module';\nconst require = __ktstrCreateRequire(import.meta.url);"
  }
})
for (const name of Object.keys(entryPoints)) console.log(`built dist/${name}.js`)
