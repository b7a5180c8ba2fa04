/**
 * After test cases are cut out of a file: the imported names only they used are dropped from the
 * imports (pure). A project compiled with `noUnusedLocals` (ts-jest reports it as "Test suite failed
 * to run") would otherwise fail the whole file over an import that a removed case needed. A name the
 * file imported without using stays; an import left with no name goes, a side-effect import stays;
 * the test API's imports (`vitest`, `@jest/globals`) and Node's built-ins are left as they are.
 */
import ts from 'typescript';

/** The test API and Node's built-ins stay as written: the file's style, not the code under test. */
const KEPT_SPECIFIERS = /^(vitest|@jest\/globals|node:.*)$/;

export function dropImportsLeftUnused(before: string, after: string, fileName: string): string {
  if (before === after) return after;
  const usedBefore = namesUsed(parse(before, fileName));
  const file = parse(after, fileName);
  const usedAfter = namesUsed(file);
  const unused = (name: ts.Identifier): boolean => usedBefore.has(name.text) && !usedAfter.has(name.text);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause === undefined) continue;
    if (ts.isStringLiteral(statement.moduleSpecifier) && KEPT_SPECIFIERS.test(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    const defaultName = clause.name && !unused(clause.name) ? clause.name.text : null;
    const bindings = clause.namedBindings;
    let named: string | null = null;
    let changed = clause.name !== undefined && defaultName === null;
    if (bindings && ts.isNamespaceImport(bindings)) {
      if (unused(bindings.name)) changed = true;
      else named = bindings.getText(file);
    } else if (bindings) {
      const kept = bindings.elements.filter((element) => !unused(element.name));
      if (kept.length !== bindings.elements.length) changed = true;
      named = kept.length > 0 ? `{ ${kept.map((element) => element.getText(file)).join(', ')} }` : null;
    }
    if (!changed) continue;
    const parts = [defaultName, named].filter((part): part is string => part !== null);
    if (parts.length === 0) {
      edits.push({ ...wholeLine(after, statement.getStart(file), statement.end), text: '' });
    } else {
      const typeOnly = clause.isTypeOnly ? 'type ' : '';
      edits.push({ start: statement.getStart(file), end: statement.end, text: `import ${typeOnly}${parts.join(', ')} from ${statement.moduleSpecifier.getText(file)};` });
    }
  }
  let result = after;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

function parse(text: string, fileName: string): ts.SourceFile {
  const kind = /\.[cm]?tsx$|\.jsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

/** Identifiers outside import declarations (a syntax-only check: a local of the same name counts as a use). */
function namesUsed(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/** The statement's whole line(s), line break included, when nothing else shares them; else the statement. */
function wholeLine(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const stop = lineEnd < 0 ? text.length : lineEnd + 1;
  if (text.slice(lineStart, start).trim() !== '' || text.slice(end, lineEnd < 0 ? text.length : lineEnd).trim() !== '') return { start, end };
  return { start: lineStart, end: stop };
}
