/**
 * Shared pieces for the run store's tests: temporary store paths, a run, one valid state per phase,
 * module outcomes, a ledger state taken from a real BudgetLedger, a cached generation, a model reply
 * and a side's coverage made by hand in Istanbul's shape.
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
import type { FileCoverageData } from 'istanbul-lib-coverage';
import type { ModelReply } from '../../../src/model/model-client.js';
import type { SideCoverage } from '../../../src/pipeline/module-plan.js';
import type { HeadMetrics, ModuleGeneration, ProposedFile } from '../../../src/report/types.js';
import type { CachedGeneration, CacheKeyInput } from '../../../src/store/cache-entry.js';
import type { LedgerAccountState, LedgerState } from '../../../src/budget/ledger-state.js';
import type { ModuleOutcome, ModuleState } from '../../../src/store/module-state.js';
import type { NewRun } from '../../../src/store/run-record.js';
import { StoreError } from '../../../src/store/store-error.js';

/** The StoreError the action throws (anything else is rethrown; no error at all fails the test). */
export function thrownStoreError(action: () => unknown): StoreError {
  try {
    action();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

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

/** What a module that kept a file ends with. */
export function keptOutcome(module = 'src/a.ts'): ModuleOutcome {
  return {
    generation: GENERATION,
    files: [proposedFile(module)],
    proposed: HEAD,
    coveredBy: { offline: 1, model: 2 },
    possibleBugs: [{ file: module, testName: 'a rejects a negative', failure: 'expected -1 to be 0', evidence: 'the doc comment says it returns 0 for negatives' }],
  };
}

/** What a module that ends with nothing kept (`outcome` of its generation) ends with. */
export function emptyOutcome(outcome: ModuleGeneration['outcome'], reason: string): ModuleOutcome {
  return {
    generation: { ...GENERATION, outcome, reason, turns: 0, llmCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    files: [],
    proposed: null,
    coveredBy: { offline: 0, model: 0 },
    possibleBugs: [],
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
    kept: { phase: 'kept', attempt: null, data: { outcome: keptOutcome(module) } },
    dropped: { phase: 'dropped', attempt: null, data: { outcome: emptyOutcome('skipped-budget', 'max-cost-usd') } },
    failed: { phase: 'failed', attempt: null, data: { outcome: emptyOutcome('failed', 'the runner crashed') } },
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

export const REPLY: ModelReply = {
  content: '```ts\nimport { a } from "./a.js";\ntest("a", () => expect(a()).toBe(1));\n```',
  refusal: null,
  finishReason: 'stop',
  usage: { promptTokens: 1480, completionTokens: 620 },
  attempts: 1,
  model: 'gpt-4.1-mini-2025-04-14',
  structuredOutput: 'used',
};

/** SHA-256 (hex) of `text`: an answer key as the caller would compute it. */
export const answerKeyOf = (text: string): string => sha(text);

/**
 * Istanbul file coverage of `path` in the shape Istanbul's instrumenter writes: two statements, a
 * function, an `if` whose implicit else has an empty location, extra fields (hash, schema).
 */
export function fileCoverage(path: string, hits = 1): FileCoverageData {
  const range = (line: number, from: number, to: number): { start: { line: number; column: number }; end: { line: number; column: number } } => ({
    start: { line, column: from },
    end: { line, column: to },
  });
  const data = {
    path,
    statementMap: { 0: range(2, 2, 20), 1: range(3, 4, 17) },
    fnMap: { 0: { name: 'a', decl: range(1, 16, 17), loc: range(1, 20, 40), line: 1 } },
    branchMap: { 0: { loc: range(2, 2, 20), type: 'if', locations: [range(2, 2, 20), { start: {}, end: {} }], line: 2 } },
    s: { 0: hits, 1: 0 },
    f: { 0: hits },
    b: { 0: [0, hits] },
    _coverageSchema: '1a1c01bbd47fc00a2c39e90264f33305004495a9',
    hash: sha(path),
  };
  return data as unknown as FileCoverageData;
}

/** A side's coverage over `modules`, with a failed package, the tests that ran and failed cases. */
export function sideCoverage(modules: readonly string[] = ['src/a.ts', 'packages/b/src/b.ts']): SideCoverage {
  return {
    files: new Map(modules.map((module, index) => [module, fileCoverage(module, index + 1)])),
    failures: new Map([['packages/c', 'vitest exited with code 1 before any test ran']]),
    testsByPackage: new Map<string, readonly string[]>([
      ['', ['src/a.test.ts', 'src/other.test.ts']],
      ['packages/b', ['packages/b/src/b.test.ts']],
    ]),
    failedCasesByPackage: new Map([
      ['', 0],
      ['packages/b', 2],
    ]),
  };
}
