/**
 * The JSON report's schema (schemaVersion 1) for consumers that read a report back (the comment step,
 * tests). Mirrors RunReport in types.ts. Timeline events are checked only for `type` and `atMs`, so
 * that stages can add event kinds without a schema change; unknown fields elsewhere are dropped.
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

export const fileReportSchema = z.object({
  path: z.string().min(1),
  previousPath: z.string().min(1).nullable(),
  changeKind: z.enum(['added', 'modified', 'renamed', 'copied', 'type-changed']).optional(),
  packageDir: z.string(),
  framework: z.enum(['vitest', 'jest']).nullable(),
  changedLines: z.array(lineNumber),
  base: metricsSchema.nullable(),
  head: metricsSchema.extend({ patch: patchMetricsSchema }).nullable(),
  status: z.enum(['measured', 'failed']),
  reason: z.string().nullable(),
  relatedTests: z.array(z.string()),
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
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  patch: patchMetricsSchema,
  files: z.array(fileReportSchema),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  timeline: z.array(timelineEventSchema),
});
