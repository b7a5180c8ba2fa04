/**
 * The environment a sandboxed child process gets (pure). Built from an allow-list, never from the
 * parent's environment minus a deny-list: a variable we did not think of stays out. Extra variables
 * for one call are checked against the deny rules, so a bug upstream cannot hand a test a secret.
 */
import { TestRunnerError } from '../errors/errors.js';

/** Copied from the parent when present (compared case-insensitively, for Windows' `Path`). */
const ALLOWED_NAMES = new Set([
  'PATH',
  'HOME',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  // Package-manager caches: directories only, no credentials.
  'COREPACK_HOME',
  'NPM_CONFIG_CACHE',
  'YARN_CACHE_FOLDER',
  'XDG_CACHE_HOME',
  // What Node and child processes need to start on Windows.
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  'LOCALAPPDATA',
  'APPDATA',
]);

/** Always set, whatever the parent had: plain, uncoloured output that is easy to parse and to quote. */
const FIXED: Readonly<Record<string, string>> = {
  TERM: 'dumb',
  FORCE_COLOR: '0',
  NO_COLOR: '1',
  // CI mode: Vitest and Jest then never write or update snapshots in the user's checkout, nor prompt.
  CI: 'true',
};

/** Names that must never reach a child, not even through `extra` (tested upper-cased). */
const DENIED_NAME_PATTERNS: readonly RegExp[] = [
  /^INPUT_/,
  /^ACTIONS_/,
  /^GITHUB_/,
  /^RUNNER_/,
  /^OPENAI_/,
  /^ANTHROPIC_/,
  /^AZURE_/,
  /^AWS_/,
  /^GOOGLE_/,
  /^GCP_/,
  /^NPM_CONFIG_(?!CACHE$)/,
  /TOKEN/,
  /SECRET/,
  /PASSWORD|PASSWD/,
  /CREDENTIAL/,
  /(^|_)AUTH($|_)/,
  /(^|_)(API_)?KEYS?($|_)/,
  /^(LD_|DYLD_)/,
  /^(BASH_ENV|ENV|NODE_PATH)$/,
];

/** NODE_OPTIONS flags that only tune the runtime; anything else (--require, --import, --inspect...) drops it. */
const SAFE_NODE_FLAGS: readonly RegExp[] = [
  /^--max-old-space-size=\d+$/,
  /^--max-semi-space-size=\d+$/,
  /^--stack-size=\d+$/,
  /^--enable-source-maps$/,
  /^--no-warnings$/,
  /^--no-deprecation$/,
  /^--trace-warnings$/,
  /^--experimental-vm-modules$/,
  /^--(no-)?experimental-strip-types$/,
  /^--unhandled-rejections=(strict|warn|throw|none|warn-with-error-code)$/,
];

export function isDeniedVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return DENIED_NAME_PATTERNS.some((pattern) => pattern.test(upper));
}

/** NODE_OPTIONS is passed on only when every flag in it is a harmless runtime setting. */
export function isSafeNodeOptions(value: string): boolean {
  const flags = value.trim().split(/\s+/).filter((flag) => flag !== '');
  return flags.length > 0 && flags.every((flag) => SAFE_NODE_FLAGS.some((pattern) => pattern.test(flag)));
}

/**
 * The child's environment: allow-listed variables from `source`, then `extra`, then the fixed
 * settings. Throws when `extra` names a denied variable or an unsafe NODE_OPTIONS.
 */
export function sandboxEnvironment(
  source: NodeJS.ProcessEnv,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value.includes('\0')) continue;
    const upper = name.toUpperCase();
    if (ALLOWED_NAMES.has(upper) && !isDeniedVariable(name)) env[name] = value;
    else if (upper === 'NODE_OPTIONS' && isSafeNodeOptions(value)) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) {
    if (isDeniedVariable(name)) {
      throw new TestRunnerError(
        `refusing to pass the variable ${name} to a test process: it may hold a secret (the sandbox passes no tokens, keys or GitHub/Actions variables)`,
      );
    }
    if (name.toUpperCase() === 'NODE_OPTIONS' && !isSafeNodeOptions(value)) {
      throw new TestRunnerError(
        `refusing NODE_OPTIONS="${value}" for a test process: only runtime flags such as --max-old-space-size or --experimental-vm-modules are allowed`,
      );
    }
    if (name === '' || name.includes('=') || name.includes('\0') || value.includes('\0')) {
      throw new TestRunnerError(`invalid environment variable name or value for a test process: ${JSON.stringify(name)}`);
    }
    env[name] = value;
  }
  return { ...env, ...FIXED };
}
