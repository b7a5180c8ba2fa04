/**
 * Pure: the headline numbers of a run, per file and overall, shared by the markdown report and the
 * action's outputs so that both say the same thing.
 *
 * - Patch percentage: (covered - partial) / total changed coverable lines (see PatchMetrics).
 * - Lines delta: head minus base line coverage, in percentage points, over the files measured on
 *   both sides (new files have no base, so they are not part of it).
 * - With generation: the same figures with the kept proposed tests added (`proposed` of a file; a
 *   file without kept tests counts with its head figures).
 * Raw numbers here; rounding for display lives in format-numbers.ts.
 */
import type { Counts, FileReport, ModuleGeneration, PatchMetrics, RunReport } from './types.js';

/** measured: base figures exist; new: the file did not exist at the base; not-measured: anything else. */
export type BaseState = 'measured' | 'new' | 'not-measured';

export interface FileSummary {
  readonly file: FileReport;
  readonly baseState: BaseState;
  /** Null when no changed line is coverable or the file failed. */
  readonly patchPercent: number | null;
  readonly coverable: number;
  readonly missing: number;
  readonly partial: number;
  readonly baseLines: Counts | null;
  readonly headLines: Counts | null;
  /** Head minus base line coverage in percentage points; null unless both are measurable. */
  readonly linesDelta: number | null;
  /** Patch percentage with the kept proposed tests; null without generation or when nothing is coverable. */
  readonly proposedPatchPercent: number | null;
  /** What generation did for the file; null without generation. */
  readonly generation: ModuleGeneration | null;
  /** Cases kept in the proposed test files for this file. */
  readonly keptCases: number;
}

export interface ReportSummary {
  readonly patch: PatchMetrics;
  readonly patchPercent: number | null;
  readonly missing: number;
  readonly partial: number;
  /** Line coverage summed over the files measured on both sides (null when there are none). */
  readonly baseLines: Counts | null;
  readonly headLines: Counts | null;
  readonly linesDelta: number | null;
  /** Did the run generate tests (a model was configured, or files were proposed) rather than only measure or estimate? */
  readonly generationRan: boolean;
  /** Patch coverage with the kept proposed tests; null when no generation ran. */
  readonly proposedPatch: PatchMetrics | null;
  readonly proposedPatchPercent: number | null;
  /** Line coverage with the kept proposed tests, over the same files as `headLines` (head figures where a file has none); null without generation. */
  readonly proposedLines: Counts | null;
  readonly proposedFileCount: number;
  readonly keptCases: number;
  readonly possibleBugCount: number;
  /** Files the budget could not reach. */
  readonly skippedForBudget: number;
  /** Measured files, worst patch coverage first (files with nothing coverable last). */
  readonly measured: readonly FileSummary[];
  readonly failed: readonly FileReport[];
  readonly skippedCount: number;
}

export function summarizeReport(report: RunReport): ReportSummary {
  const proposedFiles = report.proposedFiles ?? [];
  const keptByFile = new Map<string, number>();
  for (const proposed of proposedFiles) keptByFile.set(proposed.forFile, (keptByFile.get(proposed.forFile) ?? 0) + proposed.kept.length);
  const measured = report.files
    .filter((file) => file.status === 'measured' && file.head !== null)
    .map((file) => summarizeFile(file, keptByFile.get(file.path) ?? 0))
    .sort(worstFirst);
  const both = measured.filter((f) => f.baseLines !== null && f.headLines !== null);
  const baseLines = both.length === 0 ? null : sumCounts(both.map((f) => f.baseLines!));
  const headLines = both.length === 0 ? null : sumCounts(both.map((f) => f.headLines!));
  const anyProposed = both.some((f) => f.file.proposed);
  const proposedLines = anyProposed ? sumCounts(both.map((f) => f.file.proposed?.lines ?? f.headLines!)) : null;
  const proposedPatch = report.proposedPatch ?? null;
  return {
    patch: report.patch,
    patchPercent: percent(report.patch.covered - report.patch.partial, report.patch.total),
    missing: report.patch.total - report.patch.covered,
    partial: report.patch.partial,
    baseLines,
    headLines,
    linesDelta: baseLines && headLines ? delta(baseLines, headLines) : null,
    generationRan: generationRan(report),
    proposedPatch,
    proposedPatchPercent: proposedPatch ? percent(proposedPatch.covered - proposedPatch.partial, proposedPatch.total) : null,
    proposedLines,
    proposedFileCount: proposedFiles.length,
    keptCases: proposedFiles.reduce((sum, file) => sum + file.kept.length, 0),
    possibleBugCount: report.possibleBugs?.length ?? 0,
    skippedForBudget: report.files.filter((file) => file.generation?.outcome === 'skipped-budget').length,
    measured,
    failed: report.files.filter((file) => !(file.status === 'measured' && file.head !== null)),
    skippedCount: report.skipped.length,
  };
}

/**
 * Generation ran when a model budget was reported or files were proposed; an `--estimate` run made no
 * call, so it did not.
 */
export function generationRan(report: RunReport): boolean {
  if (report.estimate) return false;
  return (report.budget !== null && report.budget !== undefined) || report.proposedFiles !== undefined;
}

export function summarizeFile(file: FileReport, keptCases = 0): FileSummary {
  const patch = file.head?.patch ?? null;
  const proposedPatch = file.proposed?.patch ?? null;
  const baseState = baseStateOf(file);
  const headLines = file.head?.lines ?? null;
  const baseLines = baseState === 'measured' ? file.base!.lines : null;
  return {
    file,
    baseState,
    patchPercent: patch ? percent(patch.covered - patch.partial, patch.total) : null,
    coverable: patch?.total ?? 0,
    missing: patch ? patch.total - patch.covered : 0,
    partial: patch?.partial ?? 0,
    baseLines,
    headLines,
    linesDelta: baseLines && headLines ? delta(baseLines, headLines) : null,
    proposedPatchPercent: proposedPatch ? percent(proposedPatch.covered - proposedPatch.partial, proposedPatch.total) : null,
    generation: file.generation ?? null,
    keptCases,
  };
}

function baseStateOf(file: FileReport): BaseState {
  if (file.base !== null) return 'measured';
  if (file.changeKind === 'added' || file.changeKind === 'copied') return 'new';
  return 'not-measured';
}

/** Lowest patch percentage first, then most missing lines, then path; nothing coverable goes last. */
function worstFirst(a: FileSummary, b: FileSummary): number {
  if (a.patchPercent !== b.patchPercent) {
    if (a.patchPercent === null) return 1;
    if (b.patchPercent === null) return -1;
    return a.patchPercent - b.patchPercent;
  }
  if (a.missing !== b.missing) return b.missing - a.missing;
  return a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0;
}

function percent(numerator: number, total: number): number | null {
  return total === 0 ? null : (numerator / total) * 100;
}

function delta(base: Counts, head: Counts): number | null {
  if (base.total === 0 || head.total === 0) return null;
  return (head.covered / head.total - base.covered / base.total) * 100;
}

function sumCounts(list: readonly Counts[]): Counts {
  return list.reduce((sum, c) => ({ covered: sum.covered + c.covered, total: sum.total + c.total }), { covered: 0, total: 0 });
}
