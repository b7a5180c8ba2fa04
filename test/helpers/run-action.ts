/**
 * Runs the committed action bundle (dist/index.js) as the Actions runner does: Node 24, INPUT_*
 * variables, an event payload (by default a pull_request of acme/shop from its own branch), and
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. Without GITHUB_API_URL in `env` the action makes no
 * GitHub call; tests of the GitHub side pass the local GitHub server's URLs there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTION, ensureBundle } from './bundle.js';

export interface ActionRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly summary: string;
  readonly outputs: Readonly<Record<string, string>>;
  cleanup(): void;
}

type ActionRepo = { readonly dir: string; readonly base: string; readonly head: string };
type ActionOptions = {
  eventName?: string;
  /** The event payload (default: a pull_request from the repository's own branch, base and head as given). */
  event?: Record<string, unknown>;
  inputs?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
};

export function runAction(repo: ActionRepo, options: ActionOptions = {}): ActionRun {
  const prepared = prepareAction(repo, options);
  const result = spawnSync(process.execPath, [ACTION], { cwd: repo.dir, env: prepared.env, encoding: 'utf8' });
  return prepared.finish(result.status, result.stdout, result.stderr);
}

/** runAction without blocking the test process (for tests that serve HTTP to the action from the same process). */
export async function runActionAsync(repo: ActionRepo, options: ActionOptions = {}): Promise<ActionRun & { readonly runnerTemp: string }> {
  const prepared = prepareAction(repo, options);
  const child = spawn(process.execPath, [ACTION], { cwd: repo.dir, env: prepared.env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { ...prepared.finish(status, stdout, stderr), runnerTemp: prepared.dir };
}

function prepareAction(repo: ActionRepo, options: ActionOptions) {
  ensureBundle();
  const dir = mkdtempSync(join(tmpdir(), 'testmaster-action-'));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.event ?? defaultEvent(repo)));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/shop',
    RUNNER_TEMP: dir,
    ...options.env,
    ...Object.fromEntries(Object.entries(options.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const finish = (status: number | null, stdout: string, stderr: string): ActionRun => ({
    status,
    stdout,
    stderr,
    summary: readFileSync(files.summary, 'utf8'),
    outputs: readOutputs(readFileSync(files.output, 'utf8')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });
  return { env, dir, finish };
}

function defaultEvent(repo: ActionRepo): Record<string, unknown> {
  const repository = { full_name: 'acme/shop', name: 'shop', owner: { login: 'acme' }, default_branch: 'main' };
  return {
    pull_request: { number: 7, base: { sha: repo.base, ref: 'main', repo: repository }, head: { sha: repo.head, ref: 'feature', repo: repository } },
    repository,
  };
}

/** Parses the GITHUB_OUTPUT file format (name<<delimiter ... delimiter). */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
  return outputs;
}
