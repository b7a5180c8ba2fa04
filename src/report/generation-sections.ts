/**
 * Pure: the markdown pieces about test generation: the cost line, each file's generation outcome,
 * the proposed test files (folded, with their bodies), the possible bugs and the `--estimate` table.
 * Which of them go into the comment, and in which form, is decided by render-markdown.ts.
 */
import { codeBlock, codeSpan, escapeHtml, escapeText } from './escape-markdown.js';
import { formatCount, formatUsd, plural } from './format-numbers.js';
import { blobLinesUrl, toRanges } from './ranges.js';
import type { FileSummary } from './summarize-report.js';
import type { BudgetReport, CostEstimate, PossibleBug, ProposedCase, ProposedFile, RunReport, RunStoreSummary } from './types.js';

/** Where a proposed file's body can be read when the comment leaves it out. */
export const DEFAULT_OMITTED_BODY_NOTE =
  'File body omitted to stay within the size limit: see the job summary, the `.testmaster/proposed/` directory or the JSON report.';

/** Longest reason shown in a table cell, in characters. */
const MAX_CELL_REASON = 80;

/** `Model: `m` · 12 calls · 40,000+8,000 tokens · $0.0123 of $1.00`, and whether the budget stopped the run. */
export function costLine(budget: BudgetReport, skippedForBudget: number): string {
  const parts = [
    `Model: ${codeSpan(budget.model)}`,
    plural(budget.llmCalls, 'call'),
    `${formatCount(budget.inputTokens)}+${formatCount(budget.outputTokens)} tokens`,
    `${formatUsd(budget.costUsd, 4)} of ${formatUsd(budget.limits.maxCostUsd)}`,
  ];
  if (budget.stoppedByBudget) parts.push(`stopped by budget: ${plural(skippedForBudget, 'module')} skipped`);
  return parts.join(' · ');
}

/**
 * Who wrote the tests: the zero-token generator (no tokens), the model, or both (hybrid, with the
 * changed lines each one newly covered), and why, when the provider was chosen for the user.
 */
export function providerLine(report: Pick<RunReport, 'provider' | 'providerNote' | 'coveredBy'>): string | null {
  const by = report.coveredBy;
  // A model run from a report that predates these fields: the cost line says it all.
  if (report.provider !== 'offline' && report.provider !== 'hybrid' && !by && !report.providerNote) return null;
  const lines = (count: number): string => plural(count, 'changed line');
  const who =
    report.provider === 'offline'
      ? `Written by the zero-token generator: no model call, no tokens, $0${by ? `; newly covers ${lines(by.offline)}` : ''}.`
      : report.provider === 'hybrid'
        ? `Written by the zero-token generator first, then the model for what it left uncovered${by ? `: ${lines(by.offline)} newly covered without tokens, ${formatCount(by.model)} by the model` : ''}.`
        : `Written by the model${by ? `; newly covers ${lines(by.model)}` : ''}.`;
  return report.providerNote ? `${who} ${capitalize(report.providerNote)}.` : who;
}

