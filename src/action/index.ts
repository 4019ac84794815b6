// Entry of the Action (dist/index.js): wires the real @actions/* edges into run().
import * as core from '@actions/core'
import { coreLog } from './log.js'
import { run } from './main.js'

await run({
  getInput: (name) => core.getInput(name),
  env: process.env,
  log: coreLog,
  setOutput: (name, value) => core.setOutput(name, value),
  setFailed: (message) => core.setFailed(message),
  writeSummary: async (markdown) => {
    await core.summary.addRaw(markdown, true).write()
  },
  // @actions/artifact is ESM-only and reads its environment when first used: load it lazily.
  artifactClient: async () => new (await import('@actions/artifact')).DefaultArtifactClient()
})
