/**
 * Shared pieces for the run store's tests: temporary store paths, a run, one valid state per phase,
 * a ledger state taken from a real BudgetLedger, and a cached generation.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import { isRefusal, type Reservation, type Refusal } from '../../../src/budget/ledger-types.js';
import type { BudgetLimits, ModelPrice } from '../../../src/budget/limits.js';
import { microsFromUsd } from '../../../src/budget/money.js';
import type { PromptMargin } from '../../../src/budget/worst-case.js';
import type { HeadMetrics, ModuleGeneration, ProposedFile } from '../../../src/report/types.js';
import type { CachedGeneration, CacheKeyInput } from '../../../src/store/cache-entry.js';
import type { LedgerAccountState, LedgerState } from '../../../src/budget/ledger-state.js';
import type { ModuleState } from '../../../src/store/module-state.js';
import type { NewRun } from '../../../src/store/run-record.js';

export function tempStorePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'testmaster-store-')), 'runs.sqlite');
}

export const RUN: NewRun = {
  repoDir: '/repo',
  base: 'a'.repeat(40),
  head: 'b'.repeat(40),
  configFingerprint: 'cfg-1',
  provider: 'openai',
  model: 'gpt-4.1-mini',
};

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const counts = (covered: number, total: number): { covered: number; total: number } => ({ covered, total });

export const HEAD: HeadMetrics = {
  lines: counts(3, 10),
  statements: counts(3, 10),
  functions: counts(1, 2),
  branches: counts(0, 2),
  patch: { covered: 1, total: 4, partial: 0, missingLines: [5, 6, 7], partialLines: [] },
};

export const GENERATION: ModuleGeneration = {
  outcome: 'kept',
  reason: null,
  turns: 2,
  llmCalls: 2,
  inputTokens: 3000,
  outputTokens: 800,
  costUsd: 0.0155,
  promptTokens: 1400,
  provider: 'model',
};

export function proposedFile(module = 'src/a.ts', content = "import { a } from './a.js';\ntest('a', () => expect(a()).toBe(1));\n"): ProposedFile {
  return {
    path: module.replace(/\.ts$/, '.test.ts'),
    forFile: module,
    framework: 'vitest',
    content,
    sha256: sha(content),
    kept: [{ name: 'a', newLines: [5, 6], newBranchOutcomes: 1 }],
    dropped: [{ name: 'b', reason: 'adds no coverage' }],
    provider: 'model',
  };
}

/** One valid state per phase, for `module`. */
export function states(module = 'src/a.ts'): {
  analysed: ModuleState;
  head: ModuleState;
  base: ModuleState;
  generating: (attempt: number) => ModuleState;
  validated: (attempt: number) => ModuleState;
  kept: ModuleState;
  dropped: ModuleState;
  failed: ModuleState;
} {
  return {
    analysed: { phase: 'analysed', attempt: null, data: { packageDir: '', framework: 'vitest', changedLines: [5, 6, 7, 8], contentSha256: sha(module) } },
    head: { phase: 'head-measured', attempt: null, data: { head: HEAD, relatedTests: ['src/other.test.ts'] } },
    base: { phase: 'base-measured', attempt: null, data: { base: null, source: 'none' } },
    generating: (attempt) => ({ phase: 'generating', attempt, data: { generator: 'model' } }),
    validated: (attempt) => ({ phase: 'validated', attempt, data: { verdict: 'kept', kept: 1, dropped: 1 } }),
    kept: { phase: 'kept', attempt: null, data: { generation: GENERATION, files: [proposedFile(module)], proposed: HEAD } },
    dropped: { phase: 'dropped', attempt: null, data: { reason: 'skipped-budget: max-cost-usd', generation: null } },
    failed: { phase: 'failed', attempt: null, data: { reason: 'the runner crashed', generation: null } },
  };
}

/** The whole way of one module through the phases, two generation attempts, kept at the end. */
export function fullPath(module = 'src/a.ts'): ModuleState[] {
  const s = states(module);
  return [s.analysed, s.head, s.base, s.generating(1), s.validated(1), s.generating(2), s.validated(2), s.kept];
}

