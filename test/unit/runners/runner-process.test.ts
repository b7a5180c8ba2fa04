import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverageError, TestRunnerError } from '../../../src/errors/errors.js';
import { invokeRunner, meaningfulLines, readCoverage, type RunnerInvocation } from '../../../src/runners/runner-process.js';
import { createSandboxExecutor } from '../../../src/sandbox/executor.js';

/** A stand-in runner: a real node script that behaves as its first argument says. */
const FAKE_RUNNER = `
const fs = require('node:fs');
const [mode, resultsFile, coverageFile] = process.argv.slice(2);
if (mode === 'hang') setInterval(() => {}, 1000);
if (mode === 'crash') {
  process.emitWarning('something is deprecated', 'DeprecationWarning');
  console.error('');
  console.error('Error: Cannot find module "./setup-tests"');
  console.error('    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)');
  process.exit(2);
}
if (mode === 'none') { console.log('No test files found, exiting with code 0'); process.exit(0); }
if (mode === 'report') {
  fs.writeFileSync(resultsFile, JSON.stringify({ testResults: [{ name: process.cwd() + '/a.test.js', status: 'passed', assertionResults: [
    { ancestorTitles: [], title: 'ok', status: 'passed', duration: 2, failureMessages: [] }] }] }));
  fs.mkdirSync(require('node:path').dirname(coverageFile), { recursive: true });
  fs.writeFileSync(coverageFile, JSON.stringify({ [process.cwd() + '/a.js']: { path: process.cwd() + '/a.js', s: { 0: 1 } } }));
  process.exit(1);
}
`;

describe('invokeRunner with a real process', () => {
  let dir: string;
  let invocation: (mode: string, timeoutMs?: number, signal?: AbortSignal) => RunnerInvocation;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'testmaster-runner-process-'));
    await writeFile(join(dir, 'runner.cjs'), FAKE_RUNNER);
    invocation = (mode, timeoutMs = 60_000, signal) => {
      const resultsFile = join(dir, `${mode}-results.json`);
      const coverageFile = join(dir, `${mode}-coverage`, 'coverage-final.json');
      return {
        framework: 'jest',
        packageLabel: 'packages/x',
        runnerEntry: join(dir, 'runner.cjs'),
        args: [mode, resultsFile, coverageFile],
        cwd: dir,
        outputDir: dir,
        checkoutDir: dir,
        resultsFile,
        coverageFile,
        timeoutMs,
        ...(signal === undefined ? {} : { signal }),
      };
    };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads results and coverage of a run whose tests failed (a non-zero exit is not an error)', async () => {
    const outcome = await invokeRunner(createSandboxExecutor(), invocation('report'));
    expect(outcome.exec.exitCode).toBe(1);
    expect(outcome.parsed.cases).toEqual([{ file: 'a.test.js', name: 'ok', status: 'passed', durationMs: 2, failureMessage: null }]);
    expect(Object.keys(outcome.coverage)).toEqual([join(dir, 'a.js')]);
  });

  it('quotes the first meaningful lines of a runner that wrote no results', async () => {
    const error = await invokeRunner(createSandboxExecutor(), invocation('crash')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TestRunnerError);
    expect((error as Error).message).toBe(
      `jest in packages/x stopped (exit code 2) without writing test results: Error: Cannot find module "./setup-tests"; run jest yourself in ${dir} to see the full output`,
    );
  });

  it('gives empty results when the runner found no test and said so', async () => {
    const outcome = await invokeRunner(createSandboxExecutor(), invocation('none'));
    expect(outcome.parsed).toEqual({ cases: [], testFiles: [] });
    expect(outcome.coverage).toEqual({});
  });

  it('stops a runner that outlives its timeout', async () => {
    await expect(invokeRunner(createSandboxExecutor(), invocation('hang', 700))).rejects.toThrow(
      new TestRunnerError(
        'jest in packages/x did not finish within 0.7 s and was stopped: raise the test timeout or look for a test that hangs',
      ),
    );
  });

  it('stops a runner when the run is cancelled', async () => {
    const controller = new AbortController();
    const running = invokeRunner(createSandboxExecutor(), invocation('hang', 60_000, controller.signal));
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toThrow(new TestRunnerError('jest in packages/x was cancelled before it finished'));
  });
});

describe('readCoverage', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'testmaster-read-coverage-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is {} when the runner wrote no coverage, and a CoverageError when it wrote something unreadable', async () => {
    expect(await readCoverage(join(dir, 'missing.json'))).toEqual({});
    await writeFile(join(dir, 'bad.json'), '{"a": ');
    await expect(readCoverage(join(dir, 'bad.json'))).rejects.toBeInstanceOf(CoverageError);
    await writeFile(join(dir, 'list.json'), '[]');
    await expect(readCoverage(join(dir, 'list.json'))).rejects.toThrow(/does not hold a coverage map/);
  });
});

it('meaningfulLines drops blanks, Node warnings, banners, stack frames and code-frame boxes', () => {
  const output = [
    '(node:4242) Warning: The \'NO_COLOR\' env is ignored due to the \'FORCE_COLOR\' env being set.',
    '(Use `node --trace-warnings ...` to show where the warning was created)',
    '',
    ' RUN  v5.1.1 /repo',
    '\u001b[31mError: boom\u001b[39m',
    '    at load (file:///repo/x.js:1:1)',
    '   ╭─[ vitest.config.ts:2:27 ]',
    '   │',
    'Force exiting Jest: Have you considered using `--detectOpenHandles`',
    'Configuration Documentation:',
  ].join('\n');
  expect(meaningfulLines(output)).toEqual(['Error: boom', 'Configuration Documentation:']);
});
