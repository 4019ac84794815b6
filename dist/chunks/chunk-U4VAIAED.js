import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  acceptedIds,
  countByVerdict,
  isAccepted,
  kernelLabel,
  modeSentence,
  openRows,
  outcome,
  plural,
  reasonSentence,
  ruleLabel,
  runsToDecide,
  splitShown,
  wouldDecide
} from "./chunk-CMDOPWGY.js";
import {
  displayWidth,
  formatBaseToHead,
  formatCi,
  formatEvidence,
  formatGateSpec,
  formatNumber,
  formatPercent,
  formatRelGate,
  formatValue,
  pad
} from "./chunk-AZBBSJAO.js";
import {
  htmlText,
  markerKey,
  mdBreakable,
  mdCode,
  mdText,
  safeUrl,
  terminalText
} from "./chunk-OKA3FBMG.js";

// src/report/chart.ts
var WIDTH = 50;
var LEGEND = "o = one run; 2-9 = that many runs at one spot; + = ten or more";
function stripPlot(r) {
  if (!r.base || !r.head || r.base.samples.length === 0 || r.head.samples.length === 0) return "";
  const all = [...r.base.samples, ...r.head.samples].filter(Number.isFinite);
  if (all.length === 0) return "";
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const col = (v) => hi === lo ? Math.floor(WIDTH / 2) : Math.round((v - lo) / (hi - lo) * (WIDTH - 1));
  const line = (samples) => {
    const counts = new Array(WIDTH).fill(0);
    for (const v of samples) if (Number.isFinite(v)) counts[col(v)]++;
    return counts.map((n) => n === 0 ? " " : n === 1 ? "o" : n < 10 ? String(n) : "+").join("");
  };
  const unit = terminalText(r.unit, 20);
  const title = `> ${terminalText(r.key, 80)} \xB7 ${terminalText(r.metric, 60)}${unit ? ` (${unit})` : ""}`;
  const range = (s) => `${formatNumber(Math.min(...s))}\u2013${formatNumber(Math.max(...s))}`;
  const loLabel = formatNumber(lo);
  const hiLabel = formatValue(hi, unit);
  const axis = " ".repeat(10) + loLabel + " ".repeat(Math.max(1, WIDTH + 2 - displayWidth(loLabel) - displayWidth(hiLabel))) + hiLabel;
  return [
    title,
    `${pad("baseline", 8)} |${line(r.base.samples)}| n=${r.base.samples.length}, ${range(r.base.samples)}`,
    `${pad("HEAD", 8)} |${line(r.head.samples)}| n=${r.head.samples.length}, ${range(r.head.samples)}`,
    axis
  ].join("\n");
}
function stripPlots(rows, max = 3) {
  const plots = rows.filter((r) => r.verdict === "regression" && (r.base?.n ?? 0) >= 2 && (r.head?.n ?? 0) >= 2).slice(0, max).map(stripPlot).filter((p) => p !== "");
  if (plots.length === 0) return "";
  const lines = [...plots, LEGEND].join("\n\n").split("\n");
  return `<pre>
${lines.map((l) => htmlText(l)).join("\n")}
</pre>`;
}
function mermaidLabel(s, max) {
  return Array.from(terminalText(s).replace(/[^\p{L}\p{N} _./+-]/gu, " ")).slice(0, max).join("").trim() || "-";
}
function mermaidChart(r) {
  if (!r.base || !r.head) return "";
  const base = r.base.samples.filter(Number.isFinite).slice(0, 20);
  const head = r.head.samples.filter(Number.isFinite).slice(0, 20);
  if (base.length === 0 || head.length === 0) return "";
  const labels = [...base.map((_, i) => `"base ${i + 1}"`), ...head.map((_, i) => `"HEAD ${i + 1}"`)];
  const values = [...base, ...head].map((v) => Number(v.toPrecision(6)));
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${mermaidLabel(`${r.metric} ${r.key}`, 80)}"`,
    `    x-axis [${labels.join(", ")}]`,
    `    y-axis "${mermaidLabel(r.unit || r.metric, 30)}"`,
    `    bar [${values.join(", ")}]`,
    "```"
  ].join("\n");
}

