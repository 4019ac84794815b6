/**
 * Number formatting shared by every renderer: values with the metric's display unit and
 * sensible significant digits, signed deltas, signed relative changes, CIs and p-values.
 * Units come from the registry (`display_unit`), but a sidecar could carry any string, so
 * they pass through the caller's escaping like any other text.
 */
import type { ComparisonRow, SideStats } from '../core/types.js'

// Units printed without a space, as people write them: 12.5%, 1.3x.
const TIGHT_UNITS = new Set(['%', 'x'])

/** Joins a formatted number and a unit: "12.5%", "1.3x", "420 µs", "17" (no unit). */
export function withUnit(num: string, unit: string): string {
  if (unit === '') return num
  return TIGHT_UNITS.has(unit) ? `${num}${unit}` : `${num} ${unit}`
}

/**
 * A number with about four significant digits and no exponent in the usual range:
 * 1234567 → "1,234,567", 1234.5 → "1,235", 12.345 → "12.35", 0.012345 → "0.01235",
 * 1.5e-7 → "1.5e-7". Trailing zeros are dropped; -0 prints as "0".
 */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞'
  if (v === 0) return '0'
  const a = Math.abs(v)
  const sign = v < 0 ? '-' : ''
  if (a >= 1e15) return sign + compactExp(a)
  if (a >= 1000) return sign + groupThousands(Math.round(a).toString())
  if (a < 1e-4) return sign + compactExp(a)
  return sign + stripZeros(a.toPrecision(4))
}

/**
 * A number for a narrow table cell: as formatNumber below 10,000, else four significant digits
 * and an SI suffix (41,450 → "41.45k", 803,183,400 → "803.2M").
 */
export function formatCompact(v: number): string {
  const a = Math.abs(v)
  if (!Number.isFinite(v) || a < 10_000 || a >= 1e15) return formatNumber(v)
  const [div, suffix] = a >= 1e12 ? [1e12, 'T'] : a >= 1e9 ? [1e9, 'G'] : a >= 1e6 ? [1e6, 'M'] : [1e3, 'k']
  return `${v < 0 ? '-' : ''}${stripZeros((a / div).toPrecision(4))}${suffix}`
}

/** "388.8 → 911.1 µs": both sides' centres with the unit once (on each side for % and x). */
export function formatBaseToHead(r: Pick<ComparisonRow, 'base' | 'head' | 'unit'>): string {
  const side = (s: SideStats | null): string => (s === null ? '–' : formatCompact(s.value))
  if (TIGHT_UNITS.has(r.unit) || r.unit === '')
    return `${r.base ? withUnit(side(r.base), r.unit) : '–'} → ${r.head ? withUnit(side(r.head), r.unit) : '–'}`
  return `${side(r.base)} → ${withUnit(side(r.head), r.unit)}`
}

/** A row's relative gate for a small cell: "≥ 10%". */
export function formatRelGate(r: Pick<ComparisonRow, 'gate'>): string {
  return `≥ ${formatNumber(r.gate.rel * 100)}%`
}

/**
 * Why a row counts, in words for the statistics table: which gates it cleared and what showed
 * the change is not noise ("beyond both gates; the runs do not overlap", "… p = 0.003").
 */
export function formatEvidence(r: ComparisonRow): string {
  const gates =
    r.gate.absCleared && r.gate.relCleared
      ? 'beyond both gates'
      : r.gate.absCleared
        ? 'beyond the absolute gate only'
        : r.gate.relCleared
          ? 'beyond the relative gate only'
          : 'within its gates'
  if (r.mode !== 'noise-adjusted') return `${gates} (one run on a side: no test of noise)`
  if (r.disjoint) return `${gates}; baseline and HEAD runs do not overlap`
  if (r.pAdjusted !== null) return `${gates}; FDR-adjusted q = ${formatP(r.pAdjusted)}`
  if (r.pValue !== null) return `${gates}; Welch p = ${formatP(r.pValue)}`
  if (r.separated !== null) return `${gates}; ${r.separated ? 'clear of the noise' : 'within the noise'}`
  return gates
}

/** A value with its unit: "420.5 µs", "12.35%". */
export function formatValue(v: number, unit: string): string {
  return withUnit(formatNumber(v), unit)
}

