/**
 * Chooses a run's isolation once, before any repository code runs: the strongest level the machine
 * allows (or the one the `isolation` setting names), each checked by actually starting a sandboxed
 * process that verifies what it can see and write. Returns the executor every stage runs repository
 * code through, the report of what was reached, and a dispose for the end of the run.
 *
 * - user: as root, or through passwordless sudo (GitHub-hosted runners): another user, namespaces.
 * - namespace: an unprivileged user namespace, where the kernel allows it.
 * - none: nothing of the above. With a secret in this process (a model key, a GitHub token), repository
 *   code then does not run at all unless the user set `isolation: none`: a same-user process can read
 *   this process's memory and files, and the job's files (GITHUB_ENV...).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../../errors/errors.js';
import { makeTempDir } from '../../files/make-temp-dir.js';
import { createSandboxExecutor } from '../executor.js';
import type { Executor } from '../types.js';
import { createNamespaceSandbox, type DisposableSandbox } from './create-namespace-sandbox.js';
import { findOnPath } from './find-on-path.js';
import { shellQuote } from './shell-quote.js';
import { findHostTools, type HostTools } from './host-tools.js';
import type { IsolationMechanism, IsolationReport, IsolationSetting } from './isolation-types.js';
import type { NamespaceSandbox } from './namespace-sandbox.js';

export interface OpenIsolationOptions {
  readonly setting: IsolationSetting;
  /** The repository's top directory. */
  readonly repoDir: string;
  readonly gitCommonDir: string | null;
  /** Package directories (absolute) of the repository, for what their node_modules link to. */
  readonly packageDirs: readonly string[];
  /** The environment the sandbox's allow-list picks from. */
  readonly env: NodeJS.ProcessEnv;
  /** What secrets this process holds ('the model key', 'the GitHub token'...); empty: none. */
  readonly secretsHeld: readonly string[];
  readonly killGraceMs?: number;
}

export interface Isolation {
  readonly report: IsolationReport;
  readonly exec: Executor;
  readonly sandbox: NamespaceSandbox | null;
  /**
   * Where the run makes its temporary checkouts and output directories (mode 0700 on the host): what
   * runs in the sandbox can only be read there. Subdirectories must be made with makeTempDir.
   */
  readonly tempRoot: string;
  dispose(): Promise<void>;
}

interface Candidate {
  readonly level: 'user' | 'namespace';
  readonly mechanism: IsolationMechanism;
}

export async function openIsolation(options: OpenIsolationOptions): Promise<Isolation> {
  const notes: string[] = [];
  if (options.setting !== 'none') {
    const tools = process.platform === 'linux' ? findHostTools() : null;
    if (process.platform !== 'linux') notes.push(`process isolation needs Linux namespaces (this is ${process.platform})`);
    else if (tools !== null && !tools.ok) notes.push(`the namespace tools are missing: ${tools.missing.join(', ')} (install util-linux and coreutils)`);
    else if (tools?.ok) {
      for (const candidate of await candidates(options.setting, tools.tools, notes)) {
        const opened = await tryCandidate(candidate, tools.tools, options, notes);
        if (opened !== null) return opened;
      }
    }
    if (options.setting !== 'auto') {
      throw new ConfigurationError(`isolation "${options.setting}" is not available on this machine: ${notes.join('; ')}; use isolation: auto to take the strongest level available`);
    }
    if (options.secretsHeld.length > 0) {
      throw new ConfigurationError(
        `no process isolation is available on this machine (${notes.join('; ')}), and this run holds ${options.secretsHeld.join(' and ')}: TestMaster will not run the repository's code where it could read them; run on a Linux machine where sudo works without a password or user namespaces are allowed, or set isolation: none to accept the risk`,
      );
    }
  }
  if (options.setting === 'none') notes.push('isolation: none was set');
  notes.push('repository code runs as this user: it can read and write what this user can, and see its other processes');
  const tempRoot = await mkdtemp(path.join(tmpdir(), 'testmaster-run-'));
  return {
    report: { requested: options.setting, level: 'none', mechanism: null, sandboxUser: null, network: 'host', notes },
    exec: createSandboxExecutor({ baseEnv: options.env, ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }) }),
    sandbox: null,
    tempRoot,
    dispose: () => rm(tempRoot, { recursive: true, force: true }),
  };
}

/** The levels to try, strongest first, for the setting. */
async function candidates(setting: IsolationSetting, tools: HostTools, notes: string[]): Promise<Candidate[]> {
  const list: Candidate[] = [];
  if (setting === 'auto' || setting === 'user') {
    if (process.getuid?.() === 0) list.push({ level: 'user', mechanism: 'root' });
    else if (await sudoWorks(tools)) list.push({ level: 'user', mechanism: 'sudo' });
    else notes.push(tools.optional.sudo === undefined ? 'not root, and sudo is not installed' : 'not root, and sudo asks for a password');
  }
  if (setting === 'auto' || setting === 'namespace') list.push({ level: 'namespace', mechanism: 'user-namespace' });
  return list;
}

