/**
 * Candidate values for one argument position, from its type through the checker: every member of a
 * literal union or enum, both booleans, arrays empty and small, object shapes from their properties
 * (optional ones present and absent), discriminated unions member by member, tuples, records,
 * null/undefined when allowed; primitives and untyped positions come from constant-values, built-ins
 * and callbacks from builtin-values. The first value is the base the combination starts from;
 * `special` marks values worth trying before the generic ones. What cannot be written as a literal
 * (class instances, symbols, branded types, very large objects) is reported unbuildable with the reason.
 */
import ts from 'typescript';
import { builtinValues, callbackValues, isFromLib } from './builtin-values.js';
import { takeTurns } from './combine-arguments.js';
import { bigintValues, builtinHintValues, lengthsOf, numberValues, patternStringValues, stringValues, untypedValues } from './constant-values.js';
import { ELEMENT, type SlotPath } from './slot-constants.js';
import { arrayText, numberText, objectText, quote } from './source-text.js';
import { fail, MAX_DEPTH, ok, plain, special, typeText, unique, type Built, type Value, type ValueContext, type Walk } from './value-model.js';

/** Longest source text of one value. */
const MAX_TEXT = 400;
/** Most required properties of an object built as a literal. */
const MAX_REQUIRED_PROPERTIES = 16;
const MAX_ARRAY_FROM_CONSTANTS = 5;
const PRIMITIVE = ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.BigInt | ts.TypeFlags.Boolean | ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BigIntLiteral | ts.TypeFlags.BooleanLiteral | ts.TypeFlags.ESSymbol;

/** The values for a type at a slot (a parameter, or a property/element inside one). */
export function valuesForType(type: ts.Type, path: SlotPath, ctx: ValueContext, walk: Partial<Walk> = {}): Built {
  const state: Walk = { depth: walk.depth ?? 0, stack: walk.stack ?? [], dropUndefined: walk.dropUndefined ?? false };
  if (state.depth > MAX_DEPTH) return fail('it is nested too deeply');
  const built = valuesOf(type, path, ctx, state);
  if (!built.ok) return built;
  // A value too long to read in a test title or a diff is dropped; when the base is, the position cannot be built.
  if (built.values.length > 0 && built.values[0]!.text.length > MAX_TEXT) return fail(`its values are too large to write as literals (${typeText(ctx.checker, type)})`);
  return ok(cap(built.values.filter((value) => value.text.length <= MAX_TEXT), capAt(ctx, state.depth)));
}

