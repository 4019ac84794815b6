/**
 * The bench table: one row per figure (value, ±, DESIGN §11 target, met / missed), and its
 * benchstat-like plain-text rendering.
 */
import type { DeepResult, KvmResult, SeqPr } from './kvm.js'
import { fmtMs, fmtPct, wilson } from './lib.js'
import type { Scenario, SimResult, Tally } from './simulate.js'
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
    if (k.deep) out.push(...deepRows(k.deep, r.sim))
    for (const nb of k.notBuilt)
      add({ section: 'KVM runs', figure: nb, value: '—', pm: '', target: '', status: 'n/a' })
  }
  if (r.sim) out.push(...simRows(r.sim))
  return out
}

/**
 * The sequential rule on a warm deep baseline, measured through the built Action (bench/kvm.ts
 * deepRuns), beside the simulator's estimate of the same figure when the simulator ran.
 */
export function deepRows(d: DeepResult, sim: SimResult | null): Row[] {
  const c = d.config
  const section = 'KVM runs'
  const row = (figure: string, value: string, pm = '', target = '', st: Row['status'] = ''): Row => ({
    section,
    figure,
    value,
    pm,
    target,
    status: st
  })
  const fx = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1))
  const verdicts = (prs: readonly SeqPr[]) => {
    const fails = prs.filter((p) => p.verdict !== 'pass')
    return fails.length
      ? `${fails.length} of ${prs.length} failed (${fails.map((p) => `PR ${p.pr}: ${p.verdict}`).join(', ')})`
      : `all ${prs.length} pass`
  }
  const out: Row[] = []
  const b = d.baseline
  // Every unfiltered run of the baseline job runs the whole suite: else the count itself is wrong.
  const counted = b.invocations === c.baselineRuns && b.suiteEquivalents === c.baselineRuns
  out.push(
    row(
      `sequential: deep baseline job (push, mode: produce, ${c.baselineRuns} runs), once per merge-base`,
      `${b.invocations}`,
      `suite-equivalents ${fx(b.suiteEquivalents)}; stored in the host cache: ${b.stored ? 'yes' : 'NO'}`,
      `${c.baselineRuns} runs`,
      counted && b.stored ? 'met' : 'bug'
    )
  )
  if (d.prs.length) {
    const v = d.perPr.suiteEquivalents
    out.push(
      row(
        `sequential, warm deep baseline: KVM runs per PR (suite-equivalents; Action + agent + stand-in, ${d.prs.length} PR${d.prs.length === 1 ? '' : 's'})`,
        v.toFixed(2),
        `${d.perPr.invocations.toFixed(1)} cargo ktstr test invocations (${d.perPr.filtered.toFixed(1)} filtered); per PR: ${d.prs.map((p) => fx(p.suiteEquivalents)).join(', ')}`,
        '≤ 10',
        status(v <= KVM_PR_TARGET)
      )
    )
    out.push(
      row(
        '  … per PR: top-up rounds / tests the sentinel set aside',
        d.prs.map((p) => `${p.rounds ?? 0}/${p.sentinelDropped}`).join(', '),
        `of ${d.suiteSize} tests; ${c.sentinelRuns} sentinel + HEAD in batches of ${c.runs} to ${c.maxRuns}; ${verdicts(d.prs)}`
      )
    )
  }
  const aa = sim?.scenarios.find((x) => x.scenario === 'aa')?.rules.sequential
  out.push(
    row(
      "  … the simulator's estimate of the same figure (A/A PRs)",
      aa ? (aa.suiteEquivalents / aa.prs).toFixed(2) : '—',
      aa
        ? `${(aa.invocations / aa.prs).toFixed(1)} invocations; ${aa.prs} simulated PRs`
        : 'simulator not run (--skip sim)'
    )
  )
  if (d.drifted.length) {
    const v = d.drifted.reduce((s, p) => s + p.suiteEquivalents, 0) / d.drifted.length
    const dr = sim?.scenarios.find((x) => x.scenario === 'drift')?.rules.sequential
    const simulated = dr ? `; simulator ${(dr.suiteEquivalents / dr.prs).toFixed(2)}` : ''
    const shift = `${c.hostShift >= 0 ? '+' : ''}${Math.round(c.hostShift * 100)} %`
    out.push(
      row(
        `sequential, host drifted ${shift} since the cached baseline: KVM runs per PR (suite-eq.)`,
        v.toFixed(2),
        `per PR: ${d.drifted.map((p) => `${fx(p.suiteEquivalents)} (${p.invocations} invocations, sentinel set aside ${p.sentinelDropped}/${d.suiteSize} tests)`).join(', ')}; ${verdicts(d.drifted)}${simulated}`
      )
    )
  }
  return out
}

