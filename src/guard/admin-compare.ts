/**
 * What changed in the guarded git files (pure): paths added, removed, or whose kind, mode or signature
 * differ. A file whose signature differs but whose bytes and mode are the same (rewritten identically)
 * is not a change; the caller reads such files and asks `sameEntry`.
 */
import type { AdminEntry, AdminSnapshot, AdminStats } from './admin-scan.js';

export interface AdminDifference {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Present in both, but another kind, mode or signature. */
  readonly differing: readonly string[];
}

export function compareAdmin(baseline: AdminSnapshot, current: AdminStats): AdminDifference {
  const added: string[] = [];
  const removed: string[] = [];
  const differing: string[] = [];
  for (const [file, before] of baseline) {
    const now = current.get(file);
    if (now === undefined) removed.push(file);
    else if (now.kind !== before.kind || now.mode !== before.mode || now.sig !== before.sig) differing.push(file);
  }
  for (const file of current.keys()) if (!baseline.has(file)) added.push(file);
  return { added: added.sort(), removed: removed.sort(), differing: differing.sort() };
}

/** True when `now` has the kind, mode and content (bytes or symlink target) of `before`. */
export function sameEntry(before: AdminEntry, now: AdminEntry | null): boolean {
  if (now === null || now.kind !== before.kind || now.mode !== before.mode) return false;
  if (before.kind === 'file') return before.bytes !== undefined && now.bytes !== undefined && before.bytes.equals(now.bytes);
  if (before.kind === 'symlink') return before.target === now.target;
  return before.kind === 'dir';
}

/** Every path of a difference, sorted. */
export function changedPaths(difference: AdminDifference): string[] {
  return [...difference.added, ...difference.removed, ...difference.differing].sort();
}
