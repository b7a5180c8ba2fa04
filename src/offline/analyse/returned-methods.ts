/**
 * The methods of the object an exported function returns (factories, stores, closures over state,
 * disposable handles): each becomes a target called on a fresh object from the factory's first
 * candidate argument list, `createStore('a').get('a')`, `openHandle()[Symbol.dispose]()`. Only
 * synchronous factories whose declared or inferred return type is one object type (not a built-in,
 * an array or a function); at most MAX_RETURNED_METHODS methods per factory, in declaration order.
 */
import ts from 'typescript';
import { isFromLib } from './builtin-values.js';
import { lineRange, type CreatedClass } from './list-targets.js';
import { describeParameters, isAsyncCallable, type Candidates } from './signature-candidates.js';
import type { OfflineTarget } from './types.js';

export const MAX_RETURNED_METHODS = 6;
/** Factory argument lists whose returned function is called; candidate lists per call. */
export const MAX_RETURNED_CALLS = 4;
const MAX_CANDIDATES_PER_RETURNED_CALL = 4;
/** Longest factory arguments shown in a returned call's name. */
const MAX_SHOWN_ARGS = 60;

/** Well-known symbols a returned object's method may be keyed by, as the checker names them. */
const SYMBOL_MEMBERS: Readonly<Record<string, string>> = { dispose: '[Symbol.dispose]', asyncDispose: '[Symbol.asyncDispose]' };

export interface ReturnedMethodSettings {
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
  /** Candidate argument lists for a method's signatures (its implementation, when known, lends its constants). */
  readonly candidates: (signatures: readonly ts.Signature[], implementation: ts.SignatureDeclaration | null) => Candidates;
}

/**
 * `created`: changed classes the module does not export that the factory creates; their changed
 * methods are called first, and when the factory's declared return type is no object (`as any`),
 * the methods of the class's instances are used.
 */
export function returnedMethodTargets(
  factory: OfflineTarget,
  signatures: readonly ts.Signature[],
  sourceFile: ts.SourceFile,
  settings: ReturnedMethodSettings,
  created: readonly CreatedClass[] = [],
): OfflineTarget[] {
  const factoryArgs = factory.candidates[0];
  if (factory.kind !== 'function' || factory.isAsync || factoryArgs === undefined || signatures.length === 0) return [];
  const { checker } = settings;
  const returnType = checker.getReturnTypeOfSignature(signatures[0]!);
  const returnedFunction = functionTypeOf(checker, returnType);
  if (returnedFunction !== null) return returnedCallTargets(factory, returnedFunction, settings);
  const returned = objectTypeOf(checker, settings.program, returnType) ?? instanceTypeOf(checker, created[0]?.node);
  if (returned === null) return [];
  const preferred = created.flatMap((entry) => entry.members);
  const rank = (property: ts.Symbol): number => {
    const index = preferred.indexOf(property.getName());
    return index < 0 ? preferred.length : index;
  };
  // Stable: the changed methods of a created class first, then the rest in declaration order.
  const properties = checker
    .getPropertiesOfType(returned)
    .map((property, index) => ({ property, index }))
    .sort((a, b) => rank(a.property) - rank(b.property) || a.index - b.index)
    .map((entry) => entry.property);
  const targets: OfflineTarget[] = [];
  for (const property of properties) {
    if (targets.length >= MAX_RETURNED_METHODS) break;
    const member = memberAccess(property.getName());
    if (member === null || (property.declarations ?? []).some(isNonPublic)) continue;
    const methodSignatures = checker.getSignaturesOfType(checker.getTypeOfSymbol(property), ts.SignatureKind.Call);
    if (methodSignatures.length === 0) continue;
    // A created class's own method lends its constants and lines (the declared type may be an interface).
    const implementation = implementationOf(property) ?? classMethodOf(created, property.getName());
    if (implementation !== null && isGenerator(implementation)) continue;
    const candidates = settings.candidates(methodSignatures, implementation);
    if (!candidates.ok) continue;
    const lines = implementation !== null && implementation.getSourceFile() === sourceFile ? lineRange(sourceFile, [implementation]) : { startLine: factory.startLine, endLine: factory.endLine };
    targets.push({
      id: `${factory.id}()${member}`,
      exportName: factory.exportName,
      kind: 'returned-method',
      className: null,
      displayName: `${factory.displayName}()${member}`,
      isAsync: isAsyncCallable(checker, implementation, methodSignatures),
      startLine: lines.startLine,
      endLine: lines.endLine,
      params: describeParameters(checker, implementation, methodSignatures),
      constructorArgs: [factoryArgs],
      member,
      candidates: candidates.lists,
    });
  }
  return targets;
}

