/**
 * Pure: the pieces of the markdown report (headline, per-file table rows, folded details). How many
 * of them go into the comment is decided by render-markdown.ts.
 */
import { codeSpan, escapeText } from './escape-markdown.js';
import { formatCount, formatCounts, formatDelta, formatPercent, plural } from './format-numbers.js';
import { costLine, generationCell, generationLine, providerLine, reuseLine } from './generation-sections.js';
import { blobLinesUrl, toRanges } from './ranges.js';
import type { FileSummary, ReportSummary } from './summarize-report.js';
import type { Counts, Metrics, RunReport } from './types.js';
import { isolationLine } from './isolation-section.js';

export const REPORT_MARKER = '<!-- testmaster:report -->';

export function headlineSection(report: RunReport, summary: ReportSummary): string {
  const { patch } = summary;
  // Without a kept case the figures with the tests are the head's own: nothing to compare.
  const proposed = summary.generationRan && summary.keptCases > 0 ? summary.proposedPatch : null;
  const headline =
    patch.total === 0
      ? '**Patch coverage: n/a**, no changed line is coverable'
      : proposed
        ? `**Patch coverage: ${formatPercent(patch.covered - patch.partial, patch.total)} → ${formatPercent(proposed.covered - proposed.partial, proposed.total)} with the proposed tests** of ${plural(patch.total, 'changed coverable line')} (${change(summary.missing, proposed.total - proposed.covered)} missing, ${change(summary.partial, proposed.partial)} partial)`
        : `**Patch coverage: ${formatPercent(patch.covered - patch.partial, patch.total)}** of ${plural(patch.total, 'changed coverable line')} (${formatCount(summary.missing)} missing, ${formatCount(summary.partial)} partial)`;
  const names = [refName(report.baseRef, report.base), refName(report.headRef, report.head)];
  const named = names.some((name) => name !== null) ? ` (${names.map((name) => escapeText(name ?? '…')).join('..')})` : '';
  const compare = `${codeSpan(shortSha(report.base))}..${codeSpan(shortSha(report.head))}${named}`;
  const counts = [plural(summary.measured.length, 'file') + ' measured'];
  if (summary.failed.length > 0) counts.push(`${formatCount(summary.failed.length)} failed`);
  if (summary.skippedCount > 0) counts.push(`${formatCount(summary.skippedCount)} skipped`);
  const lines = [REPORT_MARKER, '### TestMaster coverage', '', `${headline} · ${compare}`, '', `${counts.join(', ')}. ${baseLine(report, summary)}`];
  if (summary.generationRan) {
    lines.push('', generationLine(summary.keptCases, summary.proposedFileCount, summary.possibleBugCount));
    const provider = providerLine(report);
    if (provider !== null) lines.push('', provider);
    const reuse = reuseLine(report.run);
    if (reuse !== null) lines.push('', reuse);
    if (report.budget) lines.push('', costLine(report.budget, summary.skippedForBudget));
  }
  return lines.join('\n');
}

/** `'5 → 2'`, or `'5'` when it did not change. */
function change(before: number, after: number): string {
  return before === after ? formatCount(before) : `${formatCount(before)} → ${formatCount(after)}`;
}

/** A ref worth showing beside its commit: a branch or tag name, not a commit id or HEAD. */
function refName(ref: string, sha: string): string | null {
  if (ref === 'HEAD' || (/^[0-9a-f]{4,64}$/i.test(ref) && sha.toLowerCase().startsWith(ref.toLowerCase()))) return null;
  return ref;
}

function baseLine(report: RunReport, summary: ReportSummary): string {
  if (report.baseSource === 'none') return 'Base coverage was not measured.';
  const from = report.baseSource === 'file' ? ' (base from a coverage file)' : '';
  if (!summary.baseLines || !summary.headLines) return `No file was measured at both base and head${from}.`;
  const deltaText = formatDelta(summary.baseLines, summary.headLines);
  const proposed = summary.generationRan && summary.keptCases > 0 && summary.proposedLines ? ` → ${formatPercent(summary.proposedLines.covered, summary.proposedLines.total)} with the proposed tests` : '';
  return `Line coverage of the modified files: ${formatPercent(summary.baseLines.covered, summary.baseLines.total)} → ${formatPercent(summary.headLines.covered, summary.headLines.total)}${deltaText ? ` (${deltaText})` : ''}${proposed}${from}.`;
}

export interface TableOptions {
  readonly ranges: boolean;
  readonly repoUrl: string | null;
  readonly head: string;
  /** Generation ran: add the "With tests" and "Generated tests" columns. */
  readonly generation?: boolean;
}

