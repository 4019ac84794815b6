/**
 * The bench table: one row per figure (value, ±, DESIGN §11 target, met / missed), and its
 * benchstat-like plain-text rendering.
 */
import type { KvmResult } from './kvm.js'
import { fmtMs, fmtPct, wilson } from './lib.js'
import type { SimResult } from './simulate.js'
import type { ColdStart, ScalePoint, SpeedResult } from './speed.js'

export interface Row {
  section: string
  figure: string
  value: string
  pm: string
  target: string
  status: 'met' | 'missed' | 'n/a' | 'not built' | 'bug' | ''
}

export interface BenchResult {
  env: { node: string; cpu: string; cores: number; loadavg: number[]; quick: boolean; seed: string }
  speed: SpeedResult | null
  scaling: ScalePoint[] | null
  cold: ColdStart[] | null
  kvm: KvmResult | null
  sim: SimResult | null
  rows: Row[]
  elapsedMs: number
  /** CPU time of this process and its finished children (user + system), null where unknown. */
  cpuMs: number | null
}

const SPEED_TARGET = 1.0
// DESIGN §11: peak RSS ≤ 2× the floor's at 10k, growth ≤ 2 MiB per 1,000 sidecars, 50k under 300 MiB.
const RSS_RATIO_TARGET = 2
const RSS_SLOPE_TARGET = 2
const RSS_50K_TARGET = 300
const COLD_TARGET_MS = 300
const KVM_TARGET = 0.5
const AA_TARGET = 0.01
const POWER_TARGET = 0.95

function status(ok: boolean): Row['status'] {
  return ok ? 'met' : 'missed'
}

