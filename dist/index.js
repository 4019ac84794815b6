import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  debug,
  error,
  getExecOutput,
  getInput,
  group,
  info,
  notice,
  setFailed,
  setOutput,
  summary,
  warning
} from "./chunks/chunk-HVKMB2HI.js";
import {
  applyWaivers,
  compare,
  comparePool,
  labelOf,
  labelStatus,
  loadAcceptFile,
  loadPolicy,
  loadRegistry,
  pairingDimensions,
  parseMustFail,
  poolManifests,
  redecide,
  refuteLabelWaiver,
  renderJson,
  resolveBaseline,
  restorableRuns,
  rowOrder
} from "./chunks/chunk-UIZ4IE7K.js";
import {
  downloadReport,
  reportArtifactName,
  restoreArtifact,
  sidecarArtifactName,
  uploadDirectory,
  uploadReport
} from "./chunks/chunk-VHGIQVQC.js";
import {
  UsageError,
  isUsageError
} from "./chunks/chunk-BDLG52F6.js";
import {
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  readPool,
  runsAvailable,
  string,
  tuple
} from "./chunks/chunk-OOV2D7N5.js";
import {
  GitHubApiError,
  createGitHubClient
} from "./chunks/chunk-CMMG4TYZ.js";
import "./chunks/chunk-UWWXE7EO.js";
import {
  MAX_KEY,
  MAX_METRIC,
  assertionsTable,
  byImportance,
  cached,
  callout,
  commentMarker,
  contextLine,
  details,
  fitRows,
  headline,
  mainTable,
  markdownTable,
  mermaidChart,
  nextSteps,
  noticesBlock,
  omittedLine,
  openRowsSection,
  provenance,
  renderComment,
  restTable,
  statsTable,
  stripPlots,
  termsLine,
  waiversBlock
} from "./chunks/chunk-U4VAIAED.js";
import {
  renderTerminal
} from "./chunks/chunk-6JC4ZS7T.js";
import {
  acceptedIds,
  plural,
  reasonSentence,
  splitShown,
  verdictWord
} from "./chunks/chunk-CMDOPWGY.js";
import {
  describe,
  effectiveGate,
  formatCi,
  formatGateSpec,
  formatNumber,
  formatP,
  formatPercent,
  formatRowDelta,
  formatSpread,
  require_jstat,
  worseOf
} from "./chunks/chunk-AZBBSJAO.js";
import {
  htmlText,
  mdText,
  terminalText
} from "./chunks/chunk-OKA3FBMG.js";
import {
  __toESM
} from "./chunks/chunk-KRRRK5UV.js";

// src/action/log.ts
import { randomUUID } from "node:crypto";
function inGroup(log, title, fn) {
  return log.group ? log.group(terminalText(title, 200), fn) : fn();
}
var coreLog = {
  info: (l) => info(l),
  debug: (l) => debug(l),
  notice: (l) => notice(l),
  warning: (l) => warning(l),
  error: (l, props) => error(l, props),
  group: (title, fn) => group(title, fn),
  async inert(fn) {
    const token = randomUUID();
    info(`::stop-commands::${token}`);
    try {
      return await fn();
    } finally {
      info(`::${token}::`);
    }
  }
};

// src/action/main.ts
import { readFileSync } from "node:fs";
import { mkdir as mkdir4 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import path4 from "node:path";

// src/github/comment.ts
var MAX_COMMENT_CHARS = 65536;
var MAX_PAGES = 100;
function expectedAuthorType(login) {
  return login.endsWith("[bot]") ? "Bot" : "User";
}
function validateMarker(marker) {
  if (!/^<!-- [^\r\n]*? -->$/.test(marker) || marker.slice(4, -3).includes("--")) {
    throw new Error(
      `comment marker ${JSON.stringify(marker.slice(0, 80))} is not a one-line HTML comment "<!-- \u2026 -->" without "--" inside \u2014 pass the marker the reports module produces`
    );
  }
}
function normalize(body) {
  return body.replace(/\r\n/g, "\n").replace(/\s+$/, "");
}
function withMarker(body, marker) {
  return body.includes(marker) ? body : `${body.replace(/\s+$/, "")}

${marker}
`;
}
function isReadOnlyTokenError(err) {
  if (!(err instanceof GitHubApiError)) return false;
  return err.status === 403 && /resource not accessible by integration/i.test(err.githubMessage ?? "");
}
async function findStickyComments(octokit, where, marker, authorLogin = "github-actions[bot]") {
  const type = expectedAuthorType(authorLogin);
  const found = [];
  let pages = 0;
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    per_page: 100
  });
  for await (const page of iterator) {
    if (++pages > MAX_PAGES) {
      throw new Error(
        `PR #${where.issueNumber} has over ${MAX_PAGES * 100} comments; stopped looking for the sticky comment \u2014 delete old bot comments or use comment: never`
      );
    }
    for (const c of page.data) {
      if (c.user?.login === authorLogin && c.user.type === type && (c.body ?? "").includes(marker)) {
        found.push({ id: c.id, body: c.body ?? "", html_url: c.html_url, user: c.user });
      }
    }
  }
  return found.sort((a, b) => a.id - b.id);
}
async function upsertComment(o) {
  if (!["always", "on-change", "never"].includes(o.mode)) {
    throw new Error(
      `comment mode ${JSON.stringify(String(o.mode).slice(0, 40))} is not always, on-change or never \u2014 fix the \`comment\` input`
    );
  }
  if (o.mode === "never") return { action: "skipped", reason: "mode-never" };
  validateMarker(o.marker);
  const body = withMarker(o.body, o.marker);
  if (body.length > MAX_COMMENT_CHARS) {
    throw new Error(
      `comment body for PR #${o.issueNumber} is ${body.length} characters, over GitHub's ${MAX_COMMENT_CHARS} \u2014 the report must truncate rows before posting`
    );
  }
  const where = { owner: o.owner, repo: o.repo, issueNumber: o.issueNumber };
  const author = o.authorLogin ?? "github-actions[bot]";
  try {
    const mine = await findStickyComments(o.octokit, where, o.marker, author);
    const [keep, ...extra] = mine;
    const deleted = await deleteComments(
      o.octokit,
      where,
      extra.map((c) => c.id)
    );
    if (keep) {
      if (o.mode === "on-change" && normalize(keep.body) === normalize(body)) {
        return { action: "unchanged", commentId: keep.id, url: keep.html_url, deletedDuplicates: deleted };
      }
      const { data: data2 } = await o.octokit.rest.issues.updateComment({
        owner: o.owner,
        repo: o.repo,
        comment_id: keep.id,
        body
      });
      return { action: "updated", commentId: data2.id, url: data2.html_url, deletedDuplicates: deleted };
    }
    if (o.mode === "on-change" && o.hasNews === false) return { action: "skipped", reason: "nothing-to-say" };
    const { data } = await o.octokit.rest.issues.createComment({
      owner: o.owner,
      repo: o.repo,
      issue_number: o.issueNumber,
      body
    });
    const after = await findStickyComments(o.octokit, where, o.marker, author);
    const oldest = after[0];
    if (oldest && oldest.id !== data.id) {
      const gone2 = await deleteComments(
        o.octokit,
        where,
        after.slice(1).map((c) => c.id)
      );
      const { data: upd } = await o.octokit.rest.issues.updateComment({
        owner: o.owner,
        repo: o.repo,
        comment_id: oldest.id,
        body
      });
      return {
        action: "updated",
        commentId: upd.id,
        url: upd.html_url,
        deletedDuplicates: [...deleted, ...gone2]
      };
    }
    const gone = await deleteComments(
      o.octokit,
      where,
      after.slice(1).map((c) => c.id)
    );
    return {
      action: "created",
      commentId: data.id,
      url: data.html_url,
      deletedDuplicates: [...deleted, ...gone]
    };
  } catch (err) {
    if (isReadOnlyTokenError(err)) {
      return {
        action: "forbidden",
        notice: `Not commenting on PR #${o.issueNumber}: the token is read-only here (a pull request from a fork) \u2014 the verdict is in the job summary and the report artifact; the workflow_run comment workflow posts it`
      };
    }
    throw err;
  }
}
async function deleteComments(octokit, where, ids) {
  const deleted = [];
  for (const id of ids) {
    try {
      await octokit.rest.issues.deleteComment({ owner: where.owner, repo: where.repo, comment_id: id });
      deleted.push(id);
    } catch (err) {
      if (!(err instanceof GitHubApiError && err.status === 404)) throw err;
    }
  }
  return deleted;
}

// src/github/context.ts
var sha = string().regex(/^[0-9a-f]{40}$/);
var positiveInt = number().int().positive();
var pullRequestSchema = object({
  number: positiveInt,
  head: object({
    sha,
    ref: string().min(1),
    repo: object({ full_name: string().min(1) }).nullable().optional()
  }),
  base: object({ sha, ref: string().min(1), repo: object({ full_name: string().min(1) }).optional() })
});
var workflowRunSchema = object({
  id: positiveInt,
  head_sha: sha,
  head_branch: string().nullable().optional(),
  event: string(),
  conclusion: string().nullable().optional(),
  path: string().optional(),
  head_repository: object({ full_name: string() }).nullable().optional(),
  pull_requests: array(object({ number: positiveInt, head: object({ sha: string() }).optional() })).optional()
});
function pullRequestFromPayload(payload, repository) {
  const pr = payload?.pull_request;
  const parsed = pullRequestSchema.safeParse(pr);
  if (!parsed.success) return void 0;
  const p = parsed.data;
  const headRepo = p.head.repo?.full_name;
  return {
    number: p.number,
    headSha: p.head.sha,
    headRef: p.head.ref,
    baseSha: p.base.sha,
    baseRef: p.base.ref,
    headRepoFullName: headRepo,
    isFork: isForkHead(headRepo, repository)
  };
}
function isForkHead(headRepoFullName, repository) {
  return headRepoFullName === void 0 || headRepoFullName.toLowerCase() !== repository.toLowerCase();
}
function workflowRunFromPayload(payload) {
  const wr = payload?.workflow_run;
  const parsed = workflowRunSchema.safeParse(wr);
  if (!parsed.success) return void 0;
  const r = parsed.data;
  return {
    runId: r.id,
    headSha: r.head_sha,
    headBranch: r.head_branch ?? void 0,
    event: r.event,
    conclusion: r.conclusion ?? void 0,
    pullRequestNumbers: (r.pull_requests ?? []).filter((p) => p.head === void 0 || p.head.sha === r.head_sha).map((p) => p.number),
    headRepoFullName: r.head_repository?.full_name,
    workflowFile: /(?:^|\/)\.github\/workflows\/([A-Za-z0-9._-]+\.ya?ml)(?:@.*)?$/.exec(r.path ?? "")?.[1]
  };
}
function workflowRunProblem(payload) {
  const wr = payload?.workflow_run;
  if (wr === void 0 || wr === null) return "the event payload has no workflow_run";
  const parsed = workflowRunSchema.safeParse(wr);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const at = ["workflow_run", ...issue.path.map(String)].join(".");
  return `the event's workflow_run is not as GitHub sends it: ${at}: ${issue.message}`;
}
function parseRepository(value) {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value ?? "");
  if (!m) {
    throw new Error(
      `GITHUB_REPOSITORY=${JSON.stringify((value ?? "").slice(0, 80))} is not "owner/name" \u2014 run inside GitHub Actions or set it`
    );
  }
  return { owner: m[1], repo: m[2] };
}

// src/github/pulls.ts
function headMismatch(n, head, want) {
  if (head.sha !== want.headSha)
    return `PR #${n} head is ${head.sha.slice(0, 7)}, not the run's ${want.headSha.slice(0, 7)} (pushed since, or a forged number)`;
  const repo = head.repo?.full_name;
  if (want.headRepo !== void 0 && repo?.toLowerCase() !== want.headRepo.toLowerCase())
    return `PR #${n} head repository is ${repo ?? "(deleted)"}, not the run's ${want.headRepo}`;
  if (want.headBranch !== void 0 && head.ref !== want.headBranch)
    return `PR #${n} head branch is ${head.ref}, not the run's ${want.headBranch}`;
  return null;
}
async function resolvePullRequestForRun(opts) {
  const { octokit, owner, repo, headSha } = opts;
  if (opts.claimedNumber !== void 0 && opts.claimedNumber !== null) {
    const n = opts.claimedNumber;
    if (!Number.isSafeInteger(n) || n <= 0)
      return { ok: false, reason: `claimed PR number ${String(n)} is not a positive integer` };
    try {
      const { data: data2 } = await octokit.rest.pulls.get({ owner, repo, pull_number: n });
      const why = headMismatch(n, data2.head, opts);
      if (why) return { ok: false, reason: why };
      if (data2.state !== "open") return { ok: false, reason: `PR #${n} is ${data2.state}` };
      return { ok: true, number: n, headSha, source: "claimed" };
    } catch (err) {
      if (err instanceof GitHubApiError && err.status === 404)
        return { ok: false, reason: `PR #${n} does not exist in ${owner}/${repo}` };
      throw err;
    }
  }
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: headSha,
    per_page: 100
  });
  const open = data.filter((p) => p.state === "open" && !headMismatch(p.number, p.head, opts));
  if (open.length === 1) return { ok: true, number: open[0].number, headSha, source: "commit-lookup" };
  const where = [opts.headRepo, opts.headBranch].filter(Boolean).join(":");
  if (open.length === 0)
    return { ok: false, reason: `no open PR has head ${headSha.slice(0, 7)}${where ? ` on ${where}` : ""}` };
  return {
    ok: false,
    reason: `${open.length} open PRs have head ${headSha.slice(0, 7)}; pass the PR number explicitly`
  };
}

