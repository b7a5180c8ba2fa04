/** Test helper: the generation parts of a RunReport (proposed files, budget, estimate...), small and explicit. */
import { createHash } from 'node:crypto';
import type {
  BudgetReport,
  CostEstimate,
  FileReport,
  HeadMetrics,
  ModuleGeneration,
  PossibleBug,
  ProposedCase,
  ProposedFile,
} from '../../../src/report/types.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function generation(outcome: ModuleGeneration['outcome'], overrides: Partial<ModuleGeneration> = {}): ModuleGeneration {
  return {
    outcome,
    reason: null,
    turns: outcome === 'kept' || outcome === 'nothing-kept' ? 1 : 0,
    llmCalls: outcome === 'kept' || outcome === 'nothing-kept' || outcome === 'failed' ? 1 : 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    promptTokens: null,
    ...overrides,
  };
}

/** The file with generation results: `proposed` is its head coverage with the kept tests (the head's own figures when none were kept). */
export function withGeneration(file: FileReport, result: ModuleGeneration, proposed: HeadMetrics | null = file.head): FileReport {
  return { ...file, generation: result, proposed };
}

export function keptCase(name: string, newLines: number[], newBranchOutcomes = 0): ProposedCase {
  return { name, newLines, newBranchOutcomes };
}

export function proposedFile(
  path: string,
  forFile: string,
  content: string,
  kept: ProposedCase[],
  dropped: { name: string; reason: string }[] = [],
): ProposedFile {
  return { path, forFile, framework: 'vitest', content, sha256: sha256(content), kept, dropped };
}

export function budget(overrides: Partial<BudgetReport> = {}): BudgetReport {
  return {
    model: 'gpt-5-mini',
    inputTokens: 41_250,
    outputTokens: 8_120,
    costUsd: 0.0265,
    llmCalls: 4,
    limits: { maxCostUsd: 1, maxTokens: null, maxLlmCalls: 20, maxCostPerModuleUsd: null },
    stoppedByBudget: false,
    priceSource: 'catalogue',
    ...overrides,
  };
}

export function possibleBug(file: string, testName: string, failure: string, evidence: string): PossibleBug {
  return { file, testName, failure, evidence };
}

export function estimate(overrides: Partial<CostEstimate> = {}): CostEstimate {
  return {
    model: 'gpt-5-mini',
    modules: [
      { path: 'src/cart.ts', promptTokens: 3_200, llmCalls: 3, costUsd: 0.0216 },
      { path: 'src/price|tax.ts', promptTokens: 12_050, llmCalls: 3, costUsd: 0.0541 },
    ],
    inputTokens: 45_750,
    outputTokens: 48_000,
    llmCalls: 6,
    costUsd: 0.0757,
    exceeds: [],
    ...overrides,
  };
}
