/** Effects: renders the report once, redacts it, and writes the requested files atomically. */
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
  if (targets.markdownPath !== null) await writeFileAtomic(targets.markdownPath, rendered.markdown);
  if (targets.jsonPath !== null) await writeFileAtomic(targets.jsonPath, rendered.json);
  return rendered;
}
