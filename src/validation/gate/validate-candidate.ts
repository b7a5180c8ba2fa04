/**
 * The whole per-case gate for ONE proposed test file (issue 3, item 4): write it at a safe path, run
 * it alone, drop cases whose name is computed at run time (case-names.ts: a kept case's name is the
 * literal in the file), that assert nothing or fail, run each remaining case alone with coverage (its
 * first re-run), re-run the file N-1 more times and drop any case that ever fails, then keep only the cases that add coverage of the module over the baseline (greedy). Every
 * dropped case keeps its reason. The file is removed again on any failure, cancellation, or when
 * nothing is kept; when cases are kept, the final file (only those cases) is left written. No other
 * file is touched.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { GenerationError } from '../../errors/errors.js';
import type { PackageInfo } from '../../runners/types.js';
import type { Executor } from '../../sandbox/types.js';
import { keepOnlyTestCases, listTestCases } from '../test-cases.js';
import { COMPUTED_NAME, reportedCaseOf } from './case-names.js';
import { removeWrittenTestFile, writeNewTestFile, type WrittenTestFile } from '../write-test-file.js';
import { rerunCases } from './flakiness.js';
import { selectCasesByCoverage, type DroppedCase, type KeptCase } from './greedy-selection.js';
import { perCaseCoverage, runCandidate, type CandidateRequest } from './run-candidate.js';

export const ASSERTS_NOTHING = 'asserts nothing';
/** How a file-failed verdict starts when the runner did not pick the file up at all (healing cannot help). */
export const NOT_COLLECTED = 'the test runner did not collect';

