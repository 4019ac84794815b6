import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);

// src/report/escape.ts
var INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
var NAMED_ESCAPES = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
function visible(s) {
  return s.replace(LONE_SURROGATE, "\uFFFD").replace(INVISIBLE, (ch) => NAMED_ESCAPES[ch] ?? `\\u{${ch.codePointAt(0).toString(16)}}`);
}
function truncate(s, max) {
  if (s.length <= max) return s;
  const points = Array.from(s);
  if (points.length <= max) return s;
  let kept = max;
  for (let i = 0; i < 3; i++) kept = Math.max(1, max - `\u2026(+${points.length - kept})`.length);
  return `${points.slice(0, kept).join("")}\u2026(+${points.length - kept})`;
}
function terminalText(s, max = Infinity) {
  return truncate(visible(s), max);
}
var HTML_REFS = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;"
};
var ZWSP = "&#8203;";
function mdText(s, max = Infinity) {
  return neutralise(terminalText(s, max), true);
}
function htmlText(s, max = Infinity) {
  return neutralise(terminalText(s, max), false);
}
var ZWSP_MARK = "";
var MD_ESCAPE_RE = /[\\`*[\]#|~$]/g;
var LONE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
var AUTOLINK_BREAKS = [
  /(?<=@)(?=[\p{L}\p{N}_-])/gu,
  // @user, @org/team, a@b.c
  /(?<=#)(?=[0-9])/g,
  // #123, owner/repo#123
  /(?<=(?:^|[^\p{L}\p{N}])gh-)(?=[0-9])/giu,
  // GH-123
  /(?<=:)(?=\/\/)/g,
  // scheme://
  /(?<=:)(?=[a-z0-9_+-]+:)/gi,
  // :emoji: shortcodes
  // www.host: break before the dot, because GFM links `www.` followed by anything up to a
  // space, so a break after it would still leave a (broken) link.
  /(?<=(?:^|[^\p{L}\p{N}])www)(?=\.)/giu
];
function neutralise(safe, markdown) {
  let out = safe;
  if (markdown) out = out.replace(MD_ESCAPE_RE, "\\$&").replace(LONE_UNDERSCORE, "\\_");
  for (const re of AUTOLINK_BREAKS) out = out.replace(re, ZWSP_MARK);
  out = out.replace(/[<>&"']/g, (ch) => HTML_REFS[ch]);
  return out.includes(ZWSP_MARK) ? out.split(ZWSP_MARK).join(ZWSP) : out;
}
function mdBreakable(s, max = Infinity) {
  return terminalText(s, max).split(/(?<=[/_.:-])(?=.)/su).map((piece) => neutralise(piece, true)).join("<wbr>");
}
function mdCode(s, max = Infinity) {
  return `<code>${mdText(s, max)}</code>`;
}
function safeUrl(url) {
  if (!url) return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  const href = parsed.href;
  if (/[\s<>"'`()\p{Cc}\p{Cf}]/u.test(href)) return null;
  return href;
}
function markerKey(key) {
  const cleaned = key.replace(/[^A-Za-z0-9._/:+=@-]/g, "_").replace(/-{2,}/g, "-").replace(/^-|-$/g, "_").slice(0, 200);
  return cleaned === "" ? "default" : cleaned;
}
function jsonText(json) {
  return json.replace(JSON_CANDIDATE, (ch) => {
    const code = ch.codePointAt(0);
    if (code >= 160 && !FORMAT_CHAR.test(ch)) return ch;
    if (code > 65535) {
      const hi = 55296 + (code - 65536 >> 10);
      const lo = 56320 + (code - 65536 & 1023);
      return `\\u${hi.toString(16)}\\u${lo.toString(16)}`;
    }
    return `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
var JSON_CANDIDATE = (
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[<>&\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0100-\uFFFF]/g
);
var FORMAT_CHAR = /^[\p{Cf}\p{Zl}\p{Zp}]$/u;
var SHELL_PLAIN = /^[A-Za-z0-9._/:=,@%+-]+$/;
function shellArg(s, max = 400) {
  const v = terminalText(s, max);
  if (SHELL_PLAIN.test(v)) return v;
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

export {
  terminalText,
  mdText,
  htmlText,
  mdBreakable,
  mdCode,
  safeUrl,
  markerKey,
  jsonText,
  shellArg
};
