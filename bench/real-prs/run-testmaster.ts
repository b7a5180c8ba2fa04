/**
 * One `testmaster run` of the bundled CLI on a case's checkout, with Node 24 (process.execPath):
 * zero-token (`--provider offline`, no model key in the environment), model (`--provider openai` at a
 * local OpenAI-compatible server) or measuring only (`--provider none`, for the maintainers' tests).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';

export type Generator = { readonly kind: 'offline' } | { readonly kind: 'none' } | { readonly kind: 'model'; readonly baseUrl: string };

export interface TestMasterRun {
  readonly report: RunReport | null;
  readonly seconds: number;
  /** The CLI's last stderr lines when it exited non-zero. */
  readonly error: string | null;
}

const MODEL = 'gpt-4o-mini';
const PRICES = JSON.stringify({ [MODEL]: { 'input-per-mtok-usd': 0.15, 'output-per-mtok-usd': 0.6 } });
const RUN_TIMEOUT_MS = 40 * 60 * 1000;

function providerArgs(generator: Generator): string[] {
  switch (generator.kind) {
    case 'offline':
      return ['--provider', 'offline'];
    case 'none':
      return ['--provider', 'none'];
    case 'model':
      return ['--provider', 'openai', '--model', MODEL, '--base-url', generator.baseUrl, '--model-prices', PRICES];
  }
}

export async function runTestMaster(cli: string, repo: string, base: string, head: string, generator: Generator, extraArgs: readonly string[]): Promise<TestMasterRun> {
  const out = mkdtempSync(join(tmpdir(), 'testmaster-real-prs-'));
  const reportPath = join(out, 'r.json');
  const args = [cli, 'run', '--repo', repo, '--base', base, '--head', head, '--report-json', reportPath, '--report-md', join(out, 'r.md'), '--no-store', ...providerArgs(generator), ...extraArgs];
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OPENAI_|AZURE_OPENAI_)/.test(name)));
  if (generator.kind === 'model') env.OPENAI_API_KEY = 'sk-testmaster-bench';
  const started = performance.now();
  try {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearTimeout(timer);
    const seconds = (performance.now() - started) / 1000;
    if (status !== 0) return { report: null, seconds, error: `testmaster run exited with ${String(status)}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` };
    return { report: parseJsonReport(readFileSync(reportPath, 'utf8')), seconds, error: null };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
