/**
 * What one replayed case measured, from TestMaster's reports (pure): patch coverage without tests,
 * with the proposed tests and with the maintainers' tests, and the one-line reason of every module
 * that was not measured or got no test.
 */
import type { FileReport, PatchMetrics, RunReport } from '../../src/report/types.js';

export interface PatchFigure {
  /** Fully covered changed lines: (covered - partial). */
  readonly covered: number;
  readonly total: number;
}

export function patchFigure(patch: PatchMetrics | null | undefined): PatchFigure | null {
  return patch ? { covered: patch.covered - patch.partial, total: patch.total } : null;
}

export function formatPatch(figure: PatchFigure | null): string {
  if (figure === null) return 'n/a';
  if (figure.total === 0) return '0/0';
  return `${figure.covered}/${figure.total} (${((figure.covered / figure.total) * 100).toFixed(0)}%)`;
}

/** One line per module that was not measured, got no kept test, or was skipped before measuring. */
export function moduleReasons(report: RunReport): string[] {
  const lines: string[] = [];
  for (const skipped of report.skipped) lines.push(`${skipped.path}: skipped: ${skipped.reason}`);
  for (const file of report.files) {
    const reason = fileReason(file);
    if (reason !== null) lines.push(`${file.path}: ${reason}`);
  }
  return lines;
}

function fileReason(file: FileReport): string | null {
  if (file.status === 'failed') return `not measured: ${file.reason ?? 'no reason given'}`;
  const generation = file.generation;
  if (!generation || generation.outcome === 'kept') return null;
  return `${generation.outcome}${generation.reason ? `: ${generation.reason}` : ''}`;
}

export function measuredModules(report: RunReport): { measured: number; total: number } {
  return { measured: report.files.filter((file) => file.status === 'measured').length, total: report.files.length + report.skipped.length };
}

export function tokensOf(report: RunReport): number {
  return (report.budget?.inputTokens ?? 0) + (report.budget?.outputTokens ?? 0);
}

/** The runner(s) TestMaster detected for the changed modules, e.g. "jest" or "vitest". */
export function frameworksOf(report: RunReport): string {
  const names = [...new Set(report.files.map((file) => file.framework ?? 'none'))];
  return names.length === 0 ? 'n/a' : names.join('+');
}