function valuesOf(type: ts.Type, path: SlotPath, ctx: ValueContext, walk: Walk): Built {
  const { checker } = ctx;
  const flags = type.flags;
  if (flags & ts.TypeFlags.Any) {
    if ((type as { intrinsicName?: string }).intrinsicName === 'error') return fail('its type could not be resolved');
    return ok(untypedValues(path, ctx, walk));
  }
  if (flags & ts.TypeFlags.Unknown) return ok(untypedValues(path, ctx, walk));
  if (flags & ts.TypeFlags.Never) return fail('its type is never');
  if (flags & ts.TypeFlags.TypeParameter) return typeParameterValues(type, path, ctx, walk);
  if (type.isUnion()) return unionValues(type, path, ctx, walk);
  const literal = literalText(checker, type);
  if (literal !== null) return ok([plain(literal)]);
  if (flags & ts.TypeFlags.Number) return ok(numberValues(path, ctx));
  if (flags & ts.TypeFlags.String) return ok(stringValues(path, ctx));
  if (flags & ts.TypeFlags.Boolean) return ok([plain('true'), special('false')]);
  if (flags & ts.TypeFlags.BigInt) return ok(bigintValues(path, ctx));
  if (flags & ts.TypeFlags.ESSymbol) return ok([plain("Symbol('a')")]);
  if (flags & ts.TypeFlags.UniqueESSymbol) return fail('it must be one particular symbol');
  if (flags & ts.TypeFlags.Null) return ok([plain('null')]);
  if (flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return ok([plain('undefined')]);
  if (flags & ts.TypeFlags.NonPrimitive) return ok(unique([plain('{}'), ...builtinHintValues(path, ctx), plain('[]')]));
  if (flags & (ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping)) return patternStringValues(type, path, ctx);
  if (type.isIntersection()) {
    if (type.types.some((member) => member.flags & PRIMITIVE)) return fail(`it is a branded primitive (${typeText(checker, type)})`);
    return objectValues(type, path, ctx, walk);
  }
  if (flags & ts.TypeFlags.Object) return objectValues(type, path, ctx, walk);
  const constraint = checker.getBaseConstraintOfType(type);
  if (constraint && constraint !== type && !(constraint.flags & ts.TypeFlags.Unknown)) return valuesOf(constraint, path, ctx, walk);
  return fail(`its type ${typeText(checker, type)} is too generic to build`);
}

function typeParameterValues(type: ts.Type, path: SlotPath, ctx: ValueContext, walk: Walk): Built {
  const constraint = ctx.checker.getBaseConstraintOfType(type);
  if (constraint && constraint !== type && !(constraint.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) && !isEmptyObjectType(ctx.checker, constraint)) {
    return valuesOf(constraint, path, ctx, walk);
  }
  // Used by several parameters: values of one kind, so that one type argument fits them all.
  if ((ctx.typeParameterUses.get(type) ?? 1) > 1) return ok(['1', '0', '-1', '2'].map((text, index) => (index === 0 ? plain(text) : special(text))));
  return ok(untypedValues(path, ctx, walk));
}

function unionValues(type: ts.UnionType, path: SlotPath, ctx: ValueContext, walk: Walk): Built {
  const { checker } = ctx;
  const members = type.types.filter((member) => !(walk.dropUndefined && member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
  const nullish = members.filter((member) => member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void));
  const literals = members.filter((member) => !nullish.includes(member) && literalText(checker, member) !== null);
  const others = members.filter((member) => !nullish.includes(member) && !literals.includes(member));
  if (literals.length + others.length === 0) return ok(nullish.map((member) => plain(member.flags & ts.TypeFlags.Null ? 'null' : 'undefined')));
  const alternatives: Value[][] = [];
  if (literals.length > 0) alternatives.push(sortLiterals(checker, literals).map((text, index) => (index === 0 ? plain(text) : special(text))));
  const reasons: string[] = [];
  for (const member of sortByDeclaration(others)) {
    const built = valuesOf(member, path, ctx, { ...walk, dropUndefined: false });
    if (built.ok && built.values.length > 0) alternatives.push([...built.values]);
    else if (!built.ok) reasons.push(built.reason);
  }
  if (alternatives.length === 0 && nullish.length === 0) return fail(reasons[0] ?? 'no member of its union can be built');
  const hasNull = nullish.some((member) => member.flags & ts.TypeFlags.Null);
  const hasUndefined = nullish.some((member) => !(member.flags & ts.TypeFlags.Null));
  const nullishValues = [...(hasNull ? ['null'] : []), ...(hasUndefined ? ['undefined'] : [])];
  return ok(mergeAlternatives(alternatives, nullishValues.map(special)));
}

/**
 * Several alternatives' values as one list: every alternative's base first (then null/undefined),
 * then their special values taking turns, then the rest taking turns.
 */
function mergeAlternatives(alternatives: readonly (readonly Value[])[], afterBases: readonly Value[] = []): Value[] {
  const out: Value[] = [];
  const seen = new Set<string>();
  const push = (value: Value): void => {
    if (seen.has(value.text)) return;
    seen.add(value.text);
    out.push(value);
  };
  alternatives.forEach((list, index) => {
    if (list[0]) push(index === 0 ? list[0] : { ...list[0], special: true });
  });
  afterBases.forEach(push);
  for (const value of takeTurns(alternatives.map((list) => list.slice(1).filter((entry) => entry.special)))) push(value);
  for (const value of takeTurns(alternatives.map((list) => list.slice(1).filter((entry) => !entry.special)))) push(value);
  return out;
}

function objectValues(type: ts.Type, path: SlotPath, ctx: ValueContext, walk: Walk): Built {
  const { checker } = ctx;
  if (walk.stack.includes(type)) return checker.isArrayType(type) || checker.isTupleType(type) ? ok([plain('[]')]) : fail(`its type ${typeText(checker, type)} refers to itself`);
  const inner: Walk = { depth: walk.depth + 1, stack: [...walk.stack, type], dropUndefined: false };
  if (checker.isArrayType(type)) return arrayValues(type, path, ctx, inner);
  if (checker.isTupleType(type)) return tupleValues(type as ts.TupleTypeReference, path, ctx, inner);
  // Named built-ins (Date, Map, ...); the lib's mapped types (Readonly, Record, Partial) are built by shape.
  const symbol = type.getSymbol();
  if (symbol && symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class) && isFromLib(ctx.program, symbol)) return builtinValues(type, symbol.getName(), path, ctx, inner, valuesForType);
  if (symbol && symbol.flags & ts.SymbolFlags.Class) return fail(`it needs ${/^[AEIOU]/i.test(symbol.getName()) ? 'an' : 'a'} ${symbol.getName()} instance, which cannot be written as a literal`);
  const calls = checker.getSignaturesOfType(type, ts.SignatureKind.Call);
  const properties = checker.getPropertiesOfType(type);
  if (calls.length > 0) {
    if (properties.length > 0) return fail(`it is a function with properties (${typeText(checker, type)})`);
    return callbackValues(calls[0]!, path, ctx, inner, valuesForType);
  }
  if (checker.getSignaturesOfType(type, ts.SignatureKind.Construct).length > 0) return fail('it needs a class (a constructor), which cannot be written as a literal');
  // A mapped type (Record<Zone, ...>) lists its keys in the checker's internal order: sort them so runs agree.
  const mapped = ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped) !== 0;
  return shapeValues(type, mapped ? [...properties].sort((a, b) => (a.getName() < b.getName() ? -1 : a.getName() > b.getName() ? 1 : 0)) : properties, path, ctx, inner);
}

