#!/usr/bin/env node
// Builds the committed bundles in dist/: dist/cli.js (the CLI's bin) and dist/index.js (the Action),
// self-contained ESM with shared code and lazily loaded parts (the artifact client) split into
// dist/chunks/, so a cold start parses only what it runs. CI rebuilds them and fails when the result
// differs from what is committed (check-dist).
import { build } from 'esbuild'
import { existsSync, rmSync } from 'node:fs'

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
