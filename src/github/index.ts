// The GitHub layer: everything the Action needs from the REST API and the artifact service.
// Callers inject the Octokit (createGitHubClient), the artifact client
// (new DefaultArtifactClient() from @actions/artifact) and values from the environment.
export {
  createGitHubClient,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  GitHubApiError,
  retryPlugin,
  type GitHubClient,
  type GitHubClientOptions,
  type RetryPolicy
} from './retry.js'
export {
  findStickyComments,
  isReadOnlyTokenError,
  MAX_COMMENT_CHARS,
  upsertComment,
  type CommentMode,
  type UpsertCommentOptions,
  type UpsertCommentResult
} from './comment.js'
export {
  downloadArtifactSafely,
  downloadReport,
  findArtifactsForCommit,
  REPORT_FILE,
  reportArtifactName,
  restoreArtifact,
  sidecarArtifactName,
  uploadDirectory,
  untrustedRun,
  uploadReport,
  type ArtifactClientLike,
  type RunProvenance,
  type RunTrust,
  type DownloadedReport,
  type FindBy,
  type FoundArtifact,
  type RestoredArtifact,
  type UploadedArtifact
} from './artifacts.js'
export {
  DEFAULT_EXTRACT_LIMITS,
  extractZipSafely,
  UnsafeArchiveError,
  type ExtractLimits
} from './extract.js'
export {
  isForkHead,
  parseRepository,
  prNumberFromEvent,
  pullRequestFromPayload,
  workflowRunFromPayload,
  workflowRunProblem,
  type PullRequestContext,
  type WorkflowRunContext
} from './context.js'
export { resolvePullRequestForRun, type ResolvedPullRequest } from './pulls.js'
export { checkForkApproval, type ForkApproval } from './approval.js'
export {
  acceptRecordLine,
  checkLabelClaim,
  labelFacts,
  labelHistory,
  labeledTrigger,
  parseAcceptRecord,
  repoPermission
} from './waiver.js'
