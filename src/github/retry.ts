// Retries for GitHub REST calls, as an Octokit plugin (a `request` hook) handed to
// @actions/github's getOctokit. Hand-rolled on purpose, after reading @octokit/plugin-retry 8
// and @octokit/plugin-throttling 11: plugin-retry waits (n+1)² × base with no jitter and ignores
// `retry-after` on 5xx/429; plugin-throttling handles the rate-limit headers but schedules
// through module-global Bottleneck groups that pace every write by ≥1 s of real time and whose
// timers cannot be injected, and the two plugins count attempts separately. This hook gives one
// bounded attempt counter, full-jitter exponential backoff, `retry-after` and
// `x-ratelimit-reset` honoured within a wait budget, an injectable clock/sleep/random for tests,
// and one clear line when it gives up.
import { getOctokit } from '@actions/github'

/** The Octokit that @actions/github builds (REST methods + paginate). */
export type GitHubClient = ReturnType<typeof getOctokit>

/** How hard to retry, and the clock to do it with (injectable so tests never sleep). */
export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number
  /** Backoff base: attempt n waits a random time in [0, base·2ⁿ⁻¹], capped at maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
  /** Sum of all waits for one request; a server asking for longer makes us give up at once. */
  maxTotalWaitMs: number
  sleep: (ms: number) => Promise<void>
  random: () => number
  now: () => number
  log: (line: string) => void
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxTotalWaitMs: 180_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
  log: () => {}
}

/** What kind of failure a response or error is. */
export type FailureKind =
  | 'server'
  | 'network'
  | 'rate-limit'
  | 'secondary-rate-limit'
  | 'forbidden'
  | 'not-found'
  | 'client'
  | 'aborted'

/** The retry decision for one failed attempt. */
export interface RetryDecision {
  kind: FailureKind
  retry: boolean
  /** Wait before the next attempt; only meaningful when `retry`. */
  waitMs: number
  /** Server-requested wait, when a header gave one. */
  hintMs: number | undefined
}

interface ErrorLike {
  name?: string
  status?: number
  message?: string
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown }
}

/** One line: what failed, where, the status, and what to do. */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly operation: string,
    readonly status: number | undefined,
    readonly kind: FailureKind,
    readonly attempts: number,
    /** GitHub's own `message`, control characters stripped, at most 200 characters. */
    readonly githubMessage: string | undefined,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'GitHubApiError'
  }
}

/** GitHub's `message` of an error response, made safe to print on one line. */
export function githubMessageOf(err: unknown): string | undefined {
  const data = (err as ErrorLike | undefined)?.response?.data
  const raw =
    data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string'
      ? (data as { message: string }).message
      : undefined
  if (raw === undefined) return undefined
  return oneLine(raw).slice(0, 200)
}

function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
}

function header(err: ErrorLike, name: string): string | undefined {
  const v = err.response?.headers?.[name]
  return v === undefined ? undefined : String(v)
}

/** Classifies a failed attempt and says whether and how long to wait (pure). */
export function decideRetry(err: unknown, attempt: number, policy: RetryPolicy): RetryDecision {
  const e = (err ?? {}) as ErrorLike
  const status = typeof e.status === 'number' ? e.status : undefined
  const backoff = Math.round(
    policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  )
  if (e.name === 'AbortError') return { kind: 'aborted', retry: false, waitMs: 0, hintMs: undefined }
  const retryAfter = header(e, 'retry-after')
  const retryAfterMs =
    retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) * 1000 : undefined
  if (!e.response) {
    // @octokit/request turns fetch failures (refused, reset, DNS) into status 500 without a response.
    return { kind: 'network', retry: true, waitMs: backoff, hintMs: undefined }
  }
  const message = githubMessageOf(err) ?? ''
  if (status === 403 || status === 429) {
    if (header(e, 'x-ratelimit-remaining') === '0') {
      const reset = Number(header(e, 'x-ratelimit-reset'))
      const hint =
        Number.isFinite(reset) && reset > 0 ? Math.max(reset * 1000 - policy.now(), 0) + 1000 : undefined
      return {
        kind: 'rate-limit',
        retry: true,
        waitMs: hint ?? retryAfterMs ?? 60_000,
        hintMs: hint ?? retryAfterMs
      }
    }
    if (retryAfterMs !== undefined || /secondary rate limit/i.test(message) || status === 429) {
      // GitHub: without retry-after, wait at least a minute after a secondary rate limit.
      const hint = retryAfterMs ?? (/secondary rate limit/i.test(message) ? 60_000 : undefined)
      return {
        kind: 'secondary-rate-limit',
        retry: true,
        waitMs: Math.max(hint ?? 0, backoff),
        hintMs: hint
      }
    }
    return { kind: 'forbidden', retry: false, waitMs: 0, hintMs: undefined }
  }
  if (status !== undefined && status >= 500 && status !== 501) {
    return { kind: 'server', retry: true, waitMs: Math.max(retryAfterMs ?? 0, backoff), hintMs: retryAfterMs }
  }
  if (status === 404 || status === 410)
    return { kind: 'not-found', retry: false, waitMs: 0, hintMs: undefined }
  return { kind: 'client', retry: false, waitMs: 0, hintMs: undefined }
}