/** The one object type a factory returns, or null (primitives, arrays, functions, built-ins, promises, unions of several objects). */
function objectTypeOf(checker: ts.TypeChecker, program: ts.Program, type: ts.Type): ts.Type | null {
  const members = type.isUnion() ? type.types.filter((member) => !(member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void))) : [type];
  if (members.length !== 1) return null;
  const only = members[0]!;
  if (!(only.flags & ts.TypeFlags.Object) || checker.isArrayType(only) || checker.isTupleType(only)) return null;
  if (checker.getSignaturesOfType(only, ts.SignatureKind.Call).length > 0) return null;
  const symbol = only.getSymbol();
  if (symbol && isFromLib(program, symbol)) return null;
  return only;
}

/**
 * A factory that returns a function (`fromThrowable(fn)` -> `(...args) => ResultAsync`): its body runs
 * only when that function is called, so the function is called, once per factory argument list (the
 * first MAX_RETURNED_CALLS: a callback that returns and one that throws are both tried).
 */
function returnedCallTargets(factory: OfflineTarget, returned: ts.Type, settings: ReturnedMethodSettings): OfflineTarget[] {
  const { checker } = settings;
  const callSignatures = checker.getSignaturesOfType(returned, ts.SignatureKind.Call);
  const candidates = settings.candidates(callSignatures, null);
  if (!candidates.ok) return [];
  const isAsync = isAsyncCallable(checker, null, callSignatures);
  return factory.candidates.slice(0, MAX_RETURNED_CALLS).map((factoryArgs, index) => {
    const shown = factoryArgs.join(', ');
    return {
      id: `${factory.id}(#${index + 1})()`,
      exportName: factory.exportName,
      kind: 'returned-method',
      className: null,
      displayName: `${factory.displayName}(${shown.length > MAX_SHOWN_ARGS ? `${shown.slice(0, MAX_SHOWN_ARGS - 1)}…` : shown})`,
      isAsync,
      startLine: factory.startLine,
      endLine: factory.endLine,
      params: describeParameters(checker, null, callSignatures),
      constructorArgs: [factoryArgs],
      member: '',
      candidates: candidates.lists.slice(0, MAX_CANDIDATES_PER_RETURNED_CALL),
    };
  });
}

/** The one function type a factory returns (no object with methods besides), or null. */
function functionTypeOf(checker: ts.TypeChecker, type: ts.Type): ts.Type | null {
  const members = type.isUnion() ? type.types.filter((member) => !(member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void))) : [type];
  if (members.length !== 1) return null;
  const only = members[0]!;
  if (!(only.flags & ts.TypeFlags.Object) || checker.getSignaturesOfType(only, ts.SignatureKind.Call).length === 0) return null;
  const methods = checker.getPropertiesOfType(only).filter((property) => checker.getSignaturesOfType(checker.getTypeOfSymbol(property), ts.SignatureKind.Call).length > 0);
  return methods.length === 0 ? only : null;
}

/** The implementation of a public method of one of the created classes, or null. */
function classMethodOf(created: readonly CreatedClass[], name: string): ts.MethodDeclaration | null {
  for (const { node } of created) {
    const method = node.members.find((member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && member.body !== undefined && ts.isIdentifier(member.name) && member.name.text === name);
    if (method) return method;
  }
  return null;
}

/** The type of an instance of a class declared in the module, or null. */
function instanceTypeOf(checker: ts.TypeChecker, node: ts.ClassLikeDeclaration | undefined): ts.Type | null {
  if (node === undefined) return null;
  const symbol = node.name ? checker.getSymbolAtLocation(node.name) : undefined;
  return symbol ? checker.getDeclaredTypeOfSymbol(symbol) : null;
}

/** `.get`, `['content-type']`, `[Symbol.dispose]`; null for other symbol keys and private names. */
function memberAccess(name: string): string | null {
  if (name.startsWith('__@')) {
    const symbolName = /^__@([A-Za-z]+)@/.exec(name)?.[1];
    return symbolName === undefined ? null : (SYMBOL_MEMBERS[symbolName] ?? null);
  }
  if (name.startsWith('#')) return null;
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** The function written for a property: a method, or a property holding a function expression. */
function implementationOf(property: ts.Symbol): ts.SignatureDeclaration | null {
  const declaration = property.valueDeclaration ?? property.declarations?.[0];
  if (declaration === undefined) return null;
  if (ts.isMethodDeclaration(declaration) && declaration.body) return declaration;
  if ((ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer) {
    let value: ts.Expression = declaration.initializer;
    while (ts.isParenthesizedExpression(value) || ts.isAsExpression(value) || ts.isSatisfiesExpression(value)) value = value.expression;
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
  }
  return null;
}

function isGenerator(node: ts.SignatureDeclaration): boolean {
  return (ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.asteriskToken !== undefined;
}

function isNonPublic(declaration: ts.Declaration): boolean {
  const modifiers = ts.canHaveModifiers(declaration) ? (ts.getModifiers(declaration) ?? []) : [];
  return modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.ProtectedKeyword);
}
