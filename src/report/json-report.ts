/**
 * Pure: the run report as JSON text (2-space indent, trailing newline, keys in a fixed order whatever
 * order the objects were built in) and back, validated.
 */
import { ConfigurationError } from '../errors/errors.js';
import { runReportSchema } from './report-schema.js';
import type { RunReport } from './types.js';

/** Known keys, in the order they are written; other keys follow, alphabetically. */
const KEY_ORDER: readonly string[] = [
  'schemaVersion', 'tool', 'name', 'version',
  'type', 'atMs',
  'path', 'previousPath', 'changeKind', 'packageDir', 'framework', 'status', 'reason',
  'base', 'head', 'baseRef', 'headRef', 'baseSource', 'provider', 'startedAt', 'finishedAt', 'durationMs',
  'covered', 'total', 'partial', 'missingLines', 'partialLines',
  'lines', 'statements', 'functions', 'branches',
  'patch', 'changedLines', 'relatedTests', 'files', 'skipped', 'timeline',
  // Generation (absent from older reports, so adding them here did not reorder those).
  'forFile', 'outcome', 'model', 'llmCalls', 'inputTokens', 'outputTokens', 'costUsd',
  'proposed', 'generation', 'proposedPatch', 'proposedFiles', 'possibleBugs', 'budget', 'estimate',
  'sha256', 'kept', 'dropped', 'content',
];
const RANK = new Map(KEY_ORDER.map((key, index) => [key, index]));

export function toJsonReport(report: RunReport): string {
  return `${JSON.stringify(ordered(report), null, 2)}\n`;
}

/** Parses and validates a JSON report; a ConfigurationError says where it does not match. */
export function parseJsonReport(text: string): RunReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`the report is not valid JSON (${(error as Error).message}); pass the file written by testmaster's report-json`);
  }
  const result = runReportSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length === 0 ? 'the top level' : issue.path.map(String).join('.');
    throw new ConfigurationError(
      `the report is not a testmaster schemaVersion 1 report: at ${where}, ${issue.message}; regenerate it with this version of testmaster`,
    );
  }
  return result.data as unknown as RunReport;
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value).sort(compareKeys);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    Object.defineProperty(out, key, { value: ordered((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
  const rb = RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}
