import type { Executor, ExecResult } from '../sandbox/types.js';
import type { Framework } from '../report/types.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** A package of the repository (the root, or a workspace member) and how its tests run. */
export interface PackageInfo {
  /** Repository-relative POSIX directory ('' for the root). */
  readonly relDir: string;
  readonly name: string | null;
  readonly framework: Framework | null;
  /** Installed version of the framework, e.g. '5.1.1'. */
  readonly frameworkVersion: string | null;
  /** Absolute path of the runner's JS entry (from the project's own node_modules), run with node. */
  readonly runnerEntry: string | null;
  readonly packageManager: PackageManager;
  readonly moduleType: 'module' | 'commonjs';
  /**
   * Package-relative path of the Jest config file the package's scripts name with `--config` (e.g.
   * test/jest.config.js), passed on every Jest run; absent when Jest finds its config by itself.
   */
  readonly runnerConfig?: string;
  /** Present when the package's signals pointed to both frameworks: which one was chosen and why. */
  readonly frameworkNote?: string;
}

export interface TestCaseResult {
  /** Repository-relative POSIX path of the test file. */
  readonly file: string;
  /** Describe blocks and title joined by ' > '. */
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly durationMs: number | null;
  readonly failureMessage: string | null;
}

/** What to run: the runner's related-tests feature for some modules, or exact test files. */
export type TestSelection =
  | { readonly kind: 'related'; readonly modules: readonly string[] }
  | { readonly kind: 'files'; readonly files: readonly string[] };

export interface RunnerRequest {
  /** Absolute directory of the checkout to run in (the repository, or a base worktree). */
  readonly checkoutDir: string;
  readonly pkg: PackageInfo;
  /** Repository-relative POSIX paths. */
  readonly selection: TestSelection;
  /** Repository-relative POSIX paths of the modules to collect coverage for (only these). */
  readonly coverageFor: readonly string[];
  /** Absolute, empty, writable directory for the runner's reports. */
  readonly outputDir: string;
  /** Other directories the tests may write (the zero-token probe's record); in a sandbox nothing else is writable. */
  readonly writableDirs?: readonly string[];
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /**
   * Regular-expression source: run only the cases whose name the runner matches with it (Vitest
   * `--testNamePattern`, Jest `--testNamePattern`); the others are reported as skipped. Build one for a
   * single case with exactNamePattern (test-name-pattern.ts). Absent: every case runs.
   */
  readonly testNamePattern?: string;
}

export interface RunnerResult {
  readonly cases: readonly TestCaseResult[];
  /** Istanbul coverage map data as the runner wrote it (keys not yet normalised); {} when none. */
  readonly coverage: Record<string, unknown>;
  /** Repository-relative test files that ran. */
  readonly testFiles: readonly string[];
  readonly exec: ExecResult;
}

export interface RunnerAdapter {
  readonly framework: Framework;
  run(request: RunnerRequest, exec: Executor): Promise<RunnerResult>;
}
