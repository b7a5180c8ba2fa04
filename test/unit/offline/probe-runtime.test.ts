// The probe runtime as it runs inside a probe file: real calls, described outcomes, JSON lines read
// back with parseProbeLines, and the start line of a call that never finishes.
import { describe, expect, it } from 'vitest';
import { PROBE_RUNTIME } from '../../../src/offline/probe/probe-runtime.js';
import { parseProbeLines } from '../../../src/offline/probe/parse-probe-lines.js';
import type { CallOutcome } from '../../../src/offline/probe/outcome.js';

type Call = { target: string; index: number; run: () => unknown };

async function probe(calls: Call[], waitMs = 50): Promise<{ text: string; outcomes: Map<string, CallOutcome> }> {
  let text = '';
  const append = (_path: string, line: string): void => {
    text += line;
  };
  const run = new Function('calls', 'out', 'waitMs', 'append', `${PROBE_RUNTIME}\nreturn __tmProbe(calls, out, waitMs, append);`) as (
    calls: Call[],
    out: string,
    waitMs: number,
    append: (path: string, line: string) => void,
  ) => Promise<void>;
  await run(calls, '/unused', waitMs, append);
  const parsed = parseProbeLines(text);
  expect(parsed.unfinished).toBeNull();
  return { text, outcomes: new Map(parsed.records.map((record) => [`${record.target}#${record.index}`, record.outcome])) };
}

class Point {
  constructor(readonly x: number) {}
}

describe('probe runtime', () => {
  it('describes returned values, thrown errors and settled promises', async () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    const { outcomes } = await probe([
      { target: 'f', index: 0, run: () => 42 },
      { target: 'f', index: 1, run: () => Number.NaN },
      { target: 'f', index: 2, run: () => -0 },
      { target: 'f', index: 3, run: () => ({ a: [1, 'x', null], b: undefined }) },
      { target: 'f', index: 4, run: () => new Point(3) },
      { target: 'f', index: 5, run: () => new Map([['k', 1]]) },
      { target: 'f', index: 6, run: () => { throw new RangeError('too big'); } },
      { target: 'f', index: 7, run: () => { throw 'plain'; } },
      { target: 'g', index: 0, run: async () => 'done' },
      { target: 'g', index: 1, run: async () => { throw new TypeError('bad'); } },
      { target: 'g', index: 2, run: () => new Promise(() => undefined) },
      { target: 'h', index: 0, run: () => cyclic },
      { target: 'h', index: 1, run: () => Array.from({ length: 60 }, (_, i) => i) },
      { target: 'h', index: 2, run: () => (x: number) => x },
    ]);
    expect(outcomes.get('f#0')).toEqual({ kind: 'returned', value: { k: 'number', v: '42' } });
    expect(outcomes.get('f#1')).toEqual({ kind: 'returned', value: { k: 'number', v: 'NaN' } });
    expect(outcomes.get('f#2')).toEqual({ kind: 'returned', value: { k: 'number', v: '-0' } });
    expect(outcomes.get('f#3')).toEqual({
      kind: 'returned',
      value: { k: 'object', entries: [['a', { k: 'array', items: [{ k: 'number', v: '1' }, { k: 'string', v: 'x' }, { k: 'null' }] }], ['b', { k: 'undefined' }]] },
    });
    expect(outcomes.get('f#4')).toEqual({ kind: 'returned', value: { k: 'instance', ctor: 'Point', entries: [['x', { k: 'number', v: '3' }]] } });
    expect(outcomes.get('f#5')).toEqual({ kind: 'returned', value: { k: 'map', entries: [[{ k: 'string', v: 'k' }, { k: 'number', v: '1' }]] } });
    expect(outcomes.get('f#6')).toEqual({ kind: 'threw', error: { name: 'RangeError', message: 'too big' } });
    expect(outcomes.get('f#7')).toEqual({ kind: 'threw', error: { name: null, message: null, value: { k: 'string', v: 'plain' } } });
    expect(outcomes.get('g#0')).toEqual({ kind: 'resolved', value: { k: 'string', v: 'done' } });
    expect(outcomes.get('g#1')).toEqual({ kind: 'rejected', error: { name: 'TypeError', message: 'bad' } });
    expect(outcomes.get('g#2')).toEqual({ kind: 'pending', waitedMs: 50 });
    expect(outcomes.get('h#0')).toEqual({ kind: 'returned', value: { k: 'object', entries: [['a', { k: 'number', v: '1' }], ['self', { k: 'opaque', type: 'object' }]] } });
    expect(outcomes.get('h#1')).toEqual({ kind: 'returned', value: { k: 'opaque', type: 'array', length: 60 } });
    expect(outcomes.get('h#2')).toEqual({ kind: 'returned', value: { k: 'opaque', type: 'function' } });
  });

  it('writes the start line before the call, so a call that never finishes is named', () => {
    const parsed = parseProbeLines(
      [
        JSON.stringify({ target: 'f', index: 0, start: true }),
        JSON.stringify({ target: 'f', index: 0, outcome: { kind: 'returned', value: { k: 'null' } } }),
        JSON.stringify({ target: 'f', index: 1, start: true }),
        '{"target":"f","ind', // a line cut by the kill
      ].join('\n'),
    );
    expect(parsed.records).toHaveLength(1);
    expect(parsed.unfinished).toEqual({ target: 'f', index: 1 });
  });
});
