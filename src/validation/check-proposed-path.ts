/**
 * Decides whether a proposed test-file path may be written (shared/SECURITY.md rule 4): the pure rules
 * of proposed-path-rules.ts, then the file system. Every existing directory on the way must resolve
 * (after realpath, so through any symlink) to a directory inside the repository that is neither
 * protected nor inside a nested git repository; the file itself must not exist yet, not even as a
 * dangling symlink or under a name differing only in case. Reads only; never creates anything.
 */
import type { Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { proposedPathProblem, protectedPathProblem } from './proposed-path-rules.js';

export interface ProposedPathRules {
  /** Picomatch globs (dot: true) over repository-relative paths; usually DEFAULT_TEST_GLOBS. */
  readonly testGlobs: readonly string[];
}

export type ProposedPathCheck = { readonly ok: true; readonly absolutePath: string } | { readonly ok: false; readonly reason: string };

/** What the writer needs to create an accepted path, and to verify afterwards that it landed where checked. */
export interface CheckedTestPath {
  readonly relativePath: string;
  /** Under the repository's real path. */
  readonly absolutePath: string;
  /** The repository's real path. */
  readonly realRepoDir: string;
  /** Real path of the deepest directory on the way that exists (the repository itself at least). */
  readonly realExistingDirectory: string;
  /** Directories that do not exist yet, outermost first (absolute). */
  readonly missingDirectories: readonly string[];
  /** The real path the file's directory will have once the missing directories exist. */
  readonly expectedRealParent: string;
}

export type ProposedPathInspection = { readonly ok: true; readonly checked: CheckedTestPath } | { readonly ok: false; readonly reason: string };

/** Accepts a path only if every rule holds; the reason is one short phrase. */
export async function checkProposedPath(repoDir: string, relPath: string, rules: ProposedPathRules): Promise<ProposedPathCheck> {
  const inspection = await inspectProposedPath(repoDir, relPath, rules);
  return inspection.ok ? { ok: true, absolutePath: inspection.checked.absolutePath } : inspection;
}

/** checkProposedPath, keeping what the writer needs. */
export async function inspectProposedPath(repoDir: string, relPath: string, rules: ProposedPathRules): Promise<ProposedPathInspection> {
  const problem = proposedPathProblem(relPath, rules.testGlobs);
  if (problem) return { ok: false, reason: problem };
  const realRepoDir = await realDirectory(resolve(repoDir));
  if (!realRepoDir) return { ok: false, reason: 'repository directory not found' };

  const segments = relPath.split('/');
  const directorySegments = segments.slice(0, -1);
  let realParent = realRepoDir;
  let existing = 0;
  for (; existing < directorySegments.length; existing++) {
    const lexical = join(realRepoDir, ...directorySegments.slice(0, existing + 1));
    if (!(await lstatOrNull(lexical))) break;
    const real = await realDirectory(lexical);
    if (!real) return { ok: false, reason: 'parent is not a directory' };
    const inside = insideRelative(realRepoDir, real);
    if (inside === undefined) return { ok: false, reason: 'path escapes the repository' };
    const resolvedProtection = protectedPathProblem([inside, ...segments.slice(existing + 1)].filter(Boolean).join('/'));
    if (resolvedProtection) return { ok: false, reason: resolvedProtection };
    if (inside !== '' && (await lstatOrNull(join(real, '.git')))) return { ok: false, reason: 'inside a nested git repository' };
    realParent = real;
  }

  const firstMissing = segments[existing] ?? '';
  const collision = await caseCollision(realParent, firstMissing);
  if (collision) return { ok: false, reason: collision === firstMissing ? 'already exists' : 'a file differing only in case already exists' };
  const absolutePath = join(realRepoDir, ...segments);
  if (existing === directorySegments.length && (await lstatOrNull(absolutePath))) return { ok: false, reason: 'already exists' };

  const missing = directorySegments.slice(existing);
  return {
    ok: true,
    checked: {
      relativePath: relPath,
      absolutePath,
      realRepoDir,
      realExistingDirectory: realParent,
      missingDirectories: missing.map((_, index) => join(realRepoDir, ...directorySegments.slice(0, existing + index + 1))),
      expectedRealParent: join(realParent, ...missing),
    },
  };
}

/** The repository-relative form of a real path, or undefined when it is outside the repository. */
export function insideRelative(realRepoDir: string, realPath: string): string | undefined {
  if (realPath === realRepoDir) return '';
  const rel = relative(realRepoDir, realPath);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** An existing entry of `directory` whose name equals `name` ignoring case, if any. */
async function caseCollision(directory: string, name: string): Promise<string | undefined> {
  const entries = await readdir(directory).catch(() => [] as string[]);
  const wanted = name.normalize('NFC').toLowerCase();
  return entries.find((entry) => entry.normalize('NFC').toLowerCase() === wanted);
}

async function realDirectory(path: string): Promise<string | undefined> {
  try {
    const real = await realpath(path);
    return (await stat(real)).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch {
    return null;
  }
}
