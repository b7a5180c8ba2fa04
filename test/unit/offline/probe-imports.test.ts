// The probe file imports only what every supported runner resolves: Jest 26 and older cannot resolve a
// `node:` specifier ("Cannot find module 'node:fs'"), so a probe importing one measures nothing there.
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { buildProbeFile } from '../../../src/offline/probe/build-probe.js';
import type { OfflineTarget } from '../../../src/offline/analyse/types.js';

const target: OfflineTarget = {
  id: 'clamp',
  exportName: 'clamp',
  kind: 'function',
  className: null,
  displayName: 'clamp',
  isAsync: false,
  startLine: 1,
  endLine: 3,
  params: [],
  constructorArgs: [],
  candidates: [['1', '0', '2']],
};

/** Every module specifier the file imports or requires. */
function specifiers(text: string): string[] {
  const source = ts.createSourceFile('probe.js', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('probe file imports', () => {
  for (const syntax of ['esm', 'cjs'] as const) {
    it(`uses only specifiers every supported runner resolves (${syntax})`, () => {
      const text = buildProbeFile({ targets: [target], syntax, testApiImport: null, moduleSpecifier: '../src/clamp', outPath: '/tmp/out.jsonl', waitMs: 10, exclude: new Set() });
      const found = specifiers(text);
      expect(found).toEqual(['../src/clamp', 'fs']);
      expect(found.filter((specifier) => specifier.startsWith('node:'))).toEqual([]);
    });
  }
});
