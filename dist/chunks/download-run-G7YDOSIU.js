import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  DEFAULT_EXTRACT_LIMITS,
  downloadArtifactSafely,
  downloadReport
} from "./chunk-VHGIQVQC.js";
import {
  UsageError
} from "./chunk-BDLG52F6.js";
import {
  ARTIFACT_DIR_PREFIX,
  isSidecarFileName
} from "./chunk-OOV2D7N5.js";
import {
  GitHubApiError
} from "./chunk-CMMG4TYZ.js";
import "./chunk-UWWXE7EO.js";
import {
  shellArg,
  terminalText
} from "./chunk-OKA3FBMG.js";
import "./chunk-KRRRK5UV.js";

// src/github/download-run.ts
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { lstat, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
var DEFAULT_RUN_DOWNLOAD_LIMITS = {
  maxArtifacts: 100,
  maxArchiveBytes: DEFAULT_EXTRACT_LIMITS.maxTotalBytes,
  maxTotalBytes: 4 * DEFAULT_EXTRACT_LIMITS.maxTotalBytes
};
var SIDECAR_NAME = new RegExp(`^${ARTIFACT_DIR_PREFIX}[A-Za-z0-9._+-]{1,200}$`);
var REPORT_NAME = /^ktstr-perf-gate-report(-[A-Za-z0-9._+-]{1,80})?$/;
function restArtifactClient(o) {
  const cap = o.maxArchiveBytes ?? DEFAULT_RUN_DOWNLOAD_LIMITS.maxArchiveBytes;
  const doFetch = o.fetch ?? fetch;
  return {
    async listArtifacts(opts) {
      const runId = opts?.findBy?.workflowRunId;
      if (runId === void 0) throw new Error("listing artifacts off a runner needs findBy (the run id)");
      return { artifacts: await listRunArtifacts(o.octokit, o.owner, o.repo, runId) };
    },
    async downloadArtifact(id, opts) {
      if (!opts?.path || !opts.skipDecompress)
        throw new Error("the REST artifact client only saves the zip (skipDecompress) into a given path");
      const res = await o.octokit.rest.actions.downloadArtifact({
        owner: o.owner,
        repo: o.repo,
        artifact_id: id,
        archive_format: "zip",
        request: { redirect: "manual" }
      });
      const location = res.headers.location;
      if (res.status !== 302 || !location)
        throw new Error(`GitHub answered ${res.status} without a download location for artifact ${id}`);
      const digest = await saveCapped(doFetch, location, join(opts.path, `artifact-${id}.zip`), cap);
      return {
        downloadPath: opts.path,
        digestMismatch: opts.expectedHash !== void 0 && opts.expectedHash !== digest
      };
    },
    uploadArtifact() {
      return Promise.reject(new Error("the REST artifact client is read-only"));
    },
    deleteArtifact() {
      return Promise.reject(new Error("the REST artifact client is read-only"));
    }
  };
}
async function saveCapped(doFetch, url, file, cap) {
  const res = await doFetch(url, { redirect: "follow" });
  if (!res.ok || !res.body) throw new Error(`blob storage answered HTTP ${res.status}`);
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > cap)
    throw new Error(`archive is ${declared} bytes, over the ${cap}-byte cap`);
  const hash = createHash("sha256");
  let bytes = 0;
  const count = new Transform({
    transform(chunk, _enc, done) {
      bytes += chunk.length;
      if (bytes > cap) return done(new Error(`archive is over the ${cap}-byte cap`));
      hash.update(chunk);
      done(null, chunk);
    }
  });
  const body = Readable.fromWeb(res.body);
  await pipeline(body, count, createWriteStream(file, { flags: "wx", mode: 384 }));
  return `sha256:${hash.digest("hex")}`;
}
async function listRunArtifacts(octokit, owner, repo, runId) {
  const all = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    owner,
    repo,
    run_id: runId,
    per_page: 100
  });
  return all.filter((a) => !a.expired).map((a) => ({
    id: a.id,
    name: a.name,
    size: a.size_in_bytes,
    ...a.created_at ? { createdAt: new Date(a.created_at) } : {},
    ...a.digest ? { digest: a.digest } : {}
  }));
}
function artifactPattern(glob = `${ARTIFACT_DIR_PREFIX}*`) {
  const re = new RegExp(
    `^${glob.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`
  );
  return (name) => name.startsWith(ARTIFACT_DIR_PREFIX) && re.test(name);
}
function chosen(run, arts, wanted = artifactPattern()) {
  return {
    id: run.id,
    headSha: run.head_sha,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    htmlUrl: run.html_url,
    headRepository: run.head_repository?.full_name ?? null,
    sidecars: arts.filter((a) => wanted(a.name)),
    reports: arts.filter((a) => REPORT_NAME.test(a.name))
  };
}
async function orNotFound(p, what) {
  try {
    return await p;
  } catch (e) {
    if (e instanceof GitHubApiError && e.kind === "not-found")
      throw new UsageError(
        `${what} not found`,
        "check the repository and number, and that the token can read it (a fine-grained token needs Actions: read and Pull requests: read)"
      );
    throw e;
  }
}
async function getRun(octokit, owner, repo, runId, wanted) {
  const { data } = await orNotFound(
    octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId }),
    `workflow run ${runId} of ${owner}/${repo}`
  );
  return chosen(data, await listRunArtifacts(octokit, owner, repo, runId), wanted);
}
async function findPrRun(o) {
  const where = `${o.owner}/${o.repo}`;
  const { data: pull } = await orNotFound(
    o.octokit.rest.pulls.get({ owner: o.owner, repo: o.repo, pull_number: o.pr }),
    `pull request #${o.pr} of ${where}`
  );
  const headSha = pull.head.sha;
  const { data } = await o.octokit.rest.actions.listWorkflowRunsForRepo({
    owner: o.owner,
    repo: o.repo,
    head_sha: headSha,
    per_page: Math.min(o.maxRuns ?? 30, 100)
  });
  const runs = data.workflow_runs.filter((r) => r.head_sha === headSha).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
  const short = headSha.slice(0, 7);
  if (runs.length === 0)
    throw new UsageError(
      `pull request #${o.pr} of ${where}: no workflow run for its head ${short}`,
      "push to the PR or wait for its perf workflow to start"
    );
  for (const run of runs) {
    const c = chosen(run, await listRunArtifacts(o.octokit, o.owner, o.repo, run.id), o.wanted);
    if (c.sidecars.length > 0) return { headSha, run: c };
  }
  throw new UsageError(
    `pull request #${o.pr} of ${where}: none of the ${runs.length} workflow run(s) of its head ${short} has artifacts matching ${shellArg(o.patternText ?? `${ARTIFACT_DIR_PREFIX}*`, 120)}`,
    "wait for the perf workflow to finish (with upload: true), or re-run it; expired artifacts cannot be fetched"
  );
}
async function downloadRun(o) {
  const limits = { ...DEFAULT_RUN_DOWNLOAD_LIMITS, ...o.limits };
  const out = { sidecars: [], reports: [], skipped: [], overlaps: [] };
  const shown = (name) => terminalText(name, 120);
  const sidecars = o.run.sidecars.filter((a) => {
    if (SIDECAR_NAME.test(a.name)) return true;
    out.skipped.push(`artifact ${shown(a.name)}: not a name the Action gives (letters, digits, . _ + - only)`);
    return false;
  });
  if (sidecars.length > limits.maxArtifacts)
    throw new UsageError(
      `run ${o.run.id} has ${sidecars.length} sidecar artifacts, over the ${limits.maxArtifacts}-artifact cap`,
      "download the ones you need with gh run download -n NAME"
    );
  const total = sidecars.reduce((s, a) => s + a.size, 0);
  if (total > limits.maxTotalBytes)
    throw new UsageError(
      `run ${o.run.id}'s sidecar artifacts list ${total} bytes, over the ${limits.maxTotalBytes}-byte cap`,
      "download the ones you need with gh run download -n NAME"
    );
  await mkdir(o.dir, { recursive: true });
  const findBy = { token: o.token, owner: o.owner, repo: o.repo, runId: o.run.id };
  const contents = /* @__PURE__ */ new Map();
  const fetchOne = async (a) => {
    const target = join(o.dir, a.name);
    if (a.size > limits.maxArchiveBytes)
      throw new UsageError(
        `artifact ${shown(a.name)} of run ${o.run.id} is ${a.size} bytes, over the ${limits.maxArchiveBytes}-byte cap`
      );
    const st = await lstat(target).catch(() => null);
    if (st && (!st.isDirectory() || (await readdir(target)).length > 0))
      throw new UsageError(
        `${target} already exists and is not empty`,
        "pass a fresh --dir (or remove that directory) so runs are not mixed"
      );
    const files = await downloadArtifactSafely({
      client: o.client,
      findBy,
      artifactId: a.id,
      name: a.name,
      ...a.digest ? { expectedDigest: a.digest } : {},
      targetDir: target,
      limits: { maxArchiveBytes: limits.maxArchiveBytes }
    }).catch((e) => {
      throw new UsageError(terminalText(e.message, 600));
    });
    out.sidecars.push({ name: a.name, id: a.id, dir: target, files: files.length });
    contents.set(a.name, await hashSidecars(target, files));
    o.log?.(`downloaded ${shown(a.name)} (${files.length} files) into ${terminalText(target, 300)}`);
  };
  try {
    for (const a of sidecars) await fetchOne(a);
  } catch (e) {
    for (const d of out.sidecars) await rm(d.dir, { recursive: true, force: true });
    throw e;
  }
  await dropContained(out, contents, o.log);
  for (const a of o.run.reports) {
    try {
      const r = await downloadReport({ client: o.client, findBy, name: a.name });
      if (r) out.reports.push({ ...r, name: a.name });
    } catch (e) {
      out.skipped.push(`report ${shown(a.name)}: ${terminalText(e.message, 300)}`);
    }
  }
  return out;
}
async function hashSidecars(dir, files) {
  const out = /* @__PURE__ */ new Map();
  for (const f of files)
    if (isSidecarFileName(basename(f)))
      out.set(
        f,
        createHash("sha256").update(await readFile(join(dir, f))).digest("hex")
      );
  return out;
}
async function dropContained(out, contents, log) {
  const holds = (big, small) => [...small].every(([f, h]) => big.get(f) === h);
  const order = [...out.sidecars].sort(
    (a, b) => a.files - b.files || b.name.length - a.name.length || b.name.localeCompare(a.name)
  );
  const dropped = /* @__PURE__ */ new Set();
  for (const a of order) {
    const mine = contents.get(a.name);
    if (mine.size === 0) continue;
    const by = order.find((b) => b !== a && !dropped.has(b.name) && holds(contents.get(b.name), mine));
    if (!by) continue;
    dropped.add(a.name);
    await rm(a.dir, { recursive: true, force: true });
    const line = `${terminalText(a.name, 120)}: every sidecar is also in ${terminalText(by.name, 120)} (shards merged by the gate); removed so no run counts twice`;
    out.skipped.push(line);
    log?.(`removed ${line}`);
  }
  out.sidecars = out.sidecars.filter((s) => !dropped.has(s.name));
  const where = /* @__PURE__ */ new Map();
  for (const s of out.sidecars)
    for (const f of contents.get(s.name).keys()) where.set(f, [...where.get(f) ?? [], s.name]);
  for (const [f, names] of where)
    if (names.length > 1 && out.overlaps.length < 20)
      out.overlaps.push(
        `${terminalText(f, 200)} is in ${names.map((n) => terminalText(n, 120)).join(" and ")}`
      );
}
export {
  DEFAULT_RUN_DOWNLOAD_LIMITS,
  artifactPattern,
  downloadRun,
  findPrRun,
  getRun,
  listRunArtifacts,
  restArtifactClient
};
