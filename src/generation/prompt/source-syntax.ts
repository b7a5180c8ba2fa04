/**
 * Small syntax helpers shared by the prompt builders (pure): parse a module with the TypeScript
 * parser (syntax only, no program), the line span of a top-level statement, and the names it declares.
 */
import ts from 'typescript';

const SCRIPT_KINDS: Readonly<Record<string, ts.ScriptKind>> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.jsx': ts.ScriptKind.JSX,
};

/** Parses any JS/TS source; unknown extensions are read as TypeScript (a superset of JS syntax). */
export function parseModule(source: string, fileName: string): ts.SourceFile {
  const extension = /\.[^./]+$/.exec(fileName)?.[0].toLowerCase() ?? '';
  const kind = SCRIPT_KINDS[extension] ?? (/\.[cm]?js$/.test(extension) ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
}

export interface LineSpan {
  /** 1-based, inclusive; includes the statement's JSDoc. */
  readonly first: number;
  readonly last: number;
}

export function statementSpan(statement: ts.Node, file: ts.SourceFile): LineSpan {
  const start = statement.getStart(file, true);
  return {
    first: file.getLineAndCharacterOfPosition(start).line + 1,
    last: file.getLineAndCharacterOfPosition(statement.getEnd()).line + 1,
  };
}

/** The names a top-level statement declares (empty for expressions and anonymous defaults). */
export function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((declaration) => bindingNames(declaration.name));
  }
  if (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement)
  ) {
    return statement.name && ts.isIdentifier(statement.name) ? [statement.name.text] : hasDefault(statement) ? ['default'] : [];
  }
  return [];
}

export function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

export function hasDefault(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.DefaultKeyword);
}

export function isExported(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.ExportKeyword);
}
