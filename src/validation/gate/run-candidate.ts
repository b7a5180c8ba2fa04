/**
 * Runs one candidate test file alone with the repository's own runner, and reads what it did: each
 * case's result and the coverage of the module under test, keyed by repository-relative path.
 * perCaseCoverage runs passing cases one at a time (by exact name) to learn what each covers alone,
 * which greedy-selection.ts needs. The file must already be written (write-test-file.ts).
 */
import { mkdir } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { makeTempDir } from '../../files/make-temp-dir.js';
import { normalizeCoverageMap } from '../../coverage/normalize-coverage.js';
import { TestRunnerError } from '../../errors/errors.js';
import { FILE_LEVEL_CASE_NAME } from '../../runners/jest-style-results.js';
import { absoluteIn } from '../../runners/paths.js';
import { adapterFor } from '../../runners/registry.js';
import { exactNamePattern } from '../../runners/test-name-pattern.js';
import { readPathMappings } from '../../runners/tsconfig-paths.js';
import { explainUnresolvedImport, findUnresolvedImport } from '../../runners/unresolved-import.js';
import type { PackageInfo, RunnerResult, TestCaseResult } from '../../runners/types.js';
import type { Framework } from '../../report/types.js';
import type { ExecResult, Executor } from '../../sandbox/types.js';

export interface CandidateRequest {
  /** Absolute directory of the checkout (the head). */
  readonly checkoutDir: string;
  readonly pkg: PackageInfo;
  /** Repository-relative POSIX path of the candidate test file, already written. */
  readonly testFile: string;
  /** Repository-relative POSIX path of the module the candidate tests. */
  readonly module: string;
  /** Absolute, writable directory; each runner call gets its own fresh subdirectory. */
  readonly outputDir: string;
  /** Other directories the file may write (the probe's record). */
  readonly writableDirs?: readonly string[];
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface CandidateRun {
  /** The cases of the candidate file, as the runner reported them (the file-level entry left out). */
  readonly cases: readonly TestCaseResult[];
  /** Why the file failed outside its cases (did not load, a hook threw); null when it did not. */
  readonly fileError: string | null;
  /** The module's coverage from this run (path = module); null when not asked for or not reported. */
  readonly coverage: FileCoverageData | null;
  readonly exec: ExecResult;
}

export interface CaseCoverage {
  readonly name: string;
  /** The module's coverage with only this case run; null when the case did not pass alone. */
  readonly coverage: FileCoverageData | null;
  /** Why coverage is null (the case failed alone, or the name selected no case or several). */
  readonly problem: string | null;
}

/** Runs the candidate file alone, with coverage of the module. */
export async function runCandidate(request: CandidateRequest, exec: Executor): Promise<CandidateRun> {
  return runOnce(request, exec, { label: 'candidate', coverage: true });
}

/**
 * Runs each named case alone (exact-name pattern, one runner call per case, one after another) and
 * returns the module's coverage from each run. A run that does not report exactly that one case as
 * passed gives no coverage, with the reason.
 */
export async function perCaseCoverage(request: CandidateRequest, names: readonly string[], exec: Executor): Promise<CaseCoverage[]> {
  const framework = frameworkOf(request);
  const results: CaseCoverage[] = [];
  for (const name of names) {
    const testNamePattern = exactNamePattern(name, { framework, frameworkVersion: request.pkg.frameworkVersion });
    const run = await runOnce(request, exec, { label: 'case', coverage: true, testNamePattern });
    const ran = run.cases.filter((testCase) => testCase.status !== 'skipped');
    const problem =
      run.fileError !== null
        ? `the file failed when the case ran alone: ${firstLine(run.fileError)}`
        : ran.length !== 1 || ran[0]?.name !== name
          ? ran.length === 0
            ? 'its name selected no case when run alone'
            : `its name selected ${ran.length} cases when run alone; give each case a name of its own`
          : ran[0].status !== 'passed'
            ? `it failed when run alone: ${firstLine(ran[0].failureMessage ?? '')}`
            : run.coverage === null
              ? `the runner reported no coverage of ${request.module}`
              : null;
    results.push({ name, coverage: problem === null ? run.coverage : null, problem });
  }
  return results;
}

export interface RunOnceOptions {
  /** Names the output subdirectory. */
  readonly label: string;
  readonly coverage: boolean;
  readonly testNamePattern?: string;
}

/** One runner call on the candidate file, into a fresh subdirectory of outputDir. */
export async function runOnce(request: CandidateRequest, exec: Executor, options: RunOnceOptions): Promise<CandidateRun> {
  const { pkg, checkoutDir, testFile, module } = request;
  const framework = frameworkOf(request);
  await mkdir(request.outputDir, { recursive: true, mode: 0o755 });
  const outputDir = await makeTempDir(request.outputDir, `${options.label}-`);
  const result = await adapterFor(framework).run(
    {
      checkoutDir,
      pkg,
      selection: { kind: 'files', files: [testFile] },
      coverageFor: options.coverage ? [module] : [],
      outputDir,
      ...(request.writableDirs === undefined ? {} : { writableDirs: request.writableDirs }),
      timeoutMs: request.timeoutMs,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      ...(options.testNamePattern === undefined ? {} : { testNamePattern: options.testNamePattern }),
    },
    exec,
  );
  const run = toCandidateRun(result, request, options.coverage);
  if (run.fileError === null) return run;
  // An import the runner could not resolve: say first what to set (the runner's own text follows).
  const unresolved = findUnresolvedImport(run.fileError);
  if (unresolved === null) return run;
  const mappings = await readPathMappings(checkoutDir, absoluteIn(checkoutDir, pkg.relDir));
  const explained = explainUnresolvedImport(framework, unresolved, mappings, importerLabel(unresolved.importer, request));
  return { ...run, fileError: `${explained}\n${run.fileError}` };
}

/** The importing file, repository-relative, when the runner's path can be placed in the checkout. */
function importerLabel(importer: string | null, request: CandidateRequest): string | null {
  if (importer === null) return null;
  const prefix = `${request.checkoutDir.replace(/\/$/, '')}/`;
  if (importer.startsWith(prefix)) return importer.slice(prefix.length);
  if (importer === request.module || importer.endsWith(`/${request.module}`)) return request.module;
  return isAbsolute(importer) ? null : importer;
}

function toCandidateRun(result: RunnerResult, request: CandidateRequest, withCoverage: boolean): CandidateRun {
  const own = result.cases.filter((testCase) => testCase.file === request.testFile);
  const fileLevel = own.find((testCase) => testCase.name === FILE_LEVEL_CASE_NAME);
  const cases = own.filter((testCase) => testCase !== fileLevel);
  let coverage: FileCoverageData | null = null;
  if (withCoverage) {
    const normalized = normalizeCoverageMap(result.coverage, {
      repoRoot: request.checkoutDir,
      runnerCwd: absoluteIn(request.checkoutDir, request.pkg.relDir),
    });
    coverage = normalized.map[request.module] ?? null;
  }
  return { cases, fileError: fileLevel ? (fileLevel.failureMessage ?? 'the test file failed') : null, coverage, exec: result.exec };
}

function frameworkOf(request: CandidateRequest): Framework {
  if (request.pkg.framework === null) {
    throw new TestRunnerError(
      `no test framework is known for the package of ${request.testFile}: detect the package (detectPackage) before running a candidate`,
    );
  }
  return request.pkg.framework;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '(no message)';
}
