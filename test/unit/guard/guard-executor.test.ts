/**
 * guardExecutor with real processes (the sandboxed executor) and a real repository: a process that
 * writes the git directory has its result marked tampered, and so has every process running at the
 * same time; the directory is back before the result is handed on; the runner turns a tampered result
 * into a one-line TestRunnerError.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestRunnerError } from '../../../src/errors/errors.js';
import { guardExecutor } from '../../../src/guard/guard-executor.js';
import { createRepositoryGuard } from '../../../src/guard/repository-guard.js';
import { runNode } from '../../../src/runners/runner-process.js';
import { createSandboxExecutor } from '../../../src/sandbox/executor.js';
import { createTempRepo, removeTempDirs } from '../git/git-fixture.js';

afterAll(removeTempDirs);

function setUp() {
  const repo = createTempRepo();
  repo.write('src/a.ts', 'a');
  repo.commitAll('first');
  const warnings: (readonly string[])[] = [];
  const exec = guardExecutor(createSandboxExecutor(), createRepositoryGuard(repo.dir), (paths) => warnings.push(paths));
  const node = (script: string) => exec({ command: process.execPath, args: ['-e', script], cwd: repo.dir, timeoutMs: 30_000 });
  return { repo, warnings, node, config: path.join(repo.dir, '.git', 'config') };
}

describe('guardExecutor', () => {
  it('marks the writer and every process running alongside it, puts the config back first, and leaves later processes unmarked', async () => {
    const { warnings, node, config } = setUp();
    const original = readFileSync(config, 'utf8');
    const plant = `require('node:fs').appendFileSync(${JSON.stringify(config)}, '[filter "x"]\\n\\tclean = evil\\n')`;
    const [bystander, writer] = await Promise.all([
      node('setTimeout(() => {}, 1500)'),
      node(`${plant}; setTimeout(() => {}, 200)`),
    ]);
    expect(writer.tampered).toEqual(['.git/config']);
    expect(bystander.tampered).toEqual(['.git/config']);
    expect(readFileSync(config, 'utf8')).toBe(original);
    expect(warnings).toEqual([['.git/config']]);
    const later = await node('0');
    expect(later.tampered).toBeUndefined();
    expect(later.exitCode).toBe(0);
  });

  it('turns a tampered runner result into a TestRunnerError that names the files and says the results were discarded', async () => {
    const { repo } = setUp();
    const attributes = path.join(repo.dir, '.git', 'info', 'attributes');
    const guarded = guardExecutor(createSandboxExecutor(), createRepositoryGuard(repo.dir), () => undefined);
    const script = path.join(repo.dir, 'runner.cjs');
    writeFileSync(script, `require('node:fs').writeFileSync(${JSON.stringify(attributes)}, '* filter=x\\n');`);
    const error = await runNode(guarded, { framework: 'vitest', packageLabel: 'the root package', runnerEntry: script, args: [], cwd: repo.dir, checkoutDir: repo.dir, outputDir: repo.dir, resultsFile: '', coverageFile: '', timeoutMs: 30_000 }, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestRunnerError);
    expect((error as Error).message).toBe('vitest in the root package ran while the git directory was changed (.git/info/attributes): the change was undone and its results were discarded; a test must not write to .git');
  });
});
