/**
 * The functions and classes a module exports, found from its syntax tree (pure): ES module forms
 * (`export function`, `export const f = () => ...`, `export default`, `export { local as name }`,
 * `export =`) and CommonJS forms (`module.exports = { f, g }`, `module.exports = function () {}`,
 * `module.exports.f = ...`, `exports.f = ...`). A CommonJS module whose `module.exports` is the
 * function or class itself gets the export name 'default'. Re-exports from other modules are not
 * this module's code and are left out.
 */
import ts from 'typescript';

/** A callable export. `implementation` is null for a value that is callable but not written as a function here (e.g. `export const f = memoize(g)`). */
export interface ExportedFunction {
  readonly kind: 'function';
  readonly exportName: string;
  readonly displayName: string;
  /** Nodes whose lines are the declaration (overloads and implementation, or the statement). */
  readonly rangeNodes: readonly ts.Node[];
  readonly implementation: ts.SignatureDeclaration | null;
  /** Overload signatures without a body (empty when not overloaded). */
  readonly overloads: readonly ts.SignatureDeclaration[];
  /** A node whose type is the callable value (for signatures when there is no implementation). */
  readonly valueNode: ts.Node;
}

export interface ExportedClass {
  readonly kind: 'class';
  readonly exportName: string;
  readonly displayName: string;
  readonly node: ts.ClassLikeDeclaration;
}

export type ExportedThing = ExportedFunction | ExportedClass;

/** A top-level function or class that is not exported (reported as skipped when it changed). */
export interface LocalThing {
  readonly name: string;
  readonly kind: 'function' | 'class';
  readonly rangeNodes: readonly ts.Node[];
}

interface LocalDeclarations {
  readonly functions: Map<string, ts.FunctionDeclaration[]>;
  readonly variables: Map<string, { readonly declaration: ts.VariableDeclaration; readonly statement: ts.VariableStatement }>;
  readonly classes: Map<string, ts.ClassDeclaration>;
}

export interface ModuleExports {
  readonly exported: readonly ExportedThing[];
  readonly unexported: readonly LocalThing[];
}

export function findExports(sourceFile: ts.SourceFile): ModuleExports {
  const locals = localDeclarations(sourceFile);
  const found: ExportedThing[] = [];
  const add = (thing: ExportedThing | null): void => {
    if (thing !== null) found.push(thing);
  };
  const byLocal = (localName: string, exportName: string): ExportedThing | null => resolveLocal(locals, localName, exportName);

  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) {
        add(statement.name ? byLocal(statement.name.text, 'default') : functionThing('default', 'default', [statement], statement, [], statement));
      } else if (statement.name) {
        add(byLocal(statement.name.text, statement.name.text));
      }
    } else if (ts.isClassDeclaration(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
      const name = statement.name?.text ?? null;
      add({ kind: 'class', exportName: isDefault ? 'default' : (name ?? 'default'), displayName: name ?? 'default', node: statement });
    } else if (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) add(byLocal(declaration.name.text, declaration.name.text));
      }
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier === undefined && !statement.isTypeOnly) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const specifier of statement.exportClause.elements) {
          if (specifier.isTypeOnly) continue;
          add(byLocal(nameText(specifier.propertyName ?? specifier.name), nameText(specifier.name)));
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      add(thingOfExpression(locals, statement.expression, 'default', [statement]));
    } else if (ts.isExpressionStatement(statement)) {
      for (const thing of commonJsExports(locals, statement)) add(thing);
    }
  }
  const exported = dedupe(found);
  return { exported, unexported: unexportedLocals(locals, exported) };
}

function commonJsExports(locals: LocalDeclarations, statement: ts.ExpressionStatement): ExportedThing[] {
  const expression = statement.expression;
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  const target = expression.left;
  const value = expression.right;
  if (isModuleExports(target)) {
    const unwrapped = unwrap(value);
    if (ts.isObjectLiteralExpression(unwrapped)) return objectLiteralExports(locals, unwrapped);
    const thing = thingOfExpression(locals, value, 'default', [statement]);
    return thing === null ? [] : [thing];
  }
  const name = exportsPropertyName(target);
  if (name === null) return [];
  const thing = thingOfExpression(locals, value, name, [statement]);
  return thing === null ? [] : [thing];
}