/** A signed difference with its unit; for "%" metrics the difference is in percentage points ("+3.1 pp"). */
export function formatDelta(d: number | null, unit: string): string {
  if (d === null) return '–'
  const body = signed(d, formatNumber(d))
  return unit === '%' ? `${body} pp` : withUnit(body, unit)
}

/**
 * A row's difference B − A: as formatDelta, but a difference beyond the double range (both sides
 * present, `delta` null) prints as "> +1.8e308" / "< -1.8e308" instead of looking absent.
 */
export function formatRowDelta(r: Pick<ComparisonRow, 'delta' | 'base' | 'head' | 'unit'>): string {
  if (r.delta === null && r.base !== null && r.head !== null) {
    const up = r.head.value > r.base.value
    return withUnit(up ? '> +1.8e308' : '< -1.8e308', r.unit === '%' ? 'pp' : r.unit)
  }
  return formatDelta(r.delta, r.unit)
}

/**
 * A signed relative change as a percentage: two decimals below 10 %, one below 100 %, none
 * above (+3.10%, -12.5%, +250%), like ktstr's two-decimal deltas but without false precision.
 */
export function formatPercent(rel: number | null): string {
  if (rel === null) return '–'
  if (!Number.isFinite(rel)) return Number.isNaN(rel) ? 'NaN' : rel > 0 ? '+∞%' : '-∞%'
  const p = rel * 100
  const a = Math.abs(p)
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2
  const body = a >= 1000 ? groupThousands(a.toFixed(0)) : a.toFixed(digits)
  // A change that rounds to zero keeps its sign so "+0.00%" still says which way it went.
  const sign = p > 0 ? '+' : p < 0 ? '-' : '±'
  return `${sign}${body}%`
}

/** A 95 % confidence interval of a relative change: "[+2.10%, +8.40%]", or "–" when absent. */
export function formatCi(ci: [number, number] | null): string {
  if (ci === null) return '–'
  return `[${formatPercent(ci[0])}, ${formatPercent(ci[1])}]`
}

/** A p-value with two significant digits, "<0.001" below that, "–" when absent. */
export function formatP(p: number | null): string {
  if (p === null || Number.isNaN(p)) return '–'
  if (p < 0.001) return '<0.001'
  return stripZeros(p.toPrecision(2))
}

/** One side's centre with its unit, or "–" when the side is missing. */
export function formatSide(s: SideStats | null, unit: string): string {
  return s === null ? '–' : formatValue(s.value, unit)
}

/** One side's centre and spread: "420.5 µs (n=5, 410–433, sd 8.2)", or "420.5 µs (n=1)". */
export function formatSpread(s: SideStats | null, unit: string): string {
  if (s === null) return '–'
  const centre = formatValue(s.value, unit)
  if (s.n <= 1) return `${centre} (n=${s.n})`
  return `${centre} (n=${s.n}, ${formatNumber(s.min)}–${formatNumber(s.max)}, sd ${formatNumber(s.stdev)})`
}

/** Which gates a row cleared, in words: "abs ✓ rel ✓ p=0.003". */
export function formatGates(r: ComparisonRow): string {
  const mark = (ok: boolean): string => (ok ? '✓' : '✗')
  const parts = [`abs ${mark(r.gate.absCleared)}`, `rel ${mark(r.gate.relCleared)}`]
  if (r.mode === 'noise-adjusted') {
    if (r.disjoint) parts.push('disjoint')
    // With the fdr option the Benjamini–Hochberg adjusted p decides, so show that one.
    else if (r.pAdjusted !== null) parts.push(`q=${formatP(r.pAdjusted)}`)
    else if (r.pValue !== null) parts.push(`p=${formatP(r.pValue)}`)
    else if (r.separated !== null) parts.push(r.separated ? 'separated' : 'not separated')
  }
  return parts.join(' ')
}

/** The gate a row was held to: "≥ 5% and ≥ 25%" style, with the metric's unit on the absolute part. */
export function formatGateSpec(r: ComparisonRow): string {
  return `|Δ| ≥ ${formatValue(r.gate.abs, r.unit === '%' ? 'pp' : r.unit)} and ≥ ${formatNumber(r.gate.rel * 100)}%`
}

function signed(v: number, text: string): string {
  return v > 0 ? `+${text}` : text
}

function stripZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s
}

function compactExp(a: number): string {
  const [m, e] = a.toExponential(2).split('e') as [string, string]
  return `${stripZeros(m)}e${e.replace('+', '')}`
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
