import assert from 'node:assert/strict'
import { test } from 'node:test'
import { failedRunOutput } from '../../src/action/agent.js'
import { coreLog, inGroup, type Log } from '../../src/action/log.js'

/** Captures what @actions/core writes to stdout while `fn` runs. */
async function capture(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split(/\r?\n/).filter(Boolean))
    return true
  }) as typeof process.stdout.write
  try {
    await fn()
  } finally {
    process.stdout.write = write
  }
  return lines
}

test('inert output is fenced by stop-commands with a fresh token, even when it throws', async () => {
  const hostile = '::error title=forged::this test name is not an annotation'
  const lines = await capture(() => coreLog.inert(() => coreLog.info(hostile)))
  const start = /^::stop-commands::([0-9a-f-]{36})$/.exec(lines[0]!)
  assert.ok(start, lines[0])
  assert.equal(lines[1], hostile)
  assert.equal(lines[2], `::${start[1]}::`)

  const again = await capture(() => coreLog.inert(() => coreLog.info('x')))
  assert.notEqual(again[0], lines[0], 'a new token each time')

  const failing = await capture(async () => {
    await assert.rejects(
      coreLog.inert(() => {
        throw new Error('boom')
      }),
      /boom/
    )
  })
  assert.match(failing.at(-1)!, /^::[0-9a-f-]{36}::$/, 'commands are switched back on')
})

test('a group is ::group::<title> … ::endgroup::, closed even when it throws; the title is one plain line', async () => {
  const lines = await capture(() =>
    inGroup(coreLog, 'ktstr-agent produce: 5 run(s)\n::error::x', async () => coreLog.info('inside'))
  )
  assert.deepEqual(lines, ['::group::ktstr-agent produce: 5 run(s)\\n::error::x', 'inside', '::endgroup::'])
  const failing = await capture(async () => {
    await assert.rejects(
      inGroup(coreLog, 't', async () => {
        throw new Error('boom')
      }),
      /boom/
    )
  })
  assert.equal(failing.at(-1), '::endgroup::')
})

test('inGroup on a log without groups just runs the function', async () => {
  const seen: string[] = []
  const log: Log = {
    info: (l) => seen.push(l),
    debug: () => undefined,
    notice: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    inert: async (fn) => fn()
  }
  assert.equal(await inGroup(log, 'title', async () => (log.info('x'), 42)), 42)
  assert.deepEqual(seen, ['x'])
})

test('failedRunOutput: the failing run’s last lines from the agent’s stderr, not an earlier kept run’s', () => {
  const stderr = [
    'ktstr-agent: run 1/4 base 1a2b3c4 started',
    'ktstr-agent: run 1/4 base 1a2b3c4: last 2 line(s) of its output:',
    'ktstr-agent: | test sched_mixed_perf ... FAILED',
    'ktstr-agent: | error: 1 test failed',
    'ktstr-agent: run 1/4 base 1a2b3c4 test-failure (failed: sched_mixed_perf) 3.1 s',
    'ktstr-agent: run 2/4 head 5d6e7f8 started; ~9.3 s left (mean 3.1 s per run)',
    'ktstr-agent: run 2/4 head 5d6e7f8: last 3 line(s) of its output:',
    'ktstr-agent: | [    1.234] Kernel panic - not syncing: Attempted to kill init!',
    'ktstr-agent: | \u001b[31mguest crashed\u001b[0m',
    'ktstr-agent: | error: ktstr_test failed',
    'ktstr-agent: run 2/4 head 5d6e7f8 failed for infrastructure reasons 3 time(s): guest crashed',
    ''
  ].join('\n')
  assert.deepEqual(failedRunOutput(stderr), {
    header: 'ktstr-agent: failed run 2/4 head 5d6e7f8: last 3 line(s) of its output:',
    lines: [
      '[    1.234] Kernel panic - not syncing: Attempted to kill init!',
      '\\u{1b}[31mguest crashed\\u{1b}[0m',
      'error: ktstr_test failed'
    ]
  })
  // The produce failed after the kept run, for another reason (the lock): no output block shown.
  const lock = stderr.split('\n').slice(0, 6).join('\n') + '\nktstr-agent: host lock busy after 600 s\n'
  assert.equal(failedRunOutput(lock), null)
  assert.equal(failedRunOutput('ktstr-agent: cannot start cargo ktstr\n'), null)
})
