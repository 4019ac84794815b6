// Both fakes started together, sharing one artifact store, with the environment a workflow
// step would see for a given run — for tests that run code in a child process (the Action's
// dist bundle, or the artifact client under another Node version).
import { start as startArtifactService, type FakeArtifactService } from './artifact-service.js'
import { start as startApi, type FakeGitHub, type FakeGitHubOptions } from './github-api.js'

export interface FakeGitHubWorld {
  api: FakeGitHub
  artifacts: FakeArtifactService
  /** Environment of a job in workflow run `runId` (GITHUB_*, ACTIONS_* for @actions/artifact). */
  runEnv(runId: number, extra?: Record<string, string>): Record<string, string>
  assertNoViolations(): void
  close(): Promise<void>
}

/** Starts the REST fake and the artifact backend on 127.0.0.1. */
export async function startGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHubWorld> {
  const api = await startApi(options)
  const artifacts = await startArtifactService({ store: api.state.artifacts })
  return {
    api,
    artifacts,
    runEnv(runId, extra = {}) {
      return {
        ...artifacts.clientEnv(runId, api.url),
        GITHUB_REPOSITORY: `${api.state.owner}/${api.state.repo}`,
        GITHUB_RUN_ID: String(runId),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_ACTIONS: 'true',
        ...extra
      }
    },
    assertNoViolations() {
      api.assertNoViolations()
      artifacts.assertNoViolations()
    },
    async close() {
      await api.close()
      await artifacts.close()
    }
  }
}
