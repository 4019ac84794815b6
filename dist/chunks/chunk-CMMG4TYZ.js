import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  getOctokit
} from "./chunk-UWWXE7EO.js";

// src/github/retry.ts
var DEFAULT_RETRY_POLICY = {
  maxAttempts: 5,
  baseDelayMs: 1e3,
  maxDelayMs: 6e4,
  maxTotalWaitMs: 18e4,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
  log: () => {
  }
};
var GitHubApiError = class extends Error {
  constructor(message, operation, status, kind, attempts, githubMessage, options) {
    super(message, options);
    this.operation = operation;
    this.status = status;
    this.kind = kind;
    this.attempts = attempts;
    this.githubMessage = githubMessage;
    this.name = "GitHubApiError";
  }
  operation;
  status;
  kind;
  attempts;
  githubMessage;
};
function githubMessageOf(err) {
  const data = err?.response?.data;
  const raw = data && typeof data === "object" && typeof data.message === "string" ? data.message : void 0;
  if (raw === void 0) return void 0;
  return oneLine(raw).slice(0, 200);
}
function oneLine(s) {
  return s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}
function header(err, name) {
  const v = err.response?.headers?.[name];
  return v === void 0 ? void 0 : String(v);
}
function decideRetry(err, attempt, policy) {
  const e = err ?? {};
  const status = typeof e.status === "number" ? e.status : void 0;
  const backoff = Math.round(
    policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  );
  if (e.name === "AbortError") return { kind: "aborted", retry: false, waitMs: 0, hintMs: void 0 };
  const retryAfter = header(e, "retry-after");
  const retryAfterMs = retryAfter !== void 0 && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) * 1e3 : void 0;
  if (!e.response) {
    return { kind: "network", retry: true, waitMs: backoff, hintMs: void 0 };
  }
  const message = githubMessageOf(err) ?? "";
  if (status === 403 || status === 429) {
    if (header(e, "x-ratelimit-remaining") === "0") {
      const reset = Number(header(e, "x-ratelimit-reset"));
      const hint = Number.isFinite(reset) && reset > 0 ? Math.max(reset * 1e3 - policy.now(), 0) + 1e3 : void 0;
      return {
        kind: "rate-limit",
        retry: true,
        waitMs: hint ?? retryAfterMs ?? 6e4,
        hintMs: hint ?? retryAfterMs
      };
    }
    if (retryAfterMs !== void 0 || /secondary rate limit/i.test(message) || status === 429) {
      const hint = retryAfterMs ?? (/secondary rate limit/i.test(message) ? 6e4 : void 0);
      return {
        kind: "secondary-rate-limit",
        retry: true,
        waitMs: Math.max(hint ?? 0, backoff),
        hintMs: hint
      };
    }
    return { kind: "forbidden", retry: false, waitMs: 0, hintMs: void 0 };
  }
  if (status !== void 0 && status >= 500 && status !== 501) {
    return { kind: "server", retry: true, waitMs: Math.max(retryAfterMs ?? 0, backoff), hintMs: retryAfterMs };
  }
  if (status === 404 || status === 410)
    return { kind: "not-found", retry: false, waitMs: 0, hintMs: void 0 };
  return { kind: "client", retry: false, waitMs: 0, hintMs: void 0 };
}
var ADVICE = {
  server: "GitHub is failing on its side; re-run the job later (see githubstatus.com)",
  network: "check the runner can reach the GitHub API (proxy, DNS, firewall) and re-run",
  "rate-limit": "re-run after the rate limit resets, or use a token with a higher limit",
  "secondary-rate-limit": "too many requests in a short time; re-run later and avoid parallel jobs writing to the same PR",
  forbidden: "give the workflow token the permission this call needs (see the `permissions:` block)",
  "not-found": "check the repository, number or id, and that the token can see it",
  client: "this request was rejected as invalid; please report it as a ktstr-perf-gate bug",
  aborted: "the request was cancelled"
};
function describe(method, url) {
  const path = /^https?:\/\//.test(url) ? new URL(url).pathname : url.split("?")[0];
  return `${method} ${path}`;
}
function toGitHubApiError(err, operation, attempts, decision, why) {
  const e = err ?? {};
  const status = e.response ? e.status : void 0;
  const gh = e.response ? githubMessageOf(err) : oneLine(e.message ?? "network error").slice(0, 200);
  const what = status !== void 0 ? `HTTP ${status}` : "no response";
  const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
  const detail = [gh ? `"${gh}"` : void 0, why].filter(Boolean).join("; ");
  const msg = `GitHub API ${operation} failed with ${what}${tries}${detail ? ` (${detail})` : ""} \u2014 ${ADVICE[decision.kind]}`;
  return new GitHubApiError(msg, operation, status, decision.kind, attempts, gh, { cause: err });
}
function retryPlugin(policy = {}) {
  const p = { ...DEFAULT_RETRY_POLICY, ...policy };
  return (octokit) => {
    octokit.hook.wrap("request", async (request, options) => {
      const operation = describe(String(options.method ?? "GET"), String(options.url ?? ""));
      let waited = 0;
      for (let attempt = 1; ; attempt++) {
        try {
          return await request(options);
        } catch (err) {
          if (err instanceof GitHubApiError) throw err;
          const d = decideRetry(err, attempt, p);
          if (!d.retry) throw toGitHubApiError(err, operation, attempt, d);
          if (attempt >= p.maxAttempts) throw toGitHubApiError(err, operation, attempt, d);
          if (waited + d.waitMs > p.maxTotalWaitMs) {
            const secs = Math.ceil(d.waitMs / 1e3);
            throw toGitHubApiError(
              err,
              operation,
              attempt,
              d,
              `server asks to wait ${secs} s, over the retry budget`
            );
          }
          const status = err.response ? `HTTP ${String(err.status)}` : "network error";
          p.log(
            `GitHub API ${operation}: ${status} (${d.kind}), attempt ${attempt}/${p.maxAttempts}; retrying in ${Math.ceil(d.waitMs / 1e3)} s`
          );
          waited += d.waitMs;
          await p.sleep(d.waitMs);
        }
      }
    });
  };
}
function createGitHubClient(opts) {
  const options = {
    baseUrl: (opts.baseUrl ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: opts.userAgent ?? "ktstr-perf-gate",
    // Octokit logs 4xx/5xx warnings on its own; our hook reports what matters in one line.
    log: { debug: () => {
    }, info: () => {
    }, warn: () => {
    }, error: () => {
    } }
  };
  if (opts.fetch) options.request = { fetch: opts.fetch };
  return getOctokit(opts.token, options, retryPlugin(opts.retry));
}

export {
  DEFAULT_RETRY_POLICY,
  GitHubApiError,
  githubMessageOf,
  decideRetry,
  toGitHubApiError,
  retryPlugin,
  createGitHubClient
};
