import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  countsSentence,
  modeSentence,
  openRows,
  plural,
  reasonSentence,
  rowVerdictLabel,
  ruleLabel,
  verdictWord,
  wouldDecide
} from "./chunk-CMDOPWGY.js";
import {
  clipWidth,
  displayWidth,
  formatNumber,
  formatPercent,
  formatRowDelta,
  formatSide,
  pad,
  wrapWords
} from "./chunk-AZBBSJAO.js";
import {
  terminalText
} from "./chunk-OKA3FBMG.js";

// src/report/terminal.ts
var MAX_TEST = 72;
var MAX_METRIC = 40;
var MAX_LABEL = 24;
var MAX_LIST = 20;
var ANSI = {
  red: "\x1B[31m",
  green: "\x1B[32m",
  yellow: "\x1B[33m",
  dim: "\x1B[2m",
  bold: "\x1B[1m",
  reset: "\x1B[0m"
};
function renderTerminal(c, opts) {
  const paint = (s, ...styles) => opts.color && styles.length > 0 ? styles.map((st) => ANSI[st]).join("") + s + ANSI.reset : s;
  const lines = [];
  const shown = opts.allMetrics ? c.rows : c.rows.filter((r) => r.verdict !== "unchanged");
  const width = opts.width ?? Infinity;
  if (shown.length > 0) lines.push(...table(c, shown, paint, width), "");
  const tableLines = lines.length;
  const hidden = c.rows.length - shown.length;
  if (hidden > 0) lines.push(`${plural(hidden, "unchanged row")} not listed (--all-metrics lists them)`);
  lines.push(`summary: ${countsSentence(c)}`);
  const verdictStyles = c.verdict === "fail" || c.verdict === "no-data" ? ["bold", "red"] : c.verdict === "pass" ? ["bold", "green"] : ["bold", "yellow"];
  const mark = c.verdict === "no-baseline" ? "\u26A0\uFE0F " : c.verdict === "no-data" ? "\u26D4 " : "";
  lines.push(
    `verdict: ${mark}${paint(verdictWord(c), ...verdictStyles)} \u2014 ${terminalText(reasonSentence(c))}`
  );
  lines.push(`mode: ${modeSentence(c)}`, `rule: ${ruleLabel(c)}`);
  lines.push(
    `baseline: ${side(c.baseline)}`,
    `head: ${side(c.head)}`,
    `registry: ${c.registry.source} (${terminalText(c.registry.detail, 200)})`
  );
  for (const n of c.notices) lines.push(`notice: ${terminalText(n, 500)}`);
  for (const a of c.assertions.filter((x) => x.tripped)) {
    const name = terminalText(a.name ?? a.metric, MAX_METRIC);
    lines.push(
      paint(
        `assertion ${name} tripped on ${terminalText(a.key, MAX_TEST)}: ${formatPercent(a.relDelta)} (gate ${formatNumber(a.rel * 100)}%, floor ${formatNumber(a.abs)})`,
        "red"
      )
    );
  }
  const skipped = c.assertions.filter((a) => !a.tripped && a.skipped !== null).length;
  if (skipped > 0) lines.push(`  ${plural(skipped, "assertion")} not evaluated (see --json for why)`);
  if (c.newInHead.length > 0)
    lines.push(
      `  ${c.newInHead.length} row(s) new in '${label(c.head.label)}' (no matching key in '${label(c.baseline.label)}')`
    );
  if (c.removedFromBase.length > 0)
    lines.push(
      `  ${c.removedFromBase.length} row(s) removed from '${label(c.baseline.label)}' (no matching key in '${label(c.head.label)}')`
    );
  listed(
    lines,
    "excluded",
    c.excludedPairs.map((p) => `${terminalText(p.key, MAX_TEST)} \u2014 ${terminalText(p.reason, 200)}`)
  );
  for (const st of ["inconclusive", "undecided"])
    listed(
      lines,
      st,
      openRows(c.rows).filter((r) => r.state === st).map(
        (r) => `${terminalText(r.key, MAX_TEST)} ${terminalText(r.metric, MAX_METRIC)} \u2014 ${wouldDecide(r)}`
      )
    );
  listed(
    lines,
    "unknown metric",
    c.unknownMetrics.map((m) => terminalText(m, MAX_METRIC))
  );
  for (const m of c.malformed) {
    lines.push(
      `malformed: ${terminalText(m.file, 300)} at ${terminalText(m.path, 100)}: ${terminalText(m.message, 300)}`
    );
  }
  const wrap = (l) => {
    if (displayWidth(l) <= width || l.includes("\x1B")) return [l];
    const lead = /^ */.exec(l)[0];
    return wrapWords(l.slice(lead.length), width - lead.length, "    ").map((x) => lead + x);
  };
  const prose = lines.slice(tableLines).flatMap(wrap);
  return [...lines.slice(0, tableLines), ...prose].join("\n");
}
var GAP = "  ";
var INDENT = "  ";
function table(c, rows, paint, width) {
  const labels = [label(c.baseline.label), label(c.head.label)];
  const cells = rows.map((r) => ({
    test: terminalText(r.key, MAX_TEST),
    metric: terminalText(r.metric, MAX_METRIC),
    base: terminalText(formatSide(r.base, r.unit)),
    head: terminalText(formatSide(r.head, r.unit)),
    delta: terminalText(deltaCell(r)),
    pct: r.base === null || r.head === null ? "\u2013" : formatPercent(r.relDelta),
    verdict: rowVerdictLabel(r),
    style: verdictStyle(r)
  }));
  const wide = wideTable(labels, cells);
  if (fits(wide, width)) return wide.map((l) => l.render(paint));
  for (const pctOnly of [false, true]) {
    const stacked = stackedTable(labels, cells, pctOnly);
    if (fits(stacked, width)) return stacked.map((l) => l.render(paint));
  }
  return tallTable(labels, cells, width).map((l) => l.render(paint));
}
function fits(lines, width) {
  return lines.every((l) => displayWidth(l.plain) <= width);
}
function textLine(s) {
  return { plain: s, render: () => s };
}
function cellLine(prefix, row, widths2, right, style) {
  const body = row.slice(0, -1).map((cell, i) => pad(cell, widths2[i], right[i]));
  const last = row[row.length - 1];
  const head = prefix + [...body, ""].join(GAP);
  return { plain: head + last, render: (paint) => head + paint(last, ...style) };
}
function widths(rows) {
  return rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]))));
}
function wideTable(labels, cells) {
  const header = ["TEST", "METRIC", ...labels, "DELTA", "VERDICT"];
  const rows = cells.map((x) => [x.test, x.metric, x.base, x.head, x.delta, x.verdict]);
  const w = widths([header, ...rows]);
  const right = [false, false, true, true, true];
  return [
    cellLine("", header, w, right, []),
    ...rows.map((row, i) => cellLine("", row, w, right, cells[i].style))
  ];
}
function stackedTable(labels, cells, pctOnly) {
  const header = ["METRIC", ...labels, "DELTA", "VERDICT"];
  const rows = cells.map((x) => [x.metric, x.base, x.head, pctOnly ? x.pct : x.delta, x.verdict]);
  const w = widths([header, ...rows]);
  const right = [false, true, true, true];
  return withTests(
    [textLine("TEST"), cellLine(INDENT, header, w, right, [])],
    cells,
    (x, i) => [cellLine(INDENT, rows[i], w, right, x.style)],
    Infinity
  );
}
function tallTable(labels, cells, width) {
  const header = [...labels, "DELTA", "VERDICT"];
  const rows = cells.map((x) => [x.base, x.head, x.pct, x.verdict]);
  const w = widths([header, ...rows]);
  const right = [true, true, true];
  const values = INDENT + INDENT;
  return withTests(
    [textLine("TEST"), textLine(INDENT + "METRIC"), cellLine(values, header, w, right, [])],
    cells,
    (x, i) => [
      textLine(INDENT + clipWidth(x.metric, width - INDENT.length)),
      cellLine(values, rows[i], w, right, x.style)
    ],
    width
  );
}
function withTests(head, cells, row, width) {
  const out = [...head];
  let test = null;
  cells.forEach((x, i) => {
    if (x.test !== test) out.push(textLine(clipWidth(x.test, width)));
    test = x.test;
    out.push(...row(x, i));
  });
  return out;
}
function verdictStyle(r) {
  return r.verdict === "regression" ? ["red"] : r.verdict === "improvement" ? ["green"] : r.verdict === "unchanged" ? ["dim"] : ["yellow"];
}
function deltaCell(r) {
  if (r.base === null || r.head === null) return "\u2013";
  return `${formatRowDelta(r)} (${formatPercent(r.relDelta)})`;
}
function label(s) {
  return terminalText(s, MAX_LABEL);
}
function side(s) {
  const kernels = s.kernels.length > 0 ? `, kernel ${few(s.kernels)}` : "";
  const hosts = s.hosts.length > 0 ? `, host ${few(s.hosts)}` : "";
  return `${label(s.label)} (${terminalText(s.how, 120)}; ${plural(s.sidecars, "sidecar")}, ${plural(s.runs, "run")}${kernels}${hosts})`;
}
function listed(lines, what, items) {
  for (const item of items.slice(0, MAX_LIST)) lines.push(`${what}: ${item}`);
  if (items.length > MAX_LIST) lines.push(`${what}: \u2026 and ${items.length - MAX_LIST} more (see --json)`);
}
function few(items) {
  const shown = items.slice(0, 5).map((x) => terminalText(x, 60));
  return items.length > 5 ? `${shown.join(", ")} and ${items.length - 5} more` : shown.join(", ");
}

export {
  renderTerminal
};
