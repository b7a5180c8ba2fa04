/**
 * Builds a run's namespace sandbox on the host (effects): the control directory (mode 0700: the
 * template's spec, the root's mount point, the runners' cache, the scratch root), the paths the
 * sandbox shows (system directories, the repository and what its node_modules link to outside it, the
 * Node that runs the tests), the git config shown in place of the repository's, and the template's
 * holder process, started and waited for. `dispose` ends the holder and removes the control directory
 * (through sudo when the sandbox user's files are in it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { runnerCacheDir } from '../../runners/runner-cache.js';
import type { HostTools } from './host-tools.js';
import { SANDBOX_MESSAGE_PREFIX, SANDBOX_READY, TEMPLATE_SCRIPT } from './init-script.js';
import type { IsolationMechanism } from './isolation-types.js';
import { lockedFlags, mountOf, parseMountInfo } from './mount-table.js';
import { ids, LAUNCHER_ENV, type NamespaceSandbox, type SandboxIds } from './namespace-sandbox.js';
import { linkedOutside, nodeInstallation, systemRoot } from './readable-paths.js';
import { isInside, renderTemplateSpec, type SandboxBind } from './sandbox-spec.js';
import { sanitizedGitConfig } from './sanitized-git-config.js';

export interface NamespaceSandboxOptions {
  readonly level: 'user' | 'namespace';
  readonly mechanism: IsolationMechanism;
  readonly tools: HostTools;
  /** Real path of the repository's top directory. */
  readonly repoDir: string;
  /** Real path of its common git directory. */
  readonly gitCommonDir: string | null;
  /** Package directories (absolute) whose node_modules may link outside the repository. */
  readonly packageDirs: readonly string[];
  /** The Node the runners start with (found on the sandbox PATH), if any. */
  readonly nodeBinary: string | null;
  readonly tempRoot?: string;
  /** How long the template may take to build (default 30 s). */
  readonly readyTimeoutMs?: number;
}

export interface DisposableSandbox {
  readonly sandbox: NamespaceSandbox;
  dispose(): Promise<void>;
}

const MAX_PROCESSES = 1024;
const TMP_SIZE_MIB = 1024;

