/**
 * PURE. Whether a module has no code of its own to test, and why: it only declares types (an
 * interfaces or `types.ts` module: nothing of it exists at run time, so no runner reports coverage for
 * it), or it only re-exports (a barrel: `export * from './a'; export { b } from './b'`, imports passed
 * on with `export { x }`, type declarations). Either is skipped with that reason rather than measured
 * or generated for.
 */
import ts from 'typescript';

export const REEXPORT_ONLY_REASON = 'only re-exports: nothing of its own to test';
export const TYPES_ONLY_REASON = 'only declares types: no code runs to test';

/** The reason a module is not measured, or null when it has code of its own. */
export function noOwnCodeReason(fileName: string, text: string): string | null {
  const all = parse(fileName, text).statements;
  const statements = all.filter((statement) => !ts.isEmptyStatement(statement) && !isDirective(statement));
  if (statements.length > 0 && statements.every(isTypeOnly)) return TYPES_ONLY_REASON;
  return onlyReexports(all) ? REEXPORT_ONLY_REASON : null;
}

export function isReexportOnly(fileName: string, text: string): boolean {
  return onlyReexports(parse(fileName, text).statements);
}

function onlyReexports(statements: readonly ts.Statement[]): boolean {
  let exports = 0;
  for (const statement of statements) {
    if (ts.isExportDeclaration(statement)) exports += 1;
    else if (ts.isImportDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEmptyStatement(statement)) continue;
    else if (isDirective(statement)) continue;
    else return false;
  }
  return exports > 0;
}

function parse(fileName: string, text: string): ts.SourceFile {
  const kind = /\.[cm]?tsx?$/.test(fileName) ? (fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS) : fileName.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
}

/** Erased by TypeScript: interfaces, type aliases, `declare` statements, type-only imports and exports. */
function isTypeOnly(statement: ts.Statement): boolean {
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return true;
  if (ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword)) return true;
  if (ts.isImportDeclaration(statement)) return statement.importClause?.isTypeOnly === true;
  if (ts.isExportDeclaration(statement)) return statement.isTypeOnly;
  return false;
}

/** `'use strict';` and the like. */
function isDirective(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}
