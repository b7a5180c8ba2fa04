/**
 * Puts the kept test files where the user can read them: always under a directory of ours
 * (`.testmaster/proposed/` in the CLI, the runner's temp directory in the action), replaced as a whole
 * on each run, as `<path>.txt` copies plus one `proposed.patch` that `git apply` takes. The copies
 * carry `.txt` so the repository's own test runner never collects them (Vitest and Jest would run a
 * `*.test.ts` anywhere under the repository, with imports that do not resolve from there). With `write`,
 * the files also go to their paths in the repository, as new files only (an existing file is never
 * overwritten: it is listed as not written, with the reason).
 */
import { lstat, mkdir, rm } from 'node:fs/promises';
import { GenerationError } from '../errors/errors.js';
import path from 'node:path';
import type { ProposedFile } from '../report/types.js';
import { DEFAULT_TEST_GLOBS, proposedPathProblem } from '../validation/proposed-path-rules.js';
import { writeNewTestFile } from '../validation/write-test-file.js';
import { writeFileAtomic } from './write-file-atomic.js';
import { newFilesPatch } from './new-files-patch.js';

export interface ProposedFilesWritten {
  /** Absolute directory holding the copies. */
  readonly directory: string;
  /** Repository-relative paths written into the repository (with `write`). */
  readonly placed: readonly string[];
  /** Files not placed into the repository, with the reason. */
  readonly notPlaced: readonly { readonly path: string; readonly reason: string }[];
}

const MAX_FILE_BYTES = 200 * 1024;
export const COPY_SUFFIX = '.txt';
export const PATCH_NAME = 'proposed.patch';

export async function writeProposedFiles(
  files: readonly ProposedFile[],
  options: { readonly directory: string; readonly repoDir: string; readonly placeInRepo: boolean },
): Promise<ProposedFilesWritten> {
  const directory = path.resolve(options.directory);
  await refuseLinksOnTheWay(directory, options.repoDir);
  await rm(directory, { recursive: true, force: true });
  if (files.length === 0) return { directory, placed: [], notPlaced: [] }; // an earlier proposal is gone; nothing new
  await mkdir(directory, { recursive: true });
  await ignoreOurDirectory(directory, options.repoDir);
  for (const file of files) {
    const problem = proposedPathProblem(file.path, DEFAULT_TEST_GLOBS);
    if (problem) continue; // cannot happen for a validated file; never write it anyway
    await writeFileAtomic(path.join(directory, ...`${file.path}${COPY_SUFFIX}`.split('/')), file.content);
  }
  await writeFileAtomic(path.join(directory, PATCH_NAME), newFilesPatch(files));
  const placed: string[] = [];
  const notPlaced: { path: string; reason: string }[] = [];
  if (options.placeInRepo) {
    for (const file of files) {
      try {
        await writeNewTestFile(options.repoDir, file.path, file.content, { testGlobs: DEFAULT_TEST_GLOBS, maxBytes: MAX_FILE_BYTES });
        placed.push(file.path);
      } catch (error) {
        notPlaced.push({ path: file.path, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return { directory, placed, notPlaced };
}

/**
 * Inside the repository, every existing part of the path to our directory must be a real directory,
 * not a symbolic link: a pull request could commit `.testmaster -> ~` and have us delete and write there.
 */
async function refuseLinksOnTheWay(directory: string, repoDir: string): Promise<void> {
  const root = path.resolve(repoDir);
  const relative = path.relative(root, directory);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return; // not inside the repository
  let current = root;
  for (const segment of relative.split(path.sep)) {
    current = path.join(current, segment);
    const info = await lstat(current).catch(() => null);
    if (info === null) return; // the rest is created by us
    if (info.isSymbolicLink() || !info.isDirectory()) {
      throw new GenerationError(
        `${path.relative(root, current)} in the repository is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}: TestMaster writes its proposed tests there; remove it and run again`,
      );
    }
  }
}

/** `.testmaster/` inside a repository gets a `.gitignore` of `*`, so the copies are never committed by accident. */
async function ignoreOurDirectory(directory: string, repoDir: string): Promise<void> {
  const relative = path.relative(path.resolve(repoDir), directory);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return;
  const top = relative.split(path.sep)[0];
  if (top !== '.testmaster') return;
  await writeFileAtomic(path.join(path.resolve(repoDir), '.testmaster', '.gitignore'), '*\n');
}
