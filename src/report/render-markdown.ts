/**
 * Pure: the run report as markdown for a pull-request comment or job summary, patch coverage first.
 *
 * The result always fits `maxChars` characters and as many UTF-8 bytes (GitHub rejects a longer
 * comment with 422). When the whole report does not fit, it degrades in this order, saying what was
 * left out: the bodies of the proposed test files go, largest first (each replaced by a note saying
 * where to read it); then the missing-line ranges; then the table keeps only its worst rows ("... and
 * N more files"), keeping at least ten while the details still fit; then the details go (with them
 * the proposed test files, the possible bugs' failures and the estimate per module, each reduced to
 * one line), and the table keeps as many rows as fit. The JSON report always has everything.
 *
 * Text from outside (file names, case names, reasons, test output, file bodies) never carries `<!--`
 * or `-->` into the markdown as such (escape-markdown.ts), and the result holds no opening of a
 * TestMaster marker but the report's own, first (guardMarkers).
 */
import { formatCount, plural } from './format-numbers.js';
import {
  DEFAULT_OMITTED_BODY_NOTE,
  estimateSection,
  possibleBugsBrief,
  possibleBugsSection,
  proposedFileBlock,
  proposedTestsBrief,
  proposedTestsHeading,
} from './generation-sections.js';
import {
  detailsSection,
  failedNote,
  footer,
  headlineSection,
  moreRowsLine,
  REPORT_MARKER,
  tableHeader,
  tableRow,
  type TableOptions,
} from './markdown-sections.js';
import { breakTestMasterMarkers } from './escape-markdown.js';
import { summarizeReport } from './summarize-report.js';
import type { RunReport } from './types.js';
import { fitsWithin, truncateToFit } from './text-size.js';
import { isolationWarning } from './isolation-section.js';

export const DEFAULT_MAX_CHARS = 65_536;
/** Rows the table keeps before the details are given up. */
const MIN_ROWS_WITH_DETAILS = 10;

export interface RenderMarkdownOptions {
  /** Upper bound in characters and in UTF-8 bytes (default 65,536, GitHub's comment limit). */
  readonly maxChars?: number;
  /** e.g. https://github.com/owner/repo: missing-line ranges then link to the blob at the head. */
  readonly repoUrl?: string;
  /**
   * Applied to the text before its size is checked (e.g. secret redaction), so that the limit holds
   * for the text as published even when the transform makes it longer.
   */
  readonly transform?: (text: string) => string;
  /** Markdown put in place of a proposed file's body left out for size (says where to read it). */
  readonly omittedBodyNote?: string;
  /**
   * The limit the omission note names, when the text is part of something larger (the comment: its
   * report gets what the 65,536-character limit leaves after the other parts); default maxChars.
   */
  readonly statedLimit?: number;
}

interface Layout {
  /** How many proposed file bodies are shown: the smallest ones (see Parts.bodyOrder). */
  readonly bodies: number;
  readonly ranges: boolean;
  readonly rows: number;
  readonly details: boolean;
}

export function renderMarkdown(report: RunReport, opts: RenderMarkdownOptions = {}): string {
  const maxChars = Math.max(0, Math.floor(opts.maxChars ?? DEFAULT_MAX_CHARS));
  const parts = prepareParts(report, opts.repoUrl ?? null, opts.omittedBodyNote ?? DEFAULT_OMITTED_BODY_NOTE);
  const all = parts.rowCount;
  const bodies = parts.proposedWithBody.length;
  const transform = opts.transform ?? ((text: string) => text);
  const statedLimit = opts.statedLimit ?? maxChars;
  const render = (layout: Layout) => guardMarkers(transform(compose(parts, layout, statedLimit)));
  const fits = (layout: Layout) => fitsWithin(render(layout), maxChars);

  const full: Layout = { bodies, ranges: true, rows: all, details: true };
  if (fits(full)) return render(full);
  if (bodies > 0) {
    const kept = largest(0, bodies, (n) => fits({ ...full, bodies: n }));
    if (kept !== null) return render({ ...full, bodies: kept });
  }
  const noRanges: Layout = { bodies: 0, ranges: false, rows: all, details: true };
  if (fits(noRanges)) return render(noRanges);

  const withDetails = largest(Math.min(MIN_ROWS_WITH_DETAILS, all), all, (rows) => fits({ ...noRanges, rows }));
  if (withDetails !== null) return render({ ...noRanges, rows: withDetails });
  const withoutDetails = largest(0, all, (rows) => fits({ ...noRanges, rows, details: false }));
  if (withoutDetails !== null) return render({ ...noRanges, rows: withoutDetails, details: false });
  return truncateToFit(render({ ...noRanges, rows: 0, details: false }), maxChars);
}

interface Parts {
  readonly headline: string;
  readonly generation: boolean;
  readonly rowsWithRanges: readonly string[];
  readonly rowsPlain: readonly string[];
  readonly rowCount: number;
  /** Does any row list missing lines (so that dropping the ranges loses something)? */
  readonly hasRanges: boolean;
  readonly failedCount: number;
  readonly details: string;
  /** The proposed files in report order, each with and without its body; empty without any. */
  readonly proposedHeading: string | null;
  readonly proposedWithBody: readonly string[];
  readonly proposedWithoutBody: readonly string[];
  /** Indexes of the proposed files, smallest body first: a layout showing n bodies shows these n. */
  readonly bodyOrder: readonly number[];
  readonly proposedBrief: string | null;
  readonly bugs: string | null;
  readonly bugsBrief: string | null;
  readonly estimate: string | null;
  readonly estimateBrief: string | null;
  readonly isolationWarning: string | null;
  readonly footer: string;
}