// src/github/approval.ts
async function labelEventsOf(o) {
  const events = await o.octokit.paginate(o.octokit.rest.issues.listEvents, {
    owner: o.owner,
    repo: o.repo,
    issue_number: o.prNumber,
    per_page: 100
  });
  return events.filter(
    (e) => (e.event === "labeled" || e.event === "unlabeled") && "label" in e && e.label?.name === o.label
  ).sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
}
async function checkForkApproval(opts) {
  const { octokit, owner, repo, label } = opts;
  const labelEvents = await labelEventsOf({ octokit, owner, repo, prNumber: opts.prNumber, label });
  const last = labelEvents.at(-1);
  if (!last || last.event !== "labeled")
    return { ok: false, why: `label ${label} is not on PR #${opts.prNumber}` };
  const labeledAt = Date.parse(last.created_at);
  const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
    owner,
    repo,
    head_sha: opts.headSha,
    event: "pull_request",
    per_page: 100
  });
  const pushes = runs.filter(
    (r) => r.head_sha === opts.headSha && r.head_repository?.full_name?.toLowerCase() === opts.headRepo.toLowerCase()
  ).map((r) => Date.parse(r.created_at));
  if (pushes.length === 0)
    return {
      ok: false,
      why: `no pull_request run of ${opts.headSha.slice(0, 7)} from ${opts.headRepo} shows when it was pushed`
    };
  const pushedAt = Math.min(...pushes);
  const at = (t) => new Date(t).toISOString();
  if (labeledAt < pushedAt)
    return {
      ok: false,
      why: `label ${label} was applied at ${at(labeledAt)}, before ${opts.headSha.slice(0, 7)} was pushed (${at(pushedAt)}): a maintainer must re-apply it for this head`
    };
  return {
    ok: true,
    why: `label ${label} was applied at ${at(labeledAt)}, after ${opts.headSha.slice(0, 7)} was pushed (${at(pushedAt)})`
  };
}

// src/github/waiver.ts
var recordSchema = object({
  label: string().min(1).max(200),
  sha: string().regex(/^[0-9a-f]{40}$/),
  eventId: number().int().positive(),
  by: string().min(1).max(100)
});
function acceptRecordLine(r) {
  return `<!-- ktstr-perf-gate-accept:${Buffer.from(JSON.stringify(r), "utf8").toString("base64")} -->`;
}
function parseAcceptRecord(body) {
  const last = body.trimEnd().split("\n").at(-1) ?? "";
  const m = /^<!-- ktstr-perf-gate-accept:([A-Za-z0-9+/=]{1,2000}) -->$/.exec(last.trim());
  if (!m) return null;
  try {
    const r = recordSchema.safeParse(JSON.parse(Buffer.from(m[1], "base64").toString("utf8")));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
function labeledTrigger(eventName, payload, label) {
  if (eventName !== "pull_request" && eventName !== "pull_request_target") return null;
  const p = object({
    action: literal("labeled"),
    label: object({ name: string() }),
    sender: object({ login: string().min(1) }),
    pull_request: object({ head: object({ sha: string().regex(/^[0-9a-f]{40}$/) }) })
  }).safeParse(payload);
  if (!p.success || p.data.label.name !== label) return null;
  return { sender: p.data.sender.login, headSha: p.data.pull_request.head.sha };
}
async function repoPermission(octokit, owner, repo, username) {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    const role = data.role_name;
    if (data.permission === "admin") return "admin";
    if (data.permission === "write") return role === "maintain" ? "maintain" : "write";
    if (data.permission === "read") return role === "triage" ? "triage" : "read";
    return "none";
  } catch (e) {
    if (e instanceof GitHubApiError && e.status === 404) return "none";
    throw e;
  }
}
async function labelHistory(o) {
  const { octokit, owner, repo, label } = o;
  const mine = await labelEventsOf({ octokit, owner, repo, prNumber: o.prNumber, label });
  const e = mine.at(-1);
  const last = e ? { event: e.event, id: e.id, actor: e.actor?.login ?? "ghost" } : null;
  const permission = last?.event === "labeled" && e?.actor ? await repoPermission(octokit, owner, repo, last.actor) : null;
  return { last, permission };
}
async function labelFacts(o) {
  const { last, permission } = await labelHistory(o);
  const trigger = labeledTrigger(o.eventName, o.payload, o.label);
  let record = null;
  if (last?.event === "labeled" && !(trigger && trigger.sender === last.actor)) {
    const where = { owner: o.owner, repo: o.repo, issueNumber: o.prNumber };
    const [ours] = await findStickyComments(o.octokit, where, o.marker, o.authorLogin);
    record = ours ? parseAcceptRecord(ours.body) : null;
  }
  return { label: o.label, headSha: o.headSha, last, permission, trigger, record };
}
async function checkLabelClaim(o) {
  const f = await labelHistory(o).catch((e) => e);
  const claim = `the report claims a failure accepted by @${o.by} (label ${o.label})`;
  if (f instanceof Error) return `${claim}, which could not be checked (${f.message})`;
  if (f.last?.event !== "labeled") return `${claim}, but that label is not on PR #${o.prNumber}`;
  if (f.last.actor !== o.by) return `${claim}, but @${f.last.actor} applied it last`;
  if (!f.permission || !["admin", "maintain", "write"].includes(f.permission))
    return `${claim}, but @${o.by} has ${f.permission ?? "unknown"} permission on this repository`;
  return null;
}

// src/report/json-parse.ts
var MAX_ROWS = 2e5;
var str = string().max(2e4);
var num = number().nullable();
var polarity = _enum(["lower", "higher", "informational", "target", "unknown"]);
var mode = _enum(["scalar", "noise-adjusted"]);
var side = object({
  n: number().int().nonnegative(),
  mean: number(),
  min: number(),
  max: number(),
  // null: a spread beyond the double range (json.ts writes ±Infinity as null); read back as Infinity.
  stdev: num.transform((v) => v ?? Infinity),
  value: number(),
  fold: number(),
  samples: array(number()).max(1e4)
}).nullable();
var row = object({
  key: str,
  test: str,
  topology: str,
  scheduler: str,
  workType: str,
  kernel: str.nullable(),
  metric: str,
  unit: str,
  polarity,
  verdict: _enum(["regression", "improvement", "unchanged", "informational", "coverage", "noisy"]),
  mode,
  base: side,
  head: side,
  delta: num,
  relDelta: num,
  pValue: num,
  pAdjusted: num.optional().default(null),
  separated: boolean().nullable(),
  disjoint: boolean().nullable(),
  material: boolean(),
  gate: object({ abs: number(), rel: number(), absCleared: boolean(), relCleared: boolean() }),
  ci95: tuple([number(), number()]).nullable(),
  effectSize: num,
  mustFail: boolean(),
  // Added with the sequential rule; reports written before it have neither.
  state: _enum(["regression", "improvement", "unchanged", "undecided", "inconclusive"]).nullable().optional().default(null),
  runsNeeded: number().int().positive().nullable().optional().default(null)
});
var sideInfo = object({
  label: str,
  sha: str.nullable(),
  how: str,
  sidecars: number().int().nonnegative(),
  runs: number().int().nonnegative(),
  kernels: array(str).max(1e3),
  hosts: array(str).max(1e3)
});
var count = number().int().nonnegative();
var comparison = object({
  schemaVersion: literal(1),
  verdict: _enum(["pass", "fail", "no-baseline", "no-data"]),
  reasons: array(str).max(1e4),
  notices: array(str).max(1e4),
  baseline: sideInfo,
  head: sideInfo,
  mode,
  registry: object({ source: _enum(["bundled", "live"]), detail: str, hash: str }),
  options: object({
    alpha: number(),
    failThreshold: count,
    mustFail: array(str).max(1e3),
    thresholdPercent: num,
    policy: str.nullable(),
    filter: str.nullable(),
    fdr: num.optional().default(null),
    sequential: object({
      alpha: number(),
      gamma: number(),
      futility: number(),
      maxRuns: number().int().positive(),
      variance: _enum(["pooled", "larger"]).optional().default("larger")
    }).nullable().optional().default(null)
  }),
  counts: object({
    regressions: count,
    improvements: count,
    unchanged: count,
    informational: count,
    excluded: count,
    droppedRuns: count,
    newInHead: count,
    removedFromBase: count,
    malformed: count,
    coverage: count,
    noisy: count.optional().default(0),
    bothZero: count.optional().default(0),
    assertionsTripped: count,
    unknownMetrics: count,
    undecided: count.optional().default(0),
    inconclusive: count.optional().default(0)
  }),
  rule: _enum(["ktstr", "sequential"]).optional().default("ktstr"),
  tests: array(
    object({
      key: str,
      test: str,
      baseRuns: count,
      headRuns: count,
      undecided: count,
      inconclusive: count,
      runsNeeded: number().int().positive().nullable()
    })
  ).max(MAX_ROWS).optional().default([]),
  rows: array(row).max(MAX_ROWS),
  assertions: array(
    object({
      key: str,
      test: str,
      metric: str,
      name: str.nullable(),
      phase: number().int().nullable(),
      rel: number(),
      abs: number(),
      direction: polarity,
      tripped: boolean(),
      skipped: str.nullable(),
      delta: num,
      relDelta: num,
      pValue: num,
      separated: boolean().nullable()
    })
  ).max(MAX_ROWS),
  excludedPairs: array(object({ key: str, reason: str })).max(MAX_ROWS),
  newInHead: array(str).max(MAX_ROWS),
  removedFromBase: array(str).max(MAX_ROWS),
  malformed: array(object({ file: str, path: str, message: str })).max(MAX_ROWS),
  unknownMetrics: array(str).max(MAX_ROWS),
  sentinel: object({
    alpha: number(),
    minShift: number().optional(),
    freshRuns: count,
    cachedRuns: count,
    checked: count,
    unchecked: array(str).max(MAX_ROWS),
    dropped: array(
      object({
        key: str,
        test: str,
        metric: str,
        pValue: number(),
        relShift: num,
        shift: num.optional(),
        threshold: num.optional(),
        freshRuns: count,
        cachedRuns: count
      })
    ).max(MAX_ROWS),
    notices: array(str).max(MAX_ROWS)
  }).optional(),
  // Added with waivers (core/waiver.ts); absent when nothing was waived.
  waivers: array(
    object({
      via: _enum(["label", "policy"]),
      by: str.nullable(),
      source: str,
      headSha: str.nullable(),
      rows: array(object({ key: str, metric: str })).max(MAX_ROWS),
      assertions: array(object({ key: str, metric: str, name: str.nullable() })).max(MAX_ROWS).optional()
    })
  ).max(100).optional()
});
function parseComparisonJson(json, where) {
  const r = comparison.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const at = issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("");
    throw new UsageError(
      `report ${where} is not a ktstr-perf-gate report at $${at}: ${issue.message}`,
      "it must come from the same ktstr-perf-gate version (schemaVersion 1); re-run the pull request workflow"
    );
  }
  return r.data;
}

