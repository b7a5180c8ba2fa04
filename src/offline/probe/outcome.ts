/**
 * What one probe call did, as the probe file records it (JSON lines) and as emission reads it. Values
 * are described, not kept: a description is plain JSON that emission turns back into a literal, or
 * into a type/shape assertion when the value cannot be written as one.
 */

export type ValueDescription =
  | { readonly k: 'undefined' }
  | { readonly k: 'null' }
  | { readonly k: 'boolean'; readonly v: boolean }
  /** String(v), with '-0' for negative zero; 'NaN' and '±Infinity' included. */
  | { readonly k: 'number'; readonly v: string }
  | { readonly k: 'bigint'; readonly v: string }
  | { readonly k: 'string'; readonly v: string }
  | { readonly k: 'array'; readonly items: readonly ValueDescription[] }
  | { readonly k: 'object'; readonly entries: readonly (readonly [string, ValueDescription])[] }
  /** An object of a class: its own enumerable properties (hidden state is not seen). */
  | { readonly k: 'instance'; readonly ctor: string | null; readonly entries: readonly (readonly [string, ValueDescription])[] }
  | { readonly k: 'date'; readonly iso: string }
  | { readonly k: 'map'; readonly entries: readonly (readonly [ValueDescription, ValueDescription])[] }
  | { readonly k: 'set'; readonly items: readonly ValueDescription[] }
  | { readonly k: 'regexp'; readonly source: string; readonly flags: string }
  | { readonly k: 'error'; readonly name: string; readonly message: string }
  /** Not writable as a literal: a function, a symbol, a huge or deep value, a cycle. `length` for big strings/arrays. */
  | { readonly k: 'opaque'; readonly type: 'function' | 'symbol' | 'string' | 'array' | 'object' | 'date'; readonly length?: number };

export interface ThrownDescription {
  /** The error's class name ('RangeError'), or null when a non-Error was thrown. */
  readonly name: string | null;
  readonly message: string | null;
  /** What was thrown when it was not an Error. */
  readonly value?: ValueDescription;
}

export type CallOutcome =
  | { readonly kind: 'returned'; readonly value: ValueDescription }
  | { readonly kind: 'threw'; readonly error: ThrownDescription }
  | { readonly kind: 'resolved'; readonly value: ValueDescription }
  | { readonly kind: 'rejected'; readonly error: ThrownDescription }
  /** A promise still pending after the probe's per-call wait. */
  | { readonly kind: 'pending'; readonly waitedMs: number }
  /** The call started but the probe run ended (killed at its time limit) before it returned. */
  | { readonly kind: 'never-returned' };

/** One probe call: the target's id, the candidate's index in that target's list, and its outcome. */
export interface ProbeRecord {
  readonly target: string;
  readonly index: number;
  readonly outcome: CallOutcome;
  /** Watched files (absolute) this call changed; absent when none. */
  readonly wrote?: readonly string[];
}

/** A stable key for comparing two outcomes (determinism, distinct behaviours). */
export function outcomeKey(outcome: CallOutcome): string {
  return JSON.stringify(outcome);
}
