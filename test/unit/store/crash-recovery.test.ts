import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { fullPath, RUN, tempStorePath } from './store-fixtures.js';

let store: RunStore | undefined;
afterEach(() => store?.close());

/**
 * A separate process writes to the store with plain SQL: one committed checkpoint, then a large
 * write transaction (a tiny page cache makes SQLite spill its pages to the WAL before any commit),
 * and is killed with SIGKILL inside it, as a crash would.
 */
const CHILD = `
import { DatabaseSync } from 'node:sqlite';
const [path, runId, committed, uncommitted] = process.argv.slice(1);
const db = new DatabaseSync(path);
db.exec('PRAGMA cache_size = 1');
const insert = db.prepare("INSERT INTO module_progress (run_id, module, step, phase, attempt, state, updated_at) VALUES (?, ?, ?, ?, NULL, ?, 1)");
db.exec('BEGIN IMMEDIATE');
insert.run(runId, 'src/a.ts', 2, 'head-measured', committed);
db.exec('COMMIT');
db.exec('BEGIN IMMEDIATE');
db.prepare("UPDATE runs SET status = 'completed' WHERE id = ?").run(runId);
insert.run(runId, 'src/a.ts', 3, 'base-measured', uncommitted);
for (let n = 0; n < 500; n += 1) insert.run(runId, 'src/m' + n + '.ts', 1, 'analysed', 'x'.repeat(2000));
process.stdout.write('in-transaction\\n');
process.kill(process.pid, 'SIGKILL');
`;

describe('the run store after a crash', () => {
  it('keeps what was committed, drops the half-written transaction, and stays usable', () => {
    const path = tempStorePath();
    store = openRunStore(path, { onCorrupt: 'throw' });
    const run = store.createRun(RUN);
    const path0 = fullPath('src/a.ts');
    store.checkpoint(run.id, 'src/a.ts', path0[0]!);
    store.close();
    store = undefined;

    const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, path, run.id, JSON.stringify(path0[1]), JSON.stringify(path0[2])], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('in-transaction\n');
    expect(child.signal).toBe('SIGKILL');
    // The uncommitted rows reached the WAL file: recovery has to ignore them, not just never see them.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(500_000);

    store = openRunStore(path, { onCorrupt: 'throw' });
    expect(store.recovery).toBeNull();
    expect(store.getRun(run.id)?.status).toBe('running');
    const states = store.moduleStates(run.id);
    expect(states.map((progress) => progress.module)).toEqual(['src/a.ts']);
    expect(states[0]?.history.map((state) => state.phase)).toEqual(['analysed', 'head-measured']);
    for (const state of path0.slice(2)) store.checkpoint(run.id, 'src/a.ts', state);
    expect(store.moduleState(run.id, 'src/a.ts')?.current.phase).toBe('kept');
  });

  it('rolls back a checkpoint whose transaction did not commit in this process', () => {
    const path = tempStorePath();
    store = openRunStore(path, { onCorrupt: 'throw' });
    const run = store.createRun(RUN);
    const states = fullPath('src/a.ts');
    store.checkpoint(run.id, 'src/a.ts', states[0]!);
    expect(() =>
      store!.checkpoint(run.id, 'src/a.ts', states[1]!, {
        events: [{ type: 'warning', message: 'kept', atMs: 1 }, { type: 'warning', message: 'broken' } as never],
      }),
    ).toThrow(/event #2/);
    store.close();
    store = openRunStore(path, { onCorrupt: 'throw' });
    expect(store.moduleState(run.id, 'src/a.ts')?.current.phase).toBe('analysed');
    expect(store.loadEvents(run.id)).toEqual([]);
  });
});
