import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { allowedName, childEnv, PASS_ENV } from '../../src/core/child-env.js'

// What a GitHub runner hands a node action's step (the names are the runner's own).
const RUNNER_ENV = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/runner',
  USER: 'runner',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  TMPDIR: '/tmp',
  TERM: 'xterm',
  https_proxy: 'http://proxy:3128',
  NO_PROXY: 'localhost',
  'INPUT_GITHUB-TOKEN': 'ghs_writeToken1234567890',
  INPUT_KERNEL: '6.14.2',
  ACTIONS_RUNTIME_TOKEN: 'eyJhbGciOi.runtime',
  ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
  GITHUB_TOKEN: 'ghs_writeToken1234567890',
  GH_TOKEN: 'ghp_pat',
  GITHUB_ENV: '/home/runner/work/_temp/_runner_file_commands/set_env_1',
  GITHUB_OUTPUT: '/home/runner/work/_temp/_runner_file_commands/set_output_1',
  GITHUB_SHA: 'abc',
  RUNNER_TEMP: '/home/runner/work/_temp',
  MY_DEPLOY_PAT: 'ghp_deploy',
  KTSTR_AGENT_LOCK_FILE: '/var/lock/ktstr.lock',
  KTSTR_LOCK_DIR: '/var/lock',
  KTSTR_AGENT_SYSFS: '/sys',
  KTSTR_STANDIN_STATE_DIR: '/tmp/s',
  CARGO_HOME: '/home/runner/.cargo',
  CARGO_TARGET_DIR: '/tmp/target',
  CARGO_REGISTRY_TOKEN: 'cio_registry',
  RUSTUP_TOOLCHAIN: 'stable',
  RUSTFLAGS: '-C target-cpu=native',
  RUSTC_WRAPPER: 'sccache',
  CC: 'clang',
  NODE_OPTIONS: '--require /tmp/x.js'
}

describe('childEnv: the allow-listed environment of the agent and of cargo ktstr', () => {
  test('keeps what ktstr, cargo and rustup need, drops every credential and the runner’s file commands', () => {
    const { env, dropped } = childEnv(RUNNER_ENV, { secrets: ['ghs_writeToken1234567890'] })
    assert.deepEqual(Object.keys(env).sort(), [
      'CARGO_HOME',
      'CARGO_TARGET_DIR',
      'CC',
      'HOME',
      'KTSTR_AGENT_LOCK_FILE',
      'KTSTR_AGENT_SYSFS',
      'KTSTR_LOCK_DIR',
      'KTSTR_STANDIN_STATE_DIR',
      'LANG',
      'LC_ALL',
      'NO_PROXY',
      'PATH',
      'RUSTC_WRAPPER',
      'RUSTFLAGS',
      'RUSTUP_TOOLCHAIN',
      'TERM',
      'TMPDIR',
      'USER',
      'https_proxy'
    ])
    for (const k of [
      'INPUT_GITHUB-TOKEN',
      'INPUT_KERNEL',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_RESULTS_URL',
      'GITHUB_TOKEN',
      'GH_TOKEN',
      'GITHUB_ENV',
      'GITHUB_OUTPUT',
      'CARGO_REGISTRY_TOKEN',
      'MY_DEPLOY_PAT',
      'NODE_OPTIONS'
    ])
      assert.ok(dropped.includes(k), k)
    assert.equal(env.KTSTR_AGENT_LOCK_FILE, '/var/lock/ktstr.lock', 'values pass unchanged')
  })

  test('a variable whose value holds a secret is dropped even when its name is allowed', () => {
    const token = 'ghs_writeToken1234567890'
    const { env, dropped } = childEnv(
      {
        KTSTR_LEAK: token,
        CARGO_NET_URL: `https://x-access-token:${token}@github.com/o/r`,
        KTSTR_OK: 'fine',
        PATH: '/bin'
      },
      { secrets: [token, undefined, ''] }
    )
    assert.deepEqual(env, { KTSTR_OK: 'fine', PATH: '/bin' })
    assert.deepEqual(dropped, ['CARGO_NET_URL', 'KTSTR_LEAK'])
    // A short "secret" matches only a whole value: it must not strip unrelated variables.
    assert.deepEqual(childEnv({ PATH: '/bin', KTSTR_X: 'ab' }, { secrets: ['b'] }).env, {
      PATH: '/bin',
      KTSTR_X: 'ab'
    })
  })

  test(`${PASS_ENV} adds names, but never a credential or a runner variable`, () => {
    const { env } = childEnv({
      [PASS_ENV]: 'SCCACHE_DIR, LIBBPF_DIR GITHUB_TOKEN INPUT_X MY_TOKEN',
      SCCACHE_DIR: '/c',
      LIBBPF_DIR: '/l',
      GITHUB_TOKEN: 't',
      INPUT_X: 'x',
      MY_TOKEN: 'm',
      OTHER: 'o'
    })
    assert.deepEqual(Object.keys(env).sort(), [PASS_ENV, 'LIBBPF_DIR', 'SCCACHE_DIR'])
    assert.equal(allowedName('OTHER'), false)
    assert.equal(allowedName('LC_CTYPE'), true)
  })
})
