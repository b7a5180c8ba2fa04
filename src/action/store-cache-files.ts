/**
 * The files around moving the run store through the Actions cache. The cache never reads or writes
 * the store itself: a save caches a copy at the store's transfer path (`<store dir>/store-cache-transfer/
 * <store name>`), and a restore extracts there, checks the file is a plain SQLite file, and only then
 * renames it onto the store path (same directory tree, so the rename is atomic). A restore that fails
 * or is abandoned part way leaves nothing at the store path, and its leftovers are removed. The
 * store's `-wal` and `-shm` side files are never cached; stale ones are removed before a restored file
 * takes the store's place, so SQLite never pairs them with the wrong database.
 */
import { copyFileSync, lstatSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { notSqliteFileReason, somethingAt } from '../store/store-file-check.js';

const TRANSFER_DIR = 'store-cache-transfer';
const SIDE_FILES = ['-wal', '-shm'] as const;

/** The path handed to @actions/cache for a store at `storePath` (absolute; the same on every run). */
export function transferPathFor(storePath: string): string {
  const absolute = resolve(storePath);
  return join(dirname(absolute), TRANSFER_DIR, basename(absolute));
}

/**
 * Why @actions/cache cannot take this path, or null. It reads cache paths as glob patterns, so a
 * path with glob characters would match other files or none.
 */
export function unusablePathReason(storePath: string): string | null {
  const path = transferPathFor(storePath);
  if (/[*?[\]]/.test(path)) return `its path ${path} holds glob characters (* ? [ ]), which the cache library would read as a pattern`;
  return null;
}

export function removeTransfer(storePath: string): void {
  rmSync(dirname(transferPathFor(storePath)), { recursive: true, force: true });
}

/** A fresh transfer directory holding a copy of the store file; returns the copy's path. */
export function stageForSave(storePath: string): string {
  const transfer = transferPathFor(storePath);
  removeTransfer(storePath);
  mkdirSync(dirname(transfer), { recursive: true });
  copyFileSync(storePath, transfer);
  return transfer;
}

/** Bytes in `<storePath>-wal`: more than 0 means the store is open (or crashed) and the file alone is stale. */
export function pendingWalBytes(storePath: string): number {
  const wal = `${storePath}-wal`;
  return somethingAt(wal) ? lstatSync(wal).size : 0;
}

export { somethingAt } from '../store/store-file-check.js';

/** Why the file at `path` is not a plain SQLite file (missing, a link, a directory, empty, another header), or null. */
export function notSqliteReason(path: string): string | null {
  return somethingAt(path) ? notSqliteFileReason(path) : 'it is missing';
}

/** Moves the checked transfer file onto the store path (after removing stale side files); returns its size. */
export function installRestored(storePath: string): number {
  const transfer = transferPathFor(storePath);
  const size = lstatSync(transfer).size;
  for (const suffix of SIDE_FILES) rmSync(`${storePath}${suffix}`, { force: true });
  mkdirSync(dirname(storePath), { recursive: true });
  renameSync(transfer, storePath);
  removeTransfer(storePath);
  return size;
}
