/**
 * What changed in a checkout between two snapshots (pure). A file, symlink or other entry that was
 * added, removed, or has another kind, mode or signature is a change; a directory counts only when it
 * was removed or changed kind or mode (an added directory shows through what it holds, and an empty
 * one changes nothing: a runner may leave one behind, e.g. Vite's node_modules/.vite-temp). Paths the
 * run writes itself are left out.
 */
import type { EntryStat } from './entry-stat.js';
import type { TreeSnapshot } from './tree-scan.js';

export interface TreeChange {
  /** POSIX path relative to the top of the checkout. */
  readonly path: string;
  readonly change: 'added' | 'removed' | 'modified';
}

export function compareTree(before: TreeSnapshot, after: TreeSnapshot, isOwnOutput: (path: string) => boolean = () => false): TreeChange[] {
  const changes: TreeChange[] = [];
  for (const [file, was] of before) {
    if (isOwnOutput(file)) continue;
    const now = after.get(file);
    if (now === undefined) changes.push({ path: file, change: 'removed' });
    else if (differs(was, now)) changes.push({ path: file, change: 'modified' });
  }
  for (const [file, now] of after) {
    if (before.has(file) || now.kind === 'dir' || isOwnOutput(file)) continue;
    changes.push({ path: file, change: 'added' });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function differs(was: EntryStat, now: EntryStat): boolean {
  return was.kind !== now.kind || was.mode !== now.mode || was.sig !== now.sig;
}

/** A predicate for the run's own outputs: repository-relative paths, each a file or a directory prefix. */
export function ownOutputMatcher(relativePaths: readonly string[]): (path: string) => boolean {
  const exact = new Set(relativePaths);
  const prefixes = relativePaths.map((entry) => `${entry}/`);
  return (file) => exact.has(file) || prefixes.some((prefix) => file.startsWith(prefix));
}
