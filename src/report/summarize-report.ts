/**
 * Pure: the headline numbers of a run, per file and overall, shared by the markdown report and the
 * action's outputs so that both say the same thing.
 *
 * - Patch percentage: (covered - partial) / total changed coverable lines (see PatchMetrics).
 * - Lines delta: head minus base line coverage, in percentage points, over the files measured on
 *   both sides (new files have no base, so they are not part of it).
 * Raw numbers here; rounding for display lives in format-numbers.ts.
 */
import type { Counts, FileReport, PatchMetrics, RunReport } from './types.js';

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
  /** Measured files, worst patch coverage first (files with nothing coverable last). */
  readonly measured: readonly FileSummary[];
  readonly failed: readonly FileReport[];
  readonly skippedCount: number;
}

export function summarizeReport(report: RunReport): ReportSummary {
  const measured = report.files
    .filter((file) => file.status === 'measured' && file.head !== null)
    .map((file) => summarizeFile(file))
    .sort(worstFirst);
  const both = measured.filter((f) => f.baseLines !== null && f.headLines !== null);
  const baseLines = both.length === 0 ? null : sumCounts(both.map((f) => f.baseLines!));
  const headLines = both.length === 0 ? null : sumCounts(both.map((f) => f.headLines!));
  return {
    patch: report.patch,
    patchPercent: percent(report.patch.covered - report.patch.partial, report.patch.total),
    missing: report.patch.total - report.patch.covered,
    partial: report.patch.partial,
    baseLines,
    headLines,
    linesDelta: baseLines && headLines ? delta(baseLines, headLines) : null,
    measured,
    failed: report.files.filter((file) => !(file.status === 'measured' && file.head !== null)),
    skippedCount: report.skipped.length,
  };
}

export function summarizeFile(file: FileReport): FileSummary {
  const patch = file.head?.patch ?? null;
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
