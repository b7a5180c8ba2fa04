/**
 * RunnerAdapter for Jest (29, 30): runs the project's own Jest with node in the package directory
 * (never through npm scripts) and returns per-case results and the coverage of exactly the requested
 * modules. collectCoverageFrom is relative to Jest's rootDir, which a config may move, so the
 * resolved config is read first (`--showConfig`, which also surfaces a broken config early).
 */
import { join, relative } from 'node:path';
import { TestRunnerError } from '../errors/errors.js';
import type { Executor } from '../sandbox/types.js';
import { escapeGlob } from './glob-escape.js';
import { jestArgs, jestListTestsArgs, jestShowConfigArgs } from './jest-args.js';
import { runnerCacheDir } from './runner-cache.js';
import { absoluteIn, packageLabelOf, toPosix } from './paths.js';
import { crashError, invokeRunner, runNode, selectedPaths, type RunnerInvocation } from './runner-process.js';
import type { RunnerAdapter, RunnerRequest, RunnerResult } from './types.js';

export function createJestAdapter(): RunnerAdapter {
  return { framework: 'jest', run: runJest };
}

async function runJest(request: RunnerRequest, exec: Executor): Promise<RunnerResult> {
  const { pkg, checkoutDir } = request;
  const packageDir = absoluteIn(checkoutDir, pkg.relDir);
  const packageLabel = packageLabelOf(pkg.relDir);
  if (pkg.runnerEntry === null) {
    throw new TestRunnerError(`no jest entry is known for ${packageLabel}: detect the package (detectPackage) before running it`);
  }
  const paths = selectedPaths(request.selection, packageLabel);
  const coverageDir = join(request.outputDir, 'coverage');
  const invocation: RunnerInvocation = {
    framework: 'jest',
    packageLabel,
    runnerEntry: pkg.runnerEntry,
    args: [],
    cwd: packageDir,
    checkoutDir,
    outputDir: request.outputDir,
    ...(request.writableDirs === undefined ? {} : { writableDirs: request.writableDirs }),
    resultsFile: join(request.outputDir, 'jest-results.json'),
    coverageFile: join(coverageDir, 'coverage-final.json'),
    timeoutMs: request.timeoutMs,
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  };

  const modules = request.coverageFor.map((module) => absoluteIn(checkoutDir, module));
  const rootDirs = modules.length > 0 ? await readRootDirs(exec, invocation) : [];
  const absolute = paths.map((path) => absoluteIn(checkoutDir, path));
  const args = jestArgs({
    selection: request.selection.kind === 'related' ? { kind: 'related', modules: absolute } : { kind: 'files', files: absolute },
    collectCoverageFrom: coveragePatterns(modules, rootDirs),
    coverageDir,
    resultsFile: invocation.resultsFile,
    cacheDir: runnerCacheDir(),
    ...(request.testNamePattern === undefined ? {} : { testNamePattern: request.testNamePattern }),
  });
  const outcome = await invokeRunner(exec, { ...invocation, args });
  const coverage =
    request.selection.kind === 'related' && outcome.parsed.testFiles.length === 0 && modules.length > 0
      ? await zeroHitCoverage(exec, invocation, coveragePatterns(modules, rootDirs), coverageDir)
      : outcome.coverage;
  return { cases: outcome.parsed.cases, coverage, testFiles: outcome.parsed.testFiles, exec: outcome.exec };
}

/**
 * Jest writes no coverage at all when no test runs, so a module that no test relates to would have no
 * line data. Running any one test file of the package (unrelated to the modules, so their hits stay
 * at zero) makes Jest report the requested modules as untested, with their real statement maps.
 */
async function zeroHitCoverage(
  exec: Executor,
  invocation: RunnerInvocation,
  collectCoverageFrom: readonly string[],
  coverageDir: string,
): Promise<Record<string, unknown>> {
  const listed = await runNode(exec, invocation, jestListTestsArgs(runnerCacheDir()));
  const start = listed.stdout.indexOf('[');
  let tests: unknown = [];
  try {
    tests = start === -1 ? [] : JSON.parse(listed.stdout.slice(start));
  } catch {
    tests = [];
  }
  const first = Array.isArray(tests) ? tests.find((t): t is string => typeof t === 'string') : undefined;
  if (first === undefined) return {};
  const args = jestArgs({
    selection: { kind: 'files', files: [first] },
    collectCoverageFrom,
    coverageDir,
    resultsFile: `${invocation.resultsFile}.untested.json`,
    cacheDir: runnerCacheDir(),
  });
  const outcome = await invokeRunner(exec, { ...invocation, resultsFile: `${invocation.resultsFile}.untested.json`, args });
  return outcome.coverage;
}

/** The rootDir of each Jest project, from the resolved configuration. */
async function readRootDirs(exec: Executor, invocation: RunnerInvocation): Promise<string[]> {
  const result = await runNode(exec, invocation, jestShowConfigArgs(runnerCacheDir()));
  const rootDirs = parseRootDirs(result.stdout);
  if (result.exitCode !== 0 || rootDirs.length === 0) throw crashError(invocation, result);
  return rootDirs;
}

/** rootDirs from `jest --showConfig` output ({ configs: [{ rootDir }], globalConfig }), unique. */
export function parseRootDirs(stdout: string): string[] {
  const start = stdout.indexOf('{');
  if (start === -1) return [];
  let value: unknown;
  try {
    value = JSON.parse(stdout.slice(start));
  } catch {
    return [];
  }
  const configs = (value as { configs?: unknown } | null)?.configs;
  if (!Array.isArray(configs)) return [];
  const rootDirs = configs
    .map((config) => (config as { rootDir?: unknown } | null)?.rootDir)
    .filter((rootDir): rootDir is string => typeof rootDir === 'string');
  return [...new Set(rootDirs)];
}

/** One escaped pattern per module and rootDir it lies under; a module outside every rootDir gets none. */
export function coveragePatterns(modules: readonly string[], rootDirs: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const module of modules) {
    for (const rootDir of rootDirs) {
      const rel = toPosix(relative(rootDir, module));
      if (rel !== '' && !rel.startsWith('..')) patterns.add(escapeGlob(rel));
    }
  }
  return [...patterns];
}
