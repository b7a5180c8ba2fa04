/**
 * Everything the prompt for one module is built from, read from the validation checkout (effects:
 * reads files, lists the package's tracked files with git). The rendering itself is pure
 * (src/generation/prompt/).
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { GenerationError } from '../../errors/errors.js';
import { runGit } from '../../git/exec.js';
import type { ModulePlan } from '../../pipeline/module-plan.js';
import type { PatchMetrics } from '../../report/types.js';
import { compileTestGlobs, DEFAULT_TEST_GLOBS } from '../../validation/proposed-path-rules.js';
import { importedSignatures } from '../prompt/imported-signatures.js';
import type { PromptContext } from '../prompt/prompt-types.js';
import type { RuntimeFacts } from '../../runners/runtime-features.js';
import { testConventions, type TestConventions } from '../prompt/test-conventions.js';
import { uncoveredBranches } from './uncovered-branches.js';

/** One module to write tests for, with what the existing tests already cover. */
export interface ModuleJob {
  readonly plan: ModulePlan;
  /** The module's coverage from the existing tests at the head; null when none. */
  readonly baseline: FileCoverageData | null;
  readonly patch: PatchMetrics;
  /** Existing tests of the module (closest first). */
  readonly relatedTests: readonly string[];
}

/** Style examples larger than this are not read. */
const MAX_EXAMPLE_BYTES = 64 * 1024;

export async function buildModuleContext(checkoutDir: string, job: ModuleJob, testPath: string, runtime: RuntimeFacts | null = null): Promise<PromptContext> {
  const modulePath = job.plan.file.path;
  const readRepoFile = repoFileReader(checkoutDir);
  const moduleSource = readRepoFile(modulePath);
  if (moduleSource === null) throw new GenerationError(`cannot read ${modulePath} inside the checkout (missing, or a link to outside the repository)`);
  const { styleExample, conventions } = await conventionsFor(checkoutDir, job, testPath, readRepoFile);
  return {
    modulePath,
    moduleSource,
    changedLines: job.plan.file.changedLines,
    uncoveredLines: job.patch.missingLines,
    partialLines: job.patch.partialLines,
    uncoveredBranches: job.baseline ? uncoveredBranches(job.baseline, job.plan.file.changedLines, moduleSource) : [],
    testPath,
    conventions,
    importedSignatures: importedSignatures(modulePath, moduleSource, readRepoFile),
    styleExample,
    runtime,
    frameworkVersion: job.plan.pkg.frameworkVersion,
  };
}

/**
 * How the new test file imports and is written, from the package and one existing test of it (the
 * style example). All the zero-token generator needs of the context.
 */
export async function moduleConventions(checkoutDir: string, job: ModuleJob, testPath: string): Promise<TestConventions> {
  return (await conventionsFor(checkoutDir, job, testPath, repoFileReader(checkoutDir))).conventions;
}

async function conventionsFor(
  checkoutDir: string,
  job: ModuleJob,
  testPath: string,
  readRepoFile: (repoPath: string) => string | null,
): Promise<{ styleExample: { path: string; content: string } | null; conventions: TestConventions }> {
  const pkg = job.plan.pkg;
  const styleExample = await findStyleExample(checkoutDir, job, readRepoFile);
  const conventions = testConventions({
    framework: pkg.framework ?? 'vitest',
    frameworkVersion: pkg.frameworkVersion,
    moduleType: pkg.moduleType,
    modulePath: job.plan.file.path,
    testPath,
    styleExample: styleExample?.content ?? null,
  });
  return { styleExample, conventions };
}

/**
 * A reader of repository files that refuses anything outside the checkout, also through symbolic
 * links: a pull request could commit `test/x.test.ts -> /proc/self/environ`, and what is read here goes
 * to the model provider.
 */
export function repoFileReader(checkoutDir: string): (repoPath: string) => string | null {
  let root: string;
  try {
    root = realpathSync(checkoutDir);
  } catch {
    return () => null;
  }
  return (repoPath) => {
    try {
      const real = realpathSync(path.resolve(root, repoPath));
      if (!real.startsWith(root + path.sep)) return null;
      return readFileSync(real, 'utf8');
    } catch {
      return null;
    }
  };
}

/** The module's own test, else the package's tracked test closest to the module; generated ones skipped. */
async function findStyleExample(checkoutDir: string, job: ModuleJob, readRepoFile: (repoPath: string) => string | null): Promise<{ path: string; content: string } | null> {
  const candidates = [...job.relatedTests];
  if (candidates.length === 0) candidates.push(...(await packageTests(checkoutDir, job.plan.pkg.relDir, job.plan.file.path)));
  for (const candidate of candidates) {
    if (candidate.includes('.testmaster.')) continue;
    const content = readRepoFile(candidate);
    if (content !== null && Buffer.byteLength(content) <= MAX_EXAMPLE_BYTES) return { path: candidate, content };
  }
  return null;
}

async function packageTests(checkoutDir: string, packageDir: string, modulePath: string): Promise<string[]> {
  const listed = await runGit(checkoutDir, ['ls-files', '-z', '--', packageDir === '' ? '.' : packageDir]).catch(() => null);
  if (listed === null) return [];
  const isTest = compileTestGlobs(DEFAULT_TEST_GLOBS);
  const tests = listed.stdout.split('\0').filter((file) => file !== '' && isTest(file) && !file.includes('/node_modules/'));
  const moduleDir = path.posix.dirname(modulePath).split('/');
  const distance = (file: string): number => {
    const dir = path.posix.dirname(file).split('/');
    let shared = 0;
    while (shared < dir.length && shared < moduleDir.length && dir[shared] === moduleDir[shared]) shared++;
    return dir.length + moduleDir.length - 2 * shared;
  };
  return tests.sort((a, b) => distance(a) - distance(b) || a.localeCompare(b)).slice(0, 5);
}
