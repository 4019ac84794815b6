#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { constants } from 'node:os'
import * as cache from './cache.js'
import { doctor, formatChecks } from './doctor.js'
import { AgentError, Cancelled } from './errors.js'
import { acquireHostLock, defaultLockFile } from './lock.js'
import { DEFAULT_INFRA_PATTERNS, produce } from './produce.js'
import { splitCommand } from './proc.js'
import { killActiveGroups } from './runner.js'
import { AGENT_VERSION } from './version.js'

const env = process.env
const DEFAULT_KTSTR = env.KTSTR_AGENT_KTSTR_COMMAND || 'cargo ktstr'
const DEFAULT_OUT = join(env.CARGO_TARGET_DIR || 'target', 'ktstr')
const DEFAULT_SCRATCH = env.KTSTR_AGENT_SCRATCH || join(tmpdir(), 'ktstr-agent-work')

function int(min: number) {
  return (v: string): number => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer >= ${min}`)
    return n
  }
}

function num(min: number) {
  return (v: string): number => {
    const n = Number(v)
    if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`expected a number >= ${min}`)
    return n
  }
}

function regex(v: string, prev: RegExp[] | undefined): RegExp[] {
  try {
    return [...(prev ?? []), new RegExp(v)]
  } catch (e) {
    throw new InvalidArgumentError(`not a regular expression: ${(e as Error).message}`)
  }
}

function ktstrCommand(text: string): string[] {
  const argv = splitCommand(text)
  if (argv.length === 0)
    throw new AgentError('--ktstr-command is empty; give the ktstr command, e.g. "cargo ktstr"', 2)
  return argv
}

function say(line: string): void {
  process.stderr.write(`ktstr-agent: ${line}\n`)
}

let debug = false

const program = new Command('ktstr-agent')
  .description('Produces interleaved ktstr performance runs on a KVM host for ktstr-perf-gate.')
  .version(AGENT_VERSION, '-V, --version')
  .option('--debug', 'print stack traces for errors')
  .on('option:debug', () => (debug = true))
  .exitOverride()
  .configureOutput({ outputError: (s, write) => write(s) })
  .showHelpAfterError('(run with --help for usage)')

program
  .command('doctor')
  .description(
    'check that this host can produce trustworthy runs (one line per check, with a fix); exit 1 when it cannot'
  )
  .option('--json', 'print the checks as JSON')
  .option('--ktstr-command <cmd>', 'ktstr command (split on spaces, no shell)', DEFAULT_KTSTR)
  .option('--out <dir>', 'pool root that produce would write', DEFAULT_OUT)
  .option('--scratch <dir>', 'scratch directory for checkouts', DEFAULT_SCRATCH)
  .option(
    '--kvm-device <path>',
    'KVM device to check (env KTSTR_AGENT_KVM_DEVICE)',
    env.KTSTR_AGENT_KVM_DEVICE || '/dev/kvm'
  )
  .option('--min-free-gib <n>', 'free disk space required', num(0), 5)
  .action(
    async (o: {
      json?: boolean
      ktstrCommand: string
      out: string
      scratch: string
      kvmDevice: string
      minFreeGib: number
    }) => {
      const checks = await doctor({
        kvmDevice: o.kvmDevice,
        ktstr: ktstrCommand(o.ktstrCommand),
        runsRoot: o.out,
        scratch: o.scratch,
        sysfs: env.KTSTR_AGENT_SYSFS || '/sys',
        env,
        minFreeBytes: o.minFreeGib * 1024 ** 3
      })
      const canProduce = checks.every((c) => c.status !== 'fail')
      if (o.json) process.stdout.write(JSON.stringify({ ok: canProduce, checks }, null, 2) + '\n')
      else {
        process.stdout.write(formatChecks(checks) + '\n')
        process.stdout.write(
          canProduce
            ? 'this host can produce runs\n'
            : 'this host cannot produce runs: fix the FAIL lines above\n'
        )
      }
      process.exitCode = canProduce ? 0 : 1
    }
  )

interface ProduceFlags {
  repo: string
  base?: string
  head?: string
  kernel: string
  runs?: number
  add?: number
  deep?: number
  sentinel?: number
  cacheHead?: boolean
  filter?: string
  out: string
  ktstrCommand: string
  runTimeout: number
  killGrace: number
  retries: number
  lockFile: string
  lockTimeout?: number
  scratch: string
  cache: boolean
  cacheStore: boolean
  cacheDir: string
  cacheMaxBytes: number
  cacheMaxAgeDays: number
  infraPattern?: RegExp[]
  allowUntrusted?: boolean
  json?: boolean
  quiet?: boolean
}

program
  .command('produce')
  .description(
    'run `cargo ktstr test` N times per side, interleaved (base, head, base, …), into a ktstr-layout pool ' +
      '{out}/{kernel}-{commit7}/run-i/ with a manifest.json per run; only missing runs are produced'
  )
  .option('--repo <dir>', 'the scheduler repository (a git checkout)', '.')
  .option('--base <sha>', 'baseline commit (side A)')
  .option('--head <sha>', 'candidate commit (side B)')
  .requiredOption('--kernel <k>', 'kernel passed to `cargo ktstr test --kernel`')
  .option('--runs <n>', 'runs wanted per side (existing finished runs count)', int(1))
  .option(
    '--add <n>',
    'runs to add per side on top of the finished ones (a top-up; instead of --runs)',
    int(1)
  )
  .option(
    '--deep <n>',
    'a deep baseline: the host cache may fill the baseline up to n runs (beyond --runs; never produced)',
    int(1)
  )
  .option(
    '--sentinel <n>',
    'at least n baseline runs made fresh in this call, interleaved with HEAD’s, however many the cache or pool holds (with --runs)',
    int(0)
  )
  .option(
    '--cache-head',
    'store the HEAD runs in the host cache too (a push to the default branch recording the baseline of later pull requests)'
  )
  .option('--filter <expr>', 'nextest filterset passed as `-- -E <expr>`')
  .option('--out <dir>', 'pool root (ktstr runs root layout)', DEFAULT_OUT)
  .option(
    '--ktstr-command <cmd>',
    'ktstr command, `test …` is appended (split on spaces, no shell)',
    DEFAULT_KTSTR
  )
  .option(
    '--run-timeout <s>',
    'seconds before a run is stopped (counts as an infrastructure failure)',
    num(0.01),
    3600
  )
  .option('--kill-grace <s>', 'seconds between SIGTERM and SIGKILL of a run’s process group', num(0), 5)
  .option(
    '--retries <n>',
    'retries of a run whose guest or host resources failed (transient; never a test failure, never a /dev/kvm fault)',
    int(0),
    2
  )
  .option('--lock-file <path>', 'host lock file (env KTSTR_AGENT_LOCK_FILE)', defaultLockFile())
  .option(
    '--lock-timeout <s>',
    'give up waiting for the host lock after this many seconds (default: wait)',
    num(0)
  )
  .option('--scratch <dir>', 'where checkouts are made (env KTSTR_AGENT_SCRATCH)', DEFAULT_SCRATCH)
  .option('--no-cache', 'neither read nor fill the host cache of baseline runs')
  .option(
    '--no-cache-store',
    'read the host cache but add nothing to it (for fork pull requests; runs made with --allow-untrusted code are never stored)'
  )
  .option('--cache-dir <dir>', 'host cache root (env KTSTR_AGENT_CACHE_DIR)', cache.defaultCacheDir())
  .option('--cache-max-bytes <n>', 'cache size limit', int(0), cache.DEFAULT_MAX_BYTES)
  .option(
    '--cache-max-age-days <n>',
    'drop cache entries unused for longer',
    num(0),
    cache.DEFAULT_MAX_AGE_DAYS
  )
  .addOption(
    new Option(
      '--infra-pattern <regex>',
      'output of a failed run that marks a transient guest failure (repeatable; replaces ktstr’s real messages)'
    ).argParser(regex)
  )
  .option('--allow-untrusted', 'run commits that are on none of the repository’s branches (fork PR code)')
  .option('--json', 'print the result as JSON on stdout')
  .option('--quiet', 'do not echo the runs’ own output')
  .action(async (o: ProduceFlags) => {
    const ac = new AbortController()
    let signals = 0
    const onSignal = (sig: NodeJS.Signals): void => {
      signals++
      if (signals > 1) {
        say(
          `${sig} again: killing the run and exiting now (checkouts may be left for the next produce to prune)`
        )
        killActiveGroups()
        process.exit(128 + constants.signals[sig])
      }
      say(`${sig}: stopping the run, removing checkouts, releasing the host lock`)
      ac.abort(sig)
    }
    if ((o.runs === undefined) === (o.add === undefined))
      throw new AgentError(
        'produce needs exactly one of --runs N (runs wanted per side) or --add N (runs to add)',
        2
      )
    process.on('SIGTERM', onSignal)
    process.on('SIGINT', onSignal)
    try {
      const r = await produce({
        repo: o.repo,
        base: o.base,
        head: o.head,
        kernel: o.kernel,
        runs: o.runs ?? 0,
        ...(o.add !== undefined ? { add: o.add } : {}),
        ...(o.deep !== undefined ? { deep: o.deep } : {}),
        ...(o.sentinel !== undefined ? { sentinel: o.sentinel } : {}),
        ...(o.cacheHead ? { cacheHead: true } : {}),
        filter: o.filter,
        out: o.out,
        ktstr: ktstrCommand(o.ktstrCommand),
        runTimeoutSec: o.runTimeout,
        graceSec: o.killGrace,
        retries: o.retries,
        lockFile: o.lockFile,
        lockTimeoutSec: o.lockTimeout,
        scratch: o.scratch,
        cacheDir: o.cache ? o.cacheDir : null,
        cacheStore: o.cacheStore,
        cacheMaxBytes: o.cacheMaxBytes,
        cacheMaxAgeDays: o.cacheMaxAgeDays,
        infraPatterns: o.infraPattern ?? DEFAULT_INFRA_PATTERNS,
        allowUntrusted: o.allowUntrusted ?? false,
        signal: ac.signal,
        log: say,
        childOutput: o.quiet ? undefined : (chunk) => process.stderr.write(chunk)
      })
      if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n')
      else {
        const sides = r.sides.map(
          (s) =>
            `${s.side} ${s.short} ${s.runs} run(s) (${s.existing} already there, ${s.fromCache} from cache, ${s.produced} produced${s.testFailures ? `, ${s.testFailures} with failed tests` : ''})`
        )
        process.stdout.write(`pool ${r.pool}: ${sides.join('; ')}\n`)
      }
    } finally {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
    }
  })

const cacheCmd = program.command('cache').description('the host cache of produced baseline runs')

cacheCmd
  .command('ls')
  .description('list cache entries (commit, kernel, ktstr version, runs, size, last use)')
  .option('--cache-dir <dir>', 'host cache root', cache.defaultCacheDir())
  .option('--json', 'print JSON')
  .action(async (o: { cacheDir: string; json?: boolean }) => {
    const entries = await cache.list(o.cacheDir)
    if (o.json) {
      process.stdout.write(JSON.stringify(entries, null, 2) + '\n')
      return
    }
    if (entries.length === 0) process.stdout.write(`no cache entries in ${o.cacheDir}\n`)
    for (const e of entries) {
      if (!e.entry) process.stdout.write(`${e.key}  CORRUPT: ${e.problem} (cache gc removes it)\n`)
      else
        process.stdout.write(
          `${e.key}  ${e.entry.commit.slice(0, 7)}  kernel ${e.entry.kernel}  ${e.entry.ktstrVersion}  host ${e.entry.hostFingerprint}  ` +
            `${e.entry.runs.length} run(s)  ${(e.entry.bytes / 1024).toFixed(1)} KiB  last used ${e.entry.lastUsedAt}\n`
        )
    }
  })

cacheCmd
  .command('gc')
  .description(
    'remove corrupt entries, entries unused for too long, then the least recently used over the size limit'
  )
  .option('--cache-dir <dir>', 'host cache root', cache.defaultCacheDir())
  .option('--max-bytes <n>', 'size limit', int(0), cache.DEFAULT_MAX_BYTES)
  .option('--max-age-days <n>', 'age limit (since last use)', num(0), cache.DEFAULT_MAX_AGE_DAYS)
  .option('--lock-file <path>', 'host lock file (gc waits for a running produce)', defaultLockFile())
  .option('--json', 'print JSON')
  .action(
    async (o: {
      cacheDir: string
      maxBytes: number
      maxAgeDays: number
      lockFile: string
      json?: boolean
    }) => {
      const lock = await acquireHostLock({ file: o.lockFile, what: 'cache gc', onWait: say })
      try {
        const r = await cache.gc(o.cacheDir, { maxBytes: o.maxBytes, maxAgeDays: o.maxAgeDays })
        if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n')
        else {
          for (const x of r.removed) process.stdout.write(`removed ${x.key}: ${x.reason}\n`)
          process.stdout.write(
            `kept ${r.kept} entr${r.kept === 1 ? 'y' : 'ies'}, ${(r.bytes / 1024).toFixed(1)} KiB\n`
          )
        }
      } finally {
        await lock.release()
      }
    }
  )

async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv)
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2
      return
    }
    if (e instanceof Cancelled) {
      say(`${e.message}; checkouts removed, host lock released`)
      process.exitCode = 128 + constants.signals[e.signal]
      return
    }
    if (e instanceof AgentError) {
      say(e.message)
      if (debug && e.stack) process.stderr.write(e.stack + '\n')
      process.exitCode = e.exitCode
      return
    }
    say(`internal error: ${(e as Error).message} (rerun with --debug for the stack)`)
    if (debug) process.stderr.write(`${(e as Error).stack}\n`)
    process.exitCode = 1
  }
}

void main(process.argv)
