/** Effects: renders the report once, redacts it, and writes the requested files atomically. */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigurationError } from '../errors/errors.js';
import { writeFileAtomic } from '../files/write-file-atomic.js';
import { toJsonReport } from './json-report.js';
import { redactSecrets } from './redact.js';
import { renderMarkdown } from './render-markdown.js';
import type { RunReport } from './types.js';

export interface ReportTargets {
  readonly markdownPath: string | null;
  readonly jsonPath: string | null;
  /** Secret values to remove from every output. */
  readonly secrets: readonly string[];
  readonly repoUrl?: string;
}

export interface RenderedReports {
  readonly markdown: string;
  readonly json: string;
}

export function renderReports(report: RunReport, targets: Pick<ReportTargets, 'secrets' | 'repoUrl'>): RenderedReports {
  // Redaction happens inside the renderer, so the size limit is checked on the redacted text.
  const redact = (text: string): string => redactSecrets(text, targets.secrets);
  const markdown = renderMarkdown(report, { transform: redact, ...(targets.repoUrl ? { repoUrl: targets.repoUrl } : {}) });
  const json = redact(toJsonReport(report));
  return { markdown, json };
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
