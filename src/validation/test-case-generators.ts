/**
 * Generated test cases: one `it`/`test` call in the source that the runner reports as several cases,
 * because it is parameterised (`it.each(table)(...)`, `test.for(...)`, inside `describe.each(...)`) or
 * sits in a loop within its suite (`for (const t of cases) it(...)`, `cases.forEach((t) => it(...))`,
 * `for`, `while`). Such a call is a generator; when exactly one table feeds it and that table is a
 * literal array (inline, or a `const` of the file initialised with one, no spread), its rows are
 * known, so the rows whose cases are not kept can be cut out (test-case-rows.ts). Pure.
 */
import ts from 'typescript';
import { testCallShape } from './test-case-calls.js';
import type { CaseEntry, TestTree } from './test-case-tree.js';

export interface GeneratorTable {
  /** The array literal holding the rows. */
  readonly node: ts.ArrayLiteralExpression;
  readonly rows: readonly ts.Expression[];
}

export interface GeneratorShape {
  /** The one literal table feeding it, or null (no table, several, or not a literal array). */
  readonly table: GeneratorTable | null;
}

/** How `entry` generates cases; null when it is an ordinary case (one source call, one reported case). */
export function generatorOf(tree: TestTree, entry: CaseEntry): GeneratorShape | null {
  const sources: (ts.Expression | null)[] = [];
  const ownTable = eachTableOf(entry.call);
  if (ownTable !== undefined) sources.push(ownTable);
  for (const suite of entry.suites) {
    const suiteTable = eachTableOf(suite.call);
    if (suiteTable !== undefined) sources.push(suiteTable);
  }
  sources.push(...loopSourcesOf(entry.call));
  if (sources.length === 0) return null;
  const only = sources.length === 1 ? sources[0] : null;
  return { table: only === null || only === undefined ? null : literalTable(tree.sourceFile, only) };
}

/** The table argument of `x.each(table)` / `x.for(table)` in a test or suite call's chain; undefined when none. */
function eachTableOf(call: ts.CallExpression): ts.Expression | null | undefined {
  const shape = testCallShape(call);
  if (shape === null || !shape.parameterised) return undefined;
  let expression: ts.Expression = call.expression;
  while (ts.isCallExpression(expression) || ts.isPropertyAccessExpression(expression) || ts.isTaggedTemplateExpression(expression)) {
    if (ts.isTaggedTemplateExpression(expression)) return null;
    if (ts.isCallExpression(expression)) {
      const callee = expression.expression;
      if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'each' || callee.name.text === 'for')) return expression.arguments[0] ?? null;
      expression = callee;
    } else expression = expression.expression;
  }
  return null;
}

/** Tables of the loops around `call` (and around its suites) up to the file: null for a loop without one. */
function loopSourcesOf(call: ts.CallExpression): (ts.Expression | null)[] {
  const sources: (ts.Expression | null)[] = [];
  let child: ts.Node = call;
  for (let node = call.parent; !ts.isSourceFile(node); child = node, node = node.parent) {
    if (ts.isForOfStatement(node) && node.statement === child) sources.push(node.expression);
    else if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) && node.statement === child) sources.push(null);
    else if (ts.isCallExpression(node) && node.arguments.includes(child as ts.Expression) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'forEach' || method === 'map' || method === 'flatMap') sources.push(node.expression.expression);
    }
  }
  return sources;
}

function literalTable(sourceFile: ts.SourceFile, expression: ts.Expression): GeneratorTable | null {
  const value = unwrap(expression);
  const array = ts.isArrayLiteralExpression(value) ? value : ts.isIdentifier(value) ? constArrayNamed(sourceFile, value.text) : null;
  if (array === null || array.elements.some((element) => ts.isSpreadElement(element) || ts.isOmittedExpression(element))) return null;
  return { node: array, rows: [...array.elements] };
}

function unwrap(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) node = node.expression;
  return node;
}

/** The array literal a `const <name> = [...]` of the file holds, when the file declares `name` once. */
function constArrayNamed(sourceFile: ts.SourceFile, name: string): ts.ArrayLiteralExpression | null {
  const declarations: ts.VariableDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) declarations.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const [only] = declarations;
  if (declarations.length !== 1 || only?.initializer === undefined) return null;
  const list = only.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return null;
  const value = unwrap(only.initializer);
  return ts.isArrayLiteralExpression(value) ? value : null;
}