// src/report/summary.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024;
var DEFAULT_SUMMARY_MAX_BYTES = SUMMARY_LIMIT_BYTES - 48 * 1024;
var MAX_LIST = 100;
function renderSummary(c, opts = {}) {
  const max = Math.min(opts.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES, SUMMARY_LIMIT_BYTES);
  const rows = byImportance(c.rows);
  const bytes = (s) => Buffer.byteLength(s, "utf8");
  const text = fitRows(rows.length, (k) => render(c, opts, rows.slice(0, k), rows.slice(k)), bytes, max);
  if (bytes(text) <= max) return text;
  const cut = Buffer.from(text, "utf8").subarray(0, Math.max(0, max - 200)).toString("utf8").replace(/\uFFFD$/, "");
  return `${cut}

> \u2702\uFE0F Summary cut to fit GitHub's 1 MiB limit; the run artifact has every row.
`;
}
function render(c, opts, shown, omitted) {
  const links = { repoUrl: opts.repoUrl, runUrl: opts.runUrl, workflowUrl: opts.workflowUrl };
  const { moves, rest } = splitShown(shown);
  const parts = [headline(c, "#", opts), callout(c), contextLine(c, links)];
  const notices = noticesBlock(c, MAX_LIST);
  if (notices) parts.push(notices);
  const cut = omittedLine(omitted, links, "run artifact (JSON)");
  if (cut) parts.push(cut);
  const tripped = assertionsTable(c, "tripped");
  if (tripped) parts.push(`## Tripped assertions

${tripped}`);
  const waivers = waiversBlock(c, MAX_LIST);
  if (waivers) parts.push(`## Accepted regressions

${waivers}`);
  if (moves.length > 0) {
    parts.push(
      `## Regressions and improvements

${mainTable(moves, acceptedIds(c))}

${termsLine(c)}`,
      `### Statistics

${statsTable(moves)}`
    );
  } else if (c.rows.length > 0) {
    parts.push(
      c.counts.assertionsTripped > 0 ? "No metric moved beyond its registry gate; the tripped assertion above is what fails the check." : "No metric moved beyond its gate."
    );
  }
  const steps = nextSteps(c, opts);
  if (steps) parts.push(steps);
  const plots = stripPlots(moves, 5);
  if (plots) parts.push(`## Samples of the worst regressions

${plots}`);
  if (opts.mermaid) {
    const charts = moves.filter((r) => r.verdict === "regression").slice(0, 5).map(mermaidChart).filter(Boolean);
    if (charts.length > 0) parts.push(charts.join("\n\n"));
  }
  const open = openRowsSection(c, links);
  if (open) parts.push(open);
  if (rest.length > 0) parts.push(details(`Other rows (${rest.length})`, restTable(rest)));
  const held = assertionsTable(c, "rest");
  if (held) parts.push(details("Assertions that held or were not evaluated", held));
  if (shown.length > 0) parts.push(`## Per-test detail

${perTest(c, shown)}`);
  parts.push(`## Provenance

${provenance(c, links)}`);
  const lists = listsSection(c);
  if (lists) parts.push(lists);
  return parts.join("\n\n") + "\n";
}
function perTest(c, shown) {
  const groups2 = /* @__PURE__ */ new Map();
  for (const r of shown) {
    const g = groups2.get(r.key);
    if (g) g.push(r);
    else groups2.set(r.key, [r]);
  }
  const blocks = [];
  for (const [key, rows] of groups2) {
    const reg = rows.filter((r) => r.verdict === "regression").length;
    const imp = rows.filter((r) => r.verdict === "improvement").length;
    const first = rows[0];
    const label = `${htmlText(key, MAX_KEY)} \u2014 ${plural(reg, "regression")}, ${plural(imp, "improvement")}, ${plural(rows.length, "metric")}`;
    const info2 = `scheduler ${mdText(first.scheduler, 60)}, kernel ${mdText(first.kernel ?? "\u2013", 60)}`;
    const assertions = c.assertions.filter((a) => a.key === key);
    const assertionLines = assertions.map(
      (a) => `- ${a.name === null ? "unnamed assertion" : `assertion ${mdText(a.name, MAX_METRIC)}`} on ${mdText(a.metric, MAX_METRIC)}: ${a.tripped ? "**tripped**" : a.skipped !== null ? `not evaluated (${mdText(a.skipped, 200)})` : "held"}, \u0394 ${mdText(formatPercent(a.relDelta))}`
    );
    const body = [
      info2,
      ...assertionLines.length > 0 ? ["", ...assertionLines] : [],
      "",
      detailTable(rows)
    ].join("\n");
    blocks.push(details(label, body, reg > 0));
  }
  return blocks.join("\n\n");
}
var DETAIL_CELLS = /* @__PURE__ */ new WeakMap();
function detailTable(rows) {
  const body = rows.map(
    cached(DETAIL_CELLS, (r) => [
      mdText(r.metric, MAX_METRIC),
      mdText(r.polarity),
      mdText(formatSpread(r.base, r.unit)),
      mdText(formatSpread(r.head, r.unit)),
      mdText(formatRowDelta(r)),
      mdText(formatPercent(r.relDelta)),
      mdText(formatCi(r.ci95)),
      mdText(r.pAdjusted === null ? formatP(r.pValue) : `${formatP(r.pValue)} (q ${formatP(r.pAdjusted)})`),
      mdText(r.effectSize === null ? "\u2013" : formatNumber(r.effectSize)),
      mdText(formatGateSpec(r)),
      `${r.verdict}${r.mustFail ? " (must-fail)" : ""}`
    ])
  );
  const header = [
    "Metric",
    "Polarity",
    "Baseline",
    "HEAD",
    "\u0394",
    "\u0394 %",
    "95 % CI",
    "p",
    "g",
    "Gate",
    "Verdict"
  ];
  return markdownTable([header, ...body], { alignDelimiters: false });
}
function listsSection(c) {
  const sections = [
    [
      "Excluded pairs (no passing run on a side)",
      c.excludedPairs.map((p) => `${mdText(p.key, MAX_KEY)}: ${mdText(p.reason, 300)}`)
    ],
    ["New in HEAD (no matching key in the baseline)", c.newInHead.map((k) => mdText(k, MAX_KEY))],
    ["Removed from the baseline (no matching key in HEAD)", c.removedFromBase.map((k) => mdText(k, MAX_KEY))],
    [
      "Malformed sidecars",
      c.malformed.map((m) => `${mdText(m.file, 300)} at ${mdText(m.path, 100)}: ${mdText(m.message, 300)}`)
    ],
    ["Unknown metrics (not in the registry)", c.unknownMetrics.map((m) => mdText(m, MAX_METRIC))]
  ];
  return sections.filter(([, items]) => items.length > 0).map(([title, items]) => {
    const lines = items.slice(0, MAX_LIST).map((i) => `- ${i}`);
    if (items.length > MAX_LIST)
      lines.push(`- \u2026 and ${items.length - MAX_LIST} more (in the run artifact's JSON)`);
    return `### ${title} (${items.length})

${lines.join("\n")}`;
  }).join("\n\n");
}

// src/core/child-env.ts
var ALLOWED_NAMES = /* @__PURE__ */ new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TMPDIR",
  "TERM",
  "COLORTERM",
  "NO_COLOR",
  "CI",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "all_proxy",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "RUSTFLAGS",
  "RUSTDOCFLAGS",
  "CC",
  "CXX",
  "AR",
  "LD",
  "CFLAGS",
  "CXXFLAGS",
  "LDFLAGS",
  "CLANG",
  "LLVM_CONFIG_PATH",
  "LIBCLANG_PATH",
  "BPF_CLANG",
  "PKG_CONFIG",
  "PKG_CONFIG_PATH",
  "LD_LIBRARY_PATH"
]);
var ALLOWED_PREFIXES = ["LC_", "XDG_", "KTSTR_", "CARGO_", "RUSTUP_", "RUSTC"];
var DENIED = /^(INPUT_|ACTIONS_|GITHUB_|RUNNER_|GH_)|TOKEN|SECRET|PASSW(OR)?D|CREDENTIAL|_KEY$|APIKEY/i;
var MIN_SUBSTRING_SECRET = 8;
var PASS_ENV = "KTSTR_AGENT_PASS_ENV";
function allowedName(name, extra = /* @__PURE__ */ new Set()) {
  return ALLOWED_NAMES.has(name) || ALLOWED_PREFIXES.some((p) => name.startsWith(p)) || extra.has(name);
}
function childEnv(env, o = {}) {
  const secrets = (o.secrets ?? []).map((s) => (s ?? "").trim()).filter((s) => s.length > 0);
  const extra = new Set((env[PASS_ENV] ?? "").split(/[\s,]+/).filter(Boolean));
  const out = {};
  const dropped = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === void 0) continue;
    const holdsSecret = secrets.some(
      (s) => s.length >= MIN_SUBSTRING_SECRET ? value.includes(s) : value.trim() === s
    );
    if (!allowedName(name, extra) || DENIED.test(name) || holdsSecret) dropped.push(name);
    else out[name] = value;
  }
  return { env: out, dropped: dropped.sort() };
}

// src/action/agent.ts
function execAgent(o) {
  const [cmd, ...pre] = o.command.split(/\s+/).filter(Boolean);
  if (!cmd) throw new UsageError("input agent is empty", "give the ktstr-agent command, e.g. ktstr-agent");
  const { env, dropped } = childEnv(o.env ?? process.env, { secrets: o.secrets });
  if (dropped.length > 0) o.log.debug(`ktstr-agent environment: left out ${dropped.join(", ")}`);
  const run2 = (args, quiet) => getExecOutput(cmd, [...pre, ...args], {
    ignoreReturnCode: true,
    silent: quiet,
    env
  }).catch((e) => {
    throw new UsageError(
      `cannot run ${o.command}: ${e.message}`,
      "install ktstr-agent on this runner (see runner-agent/README.md) or set input agent"
    );
  });
  return {
    async doctor(out) {
      const r = await run2(["doctor", "--json", "--out", out], true);
      try {
        const j = JSON.parse(r.stdout);
        const bad = (j.checks ?? []).filter((c) => c.status === "fail").map((c) => `${c.name}: ${c.detail}${c.fix ? ` (fix: ${c.fix})` : ""}`);
        return {
          ok: j.ok && r.exitCode === 0,
          why: j.ok ? null : bad.join("; ") || "ktstr-agent doctor failed"
        };
      } catch {
        return {
          ok: false,
          why: `ktstr-agent doctor exited ${r.exitCode}: ${r.stderr.trim().split("\n").pop() ?? ""}`
        };
      }
    },
    async produce(p) {
      const args = [
        "produce",
        "--repo",
        o.repo,
        "--kernel",
        p.kernel,
        ...p.add ? ["--add", String(p.add)] : ["--runs", String(p.runs)],
        "--out",
        p.out,
        "--json",
        "--quiet"
      ];
      if (p.base) args.push("--base", p.base);
      if (p.head) args.push("--head", p.head);
      if (!p.add && p.base && p.deep && p.deep > p.runs) args.push("--deep", String(p.deep));
      if (!p.add && p.base && p.head && p.sentinel) args.push("--sentinel", String(p.sentinel));
      if (p.cacheHead && p.head && !p.base) args.push("--cache-head");
      const filter = p.filter ?? o.filter;
      if (filter) args.push("--filter", filter);
      if (o.allowUntrusted) args.push("--allow-untrusted");
      if (!o.cacheStore) args.push("--no-cache-store");
      const title = p.add ? `ktstr-agent produce: +${p.add} run(s) per side (${p.base ? "baseline and HEAD" : "HEAD"}), kernel ${p.kernel}` : `ktstr-agent produce: ${p.runs} run(s) per side, kernel ${p.kernel}`;
      if (!o.log.group) o.log.info(title);
      const r = await inGroup(
        o.log,
        title,
        () => o.log.inert(
          () => getExecOutput(cmd, [...pre, ...args], {
            ignoreReturnCode: true,
            silent: false,
            env
          })
        )
      );
      if (r.exitCode !== 0) {
        const failed = failedRunOutput(r.stderr);
        if (failed)
          await o.log.inert(() => {
            o.log.info(`${failed.header}`);
            for (const l of failed.lines) o.log.info(`  ${l}`);
          });
        throw new UsageError(
          `ktstr-agent produce exited ${r.exitCode}: ${r.stderr.trim().split("\n").pop() ?? ""}`,
          "run `ktstr-agent doctor` on the runner; the runs that did finish are kept in the pool"
        );
      }
      try {
        return {
          nothingToCompare: !!JSON.parse(r.stdout).nothingToCompare
        };
      } catch {
        return { nothingToCompare: false };
      }
    }
  };
}
function failedRunOutput(stderr) {
  const all = stderr.split(/\r?\n/);
  let at = -1;
  for (let i = all.length - 1; i >= 0 && at < 0; i--)
    if (/^ktstr-agent: .+: last \d+ line\(s\) of its output:$/.test(all[i])) at = i;
  if (at < 0) return null;
  const label = /^ktstr-agent: (.+): last \d+ line/.exec(all[at])[1];
  const last = all.filter((l) => l.trim() !== "").at(-1) ?? "";
  if (!last.startsWith(`ktstr-agent: ${label}`)) return null;
  const lines = [];
  for (const l of all.slice(at + 1)) {
    const m = /^ktstr-agent: \| (.*)$/.exec(l);
    if (!m) break;
    lines.push(terminalText(m[1], 1e3));
  }
  return { header: terminalText(all[at].replace(/^ktstr-agent: /, "ktstr-agent: failed "), 300), lines };
}

