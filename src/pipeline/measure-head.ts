/**
 * Head stage: runs the head's tests (measureSide) and, when they run in the user's own checkout, tells
 * the user if they left files changed behind them (a before/after fingerprint of the working tree).
 */
import type { PipelineDeps, PipelineRequest } from './context.js';
import type { HeadCheckout } from './head-checkout.js';
import { measureSide, type SideTarget } from './measure-side.js';
import type { SideCoverage } from './module-plan.js';
import { userTreeChanges } from './user-tree-changes.js';

export async function measureHead(
  checkout: HeadCheckout,
  targets: readonly SideTarget[],
  request: PipelineRequest,
  deps: PipelineDeps,
): Promise<SideCoverage> {
  const before = checkout.userTreeBefore;
  const coverage = await measureSide('head', checkout.dir, targets, request, deps);
  const touched = before ? await userTreeChanges(checkout.dir, before, request.ownOutputs) : [];
  if (touched.length > 0) {
    const listed = `${touched.slice(0, 5).join(', ')}${touched.length > 5 ? ', ...' : ''}`;
    deps.events.emit({
      type: 'warning',
      message: `the existing tests changed ${touched.length} file(s) in the working tree (${listed}); check them with git status`,
    });
  }
  return coverage;
}
