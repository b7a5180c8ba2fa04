/** Test helper: small, explicit RunReport values. */
import { sumPatch } from '../../../src/coverage/file-metrics.js';
import type { Counts, FileReport, Metrics, PatchMetrics, RunReport } from '../../../src/report/types.js';

export const BASE_SHA = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const HEAD_SHA = '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

export const c = (covered: number, total: number): Counts => ({ covered, total });

export function metrics(lines: Counts, statements = lines, functions = c(1, 1), branches = c(0, 0)): Metrics {
  return { lines, statements, functions, branches };
}

export function patch(covered: number, total: number, missingLines: number[] = [], partialLines: number[] = []): PatchMetrics {
  return { covered, total, partial: partialLines.length, missingLines, partialLines };
}

export function measuredFile(path: string, opts: { base: Metrics | null; head: Metrics; patch: PatchMetrics; changeKind?: FileReport['changeKind']; previousPath?: string }): FileReport {
  return {
    path,
    previousPath: opts.previousPath ?? null,
    ...(opts.changeKind ? { changeKind: opts.changeKind } : {}),
    packageDir: '',
    framework: 'vitest',
    changedLines: [...opts.patch.missingLines, ...opts.patch.partialLines].sort((a, b) => a - b),
    base: opts.base,
    head: { ...opts.head, patch: opts.patch },
    status: 'measured',
    reason: null,
    relatedTests: [],
  };
}

export function failedFile(path: string, reason: string): FileReport {
  return {
    path,
    previousPath: null,
    packageDir: '',
    framework: 'jest',
    changedLines: [1],
    base: null,
    head: null,
    status: 'failed',
    reason,
    relatedTests: [],
  };
}

export function makeReport(files: FileReport[], overrides: Partial<RunReport> = {}): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'testmaster', version: '0.1.0' },
    base: BASE_SHA,
    head: HEAD_SHA,
    baseRef: 'main',
    headRef: 'feature',
    baseSource: 'worktree',
    provider: 'none',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    durationMs: 1000,
    patch: sumPatch(files.flatMap((f) => (f.head ? [f.head.patch] : []))),
    files,
    skipped: [],
    timeline: [],
    ...overrides,
  };
}
