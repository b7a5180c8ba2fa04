/**
 * The sandboxed executor: every child process that runs repository code goes through it.
 *
 * - Allow-listed environment (see environment.ts); no shell; stdin ignored.
 * - Own process group (`detached: true`); the wall-clock timeout and the AbortSignal send SIGTERM to
 *   the whole group, then SIGKILL after a short grace.
 * - When the child exits, the group is SIGKILLed anyway, and on Linux any process that left the group
 *   but carries the run's marker variable too, so no grandchild survives the run.
 * - stdout and stderr are each capped (head and tail kept) and have workflow commands neutralised.
 * - Groups still running when our own process exits are killed by a process 'exit' handler.
 *
 * A command that cannot be started (not found on the sandbox PATH, not executable, missing working
 * directory) is not a test result: it throws a TestRunnerError saying what to fix, rather than
 * returning a result that could be mistaken for a crash of the tests.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { TestRunnerError } from '../errors/errors.js';
import { HeadTailCapture } from './capped-output.js';
import { sandboxEnvironment } from './environment.js';
import type { NamespaceSandbox } from './isolation/namespace-sandbox.js';
import type { SandboxLaunch } from './isolation/namespace-sandbox.js';
import { prepareSandboxedProcess, sandboxSetupFailure } from './isolation/sandboxed-process.js';
import { killGroupAndStragglers, registerLiveGroup, signalGroup, unregisterLiveGroup } from './process-groups.js';
import { SANDBOX_MARKER_VARIABLE } from './process-sweep.js';
import type { ExecRequest, ExecResult, Executor } from './types.js';
import { escapeWorkflowCommands } from './workflow-commands.js';


export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 2000;

export interface SandboxExecutorDeps {
  /** Environment the allow-list picks from (default: process.env). */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** Time between SIGTERM and SIGKILL on timeout or abort (default 2000 ms). */
  readonly killGraceMs?: number;
  /** The run's namespace sandbox (isolation levels user and namespace); absent: level none. */
  readonly sandbox?: NamespaceSandbox | null;
}

export function createSandboxExecutor(deps: SandboxExecutorDeps = {}): Executor {
  const baseEnv = deps.baseEnv ?? process.env;
  const killGraceMs = deps.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const sandbox = deps.sandbox ?? null;
  return (request) => runSandboxed(request, baseEnv, killGraceMs, sandbox);
}

async function runSandboxed(request: ExecRequest, baseEnv: NodeJS.ProcessEnv, killGraceMs: number, sandbox: NamespaceSandbox | null): Promise<ExecResult> {
  if (!Number.isFinite(request.timeoutMs) || request.timeoutMs <= 0) {
    throw new TestRunnerError(`invalid timeout for "${request.command}": ${request.timeoutMs} ms; give a positive number`);
  }
  if (request.maxOutputBytes !== undefined && !(Number.isFinite(request.maxOutputBytes) && request.maxOutputBytes > 0)) {
    throw new TestRunnerError(`invalid output cap for "${request.command}": ${request.maxOutputBytes} bytes; give a positive number`);
  }
  const marker = randomUUID();
  const env = { ...sandboxEnvironment(baseEnv, request.env), [SANDBOX_MARKER_VARIABLE]: marker };
  if (request.signal?.aborted) return notStartedResult();
  await assertDirectory(request.cwd, request.command);

  const prepared = sandbox === null ? null : await prepareSandboxedProcess(sandbox, request, env);
  const result = await runChild(request, prepared, env, marker, killGraceMs);
  const failure = prepared === null ? null : sandboxSetupFailure(result);
  if (failure !== null) throw new TestRunnerError(`cannot run "${request.command}" in the sandbox: ${failure}`);
  return result;
}

function runChild(request: ExecRequest, prepared: SandboxLaunch | null, env: Record<string, string>, marker: string, killGraceMs: number): Promise<ExecResult> {
  const started = performance.now();
  const maxOutputBytes = request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new HeadTailCapture(maxOutputBytes);
  const stderr = new HeadTailCapture(maxOutputBytes);
  // In a sandbox the child is the launcher, and its stdin the lifeline: closing it ends the namespace.
  const child = spawn(prepared?.file ?? request.command, [...(prepared?.args ?? request.args)], {
    cwd: request.cwd,
    env: prepared?.env ?? env,
    detached: true,
    shell: false,
    stdio: [prepared === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const lifeline = child.stdin;
  lifeline?.on('error', () => {
    /* the namespace is gone already */
  });

  return new Promise<ExecResult>((resolve, reject) => {
    const pid = child.pid;
    const timers: NodeJS.Timeout[] = [];
    let timedOut = false;
    let aborted = false;
    let exit: { code: number | null; signal: string | null } | null = null;
    let settled = false;

    const cleanUp = (): void => {
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if (pid !== undefined) unregisterLiveGroup(pid);
    };
    const finish = (): void => {
      if (settled) return;
      if (pid !== undefined) killGroupAndStragglers(pid, marker);
      lifeline?.destroy();
      cleanUp();
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        aborted,
        stdout: escapeWorkflowCommands(stdout.text()),
        stderr: escapeWorkflowCommands(stderr.text()),
        outputTruncated: stdout.truncated || stderr.truncated,
        durationMs: Math.round(performance.now() - started),
      });
    };
    const terminate = (): void => {
      if (pid === undefined || exit !== null) return;
      lifeline?.end();
      signalGroup(pid, 'SIGTERM');
      timers.push(
        setTimeout(() => {
          killGroupAndStragglers(pid, marker);
          // A process stuck in the kernel may never report its exit: stop waiting for it.
          timers.push(setTimeout(finish, killGraceMs * 2 + 1000));
        }, killGraceMs),
      );
    };
    function onAbort(): void {
      if (exit !== null || aborted) return;
      aborted = true;
      terminate();
    }

    child.once('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      if (pid === undefined) {
        cleanUp();
        reject(startFailure(prepared === null ? request.command : prepared.file, error));
        return;
      }
      finish();
    });
    if (pid === undefined) return; // the 'error' event follows
    registerLiveGroup(pid, marker);
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      // The leader is gone: nothing else in its group may live on (nor hold our pipes open).
      killGroupAndStragglers(pid, marker);
      timers.push(setTimeout(finish, killGraceMs));
    });
    child.once('close', finish);
    timers.push(
      setTimeout(() => {
        if (exit !== null || aborted) return;
        timedOut = true;
        terminate();
      }, request.timeoutMs),
    );
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();
  });
}

async function assertDirectory(cwd: string, command: string): Promise<void> {
  const info = await stat(cwd).catch(() => null);
  if (info === null || !info.isDirectory()) {
    throw new TestRunnerError(`cannot run "${command}": the working directory ${cwd} does not exist or is not a directory`);
  }
}

function startFailure(command: string, error: NodeJS.ErrnoException): TestRunnerError {
  if (error.code === 'ENOENT') {
    return new TestRunnerError(
      `cannot run "${command}": no such executable (looked up on the sandbox PATH); install the project's dependencies (npm ci) or give an absolute path`,
      { cause: error },
    );
  }
  if (error.code === 'EACCES') {
    return new TestRunnerError(`cannot run "${command}": permission denied; make the file executable or run it through node`, {
      cause: error,
    });
  }
  return new TestRunnerError(`cannot run "${command}": ${error.message}`, { cause: error });
}

function notStartedResult(): ExecResult {
  return {
    exitCode: null,
    signal: null,
    timedOut: false,
    aborted: true,
    stdout: '',
    stderr: '',
    outputTruncated: false,
    durationMs: 0,
  };
}
