/** End to end through the committed action bundle: summary, outputs, secrets, refusals, bad input. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { runAction, type ActionRun } from '../helpers/run-action.js';
import { parseJsonReport } from '../../src/report/json-report.js';

const TOKEN = `ghs_${'T'.repeat(36)}`;
const MODEL_KEY = `sk-${'k'.repeat(40)}`;
let repo: FixtureRepo;
const runs: ActionRun[] = [];
const tracked = (run: ActionRun): ActionRun => (runs.push(run), run);

beforeAll(async () => {
  repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
});
afterAll(async () => {
  for (const run of runs) run.cleanup();
  await repo.cleanup();
});

describe('the bundled action', () => {
  it('on a pull_request: writes the job summary, the reports and the outputs, with no secret anywhere', () => {
    const run = tracked(runAction(repo, { inputs: { token: TOKEN, provider: 'none' }, env: { OPENAI_API_KEY: MODEL_KEY } }));
    expect(run.stdout).not.toContain('::error::');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('::group::Measuring head coverage');

    const report = parseJsonReport(readFileSync(run.outputs['report-json']!, 'utf8'));
    expect(report.head).toBe(repo.head);
    expect(Number(run.outputs.modules)).toBe(report.files.length);
    const p = report.patch;
    expect(Number(run.outputs['patch-coverage'])).toBeCloseTo(((p.covered - p.partial) / p.total) * 100, 2);
    expect(run.summary).toBe(readFileSync(run.outputs['report-markdown']!, 'utf8'));
    for (const file of report.files) expect(run.summary).toContain(file.path);

    // The only place the token may appear is the runner's own masking command.
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    for (const text of [run.summary, log, run.stderr, readFileSync(run.outputs['report-json']!, 'utf8')]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(MODEL_KEY);
    }
  });

  it('refuses pull_request_target with a message that says what to do, and runs nothing', () => {
    const run = tracked(runAction(repo, { eventName: 'pull_request_target' }));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::refusing to run .*"pull_request_target".*trigger TestMaster on "pull_request"/);
    expect(run.summary).toBe('');
  });

  it('rejects a bad input naming the input, the value and what was expected', () => {
    const run = tracked(runAction(repo, { inputs: { 'runner-timeout-seconds': 'ten' } }));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::.*runner-timeout-seconds.*ten/);
  });
});
