/**
 * The environment git runs with (pure). Built from an allow-list, never from our own environment minus a
 * deny-list: git gets what it needs to find itself, its configuration and the network (PATH, HOME, where
 * the config files are, locale, proxies and CA bundles, the ssh agent), never INPUT_*, tokens, keys or
 * GITHUB_*, ACTIONS_*, RUNNER_* variables. Fixed settings follow: no prompts, no pager, no optional
 * locks, English messages, a fixed ssh command, only the transports TestMaster uses (no `ext::`, no
 * remote helpers), no proxy command, no askpass program. The safety configuration (safety-config.ts)
 * travels as GIT_CONFIG_COUNT/KEY/VALUE variables, which git reads like `-c` but without parsing
 * `name=value` (a filter driver may be named `a=b`), and which reach the git processes git starts.
 */
/** Copied from our environment when present (compared case-insensitively, for Windows' `Path`). */
const ALLOWED_NAMES = new Set([
  'PATH',
  'HOME',
  'TMPDIR',
  'TEMP',
  'TMP',
  'TZ',
  // Where git finds its configuration: the user's global config stays readable (safe.directory...).
  'XDG_CONFIG_HOME',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  // The user's own choice of ssh command, and the agent it talks to.
  'GIT_SSH_COMMAND',
  'SSH_AUTH_SOCK',
  // Network: proxies and certificate bundles of the machine (fetching base history in the action).
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
  // What git needs to start on Windows.
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'LOCALAPPDATA',
  'APPDATA',
]);

/** Transports git may use: local paths and the network protocols a remote of a checkout uses. */
export const ALLOWED_PROTOCOLS = 'file:git:http:https:ssh';

/** The ssh command when the user set none: no prompt, and no ssh config file (its ProxyCommand is a command). */
export const DEFAULT_SSH_COMMAND = 'ssh -F /dev/null -o BatchMode=yes';

const FIXED: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GCM_INTERACTIVE: 'never',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  GIT_OPTIONAL_LOCKS: '0',
  LC_ALL: 'C',
  LANGUAGE: 'C',
  // Only these transports, whatever protocol.*.allow says: no ext:: command, no git-remote-<helper>.
  GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS,
  // Set and empty: git then ignores core.gitProxy (a command run for git:// remotes).
  GIT_PROXY_COMMAND: '',
  // Set and empty: no askpass program at all (core.askPass and SSH_ASKPASS are not consulted).
  GIT_ASKPASS: '',
};

/**
 * Git's environment: allow-listed variables from `source`, the fixed settings, and `config` as
 * GIT_CONFIG_COUNT entries (command-line scope: they win over every config file).
 */
export function gitEnvironment(source: NodeJS.ProcessEnv = process.env, config: readonly (readonly [string, string])[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value.includes('\0')) continue;
    const upper = name.toUpperCase();
    if (ALLOWED_NAMES.has(upper)) env[name] = value;
    // Lower-case proxy variables are what curl reads first on Linux.
    else if (['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'].includes(name)) env[name] = value;
  }
  if (env.GIT_SSH_COMMAND === undefined || env.GIT_SSH_COMMAND === '') env.GIT_SSH_COMMAND = DEFAULT_SSH_COMMAND;
  Object.assign(env, FIXED);
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}
