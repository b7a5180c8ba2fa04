/**
 * Values for primitive and untyped positions, led by the function's constants for the slot: numbers
 * (base 1, then compared values and their neighbours, then boundaries), strings (the compared strings,
 * lengths the code checks, then a few generic ones), bigints, strings fitting a template literal type,
 * and for untyped (any/unknown) positions the constants, hints from how the code uses the value, and a
 * small generic set; fixed Map, Set, Date and null-prototype values where the code tests for them.
 */
import ts from 'typescript';
import { type BuiltinHint, type SlotPath } from './slot-constants.js';
import { numberText, objectText, quote } from './source-text.js';
import { fail, MAX_DEPTH, ok, plain, special, typeText, unique, type Built, type Value, type ValueContext, type Walk } from './value-model.js';
import { takeTurns } from './combine-arguments.js';

const MAX_LENGTH_FROM_CONSTANTS = 40;
const GENERIC_NUMBERS = ['0', '-1', '2.5', '1000000', 'Number.NaN'];
const GENERIC_STRINGS = ["''", "'a'", "'hello world'"];
const UNTYPED_GENERIC = ['0', '-1', "''", "'a'", 'true', 'false', 'null', 'undefined', '[]', '{}', '[1, 2]'];

export function numberValues(path: SlotPath, ctx: ValueContext): Value[] {
  const slot = ctx.constants.slot(path);
  return unique([
    plain('1'),
    ...(slot?.numbers ?? []).map((n) => special(numberText(n))),
    ...ctx.constants.general.numbers.map((n) => plain(numberText(n))),
    ...ctx.constants.module.numbers.map((n) => plain(numberText(n))),
    ...GENERIC_NUMBERS.map(plain),
  ]);
}

export function stringValues(path: SlotPath, ctx: ValueContext): Value[] {
  const slot = ctx.constants.slot(path);
  const own = (slot?.strings ?? []).map((text) => special(quote(text)));
  const lengths = lengthsOf(path, ctx, MAX_LENGTH_FROM_CONSTANTS).map((n) => special(quote('a'.repeat(n))));
  return unique([
    own[0] ? plain(own[0].text) : plain("'a'"),
    ...own,
    ...lengths,
    ...ctx.constants.general.strings.map((text) => plain(quote(text))),
    ...ctx.constants.module.strings.map((text) => plain(quote(text))),
    ...GENERIC_STRINGS.map(plain),
  ]);
}

export function bigintValues(path: SlotPath, ctx: ValueContext): Value[] {
  const slot = ctx.constants.slot(path);
  return unique([plain('1n'), ...(slot?.bigints ?? []).map((text) => special(`${text}n`)), ...ctx.constants.general.bigints.map((text) => plain(`${text}n`)), plain('0n'), plain('-1n')]);
}

/** Strings for a template literal or `Uppercase<string>` type: the known strings that fit it. */
export function patternStringValues(type: ts.Type, path: SlotPath, ctx: ValueContext): Built {
  const { checker } = ctx;
  const slot = ctx.constants.slot(path);
  const pool = [...(slot?.strings ?? []), ...ctx.constants.general.strings, ...ctx.constants.module.strings, '', 'a', 'A', '0', '1px'];
  const fitting = [...new Set(pool)].filter((text) => checker.isTypeAssignableTo(checker.getStringLiteralType(text), type));
  if (fitting.length === 0) return fail(`no known string fits ${typeText(checker, type)}`);
  return ok(fitting.map((text, index) => (index === 0 ? plain(quote(text)) : special(quote(text)))));
}

/** A callback that throws, for code that calls it inside `try`. */
export const THROWING_CALLBACK = "() => { throw new Error('a'); }";
export const THROWING_ASYNC_CALLBACK = "async () => { throw new Error('a'); }";

/** Fixed, deterministic values of the built-ins the code tests a slot for (never the current time). */
const HINT_VALUES: Readonly<Record<BuiltinHint, readonly string[]>> = {
  Map: ["new Map([['a', 1]])", 'new Map()'],
  Set: ["new Set(['a'])", 'new Set()'],
  Date: ["new Date('2024-02-29T12:00:00.000Z')", 'new Date(0)'],
  'null-prototype': ["Object.assign(Object.create(null), { a: 1 })", 'Object.create(null)'],
  throwing: [THROWING_CALLBACK],
};

/** Values for the built-ins the code tests this slot for (`x instanceof Map`, `x.getTime()`, `Object.getPrototypeOf(x)`). */
export function builtinHintValues(path: SlotPath, ctx: ValueContext, only?: readonly BuiltinHint[]): Value[] {
  const hints = (ctx.constants.slot(path)?.builtins ?? []).filter((hint) => only === undefined || only.includes(hint));
  return hints.flatMap((hint) => HINT_VALUES[hint].map(special));
}

/** Values for an untyped (any/unknown) position: its constants, a hint from how it is used, then a small generic set. */
export function untypedValues(path: SlotPath, ctx: ValueContext, walk: Walk): Value[] {
  const slot = ctx.constants.slot(path);
  const strings = (slot?.strings ?? []).map((text) => special(quote(text)));
  const numbers = (slot?.numbers ?? []).map((n) => special(numberText(n)));
  const base = strings[0]?.text ?? (slot?.shape === 'array' ? '[1, 2]' : slot?.shape === 'string' ? "'a'" : '1');
  const typeofs = (slot?.typeofs ?? []).map((name) => special(TYPEOF_SAMPLES[name] ?? 'undefined'));
  const shaped = slot?.shape === 'array' ? [special('[]'), special('[1, 2]')] : slot?.shape === 'string' ? [special("''"), special("'a'")] : [];
  const objects = slot && slot.properties.length > 0 && walk.depth < MAX_DEPTH ? untypedObjects(path, slot.properties, ctx, walk) : [];
  return unique([
    plain(base),
    ...objects,
    ...builtinHintValues(path, ctx),
    ...numbers,
    ...strings,
    ...typeofs,
    ...shaped,
    ...ctx.constants.general.numbers.map((n) => plain(numberText(n))),
    ...ctx.constants.general.strings.map((text) => plain(quote(text))),
    ...UNTYPED_GENERIC.map(plain),
  ]);
}

const TYPEOF_SAMPLES: Readonly<Record<string, string>> = {
  string: "'a'",
  number: '1',
  boolean: 'true',
  bigint: '1n',
  object: '{}',
  function: '() => undefined',
  undefined: 'undefined',
  symbol: "Symbol('a')",
};

/** Objects carrying the properties the code reads from an untyped parameter, then one property varied at a time. */
function untypedObjects(path: SlotPath, properties: readonly string[], ctx: ValueContext, walk: Walk): Value[] {
  const inner = properties.map((name) => [name, untypedValues([...path, name], ctx, { ...walk, depth: walk.depth + 1 })] as const);
  const base = inner.map(([name, values]) => [name, values[0]?.text ?? '1'] as const);
  const variations = takeTurns(
    inner.map(([name, values], index) =>
      values
        .slice(1)
        .filter((value) => value.special)
        .slice(0, 3)
        .map((value) => base.map((entry, at) => (at === index ? ([name, value.text] as const) : entry))),
    ),
  );
  return [special(objectText(base)), ...variations.map((entries) => special(objectText(entries)))];
}

/** Lengths the code compares `.length` of this slot with (`name.length > 10` -> 9, 10, 11). */
export function lengthsOf(path: SlotPath, ctx: ValueContext, max: number): number[] {
  const slot = ctx.constants.slot([...path, 'length']);
  return (slot?.numbers ?? []).filter((n) => Number.isInteger(n) && n >= 0 && n <= max);
}
