/**
 * Waivers (pure): which regressions are accepted, and whether that turns a failing gate into a pass.
 *
 * Two kinds, applied after gating:
 * - **accept entries** (the project's accept file): a named (test, metric) regression is accepted
 *   for good up to `max_percent`. Accepted rows stay regressions in the report but are not counted
 *   toward fail-threshold and do not trip must-fail; a larger regression is not accepted. Tripped
 *   PerfDeltaAssertions are the test's own declaration and are never accepted by an entry.
 * - **the accept label**: a maintainer's PR label accepts everything that failed the gate on the
 *   head SHA it was applied to (count, must-fail and assertions alike), for that SHA only.
 *   Whether the label holds is decided here from facts the GitHub layer looked up
 *   (src/github/waiver.ts); see `labelStatus`.
 */
import { redecide } from './gate.js'
import type { Comparison, ComparisonRow, Waiver } from './types.js'

/** One accept entry: a (test, metric) regression the project accepts for good, up to a bound. */
export interface AcceptEntry {
  /** A test name (every topology / work type of it) or a row key (`test/topology/work_type`). */
  test: string
  metric: string
  /** Largest accepted regression, in percent of the baseline: accepted when |Δ %| ≤ this. */
  maxPercent: number
  /** Why the project accepts it (shown with the waiver), if given. */
  reason: string | null
}

/** The accept entries of one file. */
export interface AcceptList {
  /** The file, as given (`--accept` / `accept-file`). */
  source: string
  entries: AcceptEntry[]
}

/** A login's permission on the repository (REST `role_name`, lower-cased). */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

/** What the GitHub layer found out about the accept label on this PR. */
export interface LabelFacts {
  label: string
  /** The head SHA this run gates. */
  headSha: string
  /** The label's latest `labeled` / `unlabeled` event (GitHub's record, GitHub's clock); null: never applied. */
  last: { event: 'labeled' | 'unlabeled'; id: number; actor: string } | null
  /** Repository permission of `last.actor`; null when not looked up. */
  permission: Permission | null
  /** This run was triggered by applying the label (`pull_request` `labeled`): its sender and head SHA. */
  trigger: { sender: string; headSha: string } | null
  /** The acceptance the bot recorded in its own sticky comment on an earlier run, if any. */
  record: AcceptRecord | null
}

/** What the bot records in its comment when the label accepted a head: only the bot writes it. */
export interface AcceptRecord {
  label: string
  sha: string
  /** Id of the `labeled` event that was accepted. */
  eventId: number
  by: string
}

export type LabelStatus =
  | { state: 'absent' }
  | { state: 'accepted'; by: string; eventId: number; how: 'trigger' | 'record' }
  | { state: 'denied'; by: string; why: string }
  | { state: 'stale'; by: string; appliedTo: string | null; why: string }

const WRITE: readonly Permission[] = ['admin', 'maintain', 'write']

/**
 * Whether the accept label holds for `facts.headSha`. It does when the label is on the PR (its
 * latest event is `labeled`), whoever applied it last has write, maintain or admin permission, and
 * that labelling is bound to this head SHA: either this very run was triggered by it (GitHub's
 * `labeled` payload carries the head SHA at labelling time, and this run gates exactly that
 * head), or the bot recorded, on the run that labelling triggered, that it accepted this SHA for
 * this event. A push makes a new head SHA, which no labelling is bound to: the label is stale
 * until a maintainer applies it again. Commit dates (forgeable by the PR author) are never used.
 */
export function labelStatus(f: LabelFacts): LabelStatus {
  const last = f.last
  if (!last || last.event !== 'labeled') return { state: 'absent' }
  const by = last.actor
  if (!f.permission || !WRITE.includes(f.permission))
    return {
      state: 'denied',
      by,
      why: `label ${f.label} was applied by @${by}, who has ${f.permission ?? 'unknown'} permission on this repository; only write, maintain or admin can accept a regression`
    }
  if (f.trigger && f.trigger.sender === by && f.trigger.headSha === f.headSha)
    return { state: 'accepted', by, eventId: last.id, how: 'trigger' }
  const r = f.record
  const recordFits = r !== null && r.label === f.label && r.eventId === last.id && r.by === by
  if (recordFits && r.sha === f.headSha) return { state: 'accepted', by, eventId: last.id, how: 'record' }
  const appliedTo = recordFits ? r.sha : null
  return {
    state: 'stale',
    by,
    appliedTo,
    why: `label ${f.label} (applied by @${by}) was applied to ${appliedTo ? appliedTo.slice(0, 7) : 'an earlier head'}, not to HEAD ${f.headSha.slice(0, 7)}: it holds only for the head it was applied to — remove it and apply it again to accept this head`
  }
}

/** Whether an accept entry names a row. */
export function entryMatches(e: AcceptEntry, r: Pick<ComparisonRow, 'test' | 'key' | 'metric'>): boolean {
  return e.metric === r.metric && (e.test === r.test || e.test === r.key)
}

