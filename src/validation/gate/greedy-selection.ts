/**
 * Pure: which passing test cases to keep, by the coverage of the module they add. Greedy, as in
 * set cover: repeatedly keep the case that adds the most new covered lines plus newly taken branch
 * outcomes over the baseline (the existing tests' coverage) and the cases already kept; ties go to
 * the name that sorts first. Cases left that add nothing are dropped with 'adds no coverage'.
 *
 * Lines are Istanbul's line coverage (a line's hits are the maximum over statements starting on it).
 * Branch outcomes are keyed by the branch's source position, type and outcome index, not by its id,
 * so data from separate runs of the same source compare even if ids were numbered differently. V8
 * blocks a run leaves out (they ran as often as the code around them) are inferred from the other runs
 * first (v8-blocks.ts), so a case taking a side of a branch every time it runs is seen taking it.
 */
import libCoverage from 'istanbul-lib-coverage';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { alignV8Blocks } from './v8-blocks.js';

export const ADDS_NO_COVERAGE = 'adds no coverage';

export interface CaseCoverageInput {
  readonly name: string;
  /** The module's coverage with only this case run. */
  readonly coverage: FileCoverageData;
}

export interface KeptCase {
  readonly name: string;
  /** New lines this case covers, over baseline and the cases kept before it. */
  readonly newLines: readonly number[];
  /** Newly taken branch outcomes over the same. */
  readonly newBranchOutcomes: number;
}

export interface DroppedCase {
  readonly name: string;
  readonly reason: string;
}

export interface GreedySelection {
  /** In the order they were picked (largest gain first). */
  readonly kept: readonly KeptCase[];
  readonly dropped: readonly DroppedCase[];
  /** Baseline merged with every kept case (path = modulePath); null when there is neither. */
  readonly combined: FileCoverageData | null;
}

export function selectCasesByCoverage(
  modulePath: string,
  baseline: FileCoverageData | null,
  cases: readonly CaseCoverageInput[],
): GreedySelection {
  const aligned = alignV8Blocks([...(baseline === null ? [] : [baseline]), ...cases.map((testCase) => testCase.coverage)]);
  const alignedBaseline = baseline === null ? null : aligned[0]!;
  const alignedCases = baseline === null ? aligned : aligned.slice(1);
  const covered = new Set<string>(alignedBaseline === null ? [] : coveredUnits(alignedBaseline));
  const remaining = cases.map((testCase, index) => ({ name: testCase.name, coverage: alignedCases[index]!, units: coveredUnits(alignedCases[index]!) }));
  const kept: KeptCase[] = [];
  const keptData: FileCoverageData[] = [];
  for (;;) {
    let best: { index: number; gain: string[] } | null = null;
    remaining.forEach((candidate, index) => {
      const gain = candidate.units.filter((unit) => !covered.has(unit));
      const better =
        best === null ||
        gain.length > best.gain.length ||
        (gain.length === best.gain.length && candidate.name < remaining[best.index]!.name);
      if (gain.length > 0 && better) best = { index, gain };
    });
    if (best === null) break;
    const { index, gain } = best as { index: number; gain: string[] };
    const [picked] = remaining.splice(index, 1);
    for (const unit of gain) covered.add(unit);
    kept.push({
      name: picked!.name,
      newLines: gain.filter((unit) => unit.startsWith('L')).map((unit) => Number(unit.slice(1))).sort((a, b) => a - b),
      newBranchOutcomes: gain.filter((unit) => unit.startsWith('B')).length,
    });
    keptData.push(picked!.coverage);
  }
  const dropped = remaining
    .map((candidate) => ({ name: candidate.name, reason: ADDS_NO_COVERAGE }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kept, dropped, combined: mergeCoverage(modulePath, [...(alignedBaseline === null ? [] : [alignedBaseline]), ...keptData]) };
}

/** Covered lines ('L<line>') and taken branch outcomes ('B<line>:<column>:<type>:<index>'). */
export function coveredUnits(data: FileCoverageData): string[] {
  const units: string[] = [];
  const lineHits = toFileCoverage(data).getLineCoverage() as Record<string, number>;
  for (const [line, hits] of Object.entries(lineHits)) if (hits > 0) units.push(`L${line}`);
  for (const [id, hits] of Object.entries(data.b)) {
    const branch = data.branchMap[id];
    const start = branch?.loc?.start ?? branch?.locations?.[0]?.start;
    const where = start ? `${start.line}:${start.column}` : `id${id}`;
    hits.forEach((count, index) => {
      if (count > 0) units.push(`B${where}:${branch?.type ?? ''}:${index}`);
    });
  }
  return units;
}

/** Istanbul's merge of several runs' data for one file (their V8 blocks aligned first); null for none. */
export function mergeCoverage(modulePath: string, list: readonly FileCoverageData[]): FileCoverageData | null {
  if (list.length === 0) return null;
  const map = libCoverage.createCoverageMap({});
  for (const data of alignV8Blocks(list)) map.addFileCoverage({ ...data, path: modulePath });
  return map.fileCoverageFor(modulePath).toJSON() as FileCoverageData;
}

function toFileCoverage(data: FileCoverageData) {
  return libCoverage.createFileCoverage(data.path ? data : { ...data, path: '(unnamed)' });
}
