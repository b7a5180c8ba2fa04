/**
 * V8 block coverage across runs, on data shaped as v8-to-istanbul gives it for a module like
 *
 *   1 export function trimSlash(input: string): string {
 *   2   const [head, ...rest] = input.split('?');
 *   3   const clean = head.endsWith('/') ? head.slice(0, -1) : head;
 *   4   return rest.length > 0 ? `${clean}?${rest.join('?')}` : clean;
 *   5 }
 *
 * The existing tests always strip a slash: their run shows the `: head` side as a block with count 0.
 * A case that never strips one reports the `? head.slice(0, -1)` side with count 0 and no block for
 * `: head` (it ran as often as the function). V8 leaves such a block out; the gate must not.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { describe, expect, it } from 'vitest';
import { coveredUnits, mergeCoverage, selectCasesByCoverage } from '../../../../src/validation/gate/greedy-selection.js';
import { withInferredBlocks } from '../../../../src/validation/gate/v8-blocks.js';

const FUNCTION = { start: { line: 1, column: 7 }, end: { line: 5, column: 1 } };
const STRIP = { start: { line: 3, column: 37 }, end: { line: 3, column: 57 } };
const KEEP = { start: { line: 3, column: 57 }, end: { line: 3, column: 64 } };

function v8Run(calls: number, blocks: readonly { range: typeof STRIP; count: number }[]): FileCoverageData {
  const statementMap: Record<string, unknown> = {};
  const s: Record<string, number> = {};
  for (let line = 1; line <= 5; line += 1) {
    statementMap[String(line - 1)] = { start: { line, column: 0 }, end: { line, column: 60 } };
    s[String(line - 1)] = calls;
  }
  const branchMap: Record<string, unknown> = {};
  const b: Record<string, number[]> = {};
  blocks.forEach((block, index) => {
    branchMap[String(index)] = { type: 'branch', line: block.range.start.line, loc: block.range, locations: [block.range] };
    b[String(index)] = [block.count];
  });
  return {
    path: 'src/trim.ts',
    statementMap,
    s,
    fnMap: { '0': { name: 'trimSlash', decl: FUNCTION, loc: FUNCTION, line: 1 } },
    f: { '0': calls },
    branchMap,
    b,
  } as unknown as FileCoverageData;
}

const existingTests = v8Run(4, [{ range: KEEP, count: 0 }]);
const keepsTheSlashlessPath = v8Run(1, [{ range: STRIP, count: 0 }]);
const stripsASlash = v8Run(1, [{ range: KEEP, count: 0 }]);
const neverCalls = v8Run(0, []);

describe('V8 blocks a run leaves out', () => {
  it('are counted as their enclosing block or function ran in that run', () => {
    const inferred = withInferredBlocks(keepsTheSlashlessPath, [existingTests]);
    expect(coveredUnits(inferred)).toContain('B3:57:branch:0');
    expect(coveredUnits(withInferredBlocks(neverCalls, [existingTests]))).not.toContain('B3:57:branch:0');
  });

  it('let the greedy choice keep the case that takes the side the existing tests never take', () => {
    const selection = selectCasesByCoverage('src/trim.ts', existingTests, [
      { name: 'keeps a path without a trailing slash', coverage: keepsTheSlashlessPath },
      { name: 'strips a trailing slash', coverage: stripsASlash },
      { name: 'is never called', coverage: neverCalls },
    ]);
    expect(selection.kept).toEqual([{ name: 'keeps a path without a trailing slash', newLines: [], newBranchOutcomes: 1 }]);
    expect(selection.dropped.map((entry) => entry.name)).toEqual(['is never called', 'strips a trailing slash']);
    // What the report claims: the baseline and the kept case together take both sides.
    expect(coveredUnits(selection.combined!)).toEqual(expect.arrayContaining(['B3:37:branch:0', 'B3:57:branch:0']));
  });

  it('are inferred when runs are merged, so the final check sees what the cases took alone', () => {
    const merged = mergeCoverage('src/trim.ts', [existingTests, keepsTheSlashlessPath])!;
    expect(coveredUnits(merged)).toEqual(expect.arrayContaining(['B3:37:branch:0', 'B3:57:branch:0']));
    const onlyExisting = mergeCoverage('src/trim.ts', [existingTests, stripsASlash])!;
    expect(coveredUnits(onlyExisting)).not.toContain('B3:57:branch:0');
  });

  it('leave Istanbul data alone', () => {
    const istanbul = { ...existingTests, branchMap: { '0': { type: 'cond-expr', line: 3, loc: STRIP, locations: [STRIP, KEEP] } }, b: { '0': [4, 0] } } as unknown as FileCoverageData;
    const other = { ...istanbul, b: { '0': [0, 1] } } as unknown as FileCoverageData;
    expect(withInferredBlocks(istanbul, [other])).toBe(istanbul);
    expect(coveredUnits(mergeCoverage('src/trim.ts', [istanbul, other])!)).toEqual(expect.arrayContaining(['B3:37:cond-expr:0', 'B3:37:cond-expr:1']));
  });
});
