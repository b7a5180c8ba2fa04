/** Shapes of the process isolation: what the user asks for, what the machine allows, what a run got. */

/** The `isolation` setting: the strongest level available (auto), a level required by name, or none. */
export const ISOLATION_SETTINGS = ['auto', 'user', 'namespace', 'none'] as const;
export type IsolationSetting = (typeof ISOLATION_SETTINGS)[number];

/**
 * - user: repository code runs as another, unprivileged user (nobody) in new PID, mount, IPC (and
 *   network) namespaces, in a root of read-only binds where only its own directories are writable;
 * - namespace: the same namespaces and root inside an unprivileged user namespace, as our own user
 *   with every capability dropped;
 * - none: an allow-listed environment and a process group only.
 */
export type IsolationLevel = 'user' | 'namespace' | 'none';

/** How the namespaces are entered: as root, through passwordless sudo, or in an unprivileged user namespace. */
export type IsolationMechanism = 'root' | 'sudo' | 'user-namespace';

/** What repository code can reach over the network: nothing, its own loopback, or the host's network. */
export type IsolationNetwork = 'none' | 'loopback' | 'host';

/** The isolation a run reached, as the report, the job summary and the log show it. */
export interface IsolationReport {
  readonly requested: IsolationSetting;
  readonly level: IsolationLevel;
  readonly mechanism: IsolationMechanism | null;
  /** Who repository code runs as, e.g. 'nobody (uid 65534)'; null at level none (our own user). */
  readonly sandboxUser: string | null;
  readonly network: IsolationNetwork;
  /** Why a stronger level was not reached, or what the level does not protect (one line each). */
  readonly notes: readonly string[];
}
