/**
 * Wraps the executor that runs repository code: before each process the guard's baselines exist;
 * after it, the git directory is checked and put back (repository-guard.ts) before the result is handed
 * on. Processes run concurrently and a change cannot be pinned on one of them, so when a check finds a
 * change, every process that was running since the previous check (including those whose own check is
 * still waiting) gets the changed paths in `tampered`: its results are not to be used.
 */
import type { ExecResult, Executor } from '../sandbox/types.js';
import type { EventBus } from '../events/bus.js';
import type { ProcessGuard } from './repository-guard.js';
import { gitDirRestoredWarning } from './tamper-messages.js';

export function guardExecutor(inner: Executor, guard: ProcessGuard, onTampered: (paths: readonly string[]) => void): Executor {
  const running = new Set<Set<string>>();
  return async (request) => {
    await guard.beforeProcess();
    const tampered = new Set<string>();
    running.add(tampered);
    let result: ExecResult;
    try {
      result = await inner(request);
    } finally {
      try {
        const changed = await guard.afterProcess();
        if (changed.length > 0) {
          for (const paths of running) for (const file of changed) paths.add(file);
          onTampered(changed);
        }
      } finally {
        running.delete(tampered);
      }
    }
    return tampered.size === 0 ? result : { ...result, tampered: [...tampered].sort() };
  };
}

/** The usual `onTampered`: one warning event naming the files. */
export function warnTampered(events: Pick<EventBus, 'emit'>): (paths: readonly string[]) => void {
  return (paths) => events.emit({ type: 'warning', message: gitDirRestoredWarning(paths) });
}
