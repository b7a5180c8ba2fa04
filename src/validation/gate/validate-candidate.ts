/**
 * The whole per-case gate for ONE proposed test file (issue 3, item 4; issue 14): write it at a safe
 * path, run it alone, drop cases whose name is computed at run time (case-names.ts: a kept case's name
 * is the literal in the file, or for a generated case, one made by a loop or `.each`, a label from its
 * generator's position), that assert nothing, fail, or pin the environment (environment-needs.ts: they
 * assert a missing global), run each remaining case alone with coverage (its first re-run), re-run the
 * file N-1 more times and drop any case that ever fails, then keep only the cases that add coverage of
 * the module over the baseline (greedy). Generators stay while one of their cases is kept, their literal
 * tables cut to the kept rows (generated-cases.ts). The final file must hold a test and is run again
 * N times exactly as proposed (final-check.ts); it is proposed only when it passes every time and
 * covers what is claimed. Every dropped case keeps its reason. The file is removed again on any
 * failure, cancellation, or when nothing is kept; when cases are kept, the final file is left written.
 * No other file is touched.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { GenerationError } from '../../errors/errors.js';
import type { PackageInfo } from '../../runners/types.js';
import type { Executor } from '../../sandbox/types.js';
import { keepOnlyTestCases, listTestCases } from '../test-cases.js';
import { removeTableRows } from '../test-case-rows.js';
import { COMPUTED_NAME, reportedCaseOf } from './case-names.js';
import { describeEnvironmentNeed, environmentNeedInCode, environmentNeedInText } from './environment-needs.js';
import { checkFinalFile, FINAL_CHECK_FAILED } from './final-check.js';
import { cuttableGenerators, finalLabel, finalSelection, generatedCase, literalCase, type TrackedCase } from './generated-cases.js';
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

    // 3. Drop cases whose name is computed at run time (case-names.ts), that assert nothing, fail, were
    //    skipped, or pin the environment (environment-needs.ts). From here on a case is its file literal
    //    or its generator's position (generated-cases.ts): no text the test made at run time is shown.
    const sourceCases = listTestCases(content, input.testPath);
    const moduleSource = await readFile(path.join(input.checkoutDir, input.module), 'utf8').catch(() => '');
    const dropped: DroppedCase[] = [];
    const failures: CaseFailure[] = [];
    const reported: TrackedCase[] = [];
    let passing: TrackedCase[] = [];
    const computed = new Set<string>();
    const perGenerator = new Map<number, number>();
    for (const testCase of first.cases) {
      const found = reportedCaseOf(sourceCases, testCase.name);
      if (found.kind === 'computed') {
        if (computed.has(found.label)) continue;
        computed.add(found.label);
        dropped.push({ name: found.label, reason: COMPUTED_NAME });
        // For healing: the model is told to name it with a literal (never a possible bug: no assertion failed).
        failures.push({ name: found.label, message: COMPUTED_NAME });
        continue;
      }
      let tracked: TrackedCase;
      if (found.kind === 'literal') tracked = literalCase(found.name, found.source);
      else {
        const ordinal = found.source.generator!.ordinal;
        const index = perGenerator.get(ordinal) ?? 0;
        perGenerator.set(ordinal, index + 1);
        tracked = generatedCase(testCase.name, found.source, index);
      }
      reported.push(tracked);
      const name = tracked.label;
      if (tracked.source.assertionCount === 0) dropped.push({ name, reason: ASSERTS_NOTHING });
      else if (testCase.status === 'failed') {
        const message = testCase.failureMessage ?? '(no message)';
        const need = environmentNeedInText(message, moduleSource);
        dropped.push({ name, reason: need === null ? `failed: ${firstLine(message)}` : `failed: ${describeEnvironmentNeed(need)}` });
        failures.push({ name, message });
      } else if (testCase.status !== 'passed') dropped.push({ name, reason: testCase.status });
      else passing.push(tracked);
    }
    const cuttable = cuttableGenerators(reported);
    passing = passing.filter((entry) => {
      const need = environmentNeedInCode(content, input.testPath, assertedRanges(entry, cuttable), moduleSource);
      if (need !== null) dropped.push({ name: entry.label, reason: describeEnvironmentNeed(need) });
      return need === null;
    });
    if (passing.length === 0) return { kind: 'nothing-kept', dropped, failures };

    // 4. Each passing case alone, with coverage: what it covers by itself (for the greedy choice), and
    //    its first re-run. A case that fails alone, or passes only beside the others, goes.
    input.signal?.throwIfAborted();
    const perCase = await perCaseCoverage(request, passing.map((entry) => entry.runName), exec);
    let measurable: { entry: TrackedCase; coverage: FileCoverageData }[] = [];
    perCase.forEach((result, position) => {
      const entry = passing[position]!;
      if (result.coverage === null) dropped.push({ name: entry.label, reason: `no coverage measured: ${result.problem ?? 'unknown'}` });
      else measurable.push({ entry, coverage: result.coverage });
    });

    // 5. The other re-runs, of the whole file; drop any case that ever failed (reruns counts the run alone).
    if (reruns > 1 && measurable.length > 0) {
      input.signal?.throwIfAborted();
      const rerun = await rerunCases(request, exec, reruns - 1, { expectedNames: measurable.map(({ entry }) => entry.runName) });
      measurable = measurable.filter(({ entry }) => {
        const counts = rerun.cases.find((item) => item.name === entry.runName);
        if (counts?.verdict === 'stable') return true;
        dropped.push({ name: entry.label, reason: `flaky: passed ${(counts?.passed ?? 0) + 1} of ${reruns}` });
        return false;
      });
    }

    // 6. A generator whose rows cannot be cut stays whole: it is kept only when every case it made is.
    const stableIds = new Set(measurable.map(({ entry }) => entry.id));
    const broken = new Set(
      reported.filter((entry) => entry.generated !== null && !cuttable.has(entry.generated.ordinal) && !stableIds.has(entry.id)).map((entry) => entry.generated!.ordinal),
    );
    measurable = measurable.filter(({ entry }) => {
      if (entry.generated === null || !broken.has(entry.generated.ordinal)) return true;
      dropped.push({
        name: entry.label,
        reason: `another case of its generator (line ${entry.source.range.startLine}) was dropped, and its rows are not a literal table that can be cut; write the rows as a literal array`,
      });
      return false;
    });

    // 7. Greedy selection against the baseline; then the final file: the kept cases, the generators of
    //    kept generated cases, their tables cut to the kept rows. It must still hold a test.
    const selection = selectCasesByCoverage(input.module, input.baseline, measurable.map(({ entry, coverage }) => ({ name: entry.id, coverage })));
    const byId = new Map(measurable.map(({ entry }) => [entry.id, entry]));
    const picked = new Set(selection.kept.map((entry) => entry.name));
    const chosen = finalSelection(picked, measurable.map(({ entry }) => entry), cuttable);
    const riding = new Set(chosen.ridingAlong.map((entry) => entry.id));
    dropped.push(...selection.dropped.filter((entry) => !riding.has(entry.name)).map((entry) => ({ ...entry, name: byId.get(entry.name)?.label ?? entry.name })));
    if (selection.kept.length === 0) return { kind: 'nothing-kept', dropped, failures };
    const withRows = removeTableRows(content, input.testPath, chosen.rowCuts);
    const final = keepOnlyTestCases(withRows, input.testPath, chosen.names, chosen.generators).source;
    const finalCases = listTestCases(final, input.testPath);
    if (finalCases.length === 0) {
      return { kind: 'file-failed', error: `${FINAL_CHECK_FAILED} would hold no test case; it is not proposed` };
    }
    if (final !== content) await rewrite(final);

    // 8. The final file, exactly as proposed, run again N times: it passes every time and covers what is claimed.
    const kept: KeptCase[] = [
      ...selection.kept.map((entry) => ({ ...entry, name: finalLabel(byId.get(entry.name)!, finalCases, chosen) })),
      ...chosen.ridingAlong.map((entry) => ({ name: finalLabel(entry, finalCases, chosen), newLines: [], newBranchOutcomes: 0 })),
    ];
    const check = await checkFinalFile(request, exec, { runs: reruns, expectedCases: kept.length, baseline: input.baseline, claimed: selection.combined });
    if (!check.ok) return { kind: 'file-failed', error: check.reason };
    keepFile = true;
    return {
      kind: 'kept',
      testPath: input.testPath,
      content,
      kept,
      dropped,
      failures,
      combinedCoverage: check.coverage ?? selection.combined,
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

/** Where a case's assertions are written: its call, and for a row-cut generator its own row instead of the whole table. */
function assertedRanges(entry: TrackedCase, cuttable: ReadonlySet<number>): { start: number; end: number }[] {
  const { range } = entry.source;
  const table = entry.source.generator?.table;
  if (entry.generated === null || table === null || table === undefined || !cuttable.has(entry.generated.ordinal)) return [range];
  const row = table.rows[entry.generated.index]!;
  const tableInside = table.start >= range.start && table.end <= range.end;
  return tableInside ? [{ start: range.start, end: table.start }, { start: table.end, end: range.end }, row] : [range, row];
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '(no message)';
}
