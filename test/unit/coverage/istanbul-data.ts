/** Test helper: hand-made Istanbul file coverage, one statement/function/branch per description. */
import type { FileCoverageData, Range } from 'istanbul-lib-coverage';

export interface FileSpec {
  /** [start line, hits] per statement. */
  readonly statements?: readonly (readonly [number, number])[];
  /** [line, hits] per function. */
  readonly functions?: readonly (readonly [number, number])[];
  /** Per branch: the start line and the hits of each path; `noLoc` leaves out `loc` (old data). */
  readonly branches?: readonly { readonly line: number; readonly hits: readonly number[]; readonly noLoc?: boolean; readonly type?: string; readonly pathLines?: readonly number[] }[];
}

export function range(line: number, column = 0, endLine = line, endColumn = column + 10): Range {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

export function fileData(path: string, spec: FileSpec): FileCoverageData {
  const data: FileCoverageData = { path, statementMap: {}, fnMap: {}, branchMap: {}, s: {}, f: {}, b: {} };
  (spec.statements ?? []).forEach(([line, hits], i) => {
    data.statementMap[i] = range(line, i);
    data.s[i] = hits;
  });
  (spec.functions ?? []).forEach(([line, hits], i) => {
    data.fnMap[i] = { name: `fn${i}`, decl: range(line, 1), loc: range(line, 2, line + 1), line };
    data.f[i] = hits;
  });
  (spec.branches ?? []).forEach(({ line, hits, noLoc, type, pathLines }, i) => {
    const locations = hits.map((_, k) => range(pathLines?.[k] ?? line, 20 + k * 5));
    const branch = { type: type ?? 'if', locations, line, loc: range(line, 3) };
    if (noLoc) {
      delete (branch as Partial<typeof branch>).loc;
      delete (branch as Partial<typeof branch>).line;
    }
    data.branchMap[i] = branch as FileCoverageData['branchMap'][string];
    data.b[i] = [...hits];
  });
  return data;
}
