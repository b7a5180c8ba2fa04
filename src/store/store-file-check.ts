/**
 * Whether the file at a run store path may be opened by us at all. SQLite opens whatever is there
 * and writes into it (an empty file becomes a database; a link is followed), and a store that fails
 * its checks is moved aside: so anything that is not plainly a SQLite file is refused before SQLite
 * sees it, and left exactly as it was. Only a missing file (created) and a regular file starting with
 * the 16-byte SQLite header qualify; SQLite's side files must not be links or special files either.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';

/** The first 16 bytes of every SQLite 3 database file. */
export const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** SQLite's side files next to a database. */
export const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** Whether these bytes begin with the SQLite header (pure). */
export function startsWithSqliteHeader(bytes: Uint8Array): boolean {
  return bytes.length >= SQLITE_HEADER.length && SQLITE_HEADER.equals(bytes.subarray(0, SQLITE_HEADER.length));
}

/** Why the file at `path` is not a plain SQLite file (a link, a directory, a special file, empty, another header), or null; it must exist. */
export function notSqliteFileReason(path: string): string | null {
  const stats = lstatSync(path);
  if (!stats.isFile()) return kindOf(stats);
  if (stats.size === 0) return 'it is an empty file';
  const head = Buffer.alloc(SQLITE_HEADER.length);
  // O_NOFOLLOW and O_NONBLOCK: what is read is the regular file just checked, never a link or a FIFO put there since.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) return 'it is not a regular file';
    const read = readSync(fd, head, 0, head.length, 0);
    return startsWithSqliteHeader(head.subarray(0, read)) ? null : 'it does not start with the SQLite header';
  } finally {
    closeSync(fd);
  }
}

/**
 * Why the run store may not be opened at `path` (the file is not ours), or null: a missing file is
 * fine (SQLite creates it), an existing one must be a SQLite file, and an existing side file a
 * regular file.
 */
export function storeFileRefusal(path: string): string | null {
  if (somethingAt(path)) {
    const reason = notSqliteFileReason(path);
    if (reason !== null) return reason;
  }
  for (const suffix of SQLITE_SIDE_FILES) {
    const side = `${path}${suffix}`;
    const stats = statsAt(side);
    if (stats !== null && !stats.isFile()) return `its side file ${side} ${kindOf(stats).replace(/^it /, '')}`;
  }
  return null;
}

/** True when anything (a file, a directory, a dangling link) is at `path`. */
export function somethingAt(path: string): boolean {
  return statsAt(path) !== null;
}

function statsAt(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'it is a symbolic link';
  if (stats.isDirectory()) return 'it is a directory';
  return 'it is not a regular file';
}