// node_modules/markdown-table/index.js
function defaultStringLength(value) {
  return value.length;
}
function markdownTable(table, options) {
  const settings = options || {};
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  const alignments = [];
  const cellMatrix = [];
  const sizeMatrix = [];
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;
  while (++rowIndex < table.length) {
    const row2 = [];
    const sizes2 = [];
    let columnIndex2 = -1;
    if (table[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table[rowIndex].length;
    }
    while (++columnIndex2 < table[rowIndex].length) {
      const cell = serialize(table[rowIndex][columnIndex2]);
      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes2[columnIndex2] = size;
        if (longestCellByColumn[columnIndex2] === void 0 || size > longestCellByColumn[columnIndex2]) {
          longestCellByColumn[columnIndex2] = size;
        }
      }
      row2.push(cell);
    }
    cellMatrix[rowIndex] = row2;
    sizeMatrix[rowIndex] = sizes2;
  }
  let columnIndex = -1;
  if (typeof align === "object" && "length" in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code = toAlignment(align);
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code;
    }
  }
  columnIndex = -1;
  const row = [];
  const sizes = [];
  while (++columnIndex < mostCellsPerRow) {
    const code = alignments[columnIndex];
    let before = "";
    let after = "";
    if (code === 99) {
      before = ":";
      after = ":";
    } else if (code === 108) {
      before = ":";
    } else if (code === 114) {
      after = ":";
    }
    let size = settings.alignDelimiters === false ? 1 : Math.max(
      1,
      longestCellByColumn[columnIndex] - before.length - after.length
    );
    const cell = before + "-".repeat(size) + after;
    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;
      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }
      sizes[columnIndex] = size;
    }
    row[columnIndex] = cell;
  }
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);
  rowIndex = -1;
  const lines = [];
  while (++rowIndex < cellMatrix.length) {
    const row2 = cellMatrix[rowIndex];
    const sizes2 = sizeMatrix[rowIndex];
    const cellsInRow = settings.fillRows === false ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length) : mostCellsPerRow;
    columnIndex = -1;
    const line = [];
    while (++columnIndex < cellsInRow) {
      const cell = row2[columnIndex] || "";
      let before = "";
      let after = "";
      if (settings.alignDelimiters !== false) {
        const size = longestCellByColumn[columnIndex] - (sizes2[columnIndex] || 0);
        const code = alignments[columnIndex];
        if (code === 114) {
          before = " ".repeat(size);
        } else if (code === 99) {
          const half = size / 2;
          if (size % 2) {
            before = " ".repeat(half + 0.5);
            after = " ".repeat(half - 0.5);
          } else {
            before = " ".repeat(half);
            after = before;
          }
        } else {
          after = " ".repeat(size);
        }
      }
      if (settings.delimiterStart !== false && !columnIndex) {
        line.push("|");
      }
      if (settings.padding !== false && // Don’t add the opening space if we’re not aligning and the cell is
      // empty: there will be a closing space.
      !(settings.alignDelimiters === false && cell === "") && (settings.delimiterStart !== false || columnIndex)) {
        line.push(" ");
      }
      if (settings.alignDelimiters !== false) {
        line.push(before);
      }
      line.push(cell);
      if (settings.alignDelimiters !== false) {
        line.push(after);
      }
      if (settings.padding !== false) {
        line.push(" ");
      }
      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push("|");
      }
    }
    lines.push(
      settings.delimiterEnd === false ? line.join("").replace(/ +$/, "") : line.join("")
    );
  }
  return lines.join("\n");
}
function serialize(value) {
  return value === null || value === void 0 ? "" : String(value);
}
function toAlignment(value) {
  const code = typeof value === "string" ? value.codePointAt(0) : 0;
  return code === 67 || code === 99 ? 99 : code === 76 || code === 108 ? 108 : code === 82 || code === 114 ? 114 : 0;
}

