#!/usr/bin/env node
// Builds the committed bundles in dist/ (one self-contained ESM file per entry, no node_modules needed).
// CI rebuilds them and fails when the result differs from what is committed (check-dist).
import { build } from 'esbuild'
import { existsSync } from 'node:fs'

const entries = [
  { in: 'src/cli/index.ts', out: 'dist/cli.js' },
  { in: 'src/action/index.ts', out: 'dist/index.js' }
].filter((e) => existsSync(e.in))

for (const e of entries) {
  await build({
    entryPoints: [e.in],
    outfile: e.out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'eof',
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
    banner: { js: "import { createRequire as __ktstrCreateRequire } from 'node:module';\nconst require = __ktstrCreateRequire(import.meta.url);" }
  })
  console.log(`built ${e.out}`)
}