function objectLiteralExports(locals: LocalDeclarations, object: ts.ObjectLiteralExpression): ExportedThing[] {
  const things: ExportedThing[] = [];
  for (const property of object.properties) {
    if (ts.isShorthandPropertyAssignment(property)) {
      const thing = resolveLocal(locals, property.name.text, property.name.text);
      if (thing) things.push(thing);
    } else if (ts.isPropertyAssignment(property)) {
      const name = propertyNameText(property.name);
      if (name === null) continue;
      const thing = thingOfExpression(locals, property.initializer, name, [property]);
      if (thing) things.push(thing);
    } else if (ts.isMethodDeclaration(property)) {
      const name = propertyNameText(property.name);
      if (name !== null && property.body) things.push(functionThing(name, name, [property], property, [], property));
    }
  }
  return things;
}

/** What an exported expression is: a local by name, a function or class written in place, or another callable value. */
function thingOfExpression(locals: LocalDeclarations, expression: ts.Expression, exportName: string, rangeNodes: readonly ts.Node[]): ExportedThing | null {
  const value = unwrap(expression);
  if (ts.isIdentifier(value)) return resolveLocal(locals, value.text, exportName);
  if (ts.isFunctionExpression(value) || ts.isArrowFunction(value)) {
    const own = ts.isFunctionExpression(value) ? (value.name?.text ?? null) : null;
    return functionThing(exportName, exportName === 'default' ? (own ?? 'default') : exportName, rangeNodes, value, [], value);
  }
  if (ts.isClassExpression(value)) {
    return { kind: 'class', exportName, displayName: exportName === 'default' ? (value.name?.text ?? 'default') : exportName, node: value };
  }
  if (ts.isObjectLiteralExpression(value) || ts.isLiteralExpression(value) || ts.isArrayLiteralExpression(value)) return null;
  return functionThing(exportName, exportName === 'default' ? 'default' : exportName, rangeNodes, null, [], expression);
}

function resolveLocal(locals: LocalDeclarations, localName: string, exportName: string, depth = 0): ExportedThing | null {
  const displayName = exportName === 'default' ? localName : exportName;
  const functions = locals.functions.get(localName);
  if (functions && functions.length > 0) {
    // Without a body it is an ambient declaration (`declare function`), nothing to call here.
    const implementation = functions.find((declaration) => declaration.body !== undefined);
    if (implementation === undefined) return null;
    const overloads = functions.filter((declaration) => declaration.body === undefined);
    return functionThing(exportName, displayName, functions, implementation, overloads, implementation);
  }
  const classNode = locals.classes.get(localName);
  if (classNode) return { kind: 'class', exportName, displayName, node: classNode };
  const variable = locals.variables.get(localName);
  if (variable && variable.declaration.initializer) {
    const range = variable.statement.declarationList.declarations.length === 1 ? variable.statement : variable.declaration;
    const value = unwrap(variable.declaration.initializer);
    if (ts.isFunctionExpression(value) || ts.isArrowFunction(value)) return functionThing(exportName, displayName, [range], value, [], value);
    if (ts.isClassExpression(value)) return { kind: 'class', exportName, displayName, node: value };
    if (ts.isObjectLiteralExpression(value) || ts.isLiteralExpression(value) || ts.isArrayLiteralExpression(value)) return null;
    // `export const persist = persistImpl as unknown as Persist`: the implementation's own signature, its lines included.
    const renamed = ts.isIdentifier(value) && value.text !== localName && depth < 3 ? resolveLocal(locals, value.text, exportName, depth + 1) : null;
    if (renamed?.kind === 'class') return { ...renamed, displayName };
    if (renamed?.kind === 'function' && renamed.implementation !== null) {
      return functionThing(exportName, displayName, [range, ...renamed.rangeNodes], renamed.implementation, renamed.overloads, renamed.valueNode);
    }
    // `export const fromAsyncThrowable = ResultAsync.fromThrowable`: the static method's body and lines.
    const method = staticMethodOf(locals, value);
    if (method) return functionThing(exportName, displayName, [range, method], method, [], variable.declaration.name);
    return functionThing(exportName, displayName, [range], null, [], variable.declaration.name);
  }
  return null;
}

