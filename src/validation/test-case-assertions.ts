/**
 * Counts the assertions written inside a test case's body, so that a case asserting nothing can be
 * dropped. Counted: `expect(x).<matcher>(...)` (any chain of properties ending in a call, e.g.
 * `.resolves.toBe(1)`, `.not.toThrow()`), Chai-style chains ending in a terminal property
 * (`expect(x).to.be.true`), `expect.soft(...)` / `expect.poll(...)` chains, `<ctx>.expect(...)`
 * chains (the test context's expect), and `assert(...)` / `assert.<method>(...)` calls. Not counted:
 * a bare `expect(x)` or a matcher left uncalled (`expect(x).toBe`), asymmetric matchers and
 * `expect.assertions(n)`, and assertions made inside helpers defined outside the case. Pure.
 */
import ts from 'typescript';

/** Chai properties that assert when read (`expect(x).to.be.true`). */
const CHAI_TERMINAL_PROPERTIES = new Set([
  'ok',
  'true',
  'false',
  'null',
  'undefined',
  'NaN',
  'exist',
  'empty',
  'extensible',
  'sealed',
  'frozen',
  'finite',
]);

/** `expect.<name>(x)` calls that start an assertion chain like `expect(x)` does. */
const EXPECT_VARIANTS = new Set(['soft', 'poll']);

export function countAssertions(nodes: readonly ts.Node[]): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isAssertion(node)) count += 1;
    ts.forEachChild(node, visit);
  };
  for (const node of nodes) visit(node);
  return count;
}

function isAssertion(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (startsExpectChain(callee)) return completesChain(call);
  return rootIdentifier(callee) === 'assert';
}

/** `expect(...)`, `expect.soft(...)`, `expect.poll(...)`, `<identifier>.expect(...)`. */
function startsExpectChain(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return callee.text === 'expect';
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  if (callee.expression.text === 'expect') return EXPECT_VARIANTS.has(callee.name.text);
  return callee.name.text === 'expect';
}

/** The call is followed by properties ending in a call, or in a Chai terminal property. */
function completesChain(call: ts.CallExpression): boolean {
  let node: ts.Expression = call;
  while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) node = node.parent;
  if (node === call || !ts.isPropertyAccessExpression(node)) return false;
  const parent = node.parent;
  if (ts.isCallExpression(parent) && parent.expression === node) return true;
  return CHAI_TERMINAL_PROPERTIES.has(node.name.text);
}

function rootIdentifier(expression: ts.Expression): string | null {
  let node = expression;
  while (ts.isPropertyAccessExpression(node)) node = node.expression;
  return ts.isIdentifier(node) ? node.text : null;
}
