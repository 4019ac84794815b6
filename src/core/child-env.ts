/**
 * The environment that code we do not trust inherits: `ktstr-agent` started by the Action, and
 * `cargo ktstr test` started by the agent (which builds and runs the pull request's code: its
 * build.rs, its tests, its scheduler). An allow-list, not a deny-list: a runner's environment
 * holds credentials under names nobody can list in advance (INPUT_GITHUB-TOKEN,
 * ACTIONS_RUNTIME_TOKEN, a PAT in a workflow's `env:`), and the GITHUB_ENV / GITHUB_OUTPUT file
 * paths, through which a step's child could set the next steps' environment or forge outputs.
 *
 * Passed: what ktstr, cargo and rustup need (PATH, HOME, locale, temp dir, terminal, `KTSTR_*`,
 * `CARGO_*`, `RUSTUP_*`, `RUSTC*`, `RUSTFLAGS`, C toolchain and pkg-config variables, proxies).
 * An operator can name more in `KTSTR_AGENT_PASS_ENV` (comma or space separated).
 * Never passed, even when allowed or named: `INPUT_*`, `ACTIONS_*`, `GITHUB_*`, `RUNNER_*`,
 * `GH_*`, names that look like credentials (…TOKEN…, …SECRET…, …PASSWORD…, …CREDENTIAL…,
 * …_KEY), and any variable whose value holds one of the given secrets.
 * Pure: the caller passes the environment and the secrets in.
 */

const ALLOWED_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TERM',
  'COLORTERM',
  'NO_COLOR',
  'CI',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'RUSTFLAGS',
  'RUSTDOCFLAGS',
  'CC',
  'CXX',
  'AR',
  'LD',
  'CFLAGS',
  'CXXFLAGS',
  'LDFLAGS',
  'CLANG',
  'LLVM_CONFIG_PATH',
  'LIBCLANG_PATH',
  'BPF_CLANG',
  'PKG_CONFIG',
  'PKG_CONFIG_PATH',
  'LD_LIBRARY_PATH'
])

const ALLOWED_PREFIXES = ['LC_', 'XDG_', 'KTSTR_', 'CARGO_', 'RUSTUP_', 'RUSTC']

/** Names never passed on, whatever allows them. */
const DENIED = /^(INPUT_|ACTIONS_|GITHUB_|RUNNER_|GH_)|TOKEN|SECRET|PASSW(OR)?D|CREDENTIAL|_KEY$|APIKEY/i

/** A secret shorter than this is matched only as a whole value (a 2-letter "secret" must not strip PATH). */
const MIN_SUBSTRING_SECRET = 8

/** The operator's extra names (KTSTR_AGENT_PASS_ENV). */
export const PASS_ENV = 'KTSTR_AGENT_PASS_ENV'

export interface ChildEnv {
  env: Record<string, string>
  /** Names left out (never values), for a debug line. */
  dropped: string[]
}

/** Is `name` allowed through (before the deny rules and the secret check)? */
export function allowedName(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  return ALLOWED_NAMES.has(name) || ALLOWED_PREFIXES.some((p) => name.startsWith(p)) || extra.has(name)
}

/** The allow-listed part of `env`, without credentials or anything holding a value of `secrets`. */
export function childEnv(
  env: Readonly<Record<string, string | undefined>>,
  o: { secrets?: readonly (string | undefined)[] } = {}
): ChildEnv {
  const secrets = (o.secrets ?? []).map((s) => (s ?? '').trim()).filter((s) => s.length > 0)
  const extra = new Set((env[PASS_ENV] ?? '').split(/[\s,]+/).filter(Boolean))
  const out: Record<string, string> = {}
  const dropped: string[] = []
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue
    const holdsSecret = secrets.some((s) =>
      s.length >= MIN_SUBSTRING_SECRET ? value.includes(s) : value.trim() === s
    )
    if (!allowedName(name, extra) || DENIED.test(name) || holdsSecret) dropped.push(name)
    else out[name] = value
  }
  return { env: out, dropped: dropped.sort() }
}
