import { describe, expect, it } from 'vitest';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { pickAnswerFile } from '../../../../src/generation/module/pick-answer-file.js';
import { findPossibleBugs } from '../../../../src/generation/module/possible-bugs.js';
import { uncoveredBranches } from '../../../../src/generation/module/uncovered-branches.js';

const TEST_PATH = 'src/a.testmaster.test.ts';

describe('pickAnswerFile', () => {
  it('takes the file at the chosen path', () => {
    const picked = pickAnswerFile({ files: [{ path: 'x.test.ts', content: 'one' }, { path: TEST_PATH, content: 'two' }], notes: null }, TEST_PATH);
    expect(picked).toEqual({ content: 'two', pathNote: null });
  });

  it('writes at the chosen path whatever the model proposed, and says why', () => {
    const escaping = pickAnswerFile({ files: [{ path: '../../etc/evil.test.ts', content: 'code' }], notes: null }, TEST_PATH);
    expect(escaping.content).toBe('code');
    expect(escaping.pathNote).toMatch(/rejected: .*; written at src\/a\.testmaster\.test\.ts instead/);
    const elsewhere = pickAnswerFile({ files: [{ path: 'test/a.test.ts', content: 'code' }], notes: null }, TEST_PATH);
    expect(elsewhere.pathNote).toContain('not the configured test path');
  });

  it('takes a code-only answer as is', () => {
    expect(pickAnswerFile({ files: [{ path: null, content: 'code' }], notes: null }, TEST_PATH)).toEqual({ content: 'code', pathNote: null });
  });
});

const SOURCE = `/** Splits an amount into shares that add up to the amount, spreading the remainder. */
export function splitEvenly(cents: number, parts: number): number[] {
  return Array.from({ length: parts }, () => Math.floor(cents / parts));
}
`;

describe('findPossibleBugs', () => {
  const assertion = { name: 'splitEvenly > shares add up to the amount', message: 'AssertionError: expected [ 3, 3, 3 ] to deeply equal [ 4, 3, 3 ]\n- Expected\n+ Received' };

  it('reports an assertion failure that agrees with a doc comment', () => {
    const bugs = findPossibleBugs('src/money.ts', SOURCE, [assertion], null);
    expect(bugs).toHaveLength(1);
    expect(bugs[0]).toMatchObject({ file: 'src/money.ts', testName: assertion.name });
    expect(bugs[0]!.evidence).toContain('doc comment of splitEvenly');
  });

  it('reports one the model flagged in its notes', () => {
    const failure = { name: 'rounding > keeps cents', message: 'Expected: 5\nReceived: 4' };
    const bugs = findPossibleBugs('src/money.ts', 'export const x = 1;\n', [failure], 'The rounding case looks like a bug: the doc says cents are kept.');
    expect(bugs.map((bug) => bug.evidence)).toEqual([expect.stringContaining('the model noted')]);
  });

  it('ignores crashes and unrelated assertions', () => {
    const crash = { name: 'splitEvenly > shares add up to the amount', message: "TypeError: splitEvenly is not a function" };
    const unrelated = { name: 'formats a label', message: 'AssertionError: expected 1 to be 2' };
    expect(findPossibleBugs('src/money.ts', SOURCE, [crash, unrelated], null)).toEqual([]);
  });
});

describe('uncoveredBranches', () => {
  it('quotes the code of a V8 block that never ran (the false side of a ?:, a catch), instead of "path 1 of 1"', () => {
    const source = [
      'export function trim(path: string): string {',
      '  const clean = path.endsWith("/") ? path.slice(0, -1) : path;',
      '  try {',
      '    return decodeURIComponent(clean);',
      '  } catch {',
      '    return clean;',
      '  }',
      '}',
    ].join('\n');
    const block = (line: number, column: number, endLine: number, endColumn: number) => {
      const loc = { start: { line, column }, end: { line: endLine, column: endColumn } };
      return { type: 'branch', line, loc, locations: [loc] };
    };
    const data = {
      path: 'src/trim.ts',
      statementMap: {},
      fnMap: {},
      s: {},
      f: {},
      branchMap: { '0': block(2, 55, 2, 61), '1': block(5, 4, 7, 3) },
      b: { '0': [0], '1': [0] },
    } as unknown as FileCoverageData;
    expect(uncoveredBranches(data, [2, 5], source)).toEqual([
      { line: 2, description: 'the code `: path` (from column 56) never runs' },
      { line: 5, description: 'the code `catch {` (from column 5, to line 7) never runs' },
    ]);
    // Without the source, the block is still named, by number.
    expect(uncoveredBranches(data, [2], undefined)).toEqual([{ line: 2, description: 'path 1 of 1 of the branch is never taken' }]);
  });

  it('names the untaken paths of branches on changed lines only', () => {
    const data = {
      path: 'src/a.ts',
      statementMap: {},
      fnMap: {},
      s: {},
      f: {},
      branchMap: {
        '0': { type: 'if', line: 3, loc: { start: { line: 3, column: 2 }, end: { line: 3, column: 9 } }, locations: [] },
        '1': { type: 'cond-expr', line: 9, loc: { start: { line: 9, column: 2 }, end: { line: 9, column: 9 } }, locations: [] },
        '2': { type: 'switch', line: 5, loc: { start: { line: 5, column: 2 }, end: { line: 5, column: 9 } }, locations: [] },
      },
      b: { '0': [4, 0], '1': [0, 1], '2': [1, 0, 0] },
    } as unknown as FileCoverageData;
    expect(uncoveredBranches(data, [3, 5])).toEqual([
      { line: 3, description: 'the else branch is never taken' },
      { line: 5, description: 'case 2 of the switch is never taken' },
      { line: 5, description: 'case 3 of the switch is never taken' },
    ]);
  });
});
