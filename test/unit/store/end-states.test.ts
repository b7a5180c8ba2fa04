import { afterEach, describe, expect, it } from 'vitest';
import { moduleStateSchema, type ModuleOutcome, type ModuleState } from '../../../src/store/module-state.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { StoreError } from '../../../src/store/store-error.js';
import { emptyOutcome, fullPath, keptOutcome, RUN, states, tempStorePath } from './store-fixtures.js';

let store: RunStore | undefined;
afterEach(() => store?.close());

function open(path = tempStorePath()): RunStore {
  store = openRunStore(path, { onCorrupt: 'throw' });
  return store;
}

const end = (phase: 'kept' | 'dropped' | 'failed', outcome: ModuleOutcome): ModuleState => ({ phase, attempt: null, data: { outcome } });

describe('end states carry the module outcome', () => {
  it.each(['kept', 'dropped', 'failed'] as const)('gives back a %s outcome deep-equal after a reopen', (phase) => {
    const path = tempStorePath();
    const s = open(path);
    const run = s.createRun(RUN);
    const outcome = phase === 'kept' ? keptOutcome() : { ...emptyOutcome(phase === 'failed' ? 'failed' : 'nothing-kept', 'no case passed twice'), possibleBugs: keptOutcome().possibleBugs };
    const path0 = phase === 'kept' ? fullPath().slice(0, -1) : [states().analysed, states().head];
    for (const state of path0) s.checkpoint(run.id, 'src/a.ts', state);
    s.checkpoint(run.id, 'src/a.ts', end(phase, outcome));
    s.close();
    const progress = open(path).moduleState(run.id, 'src/a.ts');
    expect(progress?.finished).toBe(true);
    expect(progress?.current).toEqual(end(phase, outcome));
  });

  it('refuses kept with no file, and accepts dropped and failed with none', () => {
    const none = { ...keptOutcome(), files: [] };
    const kept = moduleStateSchema.safeParse(end('kept', none));
    expect(kept.success).toBe(false);
    expect(kept.error?.issues[0]?.path).toEqual(['data', 'outcome', 'files']);
    expect(moduleStateSchema.safeParse(end('dropped', none)).success).toBe(true);
    expect(moduleStateSchema.safeParse(end('failed', none)).success).toBe(true);

    const s = open();
    const run = s.createRun(RUN);
    for (const state of fullPath().slice(0, -1)) s.checkpoint(run.id, 'src/a.ts', state);
    let error: unknown;
    try {
      s.checkpoint(run.id, 'src/a.ts', end('kept', none));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/^refused to store the state of src\/a\.ts at kept: at data\.outcome\.files: /);
    expect(s.moduleState(run.id, 'src/a.ts')?.current.phase).toBe('validated');
  });

  const broken: readonly [string, (outcome: ModuleOutcome) => unknown, string][] = [
    ['a negative coveredBy count', (o) => ({ ...o, coveredBy: { offline: -1, model: 0 } }), 'coveredBy.offline'],
    ['a fractional coveredBy count', (o) => ({ ...o, coveredBy: { offline: 0, model: 1.5 } }), 'coveredBy.model'],
    ['a coveredBy without the model figure', (o) => ({ ...o, coveredBy: { offline: 0 } }), 'coveredBy.model'],
    ['no generation', (o) => ({ ...o, generation: null }), 'generation'],
    ['a possible bug without a file', (o) => ({ ...o, possibleBugs: [{ ...o.possibleBugs[0]!, file: '' }] }), 'possibleBugs[0].file'],
    ['a kept file edited after it was verified', (o) => ({ ...o, files: [{ ...o.files[0]!, content: 'x' }] }), 'files[0].sha256'],
    ['an unknown field', (o) => ({ ...o, extra: true }), ''],
    ['the old shape (reason, no outcome)', () => undefined, ''],
  ];
  it.each(broken)('refuses an outcome with %s', (_what, edit, where) => {
    const edited = edit(keptOutcome());
    const state = edited === undefined ? { phase: 'dropped', attempt: null, data: { reason: 'x', generation: null } } : end('dropped', edited as ModuleOutcome);
    const parsed = moduleStateSchema.safeParse(state);
    expect(parsed.success).toBe(false);
    if (where !== '') expect(parsed.error?.issues.map((issue) => issue.path.join('.').replace(/\.(\d+)/g, '[$1]'))).toContain(`data.outcome.${where}`);
  });
});
