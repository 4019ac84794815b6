// Child-process driver for the real @actions/artifact client, configured only by the
// environment a workflow step gets (see github.ts runEnv) plus GITHUB_TOKEN:
//   upload <name> <dir>                       → {"id":…, "digest":…}
//   restore <headSha> <name> <targetDir>      → {"runId":…, "files":[…]} or null
// Prints one JSON line on stdout, prefixed with RESULT: (the client logs on stdout too).
import { DefaultArtifactClient } from '@actions/artifact'
import { restoreArtifact, uploadDirectory } from '../../src/github/artifacts.js'
import { parseRepository } from '../../src/github/context.js'
import { createGitHubClient } from '../../src/github/retry.js'

const [command, ...args] = process.argv.slice(2)
const client = new DefaultArtifactClient()
const { owner, repo } = parseRepository(process.env.GITHUB_REPOSITORY)
const token = process.env.GITHUB_TOKEN ?? ''

async function main(): Promise<unknown> {
  if (command === 'upload') {
    const [name, dir] = args as [string, string]
    const up = await uploadDirectory({ client, name, dir })
    return { id: up.id, digest: up.digest }
  }
  if (command === 'restore') {
    const [headSha, name, targetDir] = args as [string, string, string]
    const octokit = createGitHubClient({ token, baseUrl: process.env.GITHUB_API_URL })
    const r = await restoreArtifact({ octokit, client, token, owner, repo, headSha, name, targetDir })
    return r ? { runId: r.artifact.runId, files: r.files.sort() } : null
  }
  throw new Error(`artifact-child: unknown command ${String(command)} — use upload or restore`)
}

main().then(
  (result) => process.stdout.write(`RESULT:${JSON.stringify(result)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  }
)
