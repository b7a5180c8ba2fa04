/**
 * End to end through the committed action bundle (dist/index.js), run as the runner runs it: Node 24,
 * INPUT_* variables, a pull_request event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTION, ensureBundle } from '../helpers/bundle.js';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { parseJsonReport } from '../../src/report/json-report.js';

const TOKEN = `ghs_${'T'.repeat(36)}`;
const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

function runAction(repo: FixtureRepo, eventName: string, inputs: Record<string, string> = {}) {
  ensureBundle();
  const dir = mkdtempSync(join(tmpdir(), 'testmaster-action-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7, base: { sha: repo.base }, head: { sha: repo.head } } }));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/shop',
    RUNNER_TEMP: dir,
    INPUT_TOKEN: TOKEN,
    OPENAI_API_KEY: `sk-${'k'.repeat(40)}`,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const result = spawnSync(process.execPath, [ACTION], { cwd: repo.dir, env, encoding: 'utf8' });
  return { ...result, files };
}

/** Parses the GITHUB_OUTPUT file format (name<<delimiter ... delimiter). */
function readOutputs(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  const outputs: Record<string, string> = {};
  const pattern = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}

describe('the bundled action', () => {
  it('on a pull_request: writes the job summary, the reports and the outputs, with no secret anywhere', async () => {
    const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
    cleanups.push(repo.cleanup);
    const run = runAction(repo, 'pull_request');
    expect(run.stdout).not.toContain('::error::');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('::group::Measuring head coverage');

    const outputs = readOutputs(run.files.output);
    const report = parseJsonReport(readFileSync(outputs['report-json']!, 'utf8'));
    expect(report.head).toBe(repo.head);
    expect(Number(outputs.modules)).toBe(report.files.length);
    const p = report.patch;
    expect(Number(outputs['patch-coverage'])).toBeCloseTo(((p.covered - p.partial) / p.total) * 100, 2);

    const summary = readFileSync(run.files.summary, 'utf8');
    expect(summary).toBe(readFileSync(outputs['report-markdown']!, 'utf8'));
    for (const file of report.files) expect(summary).toContain(file.path);
    // The only place the token may appear is the runner's own masking command.
    const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    for (const text of [summary, log, run.stderr, readFileSync(outputs['report-json']!, 'utf8')]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('k'.repeat(40));
    }
  });

  it('refuses pull_request_target with a message that says what to do, and runs nothing', async () => {
    const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
    cleanups.push(repo.cleanup);
    const run = runAction(repo, 'pull_request_target');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::refusing to run .*"pull_request_target".*trigger TestMaster on "pull_request"/);
    expect(readFileSync(run.files.summary, 'utf8')).toBe('');
  });

  it('rejects a bad input naming the input, the value and what was expected', async () => {
    const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
    cleanups.push(repo.cleanup);
    const run = runAction(repo, 'pull_request', { 'runner-timeout-seconds': 'ten' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::.*runner-timeout-seconds.*ten/);
  });
});