/** `LocalClass.method` -> that static method's implementation, or null. */
function staticMethodOf(locals: LocalDeclarations, value: ts.Expression): ts.MethodDeclaration | null {
  if (!ts.isPropertyAccessExpression(value) || !ts.isIdentifier(value.expression) || !ts.isIdentifier(value.name)) return null;
  const classNode = locals.classes.get(value.expression.text);
  const name = value.name.text;
  const found = classNode?.members.find(
    (member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && member.body !== undefined && hasModifier(member, ts.SyntaxKind.StaticKeyword) && ts.isIdentifier(member.name) && member.name.text === name,
  );
  return found ?? null;
}

function functionThing(
  exportName: string,
  displayName: string,
  rangeNodes: readonly ts.Node[],
  implementation: ts.SignatureDeclaration | null,
  overloads: readonly ts.SignatureDeclaration[],
  valueNode: ts.Node,
): ExportedFunction {
  return { kind: 'function', exportName, displayName, rangeNodes, implementation, overloads, valueNode };
}

function localDeclarations(sourceFile: ts.SourceFile): LocalDeclarations {
  const functions = new Map<string, ts.FunctionDeclaration[]>();
  const variables = new Map<string, { declaration: ts.VariableDeclaration; statement: ts.VariableStatement }>();
  const classes = new Map<string, ts.ClassDeclaration>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      const list = functions.get(statement.name.text) ?? [];
      list.push(statement);
      functions.set(statement.name.text, list);
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      classes.set(statement.name.text, statement);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) variables.set(declaration.name.text, { declaration, statement });
      }
    }
  }
  return { functions, variables, classes };
}

function unexportedLocals(locals: LocalDeclarations, exported: readonly ExportedThing[]): LocalThing[] {
  const exportedNodes = new Set<ts.Node>();
  for (const thing of exported) {
    if (thing.kind === 'class') exportedNodes.add(thing.node);
    else for (const node of [...thing.rangeNodes, thing.valueNode, ...(thing.implementation ? [thing.implementation] : [])]) exportedNodes.add(node);
  }
  const result: LocalThing[] = [];
  for (const [name, declarations] of locals.functions) {
    if (!declarations.some((declaration) => exportedNodes.has(declaration))) result.push({ name, kind: 'function', rangeNodes: declarations });
  }
  for (const [name, { declaration, statement }] of locals.variables) {
    const value = declaration.initializer ? unwrap(declaration.initializer) : undefined;
    if (value === undefined || !(ts.isFunctionExpression(value) || ts.isArrowFunction(value) || ts.isClassExpression(value))) continue;
    if (exportedNodes.has(value) || exportedNodes.has(statement) || exportedNodes.has(declaration)) continue;
    result.push({ name, kind: ts.isClassExpression(value) ? 'class' : 'function', rangeNodes: [declaration] });
  }
  for (const [name, node] of locals.classes) {
    if (!exportedNodes.has(node)) result.push({ name, kind: 'class', rangeNodes: [node] });
  }
  return result.sort((a, b) => a.rangeNodes[0]!.pos - b.rangeNodes[0]!.pos);
}

/** The first export of each function or class (a thing exported under two names is called once). */
function dedupe(things: readonly ExportedThing[]): ExportedThing[] {
  const seen = new Set<ts.Node>();
  const names = new Set<string>();
  const result: ExportedThing[] = [];
  for (const thing of things) {
    const key = thing.kind === 'class' ? thing.node : (thing.implementation ?? thing.valueNode);
    if (seen.has(key) || names.has(thing.exportName)) continue;
    seen.add(key);
    names.add(thing.exportName);
    result.push(thing);
  }
  return result;
}

/** `module.exports` */
function isModuleExports(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}

/** `module.exports.name`, `module.exports['name']`, `exports.name` -> 'name' */
function exportsPropertyName(node: ts.Expression): string | null {
  if (ts.isPropertyAccessExpression(node)) {
    const owner = node.expression;
    if (isModuleExports(owner) || (ts.isIdentifier(owner) && owner.text === 'exports')) return node.name.text;
  }
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    const owner = node.expression;
    if (isModuleExports(owner) || (ts.isIdentifier(owner) && owner.text === 'exports')) return node.argumentExpression.text;
  }
  return null;
}

export function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
    current = current.expression;
  }
  return current;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

function nameText(name: ts.ModuleExportName): string {
  return ts.isIdentifier(name) ? name.text : name.text;
}

export function propertyNameText(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return null;
  return null;
}

/** A function's parameters without a TypeScript `this` parameter. */
export function ownParameters(declaration: ts.SignatureDeclaration): ts.ParameterDeclaration[] {
  return declaration.parameters.filter((parameter) => !(ts.isIdentifier(parameter.name) && parameter.name.text === 'this'));
}
