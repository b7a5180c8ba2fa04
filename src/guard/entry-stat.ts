/**
 * What the guard records of one file system entry (pure over a bigint stat): its kind, permission bits
 * and a signature that changes with any write. For files: inode, size, mtime and ctime in nanoseconds;
 * ctime cannot be set back by an unprivileged process, so a write shows even when mtime is forged.
 * For directories only kind and mode count: their times change when an entry is created and removed
 * again, which leaves nothing behind; what they hold is compared entry by entry.
 */
import type { BigIntStats } from 'node:fs';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

export interface EntryStat {
  readonly kind: EntryKind;
  /** Permission bits (0o7777). */
  readonly mode: number;
  readonly sig: string;
}

export function entryStat(stats: BigIntStats): EntryStat {
  const mode = Number(stats.mode & 0o7777n);
  if (stats.isDirectory()) return { kind: 'dir', mode, sig: `d:${mode}` };
  if (stats.isFile()) return { kind: 'file', mode, sig: `f:${mode}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}` };
  // A symlink's target cannot change in place: a new target is a new link (new inode, new ctime).
  if (stats.isSymbolicLink()) return { kind: 'symlink', mode, sig: `l:${stats.ino}:${stats.ctimeNs}` };
  return { kind: 'other', mode, sig: `o:${mode}:${stats.ino}:${stats.ctimeNs}` };
}