function shapeValues(type: ts.Type, properties: readonly ts.Symbol[], path: SlotPath, ctx: ValueContext, inner: Walk): Built {
  const { checker } = ctx;
  const required = properties.filter((property) => !(property.flags & ts.SymbolFlags.Optional)).length;
  if (required > MAX_REQUIRED_PROPERTIES) return fail(`it has ${required} required properties, too many to write as a literal`);
  const entries: { name: string; optional: boolean; values: readonly Value[] }[] = [];
  for (const property of properties) {
    const name = property.getName();
    const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
    const hidden = name.startsWith('__@') || name.startsWith('#') || (property.declarations ?? []).some(isNonPublicMember);
    if (hidden) {
      if (optional) continue;
      return fail(`it has a ${name.startsWith('__@') ? 'symbol-keyed' : 'private'} property, which a literal cannot have`);
    }
    const built = valuesForType(checker.getTypeOfSymbol(property), [...path, name], ctx, { ...inner, dropUndefined: optional });
    if (!built.ok || built.values.length === 0) {
      if (optional) continue;
      return fail(`its property ${name} cannot be built: ${built.ok ? 'no value' : built.reason}`);
    }
    entries.push({ name, optional, values: built.values });
  }
  if (entries.length === 0) {
    const index = checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
    if (index) {
      const built = valuesForType(index.type, [...path, ELEMENT], ctx, inner);
      const first = built.ok ? built.values[0] : undefined;
      // A dictionary the code tells apart by its prototype (`Object.getPrototypeOf(x) === null`) also gets null-prototype ones.
      const nullPrototype = builtinHintValues(path, ctx, ['null-prototype']);
      const withKey = first ? [special(objectText([['key', first.text]])), ...(nullPrototype.length > 0 ? [special(`Object.assign(Object.create(null), ${objectText([['key', first.text]])})`)] : [])] : [];
      return ok(unique([plain('{}'), ...withKey, ...nullPrototype]));
    }
    return ok([plain('{}')]);
  }
  const baseText = new Map(entries.filter((entry) => !entry.optional).map((entry) => [entry.name, entry.values[0]!.text]));
  /** The base object with one property set (an optional one added); other optional properties stay absent. */
  const withEntry = (name: string, text: string): (readonly [string, string])[] =>
    entries.flatMap((entry) => (entry.name === name ? [[name, text] as const] : baseText.has(entry.name) ? [[entry.name, baseText.get(entry.name)!] as const] : []));
  const base = [...baseText.entries()];
  // Optional properties: first present with their base value (special: it adds a path), then varied.
  const alternatives = entries.map((entry) =>
    (entry.optional ? entry.values.map((value, index) => (index === 0 ? { ...value, special: true } : value)) : entry.values.slice(1)).map((value) => ({
      text: objectText(withEntry(entry.name, value.text)),
      special: value.special,
    })),
  );
  return ok(unique([plain(objectText(base)), ...takeTurns(alternatives.map((list) => list.filter((v) => v.special))), ...takeTurns(alternatives.map((list) => list.filter((v) => !v.special)))]));
}

function arrayValues(type: ts.Type, path: SlotPath, ctx: ValueContext, inner: Walk): Built {
  const element = ctx.checker.getTypeArguments(type as ts.TypeReference)[0];
  const built = element ? valuesForType(element, [...path, ELEMENT], ctx, inner) : fail('no element type');
  if (!built.ok || built.values.length === 0) return ok([plain('[]')]);
  const [first, second, ...rest] = built.values;
  const lengths = lengthsOf(path, ctx, MAX_ARRAY_FROM_CONSTANTS).map((n) => special(arrayText(Array.from({ length: n }, () => first!.text))));
  return ok(
    unique([
      plain(arrayText([first!.text])),
      special('[]'),
      ...(second ? [special(arrayText([first!.text, second.text])), { text: arrayText([second.text]), special: second.special }] : []),
      ...lengths,
      ...rest.map((value) => ({ text: arrayText([value.text]), special: value.special })),
    ]),
  );
}

