/**
 * Moves an unusable store file out of the way, with its WAL and shared-memory side files, as
 * `<name>.corrupt-<timestamp>` (and `-wal`, `-shm`), so a fresh store can take its place and the
 * old one stays for inspection. Never deletes anything.
 */
import { existsSync, renameSync } from 'node:fs';
import { StoreError } from './store-error.js';

export function moveAside(path: string, nowMs: number): string {
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
