import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKeyOf, cacheKeyParts } from '../../../src/store/cache-entry.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { CACHED, KEY_INPUT, proposedFile, tempStorePath } from './store-fixtures.js';

let store: RunStore | undefined;
afterEach(() => store?.close());

function open(path: string, warnings: string[] = [], clock = { now: 1_000 }): RunStore {
  store = openRunStore(path, { onCorrupt: 'throw', onWarning: (message) => warnings.push(message), now: () => clock.now });
  return store;
}

/** Edits the cache row's JSON directly in the file, as someone tampering with a restored cache would. */
function editValue(path: string, edit: (value: Record<string, unknown>) => unknown): void {
  // edit returns the new value, or a string to store as the raw text.
  const db = new DatabaseSync(path);
  const row = db.prepare('SELECT key, value FROM cache_entries').get();
  const value = JSON.parse(String(row?.value)) as Record<string, unknown>;
  db.prepare('UPDATE cache_entries SET value = ? WHERE key = ?').run(rawText(edit(value)), String(row?.key));
  db.close();
}

function rawText(edited: unknown): string {
  return typeof edited === 'string' ? edited : JSON.stringify(edited);
}

describe('cross-run cache', () => {
  it('misses, then hits with the stored generation after a reopen', () => {
    const path = tempStorePath();
    const s = open(path);
    expect(s.cacheGet(KEY_INPUT)).toBeNull();
    const key = s.cachePut(KEY_INPUT, CACHED);
    expect(key).toBe(cacheKeyOf(cacheKeyParts(KEY_INPUT)));
    s.close();
    expect(open(path).cacheGet(KEY_INPUT)).toEqual(CACHED);
  });

  it.each([
    ['module content', { moduleContent: 'export const a = () => 2;\n' }],
    ['framework', { framework: 'jest' as const }],
    ['framework version', { frameworkVersion: '3.2.5' }],
    ['model', { model: 'gpt-4.1' }],
    ['prompt version', { promptVersion: 'v3' }],
    ['test path', { testPath: 'src/a.spec.ts' }],
  ])('misses when the %s changed', (_what, change) => {
    const s = open(tempStorePath());
    s.cachePut(KEY_INPUT, CACHED);
    expect(s.cacheGet({ ...KEY_INPUT, ...change })).toBeNull();
    expect(s.cacheGet(KEY_INPUT)).not.toBeNull();
  });

  it('keys inputs so that fields cannot run together', () => {
    const a = cacheKeyOf(cacheKeyParts({ ...KEY_INPUT, model: 'ab', promptVersion: 'c' }));
    const b = cacheKeyOf(cacheKeyParts({ ...KEY_INPUT, model: 'a', promptVersion: 'bc' }));
    expect(a).not.toBe(b);
  });

  it('refuses to store a generation whose files do not fit the key', () => {
    const s = open(tempStorePath());
    expect(() => s.cachePut({ ...KEY_INPUT, testPath: 'src/other.test.ts' }, CACHED)).toThrow(/no cached file is at the keyed test path src\/other\.test\.ts/);
    expect(() => s.cachePut(KEY_INPUT, { ...CACHED, files: [proposedFile('src/b.ts')] })).toThrow(/is for src\/b\.ts, not src\/a\.ts/);
    expect(() => s.cachePut(KEY_INPUT, { ...CACHED, files: [] })).toThrow(/refused to store the cache entry/);
  });

  const tampered: readonly [string, (value: Record<string, unknown>) => unknown, RegExp][] = [
    ['a file edited after validation', (v) => ({ ...v, value: { ...(v.value as object), files: [{ ...proposedFile(), content: 'process.exit(1)' }] } }), /does not match its sha256/],
    ['a file path escaping the repository', (v) => ({ ...v, value: { ...(v.value as object), files: [{ ...proposedFile(), path: '../x.test.ts' }] } }), /path escapes the repository/],
    ['key inputs of another module', (v) => ({ ...v, keyParts: { ...(v.keyParts as object), model: 'other-model' } }), /stored under another key than its inputs give/],
    ['text that is not JSON', () => '{"version":1,', /is not valid JSON/],
  ];
  it.each(tampered)('drops a row with %s, warns once, and treats it as a miss', (_what, edit, reason) => {
    const path = tempStorePath();
    const warnings: string[] = [];
    open(path, warnings).cachePut(KEY_INPUT, CACHED);
    store?.close();
    editValue(path, edit);
    const s = open(path, warnings);
    expect(s.cacheGet(KEY_INPUT)).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^dropped an invalid cache entry and treated it as a miss: /);
    expect(warnings[0]).toMatch(reason);
    expect(s.cacheGet(KEY_INPUT)).toBeNull();
    expect(warnings).toHaveLength(1);
    s.cachePut(KEY_INPUT, CACHED);
    expect(s.cacheGet(KEY_INPUT)).toEqual(CACHED);
  });

  it('prunes entries not used since a time, keeping those read since', () => {
    const clock = { now: 1_000 };
    const s = open(tempStorePath(), [], clock);
    s.cachePut(KEY_INPUT, CACHED);
    const other = { ...KEY_INPUT, model: 'other' };
    s.cachePut(other, CACHED);
    clock.now = 5_000;
    expect(s.cacheGet(KEY_INPUT)).not.toBeNull();
    expect(s.pruneCache(2_000)).toBe(1);
    expect(s.cacheGet(other)).toBeNull();
    expect(s.cacheGet(KEY_INPUT)).not.toBeNull();
  });
});
