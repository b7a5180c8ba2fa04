/**
 * The executor with real processes: small Node scripts run through it, and we check from outside
 * what they could see and what they left behind.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestRunnerError } from '../../../src/errors/errors.js';
import { createSandboxExecutor } from '../../../src/sandbox/executor.js';
import { killAllLiveGroups, liveGroupCount } from '../../../src/sandbox/process-groups.js';
import type { ExecRequest } from '../../../src/sandbox/types.js';

const NODE = process.execPath;
const exec = createSandboxExecutor({ baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir() }, killGraceMs: 300 });
let workDir: string;
const strays: number[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'testmaster-sandbox-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});
afterEach(() => {
  // If a test failed and left a process behind, do not let it outlive the suite.
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  }
});

function runScript(script: string, options: Partial<ExecRequest> = {}) {
  return exec({ command: NODE, args: ['-e', script], cwd: workDir, timeoutMs: 60_000, ...options });
}

/** Alive and not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return process.platform === 'linux' ? false : true;
  }
}

/** Polls (bounded) until the process is gone; true if it went. Signals are delivered asynchronously. */
async function isGoneSoon(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isAlive(pid);
}

function pidsIn(stdout: string): number[] {
  const pids = [...stdout.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));
  strays.push(...pids);
  return pids;
}

const SPAWN_SLEEPER = (options: string) => `
  const { spawn } = require('node:child_process');
  const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], ${options});
  sleeper.unref();
  console.log('pid=' + sleeper.pid);
`;

describe('environment', () => {
  it('gives the child no secret variable', async () => {
    const leaky = createSandboxExecutor({
      baseEnv: {
        PATH: process.env.PATH,
        HOME: tmpdir(),
        LANG: 'C.UTF-8',
        GITHUB_TOKEN: 'ghs_leak1',
        OPENAI_API_KEY: 'sk-leak2',
        INPUT_X: 'leak3',
        ACTIONS_RUNTIME_TOKEN: 'leak4',
        GITHUB_OUTPUT: '/tmp/leak5',
        NODE_OPTIONS: '--require /tmp/leak6.js',
        NPM_TOKEN: 'leak7',
      },
    });
    const result = await leaky({
      command: NODE,
      args: ['-e', 'process.stdout.write(JSON.stringify(process.env))'],
      cwd: workDir,
      timeoutMs: 60_000,
      env: { NODE_ENV: 'test' },
    });
    expect(result.exitCode).toBe(0);
    const seen = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(seen).sort()).toEqual(
      ['CI', 'FORCE_COLOR', 'HOME', 'LANG', 'NODE_ENV', 'NO_COLOR', 'PATH', 'TERM', 'TESTMASTER_SANDBOX_RUN'].sort(),
    );
    expect(result.stdout).not.toMatch(/leak\d/);
  });

  it('refuses a secret passed as an extra variable, before starting anything', async () => {
    await expect(runScript('1', { env: { GITHUB_TOKEN: 'x' } })).rejects.toThrow(TestRunnerError);
  });
});

describe('exit status', () => {
  it('reports the exit code and the output', async () => {
    const result = await runScript('console.log("out"); console.error("err"); process.exit(3)');
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, aborted: false, outputTruncated: false });
    expect(result.stdout).toBe('out\n');
    expect(result.stderr).toBe('err\n');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports the signal that ended the child', async () => {
    const result = await runScript('process.kill(process.pid, "SIGKILL")');
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: false });
  });

  it('neutralises workflow commands in the captured output', async () => {
    const result = await runScript('console.log("::add-mask::x"); console.error("  ::set-output name=a::b")');
    expect(result.stdout).not.toMatch(/^\s*::/m);
    expect(result.stderr).not.toMatch(/^\s*::/m);
    expect(result.stdout.replace(/\u200B/g, '')).toBe('::add-mask::x\n');
  });

  it('throws an actionable TestRunnerError for a missing command', async () => {
    const attempt = exec({ command: 'testmaster-no-such-command', args: [], cwd: workDir, timeoutMs: 10_000 });
    await expect(attempt).rejects.toThrow(TestRunnerError);
    await expect(attempt).rejects.toThrow(/cannot run "testmaster-no-such-command": no such executable/);
  });

  it('throws for a missing working directory', async () => {
    await expect(runScript('1', { cwd: join(workDir, 'missing') })).rejects.toThrow(/working directory .* does not exist/);
  });
});