// src/core/topup.ts
var SAFE_TEST_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,199}$/;
function rowId(r) {
  return `${r.key}\0${r.metric}`;
}
function planTopUp(c, o) {
  const byTest = /* @__PURE__ */ new Map();
  for (const r of c.rows) {
    if (!r.base || !r.head) continue;
    const list = byTest.get(r.test) ?? [];
    list.push(r);
    byTest.set(r.test, list);
  }
  const plan = { tests: [], rows: 0, atMax: [], refused: [] };
  for (const [test, rows] of [...byTest].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    const open = rows.filter((r) => r.state === "undecided");
    if (open.length === 0) continue;
    if (!SAFE_TEST_NAME.test(test)) {
      plan.refused.push(test);
      continue;
    }
    const headRuns = Math.min(...open.map((r) => r.head.n));
    const baseRuns = Math.min(...open.map((r) => r.base.n));
    const add = Math.min(o.batch, o.maxRuns - headRuns);
    if (add <= 0) {
      plan.atMax.push(test);
      continue;
    }
    const needs = open.map((r) => r.runsNeeded).filter((n) => typeof n === "number");
    plan.tests.push({
      test,
      rows: open.length,
      headRuns,
      baseRuns,
      runsNeeded: needs.length ? Math.max(...needs) : null,
      add,
      // A deep baseline (cache, pushes to the default branch) needs no more runs to match HEAD's.
      withBase: baseRuns < headRuns + add
    });
    plan.rows += open.length;
  }
  return plan;
}
function nextestFilter(names) {
  if (names.length === 0) throw new Error("nextestFilter: no test names");
  for (const n of names)
    if (!SAFE_TEST_NAME.test(n)) throw new Error(`nextestFilter: unsafe test name ${JSON.stringify(n)}`);
  return [...new Set(names)].sort().map((n) => `test(/^(.*::)?${n}$/)`).join(" | ");
}
function recordDecisions(c, decided) {
  for (const r of c.rows)
    if (r.state && r.state !== "undecided" && !decided.has(rowId(r)))
      decided.set(rowId(r), structuredClone(r));
}
function holdDecisions(c, decided) {
  const rows = c.rows.map((r) => {
    const d = decided.get(rowId(r));
    return d && d.state !== r.state ? structuredClone(d) : r;
  });
  const ordered = [...rows].sort(rowOrder);
  const count2 = (v) => ordered.filter((r) => r.verdict === v).length;
  const countState = (s) => ordered.filter((r) => r.state === s).length;
  const counts = {
    ...c.counts,
    regressions: count2("regression"),
    improvements: count2("improvement"),
    unchanged: count2("unchanged") - countState("undecided") - countState("inconclusive"),
    undecided: countState("undecided"),
    inconclusive: countState("inconclusive")
  };
  const { verdict, reasons } = redecide(c, ordered);
  const tests = c.tests?.map((t) => {
    const mine = ordered.filter((r) => r.key === t.key);
    const open = mine.filter((r) => r.state === "undecided");
    return {
      ...t,
      undecided: open.length,
      inconclusive: mine.filter((r) => r.state === "inconclusive").length,
      runsNeeded: open.length ? t.runsNeeded : null
    };
  });
  const same = verdict === c.verdict && counts.regressions === c.counts.regressions;
  return {
    ...c,
    rows: ordered,
    counts,
    ...tests ? { tests } : {},
    verdict,
    reasons: same ? c.reasons : reasons
  };
}

// src/action/topup.ts
async function topUp(d) {
  const decided = /* @__PURE__ */ new Map();
  recordDecisions(d.first, decided);
  let c = d.first;
  let msPerTestRun = d.firstRound && d.firstRound.testRuns > 0 ? d.firstRound.ms / d.firstRound.testRuns : null;
  for (let round = 2; ; round++) {
    const plan = planTopUp(c, { batch: d.batch, maxRuns: d.maxRuns });
    if (plan.refused.length > 0)
      d.log.warning(
        `not topping up ${plan.refused.length} test(s) whose name is not a plain test name (sidecars are untrusted): ${plan.refused.slice(0, 3).map((t) => terminalText(t, 100)).join(", ")}`
      );
    if (plan.tests.length === 0) {
      const stopped = plan.refused.length > 0 ? "refused" : plan.atMax.length > 0 ? "max-runs" : "decided";
      const stuck = c.rows.filter((r) => r.state === "inconclusive").length;
      if (stopped === "decided")
        d.log.info(
          `round ${round}: nothing undecided \u2014 every row decided${stuck ? ` (${stuck} inconclusive: too noisy, or at max-runs)` : ""}`
        );
      else if (stopped === "max-runs")
        d.log.info(
          `round ${round}: ${plan.atMax.length} test(s) still undecided at max-runs ${d.maxRuns} \u2014 stopping`
        );
      return { comparison: c, rounds: round - 2, stopped };
    }
    const testRuns = plan.tests.reduce((s, t) => s + t.add * (t.withBase ? 2 : 1), 0);
    const estMs = msPerTestRun === null ? null : msPerTestRun * testRuns;
    d.log.info(
      `round ${round}: ${plan.tests.length} test${plan.tests.length === 1 ? "" : "s"} undecided (${plan.rows} row${plan.rows === 1 ? "" : "s"}) \u2192 ${adds(plan.tests)} each, est. ${minutes(estMs)}`
    );
    const spent = d.now() - d.startedAt;
    if (d.budgetMs > 0 && (spent >= d.budgetMs || estMs !== null && spent + estMs > d.budgetMs)) {
      const why = `time-budget ${Math.round(d.budgetMs / 6e4)} min: ${Math.round(spent / 6e4)} min spent, round ${round} would take ${estMs === null ? "unknown" : `\u2248 ${Math.ceil(estMs / 6e4)} min`}`;
      d.log.notice(
        `${why}; stopping with ${plan.rows} row(s) undecided \u2014 rerun with a larger time-budget, or with extra-runs`
      );
      return {
        comparison: withNotice(c, `${why}: ${plan.rows} row(s) left undecided`),
        rounds: round - 2,
        stopped: "time-budget"
      };
    }
    const t0 = d.now();
    try {
      for (const g of groups(plan.tests))
        await d.produce({ filter: nextestFilter(g.tests), tests: g.tests, add: g.add, base: g.base });
    } catch (e) {
      const why = `the top-up of round ${round} failed: ${e.message}`;
      d.log.warning(`${why}; gating the runs that finished`);
      c = holdDecisions(await d.regate(), decided);
      await d.afterRound?.();
      return { comparison: withNotice(c, why), rounds: round - 1, stopped: "agent-failed" };
    }
    const ms = d.now() - t0;
    if (testRuns > 0 && ms > 0) msPerTestRun = ms / testRuns;
    c = holdDecisions(await d.regate(), decided);
    recordDecisions(c, decided);
    await d.afterRound?.();
  }
}
function minutes(ms) {
  if (ms === null) return "unknown (nothing measured yet)";
  return ms < 6e4 ? "< 1 min" : `${Math.ceil(ms / 6e4)} min`;
}
function adds(tests) {
  const lo = Math.min(...tests.map((t) => t.add));
  const hi = Math.max(...tests.map((t) => t.add));
  return lo === hi ? `+${lo} run${lo === 1 ? "" : "s"}` : `+${lo}\u2013${hi} runs`;
}
function groups(tests) {
  const out = /* @__PURE__ */ new Map();
  for (const t of tests) {
    const k = `${t.add}/${t.withBase}`;
    const g = out.get(k) ?? { tests: [], add: t.add, base: t.withBase };
    g.tests.push(t.test);
    out.set(k, g);
  }
  return [...out.values()];
}
function withNotice(c, notice2) {
  return { ...c, notices: [...c.notices, notice2] };
}

// src/action/inputs.ts
function readInputs(get) {
  const oneOf = (name, allowed, dflt) => {
    const v = get(name) || dflt;
    if (!allowed.includes(v))
      throw new UsageError(`input ${name}: ${JSON.stringify(v)} is not one of ${allowed.join(", ")}`);
    return v;
  };
  const int = (name, dflt, min) => {
    const raw = get(name);
    if (raw === "") return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new UsageError(`input ${name}: ${JSON.stringify(raw)} is not a whole number \u2265 ${min}`);
    return n;
  };
  const bool = (name, dflt) => {
    const raw = get(name).toLowerCase();
    if (raw === "") return dflt;
    if (["true", "yes", "on", "1"].includes(raw)) return true;
    if (["false", "no", "off", "0"].includes(raw)) return false;
    throw new UsageError(`input ${name}: ${JSON.stringify(raw)} is not true or false`);
  };
  const fdrRaw = get("fdr");
  const fdr = fdrRaw === "" ? null : Number(fdrRaw);
  if (fdr !== null && !(fdr > 0 && fdr < 1))
    throw new UsageError(`input fdr: ${JSON.stringify(fdrRaw)} must be a rate between 0 and 1, e.g. 0.05`);
  const runs = int("noise-adjust", 5, 1);
  const threshold = get("threshold") || void 0;
  const policy = get("policy") || void 0;
  if (threshold === void 0 !== (policy === void 0) && runs >= 2)
    throw new UsageError(
      `input ${threshold !== void 0 ? "threshold" : "policy"}: gates the scalar comparison only (one run per side), as in ktstr where it conflicts with --noise-adjust; noise-adjust is ${runs}`,
      "set noise-adjust: 1, or drop it (with repeated runs the registry gates and the Welch test decide)"
    );
  return {
    mode: oneOf("mode", ["gate", "produce", "comment"], "gate"),
    base: get("base"),
    baseRef: get("base-ref"),
    defaultBranch: get("default-branch") || "main",
    kernel: get("kernel"),
    runs,
    extraRuns: int("extra-runs", 0, 0),
    filter: get("filter"),
    threshold,
    policy,
    failThreshold: int("fail-threshold", 5, 0),
    mustFail: get("must-fail") || void 0,
    fdr,
    rule: oneOf("rule", ["ktstr", "sequential"], "ktstr"),
    maxRuns: int("max-runs", 20, 2),
    poolDir: get("pool-dir") || "target/ktstr",
    produce: oneOf("produce", ["auto", "never", "always"], "auto"),
    agent: get("agent") || "ktstr-agent",
    hostClass: get("host-class") || "ktstr-kvm",
    shard: get("shard"),
    allowForkProduce: bool("allow-fork-produce", false),
    forkApprovalLabel: get("fork-approval-label"),
    comment: oneOf("comment", ["always", "on-change", "never"], "always"),
    commentKey: get("comment-key"),
    upload: bool("upload", true),
    retentionDays: int("retention-days", 0, 0),
    registry: get("registry") || "auto",
    token: get("github-token"),
    onNoData: oneOf("on-no-data", ["fail", "pass"], "fail"),
    strict: bool("strict", false),
    timeBudgetMin: int("time-budget", 60, 0),
    baselineRuns: int("baseline-runs", 20, 0),
    sentinelRuns: int("sentinel-runs", 1, 0),
    acceptLabel: get("accept-label"),
    acceptFile: get("accept-file") || void 0
  };
}

