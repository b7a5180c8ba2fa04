/**
 * RunnerAdapter for Vitest (1 to 5): runs the project's own Vitest with node in the package
 * directory (never through npm scripts) and returns per-case results and the coverage of exactly the
 * requested modules. Exact test-file selections are verified against what ran: Vitest's file filters
 * match substrings, so any extra file is excluded by path and the run repeated once.
 */
import { join } from 'node:path';
import { TestRunnerError } from '../errors/errors.js';
import type { Executor } from '../sandbox/types.js';
import { escapeGlob } from './glob-escape.js';
import { findInstalledPackage } from './installed-package.js';
import { absoluteIn, moduleInPackage, packageLabelOf, packageRelative } from './paths.js';
import { invokeRunner, selectedPaths, type RunnerInvocation, type RunnerOutcome } from './runner-process.js';
import type { RunnerAdapter, RunnerRequest, RunnerResult } from './types.js';
import { needsViteConfigLoader, viteConfigLoaderArgs } from './vite-config-loader.js';
import { vitestArgs, type VitestArgsInput, type VitestCoverageProvider } from './vitest-args.js';

export function createVitestAdapter(): RunnerAdapter {
  return { framework: 'vitest', run: runVitest };
}

async function runVitest(request: RunnerRequest, exec: Executor): Promise<RunnerResult> {
  const { pkg, checkoutDir } = request;
  const packageDir = absoluteIn(checkoutDir, pkg.relDir);
  const packageLabel = packageLabelOf(pkg.relDir);
  const runnerEntry = pkg.runnerEntry;
  if (runnerEntry === null) {
    throw new TestRunnerError(`no vitest entry is known for ${packageLabel}: detect the package (detectPackage) before running it`);
  }
  const provider = request.coverageFor.length > 0 ? await coverageProvider(packageDir, packageLabel, pkg.frameworkVersion) : 'v8';
  const coverageInclude = request.coverageFor.map((module) => escapeGlob(moduleInPackage(module, pkg.relDir, packageLabel)));
  const absolute = selectedPaths(request.selection, packageLabel).map((path) => absoluteIn(checkoutDir, path));
  const selection =
    request.selection.kind === 'related' ? { kind: 'related' as const, modules: absolute } : { kind: 'files' as const, files: absolute };

  // Vite 5 and older would write the bundled config into the (read-only) repository: kept in memory instead.
  const nodeArgs = needsViteConfigLoader(pkg.frameworkVersion) ? await viteConfigLoaderArgs(request.outputDir) : [];
  const attempt = async (dir: string, exclude: readonly string[]): Promise<RunnerOutcome> => {
    const input: VitestArgsInput = {
      version: pkg.frameworkVersion,
      selection,
      provider,
      coverageInclude,
      coverageDir: join(dir, 'coverage'),
      resultsFile: join(dir, 'vitest-results.json'),
      exclude,
      ...(request.testNamePattern === undefined ? {} : { testNamePattern: request.testNamePattern }),
    };
    const invocation: RunnerInvocation = {
      framework: 'vitest',
      packageLabel,
      runnerEntry,
      nodeArgs,
      args: vitestArgs(input),
      cwd: packageDir,
      checkoutDir,
      outputDir: request.outputDir,
      ...(request.writableDirs === undefined ? {} : { writableDirs: request.writableDirs }),
      resultsFile: input.resultsFile,
      coverageFile: join(input.coverageDir, 'coverage-final.json'),
      timeoutMs: request.timeoutMs,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    };
    return invokeRunner(exec, invocation);
  };

  let outcome = await attempt(request.outputDir, []);
  if (request.selection.kind === 'files') {
    const wanted = new Set(request.selection.files);
    const extra = (ran: readonly string[]): string[] => ran.filter((file) => !wanted.has(file));
    const first = extra(outcome.parsed.testFiles);
    if (first.length > 0) {
      const exclude = first.map((file) => escapeGlob(packageRelative(pkg.relDir, file) ?? file));
      outcome = await attempt(join(request.outputDir, 'narrowed'), exclude);
      const still = extra(outcome.parsed.testFiles);
      if (still.length > 0) {
        throw new TestRunnerError(
          `vitest in ${packageLabel} ran test files that were not asked for (${still.join(', ')}) even when told to exclude them: check the test include/exclude settings of the vitest config`,
        );
      }
    }
  }
  return { cases: outcome.parsed.cases, coverage: outcome.coverage, testFiles: outcome.parsed.testFiles, exec: outcome.exec };
}

async function coverageProvider(
  packageDir: string,
  packageLabel: string,
  vitestVersion: string | null,
): Promise<VitestCoverageProvider> {
  if ((await findInstalledPackage(packageDir, '@vitest/coverage-v8')) !== null) return 'v8';
  if ((await findInstalledPackage(packageDir, '@vitest/coverage-istanbul')) !== null) return 'istanbul';
  const version = vitestVersion === null ? '' : `@${vitestVersion}`;
  throw new TestRunnerError(
    `measuring coverage with vitest needs a coverage provider, and neither @vitest/coverage-v8 nor @vitest/coverage-istanbul is installed for ${packageLabel}: add @vitest/coverage-v8${version} to its devDependencies and install`,
  );
}
