// Builds the committed bundle dist/ktstr-agent.js (the package's bin), runnable with plain node.
// `node build.mjs [--outfile FILE]`; the check-dist test builds to a temp file and compares.
import { build } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

/** esbuild options of the bundle; one place, used by the build script and the check-dist test. */
export function options(outfile = join(here, 'dist', 'ktstr-agent.js')) {
  return {
    entryPoints: [join(here, 'src', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    outfile,
    logLevel: 'warning',
    absWorkingDir: here,
    // Generated code is not linted (the repository lints sources). Bundled CommonJS
    // dependencies call require(); give the ESM bundle one.
    banner: {
      js: "/* eslint-disable */\nimport { createRequire as __ktstrCreateRequire } from 'node:module'; const require = __ktstrCreateRequire(import.meta.url);"
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--outfile')
  await build(options(i > 0 ? process.argv[i + 1] : undefined))
}
