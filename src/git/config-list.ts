/**
 * The effective git configuration as `git config --list --includes --show-origin -z` prints it, and the
 * files it can come from (pure). Reading it executes nothing: git only parses the files.
 */
import path from 'node:path';

export interface ConfigEntry {
  /** `file:/abs/path`, `file:.git/config` (relative to the top of the working tree), `command line:`... */
  readonly origin: string;
  /** Section and variable lower-cased by git, subsection as written: `filter.Evil.clean`. */
  readonly key: string;
  /** null for a key written without `=` (boolean true). */
  readonly value: string | null;
}

/** Parses `-z` output: origin NUL key (NEWLINE value) NUL, repeated. */
export function parseConfigList(output: string): ConfigEntry[] {
  const fields = output.split('\0');
  const entries: ConfigEntry[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const origin = fields[index]!;
    const item = fields[index + 1]!;
    const newline = item.indexOf('\n');
    entries.push(newline < 0 ? { origin, key: item, value: null } : { origin, key: item.slice(0, newline), value: item.slice(newline + 1) });
  }
  return entries;
}

export interface GitLocations {
  /** Absolute top of the working tree; null outside one. */
  readonly toplevel: string | null;
  readonly gitDir: string | null;
  readonly commonDir: string | null;
}

/** What git reads its configuration location from (already the environment git runs with). */
export interface ConfigEnvironment {
  readonly HOME?: string | undefined;
  readonly XDG_CONFIG_HOME?: string | undefined;
  readonly GIT_CONFIG_GLOBAL?: string | undefined;
  readonly GIT_CONFIG_SYSTEM?: string | undefined;
  readonly GIT_CONFIG_NOSYSTEM?: string | undefined;
}

/**
 * Every file whose change could change the effective configuration of git run in `cwd`: the files the
 * entries came from, the files their includes name (existing or not), the standard system, global,
 * repository and worktree files (existing or not), and the `.git` file or directory that decides which
 * repository `cwd` belongs to. Absolute paths, sorted, without duplicates.
 */
export function configSourceFiles(cwd: string, locations: GitLocations, entries: readonly ConfigEntry[], env: ConfigEnvironment): string[] {
  const files = new Set<string>();
  const base = locations.toplevel ?? cwd;
  const home = env.HOME ?? '';
  const add = (file: string | null | undefined): void => {
    if (file) files.add(path.resolve(base, file));
  };
  if (env.GIT_CONFIG_SYSTEM) add(env.GIT_CONFIG_SYSTEM);
  else if (!isTrue(env.GIT_CONFIG_NOSYSTEM)) add('/etc/gitconfig');
  if (env.GIT_CONFIG_GLOBAL) add(env.GIT_CONFIG_GLOBAL);
  else {
    if (home) add(path.join(home, '.gitconfig'));
    const xdg = env.XDG_CONFIG_HOME || (home ? path.join(home, '.config') : '');
    if (xdg) add(path.join(xdg, 'git', 'config'));
  }
  if (locations.commonDir) {
    add(path.join(locations.commonDir, 'config'));
    add(path.join(locations.commonDir, 'config.worktree'));
  }
  if (locations.gitDir) {
    add(path.join(locations.gitDir, 'config.worktree'));
    add(path.join(locations.gitDir, 'commondir'));
  }
  add(path.join(cwd, '.git'));
  if (locations.toplevel) add(path.join(locations.toplevel, '.git'));
  for (const entry of entries) {
    const origin = originFile(entry.origin);
    if (origin === null) continue;
    const absoluteOrigin = path.resolve(base, origin);
    files.add(absoluteOrigin);
    if (entry.value !== null && isIncludeKey(entry.key)) {
      const target = expandHome(entry.value, home);
      if (target !== null) files.add(path.resolve(path.dirname(absoluteOrigin), target));
    }
  }
  return [...files].sort();
}

/** The file an origin names, or null for the command line, standard input, blobs. */
function originFile(origin: string): string | null {
  return origin.startsWith('file:') && origin.length > 'file:'.length ? origin.slice('file:'.length) : null;
}

/** `include.path` and `includeIf.<condition>.path`. */
function isIncludeKey(key: string): boolean {
  return key === 'include.path' || (key.startsWith('includeif.') && key.endsWith('.path'));
}

function expandHome(value: string, home: string): string | null {
  if (value === '') return null;
  if (value === '~' || value.startsWith('~/')) return home ? path.join(home, value.slice(1)) : null;
  return value;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}
