/** Effects: renders the report once, redacts it, and writes the requested files atomically. */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigurationError } from '../errors/errors.js';
import { writeFileAtomic } from '../files/write-file-atomic.js';
import { toJsonReport } from './json-report.js';
import { redactDeep, redactSecrets } from './redact.js';
import { renderMarkdown } from './render-markdown.js';
import type { RunReport } from './types.js';

export interface ReportTargets {
  readonly markdownPath: string | null;
  readonly jsonPath: string | null;
  /** Secret values to remove from every output. */
  readonly secrets: readonly string[];
  readonly repoUrl?: string;
}

/** GitHub takes up to 1 MiB of job summary per step; this stays a little under it. */
export const JOB_SUMMARY_MAX_CHARS = 1_000_000;

const JOB_SUMMARY_OMITTED_BODY_NOTE =
  'File body omitted to stay within the size limit: see the `.testmaster/proposed/` directory or the JSON report.';

export interface RenderedReports {
  /** For the pull-request comment and report-md: within GitHub's 65,536-character comment limit. */
  readonly markdown: string;
  readonly json: string;
  /** The same report for the job summary, which has room for much more (proposed file bodies). */
  readonly jobSummary: string;
}

export function renderReports(report: RunReport, targets: Pick<ReportTargets, 'secrets' | 'repoUrl'>): RenderedReports {
  // Redaction happens inside the renderer, so the size limit is checked on the redacted text.
  const redact = (text: string): string => redactSecrets(text, targets.secrets);
  const common = { transform: redact, ...(targets.repoUrl ? { repoUrl: targets.repoUrl } : {}) };
  const markdown = renderMarkdown(report, common);
  const jobSummary = renderMarkdown(report, { ...common, maxChars: JOB_SUMMARY_MAX_CHARS, omittedBodyNote: JOB_SUMMARY_OMITTED_BODY_NOTE });
  // Each string before serialising (JSON would escape a spaced-out secret's newlines), then the text.
  const json = redact(toJsonReport(redactDeep(report, targets.secrets)));
  return { markdown, json, jobSummary };
}

export async function writeReports(report: RunReport, targets: ReportTargets): Promise<RenderedReports> {
  const rendered = renderReports(report, targets);
  if (targets.markdownPath !== null) await writeReport(targets.markdownPath, rendered.markdown);
  if (targets.jsonPath !== null) await writeReport(targets.jsonPath, rendered.json);
  return rendered;
}

async function writeReport(path: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ConfigurationError(`cannot write the report to ${path} (${code}): choose a writable path for report-md / report-json`);
  }
}

/** Fails before the run, not after it, when a report could not be written where asked. */
export async function assertReportTargetsWritable(paths: readonly (string | null)[]): Promise<void> {
  for (const path of paths) {
    if (path === null) continue;
    let dir = dirname(path);
    while (!(await stat(dir).catch(() => null))) dir = dirname(dir);
    const ok = (await stat(dir)).isDirectory() && (await access(dir, constants.W_OK).then(() => true, () => false));
    if (!ok) throw new ConfigurationError(`cannot write the report to ${path}: ${dir} is not a writable directory; choose another path for report-md / report-json`);
  }
}