/** The regression rows an accept list accepts, and a notice for each named one beyond its bound. */
export function acceptedByList(
  rows: readonly ComparisonRow[],
  list: AcceptList
): { accepted: ComparisonRow[]; beyond: string[] } {
  const accepted: ComparisonRow[] = []
  const beyond: string[] = []
  for (const r of rows) {
    if (r.verdict !== 'regression') continue
    const named = list.entries.filter((e) => entryMatches(e, r))
    if (named.length === 0) continue
    const pct = r.relDelta !== null ? Math.abs(r.relDelta) * 100 : Infinity
    const bound = Math.max(...named.map((e) => e.maxPercent))
    if (pct <= bound) accepted.push(r)
    else
      beyond.push(
        `${r.key} ${r.metric} regressed ${Number.isFinite(pct) ? `${pct.toFixed(1)} %` : 'from a zero baseline'}, beyond the ${bound} % its accept entry in ${list.source} allows: not accepted`
      )
  }
  return { accepted, beyond }
}

/** What the waiver step knows: the accept list, and the label's status for this head. */
export interface WaiverInput {
  accept?: AcceptList | null
  label?: { name: string; headSha: string; status: LabelStatus } | null
}

/**
 * Applies the waivers to a gated comparison (pure; returns a new Comparison). Only a `pass` or
 * `fail` verdict is touched. Accept entries first: their rows leave the count and must-fail and
 * the verdict is decided again. Then, if the gate still fails and the label holds for this head,
 * the failure is accepted: verdict `pass`, a `label` waiver listing the rows and assertions that
 * failed it, and reasons that say so. A stale or denied label leaves the failure and says why.
 */
export function applyWaivers(c: Comparison, w: WaiverInput): Comparison {
  if (c.verdict !== 'pass' && c.verdict !== 'fail') return c
  const out: Comparison = {
    ...c,
    reasons: [...c.reasons],
    notices: [...c.notices],
    waivers: [...(c.waivers ?? [])]
  }
  const key = (r: ComparisonRow) => `${r.key}\u0000${r.metric}`
  let waived = new Set<string>()
  if (w.accept && w.accept.entries.length > 0) {
    const { accepted, beyond } = acceptedByList(c.rows, w.accept)
    out.notices.push(...beyond)
    if (accepted.length > 0) {
      waived = new Set(accepted.map(key))
      const d = redecide(
        c,
        c.rows.filter((r) => !waived.has(key(r)))
      )
      out.verdict = d.verdict
      out.reasons = [
        // What decide() says of the rows left counted: never "no regressions" beside accepted ones.
        ...d.reasons.map((r) => (r === 'no regressions' ? 'no other regressions' : r)),
        `${accepted.length} regression${accepted.length === 1 ? '' : 's'} accepted by the accept entries in ${w.accept.source} (not counted)`
      ]
      out.waivers!.push({
        via: 'policy',
        by: null,
        source: w.accept.source,
        headSha: null,
        rows: accepted.map((r) => ({ key: r.key, metric: r.metric }))
      })
    }
  }
  const label = w.label
  if (out.verdict === 'fail' && label) {
    const s = label.status
    if (s.state === 'accepted') {
      const rows = c.rows.filter((r) => r.verdict === 'regression' && !waived.has(key(r)))
      const tripped = c.assertions.filter((a) => a.tripped)
      const waiver: Waiver = {
        via: 'label',
        by: s.by,
        source: label.name,
        headSha: label.headSha,
        rows: rows.map((r) => ({ key: r.key, metric: r.metric }))
      }
      if (tripped.length > 0)
        waiver.assertions = tripped.map((a) => ({ key: a.key, metric: a.metric, name: a.name }))
      out.waivers!.push(waiver)
      out.reasons = [
        `failure accepted by @${s.by} (label ${label.name}) for head ${label.headSha.slice(0, 7)}`,
        ...out.reasons.map((r) => `accepted: ${r}`)
      ]
      out.verdict = 'pass'
    } else if (s.state === 'stale' || s.state === 'denied') out.notices.push(`${s.why}; the gate fails`)
  }
  if (out.waivers!.length === 0) delete out.waivers
  return out
}

/** True when a label waiver turned a failing gate into a pass. */
export function acceptedByLabel(c: Comparison): boolean {
  return (c.waivers ?? []).some((w) => w.via === 'label')
}

/**
 * A report whose label waiver could not be confirmed (mode comment posts reports of fork runs,
 * which the PR's code wrote): the waiver is dropped and the failure it claimed to accept restored,
 * with the reason first. Pure; returns a new Comparison.
 */
export function refuteLabelWaiver(c: Comparison, why: string): Comparison {
  if (!acceptedByLabel(c)) return c
  const waivers = (c.waivers ?? []).filter((w) => w.via !== 'label')
  const reasons = c.reasons
    .filter((r) => !r.startsWith('failure accepted by @'))
    .map((r) => r.replace(/^accepted: /, ''))
  const out: Comparison = { ...c, verdict: 'fail', reasons: [why, ...reasons] }
  if (waivers.length > 0) out.waivers = waivers
  else delete out.waivers
  return out
}