function rate(
  k: number,
  n: number,
  digits = 1
): { value: string; pm: string; p: number; ci: [number, number] } {
  const ci = wilson(k, n)
  return {
    value: fmtPct(k / n, digits),
    pm: `[${(ci[0] * 100).toFixed(digits)}, ${(ci[1] * 100).toFixed(digits)}] n=${n}`,
    p: k / n,
    ci
  }
}

// DESIGN §11 targets of the verdict figures.
const AA_PR_TARGET = 0.005
const DETECT_TARGET = 0.99
const ROW_AA_TARGET = 0.0005
const HEAD_RUNS_TARGET = 9
const KVM_PR_TARGET = 10

function sectionOf(sim: SimResult): string {
  const c = sim.config
  const p = c.sequential
  return (
    `verdict: ktstr's rule, N = ${c.ktstrRuns}, vs sequential ` +
    `(α ${p.alpha}, γ ${p.gamma}, futility ${p.futility}, HEAD in batches of ${c.batch} to ${p.maxRuns}, ` +
    `baseline ${c.baseRuns} cached + ${c.sentinelRuns} sentinel)`
  )
}

/** The §11 verdict figures, each for ktstr's rule and the sequential rule on the same simulated PRs. */
function simRows(sim: SimResult): Row[] {
  const out: Row[] = []
  const section = sectionOf(sim)
  const get = (s: Scenario) => sim.scenarios.find((x) => x.scenario === s)?.rules
  const aa = get('aa')
  const ab = get('ab')
  const drift = get('drift')
  const kn = sim.config.ktstrRuns
  const add = (figure: string, v: { value: string; pm: string }, target = '', st: Row['status'] = '') =>
    out.push({ section, figure, value: v.value, pm: v.pm, target, status: st })
  const plain = (value: string, pm = '') => ({ value, pm })
  if (aa) {
    const k = aa.ktstr
    const q = aa.sequential
    add(`PR-level A/A failure, fail-threshold 1 — ktstr N=${kn}`, rate(k.failAt1, k.prs), 'anchor ≈ 20 %')
    add(`PR-level A/A failure, fail-threshold 5 — ktstr N=${kn}`, rate(k.failAt5, k.prs))
    const f = rate(q.failAt1, q.prs)
    add('PR-level A/A failure, fail-threshold 1 — sequential', f, '≤ 0.5 %', status(f.p <= AA_PR_TARGET))
  }
  if (ab) {
    const k = ab.ktstr
    const q = ab.sequential
    const x = sim.config.plantFactor
    add(
      `detection, ${x} × gate (CV ≤ gate), PR fails at ft 1 — ktstr N=${kn}`,
      rate(k.failAt1, k.prs),
      'anchor ≈ 95 %'
    )
    add(
      `detection, ${x} × gate (CV ≤ gate), PR fails at ft 5 — ktstr N=${kn}`,
      rate(k.failAt5, k.prs),
      'anchor 0 %'
    )
    const d = rate(q.failAt1, q.prs)
    add(
      `detection, ${x} × gate (CV ≤ gate), PR fails at ft 1 — sequential`,
      d,
      '≥ 99 %',
      status(d.p >= DETECT_TARGET)
    )
    add('  … the planted row itself a regression — ktstr / sequential', {
      value: `${fmtPct(k.detected / k.prs)} / ${fmtPct(q.detected / q.prs)}`,
      pm: `sequential misses: ${misses(q.plantedStates)}`
    })
  }
  if (aa) {
    const k = aa.ktstr
    const q = aa.sequential
    add(
      `per-row A/A regression rate, CV/gate ≤ 2 — ktstr N=${kn}`,
      rate(k.regressionsCvGate2, k.rowsCvGate2, 3),
      'anchor ≤ ≈ 2 %'
    )
    add(`  … CV/gate in (1, 2] — ktstr N=${kn}`, rate(k.regressionsCvGate12, k.rowsCvGate12, 3))
    const r = rate(q.regressionsCvGate2, q.rowsCvGate2, 3)
    add('per-row A/A regression rate, CV/gate ≤ 2 — sequential', r, '≤ 0.05 %', status(r.p <= ROW_AA_TARGET))
    add('  … CV/gate in (1, 2] — sequential', rate(q.regressionsCvGate12, q.rowsCvGate12, 3))
    const runs = q.headRuns / q.tests
    add(`mean HEAD runs per test — ktstr N=${kn}`, plain((k.headRuns / k.tests).toFixed(2)))
    add(
      'mean HEAD runs per test (A/A) — sequential',
      plain(runs.toFixed(2), abRuns(ab?.sequential)),
      '≤ 9',
      status(runs <= HEAD_RUNS_TARGET)
    )
    add(
      `KVM runs per PR (suite-equivalents, both sides) — ktstr N=${kn}`,
      plain((k.suiteEquivalents / k.prs).toFixed(1)),
      'anchor 10'
    )
    const kvm = q.suiteEquivalents / q.prs
    add(
      'KVM runs per PR, warm baseline (suite-equivalents, simulated) — sequential',
      plain(kvm.toFixed(2), `${(q.invocations / q.prs).toFixed(1)} cargo ktstr test invocations (filtered)`),
      '≤ 10',
      status(kvm <= KVM_PR_TARGET)
    )
    add('  … A/A PRs with an inconclusive row — sequential', rate(q.prsWithInconclusive, q.prs))
  }
  if (drift) {
    const k = drift.ktstr
    const q = drift.sequential
    const shift = `${Math.round(sim.config.hostShift * 100)} %`
    add(
      `drifted host (${shift}), PR fails at ft 1 — ktstr N=${kn} (both sides fresh)`,
      rate(k.failAt1, k.prs)
    )
    const f = rate(q.failAt1, q.prs)
    const ok = f.p <= AA_PR_TARGET
    add(
      `drifted host (${shift}) vs cached baseline, PR fails at ft 1 — sequential with the sentinel`,
      f,
      '≤ 0.5 %',
      ok ? 'met' : 'missed'
    )
    add('  … PRs whose sentinel dropped cached runs: drifted / A/A', {
      value: `${fmtPct(q.prsWithSentinelDrop / q.prs)} / ${aa ? fmtPct(aa.sequential.prsWithSentinelDrop / aa.sequential.prs) : '—'}`,
      pm: `tests dropped per PR: ${(q.sentinelDrops / q.prs).toFixed(2)} / ${aa ? (aa.sequential.sentinelDrops / aa.sequential.prs).toFixed(2) : '—'}; KVM runs per drifted PR ${(q.suiteEquivalents / q.prs).toFixed(2)}`
    })
  }
  return out
}

function misses(states: Record<string, number>): string {
  const m = Object.entries(states).filter(([s]) => s !== 'regression')
  return m.length ? m.map(([s, n]) => `${n} ${s}`).join(', ') : 'none'
}

function abRuns(t: Tally | undefined): string {
  return t ? `A/B PRs: ${(t.headRuns / t.tests).toFixed(2)}` : ''
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
    const n = c.noise
    lines.push(
      `simulator: ${c.tests} tests × 28 template metrics per PR, CV ${n.cvMin * 100}–${n.cvMax * 100} % ` +
        `(${n.tails.join('/')}), drift sd ${n.driftSd * 100} %/job, outlier sidecar ${n.outlierProb * 100} % ` +
        `(${n.outlierCvs.join('–')} CV); PRs: ${c.prs.aa} A/A, ${c.prs.ab} A/B, ${c.prs.drift} drifted host; ` +
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
