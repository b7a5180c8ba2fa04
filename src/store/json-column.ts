/**
 * JSON columns in and out of the store, through a zod schema both ways: a value that fails its
 * schema is never written (StoreError 'invalid-input', a caller's bug), and a stored text that is not
 * JSON or fails its schema is never returned (StoreError 'invalid-row': the file was damaged or
 * edited). Parsing is JSON.parse only: nothing read from the store is ever evaluated.
 */
import type { z } from 'zod';
import { describeIssues } from './describe-issues.js';
import { StoreError } from './store-error.js';

/** Validates `value` and returns the JSON text to store; `what` names it in the error, e.g. "state of src/a.ts". */
export function encodeJson<T>(schema: z.ZodType<T>, value: unknown, what: string): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreError('invalid-input', `refused to store the ${what}: ${describeIssues(parsed.error)}; fix the value passed to the run store`);
  return JSON.stringify(parsed.data);
}

/** Parses stored JSON text and validates it; `where` names the row, e.g. "module_progress row src/a.ts #3". */
export function decodeJson<T>(schema: z.ZodType<T>, text: unknown, where: string): T {
  let value: unknown;
  try {
    if (typeof text !== 'string') throw new Error(`expected text, got ${typeof text}`);
    value = JSON.parse(text);
  } catch (error) {
    throw new StoreError('invalid-row', `the run store's ${where} is not valid JSON (${error instanceof Error ? error.message : String(error)}); ${ROW_FIX}`, { cause: error });
  }
  return checkRow(schema, value, where);
}

/** Validates a row already read (columns, or parsed JSON). */
export function checkRow<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreError('invalid-row', `the run store's ${where} fails validation (${describeIssues(parsed.error)}); ${ROW_FIX}`);
  return parsed.data;
}

export const ROW_FIX = 'the store was damaged or edited: delete or move it to start fresh';