export async function createNamespaceSandbox(options: NamespaceSandboxOptions): Promise<DisposableSandbox> {
  const controlDir = await mkdtemp(path.join(options.tempRoot ?? tmpdir(), 'testmaster-sandbox-'));
  let holder: ChildProcess | null = null;
  const dispose = async (): Promise<void> => {
    if (holder !== null) await endHolder(holder);
    await removeControlDir(controlDir, options);
  };
  try {
    const rootDir = path.join(controlDir, 'root');
    const cacheDir = path.join(controlDir, 'cache');
    const scratchRoot = path.join(controlDir, 'scratch');
    await mkdir(rootDir);
    await mkdir(cacheDir);
    await mkdir(scratchRoot);
    await chmod(scratchRoot, 0o755); // traversable by the sandbox user inside; the control directory keeps others out on the host
    const system = await systemRoot();
    const repo = [options.repoDir, ...(options.gitCommonDir === null ? [] : [options.gitCommonDir])];
    const node = options.nodeBinary === null ? [] : [await nodeInstallation(options.nodeBinary)];
    const linked = await linkedOutside(options.packageDirs, [...repo, ...system.directories], secretPlaces(controlDir));
    const mounts = parseMountInfo(await readFile('/proc/self/mountinfo', 'utf8'));
    const sandboxUser = options.level === 'user' ? await nobody() : null;
    const visible = [...system.directories, ...repo, ...node, ...linked];
    const bind = (target: string, writable: boolean, source = target, mask = false): SandboxBind => ({
      path: target,
      source,
      writable,
      mask,
      lockedFlags: lockedFlags(mountOf(source, mounts)),
    });
    const binds = [
      ...visible.map((target) => bind(target, false)),
      ...(await gitConfigMask(options.gitCommonDir, controlDir)).map((mask) => bind(mask.path, false, mask.source, true)),
      ...(await runnerTempDirs(options.packageDirs, [...repo, ...linked], controlDir)).map((dir) => bind(dir.path, true, dir.source)),
      bind(scratchRoot, false),
      bind(runnerCacheDir(), true, cacheDir),
    ];
    const network = options.tools.optional.ip === undefined ? 'none' : 'loopback';
    const specPath = path.join(controlDir, 'template.sh');
    const spec = renderTemplateSpec({
      rootDir,
      binds,
      rootLinks: system.links,
      devices: options.mechanism === 'user-namespace' ? 'bind' : 'copy',
      keepProc: options.mechanism === 'user-namespace',
      tmpSizeMiB: TMP_SIZE_MIB,
      loopback: network === 'loopback',
      sandboxOwner: sandboxUser === null ? null : ids(sandboxUser),
    });
    await writeFile(specPath, spec, { mode: 0o600 });
    const started = await startHolder(options, specPath);
    holder = started.child;
    const sandbox: NamespaceSandbox = {
      level: options.level,
      mechanism: options.mechanism,
      tools: options.tools,
      sandboxUser,
      caller: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
      network,
      holderPid: started.pid,
      scratchRoot,
      visible: [...visible, runnerCacheDir()],
      mounts,
      maxProcesses: MAX_PROCESSES,
    };
    return { sandbox, dispose };
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
}

/** Starts the holder and waits for its ready line; rejects with what it said when it fails. */
function startHolder(options: NamespaceSandboxOptions, specPath: string): Promise<{ readonly child: ChildProcess; readonly pid: number }> {
  const { required, optional } = options.tools;
  const unshare = [
    required.unshare,
    // In a user namespace the holder needs a PID namespace of its own to mount a /proc; its
    // launcher (our child) stays in the other namespaces, so it is the one nsenter targets.
    ...(options.mechanism === 'user-namespace' ? ['--user', '--map-root-user', '--pid', '--fork', '--kill-child'] : []),
    '--mount',
    '--net',
    '--ipc',
    '--propagation',
    'private',
    '--',
    required.sh,
    '-c',
    TEMPLATE_SCRIPT,
    'testmaster-sandbox-template',
    specPath,
  ];
  const argv = options.mechanism === 'sudo' ? [optional.sudo ?? 'sudo', '-n', '--', ...unshare] : unshare;
  const child = spawn(argv[0]!, argv.slice(1), { env: LAUNCHER_ENV, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.stdin?.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail(`the sandbox template was not ready within ${(options.readyTimeoutMs ?? 30_000) / 1000} s`), options.readyTimeoutMs ?? 30_000);
    const fail = (message: string): void => {
      clearTimeout(timer);
      child.stdin?.destroy();
      child.kill('SIGKILL');
      reject(new Error(message));
    };
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const ready = new RegExp(`^${SANDBOX_READY} (\\d+)$`, 'm').exec(stdout);
      if (ready) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stderr?.removeAllListeners('data');
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, pid: options.mechanism === 'user-namespace' ? child.pid! : Number(ready[1]) });
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 8192) stderr += chunk;
    });
    child.once('error', (error) => fail(`cannot start ${argv[0]}: ${error.message}`));
    child.once('exit', (code) => {
      const said = stderr.split('\n').find((line) => line.startsWith(SANDBOX_MESSAGE_PREFIX))?.slice(SANDBOX_MESSAGE_PREFIX.length).trim();
      const other = stderr.split('\n').map((line) => line.trim()).find((line) => line !== '');
      fail(said ?? other ?? `the sandbox template ended (exit ${code}) before it was ready`);
    });
  });
}

/** Closes the holder's lifeline and waits (bounded) for it to end. */
function endHolder(holder: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (holder.exitCode !== null || holder.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      holder.kill('SIGKILL');
      resolve();
    }, 5000);
    holder.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    holder.stdin?.end();
  });
}

/**
 * Directories inside node_modules where the runners must write while they start: Vite bundles a
 * TypeScript config into `node_modules/.vite-temp/` before loading it. Each is shown read-write, backed
 * by a directory of the run (writes never reach the user's node_modules); the host directory is created
 * when missing (empty, as Vite itself would), since a bind needs a mount point.
 */
