/**
 * Small shared pieces of the benchmarks: a seeded PRNG with the distributions the noise
 * model needs, robust summaries, and the Wilson score interval.
 */

/** FNV-1a 32-bit of a string (seed derivation). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** A seeded generator of uniform floats in [0, 1) (sfc32, 128-bit state) plus the draws we need. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  private spare: number | null = null

  /** Seeds from any number of string/number parts, so every (seed, cell, PR) gets its own stream. */
  constructor(...parts: Array<string | number>) {
    const s = parts.join('\u0000')
    this.a = fnv1a32(`a|${s}`)
    this.b = fnv1a32(`b|${s}`)
    this.c = fnv1a32(`c|${s}`)
    this.d = fnv1a32(`d|${s}`) | 1
    for (let i = 0; i < 12; i++) this.next()
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next()
  }

  /** Log-uniform in [lo, hi) (equal weight per decade). */
  logUniform(lo: number, hi: number): number {
    return Math.exp(this.uniform(Math.log(lo), Math.log(hi)))
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** One element of a non-empty array. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare
      this.spare = null
      return s
    }
    for (;;) {
      const u = 2 * this.next() - 1
      const v = 2 * this.next() - 1
      const q = u * u + v * v
      if (q > 0 && q < 1) {
        const f = Math.sqrt((-2 * Math.log(q)) / q)
        this.spare = v * f
        return u * f
      }
    }
  }

  /** Student t with `dof` degrees of freedom (normal over the root of a scaled chi-square). */
  studentT(dof: number): number {
    let chi2 = 0
    for (let i = 0; i < dof; i++) {
      const z = this.normal()
      chi2 += z * z
    }
    return this.normal() / Math.sqrt(chi2 / dof)
  }
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Half the spread between the 25th and 75th percentile — benchstat's "±" is similar in spirit. */
export function iqrHalf(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const q = (p: number) => {
    const i = (s.length - 1) * p
    const lo = Math.floor(i)
    const hi = Math.ceil(i)
    return s[lo]! + (s[hi]! - s[lo]!) * (i - lo)
  }
  return (q(0.75) - q(0.25)) / 2
}

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054

/** Wilson score interval of k successes in n trials (default 95 %); [0, 1] when n = 0. */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1]
  const p = k / n
  const z2 = z * z
  const den = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / den
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/** Formats a duration in ms with three significant digits. */
export function fmtMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 100) return `${ms.toFixed(0)} ms`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  return `${ms.toFixed(2)} ms`
}

/** Formats a rate as a percentage. */
export function fmtPct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)} %`
}
