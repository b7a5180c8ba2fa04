/**
 * A snapshot of a checkout: every entry (tracked, untracked and ignored: node_modules, .env, dist/...)
 * with what entry-stat.ts records, keyed by POSIX path relative to the root; the git directory left
 * out. Symlinks are recorded, never followed. The walk is synchronous (several times faster than
 * promise-based stats) in slices, yielding to the event loop between them so running processes' output
 * keeps flowing. bench/tree-snapshot.ts prints what it costs.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { entryStat, type EntryStat } from './entry-stat.js';

export type TreeSnapshot = ReadonlyMap<string, EntryStat>;

/** Entries stat'ed between two yields to the event loop. */
const SLICE = 2000;

/**
 * Walks `root`. `skipDirs` are absolute directories not entered (the git directory when it is not the
 * top-level `.git`); the top-level `.git` itself (directory or file) is always left out.
 */
export async function scanTree(root: string, skipDirs: readonly string[] = []): Promise<Map<string, EntryStat>> {
  const found = new Map<string, EntryStat>();
  const skip = new Set(skipDirs.map((dir) => path.resolve(dir)));
  const pending: { abs: string; rel: string }[] = [{ abs: root, rel: '' }];
  let sinceYield = 0;
  while (pending.length > 0) {
    const { abs, rel } = pending.pop()!;
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch {
      continue; // unreadable or gone: its entry (if any) is recorded, its content cannot be
    }
    for (const name of names) {
      if (rel === '' && name === '.git') continue;
      const childAbs = path.join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const stats = lstatSync(childAbs, { bigint: true, throwIfNoEntry: false });
      if (stats === undefined) continue;
      const stat = entryStat(stats);
      found.set(childRel, stat);
      if (stat.kind === 'dir' && !skip.has(childAbs)) pending.push({ abs: childAbs, rel: childRel });
    }
    sinceYield += names.length;
    if (sinceYield >= SLICE) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
  return found;
}
