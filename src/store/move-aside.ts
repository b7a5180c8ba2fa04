/**
 * Moves an unusable store file out of the way, with its WAL and shared-memory side files, as
 * `<name>.corrupt-<timestamp>` (and `-wal`, `-shm`), so a fresh store can take its place and the
 * old one stays for inspection. Never deletes anything, and never moves a file that is not a SQLite
 * file (store-file-check.ts): that one is not ours.
 */
import { existsSync, renameSync } from 'node:fs';
import { StoreError } from './store-error.js';
import { notSqliteFileReason, somethingAt } from './store-file-check.js';

export function moveAside(path: string, nowMs: number): string {
  const notOurs = somethingAt(path) ? notSqliteFileReason(path) : null;
  if (notOurs !== null) throw new StoreError('not-a-store', `${path} is not a TestMaster run store (${notOurs}); it was not moved aside`);
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 2; existsSync(target); n += 1) target = `${path}.corrupt-${stamp}-${String(n)}`;
  try {
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
    }
    if (existsSync(path)) renameSync(path, target);
  } catch (error) {
    throw new StoreError('io', `cannot move the unusable run store ${path} aside (${error instanceof Error ? error.message : String(error)}); delete it by hand and rerun`, { cause: error });
  }
  return target;
}
