/**
 * moduleOutcome and mergeGenerations (pure): a module nothing was generated for, one zero-token
 * result, hybrid zero-token then model (each generator credited with the changed lines it newly
 * covered, files in order), and the merged record summing what reuse saved.
 */
import { createHash } from 'node:crypto';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { describe, expect, it } from 'vitest';
import type { ModuleGenerationResult } from '../../../src/generation/module/generate-for-module.js';
import { mergeGenerations, moduleOutcome } from '../../../src/pipeline/module-outcome.js';
import type { FileReport, HeadMetrics, ModuleGeneration } from '../../../src/report/types.js';

const MODULE = 'src/calc.ts';

/** Istanbul coverage of MODULE with one statement per line 1..6, hit when the line is in `hit`. */
function coverage(hit: readonly number[]): FileCoverageData {
  const lines = [1, 2, 3, 4, 5, 6];
  const range = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 10 } });
  return {
    path: MODULE,
    statementMap: Object.fromEntries(lines.map((line, index) => [String(index), range(line)])),
    fnMap: {},
    branchMap: {},
    s: Object.fromEntries(lines.map((line, index) => [String(index), hit.includes(line) ? 1 : 0])),
    f: {},
    b: {},
  } as unknown as FileCoverageData;
}

/** Head figures with the changed lines 2..5, of which `missing` are uncovered. */
function head(missing: readonly number[]): HeadMetrics {
  const covered = 6 - missing.length;
  return {
    lines: { covered, total: 6 },
    statements: { covered, total: 6 },
    functions: { covered: 0, total: 0 },
    branches: { covered: 0, total: 0 },
    patch: { covered: 4 - missing.length, total: 4, partial: 0, missingLines: [...missing], partialLines: [] },
  };
}

function fileReport(overrides: Partial<FileReport> = {}): FileReport {
  return {
    path: MODULE,
    previousPath: null,
    packageDir: '',
    framework: 'vitest',
    changedLines: [2, 3, 4, 5],
    base: null,
    head: head([3, 4, 5]),
    status: 'measured',
    reason: null,
    relatedTests: [],
    ...overrides,
  };
}

function generation(overrides: Partial<ModuleGeneration> = {}): ModuleGeneration {
  return { outcome: 'kept', reason: null, turns: 1, llmCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, promptTokens: null, provider: 'offline', ...overrides };
}