/** Table rows (figure, value, ±, target, status) of whatever parts ran. */
export function buildRows(r: {
  speed: SpeedResult | null
  scale: ScalePoint[] | null
  cold: ColdStart[] | null
  kvm: KvmResult | null
  sim: SimResult | null
}): Row[] {
  const out: Row[] = []
  const add = (x: Row) => out.push(x)

  if (r.speed) {
    const s = r.speed
    const n = s.sidecars.toLocaleString('en-US')
    add({
      section: 'gate speed',
      figure: `compare --json, ${n} sidecars (${s.rows.toLocaleString('en-US')} rows, ${(s.reportBytes / 1048576).toFixed(1)} MB)`,
      value: fmtMs(s.fullMedian),
      pm: `median of ${s.reps}`,
      target: '',
      status: ''
    })
    add({
      section: 'gate speed',
      figure: `floor: readFileSync + JSON.parse, same ${n} files`,
      value: fmtMs(s.floorMedian),
      pm: `median of ${s.reps}`,
      target: '',
      status: ''
    })
    add({
      section: 'gate speed',
      figure: `gate time / floor, ${n} sidecars`,
      value: `${s.ratio.toFixed(2)}×`,
      pm: `± ${s.ratioPm.toFixed(2)}`,
      target: `≤ ${SPEED_TARGET}×`,
      status: status(s.ratio <= SPEED_TARGET)
    })
    add({
      section: 'gate speed',
      figure: `peak RSS, ${n} sidecars: gate (floor)`,
      value: `${s.fullRssMiB.toFixed(0)} MiB`,
      pm: `(${s.floorRssMiB.toFixed(0)} MiB) = ${(s.fullRssMiB / s.floorRssMiB).toFixed(2)}×`,
      target: `≤ ${RSS_RATIO_TARGET}× the floor's`,
      status: status(s.fullRssMiB <= RSS_RATIO_TARGET * s.floorRssMiB)
    })
  }
  if (r.scale && r.scale.length) {
    for (const p of r.scale)
      add({
        section: 'scaling',
        figure: `${p.sidecars.toLocaleString('en-US')} sidecars: gate time, peak RSS (floor)`,
        value: `${fmtMs(p.fullMs)}, ${p.fullRssMiB.toFixed(0)} MiB`,
        pm: `(${fmtMs(p.floorMs)}, ${p.floorRssMiB.toFixed(0)} MiB)`,
        target: p.sidecars >= 50_000 ? `< ${RSS_50K_TARGET} MiB` : '',
        status: p.sidecars >= 50_000 ? status(p.fullRssMiB < RSS_50K_TARGET) : ''
      })
    const first = r.scale[0]!
    const last = r.scale[r.scale.length - 1]!
    const growth = last.usPerSidecar / first.usPerSidecar
    add({
      section: 'scaling',
      figure: `time per sidecar, ${last.sidecars.toLocaleString('en-US')} vs ${first.sidecars.toLocaleString('en-US')}`,
      value: `${growth.toFixed(2)}×`,
      pm: '',
      target: '≤ 1.5× (linear)',
      status: status(growth <= 1.5)
    })
    const rssSlope = (last.fullRssMiB - first.fullRssMiB) / ((last.sidecars - first.sidecars) / 1000)
    add({
      section: 'scaling',
      figure: 'peak RSS growth per 1,000 sidecars',
      value: `${rssSlope.toFixed(1)} MiB`,
      pm: '',
      target: `≤ ${RSS_SLOPE_TARGET} MiB`,
      status: status(rssSlope <= RSS_SLOPE_TARGET)
    })
  }
  if (r.cold)
    for (const c of r.cold) {
      const action = c.file === 'dist/index.js'
      add({
        section: 'cold start',
        figure: `node ${c.file}${action ? '' : ' --version'} to first output`,
        value: c.medianMs === null ? (c.note ?? 'n/a') : fmtMs(c.medianMs),
        pm: c.pm === null ? '' : `± ${fmtMs(c.pm)} (${c.runs} runs)`,
        target: action ? `< ${COLD_TARGET_MS} ms` : `< ${COLD_TARGET_MS} ms (ref.)`,
        status: c.medianMs === null ? 'n/a' : status(c.medianMs < COLD_TARGET_MS)
      })
    }
  if (r.kvm) {
    const k = r.kvm
    const n = k.config.runs
    add({
      section: 'KVM runs',
      figure: `ktstr perf-delta --noise-adjust ${n}: runs per PR (2·N)`,
      value: String(k.ktstrPerPr),
      pm: `agent --no-cache: ${k.noCache.map((p) => p.invocations).join(', ')}`,
      target: '',
      status: ''
    })
    add({
      section: 'KVM runs',
      figure: `agent, warm host cache: runs per PR (PRs 2–${k.cached.length})`,
      value: `${k.warmPerPr.toFixed(1)} (${k.warmRatio.toFixed(2)}×)`,
      pm: `per PR: ${k.cached.map((p) => p.invocations).join(', ')}`,
      target: `≤ ${KVM_TARGET}× at equal N`,
      status: status(
        k.warmRatio <= KVM_TARGET + 1e-9 && k.cached.every((p) => p.baseRuns === n && p.headRuns === n)
      )
    })
    add({
      section: 'KVM runs',
      figure: `agent, ${k.cached.length} PRs on one merge-base from a cold cache`,
      value: `${k.sequenceRatio.toFixed(2)}×`,
      pm: `${k.cached.reduce((s, p) => s + p.invocations, 0)} vs ${k.ktstrPerPr * k.cached.length} runs`,
      target: '',
      status: ''
    })
    if (k.topUp)
      add({
        section: 'KVM runs',
        figure: `rerun with ${k.topUp.wanted} runs/side (top-up): runs, ktstr vs agent`,
        value: `${k.topUp.ktstr} vs ${k.topUp.agent}`,
        pm: `gate saw ${k.topUp.baseRunsCounted}+${k.topUp.headRunsCounted} runs`,
        target: `${k.topUp.wanted}+${k.topUp.wanted} runs`,
        status:
          k.topUp.baseRunsCounted === k.topUp.wanted && k.topUp.headRunsCounted === k.topUp.wanted
            ? 'met'
            : 'bug'
      })
    for (const nb of k.notBuilt)
      add({ section: 'KVM runs', figure: nb, value: '—', pm: '', target: '', status: 'not built' })
  }
  if (r.sim) out.push(...simRows(r.sim))
  return out
}

function rate(k: number, n: number): { value: string; pm: string; p: number; ci: [number, number] } {
  const ci = wilson(k, n)
  return {
    value: fmtPct(k / n),
    pm: `[${(ci[0] * 100).toFixed(1)}, ${(ci[1] * 100).toFixed(1)}] n=${n}`,
    p: k / n,
    ci
  }
}

