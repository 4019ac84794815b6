// The floor of DESIGN §11: one node process walking a pool (run dirs and one level below, as
// the gate does) and calling readFileSync + JSON.parse on each `*.ktstr.json`. Plain JS, so it
// starts as fast as node does. Usage: node bench/floor.mjs <pool root>; prints the files parsed.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = process.argv[2] ?? '.'
const isSidecar = (name) => name.endsWith('.json') && name.includes('.ktstr.')
let parsed = 0
const parse = (file) => {
  if (JSON.parse(readFileSync(file, 'utf8')).test_name !== undefined) parsed++
}
for (const d of readdirSync(root, { withFileTypes: true })) {
  if (!d.isDirectory() || d.name.startsWith('.')) continue
  for (const e of readdirSync(join(root, d.name), { withFileTypes: true })) {
    const rel = join(d.name, e.name)
    if (e.isFile() && isSidecar(e.name)) parse(join(root, rel))
    else if (e.isDirectory() && !e.name.startsWith('.'))
      for (const f of readdirSync(join(root, rel), { withFileTypes: true }))
        if (f.isFile() && isSidecar(f.name)) parse(join(root, rel, f.name))
  }
}
process.stdout.write(`${parsed}\n`)
