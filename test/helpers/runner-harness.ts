/**
 * Runs a RunnerAdapter on a fixture repository the way the pipeline does: detect the package, pick
 * the adapter, run it through the sandboxed executor into a fresh output directory.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { detectPackage } from '../../src/runners/detect.js';
import { adapterFor } from '../../src/runners/registry.js';
import type { PackageInfo, RunnerResult, TestSelection } from '../../src/runners/types.js';
import { createSandboxExecutor } from '../../src/sandbox/executor.js';

const run = promisify(execFile);

export const RUN_TIMEOUT_MS = 120_000;

export interface AdapterRun {
  readonly pkg: PackageInfo;
  readonly result: RunnerResult;
  readonly outputDir: string;
}

/** Output directories made by runAdapter, removed by removeOutputDirs(). */
const outputDirs: string[] = [];

export async function runAdapter(
  checkoutDir: string,
  relDir: string,
  selection: TestSelection,
  coverageFor: readonly string[],
): Promise<AdapterRun> {
  const pkg = await detectPackage(checkoutDir, relDir);
  if (pkg.framework === null) throw new Error(`no framework detected in ${checkoutDir}/${relDir}`);
  const outputDir = await mkdtemp(join(tmpdir(), 'testmaster-runner-out-'));
  outputDirs.push(outputDir);
  const result = await adapterFor(pkg.framework).run(
    { checkoutDir, pkg, selection, coverageFor, outputDir, timeoutMs: RUN_TIMEOUT_MS },
    createSandboxExecutor(),
  );
  return { pkg, result, outputDir };
}

export async function removeOutputDirs(): Promise<void> {
  await Promise.all(outputDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

interface FileCoverageData {
  readonly s: Record<string, number>;
  readonly f: Record<string, number>;
  readonly fnMap: Record<string, { readonly name: string }>;
  readonly b: Record<string, number[]>;
}

/** Vitest 3's v8 provider gives a file no test loaded one synthetic function, hit once, of this name. */
const VITEST_EMPTY_REPORT_FUNCTION = '(empty-report)';

/** The Istanbul entry of a file (the map may wrap entries in { data }). */
export function coverageOf(coverage: Record<string, unknown>, absolutePath: string): FileCoverageData {
  const entry = coverage[absolutePath] as (FileCoverageData & { data?: FileCoverageData }) | undefined;
  if (entry === undefined) throw new Error(`no coverage for ${absolutePath}; have: ${Object.keys(coverage).join(', ')}`);
  return entry.data ?? entry;
}

/** Hit counts of statements, real functions and branches, for zero checks. */
export function hitCounts(entry: FileCoverageData): { statements: number[]; functions: number[]; branches: number[] } {
  const functions = Object.entries(entry.f)
    .filter(([id]) => entry.fnMap[id]?.name !== VITEST_EMPTY_REPORT_FUNCTION)
    .map(([, hits]) => hits);
  const synthetic = functions.length < Object.keys(entry.f).length;
  return {
    statements: Object.values(entry.s),
    functions,
    // The synthetic function comes with a synthetic branch, hit once.
    branches: synthetic ? [] : Object.values(entry.b).flat(),
  };
}

/** `git status --porcelain` of a repository (empty when the working tree is clean). */
export async function gitStatus(dir: string): Promise<string> {
  const { stdout } = await run('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir });
  return stdout;
}

/** Runs node with the given args in `cwd` (Node 24 from PATH), for invoking a runner by hand. */
export async function runNodeByHand(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [...args], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      timeout: RUN_TIMEOUT_MS,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * Runs the project's runner by hand (no TestMaster code) with a json coverage reporter writing into a
 * fresh directory, and returns its exit status and the coverage-final.json it wrote.
 */
export async function coverageByHand(
  cwd: string,
  buildArgs: (coverageDir: string) => readonly string[],
): Promise<{ code: number; stderr: string; coverage: Record<string, unknown> }> {
  const own = await mkdtemp(join(tmpdir(), 'testmaster-by-hand-'));
  try {
    const { code, stderr } = await runNodeByHand(cwd, buildArgs(own));
    const coverage = code === 0 ? (JSON.parse(await readFile(join(own, 'coverage-final.json'), 'utf8')) as Record<string, unknown>) : {};
    return { code, stderr, coverage };
  } finally {
    await rm(own, { recursive: true, force: true });
  }
}
