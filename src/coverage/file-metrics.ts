/**
 * Pure: the numbers of one file's Istanbul coverage. Whole-file metrics are Istanbul's own summary
 * (toSummary); patch metrics follow the definitions of PatchMetrics in src/report/types.ts.
 */
import libCoverage from 'istanbul-lib-coverage';
import type { FileCoverageData, Totals } from 'istanbul-lib-coverage';
import type { Counts, Metrics, PatchMetrics } from '../report/types.js';

/** Lines, statements, functions and branches, the same numbers as Istanbul's toSummary. */
export function fileMetrics(data: FileCoverageData): Metrics {
  const summary = toFileCoverage(data).toSummary();
  return {
    lines: counts(summary.lines),
    statements: counts(summary.statements),
    functions: counts(summary.functions),
    branches: counts(summary.branches),
  };
}

/**
 * Coverage of the changed lines. A changed line is coverable when Istanbul's line coverage has it;
 * covered when it has at least one hit; partial when it is covered and a branch that was not fully
 * taken starts on it; missing when coverable with no hit. A changed line on which no statement starts
 * but an operand of a condition does (a multi-line `a && (b ? c : d)`) counts by those operands:
 * covered when one was evaluated, partial when another was not, missing when none was.
 */
export function patchMetrics(data: FileCoverageData, changedLines: readonly number[]): PatchMetrics {
  const lineHits = toFileCoverage(data).getLineCoverage() as Record<number, number>;
  const partialStarts = partiallyTakenBranchLines(data);
  const operands = operandHitsByLine(data);
  const missingLines: number[] = [];
  const partialLines: number[] = [];
  let total = 0;
  let covered = 0;
  for (const line of [...new Set(changedLines)].sort((a, b) => a - b)) {
    const hits = lineHits[line];
    if (hits === undefined) {
      const paths = operands.get(line);
      if (paths === undefined) continue;
      total += 1;
      if (paths.some((count) => count > 0)) {
        covered += 1;
        if (paths.some((count) => count === 0) || partialStarts.has(line)) partialLines.push(line);
      } else {
        missingLines.push(line);
      }
      continue;
    }
    total += 1;
    if (hits > 0) {
      covered += 1;
      if (partialStarts.has(line)) partialLines.push(line);
    } else {
      missingLines.push(line);
    }
  }
  return { covered, total, partial: partialLines.length, missingLines, partialLines };
}

/** Lines on which a branch starts (its `loc`, else its first location) that has an untaken path. */
export function partiallyTakenBranchLines(data: FileCoverageData): Set<number> {
  const lines = new Set<number>();
  for (const [id, hits] of Object.entries(data.b)) {
    if (!hits.some((count) => count === 0)) continue;
    const line = branchStartLine(data.branchMap[id]);
    if (line !== null) lines.add(line);
  }
  return lines;
}

/** Branch types whose paths are operands of an expression (`a && b`, `a ? b : c`), not statements. */
const OPERAND_BRANCHES = new Set(['binary-expr', 'cond-expr']);

/** The hit counts of the operands (paths of `&&`/`||`/`??` and `?:` branches) starting on each line. */
function operandHitsByLine(data: FileCoverageData): Map<number, number[]> {
  const byLine = new Map<number, number[]>();
  for (const [id, branch] of Object.entries(data.branchMap)) {
    if (!OPERAND_BRANCHES.has(branch.type)) continue;
    const hits = data.b[id] ?? [];
    branch.locations.forEach((location, index) => {
      const line = location?.start?.line;
      if (typeof line !== 'number' || !Number.isInteger(line) || line <= 0) return;
      const list = byLine.get(line) ?? [];
      list.push(hits[index] ?? 0);
      byLine.set(line, list);
    });
  }
  return byLine;
}

/** Totals of several files' patch metrics; line lists are per file, so the sum keeps counts only. */
export function sumPatch(list: readonly PatchMetrics[]): PatchMetrics {
  let covered = 0;
  let total = 0;
  let partial = 0;
  for (const patch of list) {
    covered += patch.covered;
    total += patch.total;
    partial += patch.partial;
  }
  return { covered, total, partial, missingLines: [], partialLines: [] };
}

/** The headline patch ratio (covered - partial) / total, or null when no changed line is coverable. */
export function patchRatio(patch: PatchMetrics): number | null {
  return patch.total === 0 ? null : (patch.covered - patch.partial) / patch.total;
}

function branchStartLine(branch: FileCoverageData['branchMap'][string] | undefined): number | null {
  if (!branch) return null;
  const candidates = [branch.loc?.start?.line, branch.locations?.[0]?.start?.line, branch.line];
  for (const line of candidates) {
    if (typeof line === 'number' && Number.isInteger(line) && line > 0) return line;
  }
  return null;
}

function toFileCoverage(data: FileCoverageData) {
  // istanbul insists on a non-empty path; the numbers do not depend on it.
  return libCoverage.createFileCoverage(data.path ? data : { ...data, path: '(unnamed)' });
}

function counts(totals: Totals): Counts {
  return { covered: totals.covered, total: totals.total };
}
