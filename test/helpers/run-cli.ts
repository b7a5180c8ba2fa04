/** Runs the bundled CLI as a user would, with Node 24, and returns what it printed and its exit status. */
import { spawn, spawnSync } from 'node:child_process';
import { CLI, ensureBundle } from './bundle.js';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  ensureBundle();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * runCli without blocking the test process, for tests that serve HTTP (a local model server) to the
 * CLI from the same process. Killed (whole process) after `timeoutMs`.
 */
export async function runCliAsync(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliRun & { readonly durationMs: number }> {
  ensureBundle();
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? process.cwd(), env: options.env ?? process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  return { status, stdout, stderr, durationMs: Date.now() - started };
}
