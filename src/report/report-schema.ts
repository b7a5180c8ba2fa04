/**
 * The JSON report's schema (schemaVersion 1) for consumers that read a report back (the comment step,
 * tests). Mirrors RunReport in types.ts. Timeline events are checked only for `type` and `atMs`, so
 * that stages can add event kinds without a schema change; unknown fields elsewhere are dropped.
 * The generation fields (proposed coverage, proposed files, possible bugs, budget, estimate) are
 * optional, so reports written before generation existed stay valid.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const lineNumber = z.number().int().positive();

export const countsSchema = z.object({ covered: count, total: count });

export const metricsSchema = z.object({
  lines: countsSchema,
  statements: countsSchema,
  functions: countsSchema,
  branches: countsSchema,
});

export const patchMetricsSchema = z.object({
  covered: count,
  total: count,
  partial: count,
  missingLines: z.array(lineNumber),
  partialLines: z.array(lineNumber),
});

export const headMetricsSchema = metricsSchema.extend({ patch: patchMetricsSchema });

const usd = z.number().nonnegative();

export const moduleGenerationSchema = z.object({
  outcome: z.enum(['kept', 'nothing-kept', 'failed', 'skipped-budget', 'skipped-covered', 'skipped']),
  reason: z.string().nullable(),
  turns: count,
  llmCalls: count,
  inputTokens: count,
  outputTokens: count,
  costUsd: usd,
  promptTokens: count.nullable(),
  provider: z.enum(['offline', 'model']).optional(),
  reused: z
    .object({
      source: z.enum(['cache', 'resume']),
      fromRunId: z.string().min(1).nullable(),
      savedInputTokens: count,
      savedOutputTokens: count,
      savedCostUsd: usd,
    })
    .optional(),
});

export const fileReportSchema = z.object({
  path: z.string().min(1),
  previousPath: z.string().min(1).nullable(),
  changeKind: z.enum(['added', 'modified', 'renamed', 'copied', 'type-changed']).optional(),
  packageDir: z.string(),
  framework: z.enum(['vitest', 'jest']).nullable(),
  changedLines: z.array(lineNumber),
  base: metricsSchema.nullable(),
  head: headMetricsSchema.nullable(),
  status: z.enum(['measured', 'failed']),
  reason: z.string().nullable(),
  relatedTests: z.array(z.string()),
  proposed: headMetricsSchema.nullable().optional(),
  generation: moduleGenerationSchema.nullable().optional(),
});

export const proposedFileSchema = z.object({
  path: z.string().min(1),
  forFile: z.string().min(1),
  framework: z.enum(['vitest', 'jest']),
  content: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the content as 64 lowercase hex digits'),
  kept: z.array(z.object({ name: z.string(), newLines: z.array(lineNumber), newBranchOutcomes: count })),
  dropped: z.array(z.object({ name: z.string(), reason: z.string() })),
  provider: z.enum(['offline', 'model']).optional(),
});

export const possibleBugSchema = z.object({
  file: z.string().min(1),
  testName: z.string(),
  failure: z.string(),
  evidence: z.string(),
});

export const budgetReportSchema = z.object({
  model: z.string(),
  inputTokens: count,
  outputTokens: count,
  costUsd: usd,
  llmCalls: count,
  limits: z.object({
    maxCostUsd: usd,
    maxTokens: count.nullable(),
    maxLlmCalls: count.nullable(),
    maxCostPerModuleUsd: usd.nullable(),
  }),
  stoppedByBudget: z.boolean(),
  priceSource: z.string(),
});

export const costEstimateSchema = z.object({
  model: z.string(),
  modules: z.array(z.object({ path: z.string().min(1), promptTokens: count, llmCalls: count, costUsd: usd })),
  inputTokens: count,
  outputTokens: count,
  llmCalls: count,
  costUsd: usd,
  exceeds: z.array(z.string()),
});

export const timelineEventSchema = z.looseObject({ type: z.string().min(1), atMs: z.number().nonnegative() });

export const runReportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('testmaster'), version: z.string() }),
  base: z.string(),
  head: z.string(),
  baseRef: z.string(),
  headRef: z.string(),
  baseSource: z.enum(['worktree', 'file', 'none']),
  provider: z.string(),
  providerNote: z.string().nullable().optional(),
  coveredBy: z.object({ offline: count, model: count }).nullable().optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  patch: patchMetricsSchema,
  files: z.array(fileReportSchema),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  timeline: z.array(timelineEventSchema),
  proposedPatch: patchMetricsSchema.nullable().optional(),
  proposedFiles: z.array(proposedFileSchema).optional(),
  possibleBugs: z.array(possibleBugSchema).optional(),
  budget: budgetReportSchema.nullable().optional(),
  estimate: costEstimateSchema.nullable().optional(),
  isolation: z
    .object({
      requested: z.enum(['auto', 'user', 'namespace', 'none']),
      level: z.enum(['user', 'namespace', 'none']),
      mechanism: z.enum(['root', 'sudo', 'user-namespace']).nullable(),
      sandboxUser: z.string().nullable(),
      network: z.enum(['none', 'loopback', 'host']),
      notes: z.array(z.string()),
    })
    .optional(),
  run: z
    .object({
      id: z.string().min(1),
      resumed: z.boolean(),
      reusedFromCache: count,
      reusedFromResume: count,
      replayedCalls: count,
      savedInputTokens: count,
      savedOutputTokens: count,
      savedCostUsd: usd,
    })
    .nullable()
    .optional(),
});