function simRows(sim: SimResult): Row[] {
  const out: Row[] = []
  const ktstr = 'ktstr'
  for (const rule of sim.rules) {
    const section = `verdict: ${rule.label}`
    const isKtstr = rule.id === ktstr
    for (const c of sim.cells.filter((x) => x.kind === 'aa')) {
      const t = c.rules[rule.id]!
      const base = c.rules[ktstr]!
      const f = rate(t.fail, t.prs)
      const ok = f.p <= AA_TARGET && (isKtstr || t.fail <= base.fail)
      out.push({
        section,
        figure: `A/A false alarm (PR fails), N=${c.runs}`,
        value: f.value,
        pm: f.pm,
        target: isKtstr ? '≤ 1 %' : "≤ 1 % and ≤ ktstr's",
        status: status(ok)
      })
    }
    for (const c of sim.cells.filter((x) => x.kind === 'aa')) {
      const t = c.rules[rule.id]!
      const f = rate(t.anyRegression, t.prs)
      out.push({
        section,
        figure: `A/A any regression row, N=${c.runs}`,
        value: f.value,
        pm: f.pm,
        target: '',
        status: ''
      })
    }
    for (const c of sim.cells.filter((x) => x.kind === 'ab')) {
      const t = c.rules[rule.id]!
      const base = c.rules[ktstr]!
      const d = rate(t.detected, t.prs)
      const headline = Math.abs(c.size - 0.1) < 1e-9 && c.runs === 5
      out.push({
        section,
        figure: `detects ${Math.round(c.size * 100)} % regression, N=${c.runs}${headline ? ' (§11 power)' : ''}`,
        value: d.value,
        pm: d.pm,
        target: headline ? (isKtstr ? '≥ 95 %' : "≥ 95 % and ≥ ktstr's") : '',
        status: headline ? status(d.p >= POWER_TARGET && (isKtstr || t.detected >= base.detected)) : ''
      })
    }
    for (const c of sim.cells.filter((x) => x.kind === 'ab' && x.runs === 5)) {
      const t = c.rules[rule.id]!
      out.push({
        section,
        figure: `  … planted row material (dual gate) / PR fails, ${Math.round(c.size * 100)} %, N=5`,
        value: fmtPct(t.material / t.prs),
        pm: `PR fails ${fmtPct(t.fail / t.prs)}`,
        target: '',
        status: ''
      })
    }
  }
  for (const nb of sim.notBuilt)
    out.push({
      section: 'verdict: not built',
      figure: nb,
      value: '—',
      pm: '',
      target: '',
      status: 'not built'
    })
  return out
}

/** The table, benchstat-like: aligned plain columns, a blank line between sections. */
export function renderTable(res: BenchResult): string {
  const head = ['figure', 'value', '±', 'target', 'status']
  const lines: string[] = []
  const e = res.env
  lines.push(
    `ktstr-perf-gate bench — node ${e.node}, ${e.cpu}, ${e.cores} cores, load ${e.loadavg.join(' ')}` +
      `${e.quick ? ', QUICK' : ''}, seed ${e.seed}`
  )
  if (res.sim) {
    const c = res.sim.config
    lines.push(
      `simulator: ${c.tests} tests × 28 template metrics per PR, CV ${c.noise.cvMin * 100}–${c.noise.cvMax * 100} % ` +
        `(${c.noise.tails.join('/')}), drift sd ${c.noise.driftSd * 100} %/job, outlier sidecar ${c.noise.outlierProb * 100} % ` +
        `(${c.noise.outlierCvs.join('–')} CV), planted metric CV ${c.plantedCv === null ? 'drawn' : `${c.plantedCv * 100} %`}; ` +
        `${res.sim.workers} workers, ${fmtMs(res.sim.elapsedMs)}`
    )
  }
  const width = head.map((h, i) =>
    Math.max(h.length, ...res.rows.map((r) => [r.figure, r.value, r.pm, r.target, r.status][i]!.length))
  )
  const fmt = (cols: string[]) =>
    cols
      .map((c, i) => c.padEnd(width[i]!))
      .join('  ')
      .trimEnd()
  let section = ''
  for (const r of res.rows) {
    if (r.section !== section) {
      section = r.section
      lines.push('', `## ${section}`, fmt(head))
    }
    lines.push(fmt([r.figure, r.value, r.pm, r.target, r.status]))
  }
  lines.push(
    '',
    `total bench time ${fmtMs(res.elapsedMs)}` +
      (res.cpuMs !== null ? `, CPU ${fmtMs(res.cpuMs)} (this process and its children, user + system)` : '')
  )
  return lines.join('\n')
}