const ADVICE: Record<FailureKind, string> = {
  server: 'GitHub is failing on its side; re-run the job later (see githubstatus.com)',
  network: 'check the runner can reach the GitHub API (proxy, DNS, firewall) and re-run',
  'rate-limit': 're-run after the rate limit resets, or use a token with a higher limit',
  'secondary-rate-limit':
    'too many requests in a short time; re-run later and avoid parallel jobs writing to the same PR',
  forbidden: 'give the workflow token the permission this call needs (see the `permissions:` block)',
  'not-found': 'check the repository, number or id, and that the token can see it',
  client: 'this request was rejected as invalid; please report it as a ktstr-perf-gate bug',
  aborted: 'the request was cancelled'
}

function describe(method: string, url: string): string {
  // Templates (`/repos/{owner}/...`) are ours; full URLs (pagination) lose origin and query.
  const path = /^https?:\/\//.test(url) ? new URL(url).pathname : url.split('?')[0]!
  return `${method} ${path}`
}

/** Builds the one-line error for a request that will not be retried (again). */
export function toGitHubApiError(
  err: unknown,
  operation: string,
  attempts: number,
  decision: RetryDecision,
  why?: string
): GitHubApiError {
  const e = (err ?? {}) as ErrorLike
  const status = e.response ? e.status : undefined
  const gh = e.response ? githubMessageOf(err) : oneLine(e.message ?? 'network error').slice(0, 200)
  const what = status !== undefined ? `HTTP ${status}` : 'no response'
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  const detail = [gh ? `"${gh}"` : undefined, why].filter(Boolean).join('; ')
  const msg = `GitHub API ${operation} failed with ${what}${tries}${detail ? ` (${detail})` : ''} — ${ADVICE[decision.kind]}`
  return new GitHubApiError(msg, operation, status, decision.kind, attempts, gh, { cause: err })
}

type RequestFn = (options: Record<string, unknown>) => Promise<unknown>
interface HookHost {
  hook: {
    wrap: (
      name: 'request',
      fn: (request: RequestFn, options: Record<string, unknown>) => Promise<unknown>
    ) => void
  }
}

/** Octokit plugin: retry transient failures per `policy`, then throw a GitHubApiError. */
export function retryPlugin(policy: Partial<RetryPolicy> = {}): (octokit: HookHost) => void {
  const p: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...policy }
  return (octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      const operation = describe(String(options.method ?? 'GET'), String(options.url ?? ''))
      let waited = 0
      for (let attempt = 1; ; attempt++) {
        try {
          return await request(options)
        } catch (err) {
          if (err instanceof GitHubApiError) throw err
          const d = decideRetry(err, attempt, p)
          if (!d.retry) throw toGitHubApiError(err, operation, attempt, d)
          if (attempt >= p.maxAttempts) throw toGitHubApiError(err, operation, attempt, d)
          if (waited + d.waitMs > p.maxTotalWaitMs) {
            const secs = Math.ceil(d.waitMs / 1000)
            throw toGitHubApiError(
              err,
              operation,
              attempt,
              d,
              `server asks to wait ${secs} s, over the retry budget`
            )
          }
          const status = (err as ErrorLike).response
            ? `HTTP ${String((err as ErrorLike).status)}`
            : 'network error'
          p.log(
            `GitHub API ${operation}: ${status} (${d.kind}), attempt ${attempt}/${p.maxAttempts}; retrying in ${Math.ceil(d.waitMs / 1000)} s`
          )
          waited += d.waitMs
          await p.sleep(d.waitMs)
        }
      }
    })
  }
}

/** Options for the client; the caller passes everything (no hidden environment reads). */
export interface GitHubClientOptions {
  token: string
  /** REST base URL, e.g. process.env.GITHUB_API_URL; defaults to https://api.github.com. */
  baseUrl?: string
  retry?: Partial<RetryPolicy>
  /** Replaces @actions/github's proxy-aware undici fetch (tests rarely need this). */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>
  userAgent?: string
}

/** An Octokit from @actions/github with the retry plugin installed. */
export function createGitHubClient(opts: GitHubClientOptions): GitHubClient {
  const options: Record<string, unknown> = {
    baseUrl: (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: opts.userAgent ?? 'ktstr-perf-gate',
    // Octokit logs 4xx/5xx warnings on its own; our hook reports what matters in one line.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
  }
  // Octokit merges `request` shallowly: only replace it when a fetch is given, so the
  // default proxy-aware fetch from @actions/github stays otherwise.
  if (opts.fetch) options.request = { fetch: opts.fetch }
  return getOctokit(opts.token, options, retryPlugin(opts.retry) as never)
}
