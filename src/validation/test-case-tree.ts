/**
 * Walks a parsed test file and collects its suites (`describe` calls) and test cases (`it` / `test`
 * calls), each with its enclosing suites, its titles and the syntax node that removing it means
 * removing (its removal unit). Calls inside a test's body are not walked: runners reject nested
 * tests. Pure.
 */
import ts from 'typescript';
import { callbacksOf, testCallShape, titleOf, type TestCallShape, type TitleText } from './test-case-calls.js';

/**
 * How a call is cut out of the file:
 * - `statement`: an expression statement in a statement list; removed with its own comments and line;
 * - `embedded`: the single statement of an `if`/loop/label without braces; replaced by `{}`;
 * - `arrow-body`: the expression body of an arrow function; replaced by `{}`;
 * - `expression`: part of a larger expression (`const t = it(...)`); cannot be removed on its own.
 */
export type RemovalMode = 'statement' | 'embedded' | 'arrow-body' | 'expression';

export interface RemovalUnit {
  readonly node: ts.Node;
  readonly mode: RemovalMode;
}

export interface SuiteEntry {
  readonly call: ts.CallExpression;
  readonly shape: TestCallShape;
  readonly title: TitleText;
  readonly parent: SuiteEntry | null;
  readonly unit: RemovalUnit;
  /** Test cases anywhere inside, nested suites included. */
  readonly cases: CaseEntry[];
}

export interface CaseEntry {
  readonly call: ts.CallExpression;
  readonly shape: TestCallShape;
  readonly title: TitleText;
  /** Enclosing suites, outermost first. */
  readonly suites: readonly SuiteEntry[];
  readonly unit: RemovalUnit;
}

export interface TestTree {
  readonly sourceFile: ts.SourceFile;
  /** In source order. */
  readonly suites: readonly SuiteEntry[];
  /** In source order. */
  readonly cases: readonly CaseEntry[];
}

export function buildTestTree(sourceFile: ts.SourceFile): TestTree {
  const suites: SuiteEntry[] = [];
  const cases: CaseEntry[] = [];
  const visit = (node: ts.Node, enclosing: readonly SuiteEntry[]): void => {
    const shape = ts.isCallExpression(node) ? testCallShape(node) : null;
    if (shape === null || !ts.isCallExpression(node)) {
      ts.forEachChild(node, (child) => visit(child, enclosing));
      return;
    }
    const entry = { call: node, shape, title: titleOf(node, shape.parameterised), unit: removalUnitOf(node) };
    if (shape.kind === 'test') {
      const testCase: CaseEntry = { ...entry, suites: enclosing };
      cases.push(testCase);
      for (const suite of enclosing) suite.cases.push(testCase);
      return;
    }
    const suite: SuiteEntry = { ...entry, parent: enclosing.at(-1) ?? null, cases: [] };
    suites.push(suite);
    for (const callback of callbacksOf(node)) visit(callback, [...enclosing, suite]);
  };
  visit(sourceFile, []);
  return { sourceFile, suites, cases };
}

function removalUnitOf(call: ts.CallExpression): RemovalUnit {
  const parent = call.parent;
  if (ts.isExpressionStatement(parent)) {
    return { node: parent, mode: isStatementList(parent.parent) ? 'statement' : 'embedded' };
  }
  if (ts.isArrowFunction(parent) && parent.body === call) return { node: call, mode: 'arrow-body' };
  return { node: call, mode: 'expression' };
}

function isStatementList(node: ts.Node): boolean {
  return ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}
