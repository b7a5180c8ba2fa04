/**
 * Where a constant goes in the arguments (a slot: a parameter, then property names or array
 * elements) and the constants gathered for each slot, in priority order (pure data and the small
 * accumulator that orders them: comparisons before arithmetic, neighbours of compared numbers).
 */
import type { Literal } from './literal-values.js';

/** A place in the arguments: the parameter's index, then property names, '[]' for an array element. */
export type SlotPath = readonly string[];

export const ELEMENT = '[]';

export interface SlotConstants {
  /** In priority order (comparisons before arithmetic), neighbours included, no duplicates. */
  readonly numbers: readonly number[];
  readonly strings: readonly string[];
  readonly bigints: readonly string[];
  /** `typeof x === '...'` tests on this slot ('string', 'number', ...). */
  readonly typeofs: readonly string[];
  /** Property names read from this slot (for untyped parameters). */
  readonly properties: readonly string[];
  /** 'array' or 'string' when array or string methods are called on this slot. */
  readonly shape: 'array' | 'string' | null;
  /** Built-in kinds the code tests this slot for: `x instanceof Map`, Date methods, `Object.getPrototypeOf(x)`; a callback it calls inside `try`. */
  readonly builtins: readonly BuiltinHint[];
}

/** 'throwing': the code calls this slot inside a `try` block, so a function that throws reaches the `catch`. */
export type BuiltinHint = 'Map' | 'Set' | 'Date' | 'null-prototype' | 'throwing';

export interface FunctionConstants {
  /** Constants tied to one slot; undefined when none. */
  slot(path: SlotPath): SlotConstants | undefined;
  /** Every slot with constants, in the order they were first seen. */
  slots(): readonly (readonly [SlotPath, SlotConstants])[];
  /** Constants in the function not tied to a parameter. */
  readonly general: SlotConstants;
  /** The module's top-level constants (`const LIMIT = 10`). */
  readonly module: SlotConstants;
}

const MAX_NUMBER_FOR_NEIGHBOURS = 2 ** 52;

export class Bucket {
  private readonly strong: number[] = [];
  private readonly weak: number[] = [];
  readonly strings: string[] = [];
  readonly bigints: string[] = [];
  readonly typeofs: string[] = [];
  readonly properties: string[] = [];
  readonly builtins: BuiltinHint[] = [];
  shape: 'array' | 'string' | null = null;

  addNumbers(values: readonly number[], weak = false): void {
    const list = weak ? this.weak : this.strong;
    for (const value of values) if (Number.isFinite(value) && !list.includes(value)) list.push(value);
  }

  addLiteral(literal: Literal, how: 'relational' | 'equality' | 'exact' | 'arithmetic'): void {
    if (literal.kind === 'string') return pushNew(this.strings, literal.value);
    if (literal.kind === 'bigint') return pushNew(this.bigints, literal.value);
    const n = literal.value;
    if (how === 'arithmetic') {
      if (Math.abs(n) >= 2) this.addNumbers(neighbours(n), true);
    } else if (how === 'exact') {
      this.addNumbers([n]);
    } else if (how === 'equality') {
      this.addNumbers(Math.abs(n) < MAX_NUMBER_FOR_NEIGHBOURS ? [n, tidy(n + 1)] : [n]);
    } else {
      this.addNumbers(neighbours(n));
    }
  }

  /** Constants found for the same slot in a function this one passes it to: after this function's own. */
  merge(constants: SlotConstants): void {
    this.addNumbers(constants.numbers, true);
    for (const text of constants.strings) pushNew(this.strings, text);
    for (const text of constants.bigints) pushNew(this.bigints, text);
    for (const name of constants.typeofs) pushNew(this.typeofs, name);
    for (const name of constants.properties) pushNew(this.properties, name);
    for (const hint of constants.builtins) pushNew(this.builtins, hint);
    this.shape ??= constants.shape;
  }

  freeze(): SlotConstants {
    const numbers = [...this.strong];
    for (const value of this.weak) if (!numbers.includes(value)) numbers.push(value);
    return { numbers, strings: [...this.strings], bigints: [...this.bigints], typeofs: [...this.typeofs], properties: [...this.properties], builtins: [...this.builtins], shape: this.shape };
  }
}

export const NO_CONSTANTS: SlotConstants = { numbers: [], strings: [], bigints: [], typeofs: [], properties: [], builtins: [], shape: null };

export function slotKey(path: SlotPath): string {
  return path.join('\u0000');
}

function neighbours(n: number): number[] {
  if (Math.abs(n) >= MAX_NUMBER_FOR_NEIGHBOURS) return [n];
  return [tidy(n - 1), n, tidy(n + 1)];
}

function tidy(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

export function pushNew<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}
