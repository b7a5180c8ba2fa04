/**
 * The methods of the object an exported function returns (factories, stores, closures over state,
 * disposable handles): each becomes a target called on a fresh object from the factory's first
 * candidate argument list, `createStore('a').get('a')`, `openHandle()[Symbol.dispose]()`. Only
 * synchronous factories whose declared or inferred return type is one object type (not a built-in,
 * an array or a function); at most MAX_RETURNED_METHODS methods per factory, in declaration order.
 */
import ts from 'typescript';
import { isFromLib } from './builtin-values.js';
import { lineRange } from './list-targets.js';
import { describeParameters, isAsyncCallable, type Candidates } from './signature-candidates.js';
import type { OfflineTarget } from './types.js';

export const MAX_RETURNED_METHODS = 6;

/** Well-known symbols a returned object's method may be keyed by, as the checker names them. */
const SYMBOL_MEMBERS: Readonly<Record<string, string>> = { dispose: '[Symbol.dispose]', asyncDispose: '[Symbol.asyncDispose]' };

export interface ReturnedMethodSettings {
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
  /** Candidate argument lists for a method's signatures (its implementation, when known, lends its constants). */
  readonly candidates: (signatures: readonly ts.Signature[], implementation: ts.SignatureDeclaration | null) => Candidates;
}

export function returnedMethodTargets(factory: OfflineTarget, signatures: readonly ts.Signature[], sourceFile: ts.SourceFile, settings: ReturnedMethodSettings): OfflineTarget[] {
  const factoryArgs = factory.candidates[0];
  if (factory.kind !== 'function' || factory.isAsync || factoryArgs === undefined || signatures.length === 0) return [];
  const { checker } = settings;
  const returned = objectTypeOf(checker, settings.program, checker.getReturnTypeOfSignature(signatures[0]!));
  if (returned === null) return [];
  const targets: OfflineTarget[] = [];
  for (const property of checker.getPropertiesOfType(returned)) {
    if (targets.length >= MAX_RETURNED_METHODS) break;
    const member = memberAccess(property.getName());
    if (member === null || (property.declarations ?? []).some(isNonPublic)) continue;
    const methodSignatures = checker.getSignaturesOfType(checker.getTypeOfSymbol(property), ts.SignatureKind.Call);
    if (methodSignatures.length === 0) continue;
    const implementation = implementationOf(property);
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