describe('time limit and abort', () => {
  it('kills an infinite loop at the timeout', async () => {
    const result = await runScript('for (;;) {}', { timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.aborted).toBe(false);
    expect(result.exitCode).toBeNull();
    expect(['SIGTERM', 'SIGKILL']).toContain(result.signal);
  });

  it('SIGKILLs a child that ignores SIGTERM', async () => {
    const result = await runScript('process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)', {
      timeoutMs: 500,
    });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).toBe('ready\n');
  });

  it('kills the grandchildren too when the time is up', async () => {
    const result = await runScript(`${SPAWN_SLEEPER("{ stdio: 'ignore' }")}; for (;;) {}`, { timeoutMs: 1000 });
    expect(result.timedOut).toBe(true);
    const [grandchild] = pidsIn(result.stdout);
    expect(grandchild).toBeGreaterThan(0);
    expect(await isGoneSoon(grandchild!)).toBe(true);
  });

  it('stops the whole group on abort', async () => {
    const controller = new AbortController();
    const running = runScript(`${SPAWN_SLEEPER("{ stdio: 'ignore' }")}; setInterval(() => {}, 1000)`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 500);
    const result = await running;
    expect(result).toMatchObject({ aborted: true, timedOut: false, exitCode: null });
    for (const pid of pidsIn(result.stdout)) expect(await isGoneSoon(pid)).toBe(true);
  });

  it('does not start anything when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runScript('require("fs").writeFileSync("started", "")', { signal: controller.signal });
    expect(result).toMatchObject({ aborted: true, exitCode: null, stdout: '' });
    expect(() => readFileSync(join(workDir, 'started'))).toThrow();
  });
});

describe('no process left behind', () => {
  it('kills a grandchild that outlives its parent in the process group', async () => {
    const result = await runScript(SPAWN_SLEEPER("{ stdio: 'ignore' }"));
    expect(result.exitCode).toBe(0);
    const [grandchild] = pidsIn(result.stdout);
    expect(await isGoneSoon(grandchild!)).toBe(true);
  });

  it('does not hang on a grandchild that holds the output pipes open', async () => {
    const result = await runScript(SPAWN_SLEEPER("{ stdio: 'inherit' }"));
    expect(result.exitCode).toBe(0);
    const [grandchild] = pidsIn(result.stdout);
    expect(await isGoneSoon(grandchild!)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('kills a detached grandchild that left the process group (setsid)', async () => {
    const result = await runScript(SPAWN_SLEEPER("{ stdio: 'ignore', detached: true }"));
    expect(result.exitCode).toBe(0);
    const [grandchild] = pidsIn(result.stdout);
    expect(await isGoneSoon(grandchild!)).toBe(true);
  });

  it('kills running groups from its process exit handler (what Ctrl-C of the CLI relies on)', async () => {
    const exitHandlers = process.listenerCount('exit');
    const running = runScript(`${SPAWN_SLEEPER("{ stdio: 'ignore' }")}; setInterval(() => {}, 1000)`);
    for (let attempt = 0; attempt < 100 && liveGroupCount() === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(process.listenerCount('exit')).toBe(exitHandlers + 1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the child start its grandchild
    killAllLiveGroups();
    const result = await running;
    expect(result.signal).toBe('SIGKILL');
    for (const pid of pidsIn(result.stdout)) expect(await isGoneSoon(pid)).toBe(true);
    expect(process.listenerCount('exit')).toBe(exitHandlers);
  });

  it('forgets finished groups and removes its exit handler', async () => {
    const exitHandlers = process.listenerCount('exit');
    await Promise.all([runScript('1'), runScript('process.exit(1)'), runScript('for(;;){}', { timeoutMs: 300 })]);
    expect(liveGroupCount()).toBe(0);
    expect(process.listenerCount('exit')).toBe(exitHandlers);
  });
});

describe('output cap', () => {
  it('caps a 50 MB flood, keeping head and tail', async () => {
    const script = `
      process.stdout.write('HEAD-MARK\\n');
      const block = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 50; i++) process.stdout.write(block);
      process.stdout.write('\\nTAIL-MARK\\n');
    `;
    const result = await runScript(script);
    expect(result.exitCode).toBe(0);
    expect(result.outputTruncated).toBe(true);
    expect(result.stdout.startsWith('HEAD-MARK\n')).toBe(true);
    expect(result.stdout.endsWith('\nTAIL-MARK\n')).toBe(true);
    const marker = /\n\[\.\.\. (\d+) bytes cut \.\.\.\]\n/.exec(result.stdout);
    expect(marker).not.toBeNull();
    const total = 'HEAD-MARK\n'.length + 50 * 1024 * 1024 + '\nTAIL-MARK\n'.length;
    expect(Number(marker![1]) + result.stdout.length - marker![0].length).toBe(total);
    expect(result.stdout.length - marker![0].length).toBe(1024 * 1024);
  });

  it('honours a smaller cap per stream, on stderr too', async () => {
    const result = await runScript('process.stderr.write("é".repeat(5000)); process.stdout.write("short")', { maxOutputBytes: 1000 });
    expect(result.stdout).toBe('short');
    expect(result.outputTruncated).toBe(true);
    expect(result.stderr).toMatch(/^é+\n\[\.\.\. 9000 bytes cut \.\.\.\]\né+$/);
  });
});
