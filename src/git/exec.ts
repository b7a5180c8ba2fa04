/**
 * Runs git as a child process (never through a shell) with a fixed, safe configuration: hooks
 * disabled, no pager, no prompts, no fsmonitor daemon, no background gc, unquoted UTF-8 paths and
 * English messages. Failures become a GitError with a one-line message that says what to do.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { GitError } from '../errors/errors.js';

/** Default cap on collected stdout: diffs of big pull requests can be large. */
export const DEFAULT_MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** `-c` settings put before every git subcommand. */
export const GIT_CONFIG_ARGS: readonly string[] = [
  '--no-pager',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.quotePath=false',
  '-c', 'core.fsmonitor=false',
  '-c', 'color.ui=false',
  '-c', 'gc.auto=0',
  '-c', 'maintenance.auto=false',
  '-c', 'advice.detachedHead=false',
];

/** Variables that would make git act on another repository than the one in `cwd`. */
const REPOSITORY_LOCATING_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_EXTERNAL_DIFF',
  'GIT_DIFF_OPTS',
];

/** The environment git runs with: the caller's, minus repository overrides, plus no-prompt settings. */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of REPOSITORY_LOCATING_VARIABLES) delete env[name];
  env.GIT_TERMINAL_PROMPT = '0';
  env.GCM_INTERACTIVE = 'never';
  env.GIT_PAGER = 'cat';
  env.PAGER = 'cat';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.LC_ALL = 'C';
  env.LANGUAGE = 'C';
  if (!env.GIT_SSH_COMMAND) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  return env;
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
export function spawnGit(repoDir: string, args: readonly string[], signal?: AbortSignal): ChildProcessWithoutNullStreams {
  return spawn('git', [...GIT_CONFIG_ARGS, ...args], {
    cwd: repoDir,
    env: gitEnvironment(),
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
    ...(signal ? { signal } : {}),
  });
}

/** Runs git and returns stdout as a Buffer (for -z output and blobs). */
export async function runGitBuffer(repoDir: string, args: readonly string[], options: GitRunOptions = {}): Promise<GitResult<Buffer>> {
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const child = spawnGit(repoDir, args, options.signal);
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
