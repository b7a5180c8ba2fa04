/**
 * Signals whole process groups, and remembers the groups still running so that the process 'exit'
 * handler can kill them when our own process ends (Ctrl-C in the CLI, a cancelled workflow). The
 * handler is installed while at least one group is live and removed when none is left.
 *
 * Note: Node runs 'exit' handlers on process.exit() and on a normal end, not on an unhandled SIGINT or
 * SIGTERM: the entry points must turn those signals into an orderly exit (or an abort).
 */
import { killMarkedProcesses } from './process-sweep.js';

interface LiveGroup {
  readonly pid: number;
  readonly marker: string;
}

const liveGroups = new Map<number, LiveGroup>();
let exitHandlerInstalled = false;

/** Sends `signal` to the process group led by `pid`; a group that no longer exists is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    if (process.platform === 'win32') process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ESRCH' && code !== 'EPERM') throw error;
  }
}

/** SIGKILL to the group, then to any marked process that left it. */
export function killGroupAndStragglers(pid: number, marker: string): void {
  signalGroup(pid, 'SIGKILL');
  killMarkedProcesses(marker);
}

export function registerLiveGroup(pid: number, marker: string): void {
  liveGroups.set(pid, { pid, marker });
  if (!exitHandlerInstalled) {
    process.on('exit', killAllLiveGroups);
    exitHandlerInstalled = true;
  }
}

export function unregisterLiveGroup(pid: number): void {
  liveGroups.delete(pid);
  if (liveGroups.size === 0 && exitHandlerInstalled) {
    process.removeListener('exit', killAllLiveGroups);
    exitHandlerInstalled = false;
  }
}

/** Number of groups started and not yet finished (for tests and diagnostics). */
export function liveGroupCount(): number {
  return liveGroups.size;
}

/** The process 'exit' handler: SIGKILL every group still running (exported for tests). */
export function killAllLiveGroups(): void {
  for (const group of liveGroups.values()) {
    try {
      killGroupAndStragglers(group.pid, group.marker);
    } catch {
      // Best effort while exiting.
    }
  }
  liveGroups.clear();
}
