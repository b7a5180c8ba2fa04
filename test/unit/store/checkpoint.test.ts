import { afterEach, describe, expect, it } from 'vitest';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { stateIn } from '../../../src/store/module-progress.js';
import { StoreError } from '../../../src/store/store-error.js';
import type { ModuleState } from '../../../src/store/module-state.js';
import { busyLedger, fullPath, keptOutcome, ledgerStateOf, RUN, states, tempStorePath, thrownStoreError } from './store-fixtures.js';

let store: RunStore | undefined;
afterEach(() => store?.close());

function open(path = tempStorePath()): RunStore {
  store = openRunStore(path, { onCorrupt: 'throw' });
  return store;
}

describe('RunStore.checkpoint', () => {
  it('records every phase of a module and gives back its current state and history', () => {
    const s = open();
    const run = s.createRun(RUN);
    for (const state of fullPath('src/a.ts')) s.checkpoint(run.id, 'src/a.ts', state);
    const progress = s.moduleState(run.id, 'src/a.ts');
    expect(progress?.current.phase).toBe('kept');
    expect(progress?.finished).toBe(true);
    expect(progress?.history.map((state) => `${state.phase}:${String(state.attempt)}`)).toEqual([
      'analysed:null', 'head-measured:null', 'base-measured:null', 'generating:1', 'validated:1', 'generating:2', 'validated:2', 'kept:null',
    ]);
    expect(progress?.history).toEqual(fullPath('src/a.ts'));
    const head = progress ? stateIn(progress, 'head-measured') : null;
    expect(head?.data.head.patch.missingLines).toEqual([5, 6, 7]);
  });

  it('keeps modules apart and lists them all for the run', () => {
    const s = open();
    const run = s.createRun(RUN);
    const other = s.createRun({ ...RUN, head: 'c'.repeat(40) });
    s.checkpoint(run.id, 'src/a.ts', states('src/a.ts').analysed);
    s.checkpoint(run.id, 'src/b.ts', states('src/b.ts').analysed);
    s.checkpoint(run.id, 'src/b.ts', states('src/b.ts').head);
    s.checkpoint(other.id, 'src/a.ts', states('src/a.ts').analysed);
    const all = s.moduleStates(run.id);
    expect(all.map((p) => [p.module, p.current.phase, p.finished])).toEqual([
      ['src/a.ts', 'analysed', false],
      ['src/b.ts', 'head-measured', false],
    ]);
    expect(s.moduleState(run.id, 'src/c.ts')).toBeNull();
    expect(s.moduleStates(other.id)).toHaveLength(1);
  });

  it('refuses a step that does not follow the stored state, with one line naming module, current and attempted phase', () => {
    const s = open();
    const run = s.createRun(RUN);
    const st = states();
    s.checkpoint(run.id, 'src/a.ts', st.analysed);
    const error = thrownStoreError(() => s.checkpoint(run.id, 'src/a.ts', st.generating(1)));
    expect(error.problem).toBe('transition');
    expect(error.message).toContain('module src/a.ts cannot go from analysed to generating (attempt 1)');
    expect(error.message).toContain('after analysed comes head-measured | dropped | failed');
    expect(error.message).not.toMatch(/\n/);
    expect(s.moduleState(run.id, 'src/a.ts')?.history).toHaveLength(1);
  });

  it('refuses repeating a finished phase and anything after an end', () => {
    const s = open();
    const run = s.createRun(RUN);
    const st = states();
    s.checkpoint(run.id, 'src/a.ts', st.analysed);
    expect(thrownStoreError(() => s.checkpoint(run.id, 'src/a.ts', st.analysed)).message).toContain('cannot go from analysed to analysed');
    s.checkpoint(run.id, 'src/a.ts', st.failed);
    expect(thrownStoreError(() => s.checkpoint(run.id, 'src/a.ts', st.head)).message).toContain('(failed is an end phase)');
  });

  it('refuses a wrong attempt number', () => {
    const s = open();
    const run = s.createRun(RUN);
    const st = states();
    for (const state of [st.analysed, st.head, st.base, st.generating(1)]) s.checkpoint(run.id, 'src/a.ts', state);
    expect(thrownStoreError(() => s.checkpoint(run.id, 'src/a.ts', st.validated(2))).message).toContain('validated here needs attempt 1, got attempt 2');
  });

  it('refuses a state that fails its phase schema before touching the store', () => {
    const s = open();
    const run = s.createRun(RUN);
    const bad = { phase: 'analysed', attempt: null, data: { packageDir: '', framework: 'mocha', changedLines: [], contentSha256: 'x' } };
    const error = thrownStoreError(() => s.checkpoint(run.id, 'src/a.ts', bad as never));
    expect(error.problem).toBe('invalid-input');
    expect(error.message).toMatch(/^refused to store the state of src\/a\.ts at analysed: at data\.framework: /);
    expect(s.moduleState(run.id, 'src/a.ts')).toBeNull();
  });

  it('refuses a kept file whose content does not match its sha256', () => {
    const s = open();
    const run = s.createRun(RUN);
    const st = states();
    for (const state of [st.analysed, st.head, st.base, st.generating(1), st.validated(1)]) s.checkpoint(run.id, 'src/a.ts', state);
    const outcome = keptOutcome();
    const edited: ModuleState = { phase: 'kept', attempt: null, data: { outcome: { ...outcome, files: [{ ...outcome.files[0]!, content: 'changed' }] } } };
    expect(thrownStoreError(() => s.checkpoint(run.id, 'src/a.ts', edited)).message).toContain('does not match its sha256');
  });

  it('refuses an unsafe module path, an unknown run and a run that is not running', () => {
    const s = open();
    const run = s.createRun(RUN);
    expect(thrownStoreError(() => s.checkpoint(run.id, '../etc/passwd', states().analysed)).problem).toBe('invalid-input');
    expect(thrownStoreError(() => s.checkpoint('no-such-run', 'src/a.ts', states().analysed)).message).toContain('no run no-such-run in the run store');
    s.markRun(run.id, 'completed');
    expect(thrownStoreError(() => s.checkpoint(run.id, 'src/a.ts', states().analysed)).message).toContain(`cannot checkpoint src/a.ts in run ${run.id}: the run is completed`);
  });

  it('saves the ledger and events with the checkpoint, or nothing at all when one of them is invalid', () => {
    const s = open();
    const run = s.createRun(RUN);
    const ledger = ledgerStateOf(busyLedger());
    s.checkpoint(run.id, 'src/a.ts', states().analysed, { ledger, events: [{ type: 'module-analysis-started', path: 'src/a.ts', packageDir: '', atMs: 5 }] });
    expect(s.loadLedger(run.id)).toEqual(ledger);
    expect(s.loadEvents(run.id)).toHaveLength(1);

    const broken = { ...ledger, run: { ...ledger.run, costMicros: 0 } };
    expect(() => s.checkpoint(run.id, 'src/a.ts', states().head, { ledger: broken, events: [{ type: 'warning', message: 'x', atMs: 6 }] })).toThrow(StoreError);
    expect(s.moduleState(run.id, 'src/a.ts')?.current.phase).toBe('analysed');
    expect(s.loadLedger(run.id)).toEqual(ledger);
    expect(s.loadEvents(run.id)).toHaveLength(1);
  });
});
