/**
 * Re-runs a candidate test file N times (TestGen-LLM's "passes reliably" filter, at case
 * granularity) and counts, per case, how often it passed, failed, was skipped, or was missing from
 * the report (its file failed to load in that run). Only a case that passed in every run is stable.
 * Runs go one after another, without coverage (faster; coverage comes from perCaseCoverage).
 */
import { GenerationError } from '../../errors/errors.js';
import type { Executor } from '../../sandbox/types.js';
import { runOnce, type CandidateRequest } from './run-candidate.js';

export type CaseVerdict = 'stable' | 'flaky' | 'failing' | 'skipped' | 'missing';

export interface CaseRunCounts {
  readonly name: string;
  readonly runs: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Runs whose report did not list the case (the file failed to load, or the case vanished). */
  readonly missing: number;
  /**
   * stable: passed every run; failing: passed in none and failed in some; flaky: passed in some,
   * not all; skipped: only ever skipped; missing: never reported.
   */
  readonly verdict: CaseVerdict;
  /** The first failure message seen (or the file's error when it was missing), for healing. */
  readonly firstFailure: string | null;
}

export interface RerunResult {
  readonly cases: readonly CaseRunCounts[];
  /** The file's own error in each run in which it failed outside its cases (null in the others). */
  readonly fileErrors: readonly (string | null)[];
}

export interface RerunOptions {
  /** Names expected in the file (e.g. from listTestCases); those never reported are 'missing'. */
  readonly expectedNames?: readonly string[];
}

export async function rerunCases(request: CandidateRequest, exec: Executor, runs: number, options: RerunOptions = {}): Promise<RerunResult> {
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new GenerationError(`cannot re-run a candidate ${String(runs)} times: the number of runs must be a whole number of at least 1`);
  }
  const reports: { names: Map<string, { status: string; message: string | null }>; fileError: string | null }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const outcome = await runOnce(request, exec, { label: `rerun${run + 1}`, coverage: false });
    const names = new Map<string, { status: string; message: string | null }>();
    for (const testCase of outcome.cases) names.set(testCase.name, { status: testCase.status, message: testCase.failureMessage });
    reports.push({ names, fileError: outcome.fileError });
  }
  return countRuns(reports, options.expectedNames ?? []);
}

/** Pure: per-case counts from each run's reported statuses. Exported for tests. */
export function countRuns(
  reports: readonly { names: ReadonlyMap<string, { status: string; message: string | null }>; fileError: string | null }[],
  expectedNames: readonly string[],
): RerunResult {
  const allNames = [...new Set([...expectedNames, ...reports.flatMap((report) => [...report.names.keys()])])];
  const cases = allNames.map((name): CaseRunCounts => {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let missing = 0;
    let firstFailure: string | null = null;
    for (const report of reports) {
      const seen = report.names.get(name);
      if (seen === undefined) {
        missing += 1;
        firstFailure ??= report.fileError;
      } else if (seen.status === 'passed') passed += 1;
      else if (seen.status === 'failed') {
        failed += 1;
        firstFailure ??= seen.message;
      } else skipped += 1;
    }
    const runs = reports.length;
    const verdict: CaseVerdict =
      passed === runs ? 'stable' : passed > 0 ? 'flaky' : failed > 0 ? 'failing' : skipped > 0 ? 'skipped' : 'missing';
    return { name, runs, passed, failed, skipped, missing, verdict, firstFailure };
  });
  return { cases, fileErrors: reports.map((report) => report.fileError) };
}
