/**
 * Base stage: base coverage comes from a coverage file the user gives, from running the same runners
 * on the base commit in a temporary worktree, or nowhere (measure-base: false).
 */
import { loadBaseCoverageFile } from '../coverage/base-coverage-file.js';
import type { BaseSource } from '../report/types.js';
import { linkNodeModules, withWorktree } from '../git/worktree.js';
import { worktreeOptions } from './context.js';
import type { PipelineDeps, PipelineRequest } from './context.js';
import type { SideCoverage } from './module-plan.js';
import { detectOrExplain, type ModulesPlan } from './plan-modules.js';
import { measureSide, type SideTarget } from './measure-side.js';
import { discardSide, userTreeTampered } from './tree-check.js';

export interface BaseMeasurement {
  readonly source: BaseSource;
  readonly coverage: SideCoverage | null;
}

export async function measureBase(
  repoDir: string,
  headDir: string,
  baseCommit: string,
  plan: ModulesPlan,
  request: PipelineRequest,
  deps: PipelineDeps,
  /** Resolves when the base's tests may start (after the head's); the checkout is prepared before. */
  mayRun: Promise<void> = Promise.resolve(),
): Promise<BaseMeasurement> {
  const { config } = request;
  if (!config.measureBase) return { source: 'none', coverage: null };
  if (config.baseCoverage !== null) {
    const files = await loadBaseCoverageFile(config.baseCoverage, { repoDir });
    return { source: 'file', coverage: { files, failures: new Map(), testsByPackage: new Map(), failedCasesByPackage: new Map() } };
  }
  const existing = plan.modules.filter((m) => m.file.kind !== 'added' && m.file.kind !== 'copied');
  if (existing.length === 0) {
    return { source: 'worktree', coverage: { files: new Map(), failures: new Map(), testsByPackage: new Map(), failedCasesByPackage: new Map() } };
  }
  return withWorktree(repoDir, baseCommit, async (baseDir) => {
    await linkNodeModules(headDir, baseDir, plan.packageDirs);
    await mayRun;
    const targets: SideTarget[] = [];
    // A package whose tests cannot run at the base (e.g. its runner was set up by this change) has no base figures.
    const unusable = new Map<string, string>();
    for (const target of plan.targets) {
      // A file moved here from another package has no base figures in this one.
      const inPackage = (path: string): boolean => target.pkg.relDir === '' || path.startsWith(`${target.pkg.relDir}/`);
      const modules = existing
        .filter((m) => m.pkg.relDir === target.pkg.relDir)
        .map((m) => m.file.previousPath ?? m.file.path)
        .filter(inPackage);
      if (modules.length === 0) continue;
      const pkg = await detectOrExplain(baseDir, target.pkg.relDir, config);
      if ('error' in pkg) unusable.set(target.pkg.relDir, `at the base: ${pkg.error}`);
      else if (pkg.framework === null) unusable.set(target.pkg.relDir, 'no Vitest or Jest set up at the base');
      else targets.push({ pkg, modules });
    }
    const measured = await measureSide('base', baseDir, targets, request, deps);
    // The worktree's node_modules are the user's (linked): the tests can change the user's checkout.
    const tampered = await userTreeTampered('the existing tests at the base', 'the base coverage was discarded', request.ownOutputs ?? [], deps);
    const coverage = tampered === null ? measured : discardSide(measured, targets.map((target) => target.pkg.relDir), tampered);
    return { source: 'worktree', coverage: { ...coverage, failures: new Map([...coverage.failures, ...unusable]) } };
  }, worktreeOptions(deps));
}
