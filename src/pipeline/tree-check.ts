/**
 * After a phase that ran repository code: the user's checkout, ignored files included, compared with
 * before it (the repository guard, src/guard/). A change is reported in one warning that names the
 * files, says which results were discarded and what to do; the returned reason (null when nothing
 * changed) is what the phase records in place of the discarded results.
 */
import { listPaths, treeChangedWarning } from '../guard/tamper-messages.js';
import type { PipelineDeps } from './context.js';
import type { SideCoverage } from './module-plan.js';

export async function userTreeTampered(who: string, discarded: string, ownOutputs: readonly string[], deps: Pick<PipelineDeps, 'guard' | 'events'>): Promise<string | null> {
  const changes = await deps.guard.checkTree(ownOutputs);
  if (changes.length === 0) return null;
  deps.events.emit({ type: 'warning', message: treeChangedWarning(who, changes, discarded) });
  return `${who} changed files in the working tree (${listPaths(changes.map((change) => change.path), 3)}): ${discarded}`;
}

/** The side's figures discarded: every package measured fails with `reason` (one that already failed keeps its own). */
export function discardSide(coverage: SideCoverage, packageDirs: readonly string[], reason: string): SideCoverage {
  return {
    files: new Map(),
    failures: new Map([...packageDirs.map((dir): [string, string] => [dir, reason]), ...coverage.failures]),
    testsByPackage: coverage.testsByPackage,
    failedCasesByPackage: coverage.failedCasesByPackage,
  };
}
