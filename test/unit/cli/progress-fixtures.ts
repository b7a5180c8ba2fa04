/**
 * Test data for the CLI progress display: a resumed run with two modules generated side by side (one
 * healed, one fed a replayed answer), a reused module, a failed module and a file skipped at scope.
 */
import type { PipelineEvent } from '../../../src/events/types.js';

export const CART = 'src/cart.ts';
export const PRICING = 'src/lib/deep/nested/pricing-rules.ts';
export const UTIL = 'src/util.ts';
export const BROKEN = 'src/broken.ts';

/** Up to the moment both generated modules are healing (CART has a call, PRICING a replayed answer and a call). */
export const UNTIL_HEALING: readonly PipelineEvent[] = [
  { type: 'run-started', repoDir: '/repo', baseRef: 'main', headRef: 'HEAD', provider: 'openai' },
  { type: 'run-resumed', runId: 'r-1', finishedModules: 1, spentUsd: 0.004 },
  { type: 'phase-started', phase: 'diff' },
  { type: 'diff-computed', base: 'aaaaaaa1111', head: 'bbbbbbb2222', files: 5, skipped: 0 },
  { type: 'phase-completed', phase: 'diff' },
  { type: 'phase-started', phase: 'scope' },
  { type: 'module-skipped', path: 'docs/readme.md', reason: 'not a JavaScript or TypeScript module' },
  { type: 'modules-selected', modules: [CART, PRICING, UTIL, BROKEN], packages: [''] },
  { type: 'module-analysis-started', path: CART, packageDir: '' },
  { type: 'module-analysis-started', path: PRICING, packageDir: '' },
  { type: 'module-analysis-started', path: UTIL, packageDir: '' },
  { type: 'module-analysis-started', path: BROKEN, packageDir: '' },
  { type: 'phase-completed', phase: 'scope' },
  { type: 'phase-started', phase: 'head-coverage' },
  { type: 'runner-started', side: 'head', packageDir: '', framework: 'vitest', modules: 4 },
  { type: 'coverage-measured', side: 'head', path: CART, linesCovered: 3, linesTotal: 15 },
  { type: 'runner-completed', side: 'head', packageDir: '', durationMs: 2300, passed: 12, failed: 0, exitCode: 0, timedOut: false },
  { type: 'phase-completed', phase: 'head-coverage' },
  { type: 'phase-started', phase: 'base-coverage' },
  { type: 'runner-started', side: 'base', packageDir: '', framework: 'vitest', modules: 4 },
  { type: 'runner-completed', side: 'base', packageDir: '', durationMs: 1900, passed: 10, failed: 0, exitCode: 0, timedOut: false },
  { type: 'phase-completed', phase: 'base-coverage' },
  { type: 'phase-started', phase: 'generation' },
  { type: 'module-reused', path: UTIL, source: 'resume', fromRunId: 'r-1', kept: 2, savedTokens: 1500, savedCostUsd: 0.004 },
  { type: 'generation-started', path: CART, uncoveredLines: 12 },
  { type: 'generation-started', path: PRICING, uncoveredLines: 30 },
  { type: 'model-call', path: CART, label: 'generate', attempt: 1, charged: 'settled', inputTokens: 1234, outputTokens: 456, costUsd: 0.0123, runCostUsd: 0.0163 },
  { type: 'model-call-replayed', path: PRICING, label: 'generate', inputTokens: 2000, outputTokens: 500 },
  { type: 'candidate-validated', path: CART, turn: 1, kept: 2, dropped: 1, verdict: 'kept' },
  { type: 'heal-turn', path: CART, turn: 1, failingCases: 1, fileError: false },
  { type: 'candidate-validated', path: PRICING, turn: 1, kept: 0, dropped: 3, verdict: 'nothing-kept' },
  { type: 'heal-turn', path: PRICING, turn: 1, failingCases: 3, fileError: false },
  { type: 'model-call', path: PRICING, label: 'heal-1', attempt: 1, charged: 'settled', inputTokens: 1800, outputTokens: 600, costUsd: 0.015, runCostUsd: 0.0313 },
];

export const AFTER_HEALING: readonly PipelineEvent[] = [
  { type: 'model-call', path: CART, label: 'heal-1', attempt: 1, charged: 'settled', inputTokens: 1400, outputTokens: 300, costUsd: 0.011, runCostUsd: 0.0423 },
  { type: 'candidate-validated', path: CART, turn: 2, kept: 3, dropped: 0, verdict: 'kept' },
  { type: 'generation-finished', path: CART, outcome: 'kept', reason: null, kept: 3, costUsd: 0.0233 },
  { type: 'generation-started', path: BROKEN, uncoveredLines: 5 },
  { type: 'model-call', path: BROKEN, label: 'generate', attempt: 1, charged: 'failed', inputTokens: 900, outputTokens: 0, costUsd: 0.005, runCostUsd: 0.0473 },
  { type: 'generation-finished', path: BROKEN, outcome: 'failed', reason: 'the model answered HTTP 500', kept: 0, costUsd: 0.005 },
  { type: 'candidate-validated', path: PRICING, turn: 2, kept: 1, dropped: 2, verdict: 'kept' },
  { type: 'generation-finished', path: PRICING, outcome: 'kept', reason: null, kept: 1, costUsd: 0.015 },
  { type: 'warning', message: 'src/lib/deep/nested/pricing-rules.ts: 2 case(s) dropped as flaky' },
  { type: 'phase-completed', phase: 'generation' },
  { type: 'phase-started', phase: 'report' },
  { type: 'phase-completed', phase: 'report' },
  { type: 'run-completed', files: 4, patchCovered: 40, patchPartial: 2, patchTotal: 50 },
];

export const WHOLE_RUN: readonly PipelineEvent[] = [...UNTIL_HEALING, ...AFTER_HEALING];