function keptResult(provider: 'offline' | 'model', hit: readonly number[], testPath: string, overrides: Partial<ModuleGeneration> = {}): ModuleGenerationResult {
  const content = `// ${provider} tests for ${MODULE}\n`;
  return {
    module: MODULE,
    generation: generation({ provider, ...overrides }),
    kept: { testPath, content, cases: [{ name: `${provider} case`, newLines: [3], newBranchOutcomes: 0 }], dropped: [{ name: 'flaky', reason: 'flaky: passed 2 of 3' }], combined: coverage(hit) },
    possibleBugs: provider === 'model' ? [{ file: MODULE, testName: 'divides by zero', failure: 'expected Infinity to throw', evidence: 'the doc says it throws' }] : [],
    notes: [],
  };
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('moduleOutcome with no results', () => {
  it('is skipped-covered when every changed line was already covered', () => {
    const outcome = moduleOutcome(fileReport({ head: head([]) }), []);
    expect(outcome.generation).toMatchObject({ outcome: 'skipped-covered', reason: 'every changed line is already covered', turns: 0, llmCalls: 0, costUsd: 0 });
    expect(outcome.files).toEqual([]);
    expect(outcome.coveredBy).toEqual({ offline: 0, model: 0 });
    expect(outcome.proposed).toEqual(head([]));
  });

  it('is skipped when changed lines are uncovered', () => {
    const outcome = moduleOutcome(fileReport(), []);
    expect(outcome.generation.outcome).toBe('skipped');
    expect(outcome.generation.reason).toBe('no test framework for this package');
    expect(outcome.proposed).toEqual(head([3, 4, 5]));
  });

  it('is skipped with the file\'s reason when its head was not measured', () => {
    const outcome = moduleOutcome(fileReport({ head: null, status: 'failed', reason: 'vitest exited with code 1' }), []);
    expect(outcome.generation).toMatchObject({ outcome: 'skipped', reason: 'vitest exited with code 1' });
    expect(outcome.proposed).toBeNull();
  });
});

describe('moduleOutcome with kept results', () => {
  it('credits one zero-token result with the changed lines it newly covered', () => {
    const result = keptResult('offline', [1, 2, 3, 6], 'src/calc.testmaster.test.ts');
    const outcome = moduleOutcome(fileReport(), [result]);
    expect(outcome.coveredBy).toEqual({ offline: 1, model: 0 });
    expect(outcome.generation).toEqual(result.generation);
    expect(outcome.files).toHaveLength(1);
    const [file] = outcome.files;
    expect(file).toEqual({
      path: 'src/calc.testmaster.test.ts',
      forFile: MODULE,
      framework: 'vitest',
      content: result.kept!.content,
      sha256: sha(result.kept!.content),
      kept: result.kept!.cases,
      dropped: result.kept!.dropped,
      provider: 'offline',
    });
    expect(outcome.proposed?.patch).toEqual({ covered: 2, total: 4, partial: 0, missingLines: [4, 5], partialLines: [] });
    expect(outcome.proposed?.lines).toEqual({ covered: 4, total: 6 });
  });

  it('credits hybrid zero-token and model results each with their own lines, files in order', () => {
    const offline = keptResult('offline', [1, 2, 3, 6], 'src/calc.testmaster.test.ts');
    const model = keptResult('model', [1, 2, 3, 4, 5, 6], 'src/calc.testmaster-2.test.ts', { llmCalls: 2, inputTokens: 1000, outputTokens: 300, costUsd: 0.01, turns: 2, promptTokens: 900 });
    const outcome = moduleOutcome(fileReport(), [offline, model]);
    expect(outcome.coveredBy).toEqual({ offline: 1, model: 2 });
    expect(outcome.files.map((file) => [file.path, file.provider])).toEqual([
      ['src/calc.testmaster.test.ts', 'offline'],
      ['src/calc.testmaster-2.test.ts', 'model'],
    ]);
    expect(outcome.proposed?.patch).toMatchObject({ covered: 4, missingLines: [] });
    expect(outcome.generation).toMatchObject({ outcome: 'kept', reason: null, provider: 'model', turns: 3, llmCalls: 2, inputTokens: 1000, costUsd: 0.01, promptTokens: 900 });
    expect(outcome.possibleBugs).toEqual(model.possibleBugs);
  });

  it('keeps the zero-token file when the model kept nothing after it, with the model\'s reason', () => {
    const offline = keptResult('offline', [1, 2, 3, 6], 'src/calc.testmaster.test.ts');
    const model: ModuleGenerationResult = { module: MODULE, generation: generation({ provider: 'model', outcome: 'skipped-budget', reason: 'stopped by budget', turns: 0 }), kept: null, possibleBugs: [], notes: [] };
    const outcome = moduleOutcome(fileReport(), [offline, model]);
    expect(outcome.files.map((file) => file.provider)).toEqual(['offline']);
    expect(outcome.coveredBy).toEqual({ offline: 1, model: 0 });
    expect(outcome.generation).toMatchObject({ outcome: 'kept', reason: 'model: stopped by budget', provider: 'offline' });
  });

  it('proposes no file and credits nobody when the head was not measured', () => {
    const outcome = moduleOutcome(fileReport({ head: null, status: 'failed', reason: 'no coverage' }), [keptResult('model', [1, 2, 3, 4, 5, 6], 'src/calc.testmaster.test.ts')]);
    expect(outcome.files).toEqual([]);
    expect(outcome.proposed).toBeNull();
    expect(outcome.coveredBy).toEqual({ offline: 0, model: 0 });
    expect(outcome.possibleBugs).toHaveLength(1);
  });
});

describe('mergeGenerations', () => {
  it('gives a single part back as it is', () => {
    const part = generation({ reason: 'x' });
    expect(mergeGenerations([part])).toBe(part);
  });

  it('sums what reuse saved and keeps where the first reuse came from', () => {
    const merged = mergeGenerations([
      generation({ provider: 'offline', reused: { source: 'cache', fromRunId: 'run-1', savedInputTokens: 0, savedOutputTokens: 0, savedCostUsd: 0 } }),
      generation({ provider: 'model', llmCalls: 1, reused: { source: 'resume', fromRunId: 'run-2', savedInputTokens: 1200, savedOutputTokens: 300, savedCostUsd: 0.004 } }),
      generation({ provider: 'model', reused: { source: 'cache', fromRunId: 'run-3', savedInputTokens: 800, savedOutputTokens: 100, savedCostUsd: 0.002 } }),
    ]);
    expect(merged.reused?.source).toBe('cache');
    expect(merged.reused?.fromRunId).toBe('run-1');
    expect(merged.reused?.savedInputTokens).toBe(2000);
    expect(merged.reused?.savedOutputTokens).toBe(400);
    expect(merged.reused?.savedCostUsd).toBeCloseTo(0.006, 12);
    expect(merged.llmCalls).toBe(1);
  });

  it('has no reused entry when no part was reused', () => {
    const merged = mergeGenerations([generation({ provider: 'offline' }), generation({ provider: 'model' })]);
    expect('reused' in merged).toBe(false);
  });

  it('is the last part\'s outcome with both reasons when nothing was kept', () => {
    const merged = mergeGenerations([
      generation({ provider: 'offline', outcome: 'nothing-kept', reason: 'no call gave a result worth a test' }),
      generation({ provider: 'model', outcome: 'failed', reason: 'the model call failed' }),
    ]);
    expect(merged).toMatchObject({ outcome: 'failed', reason: 'zero-token: no call gave a result worth a test; model: the model call failed', provider: 'model' });
  });
});
