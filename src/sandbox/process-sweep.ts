/**
 * Finds and kills processes that left our process group (e.g. a test that spawned a `detached`
 * child, which calls setsid) but still carry the run's marker variable, which every descendant
 * inherits unless it builds its environment from scratch. Linux only (reads /proc); elsewhere it does
 * nothing and the process-group kill is the only line of defence. Synchronous, so the process 'exit'
 * handler can use it.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The variable every sandboxed process gets, with a random value per run. */
export const SANDBOX_MARKER_VARIABLE = 'TESTMASTER_SANDBOX_RUN';

const MAX_PASSES = 3;

/** Sends SIGKILL to every process whose initial environment holds `NAME=marker`; returns their pids. */
export function killMarkedProcesses(marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`${SANDBOX_MARKER_VARIABLE}=${marker}\0`);
  const killed: number[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const found = findMarkedProcesses(needle).filter((pid) => !killed.includes(pid));
    if (found.length === 0) break;
    for (const pid of found) {
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // Already gone, or not ours to signal.
      }
    }
  }
  return killed;
}

function findMarkedProcesses(needle: Buffer): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(needle)) pids.push(pid);
    } catch {
      // Exited meanwhile, or another user's process.
    }
  }
  return pids;
}