export const LIMITS: BudgetLimits = { maxCostUsd: 1, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null };
export const PRICE: ModelPrice = { inputPerMTokUsd: 2.5, outputPerMTokUsd: 10, cachedInputPerMTokUsd: 1.25 };
export const MARGIN: PromptMargin = { ratio: 0.1, tokens: 64 };

function granted(result: Reservation | Refusal): Reservation {
  if (isRefusal(result)) throw new Error(`expected a reservation: ${result.refused}`);
  return result;
}

/** A real ledger with a settled, a released, a rejected, a worst-case and an outstanding call over two modules. */
export function busyLedger(limits: BudgetLimits = LIMITS): BudgetLedger {
  const ledger = new BudgetLedger({ limits, price: PRICE, promptMargin: MARGIN });
  ledger.settle(granted(ledger.reserve({ module: 'src/a.ts', promptTokens: 1000, maxCompletionTokens: 500, label: 'generate' })), { inputTokens: 1010, outputTokens: 300, cachedInputTokens: 200 });
  ledger.release(granted(ledger.reserve({ module: 'src/a.ts', promptTokens: 900, maxCompletionTokens: 500, label: 'heal-1' })));
  ledger.failAttempt(granted(ledger.reserve({ module: 'src/b.ts', promptTokens: 700, maxCompletionTokens: 400 })), { kind: 'http-error', status: 400 });
  ledger.failAttempt(granted(ledger.reserve({ module: 'src/b.ts', promptTokens: 700, maxCompletionTokens: 400, attempt: 2 })), { kind: 'no-response' });
  ledger.reserve({ module: 'src/b.ts', promptTokens: 800, maxCompletionTokens: 400, label: 'heal-1' });
  return ledger;
}

/**
 * The state a real ledger is in, from its public API (what BudgetLedger.exportState() should give):
 * every account figure is the sum of its calls.
 */
export function ledgerStateOf(ledger: BudgetLedger, price: ModelPrice = PRICE, promptMargin: PromptMargin = MARGIN): LedgerState {
  const calls = ledger.calls();
  const accountOf = (module: string | null): LedgerAccountState => {
    const mine = calls.filter((call) => module === null || call.module === module);
    const settled = mine.filter((call) => call.state === 'settled');
    const held = mine.filter((call) => call.state === 'outstanding');
    return {
      inputTokens: settled.reduce((sum, call) => sum + call.inputTokens, 0),
      outputTokens: settled.reduce((sum, call) => sum + call.outputTokens, 0),
      costMicros: settled.reduce((sum, call) => sum + microsFromUsd(call.costUsd), 0),
      calls: settled.length,
      heldMicros: held.reduce((sum, call) => sum + microsFromUsd(call.worstCaseUsd), 0),
      heldTokens: held.reduce((sum, call) => sum + call.reservedPromptTokens + call.maxCompletionTokens, 0),
      heldCalls: held.length,
    };
  };
  return {
    version: 1,
    limits: ledger.limits,
    price,
    promptMargin,
    promptFactor: 1 + promptMargin.ratio,
    stoppedByBudget: ledger.stoppedByBudget,
    nextReservationId: Math.max(0, ...calls.map((call) => call.id)) + 1,
    run: accountOf(null),
    modules: ledger.modules().map((module) => ({ module, account: accountOf(module) })),
    calls: [...calls],
  };
}

export const KEY_INPUT: CacheKeyInput = {
  moduleContent: 'export const a = () => 1;\n',
  framework: 'vitest',
  frameworkVersion: '3.2.4',
  model: 'gpt-4.1-mini',
  promptVersion: 'v2',
  testPath: 'src/a.test.ts',
};

export const CACHED: CachedGeneration = {
  module: 'src/a.ts',
  files: [proposedFile('src/a.ts')],
  coverage: HEAD,
  generation: GENERATION,
  sourceRunId: 'run-1',
};