/** What the run store gave this run (reuse across runs, a resume), or null when nothing. */
export function reuseLine(run: RunStoreSummary | null | undefined): string | null {
  if (!run) return null;
  const parts: string[] = [];
  if (run.resumed) parts.push(`Resumed an interrupted run: ${plural(run.reusedFromResume, 'module')} finished before the interruption ${run.reusedFromResume === 1 ? 'was' : 'were'} not redone, ${plural(run.replayedCalls, 'paid answer')} replayed instead of asked again.`);
  if (run.reusedFromCache > 0) parts.push(`Reused the tests of ${plural(run.reusedFromCache, 'module')} from an earlier run on the same code, re-checked on this head.`);
  if (parts.length === 0) return null;
  const saved = run.savedInputTokens + run.savedOutputTokens;
  if (saved > 0) parts.push(`Saved ${plural(saved, 'token')} (${formatUsd(run.savedCostUsd)}).`);
  return parts.join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One line on what was proposed: kept cases, files, possible bugs. */
export function generationLine(keptCases: number, fileCount: number, possibleBugs: number): string {
  const proposed = keptCases === 0 ? 'Proposed tests: none kept' : `Proposed tests: ${plural(keptCases, 'case')} in ${plural(fileCount, 'file')}`;
  const bugs = possibleBugs === 0 ? '' : `; ${plural(possibleBugs, 'possible bug')} (failing cases, not proposed)`;
  return `${proposed}${bugs}.`;
}

/** The table cell saying what generation did for a file ('—' when nothing is known). */
export function generationCell(file: FileSummary): string {
  const generation = file.generation;
  if (!generation) return '—';
  const reason = generation.reason ? escapeText(shorten(generation.reason, MAX_CELL_REASON)) : null;
  switch (generation.outcome) {
    case 'kept': {
      const kept = file.keptCases > 0 ? `kept ${plural(file.keptCases, 'case')}` : 'kept';
      return generation.reused?.source === 'cache' ? `${kept} (reused)` : kept;
    }
    case 'nothing-kept':
      return 'nothing kept';
    case 'failed':
      return reason ? `failed: ${reason}` : 'failed';
    case 'skipped-budget':
      return 'skipped for budget';
    case 'skipped-covered':
      return 'already covered';
    case 'skipped':
      return reason ? `skipped: ${reason}` : 'skipped';
  }
}

export function proposedTestsHeading(files: readonly ProposedFile[]): string {
  const cases = files.reduce((sum, file) => sum + file.kept.length, 0);
  return [
    '#### Proposed tests',
    '',
    `${plural(cases, 'case')} in ${plural(files.length, 'file')}. Each kept case passed on every run and covers lines that nothing covered before.`,
  ].join('\n');
}

export interface ProposedFileOptions {
  /** Show the file's content, or `omittedBodyNote` in its place. */
  readonly body: boolean;
  readonly omittedBodyNote: string;
  /** e.g. https://github.com/owner/repo: the newly covered lines then link to the module at the head. */
  readonly repoUrl: string | null;
  readonly head: string;
}

/** One proposed file, folded: its kept cases, its content, its dropped cases. */
export function proposedFileBlock(file: ProposedFile, opts: ProposedFileOptions): string {
  const by = file.provider === 'offline' ? ' (zero-token)' : file.provider === 'model' ? ' (model)' : '';
  const summary = `<code>${escapeHtml(file.path)}</code> — ${escapeHtml(plural(file.kept.length, 'case'))} for <code>${escapeHtml(file.forFile)}</code>${by}`;
  const parts = ['<details>', `<summary>${summary}</summary>`, ''];
  if (file.kept.length > 0) {
    parts.push('**Kept cases**', '');
    for (const item of file.kept) parts.push(`- ${codeSpan(item.name)}: ${newlyCovered(item, file.forFile, opts)}`);
    parts.push('');
  }
  parts.push(opts.body ? codeBlock(file.content, fenceLanguage(file.path)) : `_${opts.omittedBodyNote}_`, '');
  if (file.dropped.length > 0) {
    parts.push('**Dropped cases**', '');
    for (const item of file.dropped) parts.push(`- ${codeSpan(item.name)}: ${escapeText(item.reason)}`);
    parts.push('');
  }
  parts.push('</details>');
  return parts.join('\n');
}

/** The proposed files in one line, when the comment has no room for them. */
export function proposedTestsBrief(files: readonly ProposedFile[]): string {
  const cases = files.reduce((sum, file) => sum + file.kept.length, 0);
  return `**Proposed tests**: ${plural(cases, 'case')} in ${plural(files.length, 'file')}, left out here: see the \`.testmaster/proposed/\` directory or the JSON report.`;
}

/** The fence's info string for a test file: ts or js (tsx, jsx) by extension. */
export function fenceLanguage(path: string): string {
  const match = /\.([cm]?[jt]sx?)$/i.exec(path);
  if (!match) return '';
  const ext = match[1]!.toLowerCase();
  const lang = ext.includes('t') ? 'ts' : 'js';
  return ext.endsWith('x') ? `${lang}x` : lang;
}

function newlyCovered(item: ProposedCase, forFile: string, opts: ProposedFileOptions): string {
  const { repoUrl, head } = opts;
  const link = repoUrl ? (from: number, to: number) => blobLinesUrl(repoUrl, head, forFile, from, to) : undefined;
  const covered: string[] = [];
  if (item.newLines.length > 0) covered.push(`${item.newLines.length === 1 ? 'line' : 'lines'} ${toRanges(item.newLines, link ? { link } : {})}`);
  if (item.newBranchOutcomes > 0) covered.push(plural(item.newBranchOutcomes, 'branch outcome'));
  return covered.length === 0 ? 'covers nothing new on its own' : `newly covers ${covered.join(' and ')}`;
}

const POSSIBLE_BUGS_INTRO =
  'These generated cases fail where their assertion agrees with the documented intent of the code, so the code may be wrong. They are not among the proposed tests.';

export function possibleBugsSection(bugs: readonly PossibleBug[]): string {
  const parts = ['#### Possible bugs', '', POSSIBLE_BUGS_INTRO];
  for (const bug of bugs) {
    parts.push('', `**${codeSpan(bug.file)}**: ${codeSpan(bug.testName)}`, '', codeBlock(bug.failure, 'text'), '', `Evidence: ${escapeText(bug.evidence)}`);
  }
  return parts.join('\n');
}

export function possibleBugsBrief(bugs: readonly PossibleBug[]): string {
  return `**${plural(bugs.length, 'possible bug')}**: generated cases that fail where their assertion agrees with the documented intent of the code (not proposed as tests); left out here: see the JSON report.`;
}

/** The `--estimate` result; `withModules` adds the per-module table. */
export function estimateSection(estimate: CostEstimate, withModules: boolean): string {
  const parts = [
    '#### Cost estimate',
    '',
    `Worst case for ${codeSpan(estimate.model)}, no model call made: ${plural(estimate.llmCalls, 'call')} · ${formatCount(estimate.inputTokens)}+${formatCount(estimate.outputTokens)} tokens · ${formatUsd(estimate.costUsd, 4)}.`,
    estimate.exceeds.length === 0
      ? 'It stays within the limits.'
      : `It would cross ${estimate.exceeds.map((limit) => codeSpan(limit)).join(', ')}: the run would stop early and skip modules for budget.`,
  ];
  if (withModules && estimate.modules.length > 0) {
    parts.push('', '| Module | Prompt tokens | Calls | Cost (worst case) |', '| :--- | ---: | ---: | ---: |');
    for (const item of estimate.modules) {
      parts.push(`| ${codeSpan(item.path, true)} | ${formatCount(item.promptTokens)} | ${formatCount(item.llmCalls)} | ${formatUsd(item.costUsd, 4)} |`);
    }
    parts.push(`| **Total** | ${formatCount(estimate.inputTokens)} in + ${formatCount(estimate.outputTokens)} out | ${formatCount(estimate.llmCalls)} | ${formatUsd(estimate.costUsd, 4)} |`);
  }
  return parts.join('\n');
}

/** At most `max` code points, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
