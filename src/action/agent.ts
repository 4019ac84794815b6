import { getExecOutput } from '@actions/exec'
import { childEnv } from '../core/child-env.js'
import { UsageError } from '../core/errors.js'
import { terminalText } from '../report/escape.js'
import { inGroup, type Log } from './log.js'

/** What the Action asks of `ktstr-agent` on the runner. */
export interface Agent {
  /** `ktstr-agent doctor --json --out <pool>`: can this host produce into that pool, and if not, why (one line). */
  doctor(out: string): Promise<{ ok: boolean; why: string | null }>
  produce(o: {
    base?: string
    head?: string
    kernel: string
    /** Runs wanted per side (finished runs in the pool count towards it). */
    runs: number
    out: string
    /** Top-up: add this many runs per side on top of those in the pool (`--add`), instead of `runs`. */
    add?: number
    /** A nextest filterset replacing input filter (the top-up's exact test names). */
    filter?: string
    /** A deep baseline: the host cache may fill the baseline up to this many runs (`--deep`; not with add). */
    deep?: number
    /** Fresh baseline runs beside HEAD's however many are cached (`--sentinel`; not with add). */
    sentinel?: number
    /** Keep HEAD's runs in the agent's host cache too (`--cache-head`: a push recording a baseline). */
    cacheHead?: boolean
  }): Promise<{ nothingToCompare: boolean }>
}

export interface AgentOptions {
  /** The command (split on spaces, no shell), e.g. `ktstr-agent` or `node /opt/ktstr-agent.js`. */
  command: string
  repo: string
  filter: string
  allowUntrusted: boolean
  /**
   * false: the agent must add nothing to its host cache (`--no-cache-store`): a fork pull request's
   * runs, whatever side, are never samples other pull requests rely on.
   */
  cacheStore: boolean
  log: Log
  env?: NodeJS.ProcessEnv
  /** Values the agent (and the code under test it runs) must never see, e.g. the github-token input. */
  secrets?: readonly string[]
}

