/**
 * The Jest command line for one measurement (pure), for Jest 24 to 30. Every setting that matters is
 * explicit: --ci (no snapshot writes), coverage as json into `coverageDir` for exactly the requested
 * modules (collectCoverageFrom, one escaped pattern per module relative to the rootDir, which also
 * lists untested modules with zero hits), --json results into `resultsFile`, no watchman, the cache in
 * `cacheDir` (never inside the checkout, where a sandbox cannot write),
 * --passWithNoTests, and --forceExit so an open handle left by a test cannot hold the run until its
 * timeout. Related tests through --findRelatedTests, exact files through --runTestsByPath (exact
 * paths, no pattern matching); --testNamePattern=<source> when only some cases should run; the config
 * file the package's scripts name (`--config`), when Jest would not find it by itself.
 */
export interface JestArgsInput {
  readonly selection:
    | { readonly kind: 'related'; readonly modules: readonly string[] }
    | { readonly kind: 'files'; readonly files: readonly string[] };
  /** Escaped globs relative to the Jest rootDir; none turns coverage off. */
  readonly collectCoverageFrom: readonly string[];
  readonly coverageDir: string;
  readonly resultsFile: string;
  /** Regular-expression source passed as --testNamePattern (Jest matches it case-insensitively). */
  readonly testNamePattern?: string;
  /** Jest's cache (transforms, haste map), outside the checkout whatever the project's config says. */
  readonly cacheDir: string;
  /**
   * Absolute directories to use as Jest's roots instead of the config's: its own plus the directories
   * of requested modules outside them (Jest maps, and so reports untested, only files under its roots).
   */
  readonly roots?: readonly string[];
  /** The config file the package's scripts name (PackageInfo.runnerConfig), relative to the run's directory. */
  readonly config?: string;
}

export function jestArgs(input: JestArgsInput): string[] {
  const coverage =
    input.collectCoverageFrom.length === 0
      ? ['--coverage=false']
      : [
          '--coverage',
          '--coverageReporters=json',
          `--coverageDirectory=${input.coverageDir}`,
          ...input.collectCoverageFrom.map((pattern) => `--collectCoverageFrom=${pattern}`),
        ];
  const selection =
    input.selection.kind === 'related'
      ? ['--findRelatedTests', ...input.selection.modules]
      : ['--runTestsByPath', ...input.selection.files];
  return [
    ...configArgs(input.config),
    '--ci',
    ...coverage,
    '--json',
    `--outputFile=${input.resultsFile}`,
    '--watchman=false',
    `--cacheDirectory=${input.cacheDir}`,
    '--passWithNoTests',
    '--forceExit',
    ...(input.roots ?? []).map((root) => `--roots=${root}`),
    ...(input.testNamePattern === undefined ? [] : [`--testNamePattern=${input.testNamePattern}`]),
    ...selection,
  ];
}

/** Arguments that print the resolved configuration (rootDir of each project) without running tests. */
export function jestShowConfigArgs(cacheDir: string, config?: string): string[] {
  return [...configArgs(config), '--showConfig', '--watchman=false', `--cacheDirectory=${cacheDir}`];
}

/** Arguments that list the test files of the configuration as JSON, without running them. */
export function jestListTestsArgs(cacheDir: string, config?: string): string[] {
  return [...configArgs(config), '--listTests', '--json', '--watchman=false', `--cacheDirectory=${cacheDir}`];
}

/** `--config=<file>` for a config only the package's scripts name; nothing when Jest finds its own. */
function configArgs(config: string | undefined): string[] {
  return config === undefined ? [] : [`--config=${config}`];
}
