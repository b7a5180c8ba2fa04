/**
 * The shared shapes of candidate values (pure): a value's source text and whether it is special (worth
 * trying before generic values), a build result or the reason a position cannot be built, the context
 * value building runs in, and small list helpers.
 */
import type ts from 'typescript';
import type { FunctionConstants } from './slot-constants.js';

export interface Value {
  readonly text: string;
  readonly special: boolean;
}

export type Built = { readonly ok: true; readonly values: readonly Value[] } | { readonly ok: false; readonly reason: string };

export interface ValueContext {
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
  readonly constants: FunctionConstants;
  /** How many parameters of the signature each of its type parameters appears in. */
  readonly typeParameterUses: ReadonlyMap<ts.Type, number>;
  /** Most values for one top-level position. */
  readonly maxPerSlot: number;
}

export interface Walk {
  readonly depth: number;
  readonly stack: readonly ts.Type[];
  /** The position is optional (a missing property or argument already covers `undefined`). */
  readonly dropUndefined: boolean;
}

/** Deepest nesting of objects and arrays built. */
export const MAX_DEPTH = 5;

/** Builds the values of a nested type (passed in, so that the helpers need not import the dispatcher). */
export type BuildValues = (type: ts.Type, path: readonly string[], ctx: ValueContext, walk?: Partial<Walk>) => Built;

export const ok = (values: readonly Value[]): Built => ({ ok: true, values });

export const fail = (reason: string): Built => ({ ok: false, reason });

export const plain = (text: string): Value => ({ text, special: false });

export const special = (text: string): Value => ({ text, special: true });

export function unique(values: readonly Value[]): Value[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    if (seen.has(value.text)) return false;
    seen.add(value.text);
    return true;
  });
}

export function typeText(checker: ts.TypeChecker, type: ts.Type): string {
  const text = checker.typeToString(type);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
