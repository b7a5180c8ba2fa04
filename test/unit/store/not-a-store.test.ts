/**
 * A file at the run store path that is not plainly SQLite is not ours: openRunStore refuses it before
 * SQLite opens it (even with fresh-start), with one line saying what to do, and leaves it exactly as it
 * was: same bytes, same name, no `.corrupt-*` copy, no side file created. On real files, links, a
 * directory and a FIFO.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveAside } from '../../../src/store/move-aside.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import { StoreError } from '../../../src/store/store-error.js';
import { notSqliteFileReason, SQLITE_HEADER, startsWithSqliteHeader, storeFileRefusal } from '../../../src/store/store-file-check.js';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const AUTHORIZED_KEYS = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOfTheUser me@laptop\n';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'testmaster-not-a-store-'));
}

/** Everything in `dir`, recursively, as name -> bytes (or `-> target` for a link, `<dir>`, `<fifo>`). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const name = path.slice(dir.length + 1);
    if (entry.isSymbolicLink()) out[name] = `-> ${readlinkSync(path)}`;
    else if (entry.isDirectory()) out[name] = '<dir>';
    else if (entry.isFIFO()) out[name] = '<fifo>';
    else out[name] = readFileSync(path).toString('base64');
  }
  return out;
}

function refusal(path: string): StoreError {
  try {
    openRunStore(path, { onCorrupt: 'fresh-start', onWarning: () => undefined }).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

/** What sits at the store path (and next to it), and the reason the refusal must give. */
const notOurs: readonly [string, (dir: string, path: string) => void, string][] = [
  ['an authorized_keys file', (_dir, path) => writeFileSync(path, AUTHORIZED_KEYS), 'it does not start with the SQLite header'],
  ['a shell rc file', (_dir, path) => writeFileSync(path, 'export PATH="$HOME/bin:$PATH"\nalias ll="ls -l"\n'), 'it does not start with the SQLite header'],
  ['random bytes', (_dir, path) => writeFileSync(path, Buffer.alloc(8192, 0x5a)), 'it does not start with the SQLite header'],
  ['an empty file (SQLite would write a database into it)', (_dir, path) => writeFileSync(path, ''), 'it is an empty file'],
  ['the header without its final NUL', (_dir, path) => writeFileSync(path, 'SQLite format 3'), 'it does not start with the SQLite header'],
  ['a header one byte off', (_dir, path) => writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 4\0', 'latin1'), Buffer.alloc(100)])), 'it does not start with the SQLite header'],
  ['a directory', (_dir, path) => mkdirSync(path), 'it is a directory'],
  ['a FIFO (never opened, so never waited on)', (_dir, path) => execFileSync('mkfifo', [path]), 'it is not a regular file'],
  [
    'a link to a file outside',
    (dir, path) => {
      writeFileSync(join(dir, 'authorized_keys'), AUTHORIZED_KEYS);
      symlinkSync(join(dir, 'authorized_keys'), path);
    },
    'it is a symbolic link',
  ],
  [
    'a link to a real SQLite file',
    (dir, path) => {
      openRunStore(join(dir, 'real.sqlite'), { onCorrupt: 'throw' }).close();
      symlinkSync(join(dir, 'real.sqlite'), path);
    },
    'it is a symbolic link',
  ],
  ['a dangling link', (dir, path) => symlinkSync(join(dir, 'nowhere'), path), 'it is a symbolic link'],
  [
    'no store, but a WAL side file that links to a file outside',
    (dir, path) => {
      writeFileSync(join(dir, 'bashrc'), 'alias ll="ls -l"\n');
      symlinkSync(join(dir, 'bashrc'), `${path}-wal`);
    },
    'its side file STORE-wal is a symbolic link',
  ],
  ['no store, but a journal side file that is a directory', (_dir, path) => mkdirSync(`${path}-journal`), 'its side file STORE-journal is a directory'],
];

describe('openRunStore on a file that is not ours', () => {
  it.each(notOurs)('refuses %s with one line and leaves everything as it was', (_what, make, reason) => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    make(dir, path);
    const before = snapshot(dir);
    const error = refusal(path);
    expect(error.problem).toBe('not-a-store');
    expect(error.message).toBe(
      `${path} is not a TestMaster run store (${reason.replace('STORE', path)}), so it was left as it is; choose another store-path (or --no-store), or delete that file if you are sure nothing needs it`,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('still creates a missing file and reopens it (a store of ours carries the header)', () => {
    const path = join(tempDir(), 'store.sqlite');
    expect(storeFileRefusal(path)).toBeNull();
    openRunStore(path, { onCorrupt: 'throw' }).close();
    expect(notSqliteFileReason(path)).toBeNull();
    openRunStore(path, { onCorrupt: 'throw' }).close();
  });

  it('moveAside itself never moves a file that is not SQLite', () => {
    const dir = tempDir();
    const path = join(dir, 'authorized_keys');
    writeFileSync(path, AUTHORIZED_KEYS);
    expect(() => moveAside(path, 0)).toThrow(StoreError);
    expect(() => moveAside(path, 0)).toThrow(/authorized_keys is not a TestMaster run store \(it does not start with the SQLite header\); it was not moved aside/);
    expect(snapshot(dir)).toEqual({ authorized_keys: Buffer.from(AUTHORIZED_KEYS).toString('base64') });
  });
});

describe('startsWithSqliteHeader', () => {
  it('is the 16 bytes "SQLite format 3\\0", nothing shorter or different', () => {
    expect(SQLITE_HEADER).toEqual(HEADER);
    expect(startsWithSqliteHeader(Buffer.concat([HEADER, Buffer.from('rest')]))).toBe(true);
    expect(startsWithSqliteHeader(HEADER)).toBe(true);
    expect(startsWithSqliteHeader(HEADER.subarray(0, 15))).toBe(false);
    expect(startsWithSqliteHeader(Buffer.from('sqlite format 3\0', 'latin1'))).toBe(false);
    expect(startsWithSqliteHeader(Buffer.alloc(0))).toBe(false);
  });
});
