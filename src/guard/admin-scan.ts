/**
 * Reads the guarded files of a repository's git directories (admin-rules.ts says which): a stat of
 * each (cheap, done after every test process), and for the baseline their bytes, modes and symlink
 * targets too, so they can be put back exactly. Synchronous: a few dozen small files. Symlinks are
 * recorded, never followed.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { GIT_DIR_FILES, GIT_DIR_TREES, MAX_MODULES_DEPTH, WORKTREE_FILES } from './admin-rules.js';
import { entryStat, type EntryStat } from './entry-stat.js';

export interface AdminEntry extends EntryStat {
  /** A file's content. */
  readonly bytes?: Buffer;
  /** A symlink's target. */
  readonly target?: string;
}

/** Absolute path -> what is there now. */
export type AdminStats = ReadonlyMap<string, EntryStat>;
/** Absolute path -> what was there, with content. */
export type AdminSnapshot = ReadonlyMap<string, AdminEntry>;

/**
 * Stats of every guarded entry of the common git directory (and the submodules' git directories in
 * it), plus the worktrees' `.git` files named in `gitfiles` (taken from the baseline, never from the
 * current `gitdir` files a test could have rewritten to point anywhere).
 */
export function scanGitAdmin(commonDir: string, gitfiles: readonly string[]): Map<string, EntryStat> {
  const found = new Map<string, EntryStat>();
  visitGitDir(commonDir, found, 0);
  for (const file of gitfiles) visit(file, false, found);
  return found;
}

/** Stats of the entries of one worktree admin directory (the directory itself and its guarded files). */
export function scanWorktreeAdmin(adminDir: string): Map<string, EntryStat> {
  const found = new Map<string, EntryStat>();
  visitWorktree(adminDir, found);
  return found;
}

/** The full entries (content, targets) of the given paths as they are now; absent paths are left out. */
export function readAdminEntries(paths: Iterable<string>): Map<string, AdminEntry> {
  const entries = new Map<string, AdminEntry>();
  for (const file of paths) {
    const entry = readAdminEntry(file);
    if (entry !== null) entries.set(file, entry);
  }
  return entries;
}

export function readAdminEntry(file: string): AdminEntry | null {
  const stats = lstatSync(file, { bigint: true, throwIfNoEntry: false });
  if (stats === undefined) return null;
  const stat = entryStat(stats);
  try {
    if (stat.kind === 'file') return { ...stat, bytes: readFileSync(file) };
    if (stat.kind === 'symlink') return { ...stat, target: readlinkSync(file) };
  } catch {
    return null; // gone between the stat and the read: absent
  }
  return stat;
}

/** Worktree admin directories of a common git directory (`worktrees/<name>`). */
export function worktreeAdminDirs(commonDir: string): string[] {
  return listDirectory(path.join(commonDir, 'worktrees'))
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(commonDir, 'worktrees', entry.name));
}

/** The `.git` file of the worktree an admin directory belongs to, as its `gitdir` file says; null if none. */
export function gitfileOf(adminDir: string): string | null {
  let content: string;
  try {
    content = readFileSync(path.join(adminDir, 'gitdir'), 'utf8').trim();
  } catch {
    return null;
  }
  if (content === '' || content.includes('\0')) return null;
  const file = path.resolve(adminDir, content);
  return path.basename(file) === '.git' ? file : null;
}

function visitGitDir(gitDir: string, found: Map<string, EntryStat>, depth: number): void {
  for (const name of GIT_DIR_FILES) visit(path.join(gitDir, name), false, found);
  for (const name of GIT_DIR_TREES) visit(path.join(gitDir, name), true, found);
  for (const adminDir of worktreeAdminDirs(gitDir)) visitWorktree(adminDir, found);
  if (depth < 2) visitModules(path.join(gitDir, 'modules'), found, depth, 0);
}

function visitWorktree(adminDir: string, found: Map<string, EntryStat>): void {
  visit(adminDir, false, found);
  for (const name of WORKTREE_FILES) visit(path.join(adminDir, name), false, found);
}

/** Submodules' git directories: directories under `modules/` holding a HEAD file and a config. */
function visitModules(dir: string, found: Map<string, EntryStat>, gitDepth: number, depth: number): void {
  if (depth > MAX_MODULES_DEPTH) return;
  for (const entry of listDirectory(dir)) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    if (isFile(path.join(child, 'HEAD')) && isFile(path.join(child, 'config'))) visitGitDir(child, found, gitDepth + 1);
    else visitModules(child, found, gitDepth, depth + 1);
  }
}

function visit(file: string, recurse: boolean, found: Map<string, EntryStat>): void {
  const stats = lstatSync(file, { bigint: true, throwIfNoEntry: false });
  if (stats === undefined) return;
  const stat = entryStat(stats);
  found.set(file, stat);
  if (!recurse || stat.kind !== 'dir') return;
  for (const entry of listDirectory(file)) visit(path.join(file, entry.name), true, found);
}

function listDirectory(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isFile(file: string): boolean {
  return lstatSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}