// src/action/publish.ts
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
async function writeReport(c, dir, key) {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `ktstr-perf-gate-report-${key.replace(/[^A-Za-z0-9._-]+/g, "_")}.json`);
  await writeFile(file, renderJson(c) + "\n");
  return file;
}
function outputs(c, report) {
  return {
    verdict: c.verdict,
    regressions: String(c.counts.regressions),
    improvements: String(c.counts.improvements),
    compared: String(c.rows.filter((r) => r.verdict !== "coverage").length),
    baseline: c.baseline.label,
    head: c.head.label,
    report,
    ...acceptedOutputs(c)
  };
}
function acceptedOutputs(c) {
  const w = c.waivers ?? [];
  const byLabel = w.find((x) => x.via === "label");
  return {
    accepted: String(!!byLabel),
    "accepted-by": byLabel?.by ?? "",
    "accepted-rows": String(w.reduce((n, x) => n + x.rows.length, 0))
  };
}
var MAX_ANNOTATIONS = 10;
function annotate(c, log) {
  const regs = c.rows.filter((r) => r.verdict === "regression");
  for (const r of regs.slice(0, MAX_ANNOTATIONS)) {
    const msg = `${terminalText(r.key, 200)} ${terminalText(r.metric, 80)}: ${formatPercent(r.relDelta)} vs baseline ${c.baseline.label}`;
    if (c.verdict === "fail") log.error(msg, { title: "ktstr-perf-gate: regression" });
    else log.warning(msg);
  }
  if (regs.length > MAX_ANNOTATIONS)
    log.info(`${regs.length - MAX_ANNOTATIONS} more regression(s) are in the job summary`);
  for (const a of c.assertions.filter((x) => x.tripped))
    log.error(`${terminalText(a.key, 200)}: assertion ${terminalText(a.name ?? a.metric, 80)} tripped`, {
      title: "ktstr-perf-gate: assertion"
    });
}
async function uploadSides(o) {
  const dirs = await readdir(o.poolDir, { withFileTypes: true }).catch(() => []);
  for (const side2 of o.sides) {
    const mine = dirs.filter(
      (d) => d.isDirectory() && !d.name.startsWith(".") && d.name.endsWith(`-${side2.label}`)
    );
    if (mine.length === 0) continue;
    const kernel = o.kernel || mine[0].name.slice(0, -(side2.label.length + 1));
    let name;
    try {
      name = sidecarArtifactName(kernel, side2.sha, o.hostClass);
    } catch (e) {
      o.log.warning(`not uploading ${side2.label}: ${e.message}`);
      continue;
    }
    const stage = await mkdtemp(path.join(tmpdir(), "ktstr-upload-"));
    try {
      for (const d of mine) await copyTree(path.join(o.poolDir, d.name), path.join(stage, d.name));
      if (o.uploaded?.has(name)) await o.client.deleteArtifact(name);
      const up = await uploadDirectory({
        client: o.client,
        name,
        dir: stage,
        ...o.retentionDays ? { retentionDays: o.retentionDays } : {}
      });
      o.uploaded?.add(name);
      o.log.info(`uploaded artifact ${name} (id ${up.id})`);
    } catch (e) {
      o.log.warning(`${e.message}`);
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  }
}
async function uploadReportArtifact(o) {
  const name = reportArtifactName(o.key);
  try {
    const { artifacts } = await o.client.listArtifacts();
    const squatters = artifacts.filter((a) => a.name === name);
    if (squatters.length > 0) {
      o.log.warning(
        `an artifact named ${name} already exists in this run (id ${squatters.map((a) => a.id).join(", ")}) and this step did not upload it \u2014 something in the job (the code under test?) did; deleting it and uploading the real report`
      );
      await o.client.deleteArtifact(name);
    }
    const up = await uploadReport({
      client: o.client,
      name,
      report: JSON.parse(renderJson(o.c)),
      prNumber: o.prNumber,
      headSha: o.headSha,
      hostClass: o.hostClass,
      ...o.retentionDays ? { retentionDays: o.retentionDays } : {}
    });
    o.log.info(`uploaded report artifact ${name} (id ${up.id}, ${up.digest ?? "no digest"})`);
    return up;
  } catch (e) {
    o.log.warning(`${e.message}`);
    return null;
  }
}
function reportRecord(up) {
  return `

Report artifact \`${up.name}\` (id ${up.id}), digest \`${up.digest ?? "none"}\`.
`;
}
async function postComment(o) {
  const rendered = renderComment(o.c, { key: o.key, ...o.links, ...o.report });
  const body = o.trailer ? `${rendered.replace(/\s+$/, "")}

${o.trailer}
` : rendered;
  const hasNews = o.c.verdict === "fail" || o.c.counts.regressions + o.c.counts.improvements > 0;
  try {
    const r = await upsertComment({
      octokit: o.octokit,
      owner: o.owner,
      repo: o.repo,
      issueNumber: o.prNumber,
      marker: commentMarker(o.key),
      body,
      mode: o.mode,
      hasNews
    });
    switch (r.action) {
      case "created":
      case "updated":
      case "unchanged":
        o.log.info(`comment ${r.action}: ${r.url}`);
        return r.url;
      case "forbidden":
        o.log.notice(r.notice);
        return null;
      case "skipped":
        o.log.info(`no comment (${r.reason})`);
        return null;
    }
  } catch (e) {
    o.log.warning(
      `could not post the PR comment: ${e.message} \u2014 the job summary and the report artifact have the full result`
    );
    return null;
  }
}
async function copyTree(from, to) {
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) await copyTree(a, b);
    else if (e.isFile()) await copyFile(a, b);
  }
}

// src/action/samples.ts
import { existsSync } from "node:fs";
import { mkdir as mkdir2, mkdtemp as mkdtemp2, rename, rm as rm2 } from "node:fs/promises";
import path2 from "node:path";
async function gatherSamples(needs, d) {
  if (d.checkout) await setAsideTracked(d.checkout, d.poolDir, d.log);
  const pool0 = await readPool(d.poolDir);
  const out = needs.map((n) => {
    const have = runsAvailable(pool0, n.commit.label);
    return { ...n, fromPool: have, fromArtifact: null, produced: 0, have };
  });
  for (const o of out) {
    if (o.have >= o.want || !d.github || !d.kernel) continue;
    if (o.have > 0) continue;
    const name = sidecarArtifactName(d.kernel, o.commit.sha, d.hostClass);
    try {
      const restored = await restoreInto(d, o, name);
      if (restored) {
        const pool2 = await readPool(d.poolDir);
        o.have = runsAvailable(pool2, o.commit.label);
        o.fromArtifact = { runId: restored.runId, name, runs: o.have };
        d.log.info(
          `restored ${o.have} run(s) of the ${o.side} ${o.commit.label} from artifact ${name} of run ${restored.runId}`
        );
      } else
        d.log.info(
          `no artifact ${name} from an earlier successful run of ${[o.runSha, ...o.alsoRunShas ?? []].map((s) => s.slice(0, 7)).join(" or ")}`
        );
    } catch (e) {
      d.log.warning(
        `could not restore the ${o.side} ${o.commit.label} from artifacts: ${e.message}`
      );
    }
  }
  if (d.extraRuns) for (const o of out) o.want = Math.max(o.want, o.have + d.extraRuns);
  const short = out.filter((o) => o.have < o.want || d.produce === "always");
  if (short.length === 0 || d.produce === "never") {
    for (const o of out.filter((x) => x.have < x.want)) {
      o.notProduced = "producing is off (produce: never)";
      d.log.notice(
        `${o.side} ${o.commit.label}: ${o.have} of ${o.want} run(s) available and producing is off (produce: never); run this job on a KVM runner with produce: auto, or record runs with a mode: produce job`
      );
    }
    return out;
  }
  const doctor = d.agent && !d.produceBlocked ? await d.agent.doctor(d.poolDir) : null;
  const blocked = d.produceBlocked ?? (!d.agent ? "no runner agent" : doctor && !doctor.ok ? `ktstr-agent doctor: ${doctor.why}` : null);
  if (blocked || !d.agent) {
    for (const o of short) {
      o.notProduced = blocked ?? "no runner agent";
      d.log.notice(
        `${o.side} ${o.commit.label}: ${o.have} of ${o.want} run(s) available; not producing: ${blocked}`
      );
    }
    return out;
  }
  const head = short.find((o) => o.side === "HEAD");
  const base = short.find((o) => o.side === "baseline") ?? (head && d.sentinel ? out.find((o) => o.side === "baseline") : void 0);
  const want = Math.max(...short.map((o) => o.want));
  const result = await d.agent.produce({
    base: base?.commit.sha,
    head: head?.commit.sha,
    kernel: d.kernel,
    runs: want,
    out: d.poolDir,
    ...d.deep ? { deep: d.deep } : {},
    ...d.sentinel ? { sentinel: d.sentinel } : {},
    ...d.cacheHead && !base ? { cacheHead: true } : {}
    // The agent tops the pool up from its host cache without knowing which runs the pool already
    // holds: runs restored from an artifact are usually the very runs it cached, and would come
    // back as duplicates (the gate ignores them, so a top-up would add nothing). Produce fresh ones.
  });
  const pool = await readPool(d.poolDir);
  for (const o of out) {
    const now = runsAvailable(pool, o.commit.label);
    o.produced = Math.max(0, now - o.have);
    o.have = now;
  }
  if (result.nothingToCompare) {
    for (const o of out.filter((x) => x.have === 0))
      o.notProduced = "the runner agent produced no performance_mode sidecars";
    d.log.notice(
      "the runner agent produced no performance_mode sidecars \u2014 nothing to compare (define #[ktstr_test(performance_mode)] tests, or widen the filter)"
    );
  }
  return out;
}
async function restoreInto(d, o, name) {
  await mkdir2(d.poolDir, { recursive: true });
  const scratch = await mkdtemp2(path2.join(d.poolDir, ".restore-"));
  try {
    for (const headSha of [.../* @__PURE__ */ new Set([o.runSha, ...o.alsoRunShas ?? []])]) {
      const r = await restoreFrom(d, o, name, scratch, headSha);
      if (r) return r;
    }
    return void 0;
  } finally {
    await rm2(scratch, { recursive: true, force: true });
  }
}
async function restoreFrom(d, o, name, scratch, headSha) {
  const gh = d.github;
  let accepted = [];
  const r = await restoreArtifact({
    octokit: gh.octokit,
    client: gh.client,
    token: gh.token,
    owner: gh.owner,
    repo: gh.repo,
    headSha,
    name,
    // A failed gate (a regression) still recorded sound samples: reruns and top-ups reuse them.
    conclusions: ["success", "failure"],
    targetDir: scratch,
    log: (line) => d.log.debug(line),
    trust: {
      repository: `${gh.owner}/${gh.repo}`,
      defaultBranch: gh.defaultBranch,
      ...o.side === "HEAD" && o.forkHead ? { forkHead: o.forkHead } : {}
    },
    // Use an artifact only for the runs it holds of this side's commit, each with a manifest made
    // with this job's kernel and metric registry; with none, the next older one is tried.
    accept: async (dir, artifact) => {
      const found = await restorableRuns(dir, {
        kernel: d.kernel,
        registryHash: d.registryHash ?? "",
        commit: o.commit.sha,
        label: o.commit.label
      });
      accepted = found.runs;
      if (found.refused.length > 0)
        d.log.info(
          `artifact ${name} of run ${artifact.runId}: not using ${found.refused.length} entr${found.refused.length === 1 ? "y" : "ies"}: ${found.refused.slice(0, 3).map((x) => terminalText(x, 200)).join("; ")}`
        );
      return found.runs.length > 0;
    }
  });
  if (!r) return void 0;
  await moveRuns(r.dir, accepted, d.poolDir);
  return { runId: r.artifact.runId };
}
async function moveRuns(from, runs, poolDir) {
  for (const run2 of runs) {
    const to = path2.join(poolDir, run2);
    if (existsSync(to)) continue;
    await mkdir2(path2.dirname(to), { recursive: true });
    await rename(path2.join(from, run2), to);
  }
}
var TRACKED_ASIDE = ".git-tracked";
async function setAsideTracked(checkout, poolDir, log) {
  const rel = path2.relative(checkout, poolDir);
  if (rel.startsWith("..") || path2.isAbsolute(rel) || !existsSync(poolDir)) return [];
  let listed;
  try {
    const { simpleGit } = await import("./chunks/dist-SMIBZL3N.js");
    listed = await simpleGit({ baseDir: checkout }).raw(["ls-files", "-z", "--", rel || "."]);
  } catch (e) {
    log.debug(`git ls-files in ${checkout}: ${e.message}`);
    return [];
  }
  const inRuns = listed.split("\0").filter(Boolean).map((f) => path2.relative(poolDir, path2.join(checkout, f))).filter((f) => f.includes(path2.sep) && !f.startsWith(".") && !f.startsWith(".."));
  if (inRuns.length === 0) return [];
  for (const f of inRuns) {
    const to = path2.join(poolDir, TRACKED_ASIDE, f);
    await mkdir2(path2.dirname(to), { recursive: true });
    await rename(path2.join(poolDir, f), to).catch(() => void 0);
  }
  log.warning(
    `${inRuns.length} file(s) under the pool ${terminalText(rel || ".", 200)} are committed in this checkout (${inRuns.slice(0, 3).map((f) => terminalText(f, 120)).join(", ")}${inRuns.length > 3 ? ", \u2026" : ""}): committed sidecars are never samples; moved to ${terminalText(path2.join(rel, TRACKED_ASIDE), 200)} and ignored \u2014 remove them from the branch`
  );
  return inRuns;
}

// src/action/sentinel.ts
import { mkdir as mkdir3, rename as rename2 } from "node:fs/promises";
import path3 from "node:path";

