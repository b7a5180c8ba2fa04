/**
 * Literal values the code names (reads the tree and the checker): a literal expression's value through
 * `const` names, imports, enum members and unary minus; the keys of a constant lookup table (object
 * literal, frozen or not, or `new Map([...])`) and a key it does not have; the items of a constant
 * list; a regular expression literal.
 */
import ts from 'typescript';
import { unwrap, propertyNameText } from './find-exports.js';

/** A bigint's value is its decimal digits without the `n`. */
export type Literal = { readonly kind: 'number'; readonly value: number } | { readonly kind: 'string'; readonly value: string } | { readonly kind: 'bigint'; readonly value: string };

/** A literal's value, following `const` names, enum members and unary minus; null otherwise. */
export function literalValue(checker: ts.TypeChecker, expression: ts.Expression, depth = 0): Literal | null {
  const value = unwrap(expression);
  if (ts.isNumericLiteral(value)) return { kind: 'number', value: Number(value.text) };
  if (ts.isBigIntLiteral(value)) return { kind: 'bigint', value: value.text.replace(/n$/, '') };
  if (ts.isStringLiteralLike(value)) return { kind: 'string', value: value.text };
  if (ts.isPrefixUnaryExpression(value) && value.operator === ts.SyntaxKind.MinusToken) {
    const inner = literalValue(checker, value.operand, depth);
    if (inner?.kind === 'number') return { kind: 'number', value: -inner.value };
    if (inner?.kind === 'bigint') return { kind: 'bigint', value: inner.value.startsWith('-') ? inner.value.slice(1) : `-${inner.value}` };
    return null;
  }
  if ((ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value)) && depth < 3) {
    const constant = safe(() => checker.getConstantValue(value));
    if (typeof constant === 'number') return { kind: 'number', value: constant };
    if (typeof constant === 'string') return { kind: 'string', value: constant };
    return null;
  }
  if (ts.isIdentifier(value) && depth < 3) {
    const declaration = constDeclarationOf(checker, value);
    return declaration?.initializer ? literalValue(checker, declaration.initializer, depth + 1) : null;
  }
  return null;
}

/** The `const` declaration a name refers to, following imports; null for anything else. */
function constDeclarationOf(checker: ts.TypeChecker, identifier: ts.Identifier): ts.VariableDeclaration | null {
  let symbol = checker.getSymbolAtLocation(identifier);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = safe(() => checker.getAliasedSymbol(symbol!));
  const declaration = symbol?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration)) return null;
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const ? declaration : null;
}

/** Keys of a constant lookup table: an object literal (maybe frozen) or `new Map([[k, v], ...])`; null if not one. */
export function lookupKeys(checker: ts.TypeChecker, expression: ts.Expression): Literal[] | null {
  const value = unwrap(expression);
  if (!ts.isIdentifier(value)) return null;
  const declaration = constDeclarationOf(checker, value);
  if (!declaration?.initializer) return null;
  let initializer = unwrap(declaration.initializer);
  if (ts.isCallExpression(initializer) && initializer.expression.getText() === 'Object.freeze' && initializer.arguments[0]) initializer = unwrap(initializer.arguments[0]);
  if (ts.isObjectLiteralExpression(initializer)) {
    const keys: Literal[] = [];
    for (const property of initializer.properties) {
      if (ts.isSpreadAssignment(property) || !property.name) continue;
      const name = property.name;
      if (ts.isNumericLiteral(name)) keys.push({ kind: 'number', value: Number(name.text) });
      const text = propertyNameText(name);
      if (text !== null) keys.push({ kind: 'string', value: text });
    }
    return keys;
  }
  if (ts.isNewExpression(initializer) && initializer.expression.getText() === 'Map' && initializer.arguments?.[0]) {
    const entries = unwrap(initializer.arguments[0]);
    if (!ts.isArrayLiteralExpression(entries)) return null;
    const keys: Literal[] = [];
    for (const entry of entries.elements) {
      const pair = unwrap(entry as ts.Expression);
      const key = ts.isArrayLiteralExpression(pair) && pair.elements[0] ? literalValue(checker, pair.elements[0]) : null;
      if (key) keys.push(key);
    }
    return keys;
  }
  return null;
}

/** The literal elements of an inline or constant array literal (`['a', 'b'].includes(x)`). */
export function listValues(checker: ts.TypeChecker, expression: ts.Expression): Literal[] | null {
  let value = unwrap(expression);
  if (ts.isIdentifier(value)) {
    const declaration = constDeclarationOf(checker, value);
    if (!declaration?.initializer) return null;
    value = unwrap(declaration.initializer);
  }
  if (ts.isNewExpression(value) && value.expression.getText() === 'Set' && value.arguments?.[0]) value = unwrap(value.arguments[0]);
  if (!ts.isArrayLiteralExpression(value)) return null;
  const items = value.elements.map((element) => literalValue(checker, element as ts.Expression));
  return items.filter((item): item is Literal => item !== null);
}

/** A key that is not in the table, shaped like its keys ('EUR', 'USD' -> 'XXX'). */
export function missingKey(keys: readonly string[]): string {
  const first = keys[0] ?? 'key';
  const base = /^[A-Z]+$/.test(first) ? 'X'.repeat(Math.max(1, first.length)) : /^[a-z]+$/.test(first) ? 'unknown' : 'missing';
  let candidate = base;
  for (let n = 2; keys.includes(candidate); n++) candidate = `${base}${n}`;
  return candidate;
}

export function regexOf(checker: ts.TypeChecker, expression: ts.Expression): { source: string; flags: string } | null {
  let value = unwrap(expression);
  if (ts.isIdentifier(value)) {
    const declaration = constDeclarationOf(checker, value);
    if (!declaration?.initializer) return null;
    value = unwrap(declaration.initializer);
  }
  if (value.kind !== ts.SyntaxKind.RegularExpressionLiteral) return null;
  const text = (value as ts.RegularExpressionLiteral).text;
  const end = text.lastIndexOf('/');
  return end <= 0 ? null : { source: text.slice(1, end), flags: text.slice(end + 1) };
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