export function tableHeader(withRanges: boolean, withGeneration = false): string {
  const columns: [string, string][] = [
    ['File', ':---'],
    ['Patch', '---:'],
    ...(withGeneration ? [['With tests', '---:'] as [string, string]] : []),
    ['Missing', '---:'],
    ['Partial', '---:'],
    ['Lines (base → head)', ':---'],
    ...(withGeneration ? [['Generated tests', ':---'] as [string, string]] : []),
    ...(withRanges ? [['Missing lines', ':---'] as [string, string]] : []),
  ];
  return `| ${columns.map(([name]) => name).join(' | ')} |\n| ${columns.map(([, align]) => align).join(' | ')} |`;
}

export function tableRow(file: FileSummary, opts: TableOptions): string {
  const { path, previousPath } = file.file;
  const name = previousPath ? `${codeSpan(path, true)} (from ${codeSpan(previousPath, true)})` : codeSpan(path, true);
  const patch = file.file.head!.patch;
  const cells = [name, patch.total === 0 ? 'n/a' : formatPercent(patch.covered - patch.partial, patch.total)];
  if (opts.generation) cells.push(withTestsCell(file));
  cells.push(formatCount(file.missing), formatCount(file.partial), linesCell(file));
  if (opts.generation) cells.push(generationCell(file));
  if (opts.ranges) {
    const { repoUrl, head } = opts;
    const link = repoUrl ? (from: number, to: number) => blobLinesUrl(repoUrl, head, path, from, to) : undefined;
    cells.push(toRanges(patch.missingLines, link ? { link } : {}));
  }
  return `| ${cells.join(' | ')} |`;
}

/** Patch coverage with the kept proposed tests; '—' when the file has no such figure (no generation for it). */
function withTestsCell(file: FileSummary): string {
  const proposed = file.file.proposed?.patch;
  if (!proposed) return '—';
  return proposed.total === 0 ? 'n/a' : formatPercent(proposed.covered - proposed.partial, proposed.total);
}

function linesCell(file: FileSummary): string {
  const head = file.headLines ? formatPercent(file.headLines.covered, file.headLines.total) : 'n/a';
  if (file.baseState === 'new') return `new → ${head}`;
  if (!file.baseLines || !file.headLines) return `n/a → ${head}`;
  const deltaText = formatDelta(file.baseLines, file.headLines);
  return `${formatPercent(file.baseLines.covered, file.baseLines.total)} → ${head}${deltaText ? ` (${deltaText})` : ''}`;
}

export function moreRowsLine(hidden: number): string {
  return `| ... and ${plural(hidden, 'more file')} | | | | |`;
}

export function failedNote(count: number, withDetails: boolean): string {
  const where = withDetails ? 'the reasons are in the details below' : 'the reasons are in the JSON report';
  return `**${plural(count, 'file')} could not be measured**: ${where}.`;
}

const METRICS: readonly (keyof Metrics)[] = ['lines', 'statements', 'functions', 'branches'];

export function detailsSection(report: RunReport, summary: ReportSummary): string {
  const parts = [`<details>\n<summary>Details: full metrics of ${plural(summary.measured.length, 'file')}, ${formatCount(summary.skippedCount)} skipped, ${formatCount(summary.failed.length)} failed</summary>`, ''];
  if (summary.measured.length > 0) {
    parts.push('| File | Lines | Statements | Functions | Branches |', '| :--- | :--- | :--- | :--- | :--- |');
    for (const file of summary.measured) {
      const cells = METRICS.map((metric) => metricCell(file, metric));
      parts.push(`| ${codeSpan(file.file.path, true)} | ${cells.join(' | ')} |`);
    }
    parts.push('');
  }
  if (report.skipped.length > 0) {
    parts.push('**Skipped files**', '');
    for (const item of report.skipped) parts.push(`- ${codeSpan(item.path)}: ${escapeText(item.reason)}`);
    parts.push('');
  }
  if (summary.failed.length > 0) {
    parts.push('**Failed files**', '');
    for (const file of summary.failed) parts.push(`- ${codeSpan(file.path)}: ${escapeText(file.reason ?? 'no coverage was measured')}`);
    parts.push('');
  }
  parts.push('</details>');
  return parts.join('\n');
}

function metricCell(file: FileSummary, metric: keyof Metrics): string {
  const head = file.file.head![metric];
  const base: string =
    file.baseState === 'new' ? 'new' : file.file.base ? formatCounts(file.file.base[metric]) : 'n/a';
  return `${base} → ${formatCounts(head as Counts)}`;
}

export function footer(report: RunReport): string {
  const isolation = report.isolation === undefined ? '' : ` · ${isolationLine(report.isolation)}`;
  return `<sub>${escapeText(report.tool.name)} ${escapeText(report.tool.version)}${isolation}</sub>`;
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
