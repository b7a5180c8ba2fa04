/**
 * Puts the guarded git files back exactly as the baseline has them: added entries deleted, changed and
 * removed ones rewritten with their bytes, modes and symlink targets. Parents first, so a directory a
 * test replaced with a symlink is a directory again before anything is written into it; files are
 * written to a temporary name and renamed over, so git never reads half a config.
 */
import { chmodSync, lstatSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AdminDifference } from './admin-compare.js';
import type { AdminEntry, AdminSnapshot } from './admin-scan.js';

export function restoreGitAdmin(baseline: AdminSnapshot, difference: AdminDifference): void {
  const kept = [...baseline.keys()];
  // Deepest first; never a path that holds baseline entries (those are restored below).
  for (const file of [...difference.added].sort(byDepth).reverse()) {
    if (kept.some((entry) => entry.startsWith(`${file}${path.sep}`))) continue;
    rmSync(file, { recursive: true, force: true });
  }
  const restoredDirs: [string, number][] = [];
  for (const file of [...difference.removed, ...difference.differing].sort(byDepth)) {
    const entry = baseline.get(file);
    if (entry === undefined) continue;
    restoreEntry(file, entry);
    if (entry.kind === 'dir') restoredDirs.push([file, entry.mode]);
  }
  for (const [dir, mode] of restoredDirs.reverse()) chmodSync(dir, mode);
}

function restoreEntry(file: string, entry: AdminEntry): void {
  const current = lstatSync(file, { throwIfNoEntry: false });
  mkdirSync(path.dirname(file), { recursive: true });
  if (entry.kind === 'dir') {
    if (current !== undefined && !current.isDirectory()) rmSync(file, { recursive: true, force: true });
    mkdirSync(file, { recursive: true });
    chmodSync(file, entry.mode | 0o700); // writable while its entries are restored; exact mode at the end
    return;
  }
  if (current?.isDirectory()) rmSync(file, { recursive: true, force: true });
  if (entry.kind === 'symlink' && entry.target !== undefined) {
    rmSync(file, { force: true });
    symlinkSync(entry.target, file);
    return;
  }
  if (entry.kind === 'file' && entry.bytes !== undefined) {
    const temporary = `${file}.testmaster-restore-${randomBytes(6).toString('hex')}`;
    writeFileSync(temporary, entry.bytes, { mode: entry.mode, flag: 'wx' });
    chmodSync(temporary, entry.mode);
    renameSync(temporary, file);
  }
  // Other kinds (fifos, sockets) are not recreated: git writes no such file in these places.
}

function byDepth(a: string, b: string): number {
  return a.split(path.sep).length - b.split(path.sep).length || a.localeCompare(b);
}
