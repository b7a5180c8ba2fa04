/**
 * A run's namespace sandbox (levels user and namespace): the template every sandboxed process starts
 * from (a holder process whose mount, network and IPC namespaces hold the sandbox's root, built once),
 * and how one process is launched in it (pure: the launcher's command line, holding the process's
 * script).
 *
 * The launcher: `nsenter` into the template's namespaces (and user namespace), then `unshare` of a new
 * PID and mount namespace with `--kill-child` (the namespace ends when the launcher dies), then the
 * process script (init-script.ts) as its pid 1. Through `sudo -n` when TestMaster is not root but may
 * use passwordless sudo.
 */
import { TestRunnerError } from '../../errors/errors.js';
import type { HostTools } from './host-tools.js';
import { PROCESS_SCRIPT } from './init-script.js';
import type { IsolationMechanism, IsolationNetwork } from './isolation-types.js';
import { lockedFlags, mountOf, type MountEntry } from './mount-table.js';
import { isInside, renderProcessSpec } from './sandbox-spec.js';

export interface SandboxIds {
  readonly uid: number;
  readonly gid: number;
}

export interface NamespaceSandbox {
  readonly level: 'user' | 'namespace';
  readonly mechanism: IsolationMechanism;
  readonly tools: HostTools;
  /** Who repository code runs as at level user (nobody); null at level namespace (root of the user namespace, without capabilities). */
  readonly sandboxUser: (SandboxIds & { readonly name: string }) | null;
  /** TestMaster's own user, to whom the writable directories go back. */
  readonly caller: SandboxIds;
  readonly network: Exclude<IsolationNetwork, 'host'>;
  /** Pid of the template's holder (its namespaces are entered with nsenter). */
  readonly holderPid: number;
  /**
   * Host directory (private to TestMaster's user on the host) shown read-only at the same path in the
   * sandbox: checkouts and output directories of the run live in it; a process's output directory is
   * made writable for that process only.
   */
  readonly scratchRoot: string;
  /** Real paths the sandbox shows (read-only), besides the scratch root. */
  readonly visible: readonly string[];
  readonly mounts: readonly MountEntry[];
  readonly maxProcesses: number;
}

/** One process to start in the sandbox; every path is a real path (no symlink on the way). */
export interface SandboxedProcess {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly readPaths: readonly string[];
  readonly writePaths: readonly string[];
}

export interface SandboxLaunch {
  readonly file: string;
  readonly args: readonly string[];
  /** The environment the launcher starts with (the command gets only its own, through env -i). */
  readonly env: Readonly<Record<string, string>>;
}

export const LAUNCHER_ENV: Readonly<Record<string, string>> = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' };

export function planLaunch(sandbox: NamespaceSandbox, process: SandboxedProcess): SandboxLaunch {
  for (const target of [process.command, process.cwd, ...process.readPaths]) {
    if (!isVisible(sandbox, target)) {
      throw new TestRunnerError(`cannot run "${process.command}" in the sandbox: ${target} is not among the paths the sandbox shows (the repository, the run's temporary directory, the system's)`);
    }
  }
  for (const target of process.writePaths) {
    if (!isInside(target, sandbox.scratchRoot) || target === sandbox.scratchRoot) {
      throw new TestRunnerError(`cannot let "${process.command}" write ${target}: a sandboxed process writes only its own directory in the run's temporary directory ${sandbox.scratchRoot}`);
    }
  }
  const { required, optional } = sandbox.tools;
  const script =
    PROCESS_SCRIPT +
    renderProcessSpec({
      writable: process.writePaths.map((target) => ({ path: target, writable: true, lockedFlags: lockedFlags(mountOf(target, sandbox.mounts)) })),
      owners: sandbox.sandboxUser === null ? null : { sandbox: ids(sandbox.sandboxUser), caller: ids(sandbox.caller) },
      maxProcesses: sandbox.maxProcesses,
      cwd: process.cwd,
      privileges: privileges(sandbox),
      envCommand: required.env,
      env: process.env,
      command: process.command,
      args: process.args,
    });
  const launcher = [
    required.nsenter,
    `--target=${sandbox.holderPid}`,
    // Joining the user namespace as its owner gives every capability in it; keeping our credentials
    // (mapped to its root) avoids setgroups, which a user namespace made without privileges denies.
    ...(sandbox.mechanism === 'user-namespace' ? ['--user', '--preserve-credentials'] : []),
    '--mount',
    '--net',
    '--ipc',
    '--',
    required.unshare,
    '--pid',
    '--fork',
    '--kill-child',
    '--mount',
    '--propagation',
    'private',
    '--',
    required.sh,
    '-c',
    script,
    'testmaster-sandbox',
  ];
  const full = sandbox.mechanism === 'sudo' ? [optional.sudo ?? 'sudo', '-n', '--', ...launcher] : launcher;
  return { file: full[0]!, args: full.slice(1), env: LAUNCHER_ENV };
}

function isVisible(sandbox: NamespaceSandbox, target: string): boolean {
  return [sandbox.scratchRoot, ...sandbox.visible].some((root) => isInside(target, root));
}

/** setpriv: another user at level user; at level namespace the user namespace's root without any capability. */
function privileges(sandbox: NamespaceSandbox): string[] {
  const user = sandbox.sandboxUser;
  return [
    sandbox.tools.required.setpriv,
    ...(user === null ? [] : [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups']),
    '--no-new-privs',
    '--inh-caps=-all',
    '--bounding-set=-all',
    '--',
  ];
}

export function ids(user: SandboxIds): string {
  return `${user.uid}:${user.gid}`;
}
