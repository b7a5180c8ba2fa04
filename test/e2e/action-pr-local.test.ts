/**
 * scripts/run-action-locally.mjs (`npm run action:local`): runs the bundled action on a fixture
 * checkout as a pull_request from head into base, with no runner and no GitHub call (even when the
 * caller's environment has runner variables pointing somewhere), and prints the job summary and the
 * outputs, which match the report the action wrote.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import { summarizeReport } from '../../src/report/summarize-report.js';
import { ensureBundle, ROOT } from '../helpers/bundle.js';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';

const SCRIPT = join(ROOT, 'scripts', 'run-action-locally.mjs');
const TOKEN = `ghs_${'L'.repeat(36)}`;

let repo: FixtureRepo;
let out: string;

beforeAll(async () => {
  ensureBundle();
  repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
  out = mkdtempSync(join(tmpdir(), 'testmaster-local-action-test-'));
});
afterAll(async () => {
  rmSync(out, { recursive: true, force: true });
  await repo?.cleanup();
});

async function runScript(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { status, stdout, stderr };
}

/** The `name=value` lines the script prints under "--- Outputs". */
function printedOutputs(stdout: string): Record<string, string> {
  const section = stdout.slice(stdout.indexOf('\n--- Outputs ('));
  const lines = section.split('\n').slice(2);
  const outputs: Record<string, string> = {};
  for (const line of lines) {
    if (line === '') break;
    const at = line.indexOf('=');
    outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

describe('npm run action:local (scripts/run-action-locally.mjs)', () => {
  it('runs the bundled action on a pull request from head into base and prints the job summary and the outputs', async () => {
    // Runner variables and inputs of the caller (as on a CI machine) must not reach the action: with
    // GITHUB_API_URL it would call that API, with INPUT_EXCLUDE it would measure nothing.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_API_URL: 'http://127.0.0.1:9', INPUT_EXCLUDE: 'src/money.ts' };
    const args = ['--repo', repo.dir, '--base', repo.base, '--head', repo.head, '--pr-number', '12', '--out', out];
    const run = await runScript([...args, '--input', 'provider=none', '--input', 'include=src/money.ts', '--input', `token=${TOKEN}`], env);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`pull request #12 from ${repo.head.slice(0, 7)} into ${repo.base.slice(0, 7)}`);
    expect(run.stdout).toContain('Not on a GitHub Actions runner (GITHUB_API_URL or GITHUB_REPOSITORY unset): no comment posted.');
    expect(run.stdout).not.toMatch(/^::(error|warning)/m);
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);

    const event = JSON.parse(readFileSync(join(out, 'event.json'), 'utf8')) as { pull_request: { number: number; base: { sha: string }; head: { sha: string } } };
    expect(event.pull_request).toMatchObject({ number: 12, base: { sha: repo.base }, head: { sha: repo.head } });

    const summary = readFileSync(join(out, 'step-summary.md'), 'utf8');
    expect(summary).toContain('### TestMaster coverage');
    expect(summary).not.toContain(TOKEN);
    expect(run.stdout).toContain(`--- Job summary (${join(out, 'step-summary.md')}) ---\n${summary}`);

    const outputs = printedOutputs(run.stdout);
    expect(outputs['report-json']).toBe(join(out, 'testmaster', 'report.json'));
    const report = parseJsonReport(readFileSync(outputs['report-json']!, 'utf8'));
    expect(report.head).toBe(repo.head);
    expect(report.files.map((f) => f.path)).toEqual(['src/money.ts']);
    const percent = summarizeReport(report).patchPercent!;
    expect(outputs['patch-coverage']).toBe((Math.floor(percent * 100) / 100).toFixed(2));
    expect(outputs).toMatchObject({ modules: '1', 'proposed-files': '[]', 'cost-usd': '0', 'comment-url': '' });
  });

  it('refuses to run without --base, in one line saying what is needed', async () => {
    const run = await runScript(['--repo', repo.dir], { PATH: process.env.PATH, HOME: process.env.HOME });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^run-action-locally: --base is required/);
  });
});