// src/report/markdown.ts
var MAX_KEY = 100;
var MAX_METRIC = 60;
var ROW_ICON = {
  regression: "\u{1F534}",
  improvement: "\u{1F7E2}",
  informational: "\u2139\uFE0F",
  coverage: "\u25FB\uFE0F",
  noisy: "\u3030\uFE0F",
  unchanged: "\u26AA"
};
var IMPORTANCE = [
  "regression",
  "improvement",
  "informational",
  "noisy",
  "coverage",
  "unchanged"
];
function byImportance(rows) {
  return IMPORTANCE.flatMap((v) => rows.filter((r) => r.verdict === v));
}
function headline(c, level = "##", ctx = {}) {
  const { icon, title } = outcome(c);
  const kernel = kernelLabel(c);
  const parts = [
    "ktstr-perf-gate",
    kernel !== null ? `kernel ${mdText(kernel, 60)}` : "",
    ctx.hostClass ? mdText(ctx.hostClass, 60) : "",
    ruleLabel(c)
  ].filter(Boolean);
  return `${level} ${icon} ${title} \u2014 ${parts.join(" \xB7 ")}`;
}
function callout(c) {
  const { tone } = outcome(c);
  const text = calloutText(c);
  return tone ? `> [!${tone}]
> ${text}` : text;
}
function calloutText(c) {
  const ft = c.options.failThreshold;
  const ids = acceptedIds(c);
  const regressions = c.rows.filter((r) => r.verdict === "regression");
  const accepted = regressions.filter((r) => isAccepted(r, ids)).length;
  const open = regressions.length - accepted;
  const reason = mdText(
    reasonSentence(c).replace(/ ≥ fail-threshold (\d+)/g, " reached the fail-threshold of $1"),
    600
  );
  switch (c.verdict) {
    case "fail":
      return `**This check fails:** ${reason}.`;
    case "no-data":
      return `**Nothing was measured:** ${reason}.`;
    case "no-baseline":
      return `**Nothing was compared:** ${reason}. The check passes without gating anything.`;
    case "pass": {
      const below = `below the fail-threshold of ${ft}, so the check passes`;
      if (accepted > 0)
        return `**${plural(accepted, "regression")} accepted** (listed below), so ${accepted === 1 ? "it does" : "they do"} not count.` + (open > 0 ? ` ${plural(open, "other regression")} ${below}.` : " The check passes.");
      if (open > 0)
        return `**${plural(open, "regression")}** ${below}. Look at ${open === 1 ? "it" : "them"} before merging.`;
      return "No metric got worse beyond its gate.";
    }
  }
}
function openRowsSection(c, links, max = 200) {
  const open = openRows(c.rows);
  if (open.length === 0) return "";
  const inconclusive = open.filter((r) => r.state === "inconclusive").length;
  const undecided = open.length - inconclusive;
  const body = open.slice(0, max).map((r) => [
    r.state === "inconclusive" ? "\u2754 inconclusive" : "\u23F3 undecided",
    mdText(r.key, MAX_KEY),
    mdText(r.metric, MAX_METRIC),
    num(r.base?.value),
    num(r.head?.value),
    mdText(formatPercent(r.relDelta)),
    `${r.base?.n ?? 0} / ${r.head?.n ?? 0}`,
    mdText(wouldDecide(r), 200)
  ]);
  const table = markdownTable(
    [
      ["", "Test", "Metric", "Baseline", "HEAD", "\u0394 %", "Runs (base / HEAD)", "What would decide it"],
      ...body
    ],
    { align: ["l", "l", "l", "r", "r", "r", "r", "l"], alignDelimiters: false }
  );
  const more = open.length > max ? `

\u2026 and ${open.length - max} more (see the JSON report)` : "";
  const need = Math.max(0, ...open.map((r) => (runsToDecide(r) ?? 0) - (r.head?.n ?? 0)));
  const run = safeUrl(links.runUrl);
  const rerun = `Neither kind fails the gate. To decide them, rerun the workflow (workflow_dispatch)` + (need > 0 ? ` with \`extra-runs: ${need}\`` : " with `extra-runs`") + (run ? ` from [this run](${run})` : "") + "; rows too noisy for their gate need a quieter host or a wider gate (`policy`).";
  const summary = [
    inconclusive > 0 ? `${inconclusive} inconclusive` : "",
    undecided > 0 ? `${undecided} undecided` : ""
  ].filter(Boolean).join(", ");
  return details(`Not decided by the sequential rule: ${summary}`, `${table}${more}

${rerun}`);
}
function sideRef(s, repoUrl) {
  const repo = safeUrl(repoUrl);
  const sha = s.sha !== null && /^[0-9a-f]{7,40}$/i.test(s.sha) ? s.sha.toLowerCase() : null;
  const shown = mdCode(s.label, 40);
  if (repo && sha) return `[${shown}](${repo.replace(/\/+$/, "")}/commit/${sha})`;
  return shown;
}
function contextLine(c, links) {
  const runs = c.baseline.runs === c.head.runs ? `${plural(c.head.runs, "run")} per side` : `${plural(c.baseline.runs, "run")} baseline, ${plural(c.head.runs, "run")} HEAD`;
  return `Baseline ${sideRef(c.baseline, links.repoUrl)} (${mdText(c.baseline.how, 120)}) \u2192 HEAD ${sideRef(c.head, links.repoUrl)} (${mdText(c.head.how, 120)}), ${runs}.`;
}
function noticesBlock(c, max = 10) {
  if (c.notices.length === 0) return "";
  const lines = c.notices.slice(0, max).map((n) => `> \u2139\uFE0F ${mdText(n, 500)}`);
  if (c.notices.length > max) lines.push(`> \u2026 and ${c.notices.length - max} more notices`);
  return lines.join("\n>\n");
}
function assertionsTable(c, which = "tripped") {
  const shown = c.assertions.filter(
    (a) => which === "all" ? true : which === "tripped" ? a.tripped : !a.tripped
  );
  if (shown.length === 0) return "";
  const body = shown.map((a) => [
    a.tripped ? "\u{1F534} tripped" : a.skipped !== null ? `skipped: ${mdText(a.skipped, 120)}` : "\u26AA held",
    a.name === null ? "(unnamed)" : mdText(a.name, MAX_METRIC),
    mdText(a.key, MAX_KEY),
    mdText(a.metric, MAX_METRIC),
    mdText(formatPercent(a.relDelta)),
    mdText(`${a.direction}, \u2265 ${formatNumber(a.rel * 100)}% and \u2265 ${formatNumber(a.abs)}`)
  ]);
  return markdownTable([["Assertion", "Name", "Test", "Metric", "\u0394 %", "Gate"], ...body], {
    alignDelimiters: false
  });
}
function cached(cache, cells) {
  return (r) => {
    let hit = cache.get(r);
    if (hit === void 0) {
      hit = cells(r);
      cache.set(r, hit);
    }
    return hit;
  };
}
var MAIN_CELLS = /* @__PURE__ */ new WeakMap();
var STATS_CELLS = /* @__PURE__ */ new WeakMap();
var REST_CELLS = /* @__PURE__ */ new WeakMap();
function testMetric(r) {
  return `${mdBreakable(r.key, MAX_KEY)} \xB7 ${mdBreakable(r.metric, MAX_METRIC)}`;
}
function moveVerdict(r, accepted) {
  if (r.verdict !== "regression") return `${ROW_ICON[r.verdict]} better`;
  if (accepted) return "\u2611\uFE0F accepted";
  return `${ROW_ICON.regression} worse${r.mustFail ? " (must-fail)" : ""}`;
}
function mainTable(rows, accepted = /* @__PURE__ */ new Set()) {
  const body = rows.map((r) => {
    const [name, values, delta] = cached(MAIN_CELLS, (x) => [
      testMetric(x),
      mdText(formatBaseToHead(x)),
      `${x.verdict === "regression" ? `**${mdText(formatPercent(x.relDelta))}**` : mdText(formatPercent(x.relDelta))}<br><sub>gate ${mdText(formatRelGate(x))}</sub>`
    ])(r);
    return [name, values, delta, moveVerdict(r, isAccepted(r, accepted))];
  });
  return markdownTable([["Test \xB7 metric", "Base \u2192 HEAD", "\u0394", "Verdict"], ...body], {
    align: ["l", "r", "r", "l"],
    alignDelimiters: false
  });
}
function statsTable(rows) {
  const body = rows.map(
    cached(STATS_CELLS, (r) => [
      testMetric(r),
      mdText(formatCi(r.ci95)),
      mdText(formatGateSpec(r)),
      mdText(formatEvidence(r))
    ])
  );
  return markdownTable([["Test \xB7 metric", "95 % CI of \u0394", "Gate", "Why it counts"], ...body], {
    align: ["l", "r", "l", "l"],
    alignDelimiters: false
  });
}
function movesCaption(moves) {
  const regressions = moves.filter((r) => r.verdict === "regression").length;
  const improvements = moves.length - regressions;
  const counts = [
    regressions > 0 ? plural(regressions, "regression") : "",
    improvements > 0 ? plural(improvements, "improvement") : ""
  ].filter(Boolean);
  return `**${counts.join(", ")}**, ${regressions > 0 ? "worst" : "largest"} first`;
}
function termsLine(c) {
  const seq = c.rule === "sequential" ? c.options.sequential : null;
  const test = c.options.fdr !== null && !seq ? `Welch t-test with Benjamini\u2013Hochberg FDR q below ${c.options.fdr}` : `${seq ? "one-sided " : ""}Welch t-test p below ${seq ? seq.alpha : c.options.alpha}`;
  const noise = c.mode === "noise-adjusted" ? `, and clear of run-to-run noise (${test}${seq ? "" : ", or baseline and HEAD runs do not overlap"})` : "";
  const mustFail = c.options.mustFail.length > 0 ? "; one on a must-fail metric fails it alone" : "";
  const rule = c.rule === "sequential" ? "**Sequential rule**: each row is decided once its runs suffice; rows not yet decided never fail the check; metrics with one run on a side keep ktstr's rule." : "**ktstr's rule**: the verdict ktstr's own perf-delta gives on the same samples.";
  return `<sub>**Gate**: how far a metric must move to count: at least the relative change shown under \u0394 *and* an absolute amount (see Statistics)${noise}. **Regression**: worse beyond its gate; ${c.options.failThreshold} or more fail the check${mustFail}. ${rule}</sub>`;
}
function nextSteps(c, ctx) {
  const items = [];
  const ids = acceptedIds(c);
  const unaccepted = c.rows.filter((r) => r.verdict === "regression" && !isAccepted(r, ids)).length;
  const open = openRows(c.rows);
  const run = safeUrl(ctx.runUrl);
  const workflow = safeUrl(ctx.workflowUrl);
  if (unaccepted > 0 || open.length > 0) {
    const need = Math.max(0, ...open.map((r) => (runsToDecide(r) ?? 0) - (r.head?.n ?? 0)));
    const extra = need > 0 ? need : Math.max(3, c.head.runs);
    const how = workflow ? `[run the workflow](${workflow}) (workflow_dispatch) with \`extra-runs: ${extra}\`` : `rerun the workflow (workflow_dispatch) with \`extra-runs: ${extra}\``;
    items.push(
      `**More runs** to confirm or clear ${open.length > 0 && unaccepted === 0 ? "the undecided rows" : "a regression"}: ${how}; the runs already recorded are kept.`
    );
  }
  if (unaccepted > 0) {
    const label = ctx.acceptLabel ? mdCode(ctx.acceptLabel, 50) : null;
    items.push(
      label ? `**Accept** an intended regression: a maintainer adds the label ${label} to this pull request; it holds only for this head commit (${mdCode(c.head.label, 40)}).` : "**Accept** an intended regression: set `accept-label: perf-accepted` on the gate step, then a maintainer adds that label (it holds only for the head commit it was added on); or accept a (test, metric) for good with an `accept` entry in the policy file."
    );
  }
  if (c.verdict === "no-baseline")
    items.push(
      "**Record a baseline**: run this workflow on the default branch (a push, or Run workflow), then re-run this check."
    );
  if (c.verdict === "no-data")
    items.push(
      `**Find out why**: ${run ? `[the run's log](${run})` : "the run's log"} says what was restored and produced.`
    );
  if (run)
    items.push(
      `**Full results**: [the run and its job summary](${run}) \xB7 [artifacts](${run}#artifacts) (sidecars and the JSON report)`
    );
  return items.length > 0 ? `**Next steps**

${items.map((i) => `- ${i}`).join("\n")}` : "";
}
function waiversBlock(c, max = 20) {
  const blocks = (c.waivers ?? []).map((w) => {
    const rows = w.rows.slice(0, max).map((r) => `- ${mdBreakable(r.key, MAX_KEY)} \xB7 ${mdBreakable(r.metric, MAX_METRIC)}`);
    if (w.rows.length > max) rows.push(`- \u2026 and ${w.rows.length - max} more (see the JSON report)`);
    const head = w.via === "label" ? `\u2611\uFE0F **Accepted by ${mdText(`@${w.by ?? "unknown"}`, 60)}** (label ${mdCode(w.source, 50)})` + (w.headSha ? ` for HEAD ${mdCode(w.headSha.slice(0, 7), 7)} only; a new push needs the label again` : "") + ":" : `\u2611\uFE0F **Accepted by the policy file** ${mdCode(w.source, 120)} (an \`accept\` entry), for every commit:`;
    const undo = w.via === "label" ? `To withdraw it, remove the label ${mdCode(w.source, 50)} from the pull request and re-run this check.` : "To withdraw it, delete the entry from the policy file.";
    return `${head}

${rows.join("\n")}

${undo}`;
  });
  return blocks.join("\n\n");
}
function restTable(rows) {
  const body = rows.map(
    cached(REST_CELLS, (r) => [
      mdText(r.key, MAX_KEY),
      mdText(r.metric, MAX_METRIC),
      mdText(r.unit, 20),
      num(r.base?.value),
      num(r.head?.value),
      mdText(formatPercent(r.relDelta)),
      `${ROW_ICON[r.verdict]} ${r.verdict === "coverage" ? r.base === null ? "new metric" : "metric removed" : r.verdict}`
    ])
  );
  const header = ["Test", "Metric", "Unit", "Baseline", "HEAD", "\u0394 %", "Verdict"];
  return markdownTable([header, ...body], {
    align: ["l", "l", "l", "r", "r", "r", "l"],
    alignDelimiters: false
  });
}
function details(summary, body, open = false) {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>

${body}

</details>`;
}
function omittedLine(omitted, links, where) {
  if (omitted.length === 0) return "";
  const by = countByVerdict(omitted);
  const words = {
    regression: ["regression", "regressions"],
    improvement: ["improvement", "improvements"],
    informational: ["informational", "informational"],
    coverage: ["coverage-only", "coverage-only"],
    noisy: ["noisy", "noisy"],
    unchanged: ["unchanged", "unchanged"]
  };
  const parts = IMPORTANCE.filter((v) => by[v] > 0).map((v) => plural(by[v], ...words[v]));
  const run = safeUrl(links.runUrl);
  const target = run ? `[${where}](${run})` : where;
  return `> \u2702\uFE0F **${plural(omitted.length, "row")} not shown** (${parts.join(", ")}) to stay under GitHub's size limit; every row is in the ${target}.`;
}
function provenance(c, links, extra = []) {
  const k = c.counts;
  const side = (name, s) => `${name}: ${plural(s.sidecars, "sidecar")}, ${plural(s.runs, "run")}; kernel ${list(s.kernels)}; host ${list(s.hosts)}`;
  const run = safeUrl(links.runUrl);
  const lines = [
    `registry: ${c.registry.source} (${mdText(c.registry.detail, 200)}, hash ${mdCode(c.registry.hash, 40)})`,
    side("baseline", c.baseline),
    side("HEAD", c.head),
    `mode: ${mdText(modeSentence(c))}`,
    `excluded pairs: ${k.excluded}, dropped runs: ${k.droppedRuns}, malformed sidecars: ${k.malformed}, unknown metrics: ${k.unknownMetrics}`,
    `gate: fail-threshold ${k.regressions > 0 ? `${c.options.failThreshold} (${k.regressions} counted)` : c.options.failThreshold}, \u03B1 ${c.options.alpha}` + (c.options.mustFail.length > 0 ? `, must-fail ${c.options.mustFail.map((m) => mdCode(m, 60)).join(", ")}` : "") + (c.options.fdr !== null ? `, Benjamini\u2013Hochberg FDR ${formatNumber(c.options.fdr)}` : "") + (c.options.thresholdPercent !== null ? `, threshold ${formatNumber(c.options.thresholdPercent)}%` : "") + (c.options.policy !== null ? `, policy ${mdCode(c.options.policy, 120)}` : "") + (c.options.filter !== null ? `, filter ${mdCode(c.options.filter, 120)}` : ""),
    ...extra,
    run ? `full data: [job summary and artifact](${run})` : ""
  ].filter((l) => l !== "");
  return lines.map((l) => `- ${l}`).join("\n");
}
function fitRows(total, render2, measure, limit) {
  const full = render2(total);
  const fullSize = measure(full);
  if (fullSize <= limit) return full;
  const empty = render2(0);
  const emptySize = measure(empty);
  if (emptySize > limit || total === 0) return empty;
  const perRow = Math.max(1, (fullSize - emptySize) / total);
  const fits = /* @__PURE__ */ new Map([
    [0, empty],
    [total, null]
  ]);
  const test = (k) => {
    if (!fits.has(k)) {
      const text = render2(k);
      fits.set(k, measure(text) <= limit ? text : null);
    }
    return fits.get(k) !== null;
  };
  const guess = Math.min(total - 1, Math.max(0, Math.floor((limit - emptySize) / perRow)));
  let lo;
  let hi;
  let step = Math.max(1, Math.ceil(total / 200));
  if (test(guess)) {
    lo = guess;
    hi = Math.min(total, guess + step);
    while (test(hi)) {
      lo = hi;
      step *= 2;
      hi = Math.min(total, hi + step);
    }
  } else {
    hi = guess;
    lo = Math.max(0, guess - step);
    while (!test(lo)) {
      hi = lo;
      step *= 2;
      lo = Math.max(0, lo - step);
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) lo = mid;
    else hi = mid;
  }
  return fits.get(lo);
}
function num(v) {
  return v === void 0 ? "\u2013" : mdText(formatNumber(v));
}
function list(items) {
  if (items.length === 0) return "\u2013";
  const shown = items.slice(0, 5).map((x) => mdCode(x, 60));
  return items.length > 5 ? `${shown.join(", ")} and ${items.length - 5} more` : shown.join(", ");
}

// src/report/comment.ts
var COMMENT_LIMIT = 65536;
var DEFAULT_COMMENT_MAX = COMMENT_LIMIT - 1536;
function commentMarker(key) {
  return `<!-- ktstr-perf-gate:${markerKey(key)} -->`;
}
function renderComment(c, opts) {
  const max = Math.min(opts.maxChars ?? DEFAULT_COMMENT_MAX, COMMENT_LIMIT);
  const rows = byImportance(c.rows);
  const body = fitRows(
    rows.length,
    (k) => render(c, opts, rows.slice(0, k), rows.slice(k)),
    (s) => s.length,
    max
  );
  return body.length <= max ? body : body.slice(0, Math.max(0, max - 80)) + "\n\n> \u2702\uFE0F Comment cut to fit GitHub's limit.\n";
}
function render(c, opts, shown, omitted) {
  const links = { repoUrl: opts.repoUrl, runUrl: opts.runUrl, workflowUrl: opts.workflowUrl };
  const { moves, rest } = splitShown(shown);
  const parts = [
    commentMarker(opts.key),
    headline(c, "##", opts),
    callout(c),
    contextLine(c, links)
  ];
  const notices = noticesBlock(c);
  if (notices) parts.push(notices);
  const assertions = assertionsTable(c);
  if (assertions) parts.push(`**Tripped assertions**

${assertions}`);
  const waivers = waiversBlock(c);
  if (waivers) parts.push(waivers);
  if (moves.length > 0) {
    parts.push(`${movesCaption(moves)}

${mainTable(moves, acceptedIds(c))}

${termsLine(c)}`);
  } else if (c.rows.length > 0) {
    parts.push(
      c.counts.assertionsTripped > 0 ? "No metric moved beyond its registry gate; the tripped assertion above is what fails the check." : "No metric moved beyond its gate."
    );
  }
  const cut = omittedLine(omitted, links, "job summary and the run artifact");
  if (cut) parts.push(cut);
  const steps = nextSteps(c, opts);
  if (steps) parts.push(steps);
  if (moves.length > 0)
    parts.push(details("Statistics: confidence intervals, p-values, gates", statsTable(moves)));
  const plots = stripPlots(moves);
  if (plots) parts.push(details("Samples of the worst regressions, baseline vs HEAD", plots));
  if (opts.mermaid) {
    const charts = moves.filter((r) => r.verdict === "regression").slice(0, 3).map(mermaidChart).filter(Boolean);
    if (charts.length > 0) parts.push(details("Charts of the worst regressions", charts.join("\n\n")));
  }
  const open = openRowsSection(c, links, 50);
  if (open) parts.push(open);
  if (rest.length > 0) parts.push(details(`Other rows: ${restLabel(rest)}`, restTable(rest)));
  parts.push(details("Provenance", provenance(c, links, [`comment key: \`${markerKey(opts.key)}\``])));
  return parts.join("\n\n") + "\n";
}
function restLabel(rest) {
  const counts = [
    ["unchanged", rest.filter((r) => r.verdict === "unchanged").length],
    ["informational", rest.filter((r) => r.verdict === "informational").length],
    ["noisy", rest.filter((r) => r.verdict === "noisy").length],
    ["coverage-only", rest.filter((r) => r.verdict === "coverage").length]
  ];
  return counts.filter(([, n]) => n > 0).map(([w, n]) => `${n} ${w}`).join(", ");
}

export {
  stripPlots,
  mermaidChart,
  markdownTable,
  MAX_KEY,
  MAX_METRIC,
  byImportance,
  headline,
  callout,
  openRowsSection,
  contextLine,
  noticesBlock,
  assertionsTable,
  cached,
  mainTable,
  statsTable,
  termsLine,
  nextSteps,
  waiversBlock,
  restTable,
  details,
  omittedLine,
  provenance,
  fitRows,
  COMMENT_LIMIT,
  DEFAULT_COMMENT_MAX,
  commentMarker,
  renderComment
};
