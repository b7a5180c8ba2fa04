/**
 * Runs one proposed test file with the project's own runner, as its maintainers would (the runner's
 * binary from the package's or the workspace root's node_modules/.bin, from the package directory, with
 * Node 24 first on PATH, with the Jest config file the package's scripts name), several times; counts
 * the runs that exit 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Framework } from '../../src/report/types.js';
import { jestConfigFromScripts } from '../../src/runners/script-config.js';

const RUN_TIMEOUT_MS = 5 * 60 * 1000;

function runnerBinary(repoDir: string, packageDir: string, framework: Framework): string | null {
  for (let dir = join(repoDir, packageDir); ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', '.bin', framework);
    if (existsSync(bin)) return bin;
    if (dir === repoDir || dirname(dir) === dir) return null;
  }
}

export function runnerArgs(framework: Framework, testFile: string, jestConfig: string | null = null): string[] {
  if (framework !== 'jest') return ['run', testFile];
  return [...(jestConfig === null ? [] : [`--config=${jestConfig}`]), '--ci', '--runTestsByPath', testFile];
}

/** The Jest config file the package's scripts name (as `npm test` would use it), when it exists. */
function scriptJestConfig(cwd: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> };
    const named = jestConfigFromScripts(manifest.scripts ?? {});
    return named !== null && existsSync(join(cwd, named.config)) ? named.config : null;
  } catch {
    return null;
  }
}

export interface Reruns {
  readonly passed: number;
  readonly runs: number;
  /** The last failing run's output tail, or why the runner could not be started. */
  readonly failure: string | null;
}

export function rerunFile(repoDir: string, packageDir: string, framework: Framework, testPath: string, runs: number): Reruns {
  const bin = runnerBinary(repoDir, packageDir, framework);
  if (bin === null) return { passed: 0, runs, failure: `no node_modules/.bin/${framework} in ${packageDir} or above` };
  const cwd = join(repoDir, packageDir);
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, CI: '1', FORCE_COLOR: '0' };
  let passed = 0;
  let failure: string | null = null;
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(bin, runnerArgs(framework, relative(cwd, join(repoDir, testPath)), framework === 'jest' ? scriptJestConfig(cwd) : null), { cwd, env, encoding: 'utf8', timeout: RUN_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 });
    if (result.status === 0) passed++;
    else failure = `${result.stdout}\n${result.stderr}`.trim().split('\n').filter((line) => line.trim() !== '').slice(-6).join(' | ');
  }
  return { passed, runs, failure };
}
