/**
 * Pure: the run report as markdown for a pull-request comment or job summary, patch coverage first.
 *
 * The result always fits `maxChars` characters and as many UTF-8 bytes (GitHub rejects a longer
 * comment with 422). When the whole report does not fit, it degrades in this order, saying what was
 * left out: the missing-line ranges go; then the table keeps only its worst rows ("... and N more
 * files"), keeping at least ten while the details still fit; then the details go (and the table
 * keeps as many rows as fit). The JSON report always has everything.
 */
import { formatCount, plural } from './format-numbers.js';
import {
  detailsSection,
  failedNote,
  footer,
  headlineSection,
  moreRowsLine,
  tableHeader,
  tableRow,
  type TableOptions,
} from './markdown-sections.js';
import { summarizeReport } from './summarize-report.js';
import type { RunReport } from './types.js';
import { fitsWithin, truncateToFit } from './text-size.js';

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
}

interface Layout {
  readonly ranges: boolean;
  readonly rows: number;
  readonly details: boolean;
}

export function renderMarkdown(report: RunReport, opts: RenderMarkdownOptions = {}): string {
  const maxChars = Math.max(0, Math.floor(opts.maxChars ?? DEFAULT_MAX_CHARS));
  const parts = prepareParts(report, opts.repoUrl ?? null);
  const all = parts.rowCount;
  const transform = opts.transform ?? ((text: string) => text);
  const render = (layout: Layout) => transform(compose(parts, layout, maxChars));
  const fits = (layout: Layout) => fitsWithin(render(layout), maxChars);

  const candidates: Layout[] = [
    { ranges: true, rows: all, details: true },
    { ranges: false, rows: all, details: true },
  ];
  for (const layout of candidates) if (fits(layout)) return render(layout);

  const withDetails = largestRowCount(Math.min(MIN_ROWS_WITH_DETAILS, all), all, (rows) => fits({ ranges: false, rows, details: true }));
  if (withDetails !== null) return render({ ranges: false, rows: withDetails, details: true });
  const withoutDetails = largestRowCount(0, all, (rows) => fits({ ranges: false, rows, details: false }));
  if (withoutDetails !== null) return render({ ranges: false, rows: withoutDetails, details: false });
  return truncateToFit(render({ ranges: false, rows: 0, details: false }), maxChars);
}

interface Parts {
  readonly headline: string;
  readonly rowsWithRanges: readonly string[];
  readonly rowsPlain: readonly string[];
  readonly rowCount: number;
  /** Does any row list missing lines (so that dropping the ranges loses something)? */
  readonly hasRanges: boolean;
  readonly failedCount: number;
  readonly details: string;
  readonly footer: string;
}

function prepareParts(report: RunReport, repoUrl: string | null): Parts {
  const summary = summarizeReport(report);
  const options = (ranges: boolean): TableOptions => ({ ranges, repoUrl, head: report.head });
  return {
    headline: headlineSection(report, summary),
    rowsWithRanges: summary.measured.map((file) => tableRow(file, options(true))),
    rowsPlain: summary.measured.map((file) => tableRow(file, options(false))),
    rowCount: summary.measured.length,
    hasRanges: summary.measured.some((file) => (file.file.head?.patch.missingLines.length ?? 0) > 0),
    failedCount: summary.failed.length,
    details: detailsSection(report, summary),
    footer: footer(report),
  };
}

function compose(parts: Parts, layout: Layout, maxChars: number): string {
  const blocks = [parts.headline];
  if (parts.rowCount > 0 && layout.rows > 0) {
    const rows = (layout.ranges ? parts.rowsWithRanges : parts.rowsPlain).slice(0, layout.rows);
    const hidden = parts.rowCount - rows.length;
    blocks.push([tableHeader(layout.ranges), ...rows, ...(hidden > 0 ? [moreRowsLine(hidden)] : [])].join('\n'));
  }
  if (parts.failedCount > 0) blocks.push(failedNote(parts.failedCount, layout.details));
  if (layout.details) blocks.push(parts.details);
  const note = omissionNote(parts, layout, maxChars);
  if (note) blocks.push(note);
  blocks.push(parts.footer);
  return `${blocks.join('\n\n')}\n`;
}

function omissionNote(parts: Parts, layout: Layout, maxChars: number): string | null {
  const left: string[] = [];
  if (!layout.ranges && parts.hasRanges) left.push('the missing-line ranges');
  const hiddenRows = parts.rowCount - Math.min(layout.rows, parts.rowCount);
  if (hiddenRows > 0) left.push(`${formatCount(hiddenRows)} of ${plural(parts.rowCount, 'table row')}`);
  if (!layout.details) left.push('the details (full metrics, skipped and failed files)');
  if (left.length === 0) return null;
  return `> [!NOTE]\n> Left out to stay within ${formatCount(maxChars)} characters: ${left.join('; ')}. The JSON report has everything.`;
}

/** The largest n in [low, high] for which `fits(n)` holds (fits is taken as monotone), or null. */
function largestRowCount(low: number, high: number, fits: (n: number) => boolean): number | null {
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
