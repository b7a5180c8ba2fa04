/**
 * The Vitest command line for one measurement (pure). Every setting that matters is explicit, so the
 * user's config cannot turn coverage off, send it elsewhere or add watch mode:
 *
 * - `run <test files>` or `related <modules> --run`; no watch, no cache (Vitest 5 also keeps its
 *   transformed-module cache out of node_modules), --passWithNoTests.
 * - Coverage (none when no module is requested) with the installed provider, only for the requested modules (`coverage.include`, one
 *   escaped pattern per module, relative to the package), as json into `coverageDir`, also when tests
 *   fail; `coverage.all` before Vitest 4 so untested modules still appear (4+ lists every included
 *   file by itself); threshold auto-update off, so the user's config file is never rewritten.
 * - Only the json reporter, into `resultsFile`: stdout carries no progress noise.
 *
 * - `--testNamePattern=<source>` (one argument, so a pattern starting with '-' stays a value) when
 *   only some cases should run.
 *
 * Test files are CLI filters, which Vitest matches as substrings; the adapter checks which files
 * ran and reruns with `exclude` for any extra file.
 */
import { majorVersion } from './installed-package.js';

export type VitestCoverageProvider = 'v8' | 'istanbul';

export interface VitestArgsInput {
  readonly version: string | null;
  readonly selection:
    | { readonly kind: 'related'; readonly modules: readonly string[] }
    | { readonly kind: 'files'; readonly files: readonly string[] };
  readonly provider: VitestCoverageProvider;
  /** Escaped globs relative to the package directory. */
  readonly coverageInclude: readonly string[];
  readonly coverageDir: string;
  readonly resultsFile: string;
  /** Escaped globs of test files to leave out. */
  readonly exclude: readonly string[];
  /** Regular-expression source passed as --testNamePattern; absent: no name filter. */
  readonly testNamePattern?: string;
}

export function vitestArgs(input: VitestArgsInput): string[] {
  const major = majorVersion(input.version) ?? 5;
  const selection =
    input.selection.kind === 'related' ? ['related', ...input.selection.modules, '--run'] : ['run', ...input.selection.files];
  const cache = major >= 5 ? ['--no-cache', '--no-fsModuleCache'] : ['--no-cache'];
  const coverage = input.coverageInclude.length === 0 ? ['--coverage.enabled=false'] : [
    '--coverage.enabled',
    `--coverage.provider=${input.provider}`,
    '--coverage.reporter=json',
    `--coverage.reportsDirectory=${input.coverageDir}`,
    ...input.coverageInclude.map((pattern) => `--coverage.include=${pattern}`),
    ...(major < 4 ? ['--coverage.all'] : []),
    '--coverage.reportOnFailure',
    '--coverage.thresholds.autoUpdate=false',
  ];
  return [
    ...selection,
    '--passWithNoTests',
    ...cache,
    ...coverage,
    '--reporter=json',
    `--outputFile=${input.resultsFile}`,
    ...input.exclude.map((pattern) => `--exclude=${pattern}`),
    ...(input.testNamePattern === undefined ? [] : [`--testNamePattern=${input.testNamePattern}`]),
  ];
}
