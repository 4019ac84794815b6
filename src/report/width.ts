/**
 * Display width of already-escaped text in a monospace terminal, so columns line up when a
 * name holds CJK characters, emoji or combining marks. Approximate (no full East Asian Width
 * table), which is enough for alignment; it never affects what is printed.
 */

// Wide and fullwidth blocks plus the common emoji planes.
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x26a1, 0x26a1],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x274c, 0x274c],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd]
]

const COMBINING = /[\p{Mn}\p{Me}]/u

/** Columns the text occupies in a monospace terminal. */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    // Combining marks, zero-width characters and variation selectors take no column.
    if (COMBINING.test(ch) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) continue
    w += WIDE.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1
  }
  return w
}

/** Pads text on the right (or left) to `width` display columns. */
export function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)))
  return right ? fill + s : s + fill
}

/** Cuts text to at most `width` display columns, marking the cut with `…` (never splits a character). */
export function clipWidth(s: string, width: number): string {
  if (displayWidth(s) <= width) return s
  let out = ''
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break
    out += ch
  }
  return out + '…'
}

/**
 * Breaks text into lines of at most `width` display columns at spaces, each line after the first
 * starting with `indent`. A word wider than a line is left whole on its own line (never split).
 */
export function wrapWords(text: string, width: number, indent = ''): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/ +/).filter(Boolean)) {
    const prefix = lines.length === 0 ? '' : indent
    const next = line ? `${line} ${word}` : prefix + word
    if (line && displayWidth(next) > width) {
      lines.push(line)
      line = indent + word
    } else line = next
  }
  if (line || lines.length === 0) lines.push(line)
  return lines
}
