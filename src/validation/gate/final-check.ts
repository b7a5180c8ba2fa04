/**
 * The last step of the gate: the final file, exactly as it will be proposed, is run again N times (the
 * configured reruns; the first with coverage) and must load, report exactly the cases it is said to
 * keep, pass every one of them in every run, and cover (with the existing tests' baseline) every line
 * and branch outcome the report claims. Anything else is one line saying why it is not proposed.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import type { Executor } from '../../sandbox/types.js';
import { coveredUnits, mergeCoverage } from './greedy-selection.js';
import { alignV8Blocks } from './v8-blocks.js';
import { runOnce, type CandidateRequest } from './run-candidate.js';

export const FINAL_CHECK_FAILED = 'the final file, as it would be proposed,';

export interface FinalCheckInput {
  readonly runs: number;
  /** How many cases the final file holds. */
  readonly expectedCases: number;
  readonly baseline: FileCoverageData | null;
  /** Baseline and kept cases, as the report will claim. */
  readonly claimed: FileCoverageData | null;
}

export type FinalCheck = { readonly ok: true; readonly coverage: FileCoverageData | null } | { readonly ok: false; readonly reason: string };

export async function checkFinalFile(request: CandidateRequest, exec: Executor, input: FinalCheckInput): Promise<FinalCheck> {
  let coverage: FileCoverageData | null = null;
  for (let run = 1; run <= input.runs; run += 1) {
    request.signal?.throwIfAborted();
    const outcome = await runOnce(request, exec, { label: `final${run}`, coverage: run === 1 });
    const of = `in run ${run} of ${input.runs}`;
    if (outcome.fileError !== null) return fail(`failed to run ${of}: ${firstLine(outcome.fileError)}`);
    if (outcome.cases.length !== input.expectedCases) return fail(`reported ${outcome.cases.length} cases instead of ${input.expectedCases} ${of}`);
    const notPassed = outcome.cases.filter((testCase) => testCase.status !== 'passed').length;
    if (notPassed > 0) return fail(`had ${notPassed} of its ${input.expectedCases} cases not pass ${of}`);
    if (run === 1) coverage = mergeCoverage(request.module, [...(input.baseline === null ? [] : [input.baseline]), ...(outcome.coverage === null ? [] : [outcome.coverage])]);
  }
  const missing = input.claimed === null ? [] : unitsNotCovered(input.claimed, coverage);
  if (missing.length > 0) {
    const lines = [...new Set(missing.map((unit) => /^[LB](\d+)/.exec(unit)?.[1]).filter((line) => line !== undefined))].slice(0, 5);
    return fail(`did not cover what its cases covered alone (line ${lines.join(', ')} of ${request.module})`);
  }
  return { ok: true, coverage };
}

/**
 * The lines and branch outcomes claimed that the final run did not cover (pure). The two are aligned
 * first (v8-blocks.ts): V8 data of older runners maps a block only while its count differs from the
 * code around it, so the final run may leave out a block the cases' runs mapped, and took it.
 */
export function unitsNotCovered(claimed: FileCoverageData, final: FileCoverageData | null): string[] {
  if (final === null) return coveredUnits(claimed);
  const [alignedClaimed, alignedFinal] = alignV8Blocks([claimed, final]) as [FileCoverageData, FileCoverageData];
  const measured = new Set(coveredUnits(alignedFinal));
  return coveredUnits(alignedClaimed).filter((unit) => !measured.has(unit));
}

function fail(what: string): FinalCheck {
  return { ok: false, reason: `${FINAL_CHECK_FAILED} ${what}; it is not proposed` };
}

/** The first line that says something: Jest's "● Test suite failed to run" header is followed by the reason. */
function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '' && !/^●\s*Test suite failed to run\s*$/.test(line.trim()))?.trim() ?? '(no message)';
}
