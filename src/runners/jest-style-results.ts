/**
 * Reads the Jest-compatible JSON report that both Jest (`--json`) and Vitest (`--reporter=json`)
 * write: testResults[] per test file, each with assertionResults[] per test case. Pure.
 *
 * A test file that failed outside its test cases (it did not load, a hook threw) gets one extra
 * failed case named FILE_LEVEL_CASE_NAME carrying the file's error, so the failure is never lost.
 */
import { repoRelative, toPosix } from './paths.js';
import type { TestCaseResult } from './types.js';

export const FILE_LEVEL_CASE_NAME = '(test file)';

export interface ParsedTestResults {
  readonly cases: readonly TestCaseResult[];
  /** Repository-relative test files that ran, in report order, unique. */
  readonly testFiles: readonly string[];
}

/** Null when `report` does not have the shape of a Jest-style report (no testResults array). */
export function parseJestStyleResults(report: unknown, checkoutDir: string): ParsedTestResults | null {
  if (!isRecord(report) || !Array.isArray(report.testResults)) return null;
  const cases: TestCaseResult[] = [];
  const testFiles: string[] = [];
  for (const fileResult of report.testResults) {
    if (!isRecord(fileResult) || typeof fileResult.name !== 'string') continue;
    const file = repoRelative(checkoutDir, fileResult.name) ?? toPosix(fileResult.name);
    if (!testFiles.includes(file)) testFiles.push(file);
    const assertions = Array.isArray(fileResult.assertionResults) ? fileResult.assertionResults.filter(isRecord) : [];
    const fileCases = assertions.map((assertion) => toCase(file, assertion));
    cases.push(...fileCases);
    const message = cleanMessage(typeof fileResult.message === 'string' ? fileResult.message : '');
    const failedOutsideCases = fileResult.status === 'failed' && !fileCases.some((testCase) => testCase.status === 'failed');
    if (failedOutsideCases) {
      cases.push({
        file,
        name: FILE_LEVEL_CASE_NAME,
        status: 'failed',
        durationMs: null,
        failureMessage: message === '' ? 'the test file failed without a message' : message,
      });
    }
  }
  return { cases, testFiles };
}

function toCase(file: string, assertion: Record<string, unknown>): TestCaseResult {
  const ancestors = Array.isArray(assertion.ancestorTitles)
    ? assertion.ancestorTitles.filter((title): title is string => typeof title === 'string' && title !== '')
    : [];
  const title = typeof assertion.title === 'string' ? assertion.title : String(assertion.fullName ?? '');
  const status = caseStatus(assertion.status);
  const messages = Array.isArray(assertion.failureMessages)
    ? assertion.failureMessages.filter((message): message is string => typeof message === 'string')
    : [];
  const failureMessage = cleanMessage(messages.join('\n\n'));
  return {
    file,
    name: [...ancestors, title].join(' > '),
    status,
    durationMs: typeof assertion.duration === 'number' && Number.isFinite(assertion.duration) ? assertion.duration : null,
    failureMessage: status === 'failed' ? failureMessage || 'the test failed without a message' : null,
  };
}

function caseStatus(status: unknown): TestCaseResult['status'] {
  if (status === 'passed') return 'passed';
  if (status === 'failed') return 'failed';
  return 'skipped'; // pending, skipped, todo, disabled, focused-out
}

const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

function cleanMessage(text: string): string {
  return stripAnsi(text).trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
