/**
 * Head stage: runs the head's tests (measureSide); if they changed the user's checkout (ignored files
 * included, also through a worktree's linked node_modules), the head figures are discarded and the
 * user is told which files and what to do.
 */
import type { PipelineDeps, PipelineRequest } from './context.js';
import type { HeadCheckout } from './head-checkout.js';
import { measureSide, type SideTarget } from './measure-side.js';
import type { SideCoverage } from './module-plan.js';
import { discardSide, userTreeTampered } from './tree-check.js';

export async function measureHead(
  checkout: HeadCheckout,
  targets: readonly SideTarget[],
  request: PipelineRequest,
  deps: PipelineDeps,
): Promise<SideCoverage> {
  const coverage = await measureSide('head', checkout.dir, targets, request, deps);
  const tampered = await userTreeTampered('the existing tests at the head', 'the head coverage was discarded', request.ownOutputs ?? [], deps);
  return tampered === null ? coverage : discardSide(coverage, targets.map((target) => target.pkg.relDir), tampered);
}
