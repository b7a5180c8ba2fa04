import { afterEach, describe, expect, it } from 'vitest';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { StoreError } from '../../../src/store/store-error.js';
import { RUN, tempStorePath } from './store-fixtures.js';

let store: RunStore | undefined;
afterEach(() => store?.close());

function open(path = tempStorePath(), clock = { now: 1_000 }): RunStore {
  store = openRunStore(path, { onCorrupt: 'throw', now: () => clock.now });
  return store;
}

describe('RunStore runs', () => {
  it('creates a running run with an id and reads it back, also after reopening', () => {
    const path = tempStorePath();
    const s = open(path);
    const run = s.createRun(RUN);
    expect(run).toMatchObject({ ...RUN, status: 'running', createdAtMs: 1_000, updatedAtMs: 1_000 });
    expect(run.id).toMatch(/^[0-9a-f-]{36}$/);
    s.close();
    const again = open(path);
    expect(again.getRun(run.id)).toEqual(run);
    expect(again.getRun('missing')).toBeNull();
  });

  it('finds the latest running or interrupted run of the same repo, base and head', () => {
    const clock = { now: 1_000 };
    const s = open(tempStorePath(), clock);
    const old = s.createRun(RUN);
    clock.now = 2_000;
    const latest = s.createRun(RUN);
    clock.now = 3_000;
    const otherHead = s.createRun({ ...RUN, head: 'c'.repeat(40) });
    s.createRun({ ...RUN, repoDir: '/elsewhere' });
    expect(s.findResumableRun(RUN.repoDir, RUN.base, RUN.head)?.id).toBe(latest.id);
    s.markRun(latest.id, 'interrupted');
    expect(s.findResumableRun(RUN.repoDir, RUN.base, RUN.head)?.id).toBe(latest.id);
    s.markRun(latest.id, 'failed');
    expect(s.findResumableRun(RUN.repoDir, RUN.base, RUN.head)?.id).toBe(old.id);
    s.markRun(old.id, 'completed');
    expect(s.findResumableRun(RUN.repoDir, RUN.base, RUN.head)).toBeNull();
    expect(s.findResumableRun(RUN.repoDir, RUN.base, otherHead.head)?.id).toBe(otherHead.id);
  });

  it('breaks a tie of creation times by insertion order', () => {
    const s = open();
    s.createRun(RUN);
    const second = s.createRun(RUN);
    expect(s.findResumableRun(RUN.repoDir, RUN.base, RUN.head)?.id).toBe(second.id);
  });

  it('resumes an interrupted run and refuses to change a finished one', () => {
    const clock = { now: 1_000 };
    const s = open(tempStorePath(), clock);
    const run = s.createRun(RUN);
    clock.now = 5_000;
    expect(s.markRun(run.id, 'interrupted')).toMatchObject({ status: 'interrupted', updatedAtMs: 5_000 });
    expect(s.markRun(run.id, 'running').status).toBe('running');
    s.markRun(run.id, 'completed');
    const error = (() => {
      try {
        s.markRun(run.id, 'running');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toBe(`run ${run.id} cannot go from completed to running: completed is an end status; start a new run instead`);
    expect(() => s.markRun('nope', 'completed')).toThrow(/no run nope in the run store/);
  });

  it('refuses a run with missing details', () => {
    const s = open();
    expect(() => s.createRun({ ...RUN, head: '' })).toThrow(/refused to create a run: at head: /);
  });

  it('prunes all but the most recent runs with their progress', () => {
    const clock = { now: 1_000 };
    const s = open(tempStorePath(), clock);
    const first = s.createRun(RUN);
    s.appendEvents(first.id, [{ type: 'warning', message: 'x', atMs: 1 }]);
    clock.now = 2_000;
    const second = s.createRun(RUN);
    expect(s.pruneRuns(1)).toBe(1);
    expect(s.getRun(first.id)).toBeNull();
    expect(s.loadEvents(first.id)).toEqual([]);
    expect(s.getRun(second.id)).not.toBeNull();
  });
});
