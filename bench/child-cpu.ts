/**
 * CPU time used by this process's finished children and everything they waited for (Linux:
 * /proc/self/stat cutime + cstime), in milliseconds. Read before and after running the CLI to get the
 * CPU spent by the CLI, its test-runner processes and their workers. null where /proc is not there.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    const printed = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
    ticksPerSecond = Number.isFinite(printed) && printed > 0 ? printed : 100;
  }
  return ticksPerSecond;
}

export function childrenCpuMs(): number | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return null;
  }
  // Fields after "(comm)": state is field 3, so field n is at index n - 3; cutime = 16, cstime = 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : null;
}
