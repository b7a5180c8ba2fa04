/**
 * Base stage: base coverage comes from a coverage file the user gives, from running the same runners
 * on the base commit in a temporary worktree, or nowhere (measure-base: false).
 */
import { loadBaseCoverageFile } from '../coverage/base-coverage-file.js';
import type { BaseSource } from '../report/types.js';
import { detectPackage } from '../runners/detect.js';
import { linkNodeModules, withWorktree } from '../git/worktree.js';
import type { PipelineDeps, PipelineRequest } from './context.js';
import type { SideCoverage } from './module-plan.js';
import type { ModulesPlan } from './plan-modules.js';
import { measureSide, type SideTarget } from './measure-side.js';

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
): Promise<BaseMeasurement> {
  const { config } = request;
  if (config.baseCoverage !== null) {
    const files = await loadBaseCoverageFile(config.baseCoverage, { repoDir });
    return { source: 'file', coverage: { files, failures: new Map(), testsByPackage: new Map(), failedCasesByPackage: new Map() } };
  }
  if (!config.measureBase) return { source: 'none', coverage: null };

  const existing = plan.modules.filter((m) => m.file.kind !== 'added' && m.file.kind !== 'copied');
  if (existing.length === 0) {
    return { source: 'worktree', coverage: { files: new Map(), failures: new Map(), testsByPackage: new Map(), failedCasesByPackage: new Map() } };
  }
  return withWorktree(repoDir, baseCommit, async (baseDir) => {
    await linkNodeModules(headDir, baseDir, plan.packageDirs);
    const targets: SideTarget[] = [];
    for (const target of plan.targets) {
      const modules = existing
        .filter((m) => m.pkg.relDir === target.pkg.relDir)
        .map((m) => m.file.previousPath ?? m.file.path);
      if (modules.length === 0) continue;
      const pkg = await detectPackage(baseDir, target.pkg.relDir, { framework: config.framework === 'auto' ? null : config.framework });
      targets.push({ pkg, modules });
    }
    const coverage = await measureSide('base', baseDir, targets, request, deps);
    // A package with no runner at the base (e.g. tests added by this change) has no base figures.
    const failures = new Map(coverage.failures);
    for (const target of targets) {
      if (target.pkg.framework === null) failures.set(target.pkg.relDir, 'no Vitest or Jest set up at the base');
    }
    return { source: 'worktree', coverage: { ...coverage, failures } };
  });
}
