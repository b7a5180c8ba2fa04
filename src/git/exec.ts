/**
 * Runs git as a child process (never through a shell) with a fixed, safe configuration: an
 * allow-listed environment (git-environment.ts), and nothing the repository or a file it could write
 * names ever runs (safety-config.ts: hooks, fsmonitor, filter and diff drivers, credential helpers,
 * ssh and proxy commands, ext:: and remote helpers...; the filter drivers to switch off are read from
 * the directory's effective configuration, effective-config.ts). No pager, no prompts, no background
 * gc, unquoted UTF-8 paths and English messages. Failures become a GitError with a one-line message
 * that says what to do.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { GitError } from '../errors/errors.js';
import { effectiveConfig } from './effective-config.js';
import { gitEnvironment } from './git-environment.js';
import { FIXED_CONFIG, hardenedArgs, neutralizingConfig, refusalFor } from './safety-config.js';

export { gitEnvironment } from './git-environment.js';

/** Default cap on collected stdout: diffs of big pull requests can be large. */
export const DEFAULT_MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** The arguments and environment of one git command in `repoDir`; throws when it must not run there. */
export async function gitInvocation(repoDir: string, args: readonly string[]): Promise<{ args: string[]; env: Record<string, string> }> {
  const entries = await effectiveConfig(repoDir);
  const refusal = refusalFor(args, entries);
  if (refusal !== null) throw new GitError(`${describeCommand(args)} refused in ${repoDir}: ${refusal}`);
  return { args: ['--no-pager', ...hardenedArgs(args)], env: gitEnvironment(process.env, [...FIXED_CONFIG, ...neutralizingConfig(entries)]) };
}

export interface GitRunOptions {
  /** Written to git's stdin, which is then closed. Without it stdin is empty. */
  readonly input?: string | Buffer;
  /** Exit codes that are not failures (e.g. 1 for `merge-base` with no common ancestor). */
  readonly okExitCodes?: readonly number[];
  /** Cap on stdout in bytes; past it git is killed and a GitError thrown. */
  readonly maxOutputBytes?: number;
  /** Kill git after this many milliseconds (for network operations). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface GitResult<T extends string | Buffer> {
  readonly stdout: T;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Starts git with the safe configuration; callers that stream (cat-file --batch) use this. */
export async function spawnGit(repoDir: string, args: readonly string[], signal?: AbortSignal): Promise<ChildProcessWithoutNullStreams> {
  const invocation = await gitInvocation(repoDir, args);
  return spawn('git', invocation.args, {
    cwd: repoDir,
    env: invocation.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
    ...(signal ? { signal } : {}),
  });
}

/** Runs git and returns stdout as a Buffer (for -z output and blobs). */
export async function runGitBuffer(repoDir: string, args: readonly string[], options: GitRunOptions = {}): Promise<GitResult<Buffer>> {
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const child = await spawnGit(repoDir, args, options.signal);
  const chunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  let size = 0;
  let errSize = 0;
  let overflow = false;
  let timedOut = false;
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs)
    : null;

  child.stdout.on('data', (chunk: Buffer) => {
    if (overflow) return;
    size += chunk.length;
    if (size > maxBytes) {
      overflow = true;
      child.kill('SIGKILL');
      return;
    }
    chunks.push(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    if (errSize < 64 * 1024) errChunks.push(chunk);
    errSize += chunk.length;
  });
  child.stdin.on('error', () => {
    /* git may exit before reading all input; the exit code tells what happened */
  });
  child.stdin.end(options.input ?? '');

  const exit = await new Promise<{ code: number | null; error: NodeJS.ErrnoException | null }>((resolve) => {
    let spawnError: NodeJS.ErrnoException | null = null;
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (code) => resolve({ code, error: spawnError }));
  });
  if (timer) clearTimeout(timer);

  const stderr = Buffer.concat(errChunks).toString('utf8');
  const command = describeCommand(args);
  if (exit.error) throw await spawnFailure(repoDir, command, exit.error);
  if (overflow) {
    throw new GitError(`${command} printed more than ${Math.round(maxBytes / 1048576)} MiB; the change is too large to analyse, narrow it (smaller pull request or include patterns)`);
  }
  if (timedOut) {
    throw new GitError(`${command} did not finish within ${Math.round((options.timeoutMs ?? 0) / 1000)} s; check network access to the remote, or fetch the needed history before running`);
  }
  const exitCode = exit.code ?? -1;
  if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) {
    throw gitFailure(repoDir, command, exitCode, stderr);
  }
  return { stdout: Buffer.concat(chunks, Math.min(size, maxBytes)), stderr, exitCode };
}

/** Runs git and returns stdout decoded as UTF-8. */
export async function runGit(repoDir: string, args: readonly string[], options: GitRunOptions = {}): Promise<GitResult<string>> {
  const result = await runGitBuffer(repoDir, args, options);
  return { ...result, stdout: result.stdout.toString('utf8') };
}

/** `git diff`, `git rev-parse`...: the subcommand, for messages. */
export function describeCommand(args: readonly string[]): string {
  const sub = args.find((arg) => !arg.startsWith('-'));
  return `git ${sub ?? args[0] ?? ''}`.trim();
}

/** The first meaningful stderr line, without git's "fatal: " / "error: " prefix. */
export function firstErrorLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  const preferred = lines.find((line) => /^(fatal|error):/i.test(line)) ?? lines[0] ?? '';
  const text = preferred.replace(/^(fatal|error|warning):\s*/i, '');
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** Maps git's stderr to an actionable GitError. */
export function gitFailure(repoDir: string, command: string, exitCode: number, stderr: string): GitError {
  if (/not a git repository/i.test(stderr)) {
    return new GitError(`not a git repository: ${repoDir}; run inside a checkout or pass --repo`);
  }
  if (/dubious ownership/i.test(stderr)) {
    return new GitError(`git refuses ${repoDir} (dubious ownership); run: git config --global --add safe.directory ${repoDir}`);
  }
  const detail = firstErrorLine(stderr) || 'no error message';
  return new GitError(`${command} failed (exit ${exitCode}) in ${repoDir}: ${detail}`);
}

async function spawnFailure(repoDir: string, command: string, error: NodeJS.ErrnoException): Promise<GitError> {
  if (error.name === 'AbortError') return new GitError(`${command} was cancelled`, { cause: error });
  if (error.code === 'ENOENT') {
    const dirExists = await stat(repoDir).then((s) => s.isDirectory(), () => false);
    if (!dirExists) return new GitError(`repository directory does not exist: ${repoDir}; pass --repo with the path of a checkout`, { cause: error });
    return new GitError('git was not found on PATH; install git (2.30 or later) and retry', { cause: error });
  }
  return new GitError(`${command} could not be started in ${repoDir}: ${error.message}`, { cause: error });
}
