/**
 * Pure: the host's mount table (/proc/self/mountinfo) and the flags a bind of a path must keep. In a
 * user namespace the kernel refuses a bind remount that drops a flag the host mount holds (nosuid,
 * nodev, noexec, its atime mode): those flags are "locked", so the sandbox's binds repeat them.
 */
import { isInside } from './sandbox-spec.js';

export interface MountEntry {
  readonly mountPoint: string;
  /** Per-mount options, e.g. ['rw', 'nosuid', 'relatime']. */
  readonly options: readonly string[];
}

export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 6) continue;
    entries.push({ mountPoint: unescapeMountPath(fields[4]!), options: fields[5]!.split(',') });
  }
  return entries;
}

/** The mount a real path lives on: the last mounted of those with the longest enclosing mount point. */
export function mountOf(realPath: string, table: readonly MountEntry[]): MountEntry | null {
  let best: MountEntry | null = null;
  for (const entry of table) {
    if (!isInside(realPath, entry.mountPoint)) continue;
    if (best === null || entry.mountPoint.length >= best.mountPoint.length) best = entry;
  }
  return best;
}

const KEPT_FLAGS = new Set(['nosuid', 'nodev', 'noexec', 'noatime', 'nodiratime', 'relatime']);

/** Flags to repeat when binding a path of this mount (strictatime when it has no atime flag). */
export function lockedFlags(entry: MountEntry | null): string[] {
  if (entry === null) return [];
  const flags = entry.options.filter((option) => KEPT_FLAGS.has(option));
  if (!flags.includes('noatime') && !flags.includes('relatime')) flags.push('strictatime');
  return flags;
}

/** mountinfo escapes space, tab, newline and backslash as octal (\040...). */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}
