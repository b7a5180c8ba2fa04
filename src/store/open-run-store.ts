/**
 * Opens (or creates) the run store at `path`: the file is checked (open-database.ts) and every row
 * validated before the store is handed out. An unusable file (not SQLite, a foreign or newer schema,
 * a failed integrity check, a row that fails validation) is a StoreError with a one-line message;
 * with onCorrupt 'fresh-start' it is moved aside as `<name>.corrupt-<timestamp>`, a new store is
 * made, and the caller is told through `store.recovery` and onWarning. Problems with the path itself
 * (permissions, a locked file) are thrown either way: moving a file aside would not fix them.
 *
 * A file that is not plainly SQLite (no SQLite header, empty, a link, a directory, a special file) is
 * not ours: it is refused ('not-a-store') before SQLite opens it, and never moved, replaced or written.
 */
import { openStoreDatabase } from './open-database.js';
import { moveAside } from './move-aside.js';
import { RunStore, type RunStoreHooks, type StoreRecovery } from './run-store.js';
import { isStoreError, StoreError } from './store-error.js';
import { storeFileRefusal } from './store-file-check.js';
import { createStoreTables, validateStoreRows } from './store-tables.js';

export interface OpenRunStoreOptions extends RunStoreHooks {
  /** 'fresh-start': move an unusable file aside and start an empty store; 'throw': throw the StoreError. */
  readonly onCorrupt: 'fresh-start' | 'throw';
}

export function openRunStore(path: string, options: OpenRunStoreOptions): RunStore {
  const refusal = storeFileRefusal(path);
  if (refusal !== null) throw notAStoreError(path, refusal);
  try {
    return openChecked(path, null, options);
  } catch (error) {
    if (!isStoreError(error) || error.problem === 'io' || options.onCorrupt === 'throw') throw error;
    const movedTo = moveAside(path, (options.now ?? Date.now)());
    options.onWarning?.(`${error.message.replace(/; [^;]*$/, '')}; moved it to ${movedTo} and started a fresh run store`);
    return openChecked(path, { reason: error.message, movedTo }, options);
  }
}

/** The one-line refusal of a file that is not ours at the store path. */
export function notAStoreError(path: string, reason: string): StoreError {
  return new StoreError(
    'not-a-store',
    `${path} is not a TestMaster run store (${reason}), so it was left as it is; choose another store-path (or --no-store), or delete that file if you are sure nothing needs it`,
  );
}

function openChecked(path: string, recovery: StoreRecovery | null, options: OpenRunStoreOptions): RunStore {
  const db = openStoreDatabase(path);
  try {
    const tables = createStoreTables(db);
    validateStoreRows(db, tables);
    return new RunStore(db, tables, path, recovery, options);
  } catch (error) {
    db.close();
    if (isStoreError(error)) throw error;
    throw new StoreError('corrupt', `the run store ${path} could not be read (${error instanceof Error ? error.message : String(error)}); delete or move the file to start a fresh store`, { cause: error });
  }
}
