import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { answerKeyOf, busyLedger, ledgerStateOf, REPLY, RUN, tempStorePath, thrownStoreError } from './store-fixtures.js';

let store: RunStore | undefined;
afterEach(() => store?.close());

function open(path = tempStorePath(), warnings: string[] = []): RunStore {
  store = openRunStore(path, { onCorrupt: 'throw', onWarning: (message) => warnings.push(message) });
  return store;
}

const KEY = answerKeyOf('generate src/a.ts');
const OTHER_KEY = answerKeyOf('heal-1 src/a.ts');

describe('model answers', () => {
  it('gives back the recorded answer by run and key, across a reopen; null for another key or run', () => {
    const path = tempStorePath();
    const s = open(path);
    const run = s.createRun(RUN);
    const other = s.createRun(RUN);
    expect(s.findAnswer(run.id, KEY)).toBeNull();
    s.recordAnswer(run.id, KEY, REPLY);
    s.close();
    const again = open(path);
    expect(again.findAnswer(run.id, KEY)).toEqual(REPLY);
    expect(again.findAnswer(run.id, OTHER_KEY)).toBeNull();
    expect(again.findAnswer(other.id, KEY)).toBeNull();
    expect(again.findAnswer('no-such-run', KEY)).toBeNull();
  });

  it('replaces an earlier answer under the same key, and keeps replies with no usage, a refusal or a fallback', () => {
    const s = open();
    const run = s.createRun(RUN);
    s.recordAnswer(run.id, KEY, REPLY);
    const refused = { ...REPLY, content: '', refusal: 'I cannot help with that', finishReason: null, usage: null, attempts: 3, structuredOutput: 'rejected' as const };
    s.recordAnswer(run.id, KEY, refused);
    expect(s.findAnswer(run.id, KEY)).toEqual(refused);
  });

  it('records the answer and the ledger state in one transaction: both, or neither', () => {
    const s = open();
    const run = s.createRun(RUN);
    const ledger = ledgerStateOf(busyLedger());
    s.recordAnswer(run.id, KEY, REPLY, { ledger });
    expect(s.findAnswer(run.id, KEY)).toEqual(REPLY);
    expect(s.loadLedger(run.id)).toEqual(ledger);

    const broken = { ...ledger, run: { ...ledger.run, costMicros: 0 } };
    expect(thrownStoreError(() => s.recordAnswer(run.id, OTHER_KEY, REPLY, { ledger: broken })).message).toMatch(/^refused to store the budget ledger of run /);
    expect(s.findAnswer(run.id, OTHER_KEY)).toBeNull();
    expect(s.loadLedger(run.id)).toEqual(ledger);

    const lighter = ledgerStateOf(busyLedger({ maxCostUsd: 2, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null }));
    expect(thrownStoreError(() => s.recordAnswer(run.id, OTHER_KEY, { ...REPLY, attempts: 0 }, { ledger: lighter })).problem).toBe('invalid-input');
    expect(s.findAnswer(run.id, OTHER_KEY)).toBeNull();
    expect(s.loadLedger(run.id)).toEqual(ledger);
  });

  it('refuses an unknown run, a key that is not a SHA-256 and a reply that fails its schema', () => {
    const s = open();
    const run = s.createRun(RUN);
    const missing = thrownStoreError(() => s.recordAnswer('no-such-run', KEY, REPLY));
    expect(missing.problem).toBe('not-found');
    expect(missing.message).toContain('cannot record a model answer: no run no-such-run in the run store');
    expect(thrownStoreError(() => s.recordAnswer(run.id, 'abc', REPLY)).message).toMatch(/key must be a SHA-256 as 64 lowercase hex digits, got "abc"/);
    expect(thrownStoreError(() => s.findAnswer(run.id, KEY.toUpperCase())).problem).toBe('invalid-input');
    const bad: readonly [string, unknown, RegExp][] = [
      ['no attempt', { ...REPLY, attempts: 0 }, /at attempts: /],
      ['a fractional attempt count', { ...REPLY, attempts: 1.5 }, /at attempts: /],
      ['negative tokens', { ...REPLY, usage: { promptTokens: -1, completionTokens: 3 } }, /at usage\.promptTokens: /],
      ['an unknown field', { ...REPLY, raw: {} }, /Unrecognized key/],
      ['an unknown structured-output mode', { ...REPLY, structuredOutput: 'maybe' }, /at structuredOutput: /],
      ['no model', { ...REPLY, model: '' }, /at model: /],
    ];
    for (const [what, reply, message] of bad) {
      const error = thrownStoreError(() => s.recordAnswer(run.id, KEY, reply as typeof REPLY));
      expect(error.problem, what).toBe('invalid-input');
      expect(error.message, what).toMatch(message);
    }
    expect(s.findAnswer(run.id, KEY)).toBeNull();
  });

  const tampered: readonly [string, string, RegExp][] = [
    ['text that is not JSON', '{"content":', /is not valid JSON/],
    ['no attempt', JSON.stringify({ ...REPLY, attempts: 0 }), /fails validation \(at attempts: /],
    ['negative tokens', JSON.stringify({ ...REPLY, usage: { promptTokens: 10, completionTokens: -5 } }), /at usage\.completionTokens: /],
    ['an unknown field', JSON.stringify({ ...REPLY, injected: 'x' }), /Unrecognized key/],
    ['a missing field', JSON.stringify({ ...REPLY, content: undefined }), /at content: /],
  ];
  it.each(tampered)('treats a stored answer with %s as missing, with one warning', (_what, text, reason) => {
    const path = tempStorePath();
    const warnings: string[] = [];
    const s = open(path, warnings);
    const run = s.createRun(RUN);
    s.recordAnswer(run.id, KEY, REPLY);
    s.recordAnswer(run.id, OTHER_KEY, REPLY);
    s.close();
    const db = new DatabaseSync(path);
    db.prepare('UPDATE model_answers SET reply = ? WHERE key = ?').run(text, KEY);
    db.close();

    const again = open(path, warnings);
    expect(again.recovery).toBeNull();
    expect(again.findAnswer(run.id, KEY)).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^ignored an invalid model answer and treated it as missing: the run store's model answer [0-9a-f]{12} of run /);
    expect(warnings[0]).toMatch(reason);
    expect(warnings[0]).not.toMatch(/\n/);
    expect(again.findAnswer(run.id, OTHER_KEY)).toEqual(REPLY);
    again.recordAnswer(run.id, KEY, REPLY);
    expect(again.findAnswer(run.id, KEY)).toEqual(REPLY);
    expect(warnings).toHaveLength(1);
  });

  it('goes with its run when runs are pruned', () => {
    const s = open();
    const old = s.createRun(RUN);
    s.recordAnswer(old.id, KEY, REPLY);
    const kept = s.createRun(RUN);
    s.recordAnswer(kept.id, KEY, REPLY);
    expect(s.pruneRuns(1)).toBe(1);
    expect(s.findAnswer(old.id, KEY)).toBeNull();
    expect(s.findAnswer(kept.id, KEY)).toEqual(REPLY);
  });
});