// src/core/sentinel.ts
var import_jstat = __toESM(require_jstat(), 1);
var { jStat } = import_jstat.default;
var SENTINEL_DEFAULTS = { minShift: 0.25, alpha: 1e-3, z: 2 };
function pooledT(fresh, cached2) {
  if (fresh.length === 0 || cached2.length === 0 || fresh.length + cached2.length < 3) return null;
  const f = describe(fresh);
  const c = describe(cached2);
  if (![f.mean, c.mean, f.variance, c.variance].every(Number.isFinite)) return null;
  const df = f.n + c.n - 2;
  const pooled = ((f.n - 1) * f.variance + (c.n - 1) * c.variance) / df;
  const diff = f.mean - c.mean;
  const se = Math.sqrt(pooled * (1 / f.n + 1 / c.n));
  const pValue = !(se > 0) ? diff === 0 ? 1 : 0 : Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(diff / se), df));
  return { freshMean: f.mean, cachedMean: c.mean, se, pValue };
}
function sentinelRowsOf(fresh, cached2, registry, pairOn) {
  if (fresh.length === 0 || cached2.length === 0) return [];
  const c = compare({
    base: cached2,
    head: fresh,
    pairOn,
    registry,
    baseline: { label: "cached", how: "cached baseline runs" },
    headSpec: { label: "fresh", how: "fresh baseline runs" }
  });
  return c.rows.filter((r) => r.base && r.head && r.verdict !== "informational").map((r) => ({
    test: r.test,
    key: r.key,
    metric: r.metric,
    fresh: r.head.samples,
    cached: r.base.samples,
    gate: effectiveGate({ base: r.base, gate: r.gate }),
    ...Number.isFinite(r.gate.rel) && r.gate.rel > 0 ? { rel: r.gate.rel } : {},
    ...worseOf(r.polarity) !== null ? { worse: worseOf(r.polarity) } : {}
  }));
}
function sentinelCheck(rows, p = SENTINEL_DEFAULTS) {
  const byTest = /* @__PURE__ */ new Map();
  for (const r of rows) byTest.set(r.test, [...byTest.get(r.test) ?? [], r]);
  const out = [];
  for (const [test, list] of [...byTest].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    let worst = null;
    const shifts = [];
    const rels = [];
    for (const r of list) {
      const e = evidence(r);
      if (!e) continue;
      if (!worst || e.pValue < worst.pValue) worst = e;
      if (r.worse === void 0 || e.relShift === null || e.relSe === null || e.relSe <= CONSTANT && Math.abs(e.relShift) <= CONSTANT)
        continue;
      shifts.push({ x: r.worse * e.relShift, se: e.relSe });
      if (r.rel !== void 0 && Number.isFinite(r.rel) && r.rel > 0) rels.push(r.rel);
    }
    const threshold = rels.length > 0 ? p.minShift * Math.min(...rels) : null;
    const floor = (threshold ?? 0) * WEIGHT_FLOOR;
    const weighted = shifts.map((s) => ({ x: s.x, se: s.se, w: 1 / Math.max(s.se, floor) }));
    const shift = weighted.length > 0 ? weightedMedian(weighted) : worst ? 0 : null;
    const shiftSe = weighted.length > 0 ? medianSe(weighted) : null;
    const material = shift !== null && Math.abs(shift) >= (threshold ?? 0) && (threshold !== null || shift !== 0);
    const clear = shift !== null && (shiftSe === null || !(Math.abs(shift) < p.z * shiftSe));
    const status = worst === null || shift === null ? "too-few" : material && clear ? "disagree" : "agree";
    out.push({
      test,
      status,
      freshRuns: Math.min(...list.map((r) => r.fresh.length)),
      cachedRuns: Math.min(...list.map((r) => r.cached.length)),
      shift,
      shiftSe,
      threshold,
      rows: shifts.length,
      worst
    });
  }
  return out;
}
var WEIGHT_FLOOR = 0.25;
var CONSTANT = 1e-9;
function medianSe(xs) {
  const sw = xs.reduce((a, v2) => a + v2.w, 0);
  const v = xs.reduce((a, x) => a + x.w * x.w * x.se * x.se, 0);
  return Math.sqrt(Math.PI / 2) * Math.sqrt(v) / sw;
}
function weightedMedian(xs) {
  const s = [...xs].filter((v) => Number.isFinite(v.w) && v.w > 0).sort((a, b) => a.x - b.x);
  if (s.length === 0) return xs.length ? xs[0].x : NaN;
  const total = s.reduce((a, v) => a + v.w, 0);
  let acc = 0;
  for (let i = 0; i < s.length; i++) {
    acc += s[i].w;
    if (acc > total / 2) return s[i].x;
    if (acc === total / 2) return (s[i].x + s[i + 1].x) / 2;
  }
  return s[s.length - 1].x;
}
function evidence(r) {
  const t = pooledT(r.fresh, r.cached);
  if (t === null) return null;
  const { freshMean, cachedMean, se, pValue } = t;
  return {
    relSe: cachedMean !== 0 && Number.isFinite(se) ? se / Math.abs(cachedMean) : null,
    key: r.key,
    metric: r.metric,
    pValue,
    freshMean,
    cachedMean,
    relShift: cachedMean !== 0 ? (freshMean - cachedMean) / Math.abs(cachedMean) : null
  };
}
function pct(x) {
  return `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;
}
function sentinelLine(t) {
  const w = t.worst;
  const limit = t.threshold === null ? "any shift (no relative gate)" : `\xB1${(t.threshold * 100).toFixed(1)} %`;
  const row2 = w.relShift === null ? "" : ` ${pct(w.relShift)},`;
  return `sentinel: ${t.test}: the ${t.freshRuns} fresh baseline run(s) are ${pct(t.shift)} off the ${t.cachedRuns} cached one(s) (median over ${t.rows} gated metric(s), worse direction; limit ${limit}; most significant ${w.metric}${row2} p = ${w.pValue.toPrecision(2)}): host drift \u2014 this test's cached runs (and the sentinel runs) were set aside and fresh runs of both sides produced`;
}

// src/action/sentinel.ts
var SENTINEL_ASIDE = ".sentinel-dropped";
async function baselineProvenance(poolDir, baseLabel, headLabel) {
  const ids = /* @__PURE__ */ new Set();
  for (const { result: m } of await poolManifests(poolDir, (d) => d.endsWith(`-${headLabel}`)))
    if (m.ok && m.manifest.produceId) ids.add(m.manifest.produceId);
  const out = { fresh: /* @__PURE__ */ new Set(), cached: /* @__PURE__ */ new Set() };
  for (const { run: run2, result: m } of await poolManifests(poolDir, (d) => d.endsWith(`-${baseLabel}`))) {
    if (!m.ok) continue;
    const fresh = m.manifest.source === "produced" && !!m.manifest.produceId && ids.has(m.manifest.produceId);
    out[fresh ? "fresh" : "cached"].add(run2);
  }
  return out;
}
function runOf(s) {
  return path3.dirname(s.file).split(path3.sep).join("/");
}
function sentinelRows(sidecars, prov, registry) {
  return sentinelRowsOf(
    sidecars.filter((s) => prov.fresh.has(runOf(s))),
    sidecars.filter((s) => prov.cached.has(runOf(s))),
    registry,
    pairingDimensions({ shared: {}, a: {}, b: {} }).filter((d) => d !== "run-source")
  );
}
async function dropChecked(poolDir, sidecars, prov, tests) {
  let moved = 0;
  for (const s of sidecars) {
    const run2 = runOf(s);
    if (!tests.has(s.testName) || !(prov.cached.has(run2) || prov.fresh.has(run2))) continue;
    const to = path3.join(poolDir, SENTINEL_ASIDE, s.file);
    await mkdir3(path3.dirname(to), { recursive: true });
    await rename2(path3.join(poolDir, s.file), to);
    moved++;
  }
  return moved;
}
async function check(d) {
  const prov = await baselineProvenance(d.poolDir, d.baseLabel, d.headLabel);
  const inBase = (s) => s.projectCommit === d.baseLabel;
  const { sidecars } = await readPool(d.poolDir, { keep: inBase });
  return { prov, sidecars, tests: sentinelCheck(sentinelRows(sidecars, prov, d.registry), SENTINEL_DEFAULTS) };
}
async function runSentinel(d) {
  const first = await check(d);
  const { prov, sidecars } = first;
  if (prov.cached.size === 0) return null;
  const notices = [];
  if (prov.fresh.size === 0)
    notices.push(
      `sentinel: the baseline's ${prov.cached.size} cached run(s) were not checked: no fresh baseline run was made beside HEAD's (producing was off or failed)`
    );
  const suspects = first.tests.filter((t) => t.status === "disagree");
  if (suspects.length === 0) {
    d.log.info(
      `sentinel: ${prov.fresh.size} fresh baseline run(s) agree with ${prov.cached.size} cached one(s) in ${first.tests.filter((t) => t.status === "agree").length} test(s)`
    );
    return reportOf(first.tests, prov, [], notices);
  }
  const safe = suspects.map((t) => t.test).filter((t) => SAFE_TEST_NAME.test(t));
  if (safe.length < suspects.length)
    notices.push(
      `sentinel: no fresh runs for ${suspects.length - safe.length} test(s) whose name is not a plain test name: ${suspects.filter((t) => !SAFE_TEST_NAME.test(t.test)).slice(0, 3).map((t) => terminalText(t.test, 100)).join(", ")}`
    );
  let bad = suspects;
  if (!d.produce)
    notices.push(`sentinel: no runner agent here to produce fresh baseline runs for the dropped test(s)`);
  else if (safe.length > 0) {
    d.log.info(
      `sentinel: ${suspects.length} test(s) look shifted against the cache (${suspects.map((t) => terminalText(t.test, 100)).join(", ")}): producing fresh runs of both sides and checking again`
    );
    try {
      await d.produce(nextestFilter(safe));
      const again = new Map((await check(d)).tests.map((t) => [t.test, t]));
      bad = suspects.map((t) => again.get(t.test) ?? t).filter((t) => t.status !== "agree");
      const kept = suspects.length - bad.length;
      if (kept > 0)
        d.log.info(
          `sentinel: ${kept} test(s) agree with the cache once checked with more fresh runs: cache kept`
        );
    } catch (e) {
      notices.push(`sentinel: fresh runs for the dropped test(s) failed: ${e.message}`);
    }
  }
  if (bad.length === 0) return reportOf(first.tests, prov, [], notices);
  const moved = await dropChecked(d.poolDir, sidecars, prov, new Set(bad.map((t) => t.test)));
  d.log.info(
    `sentinel: set aside ${moved} baseline sidecar(s) of ${bad.length} test(s), cached and sentinel (moved to ${SENTINEL_ASIDE})`
  );
  return reportOf(first.tests, prov, bad, notices);
}
function reportOf(tests, prov, bad, notices) {
  return {
    alpha: SENTINEL_DEFAULTS.alpha,
    minShift: SENTINEL_DEFAULTS.minShift,
    freshRuns: prov.fresh.size,
    cachedRuns: prov.cached.size,
    checked: tests.filter((t) => t.status !== "too-few").length,
    unchecked: tests.filter((t) => t.status === "too-few").map((t) => t.test),
    dropped: bad.map((t) => ({
      test: t.test,
      key: t.worst.key,
      metric: t.worst.metric,
      pValue: t.worst.pValue,
      relShift: t.worst.relShift,
      shift: t.shift,
      threshold: t.threshold,
      freshRuns: t.freshRuns,
      cachedRuns: t.cachedRuns
    })),
    notices: [...notices, ...bad.map((t) => sentinelLine(t))]
  };
}
function withSentinel(c, s) {
  if (!s) return c;
  return { ...c, notices: [...c.notices, ...s.notices], sentinel: s };
}

