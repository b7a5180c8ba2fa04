/**
 * Keeps a path from a repository's config file inside the repository. The check is on real paths:
 * the nearest existing ancestor of the file is resolved with realpath, so a symbolic link planted in
 * the repository (`reports -> /home/me`) cannot lead a write outside it; what does not exist yet is
 * created by us, below that ancestor. Reports may not go into a git directory (its config and hooks
 * are not ours to replace); the run store may (its default place is there); a file we only read must
 * itself resolve inside. The file itself being a link is left to the writer: reports are renamed over
 * their path (replacing a link, never writing through it) and the run store refuses a link.
 */
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { runGit } from '../git/exec.js';
import type { PathUse } from './repository-file-rules.js';

export interface RepositoryRoots {
  /** Real path of the top of the working tree. */
  readonly workTree: string;
  /** Real paths of the git directory and the common git directory (they differ in a linked worktree). */
  readonly gitDirs: readonly string[];
}

/** The repository around `dir`; outside a git repository, `dir` itself with no git directory. */
export async function findRepositoryRoots(dir: string): Promise<RepositoryRoots> {
  const result = await runGit(dir, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-dir', '--git-common-dir'], { okExitCodes: [128] });
  const [top, ...gitDirs] = result.exitCode === 0 ? result.stdout.split('\n').filter(Boolean) : [];
  return {
    workTree: await realpath(top ?? dir),
    gitDirs: [...new Set(await Promise.all(gitDirs.map((gitDir) => realpath(gitDir))))],
  };
}

/** Whether `path` is `root` or below it (both absolute and normalized). */
export function isWithin(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
}

/** Whether a real path is in one of the git directories; compared without case (a case-insensitive file system reaches `.GIT/config` too). */
export function isInGitDir(roots: RepositoryRoots, path: string): boolean {
  return roots.gitDirs.some((gitDir) => isWithin(gitDir.toLowerCase(), path.toLowerCase()));
}

/**
 * Why `absolutePath` (from a repository file) may not be used for `use`, or null when it stays inside:
 * e.g. `resolves outside the repository, to /home/me/.bashrc`.
 */
export async function pathConfinementProblem(absolutePath: string, roots: RepositoryRoots, use: PathUse): Promise<string | null> {
  const { real, linked, dangling } = use === 'read' ? await realNearest(absolutePath) : await realInDirectory(absolutePath);
  if (dangling !== null) return `leads through the symbolic link ${dangling}, which points to nothing`;
  const allowed = isWithin(roots.workTree, real) || (use !== 'write' && roots.gitDirs.some((gitDir) => isWithin(gitDir, real)));
  if (!allowed) {
    return linked ? `leads through a symbolic link to ${real}, outside the repository` : `resolves outside the repository, to ${real}`;
  }
  if (use === 'write' && isInGitDir(roots, real)) return `is inside the git directory (${real})`;
  return null;
}

/** Where a file would be: the real path of its directory (its nearest existing ancestor), with its own name. */
async function realInDirectory(path: string): Promise<RealLocation> {
  const directory = await realNearest(dirname(path));
  return { ...directory, real: join(directory.real, basename(path)) };
}

/**
 * Whether a file the user named (absolute path) is the repository's: the path as given, its real
 * location (the real path of its directory) or, for a link, its target is in the working tree or a
 * git directory.
 */
export async function isRepositoryFile(path: string, roots: RepositoryRoots): Promise<boolean> {
  const inRepository = (real: string): boolean => isWithin(roots.workTree, real) || roots.gitDirs.some((gitDir) => isWithin(gitDir, real));
  const target = await realpath(path).catch(() => null);
  return inRepository(path) || inRepository((await realInDirectory(path)).real) || (target !== null && inRepository(target));
}

interface RealLocation {
  readonly real: string;
  /** Whether a link was followed on the way. */
  readonly linked: boolean;
  /** A link on the way that points to nothing (where it points could be created outside), or null. */
  readonly dangling: string | null;
}

/** The real path of `path`'s nearest existing ancestor (itself included), with the rest appended. */
async function realNearest(path: string): Promise<RealLocation> {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    const real = await realpath(existing).catch(() => null);
    if (real !== null) return { real: join(real, ...rest.reverse()), linked: real !== existing, dangling: null };
    if ((await lstat(existing).catch(() => null))?.isSymbolicLink()) return { real: path, linked: true, dangling: existing };
    const parent = dirname(existing);
    if (parent === existing) return { real: path, linked: false, dangling: null };
    rest.push(basename(existing));
    existing = parent;
  }
}