async function tryCandidate(candidate: Candidate, tools: HostTools, options: OpenIsolationOptions, notes: string[]): Promise<Isolation | null> {
  let opened: DisposableSandbox | null = null;
  try {
    opened = await createNamespaceSandbox({
      ...candidate,
      tools,
      repoDir: await realpath(options.repoDir),
      gitCommonDir: options.gitCommonDir === null ? null : await realpath(options.gitCommonDir).catch(() => null),
      packageDirs: options.packageDirs,
      nodeBinary: await findOnPath('node', options.env.PATH ?? ''),
    });
    const exec = createSandboxExecutor({ baseEnv: options.env, sandbox: opened.sandbox, ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }) });
    const problem = await checkSandbox(exec, opened.sandbox, await realpath(options.repoDir));
    if (problem !== null) {
      notes.push(`${describe(candidate)}: ${problem}`);
      await opened.dispose();
      return null;
    }
    const { sandbox } = opened;
    const dispose = opened.dispose;
    if (sandbox.network === 'none') notes.push('no network at all, not even loopback (the ip command of iproute2 is missing): tests that start a local server fail');
    return {
      report: {
        requested: options.setting,
        level: sandbox.level,
        mechanism: sandbox.mechanism,
        sandboxUser: sandbox.sandboxUser === null ? 'root of a user namespace, without capabilities (your own user outside it)' : `${sandbox.sandboxUser.name} (uid ${sandbox.sandboxUser.uid})`,
        network: sandbox.network,
        notes,
      },
      exec,
      sandbox,
      tempRoot: sandbox.scratchRoot,
      dispose,
    };
  } catch (error) {
    notes.push(`${describe(candidate)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    await opened?.dispose().catch(() => undefined);
    return null;
  }
}

/**
 * Starts one sandboxed shell that checks what it must: the expected user, only its own PID namespace's
 * processes in /proc, a read-only path it cannot write, its own directory it can. Null when all hold.
 */
async function checkSandbox(exec: Executor, sandbox: NamespaceSandbox, repoDir: string): Promise<string | null> {
  const probeDir = await makeTempDir(sandbox.scratchRoot, 'probe-');
  try {
    const readOnly = path.join(probeDir, 'read-only');
    const writable = path.join(probeDir, 'writable');
    await mkdir(readOnly, { mode: 0o755 });
    await mkdir(writable, { mode: 0o755 });
    const uid = sandbox.sandboxUser?.uid ?? 0;
    const script = [
      `[ "$(id -u)" = ${uid} ] || { echo "runs as uid $(id -u), not ${uid}"; exit 1; }`,
      'n=0; for p in /proc/[0-9]*; do n=$((n+1)); done',
      '[ "$n" -le 8 ] || { echo "sees $n processes, more than its own"; exit 1; }',
      `( : > '${readOnly}/x' ) 2>/dev/null && { echo "could write a read-only path"; exit 1; }`,
      `: > '${writable}/x' || { echo "cannot write its own directory"; exit 1; }`,
      // The other user reads the checkout only if it is readable by all (a checkout made with umask 022).
      `cd ${shellQuote(repoDir)} 2>/dev/null && ls >/dev/null 2>&1 || { echo "cannot read the repository (it is not readable by other users; a checkout made with umask 077?)"; exit 1; }`,
      `[ ! -e package.json ] || [ -r package.json ] || { echo "cannot read the repository's package.json (not readable by other users)"; exit 1; }`,
      'echo sandbox-ok',
    ].join('\n');
    const result = await exec({ command: '/bin/sh', args: ['-c', script], cwd: readOnly, readPaths: [readOnly, repoDir], writePaths: [writable], timeoutMs: 20_000 });
    if (result.stdout.includes('sandbox-ok') && result.exitCode === 0) return null;
    const said = `${result.stdout}\n${result.stderr}`.split('\n').map((line) => line.trim()).find((line) => line !== '');
    return said ?? `the check process ended with ${result.exitCode ?? result.signal} and printed nothing`;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  } finally {
    await rm(probeDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function describe(candidate: Candidate): string {
  return candidate.mechanism === 'user-namespace' ? 'user namespaces' : `another user through ${candidate.mechanism}`;
}

/** `sudo -n true` succeeds within 5 s: passwordless sudo, as on GitHub-hosted runners. */
function sudoWorks(tools: HostTools): Promise<boolean> {
  const sudo = tools.optional.sudo;
  if (sudo === undefined) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(sudo, ['-n', '--', tools.required.env, 'true'], { stdio: 'ignore', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('error', () => resolve(false));
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}
