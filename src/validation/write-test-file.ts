/**
 * Writes a model-proposed test file as a new file and nothing else (shared/SECURITY.md rules 4 and 8).
 * The path is checked again right before writing; the content is capped and must be text; missing parent
 * directories are created one at a time (inside the repository, each one recorded); the file is created
 * with exclusive create, so a file that appeared since the check is refused and left untouched; once
 * created, its directory must still resolve to where the check said, or the file is removed again. On
 * any failure everything this call created is removed, so nothing half-written remains.
 *
 * A directory that was missing at check time but appears before we create it (another writer making
 * the same new `__tests__/`, say) is used and recorded too; removal uses rmdir, which only ever
 * removes an empty directory, so a sibling's file is never lost.
 */
import { lstat, mkdir, open, realpath, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { GenerationError } from '../errors/errors.js';
import { inspectProposedPath, insideRelative, type CheckedTestPath, type ProposedPathRules } from './check-proposed-path.js';

export interface TestFileLimits {
  /** Largest content accepted, in UTF-8 bytes. */
  readonly maxBytes: number;
}

export interface WriteTestFileOptions extends ProposedPathRules, TestFileLimits {}

/** A file written by writeNewTestFile: what removeWrittenTestFile needs to undo it. */
export interface WrittenTestFile {
  readonly relativePath: string;
  readonly absolutePath: string;
  /** The repository's real path. */
  readonly realRepoDir: string;
  /** Directories made for the file, outermost first (absolute). */
  readonly createdDirectories: readonly string[];
}

type RefusalKind = 'path' | 'content' | 'io';

class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly refusalKind: RefusalKind,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/** Checks the path again, then writes `content` there as a new file. Throws GenerationError on refusal. */
export async function writeNewTestFile(repoDir: string, relPath: string, content: string, options: WriteTestFileOptions): Promise<WrittenTestFile> {
  const problem = contentProblem(content, options.maxBytes);
  if (problem) throw refusalError(relPath, new Refusal(problem, 'content'));
  const inspection = await inspectProposedPath(repoDir, relPath, options);
  if (!inspection.ok) throw refusalError(relPath, new Refusal(inspection.reason, 'path'));
  return writeCheckedTestFile(inspection.checked, content, options);
}

/** The writing half of writeNewTestFile, for a path inspectProposedPath accepted. */
export async function writeCheckedTestFile(checked: CheckedTestPath, content: string, limits: TestFileLimits): Promise<WrittenTestFile> {
  const problem = contentProblem(content, limits.maxBytes);
  if (problem) throw refusalError(checked.relativePath, new Refusal(problem, 'content'));
  const createdDirectories: string[] = [];
  let identity: FileIdentity | undefined;
  let created = false;
  try {
    let expectedRealParent = checked.realExistingDirectory;
    for (const directory of checked.missingDirectories) {
      await makeDirectory(directory, expectedRealParent);
      createdDirectories.push(directory);
      expectedRealParent = join(expectedRealParent, basename(directory));
    }
    // A directory made for another test file that is still in use (another module's probe or
    // candidate, written at the same time) is shared: the last file removed takes it away.
    for (const directory of madeForTestFiles.keys()) {
      if (checked.absolutePath.startsWith(`${directory}${sep}`) && !createdDirectories.includes(directory)) createdDirectories.push(directory);
    }
    createdDirectories.sort((a, b) => a.length - b.length);
    for (const directory of createdDirectories) madeForTestFiles.set(directory, (madeForTestFiles.get(directory) ?? 0) + 1);
    const handle = await open(checked.absolutePath, 'wx', 0o644).catch((error: unknown) => {
      throw new Refusal(ioReason(error), errorCode(error) === 'EEXIST' ? 'path' : 'io', { cause: error });
    });
    created = true;
    try {
      const info = await handle.stat();
      identity = { dev: info.dev, ino: info.ino };
      const landed = await realpath(dirname(checked.absolutePath));
      if (landed !== checked.expectedRealParent) throw new Refusal('path escapes the repository', 'path');
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (created) await removeOwnFile(checked.absolutePath, identity);
    await removeDirectories(checked.realRepoDir, createdDirectories);
    throw refusalError(checked.relativePath, error instanceof Refusal ? error : new Refusal(ioReason(error), 'io', { cause: error }));
  }
  return {
    relativePath: checked.relativePath,
    absolutePath: checked.absolutePath,
    realRepoDir: checked.realRepoDir,
    createdDirectories,
  };
}

/**
 * Removes a written test file and the directories made for it (each only if empty), for rollback.
 * Deletes nothing that no longer resolves inside the repository. Returns what could not be removed
 * (a directory that is not empty, a path swapped for something else); empty when all is gone.
 */
export async function removeWrittenTestFile(written: WrittenTestFile): Promise<readonly string[]> {
  const leftBehind: string[] = [];
  if (!(await removeFileInside(written.realRepoDir, written.absolutePath))) leftBehind.push(written.absolutePath);
  leftBehind.push(...(await removeDirectories(written.realRepoDir, written.createdDirectories)));
  return leftBehind;
}

/** Why content may not be written, or undefined. */
export function contentProblem(content: string, maxBytes: number): string | undefined {
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) return `invalid size limit ${String(maxBytes)} (expected a positive whole number of bytes)`;
  if (typeof content !== 'string' || content.trim() === '') return 'content is empty';
  if (content.includes('\0')) return 'content contains a NUL byte';
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > maxBytes) return `content too large (${bytes} bytes, limit ${maxBytes})`;
  return undefined;
}

interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

/**
 * Directories this process made for test files (probes, candidates) that are still there, with how
 * many of those files use each: concurrent jobs may write into the same new directory.
 */
const madeForTestFiles = new Map<string, number>();

/** Makes one directory, after checking that its parent still resolves to where the check said. */
async function makeDirectory(directory: string, expectedRealParent: string): Promise<void> {
  if ((await realpath(dirname(directory))) !== expectedRealParent) throw new Refusal('path escapes the repository', 'path');
  try {
    await mkdir(directory);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw new Refusal(ioReason(error), 'io', { cause: error });
    const info = await lstat(directory);
    if (!info.isDirectory()) throw new Refusal('parent is not a directory', 'path');
  }
}

/** Removes the file we created, wherever its directory now resolves to, but only if it is still ours. */
async function removeOwnFile(path: string, identity: FileIdentity | undefined): Promise<void> {
  try {
    const actual = join(await realpath(dirname(path)), basename(path));
    const info = await lstat(actual);
    const ours = identity ? info.dev === identity.dev && info.ino === identity.ino : info.isFile();
    if (ours) await unlink(actual);
  } catch {
    // already gone, or its directory is: nothing of ours remains there
  }
}

async function removeFileInside(realRepoDir: string, path: string): Promise<boolean> {
  try {
    const info = await lstat(path).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (!info) return true;
    if (info.isDirectory()) return false;
    const realParent = await realpath(dirname(path));
    if (insideRelative(realRepoDir, realParent) === undefined) return false;
    await unlink(join(realParent, basename(path)));
    return true;
  } catch {
    return false;
  }
}

/** rmdir, deepest first: only empty directories go. Returns those left behind. */
async function removeDirectories(realRepoDir: string, directories: readonly string[]): Promise<string[]> {
  const leftBehind: string[] = [];
  for (const directory of [...directories].reverse()) {
    const users = madeForTestFiles.get(directory);
    if (users !== undefined && users > 1) {
      madeForTestFiles.set(directory, users - 1);
      continue; // another test file written into it is still in use
    }
    madeForTestFiles.delete(directory);
    try {
      const info = await lstat(directory);
      if (!info.isDirectory()) throw new Error('not a directory any more');
      if (insideRelative(realRepoDir, await realpath(directory)) === undefined) throw new Error('outside the repository');
      await rmdir(directory);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') leftBehind.push(directory);
    }
  }
  return leftBehind;
}

const IO_REASONS: Readonly<Record<string, string>> = {
  EEXIST: 'already exists',
  ENOENT: 'parent directory disappeared during the write',
  ENOTDIR: 'parent is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'path too long',
  ELOOP: 'too many levels of symbolic links',
};

function ioReason(error: unknown): string {
  const code = errorCode(error);
  if (code && IO_REASONS[code]) return IO_REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  return code ?? message.split('\n')[0] ?? 'unknown error';
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const HINTS: Readonly<Record<RefusalKind, string>> = {
  path: 'a generated test must be a new file inside the repository matching the test-file globs',
  content: 'a generated test must be non-empty text within the size limit',
  io: 'check the working tree and file permissions, then rerun',
};

function refusalError(relPath: string, refusal: Refusal): GenerationError {
  const shown = JSON.stringify(relPath.length > 160 ? `${relPath.slice(0, 160)}…` : relPath);
  return new GenerationError(`proposed test file ${shown} was not written: ${refusal.reason} (${HINTS[refusal.refusalKind]})`, {
    cause: refusal.cause ?? refusal,
  });
}
