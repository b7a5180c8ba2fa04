/** `testmaster run` on a fixture repository as a user without a model key would run it (the zero-token generator). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';
import { runCliAsync } from './run-cli.js';

/** The test process's environment without a model key or endpoint: `provider: auto` picks the zero-token generator. */
export function envWithoutModel(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OPENAI_|AZURE_OPENAI_)/.test(name)));
}

/**
 * `testmaster run --repo <dir> --base <base> ...args` through the bundled CLI without a model key; it
 * must exit 0. Returns its JSON report and what it printed on stderr.
 */
export async function runZeroToken(repo: { readonly dir: string; readonly base: string }, args: readonly string[] = []): Promise<{ report: RunReport; stderr: string }> {
  const out = await mkdtemp(join(tmpdir(), 'testmaster-zero-token-e2e-'));
  try {
    const run = await runCliAsync(['run', '--repo', repo.dir, '--base', repo.base, '--report-json', join(out, 'r.json'), ...args], {
      env: envWithoutModel(),
      timeoutMs: 600_000,
    });
    expect(run.status, run.stderr).toBe(0);
    return { report: parseJsonReport(await readFile(join(out, 'r.json'), 'utf8')), stderr: run.stderr };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
