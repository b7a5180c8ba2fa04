/**
 * zod issues about a model's answer -> short lines a model (and a person) can act on (pure):
 * "files[0].content must be a string, got number", "files is missing (expected an array)".
 * Values are never quoted back, only their types: the answer may be large, or hostile.
 */
import type { z } from 'zod';

const DEFAULT_MAX_PROBLEMS = 8;

export function formatAnswerIssues(issues: readonly z.core.$ZodIssue[], input: unknown, maxProblems = DEFAULT_MAX_PROBLEMS): string[] {
  // zod still runs a value's checks after its type failed ("at most 3" on a string): keep the type issue only.
  const wrongType = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => pathKey(issue.path)));
  const relevant = issues.filter((issue) => issue.code === 'invalid_type' || !wrongType.has(pathKey(issue.path)));
  const lines = [...new Set(relevant.map((issue) => formatIssue(issue, input)))];
  if (lines.length <= maxProblems) return lines;
  return [...lines.slice(0, maxProblems), `... and ${lines.length - maxProblems} more`];
}

function formatIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = describePath(issue.path);
  if (issue.code === 'invalid_type') {
    const expected = withArticle(String(issue.expected));
    const value = valueAt(input, issue.path);
    return value === undefined ? `${where} is missing (expected ${expected})` : `${where} must be ${expected}, got ${typeOf(value)}`;
  }
  if (issue.code === 'custom' || issue.code === 'too_big' || issue.code === 'too_small') {
    return `${where} ${issue.message}`;
  }
  return `${where}: ${issue.message}`;
}

/** ['files', 0, 'content'] -> 'files[0].content'; [] -> 'the answer'. */
export function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the answer';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map(String));
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fractional number';
  return typeof value;
}

function withArticle(expected: string): string {
  switch (expected) {
    case 'int':
      return 'an integer';
    case 'array':
      return 'an array';
    case 'object':
      return 'a JSON object';
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}