const RUNNER_TEMP_NAMES = ['.vite-temp'] as const;

async function runnerTempDirs(packageDirs: readonly string[], shown: readonly string[], controlDir: string): Promise<{ path: string; source: string }[]> {
  const dirs: { path: string; source: string }[] = [];
  const seen = new Set<string>();
  for (const packageDir of packageDirs) {
    const modules = await realpath(path.join(packageDir, 'node_modules')).catch(() => null);
    // Only a node_modules the sandbox shows: a link to anywhere else is not followed, nor written to.
    if (modules === null || seen.has(modules) || !shown.some((dir) => isInside(modules, dir))) continue;
    seen.add(modules);
    for (const name of RUNNER_TEMP_NAMES) {
      const target = path.join(modules, name);
      const made = await mkdir(target, { recursive: true }).then(() => true, () => false);
      if (!made) continue;
      const source = path.join(controlDir, `runner-temp-${dirs.length}`);
      await mkdir(source);
      dirs.push({ path: target, source });
    }
  }
  return dirs;
}

/**
 * Where secrets of this machine live, that no link of the repository may make visible: the home
 * directory, the runner's temp directory and workspace parent, the temp directory, the control directory.
 */
function secretPlaces(controlDir: string): string[] {
  const env = process.env;
  return [homedir(), tmpdir(), controlDir, env.RUNNER_TEMP, env.RUNNER_WORKSPACE, env.GITHUB_WORKSPACE && path.dirname(env.GITHUB_WORKSPACE), '/root', '/home']
    .filter((place): place is string => typeof place === 'string' && place !== '');
}

/**
 * The git configs without credentials, shown in place of the repository's: its own and its
 * submodules' (`actions/checkout` with `persist-credentials` writes the token into each).
 */
async function gitConfigMask(gitCommonDir: string | null, controlDir: string): Promise<{ path: string; source: string }[]> {
  if (gitCommonDir === null) return [];
  const masks: { path: string; source: string }[] = [];
  const configs = [path.join(gitCommonDir, 'config'), ...(await submoduleConfigs(path.join(gitCommonDir, 'modules')))];
  for (const config of configs) {
    const text = await readFile(config, 'utf8').catch(() => null);
    if (text === null) continue;
    const source = path.join(controlDir, `git-config-${masks.length}`);
    await writeFile(source, sanitizedGitConfig(text), { mode: 0o644 });
    masks.push({ path: await realpath(config), source });
  }
  return masks;
}

/** Every `config` file under the git directory's modules/ (submodules, nested ones too), bounded. */
async function submoduleConfigs(dir: string, depth = 6): Promise<string[]> {
  if (depth === 0) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === 'config') found.push(full);
    else if (entry.isDirectory()) found.push(...(await submoduleConfigs(full, depth - 1)));
  }
  return found;
}

/** The `nobody` user of /etc/passwd (65534 when absent). */
async function nobody(): Promise<SandboxIds & { readonly name: string }> {
  const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '');
  const entry = passwd.split('\n').map((line) => line.split(':')).find((fields) => fields[0] === 'nobody');
  const uid = Number(entry?.[2]);
  const gid = Number(entry?.[3]);
  return Number.isInteger(uid) && uid > 0 && Number.isInteger(gid) && gid > 0 ? { name: 'nobody', uid, gid } : { name: 'nobody', uid: 65534, gid: 65534 };
}

/** The sandbox user's files (the runners' cache) may be in it: through sudo when we are not root. */
async function removeControlDir(controlDir: string, options: NamespaceSandboxOptions): Promise<void> {
  const sudo = options.tools.optional.sudo;
  if (options.mechanism === 'sudo' && sudo !== undefined) {
    const rmTool = options.tools.optional.rm ?? 'rm';
    await new Promise<void>((resolve) => {
      const child = spawn(sudo, ['-n', '--', rmTool, '-rf', '--one-file-system', '--', controlDir], { stdio: 'ignore', env: LAUNCHER_ENV });
      child.once('error', () => resolve());
      child.once('close', () => resolve());
    });
  }
  await rm(controlDir, { recursive: true, force: true });
}

