/**
 * Values for built-in types that have a literal or side-effect-free constructor form (Date, Map, Set,
 * RegExp, Promise, errors, typed arrays, ...) and for callbacks (`() => undefined` when nothing is
 * returned, `() => value` otherwise, both answers for a predicate).
 */
import ts from 'typescript';
import { ELEMENT, type SlotPath } from './slot-constants.js';
import { arrayText, arrowText } from './source-text.js';
import { numberValues, stringValues, THROWING_ASYNC_CALLBACK, THROWING_CALLBACK } from './constant-values.js';
import { fail, ok, plain, special, type Built, type BuildValues, type Value, type ValueContext, type Walk } from './value-model.js';

const TYPED_ARRAYS = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array']);
const ERROR_TYPES = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError']);

/**
 * `() => undefined` for a callback returning nothing or a type parameter (`async () => undefined` for
 * a promise of one, `Promise<R>` and `Awaited<R>` included), `() => value` otherwise (both booleans
 * for a predicate); one that throws as well when the code calls it inside `try`.
 */
export function callbackValues(signature: ts.Signature, path: SlotPath, ctx: ValueContext, inner: Walk, build: BuildValues): Built {
  const { checker } = ctx;
  const returns = checker.getReturnTypeOfSignature(signature);
  const nothing = (type: ts.Type): boolean => (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
  const throwing = (isAsync: boolean): Value[] => (ctx.constants.slot(path)?.builtins.includes('throwing') ? [special(isAsync ? THROWING_ASYNC_CALLBACK : THROWING_CALLBACK)] : []);
  if (nothing(returns) || returns.flags & ts.TypeFlags.TypeParameter) return ok([plain(arrowText('undefined')), ...throwing(false)]);
  const awaited = checker.getAwaitedType(returns);
  const isPromise = awaited !== undefined && awaited !== returns && isThenable(checker, returns);
  const result = isPromise ? awaited : returns;
  if (isPromise && (nothing(result) || isGeneric(result))) return ok([plain(arrowText('undefined', true)), ...throwing(true)]);
  const built = build(result, [...path, 'return'], ctx, inner);
  if (!built.ok) return fail(`the callback must return something that cannot be built: ${built.reason}`);
  return ok([...built.values.slice(0, 2).map((value, index) => ({ text: arrowText(value.text, isPromise), special: index > 0 })), ...throwing(isPromise)]);
}

/** A type parameter, or a type still waiting on one (`Awaited<R>`, `T[K]`): any value fits it. */
function isGeneric(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution | ts.TypeFlags.IndexedAccess)) !== 0;
}

export function builtinValues(type: ts.Type, name: string, path: SlotPath, ctx: ValueContext, inner: Walk, build: BuildValues): Built {
  const { checker } = ctx;
  const typeArguments = (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? checker.getTypeArguments(type as ts.TypeReference) : type.aliasTypeArguments) ?? [];
  const firstOf = (index: number, slot: SlotPath): string | null => {
    const argument = typeArguments[index];
    if (!argument) return null;
    const built = build(argument, slot, ctx, inner);
    return built.ok && built.values[0] ? built.values[0].text : null;
  };
  if (name === 'Date') return ok([plain('new Date(0)'), special("new Date('2024-02-29T12:00:00.000Z')")]);
  if (name === 'RegExp') return ok([plain('/a/')]);
  if (name === 'Map' || name === 'ReadonlyMap') {
    const key = firstOf(0, [...path, ELEMENT]);
    const value = firstOf(1, [...path, ELEMENT]);
    return ok([plain('new Map()'), ...(key && value ? [special(`new Map([[${key}, ${value}]])`)] : [])]);
  }
  if (name === 'Set' || name === 'ReadonlySet') {
    const item = firstOf(0, [...path, ELEMENT]);
    return ok([plain('new Set()'), ...(item ? [special(`new Set([${item}])`)] : [])]);
  }
  if (name === 'WeakMap' || name === 'WeakSet') return ok([plain(`new ${name}()`)]);
  if (name === 'Promise' || name === 'PromiseLike') {
    const argument = typeArguments[0];
    if (!argument || argument.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return ok([plain('Promise.resolve(undefined)')]);
    const built = build(argument, path, ctx, inner);
    if (!built.ok) return built;
    return ok(built.values.slice(0, 3).map((value, index) => ({ text: `Promise.resolve(${value.text})`, special: index > 0 })));
  }
  if (name === 'Iterable' || name === 'ArrayLike' || name === 'Array' || name === 'ReadonlyArray') {
    const item = typeArguments[0];
    if (!item) return ok([plain('[]')]);
    const built = build(item, [...path, ELEMENT], ctx, inner);
    const first = built.ok ? built.values[0] : undefined;
    return ok(first ? [plain(arrayText([first.text])), special('[]')] : [plain('[]')]);
  }
  if (ERROR_TYPES.has(name)) return ok([plain(`new ${name}('a')`)]);
  if (TYPED_ARRAYS.has(name)) return ok([plain(`new ${name}([1, 2])`), special(`new ${name}(0)`)]);
  if (name === 'ArrayBuffer') return ok([plain('new ArrayBuffer(8)'), special('new ArrayBuffer(0)')]);
  if (name === 'Function' || name === 'CallableFunction') return ok([plain(arrowText('undefined'))]);
  if (name === 'Object') return ok([plain('{}')]);
  if (name === 'String') return ok(stringValues(path, ctx));
  if (name === 'Number') return ok(numberValues(path, ctx));
  if (name === 'Boolean') return ok([plain('true'), special('false')]);
  if (name === 'Symbol') return ok([plain("Symbol('a')")]);
  return fail(`it is a built-in ${name}, which the generator does not build`);
}

export function isThenable(checker: ts.TypeChecker, type: ts.Type): boolean {
  const members = type.isUnion() ? type.types.filter((member) => !(member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void))) : [type];
  return members.length > 0 && members.every((member) => checker.getPropertyOfType(member, 'then') !== undefined);
}

export function isFromLib(program: ts.Program, symbol: ts.Symbol): boolean {
  const declarations = symbol.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}
