/** Sets the action's outputs from the run's report. */
import * as core from '@actions/core';
import { summarizeReport } from '../report/summarize-report.js';
import type { RunReport } from '../report/types.js';

export function setActionOutputs(report: RunReport, paths: { readonly markdownPath: string; readonly jsonPath: string }): void {
  const summary = summarizeReport(report);
  // Rounded down like the markdown, so 99.996% is never announced as 100.00.
  core.setOutput('patch-coverage', summary.patchPercent === null ? '' : (Math.floor(summary.patchPercent * 100) / 100).toFixed(2));
  core.setOutput('coverage-delta', summary.linesDelta === null ? '' : summary.linesDelta.toFixed(2));
  core.setOutput('modules', String(report.files.length));
  core.setOutput('report-json', paths.jsonPath);
  core.setOutput('report-markdown', paths.markdownPath);
}