function prepareParts(report: RunReport, repoUrl: string | null, omittedBodyNote: string): Parts {
  const summary = summarizeReport(report);
  const generation = summary.generationRan;
  const options = (ranges: boolean): TableOptions => ({ ranges, repoUrl, head: report.head, ...(generation ? { generation } : {}) });
  const proposed = report.proposedFiles ?? [];
  const bugs = report.possibleBugs ?? [];
  const block = (body: boolean) => proposed.map((file) => proposedFileBlock(file, { body, omittedBodyNote, repoUrl, head: report.head }));
  const bodyOrder = proposed.map((file, index) => ({ index, size: file.content.length })).sort((a, b) => a.size - b.size || a.index - b.index);
  return {
    headline: headlineSection(report, summary),
    generation,
    rowsWithRanges: summary.measured.map((file) => tableRow(file, options(true))),
    rowsPlain: summary.measured.map((file) => tableRow(file, options(false))),
    rowCount: summary.measured.length,
    hasRanges: summary.measured.some((file) => (file.file.head?.patch.missingLines.length ?? 0) > 0),
    failedCount: summary.failed.length,
    details: detailsSection(report, summary),
    proposedHeading: proposed.length > 0 ? proposedTestsHeading(proposed) : null,
    proposedWithBody: block(true),
    proposedWithoutBody: block(false),
    bodyOrder: bodyOrder.map((item) => item.index),
    proposedBrief: proposed.length > 0 ? proposedTestsBrief(proposed) : null,
    bugs: bugs.length > 0 ? possibleBugsSection(bugs) : null,
    bugsBrief: bugs.length > 0 ? possibleBugsBrief(bugs) : null,
    estimate: report.estimate ? estimateSection(report.estimate, true) : null,
    estimateBrief: report.estimate ? estimateSection(report.estimate, false) : null,
    isolationWarning: isolationWarning(report.isolation),
    footer: footer(report),
  };
}

function compose(parts: Parts, layout: Layout, maxChars: number): string {
  const blocks = [parts.headline];
  if (parts.rowCount > 0 && layout.rows > 0) {
    const rows = (layout.ranges ? parts.rowsWithRanges : parts.rowsPlain).slice(0, layout.rows);
    const hidden = parts.rowCount - rows.length;
    blocks.push([tableHeader(layout.ranges, parts.generation), ...rows, ...(hidden > 0 ? [moreRowsLine(hidden)] : [])].join('\n'));
  }
  if (parts.failedCount > 0) blocks.push(failedNote(parts.failedCount, layout.details));
  const estimate = layout.details ? parts.estimate : parts.estimateBrief;
  if (estimate) blocks.push(estimate);
  const bugs = layout.details ? parts.bugs : parts.bugsBrief;
  if (bugs) blocks.push(bugs);
  if (layout.details && parts.proposedHeading) blocks.push(parts.proposedHeading, ...proposedBlocks(parts, layout.bodies));
  else if (parts.proposedBrief) blocks.push(parts.proposedBrief);
  if (layout.details) blocks.push(parts.details);
  if (parts.isolationWarning) blocks.push(parts.isolationWarning);
  const note = omissionNote(parts, layout, maxChars);
  if (note) blocks.push(note);
  blocks.push(parts.footer);
  return `${blocks.join('\n\n')}\n`;
}

function proposedBlocks(parts: Parts, bodies: number): string[] {
  const shown = new Set(parts.bodyOrder.slice(0, bodies));
  return parts.proposedWithBody.map((withBody, index) => (shown.has(index) ? withBody : parts.proposedWithoutBody[index]!));
}

function omissionNote(parts: Parts, layout: Layout, maxChars: number): string | null {
  const left: string[] = [];
  const files = parts.proposedWithBody.length;
  if (layout.details && layout.bodies < files) left.push(`the bodies of ${formatCount(files - layout.bodies)} of ${plural(files, 'proposed test file')}`);
  if (!layout.ranges && parts.hasRanges) left.push('the missing-line ranges');
  const hiddenRows = parts.rowCount - Math.min(layout.rows, parts.rowCount);
  if (hiddenRows > 0) left.push(`${formatCount(hiddenRows)} of ${plural(parts.rowCount, 'table row')}`);
  if (!layout.details) {
    left.push('the details (full metrics, skipped and failed files)');
    if (files > 0) left.push('the proposed test files');
    if (parts.bugs) left.push('the failures of the possible bugs');
    if (parts.estimate) left.push('the estimate per module');
  }
  if (left.length === 0) return null;
  return `> [!NOTE]\n> Left out to stay within ${formatCount(maxChars)} characters: ${left.join('; ')}. The JSON report has everything.`;
}

/**
 * The last guard on hidden markers: the report's own marker first, and no other opening of a
 * TestMaster marker anywhere (the escapers already break them in text from outside; this catches
 * any that text assembled here could still carry, e.g. a reason put together from several pieces).
 */
function guardMarkers(text: string): string {
  if (!text.startsWith(REPORT_MARKER)) return breakTestMasterMarkers(text);
  return `${REPORT_MARKER}${breakTestMasterMarkers(text.slice(REPORT_MARKER.length))}`;
}

/** The largest n in [low, high] for which `fits(n)` holds (fits is taken as monotone), or null. */
function largest(low: number, high: number, fits: (n: number) => boolean): number | null {
  if (!fits(low)) return null;
  let good = low;
  let bad = high + 1;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (fits(mid)) good = mid;
    else bad = mid;
  }
  return good;
}