export interface ValidateCandidateInput {
  /** Absolute directory of the checkout (the head). */
  readonly checkoutDir: string;
  readonly pkg: PackageInfo;
  /** Repository-relative POSIX path of the module under test. */
  readonly module: string;
  /** Repository-relative POSIX path where the candidate is written (a new file). */
  readonly testPath: string;
  readonly content: string;
  /** The module's coverage from the existing tests at head; null when none. */
  readonly baseline: FileCoverageData | null;
  /** Re-runs for the flakiness filter; default 3. */
  readonly reruns?: number;
  readonly timeoutMs: number;
  /** Absolute, writable scratch directory for runner output (outside the checkout). */
  readonly outputDir: string;
  readonly testGlobs: readonly string[];
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

/** A case that failed in the first run: for healing, and for possible-bug reporting. */
export interface CaseFailure {
  readonly name: string;
  readonly message: string;
}

export type CandidateVerdict =
  | { readonly kind: 'file-failed'; readonly error: string }
  | { readonly kind: 'nothing-kept'; readonly dropped: readonly DroppedCase[]; readonly failures: readonly CaseFailure[] }
  | {
      readonly kind: 'kept';
      readonly testPath: string;
      /** The final file text, as left on disk. */
      readonly content: string;
      readonly kept: readonly KeptCase[];
      readonly dropped: readonly DroppedCase[];
      readonly failures: readonly CaseFailure[];
      /** Baseline merged with every kept case's coverage. */
      readonly combinedCoverage: FileCoverageData | null;
    };

export async function validateCandidate(input: ValidateCandidateInput, exec: Executor): Promise<CandidateVerdict> {
  const reruns = input.reruns ?? 3;
  const writeOptions = { testGlobs: input.testGlobs, maxBytes: input.maxBytes };
  const request: CandidateRequest = {
    checkoutDir: input.checkoutDir,
    pkg: input.pkg,
    testFile: input.testPath,
    module: input.module,
    outputDir: input.outputDir,
    timeoutMs: input.timeoutMs,
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  };
  input.signal?.throwIfAborted();
  let written: WrittenTestFile | null = await writeNewTestFile(input.checkoutDir, input.testPath, input.content, writeOptions);
  let keepFile = false;
  let content = input.content;
  const rewrite = async (next: string): Promise<void> => {
    if (written !== null) await removeOrThrow(written);
    written = null;
    input.signal?.throwIfAborted();
    written = await writeNewTestFile(input.checkoutDir, input.testPath, next, writeOptions);
    content = next;
  };
  try {
    // 2. Run it alone.
    const first = await runCandidate(request, exec);
    if (first.fileError !== null) return { kind: 'file-failed', error: first.fileError };
    if (first.cases.length === 0) {
      return {
        kind: 'file-failed',
        error: `${NOT_COLLECTED} ${input.testPath} (its include / testMatch settings leave it out): set test-path-pattern to a name your ${input.pkg.framework ?? 'test'} configuration includes`,
      };
    }

    // 3. Drop cases whose name is computed at run time (case-names.ts), that assert nothing, fail, or
    //    were skipped; the file keeps only the passing ones. From here on a case's name is the literal
    //    written in the file (equal to the reported one): no text the test made at run time goes on.
    const sourceCases = listTestCases(content, input.testPath);
    const dropped: DroppedCase[] = [];
    const failures: CaseFailure[] = [];
    const passing: string[] = [];
    const computed = new Set<string>();
    for (const testCase of first.cases) {
      const reported = reportedCaseOf(sourceCases, testCase.name);
      if (reported.kind === 'computed') {
        if (computed.has(reported.label)) continue;
        computed.add(reported.label);
        dropped.push({ name: reported.label, reason: COMPUTED_NAME });
        // For healing: the model is told to name it with a literal (never a possible bug: no assertion failed).
        failures.push({ name: reported.label, message: COMPUTED_NAME });
        continue;
      }
      const name = reported.name;
      if (reported.source.assertionCount === 0) dropped.push({ name, reason: ASSERTS_NOTHING });
      else if (testCase.status === 'failed') {
        const message = testCase.failureMessage ?? '(no message)';
        dropped.push({ name, reason: `failed: ${firstLine(message)}` });
        failures.push({ name, message });
      } else if (testCase.status !== 'passed') dropped.push({ name, reason: testCase.status });
      else passing.push(name);
    }
    if (passing.length === 0) return { kind: 'nothing-kept', dropped, failures };
    const passingOnly = keepOnlyTestCases(content, input.testPath, new Set(passing)).source;
    if (passingOnly !== content) await rewrite(passingOnly);

    // 4. Each passing case alone, with coverage: what it covers by itself (for the greedy choice), and
    //    its first re-run. A case that fails alone, or passes only beside the others, goes.
    input.signal?.throwIfAborted();
    const perCase = await perCaseCoverage(request, passing, exec);
    let measurable: { name: string; coverage: FileCoverageData }[] = [];
    for (const entry of perCase) {
      if (entry.coverage === null) dropped.push({ name: entry.name, reason: `no coverage measured: ${entry.problem ?? 'unknown'}` });
      else measurable.push({ name: entry.name, coverage: entry.coverage });
    }

    // 5. The other re-runs, of the whole file; drop any case that ever failed (reruns counts the run alone).
    if (reruns > 1 && measurable.length > 0) {
      input.signal?.throwIfAborted();
      const rerun = await rerunCases(request, exec, reruns - 1, { expectedNames: measurable.map((entry) => entry.name) });
      measurable = measurable.filter((entry) => {
        const counts = rerun.cases.find((item) => item.name === entry.name);
        if (counts?.verdict === 'stable') return true;
        dropped.push({ name: entry.name, reason: `flaky: passed ${(counts?.passed ?? 0) + 1} of ${reruns}` });
        return false;
      });
    }

    // 6. Greedy selection against the baseline; then the final file: only the kept cases.
    const selection = selectCasesByCoverage(input.module, input.baseline, measurable);
    dropped.push(...selection.dropped);
    if (selection.kept.length === 0) return { kind: 'nothing-kept', dropped, failures };
    const final = keepOnlyTestCases(content, input.testPath, new Set(selection.kept.map((entry) => entry.name)));
    if (final.source !== content) await rewrite(final.source);
    keepFile = true;
    return {
      kind: 'kept',
      testPath: input.testPath,
      content,
      kept: selection.kept,
      dropped,
      failures,
      combinedCoverage: selection.combined,
    };
  } finally {
    if (!keepFile && written !== null) await removeOrThrow(written);
  }
}

async function removeOrThrow(written: WrittenTestFile): Promise<void> {
  const left = await removeWrittenTestFile(written);
  if (left.length > 0) {
    throw new GenerationError(
      `could not remove the candidate test file ${written.relativePath} (left: ${left.join(', ')}): remove it by hand before rerunning`,
    );
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '(no message)';
}
