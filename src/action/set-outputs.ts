/**
 * Sets the action's outputs from the run's report (and, on a pull request, the comment's address).
 * `proposed-files` is a JSON array of the proposed test files' paths (`[]` when none), so a workflow
 * can test `steps.testmaster.outputs.proposed-files != '[]'` or read it with fromJSON.
 */
import * as core from '@actions/core';
import { summarizeReport } from '../report/summarize-report.js';
import type { RunReport } from '../report/types.js';

export interface OutputExtras {
  /** html_url of TestMaster's comment, when one was created, updated or found unchanged. */
  readonly commentUrl?: string | null;
}

export function setActionOutputs(report: RunReport, paths: { readonly markdownPath: string; readonly jsonPath: string }, extras: OutputExtras = {}): void {
  const summary = summarizeReport(report);
  // Rounded down like the markdown, so 99.996% is never announced as 100.00.
  core.setOutput('patch-coverage', summary.patchPercent === null ? '' : (Math.floor(summary.patchPercent * 100) / 100).toFixed(2));
  core.setOutput('coverage-delta', summary.linesDelta === null ? '' : summary.linesDelta.toFixed(2));
  core.setOutput('modules', String(report.files.length));
  core.setOutput('report-json', paths.jsonPath);
  core.setOutput('report-markdown', paths.markdownPath);
  core.setOutput('proposed-files', JSON.stringify((report.proposedFiles ?? []).map((file) => file.path)));
  core.setOutput('cost-usd', formatCost(report.budget?.costUsd ?? 0));
  core.setOutput('comment-url', extras.commentUrl ?? '');
}

/** Dollars with up to six decimals and no trailing zeros: `0`, `0.0123`. */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd) || usd <= 0) return '0';
  return usd.toFixed(6).replace(/\.?0+$/, '');
}
