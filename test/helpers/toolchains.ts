/**
 * The fixture toolchains: real Vitest and Jest installs under test/.toolchains/<name>, each pinned by
 * its own package.json and package-lock.json. Fixture repositories symlink their node_modules to one
 * of them (see fixture-repo.ts), so no test installs anything.
 *
 * ensureToolchains() is the Vitest globalSetup: it installs each toolchain whose node_modules is
 * missing or older than its lockfile, one at a time (the machine has two cores), and prints one line
 * per install. Installed toolchains cost two stats each. Concurrent test runs in the same tree take
 * turns through a lock directory, so two never install the same toolchain at once.
 *
 * The install is `npm install --no-save` rather than `npm ci`: it installs exactly the locked versions
 * and leaves the lockfile untouched, but tolerates what `npm ci` refuses here: the registry this
 * project reaches lacks some optional platform packages (e.g. @rollup/rollup-android-arm64), which
 * the lockfiles therefore do not list, and `npm ci` calls such a lockfile out of sync. Install
 * scripts are not run (none of these packages needs one on Linux).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './project-root.js';

const run = promisify(execFile);

export const TOOLCHAINS = ['vitest5', 'vitest3', 'vitest1', 'jest30', 'jest29', 'jest25', 'jest24', 'workspaces'] as const;
export type ToolchainName = (typeof TOOLCHAINS)[number];

export const TOOLCHAINS_DIR = join(PROJECT_ROOT, 'test', '.toolchains');

const LOCK_WAIT_MS = 10 * 60 * 1000;
const LOCK_POLL_MS = 500;
const INSTALL_TIMEOUT_MS = 10 * 60 * 1000;
const INSTALL_ARGS = ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts'];

/** Absolute node_modules directory of a toolchain. */
export function toolchainModules(name: ToolchainName): string {
  return join(TOOLCHAINS_DIR, name, 'node_modules');
}

export async function ensureToolchains(names: readonly ToolchainName[] = TOOLCHAINS): Promise<void> {
  for (const name of names) {
    if (await isInstalled(name)) continue;
    await withLock(name, async () => {
      if (await isInstalled(name)) return; // another test run installed it while we waited
      await install(name);
    });
  }
}

/** Installed when npm's record of the install (node_modules/.package-lock.json) is newer than the lockfile. */
export async function isInstalled(name: ToolchainName): Promise<boolean> {
  const dir = join(TOOLCHAINS_DIR, name);
  const [lock, record] = await Promise.all([
    stat(join(dir, 'package-lock.json')),
    stat(join(dir, 'node_modules', '.package-lock.json')).catch(() => null),
  ]);
  return record !== null && record.mtimeMs >= lock.mtimeMs;
}

async function install(name: ToolchainName): Promise<void> {
  const dir = join(TOOLCHAINS_DIR, name);
  const started = performance.now();
  try {
    await run('npm', INSTALL_ARGS, { cwd: dir, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    const lines = stderr.split('\n').filter((line) => line.startsWith('npm error')).slice(0, 8).join('\n');
    throw new Error(`installing the ${name} test toolchain failed (npm ${INSTALL_ARGS.join(' ')} in ${dir}):\n${lines || (error as Error).message}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`test toolchain ${name}: installed (npm ${INSTALL_ARGS.join(' ')}) in ${seconds} s`);
}

async function withLock(name: ToolchainName, action: () => Promise<void>): Promise<void> {
  const lockDir = join(TOOLCHAINS_DIR, `.${name}.install-lock`);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await holderAlive(lockDir))) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`gave up waiting for another test run to install the ${name} toolchain (${lockDir})`);
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    await writeFile(join(lockDir, 'pid'), String(process.pid));
    await action();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** False when the lock's holder has died (or never wrote its pid within a grace period). */
async function holderAlive(lockDir: string): Promise<boolean> {
  const pid = Number(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) {
    const created = await stat(lockDir).catch(() => null);
    return created !== null && Date.now() - created.mtimeMs < 5000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