// src/action/main.ts
async function run(deps) {
  try {
    const inputs = readInputs(deps.getInput);
    const ctx = readContext(deps.env);
    if (inputs.mode === "comment") await commentMode(inputs, ctx, deps);
    else await gateOrProduce(inputs, ctx, deps);
  } catch (e) {
    const debug2 = !!deps.env.ACTIONS_STEP_DEBUG || deps.env.RUNNER_DEBUG === "1";
    if (isUsageError(e)) deps.setFailed(e.message);
    else
      deps.setFailed(
        `internal error: ${e.message}${debug2 ? `
${e.stack}` : " (re-run with debug logging for details)"}`
      );
  }
}
function readContext(env) {
  let owner, repo;
  try {
    ;
    ({ owner, repo } = parseRepository(env.GITHUB_REPOSITORY));
  } catch (e) {
    throw new UsageError(e.message);
  }
  let payload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
    } catch (e) {
      throw new UsageError(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${e.message}`);
    }
  }
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  const runId = Number(env.GITHUB_RUN_ID || 0);
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME || "",
    payload,
    sha: env.GITHUB_SHA || "",
    runId,
    links: {
      repoUrl: `${server}/${owner}/${repo}`,
      ...runId ? { runUrl: `${server}/${owner}/${repo}/actions/runs/${runId}` } : {},
      ...workflowLink(server, owner, repo, env.GITHUB_WORKFLOW_REF)
    },
    apiUrl: env.GITHUB_API_URL,
    tempDir: env.RUNNER_TEMP || tmpdir2(),
    defaultKey: [env.GITHUB_WORKFLOW, env.GITHUB_JOB].filter(Boolean).join("/") || "default"
  };
}
function workflowLink(server, owner, repo, ref) {
  const m = /^[^/]+\/[^/]+\/\.github\/workflows\/([A-Za-z0-9._-]+\.ya?ml)@/.exec(ref ?? "");
  return m ? { workflowUrl: `${server}/${owner}/${repo}/actions/workflows/${m[1]}` } : {};
}
async function gateOrProduce(inputs, ctx, deps) {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const step = await setUp(inputs, ctx, deps);
  const sides = await resolveSides(step);
  const gateInputs = await loadGateInputs(step);
  const gatheredAt = now();
  const outcome = await gather(step, sides, gateInputs.registry);
  const gatherMs = now() - gatheredAt;
  const headWhy = headSamplesWhy(outcome);
  if (inputs.mode === "produce") {
    await uploadSideArtifacts(step, outcome);
    deps.setOutput("head", sides.head.label);
    if (sides.resolved) deps.setOutput("baseline", sides.resolved.base.label);
    if (headWhy) noData(headWhy, inputs, deps);
    return;
  }
  step.sentinel = inputs.rule === "sequential" ? await sentinel(step, sides, gateInputs.registry) : null;
  let c = await gate(step, sides, gateInputs, headWhy);
  if (inputs.rule === "sequential")
    c = await topUpRounds(step, sides, gateInputs, outcome, c, { startedAt, gatherMs, now });
  c = await waive(step, sides, gateInputs, c);
  await publish(step, c, sides, outcome);
  conclude(c, inputs, deps);
}
async function setUp(inputs, ctx, deps) {
  const { log, env } = deps;
  const octokit = inputs.token ? (deps.github ?? defaultGitHub(ctx, log))(inputs.token) : void 0;
  return {
    inputs,
    ctx,
    deps,
    log,
    key: inputs.commentKey || ctx.defaultKey,
    poolDir: path4.resolve(ctx.workspace, inputs.poolDir),
    pr: pullRequestFromPayload(ctx.payload, `${ctx.owner}/${ctx.repo}`),
    octokit,
    client: inputs.upload || octokit ? await deps.artifactClient().catch(() => void 0) : void 0,
    canUpload: !!(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL),
    uploaded: /* @__PURE__ */ new Set(),
    sidesCurrent: false
  };
}
async function resolveSides({ inputs, ctx, deps, log, pr }) {
  const env = deps.env;
  const explicitBase = !!(inputs.base || inputs.baseRef || env.GITHUB_BASE_REF?.trim());
  let resolved = null;
  if (inputs.mode === "gate" || explicitBase) {
    resolved = await resolveBaseline({
      cwd: ctx.workspace,
      base: inputs.base || void 0,
      baseRef: inputs.baseRef || void 0,
      defaultBranch: inputs.defaultBranch,
      env,
      deepen: true
    });
    log.info(`perf-delta: candidate HEAD ${resolved.head.label} vs baseline ${resolved.base.label}`);
    log.info(`  baseline: ${resolved.how}`);
  }
  const headSha = resolved?.head.sha ?? await headOf(ctx.workspace);
  if (pr && headSha !== pr.headSha)
    throw new UsageError(
      `HEAD is ${headSha.slice(0, 7)}, not the pull request's head ${pr.headSha.slice(0, 7)} (actions/checkout checks out GitHub's merge commit by default)`,
      "check out the head: `uses: actions/checkout@v5` with `ref: ${{ github.event.pull_request.head.sha }}` and `fetch-depth: 0`"
    );
  return {
    resolved,
    head: resolved?.head ?? { ...labelOf(headSha, false), dirty: false },
    // Earlier runs of this PR were recorded under its head SHA (the checkout may be the merge commit).
    headRunSha: pr?.headSha ?? (ctx.sha || headSha)
  };
}
async function loadGateInputs({ inputs, ctx, deps, log }) {
  const { registry, warning: warning2 } = await loadRegistry(inputs.registry, deps.env);
  if (warning2) log.warning(warning2);
  const mustFail = parseMustFail(inputs.mustFail, registry, true);
  const policyFile = inputs.policy ? path4.resolve(ctx.workspace, inputs.policy) : void 0;
  const acceptFile = inputs.acceptFile ? path4.resolve(ctx.workspace, inputs.acceptFile) : void 0;
  return {
    registry,
    mustFail,
    policy: await loadPolicy(inputs.threshold, policyFile, registry),
    accept: await loadAcceptFile(acceptFile, registry, inputs.acceptFile)
  };
}
async function gather(step, sides, registry) {
  const { inputs, ctx, deps, log, pr, octokit, client } = step;
  const needs = [];
  if (sides.resolved)
    needs.push({
      side: "baseline",
      commit: sides.resolved.base,
      // A push run of the baseline commit (mode: produce on the default branch), else this PR's
      // own earlier runs, which uploaded the baseline they produced under the PR's head SHA.
      runSha: sides.resolved.base.sha,
      alsoRunShas: [sides.headRunSha],
      want: inputs.runs
    });
  needs.push({
    side: "HEAD",
    commit: sides.head,
    runSha: sides.headRunSha,
    alsoRunShas: [sides.head.sha],
    ...pr?.isFork && pr.headRepoFullName ? { forkHead: { repository: pr.headRepoFullName, branch: pr.headRef } } : {},
    want: inputs.runs
  });
  const blocked = (!inputs.kernel ? "input kernel is empty (the kernel the perf runs boot)" : pr?.isFork && !inputs.allowForkProduce ? "this is a fork pull request: its code does not run on a shared KVM host unless allow-fork-produce is true" : void 0) ?? await forkApprovalBlocked(inputs, pr, octokit, ctx, log);
  const agent = inputs.produce === "never" || blocked ? void 0 : (deps.agent ?? execAgent)({
    command: inputs.agent,
    repo: ctx.workspace,
    filter: inputs.filter,
    allowUntrusted: inputs.allowForkProduce,
    cacheStore: !pr?.isFork,
    secrets: [inputs.token],
    log,
    env: deps.env
  });
  if (agent) step.agent = agent;
  const outcome = await gatherSamples(needs, {
    poolDir: step.poolDir,
    checkout: ctx.workspace,
    kernel: inputs.kernel,
    hostClass: inputs.hostClass,
    produce: inputs.produce,
    extraRuns: inputs.extraRuns,
    // The deep baseline and its sentinel belong to the sequential rule (DESIGN §4a); ktstr's rule
    // keeps perf-delta's N runs per side.
    ...inputs.rule === "sequential" ? { deep: inputs.baselineRuns, sentinel: inputs.sentinelRuns } : {},
    // A push recording its commit (mode: produce, no baseline): the baseline of later pull requests,
    // so the agent keeps the runs in its host cache too (it stores only commits on a branch).
    ...inputs.mode === "produce" && !sides.resolved && ctx.eventName === "push" ? { cacheHead: true } : {},
    registryHash: registry.hash,
    log,
    ...octokit && client ? {
      github: {
        octokit,
        client,
        token: inputs.token,
        owner: ctx.owner,
        repo: ctx.repo,
        defaultBranch: inputs.defaultBranch
      }
    } : {},
    ...agent ? { agent } : {},
    ...blocked ? { produceBlocked: blocked } : {}
  });
  for (const o of outcome)
    log.info(
      `${o.side} ${o.commit.label}: ${o.have} run(s) (pool ${o.fromPool}, artifact ${o.fromArtifact?.runs ?? 0}, produced ${o.produced})`
    );
  return outcome;
}
async function uploadSideArtifacts(step, outcome) {
  const { inputs, client, log } = step;
  if (!inputs.upload || !client || !step.canUpload) return;
  await uploadSides({
    client,
    poolDir: step.poolDir,
    sides: outcome.map((o) => ({ sha: o.commit.sha, label: o.commit.label })),
    kernel: inputs.kernel,
    // A shard's part of the perf set gets its own name (artifact names are unique per run); the
    // gate job merges the shards and uploads the union under the plain name for later runs.
    hostClass: inputs.shard ? `${inputs.hostClass}-${inputs.shard}` : inputs.hostClass,
    retentionDays: inputs.retentionDays,
    uploaded: step.uploaded,
    log
  });
  step.sidesCurrent = true;
}
async function gate(step, sides, g, headWhy) {
  const { inputs, ctx, deps } = step;
  await mkdir4(step.poolDir, { recursive: true });
  const { comparison: c } = await comparePool({
    dir: step.poolDir,
    cwd: ctx.workspace,
    env: deps.env,
    filters: { shared: {}, a: {}, b: {} },
    resolved: sides.resolved,
    registry: g.registry,
    options: {
      failThreshold: inputs.failThreshold,
      mustFail: g.mustFail,
      policy: g.policy,
      thresholdPercent: inputs.threshold !== void 0 ? Number(inputs.threshold) : null,
      policySource: inputs.policy ?? null,
      fdr: inputs.fdr,
      rule: inputs.rule,
      sequential: { maxRuns: inputs.maxRuns }
    }
  });
  if (c.verdict === "no-data" && headWhy) {
    c.notices.unshift(...c.reasons);
    c.reasons = [headWhy];
  }
  const checked = withSentinel(c, step.sentinel ?? null);
  return deps.judge ? deps.judge(checked) : checked;
}
async function sentinel(step, sides, registry) {
  const { inputs, agent } = step;
  if (!sides.resolved) return null;
  const base = sides.resolved.base;
  return runSentinel({
    poolDir: step.poolDir,
    baseLabel: base.label,
    headLabel: sides.head.label,
    registry,
    log: step.log,
    ...agent ? {
      produce: async (filter) => {
        await agent.produce({
          base: base.sha,
          head: sides.head.sha,
          kernel: inputs.kernel,
          runs: inputs.runs,
          add: inputs.runs,
          filter,
          out: step.poolDir
        });
      }
    } : {}
  });
}
async function topUpRounds(step, sides, g, outcome, first, t) {
  const { inputs, log, agent } = step;
  const open = first.rows.filter((r2) => r2.state === "undecided").length;
  if (open === 0 || first.verdict !== "pass" && first.verdict !== "fail") return first;
  const produced = outcome.reduce((s, o) => s + o.produced, 0);
  const doctor = agent && produced === 0 ? await agent.doctor(step.poolDir) : null;
  const why = !agent ? outcome.find((o) => o.notProduced)?.notProduced ?? "no runner agent" : doctor && !doctor.ok ? `ktstr-agent doctor: ${doctor.why}` : null;
  if (why || !agent || !sides.resolved) {
    log.notice(`${open} row(s) undecided (sequential rule) and no runs can be added here: ${why}`);
    return first;
  }
  const base = sides.resolved.base.sha;
  const r = await topUp({
    first,
    regate: () => gate(step, sides, g, null),
    produce: async (p) => {
      await agent.produce({
        ...p.base ? { base } : {},
        head: sides.head.sha,
        kernel: inputs.kernel,
        runs: p.add,
        add: p.add,
        filter: p.filter,
        out: step.poolDir
      });
    },
    batch: inputs.runs,
    maxRuns: inputs.maxRuns,
    budgetMs: inputs.timeBudgetMin * 6e4,
    startedAt: t.startedAt,
    now: t.now,
    firstRound: produced > 0 ? { ms: t.gatherMs, testRuns: produced * suiteSize(first) } : null,
    // Each round's runs are uploaded as it ends, so a job cancelled later still leaves them for a rerun.
    afterRound: () => uploadSideArtifacts(step, outcome),
    log
  });
  log.info(`sequential rule: ${r.rounds} top-up round(s), stopped: ${r.stopped}`);
  return r.comparison;
}
async function waive(step, sides, g, c) {
  const { inputs, ctx, log, pr, octokit, deps } = step;
  const byFile = applyWaivers(c, { accept: g.accept });
  const name = inputs.acceptLabel;
  const failing = byFile.verdict === "fail";
  if (!name || !failing && byFile.verdict !== "pass") return byFile;
  const unchecked = (why) => {
    if (failing) byFile.notices.push(`accept label ${name} not checked: ${why}; the gate fails`);
    else log.info(`accept label ${name} not checked: ${why}`);
    return byFile;
  };
  if (!octokit) return unchecked("no github-token to read the label");
  const prNumber = pr?.number ?? await findPr(octokit, ctx, sides.headRunSha, log, deps.env.GITHUB_REF);
  if (!prNumber) return unchecked("this run belongs to no pull request");
  const headSha = sides.headRunSha;
  let facts;
  try {
    facts = await labelFacts({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber,
      label: name,
      headSha,
      eventName: ctx.eventName,
      payload: ctx.payload,
      marker: commentMarker(step.key)
    });
  } catch (e) {
    return unchecked(`${terminalText(e.message, 300)} (the token needs pull-requests: read)`);
  }
  const status = labelStatus(facts);
  if (status.state === "accepted") {
    log.info(
      `accept label ${terminalText(name, 100)}: applied by @${terminalText(status.by, 100)} to ${headSha.slice(0, 7)} (${status.how === "trigger" ? "this run" : "recorded by the run it triggered"}); ${failing ? "the failure is accepted" : "recorded for this head"}`
    );
    step.commentTrailer = acceptRecordLine({
      label: name,
      sha: headSha,
      eventId: status.eventId,
      by: status.by
    });
  }
  return applyWaivers(c, { accept: g.accept, label: { name, headSha, status } });
}
function suiteSize(c) {
  return Math.max(1, new Set(c.rows.map((r) => r.test)).size);
}
async function publish(step, c, sides, outcome) {
  const { inputs, ctx, deps, log, pr, octokit, client, key } = step;
  await inGroup(
    log,
    `ktstr-perf-gate: ${verdictWord(c)} \u2014 ${reasonSentence(c)}`,
    () => log.inert(() => log.info(renderTerminal(c, { color: true })))
  );
  for (const m of c.malformed)
    log.warning(
      `malformed sidecar skipped (${c.malformed.length} in all): ${terminalText(m.file, 300)} at ${terminalText(m.path, 200)}: ${terminalText(m.message, 300)}`
    );
  for (const n of c.notices) log.notice(n);
  const reportPath = await writeReport(c, path4.join(ctx.tempDir, "ktstr-perf-gate"), key);
  await deps.writeSummary(
    renderSummary(c, { ...ctx.links, hostClass: inputs.hostClass, acceptLabel: inputs.acceptLabel || null })
  ).catch((e) => log.warning(`job summary not written: ${e.message}`));
  for (const [k, v] of Object.entries(outputs(c, reportPath))) deps.setOutput(k, v);
  annotate(c, log);
  if (!step.sidesCurrent) await uploadSideArtifacts(step, outcome);
  const prNumber = pr?.number ?? (octokit ? await findPr(octokit, ctx, sides.headRunSha, log, deps.env.GITHUB_REF) : null);
  if (inputs.upload && client && step.canUpload) {
    const up = await uploadReportArtifact({
      client,
      key,
      c,
      prNumber,
      headSha: sides.headRunSha,
      hostClass: inputs.hostClass,
      retentionDays: inputs.retentionDays,
      log
    });
    if (up) await recordReport(up, deps);
  }
  if (inputs.comment === "never") return;
  if (pr?.isFork)
    log.notice(
      "fork pull request: the token is read-only, so no comment is posted from here; the report artifact carries the result and a workflow_run workflow with mode: comment posts it"
    );
  else if (prNumber && octokit) {
    const url = await postComment({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber,
      key,
      c,
      mode: inputs.comment,
      links: ctx.links,
      log,
      report: { hostClass: inputs.hostClass, acceptLabel: inputs.acceptLabel || null },
      ...step.commentTrailer ? { trailer: step.commentTrailer } : {}
    });
    if (url) deps.setOutput("comment-url", url);
  }
}
function headSamplesWhy(outcome) {
  const h = outcome.find((o) => o.side === "HEAD");
  if (!h || h.have > 0) return null;
  return `HEAD ${h.commit.label} has no samples: none in the pool, none restored from an earlier run's artifact, none produced${h.notProduced ? ` (${h.notProduced})` : ""}`;
}
function conclude(c, inputs, deps) {
  if (c.verdict === "fail") deps.setFailed(`ktstr-perf-gate: ${c.reasons.join("; ")}`);
  else if (c.verdict === "no-data") noData(c.reasons.join("; "), inputs, deps);
  if (inputs.strict && c.malformed.length > 0)
    deps.setFailed(
      `ktstr-perf-gate: ${c.malformed.length} malformed sidecar(s) and strict: true \u2014 fix or delete them (the warnings name each)`
    );
}
function noData(why, inputs, deps) {
  if (inputs.onNoData === "fail")
    deps.setFailed(
      `ktstr-perf-gate: no data \u2014 ${why}; fix that, or set on-no-data: pass to let such runs pass`
    );
  else deps.log.warning(`ktstr-perf-gate: no data \u2014 ${why} (on-no-data: pass)`);
}
async function commentMode(inputs, ctx, deps) {
  const wr = workflowRunFromPayload(ctx.payload);
  if (!wr) {
    const problem = workflowRunProblem(ctx.payload);
    throw new UsageError(
      `mode comment runs on the workflow_run event; ${terminalText(problem ?? "no workflow run", 300)} (event ${terminalText(ctx.eventName || "unknown", 60)})`,
      ctx.eventName === "workflow_run" ? "the payload at GITHUB_EVENT_PATH should be the one GitHub wrote for this run; do not replace it" : "trigger it with `on: workflow_run: {workflows: [...], types: [completed]}`"
    );
  }
  if (!inputs.token)
    throw new UsageError("mode comment needs input github-token with pull-requests: write and actions: read");
  if (wr.headRepoFullName && wr.headRepoFullName.toLowerCase() === `${ctx.owner}/${ctx.repo}`.toLowerCase()) {
    deps.log.info(
      `run ${wr.runId} is not from a fork (${wr.headRepoFullName}); its own job posted the comment \u2014 nothing to do`
    );
    return;
  }
  const octokit = (deps.github ?? defaultGitHub(ctx, deps.log))(inputs.token);
  const client = await deps.artifactClient();
  const findBy = { token: inputs.token, owner: ctx.owner, repo: ctx.repo, runId: wr.runId };
  const keys = inputs.commentKey ? [inputs.commentKey] : await reportKeysOf(client, findBy);
  if (keys.length === 0) {
    deps.log.notice(`run ${wr.runId} left no ktstr-perf-gate report artifact; nothing to post`);
    return;
  }
  for (const key of keys) {
    let got;
    try {
      got = await downloadReport({
        client,
        findBy,
        name: reportArtifactName(key),
        parseReport: (v) => parseComparisonJson(v, `of run ${wr.runId}`)
      });
    } catch (e) {
      deps.log.warning(`not commenting: ${terminalText(e.message, 400)}`);
      continue;
    }
    if (!got) {
      deps.log.notice(`run ${wr.runId} left no report artifact ${reportArtifactName(key)}; nothing to post`);
      continue;
    }
    const pr = await commentTarget(octokit, ctx, wr, got);
    if (!pr.ok) {
      deps.log.notice(`not commenting from ${reportArtifactName(key)} of run ${wr.runId}: ${pr.reason}`);
      continue;
    }
    const report = await confirmLabelWaiver(octokit, ctx, pr.number, got.report);
    if (report !== got.report) deps.log.warning(`run ${wr.runId}: ${terminalText(report.reasons[0], 400)}`);
    const url = await postComment({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber: pr.number,
      key,
      c: report,
      mode: inputs.comment,
      // The gate run's pages, not this comment workflow's: its rerun link dispatches the gate's workflow.
      links: {
        repoUrl: ctx.links.repoUrl,
        runUrl: `${ctx.links.repoUrl}/actions/runs/${wr.runId}`,
        ...wr.workflowFile ? { workflowUrl: `${ctx.links.repoUrl}/actions/workflows/${wr.workflowFile}` } : {}
      },
      log: deps.log,
      report: { hostClass: got.hostClass ?? null, acceptLabel: inputs.acceptLabel || null }
    });
    if (url) deps.setOutput("comment-url", url);
    deps.setOutput("verdict", report.verdict);
  }
}
async function confirmLabelWaiver(octokit, ctx, prNumber, c) {
  const w = c.waivers?.find((x) => x.via === "label");
  if (!w) return c;
  const why = await checkLabelClaim({
    octokit,
    owner: ctx.owner,
    repo: ctx.repo,
    prNumber,
    label: w.source,
    by: w.by ?? ""
  });
  return why ? refuteLabelWaiver(c, why) : c;
}
async function commentTarget(octokit, ctx, wr, got) {
  if (!wr.headRepoFullName || !wr.headBranch)
    return { ok: false, reason: "the triggering run names no head repository or branch (deleted fork?)" };
  if (got.headSha !== wr.headSha)
    return {
      ok: false,
      reason: `the report is for head ${got.headSha.slice(0, 7)}, the run's head is ${wr.headSha.slice(0, 7)}`
    };
  if (got.prNumber === null) return { ok: false, reason: "the report names no pull request" };
  return resolvePullRequestForRun({
    octokit,
    owner: ctx.owner,
    repo: ctx.repo,
    headSha: wr.headSha,
    headRepo: wr.headRepoFullName,
    headBranch: wr.headBranch,
    claimedNumber: got.prNumber
  });
}
async function reportKeysOf(client, f) {
  const { artifacts } = await client.listArtifacts({
    latest: true,
    findBy: { token: f.token, workflowRunId: f.runId, repositoryOwner: f.owner, repositoryName: f.repo }
  });
  const prefix = reportArtifactName("x").slice(0, -1);
  return [
    ...new Set(artifacts.filter((a) => a.name.startsWith(prefix)).map((a) => a.name.slice(prefix.length)))
  ].sort();
}
async function findPr(octokit, ctx, headSha, log, ref) {
  const headBranch = ref?.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : void 0;
  if (!headBranch) return null;
  try {
    const r = await resolvePullRequestForRun({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      headSha,
      headRepo: `${ctx.owner}/${ctx.repo}`,
      headBranch
    });
    return r.ok ? r.number : null;
  } catch (e) {
    log.debug(`no pull request found for ${headSha.slice(0, 7)}: ${e.message}`);
    return null;
  }
}
async function recordReport(up, deps) {
  const digest = up.digest && !up.digest.startsWith("sha256:") ? `sha256:${up.digest}` : up.digest;
  deps.setOutput("report-artifact-id", String(up.id));
  if (digest) deps.setOutput("report-digest", digest);
  await deps.writeSummary(reportRecord({ ...up, digest })).catch(() => void 0);
}
async function forkApprovalBlocked(inputs, pr, octokit, ctx, log) {
  if (!pr?.isFork || !inputs.allowForkProduce || !inputs.forkApprovalLabel || inputs.produce === "never")
    return void 0;
  const no = "fork pull request not approved for this head";
  if (!octokit || !pr.headRepoFullName)
    return `${no}: no github-token to check label ${inputs.forkApprovalLabel}`;
  try {
    const a = await checkForkApproval({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber: pr.number,
      headSha: pr.headSha,
      headRepo: pr.headRepoFullName,
      label: inputs.forkApprovalLabel
    });
    if (a.ok) log.info(`fork pull request approved: ${terminalText(a.why, 300)}`);
    return a.ok ? void 0 : `${no}: ${terminalText(a.why, 300)}`;
  } catch (e) {
    return `${no}: could not read the label's history (${e.message}); the token needs pull-requests: read and actions: read`;
  }
}
function defaultGitHub(ctx, log) {
  return (token) => createGitHubClient({
    token,
    ...ctx.apiUrl ? { baseUrl: ctx.apiUrl } : {},
    retry: { log: (line) => log.info(line) }
  });
}
async function headOf(cwd) {
  const { simpleGit } = await import("./chunks/dist-SMIBZL3N.js");
  return (await simpleGit({ baseDir: cwd }).revparse(["HEAD"])).trim();
}

// src/action/index.ts
await run({
  getInput: (name) => getInput(name),
  env: process.env,
  log: coreLog,
  setOutput: (name, value) => setOutput(name, value),
  setFailed: (message) => setFailed(message),
  writeSummary: async (markdown) => {
    await summary.addRaw(markdown, true).write();
  },
  // @actions/artifact is ESM-only and reads its environment when first used: load it lazily.
  artifactClient: async () => new (await import("./chunks/artifact-IEDSW6DX.js")).DefaultArtifactClient()
});
