/**
 * Runs a test runner's JS entry with node through the Executor and reads what it wrote: the
 * Jest-style results file and Istanbul's coverage-final.json. Failing tests are results, not errors;
 * a runner that timed out, was cancelled, or wrote no readable results is a TestRunnerError whose
 * message quotes the first meaningful lines it printed; so is one that ran while the git directory was
 * changed (its results are discarded: a candidate is dropped, a measurement fails with that reason).
 */

import { CoverageError, TestRunnerError } from '../errors/errors.js';
import type { Framework } from '../report/types.js';
import type { ExecResult, Executor } from '../sandbox/types.js';
import { parseJestStyleResults, stripAnsi, type ParsedTestResults } from './jest-style-results.js';
import type { TestSelection } from './types.js';
import { readJsonFile } from '../files/read-json-file.js';
import { diagnoseCrash } from './crash-diagnosis.js';
import { tamperedRunMessage } from '../guard/tamper-messages.js';

export interface RunnerInvocation {
  readonly framework: Framework;
  /** 'packages/core', or 'the root package': used in messages. */
  readonly packageLabel: string;
  readonly runnerEntry: string;
  /** Node's own options, before the runner's entry (a preload). */
  readonly nodeArgs?: readonly string[];
  readonly args: readonly string[];
  readonly cwd: string;
  readonly checkoutDir: string;
  /** The directory the runner writes its reports into (with writableDirs, all it may write in a sandbox). */
  readonly outputDir: string;
  readonly writableDirs?: readonly string[];
  readonly resultsFile: string;
  readonly coverageFile: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface RunnerOutcome {
  readonly parsed: ParsedTestResults;
  readonly coverage: Record<string, unknown>;
  readonly exec: ExecResult;
}

const MAX_QUOTED_LINES = 6;

export async function invokeRunner(exec: Executor, invocation: RunnerInvocation): Promise<RunnerOutcome> {
  const result = await runNode(exec, invocation, invocation.args);
  const report = await readJson(invocation.resultsFile);
  const parsed = report === undefined ? noTestsFound(result) : parseJestStyleResults(report, invocation.checkoutDir);
  if (parsed === null) throw crashError(invocation, result);
  const coverage = await readCoverage(invocation.coverageFile);
  return { parsed, coverage, exec: result };
}

/** The modules or files a selection names; an empty selection is a caller's mistake, not "run everything". */
export function selectedPaths(selection: TestSelection, packageLabel: string): readonly string[] {
  const paths = selection.kind === 'related' ? selection.modules : selection.files;
  if (paths.length === 0) {
    const what = selection.kind === 'related' ? 'modules' : 'test files';
    throw new TestRunnerError(`nothing to run in ${packageLabel}: the test selection names no ${what}; select at least one`);
  }
  return paths;
}

/** Runs `node [nodeArgs] <runnerEntry> ...args`; throws on timeout, cancellation, or when the guard says the git directory changed while it ran. */
export async function runNode(exec: Executor, invocation: RunnerInvocation, args: readonly string[]): Promise<ExecResult> {
  const result = await exec({
    command: 'node',
    args: [...(invocation.nodeArgs ?? []), invocation.runnerEntry, ...args],
    cwd: invocation.cwd,
    readPaths: [invocation.checkoutDir],
    writePaths: [invocation.outputDir, ...(invocation.writableDirs ?? [])],
    timeoutMs: invocation.timeoutMs,
    ...(invocation.signal === undefined ? {} : { signal: invocation.signal }),
  });
  const subject = `${invocation.framework} in ${invocation.packageLabel}`;
  if (result.tampered !== undefined && result.tampered.length > 0) throw new TestRunnerError(tamperedRunMessage(subject, result.tampered));
  if (result.aborted) throw new TestRunnerError(`${subject} was cancelled before it finished`);
  if (result.timedOut) {
    throw new TestRunnerError(
      `${subject} did not finish within ${Number((invocation.timeoutMs / 1000).toFixed(1))} s and was stopped: raise the test timeout or look for a test that hangs`,
    );
  }
  return result;
}

/**
 * Empty results for a run that found no test to run and said so (with --passWithNoTests Vitest 1
 * exits 0 without writing its report); null otherwise.
 */
function noTestsFound(result: ExecResult): ParsedTestResults | null {
  const said = /\bNo test files found\b|\bNo tests found\b/i.test(`${result.stdout}\n${result.stderr}`);
  return result.exitCode === 0 && said ? { cases: [], testFiles: [] } : null;
}

/** The error for a runner that ended without usable results. */
export function crashError(invocation: RunnerInvocation, result: ExecResult): TestRunnerError {
  const lines = meaningfulLines(result.stderr);
  const quoted = (lines.length > 0 ? lines : meaningfulLines(result.stdout)).slice(0, MAX_QUOTED_LINES);
  const how = result.exitCode !== null ? `exit code ${result.exitCode}` : `signal ${result.signal ?? 'unknown'}`;
  const diagnosis = diagnoseCrash(invocation.framework, `${stripAnsi(result.stderr)}\n${stripAnsi(result.stdout)}`);
  if (diagnosis !== null) return new TestRunnerError(`${invocation.framework} in ${invocation.packageLabel} stopped (${how}) without writing test results: ${diagnosis}`);
  const said = quoted.length > 0 ? `: ${quoted.join(' | ')}` : ' and printed nothing';
  return new TestRunnerError(
    `${invocation.framework} in ${invocation.packageLabel} stopped (${how}) without writing test results${said}; run ${invocation.framework} yourself in ${invocation.cwd} to see the full output`,
  );
}

/** Lines worth quoting from a runner's output: no blanks, no Node warnings, no banners or progress. */
export function meaningfulLines(text: string): string[] {
  return stripAnsi(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !NOISE.some((pattern) => pattern.test(line)));
}

const NOISE: readonly RegExp[] = [
  /^\(node:\d+\) \[?\w*\]? ?Warning:/, // (node:123) Warning: ... / [DEP0040] DeprecationWarning
  /^\(node:\d+\)/,
  /^\(Use `node --trace-/,
  /^RUN\s+v\d/, // vitest banner
  /^JSON report written to /,
  /^Test results written to: /,
  /^[⎯─━-]{3,}/, // separators
  /^Determining test suites to run/,
  /^Force exiting Jest/,
  /^at\s/, // stack frames
  /^[│╭╰├┬┴╯╮─]/, // code frames drawn with box characters
];

async function readJson(file: string): Promise<unknown> {
  const read = await readJsonFile(file);
  return read.kind === 'object' || read.kind === 'not-object' ? read.value : undefined;
}

/** Istanbul coverage map data from coverage-final.json; {} when the runner wrote none. */
export async function readCoverage(file: string): Promise<Record<string, unknown>> {
  const read = await readJsonFile(file);
  if (read.kind === 'missing') return {};
  if (read.kind === 'invalid') throw new CoverageError(`the coverage report ${file} is not valid JSON (${read.reason}): rerun the measurement`);
  if (read.kind === 'not-object') throw new CoverageError(`the coverage report ${file} does not hold a coverage map: rerun the measurement`);
  return read.value;
}
