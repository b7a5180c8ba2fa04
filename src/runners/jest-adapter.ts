/**
 * RunnerAdapter for Jest (24 to 30): runs the project's own Jest with node in the package directory
 * (never through npm scripts) and returns per-case results and the coverage of exactly the requested
 * modules. collectCoverageFrom is relative to Jest's rootDir, which a config may move, so the
 * resolved config is read first (`--showConfig`, which also surfaces a broken config early); a
 * requested module outside the config's `roots` gets its directory added to them for the run
 * (rootsCovering), else Jest would neither relate tests to it nor report it untested. A config file
 * only the package's scripts name (PackageInfo.runnerConfig) is passed to every Jest command.
 */
import { isAbsolute, join, relative, sep } from 'node:path';
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

  const config = pkg.runnerConfig;
  const modules = request.coverageFor.map((module) => absoluteIn(checkoutDir, module));
  const projects = modules.length > 0 ? await readProjects(exec, invocation, config) : [];
  const rootDirs = [...new Set(projects.map((project) => project.rootDir))];
  const roots = rootsCovering(modules, projects);
  const absolute = paths.map((path) => absoluteIn(checkoutDir, path));
  const args = jestArgs({
    selection: request.selection.kind === 'related' ? { kind: 'related', modules: absolute } : { kind: 'files', files: absolute },
    collectCoverageFrom: coveragePatterns(modules, rootDirs),
    coverageDir,
    resultsFile: invocation.resultsFile,
    cacheDir: runnerCacheDir(),
    ...(roots === null ? {} : { roots }),
    ...(request.testNamePattern === undefined ? {} : { testNamePattern: request.testNamePattern }),
    ...(config === undefined ? {} : { config }),
  });
  const outcome = await invokeRunner(exec, { ...invocation, args });
  const coverage =
    request.selection.kind === 'related' && outcome.parsed.testFiles.length === 0 && modules.length > 0
      ? await zeroHitCoverage(exec, invocation, { collectCoverageFrom: coveragePatterns(modules, rootDirs), coverageDir, roots, config })
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
  settings: {
    readonly collectCoverageFrom: readonly string[];
    readonly coverageDir: string;
    readonly roots: readonly string[] | null;
    readonly config: string | undefined;
  },
): Promise<Record<string, unknown>> {
  const { collectCoverageFrom, coverageDir, roots, config } = settings;
  const listed = await runNode(exec, invocation, jestListTestsArgs(runnerCacheDir(), config));
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
    ...(roots === null ? {} : { roots }),
    ...(config === undefined ? {} : { config }),
  });
  const outcome = await invokeRunner(exec, { ...invocation, resultsFile: `${invocation.resultsFile}.untested.json`, args });
  return outcome.coverage;
}

/** A Jest project as resolved: its rootDir and roots (absolute). */
export interface JestProject {
  readonly rootDir: string;
  readonly roots: readonly string[];
}

/** Each Jest project's rootDir and roots, from the resolved configuration. */
async function readProjects(exec: Executor, invocation: RunnerInvocation, config: string | undefined): Promise<JestProject[]> {
  const result = await runNode(exec, invocation, jestShowConfigArgs(runnerCacheDir(), config));
  const projects = parseProjects(result.stdout);
  if (result.exitCode !== 0 || projects.length === 0) throw crashError(invocation, result);
  return projects;
}

/** rootDirs from `jest --showConfig` output ({ configs: [{ rootDir }], globalConfig }), unique. */
export function parseRootDirs(stdout: string): string[] {
  return [...new Set(parseProjects(stdout).map((project) => project.rootDir))];
}

/** Projects from `jest --showConfig` output ({ configs: [{ rootDir, roots }], globalConfig }). */
export function parseProjects(stdout: string): JestProject[] {
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
  return configs.flatMap((config) => {
    const { rootDir, roots } = (config ?? {}) as { rootDir?: unknown; roots?: unknown };
    if (typeof rootDir !== 'string') return [];
    const list = Array.isArray(roots) ? roots.filter((root): root is string => typeof root === 'string') : [rootDir];
    return [{ rootDir, roots: list }];
  });
}

/**
 * The roots one Jest project needs so that every requested module is in its file map (Jest relates
 * tests to a module, and reports it untested, only when it maps it): its own roots plus, for each
 * module under its rootDir but outside them, the top directory of the rootDir it lies in (`src` for
 * src/zones/IANAZone.js). Not just the module's own directory: a test reaches a module through the
 * files between them (test/zones/IANA.test.js -> src/luxon.js -> ... -> src/zones/IANAZone.js), and
 * Jest follows imports only through the files it maps. A root inside an added directory is dropped
 * (the added one covers it). Null when nothing is missing, or with several
 * projects (`--roots` would apply to all of them).
 */
export function rootsCovering(modules: readonly string[], projects: readonly JestProject[]): string[] | null {
  const [project, ...others] = projects;
  if (project === undefined || others.length > 0) return null;
  const inside = (dir: string, file: string): boolean => {
    const rel = relative(dir, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  const missing = modules
    .filter((module) => inside(project.rootDir, module) && !project.roots.some((root) => inside(root, module)))
    .map((module) => topDirectoryOf(project.rootDir, module));
  if (missing.length === 0) return null;
  // A root inside an added directory would be crawled twice.
  const kept = project.roots.filter((root) => !missing.some((dir) => inside(dir, root)));
  return [...new Set([...kept, ...missing])];
}

/** The directory directly under rootDir that holds the file; rootDir itself for a file directly in it. */
function topDirectoryOf(rootDir: string, file: string): string {
  const [top, ...rest] = relative(rootDir, file).split(sep);
  return rest.length === 0 || top === undefined ? rootDir : join(rootDir, top);
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
