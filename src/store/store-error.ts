/**
 * The run store's typed error: a file at the store path that is not ours (not-a-store), a store file
 * that cannot be used (not readable as SQLite, a foreign or newer
 * schema, a failed integrity check, a row that fails validation) or a step that does not fit the
 * stored state (a phase transition, a run status change). Its message is one line saying what was
 * wrong and what to do.
 */
import { TestMasterError } from '../errors/errors.js';

/** What a StoreError is about: the file as a whole, or one step refused against the stored state. */
export type StoreProblem = 'not-a-store' | 'corrupt' | 'foreign' | 'newer-schema' | 'invalid-row' | 'invalid-input' | 'transition' | 'not-found' | 'io';

export class StoreError extends TestMasterError {
  readonly kind = 'store' as const;
  readonly problem: StoreProblem;

  constructor(problem: StoreProblem, message: string, options?: { cause?: unknown }) {
    super(message.replace(/\s*\r?\n\s*/g, ' ').trim(), options);
    this.problem = problem;
  }
}

export function isStoreError(value: unknown): value is StoreError {
  return value instanceof StoreError;
}
