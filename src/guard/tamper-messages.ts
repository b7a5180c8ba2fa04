/** What the user is told when repository code changed what it must not (pure): which files, what was done, what to do. */
import type { TreeChange } from './tree-compare.js';

/** A few paths, then how many more. */
export function listPaths(paths: readonly string[], max = 5): string {
  const shown = paths.slice(0, max).join(', ');
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}

/** The warning when a test process changed the git directory (it was put back). */
export function gitDirRestoredWarning(paths: readonly string[]): string {
  return `a test process changed the git directory (${listPaths(paths)}): TestMaster put it back as it was before any further git command, and discarded the results of every test process running at the time; nothing to restore by hand, but a test must not write to .git`;
}

/** The one-line error of a runner whose results are discarded because the git directory changed while it ran. */
export function tamperedRunMessage(subject: string, paths: readonly string[]): string {
  return `${subject} ran while the git directory was changed (${listPaths(paths)}): the change was undone and its results were discarded; a test must not write to .git`;
}

/**
 * The warning when the checkout changed while repository code ran: `who` ran ("the existing tests at
 * the head"), `discarded` says which results were thrown away.
 */
export function treeChangedWarning(who: string, changes: readonly TreeChange[], discarded: string): string {
  const paths = changes.map((change) => change.path);
  const dependencies = paths.filter((file) => isDependency(file));
  const others = paths.filter((file) => !isDependency(file));
  const advice: string[] = [];
  if (dependencies.length > 0) advice.push('reinstall the dependencies (e.g. npm ci): TestMaster cannot restore node_modules');
  if (others.length > 0) advice.push(`restore ${dependencies.length > 0 ? 'the other files' : 'them'} (git checkout -- <path> for tracked files; untracked and ignored files such as .env or dist/ by hand)`);
  return `${who} changed ${paths.length} file(s) in the working tree outside their own output (${listPaths(paths)}): ${discarded}; ${advice.join('; ')}`;
}

function isDependency(file: string): boolean {
  return file === 'node_modules' || file.startsWith('node_modules/') || file.includes('/node_modules/');
}
