/**
 * PURE. Whether a module only re-exports (a barrel: `export * from './a'; export { b } from './b'`,
 * imports passed on with `export { x }`, type declarations): it has no code of its own to test, so it
 * is skipped with that reason rather than measured or generated for.
 */
import ts from 'typescript';

export const REEXPORT_ONLY_REASON = 'only re-exports: nothing of its own to test';

export function isReexportOnly(fileName: string, text: string): boolean {
  const kind = /\.[cm]?tsx?$/.test(fileName) ? (fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS) : fileName.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  let exports = 0;
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) exports += 1;
    else if (ts.isImportDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEmptyStatement(statement)) continue;
    else if (isDirective(statement)) continue;
    else return false;
  }
  return exports > 0;
}

/** `'use strict';` and the like. */
function isDirective(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}
