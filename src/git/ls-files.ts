/** Lists the files git tracks, as repository-relative POSIX paths (robust to any file name). */
import { runGitBuffer } from './exec.js';
import { assertSafeRef } from './refs.js';

/** Splits NUL-terminated git output into UTF-8 strings. */
export function splitNul(output: Buffer): string[] {
  const text = output.toString('utf8');
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Tracked files: of the index (the working tree's view) when `commit` is omitted, else of that
 * commit's tree. Reading either changes nothing.
 */
export async function listTrackedFiles(repoDir: string, commit?: string): Promise<string[]> {
  if (commit !== undefined) assertSafeRef(commit, 'commit');
  const args = commit === undefined
    ? ['ls-files', '-z', '--full-name', '--', ':/']
    : ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit];
  const result = await runGitBuffer(repoDir, args);
  return splitNul(result.stdout);
}