function tupleValues(type: ts.TupleTypeReference, path: SlotPath, ctx: ValueContext, inner: Walk): Built {
  const elements = ctx.checker.getTypeArguments(type);
  const flags = type.target.elementFlags;
  const lists: Value[][] = [];
  for (const [index, element] of elements.entries()) {
    const flag = flags[index] ?? ts.ElementFlags.Required;
    if (flag & ts.ElementFlags.Variable) break;
    const built = valuesForType(element, [...path, ELEMENT], ctx, { ...inner, dropUndefined: (flag & ts.ElementFlags.Optional) !== 0 });
    if (!built.ok || built.values.length === 0) {
      if (flag & ts.ElementFlags.Optional) break;
      return fail(`its element ${index} cannot be built: ${built.ok ? 'no value' : built.reason}`);
    }
    lists.push([...built.values]);
  }
  const base = lists.map((list) => list[0]!.text);
  const variations = (keep: boolean): Value[] =>
    takeTurns(lists.map((list, index) => list.slice(1).filter((value) => value.special === keep).map((value) => ({ text: arrayText(base.map((text, at) => (at === index ? value.text : text))), special: keep }))));
  return ok(unique([plain(arrayText(base)), ...variations(true), ...variations(false)]));
}

/** The source of a literal type's single value, or null when the type is not a literal. */
function literalText(checker: ts.TypeChecker, type: ts.Type): string | null {
  if (type.isStringLiteral()) return type.flags & ts.TypeFlags.EnumLiteral ? stringEnumText(type.value) : quote(type.value);
  if (type.isNumberLiteral()) return numberText(type.value);
  if (type.flags & ts.TypeFlags.BigIntLiteral) {
    const value = (type as ts.BigIntLiteralType).value;
    return `${value.negative ? '-' : ''}${value.base10Value}n`;
  }
  if (type.flags & ts.TypeFlags.BooleanLiteral) return checker.typeToString(type) === 'true' ? 'true' : 'false';
  return null;
}

/**
 * A string enum member's value. A plain string literal is not assignable to a string enum in
 * TypeScript and the enum itself would have to be imported, so the value goes through JSON.parse
 * (typed any): valid in both languages, no import, no side effects.
 */
function stringEnumText(value: string): string {
  return `JSON.parse(${quote(JSON.stringify(value))})`;
}

/** Literal members in a stable order: enum members as declared, true before false, numbers ascending, strings alphabetically. */
function sortLiterals(checker: ts.TypeChecker, literals: readonly ts.Type[]): string[] {
  const keyed = literals.map((type) => {
    const declaration = type.flags & ts.TypeFlags.EnumLiteral ? type.getSymbol()?.valueDeclaration : undefined;
    const text = literalText(checker, type)!;
    return { text, type, order: declaration ? declaration.pos : Number.POSITIVE_INFINITY };
  });
  const rank = (entry: (typeof keyed)[number]): number => (entry.text === 'true' ? 0 : entry.text === 'false' ? 1 : 2);
  keyed.sort((a, b) => {
    if (a.order !== b.order) return a.order - b.order;
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (a.type.isNumberLiteral() && b.type.isNumberLiteral()) return a.type.value - b.type.value;
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  });
  return keyed.map((entry) => entry.text);
}

/** Union members by where they are declared (object members of a discriminated union in source order). */
function sortByDeclaration(types: readonly ts.Type[]): ts.Type[] {
  const where = (type: ts.Type): [string, number] => {
    const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
    return declaration ? [declaration.getSourceFile().fileName, declaration.pos] : ['\uffff', 0];
  };
  return types
    .map((type, index) => ({ type, index, at: where(type) }))
    .sort((a, b) => (a.at[0] !== b.at[0] ? (a.at[0] < b.at[0] ? -1 : 1) : a.at[1] !== b.at[1] ? a.at[1] - b.at[1] : a.index - b.index))
    .map((entry) => entry.type);
}

function isEmptyObjectType(checker: ts.TypeChecker, type: ts.Type): boolean {
  return type.flags & ts.TypeFlags.Object ? checker.getPropertiesOfType(type).length === 0 && checker.getSignaturesOfType(type, ts.SignatureKind.Call).length === 0 : false;
}

function isNonPublicMember(declaration: ts.Declaration): boolean {
  const modifiers = ts.canHaveModifiers(declaration) ? (ts.getModifiers(declaration) ?? []) : [];
  return modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.ProtectedKeyword);
}

function cap(values: readonly Value[], max: number): Value[] {
  return values.slice(0, Math.max(1, max));
}

function capAt(ctx: ValueContext, depth: number): number {
  return depth === 0 ? ctx.maxPerSlot : Math.max(4, Math.floor(ctx.maxPerSlot / (depth + 1)));
}
