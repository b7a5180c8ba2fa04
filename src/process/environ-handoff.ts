/**
 * Keeps secrets out of what other processes of the same user can read about this one. A process's
 * /proc/<pid>/environ and /proc/<pid>/cmdline show the environment and arguments it was started with
 * (`ps eww` shows them on macOS), for the whole life of the process, whatever it does to process.env
 * afterwards. The action is started with the token and the model key in its environment (INPUT_*,
 * ACTIONS_RUNTIME_TOKEN...), the CLI often with OPENAI_API_KEY or `--api-key`.
 *
 * So the entry points hand off first: the environment and arguments go into a file only this user can
 * read (a new 0700 directory, a 0600 file), and the process replaces itself (process.execve, same pid,
 * same stdio) with a copy started with nothing but the file's path; that copy reads the file, deletes it
 * and restores process.env and process.argv in memory. Repository code never runs before that. Where
 * execve is missing (Windows) or fails, the process goes on as it was.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeniedVariable } from '../sandbox/environment.js';

export const HANDOFF_VARIABLE = 'TESTMASTER_ENVIRON_HANDOFF';
const HANDOFF_DIR_PREFIX = 'testmaster-environ-';
/** Kept in the new environment: they tune Node at startup, or say where the handoff file is, and hold no secret. */
const KEPT_FOR_STARTUP = ['NODE_OPTIONS', 'TMPDIR'] as const;

interface HandoffContent {
  readonly env: Record<string, string>;
  readonly argv: readonly string[];
}

/** Something another process could read in our environ or cmdline that it must not: a secret-looking variable or --api-key. */
export function needsHandoff(env: NodeJS.ProcessEnv, argv: readonly string[]): boolean {
  return Object.keys(env).some((name) => isDeniedVariable(name)) || argv.some((arg) => arg === '--api-key' || arg.startsWith('--api-key='));
}

export interface HandoffProcess {
  readonly env: NodeJS.ProcessEnv;
  argv: string[];
  readonly execPath: string;
  readonly execArgv: readonly string[];
  readonly execve?: (file: string, args?: readonly string[], env?: NodeJS.ProcessEnv) => never;
}

/**
 * In the first process: writes the handoff file and execs (never returns) when needed. In the copy:
 * restores what was handed off. Otherwise does nothing.
 */
export function handOffEnviron(proc: HandoffProcess): void {
  const file = proc.env[HANDOFF_VARIABLE];
  if (file !== undefined) {
    restore(proc, file);
    return;
  }
  const script = proc.argv[1];
  if (proc.execve === undefined || script === undefined || !needsHandoff(proc.env, proc.argv)) return;
  const dir = mkdtempSync(path.join(tmpdir(), HANDOFF_DIR_PREFIX));
  const target = path.join(dir, 'environ.json');
  try {
    const content: HandoffContent = { env: definedOnly(proc.env), argv: proc.argv.slice(2) };
    writeFileSync(target, JSON.stringify(content), { mode: 0o600, flag: 'wx' });
    const kept = Object.fromEntries(KEPT_FOR_STARTUP.flatMap((name) => (proc.env[name] === undefined ? [] : [[name, proc.env[name]!]])));
    proc.execve(proc.execPath, [proc.execPath, ...proc.execArgv, script], { ...kept, [HANDOFF_VARIABLE]: target });
  } catch {
    // execve refused (or the file could not be written): go on as we are, leaving nothing behind.
    rmSync(dir, { recursive: true, force: true });
  }
}

function restore(proc: HandoffProcess, file: string): void {
  delete proc.env[HANDOFF_VARIABLE];
  const dir = path.dirname(file);
  // Only a file this module made: never read or delete a path someone else put in the variable.
  if (path.basename(file) !== 'environ.json' || !path.basename(dir).startsWith(HANDOFF_DIR_PREFIX) || path.dirname(dir) !== tmpdir()) return;
  let content: HandoffContent;
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as HandoffContent;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const [name, value] of Object.entries(content.env)) {
    if (typeof value === 'string' && name !== HANDOFF_VARIABLE) proc.env[name] = value;
  }
  proc.argv = [proc.argv[0] ?? proc.execPath, proc.argv[1] ?? '', ...content.argv.filter((arg) => typeof arg === 'string')];
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
