import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  RUNS_NEEDED_CAP,
  effectiveGate
} from "./chunk-AZBBSJAO.js";

// src/report/common.ts
function verdictWord(c) {
  const words = {
    pass: "PASS",
    fail: "FAIL",
    "no-baseline": "NO BASELINE",
    "no-data": "NO DATA"
  };
  return words[c.verdict];
}
function plural(n, word, many = `${word}s`) {
  return `${count(n)} ${n === 1 ? word : many}`;
}
function count(n) {
  return n.toLocaleString("en-US");
}
function countsSentence(c) {
  const k = c.counts;
  const parts = [
    plural(k.regressions, "regression"),
    plural(k.improvements, "improvement"),
    `${count(k.unchanged)} unchanged`
  ];
  const optional = [
    [k.informational, `${count(k.informational)} informational`],
    [k.coverage, `${count(k.coverage)} coverage-only`],
    [k.newInHead, `${count(k.newInHead)} new in HEAD`],
    [k.removedFromBase, `${count(k.removedFromBase)} removed from baseline`],
    [k.excluded, `${count(k.excluded)} excluded (no passing run)`],
    [k.droppedRuns, plural(k.droppedRuns, "dropped run")],
    [k.malformed, `${count(k.malformed)} malformed`],
    [k.assertionsTripped, plural(k.assertionsTripped, "assertion tripped", "assertions tripped")],
    [k.unknownMetrics, plural(k.unknownMetrics, "unknown metric")],
    [k.undecided ?? 0, `${count(k.undecided ?? 0)} undecided`],
    [k.inconclusive ?? 0, `${count(k.inconclusive ?? 0)} inconclusive`]
  ];
  for (const [n, text] of optional) if (n > 0) parts.push(text);
  return parts.join(", ");
}
function ruleLabel(c) {
  return c.rule === "sequential" ? "sequential rule" : "ktstr's rule";
}
function modeSentence(c) {
  const s = c.options.sequential;
  if (c.rule === "sequential" && s && c.mode === "noise-adjusted")
    return `sequential rule (a regression is beyond its gate with one-sided Welch p < ${s.alpha}; unchanged when the ${Math.round((1 - s.gamma) * 100)} % upper bound is inside the gate; max-runs ${s.maxRuns}; scalar rows keep ktstr's rule)`;
  return c.mode === "noise-adjusted" ? c.options.fdr !== null ? `noise-adjusted (Welch t-test with Benjamini\u2013Hochberg FDR ${c.options.fdr} or disjoint bands, plus the dual gate)` : `noise-adjusted (Welch t-test at \u03B1 = ${c.options.alpha} or disjoint bands, plus the dual gate)` : "scalar (dual gate only; one run on a side)";
}
function reasonSentence(c) {
  if (c.reasons.length > 0) return c.reasons.join("; ");
  if (c.verdict === "pass")
    return `${plural(c.counts.regressions, "regression")} < fail-threshold ${c.options.failThreshold}`;
  if (c.verdict === "no-baseline") return "no baseline samples to compare against";
  if (c.verdict === "no-data") return "no sidecars for HEAD \u2014 nothing was measured";
  return "the gate failed";
}
function rowVerdictLabel(r) {
  const labels = {
    regression: "REGRESSION",
    improvement: "improvement",
    unchanged: "unchanged",
    informational: "informational",
    coverage: r.base === null ? "new metric" : "metric removed",
    noisy: "noisy (< 2 runs)"
  };
  const label = labels[r.verdict];
  return r.mustFail && r.verdict === "regression" ? `${label} (must-fail)` : label;
}
function countByVerdict(rows) {
  const out = {
    regression: 0,
    improvement: 0,
    unchanged: 0,
    informational: 0,
    coverage: 0,
    noisy: 0
  };
  for (const r of rows) out[r.verdict]++;
  return out;
}
function splitShown(shown) {
  const isMove = (r) => r.verdict === "regression" || r.verdict === "improvement";
  return {
    moves: shown.filter(isMove),
    rest: shown.filter((r) => !isMove(r) && r.state !== "undecided" && r.state !== "inconclusive")
  };
}
function openRows(rows) {
  return [...rows.filter((r) => r.state === "inconclusive"), ...rows.filter((r) => r.state === "undecided")];
}
function cvAndGate(r) {
  if (!r.base || !r.head) return null;
  const centre = Math.abs(r.base.value);
  if (!(centre > 0)) return null;
  const cv = Math.max(r.base.stdev / centre, r.head.stdev / Math.max(Math.abs(r.head.value), 1e-300));
  return { cv, gate: effectiveGate({ base: r.base, gate: r.gate }) / centre };
}
function wouldDecide(r) {
  const runs = runsToDecide(r);
  if (runs !== null) return `\u2248 ${runs} runs per side`;
  const q = cvAndGate(r);
  return q ? `too noisy for its gate: CV ${pct(q.cv)} vs gate ${pct(q.gate)}` : "more runs than the cap";
}
function runsToDecide(r) {
  const q = cvAndGate(r);
  if (q && q.cv > q.gate) return null;
  return r.runsNeeded !== null && r.runsNeeded < RUNS_NEEDED_CAP ? r.runsNeeded : null;
}
function pct(x) {
  return `${x >= 0.1 ? Math.round(x * 100) : Math.round(x * 1e3) / 10} %`;
}
function rowId(key, metric) {
  return `${key}\0${metric}`;
}
function acceptedIds(c) {
  return new Set((c.waivers ?? []).flatMap((w) => w.rows.map((r) => rowId(r.key, r.metric))));
}
function isAccepted(r, ids) {
  return ids.has(rowId(r.key, r.metric));
}
function outcome(c) {
  const regressions = c.counts.regressions;
  const ids = acceptedIds(c);
  const accepted = c.rows.filter((r) => r.verdict === "regression" && isAccepted(r, ids)).length;
  switch (c.verdict) {
    case "fail":
      return { icon: "\u274C", title: "Failed", tone: "CAUTION" };
    case "no-data":
      return { icon: "\u26D4", title: "No data", tone: "CAUTION" };
    case "no-baseline":
      return { icon: "\u26A0\uFE0F", title: "No baseline", tone: "WARNING" };
    case "pass":
      if (accepted > 0 && accepted >= regressions)
        return { icon: "\u2705", title: `Passed, ${plural(accepted, "regression")} accepted`, tone: "NOTE" };
      if (accepted > 0)
        return {
          icon: "\u26A0\uFE0F",
          title: `Passed with ${plural(regressions - accepted, "regression")} (${accepted} accepted)`,
          tone: "WARNING"
        };
      if (regressions > 0)
        return { icon: "\u26A0\uFE0F", title: `Passed with ${plural(regressions, "regression")}`, tone: "WARNING" };
      return { icon: "\u2705", title: "Passed, no regressions", tone: null };
  }
}
function kernelLabel(c) {
  const ks = c.head.kernels.length > 0 ? c.head.kernels : c.baseline.kernels;
  if (ks.length === 0) return null;
  return ks.length === 1 ? ks[0] : `${ks[0]} +${ks.length - 1} more`;
}

export {
  verdictWord,
  plural,
  countsSentence,
  ruleLabel,
  modeSentence,
  reasonSentence,
  rowVerdictLabel,
  countByVerdict,
  splitShown,
  openRows,
  wouldDecide,
  runsToDecide,
  acceptedIds,
  isAccepted,
  outcome,
  kernelLabel
};