/** The runner agent driven through @actions/exec; its progress lines stream into the job log. */
export function execAgent(o: AgentOptions): Agent {
  const [cmd, ...pre] = o.command.split(/\s+/).filter(Boolean)
  if (!cmd) throw new UsageError('input agent is empty', 'give the ktstr-agent command, e.g. ktstr-agent')
  // The agent runs `cargo ktstr test`, i.e. the pull request's code: no token, no INPUT_*/ACTIONS_*.
  const { env, dropped } = childEnv(o.env ?? process.env, { secrets: o.secrets })
  if (dropped.length > 0) o.log.debug(`ktstr-agent environment: left out ${dropped.join(', ')}`)
  const run = (args: string[], quiet: boolean) =>
    getExecOutput(cmd, [...pre, ...args], {
      ignoreReturnCode: true,
      silent: quiet,
      env
    }).catch((e: Error) => {
      throw new UsageError(
        `cannot run ${o.command}: ${e.message}`,
        'install ktstr-agent on this runner (see runner-agent/README.md) or set input agent'
      )
    })
  return {
    async doctor(out) {
      const r = await run(['doctor', '--json', '--out', out], true)
      try {
        const j = JSON.parse(r.stdout) as {
          ok: boolean
          checks?: { status: string; name?: string; detail?: string; fix?: string | null }[]
        }
        const bad = (j.checks ?? [])
          .filter((c) => c.status === 'fail')
          .map((c) => `${c.name}: ${c.detail}${c.fix ? ` (fix: ${c.fix})` : ''}`)
        return {
          ok: j.ok && r.exitCode === 0,
          why: j.ok ? null : bad.join('; ') || 'ktstr-agent doctor failed'
        }
      } catch {
        return {
          ok: false,
          why: `ktstr-agent doctor exited ${r.exitCode}: ${r.stderr.trim().split('\n').pop() ?? ''}`
        }
      }
    },
    async produce(p) {
      const args = [
        'produce',
        '--repo',
        o.repo,
        '--kernel',
        p.kernel,
        ...(p.add ? ['--add', String(p.add)] : ['--runs', String(p.runs)]),
        '--out',
        p.out,
        '--json',
        '--quiet'
      ]
      if (p.base) args.push('--base', p.base)
      if (p.head) args.push('--head', p.head)
      if (!p.add && p.base && p.deep && p.deep > p.runs) args.push('--deep', String(p.deep))
      if (!p.add && p.base && p.head && p.sentinel) args.push('--sentinel', String(p.sentinel))
      if (p.cacheHead && p.head && !p.base) args.push('--cache-head')
      const filter = p.filter ?? o.filter
      // One argv element, never a shell: the filter reaches nextest as `-E <filter>` unchanged.
      if (filter) args.push('--filter', filter)
      if (o.allowUntrusted) args.push('--allow-untrusted')
      if (!o.cacheStore) args.push('--no-cache-store')
      const title = p.add
        ? `ktstr-agent produce: +${p.add} run(s) per side (${p.base ? 'baseline and HEAD' : 'HEAD'}), kernel ${p.kernel}`
        : `ktstr-agent produce: ${p.runs} run(s) per side, kernel ${p.kernel}`
      // With groups, the group's title is the line; without (tests' logs), a line of its own.
      if (!o.log.group) o.log.info(title)
      // Progress lines (one per run, with the time left) stream into a collapsible group of the job
      // log, with workflow commands off: they name tests of the code under test. stdout ends with
      // the JSON result.
      const r = await inGroup(o.log, title, () =>
        o.log.inert(() =>
          getExecOutput(cmd, [...pre, ...args], {
            ignoreReturnCode: true,
            silent: false,
            env
          })
        )
      )
      if (r.exitCode !== 0) {
        // The failing run's last lines, outside the collapsed group, so the reason is in sight.
        const failed = failedRunOutput(r.stderr)
        if (failed)
          await o.log.inert(() => {
            o.log.info(`${failed.header}`)
            for (const l of failed.lines) o.log.info(`  ${l}`)
          })
        throw new UsageError(
          `ktstr-agent produce exited ${r.exitCode}: ${r.stderr.trim().split('\n').pop() ?? ''}`,
          'run `ktstr-agent doctor` on the runner; the runs that did finish are kept in the pool'
        )
      }
      try {
        return {
          nothingToCompare: !!(JSON.parse(r.stdout) as { nothingToCompare?: boolean }).nothingToCompare
        }
      } catch {
        return { nothingToCompare: false }
      }
    }
  }
}

/**
 * The last output block a failing produce printed (with --quiet the agent shows a failing run's
 * last lines under `ktstr-agent: <run>: last N line(s) of its output:`, each line as
 * `ktstr-agent: | <line>`): its header and lines, or null when there is none.
 */
export function failedRunOutput(stderr: string): { header: string; lines: string[] } | null {
  const all = stderr.split(/\r?\n/)
  let at = -1
  for (let i = all.length - 1; i >= 0 && at < 0; i--)
    if (/^ktstr-agent: .+: last \d+ line\(s\) of its output:$/.test(all[i]!)) at = i
  if (at < 0) return null
  // Only the block of the run the produce failed on (its error line names the run), not an
  // earlier run's that was kept.
  const label = /^ktstr-agent: (.+): last \d+ line/.exec(all[at]!)![1]!
  const last = all.filter((l) => l.trim() !== '').at(-1) ?? ''
  if (!last.startsWith(`ktstr-agent: ${label}`)) return null
  const lines: string[] = []
  for (const l of all.slice(at + 1)) {
    const m = /^ktstr-agent: \| (.*)$/.exec(l)
    if (!m) break
    lines.push(terminalText(m[1]!, 1000))
  }
  return { header: terminalText(all[at]!.replace(/^ktstr-agent: /, 'ktstr-agent: failed '), 300), lines }
}
