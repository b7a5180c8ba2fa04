import { describe, expect, it } from 'vitest';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { buildFileReports } from '../../../src/pipeline/build-file-reports.js';
import type { ModulePlan, SideCoverage } from '../../../src/pipeline/module-plan.js';
import type { PackageInfo } from '../../../src/runners/types.js';

const pkg: PackageInfo = {
  relDir: 'packages/a',
  name: 'a',
  framework: 'vitest',
  frameworkVersion: '5.1.1',
  runnerEntry: '/x/vitest.mjs',
  packageManager: 'npm',
  moduleType: 'module',
};

/** Lines 1..4 each one statement; line 2 starts an if whose else was never taken. */
function data(path: string, hits: number[]): FileCoverageData {
  const loc = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 10 } });
  return {
    path,
    statementMap: Object.fromEntries(hits.map((_, i) => [String(i), loc(i + 1)])),
    s: Object.fromEntries(hits.map((n, i) => [String(i), n])),
    fnMap: {},
    f: {},
    branchMap: { '0': { loc: loc(2), type: 'if', locations: [loc(2), loc(2)], line: 2 } },
    b: { '0': [hits[1] ?? 0, 0] },
  } as unknown as FileCoverageData;
}

function side(files: Record<string, FileCoverageData>, failures: Record<string, string> = {}): SideCoverage {
  return {
    files: new Map(Object.entries(files)),
    failures: new Map(Object.entries(failures)),
    testsByPackage: new Map([['packages/a', ['packages/a/test/other.test.ts', 'packages/a/test/x.test.ts']]]),
    failedCasesByPackage: new Map(),
  };
}

const modified: ModulePlan = {
  file: { path: 'packages/a/src/x.ts', previousPath: 'packages/a/src/old-x.ts', kind: 'renamed', changedLines: [2, 3, 4, 9] },
  pkg,
};
const added: ModulePlan = { file: { path: 'packages/a/src/new.ts', previousPath: null, kind: 'added', changedLines: [1, 2] }, pkg };

describe('buildFileReports', () => {
  it('computes head, patch (with partial and missing lines) and base under the previous path of a rename', () => {
    const head = side({ 'packages/a/src/x.ts': data('x', [1, 3, 0, 2]) });
    const base = side({ 'packages/a/src/old-x.ts': data('old', [1, 0, 0, 0]) });
    const [report] = buildFileReports([modified], head, base);
    expect(report).toMatchObject({
      path: 'packages/a/src/x.ts',
      previousPath: 'packages/a/src/old-x.ts',
      status: 'measured',
      reason: null,
      relatedTests: ['packages/a/test/x.test.ts'],
    });
    // changed lines 2,3,4 are coverable (9 is not); 2 and 4 hit, 3 missed; line 2 starts a half-taken branch
    expect(report!.head!.patch).toEqual({ covered: 2, total: 3, partial: 1, missingLines: [3], partialLines: [2] });
    expect(report!.head!.lines).toEqual({ covered: 3, total: 4 });
    expect(report!.base!.lines).toEqual({ covered: 1, total: 4 });
  });

  it('gives a new file no base, and a failed package its reason and no figures', () => {
    const head = side({ 'packages/a/src/new.ts': data('n', [1, 1]) });
    const report = buildFileReports([added], head, side({}))[0]!;
    expect(report.base).toBeNull();
    // no test is named after new.ts: all the tests the runner related to the package's changes
    expect(report.relatedTests).toEqual(['packages/a/test/other.test.ts', 'packages/a/test/x.test.ts']);
    const failed = buildFileReports([added], side({}, { 'packages/a': 'vitest crashed' }), null)[0]!;
    expect(failed).toMatchObject({ status: 'failed', reason: 'vitest crashed', head: null, base: null });
  });

  it('notes a base failure and failing existing tests without failing the file', () => {
    const head: SideCoverage = { ...side({ 'packages/a/src/x.ts': data('x', [1, 1, 1, 1]) }), failedCasesByPackage: new Map([['packages/a', 2]]) };
    const report = buildFileReports([modified], head, side({}, { 'packages/a': 'no Vitest at the base' }))[0]!;
    expect(report.status).toBe('measured');
    expect(report.base).toBeNull();
    expect(report.reason).toBe('2 existing test case(s) failed at the head; base not measured: no Vitest at the base');
  });
});
