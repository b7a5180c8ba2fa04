/**
 * The signatures of what a module imports from the repository (pure; files are read through the
 * `readFile` passed in). For each relative import (ESM `import`, or CJS `require` of a string), the
 * exported declarations the module actually names, as signatures only: function headers, class
 * members without bodies (private ones left out), interfaces, type aliases and enums whole, consts with
 * their type (or a short initializer). A namespace import (`import * as m`) or a whole `require` takes
 * every export. The result is capped at `maxChars`; what does not fit is counted in a last line.
 *
 * Re-exports (`export { x } from './y.js'`) are not followed: one level is what the model needs.
 */
import path from 'node:path';
import ts from 'typescript';
import { hasDefault, isExported, declaredNames, hasModifier, parseModule } from './source-syntax.js';

export type ReadRepoFile = (repoPath: string) => string | null;

export interface ImportedSignaturesOptions {
  /** Cap on the whole text. Default 4000 characters. */
  readonly maxChars?: number;
  /** Cap on one declaration's signature. Default 800 characters. */
  readonly maxDeclarationChars?: number;
}

export const DEFAULT_MAX_SIGNATURE_CHARS = 4000;
const DEFAULT_MAX_DECLARATION_CHARS = 800;
const ALL = '*';
const RESOLUTION_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};
const EXTENSIONLESS = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.mjs', '.cts', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

/** Signatures of the imported declarations, one block per imported module; '' when there are none. */
export function importedSignatures(
  modulePath: string,
  moduleSource: string,
  readFile: ReadRepoFile,
  options: ImportedSignaturesOptions = {},
): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_SIGNATURE_CHARS;
  const maxDeclarationChars = options.maxDeclarationChars ?? DEFAULT_MAX_DECLARATION_CHARS;
  const blocks: string[] = [];
  let used = 0;
  let omitted = 0;
  for (const [specifier, names] of relativeImports(parseModule(moduleSource, modulePath))) {
    const resolved = resolveImport(modulePath, specifier, readFile);
    if (resolved === null) continue;
    const signatures = exportedSignatures(resolved.path, resolved.source, names, maxDeclarationChars);
    if (signatures.length === 0) continue;
    const kept: string[] = [`// ${specifier} (${resolved.path})`];
    for (const signature of signatures) {
      const cost = signature.length + 1;
      if (used + kept.join('\n').length + cost > maxChars) omitted += 1;
      else kept.push(signature);
    }
    if (kept.length > 1) {
      const block = kept.join('\n');
      blocks.push(block);
      used += block.length + 2;
    }
  }
  if (omitted > 0) blocks.push(`// … ${omitted} more declaration${omitted === 1 ? '' : 's'} omitted (size cap)`);
  return blocks.join('\n\n');
}

/** Relative specifier -> the names imported from it ('*' for all, 'default' for the default export). */
function relativeImports(file: ts.SourceFile): Map<string, Set<string>> {
  const imports = new Map<string, Set<string>>();
  const add = (specifier: string, names: readonly string[]): void => {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) return;
    const set = imports.get(specifier) ?? new Set<string>();
    for (const name of names) set.add(name);
    imports.set(specifier, set);
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      add(statement.moduleSpecifier.text, importClauseNames(statement.importClause));
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const specifier = requiredSpecifier(declaration.initializer);
        if (specifier === null) continue;
        add(specifier, ts.isObjectBindingPattern(declaration.name) ? requireBindingNames(declaration.name) : [ALL]);
      }
    }
  }
  return imports;
}

function importClauseNames(clause: ts.ImportClause | undefined): string[] {
  if (!clause) return [];
  const names: string[] = [];
  if (clause.name) names.push('default');
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(ALL);
  if (bindings && ts.isNamedImports(bindings)) {
    for (const element of bindings.elements) names.push((element.propertyName ?? element.name).text);
  }
  return names;
}

function requiredSpecifier(expression: ts.Expression | undefined): string | null {
  if (!expression || !ts.isCallExpression(expression)) return null;
  const [argument] = expression.arguments;
  const isRequire = ts.isIdentifier(expression.expression) && expression.expression.text === 'require';
  return isRequire && argument && ts.isStringLiteral(argument) ? argument.text : null;
}

function requireBindingNames(pattern: ts.ObjectBindingPattern): string[] {
  return pattern.elements.map((element) => {
    const key = element.propertyName ?? element.name;
    return ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : ALL;
  });
}

function resolveImport(modulePath: string, specifier: string, readFile: ReadRepoFile): { path: string; source: string } | null {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(modulePath), specifier));
  if (target.startsWith('../') || target === '..' || path.posix.isAbsolute(target)) return null;
  const extension = path.posix.extname(target);
  const stem = target.slice(0, target.length - extension.length);
  const candidates = RESOLUTION_EXTENSIONS[extension]?.map((ext) => stem + ext) ?? [target, ...EXTENSIONLESS.map((ext) => target + ext)];
  for (const candidate of candidates) {
    const source = readFile(candidate);
    if (source !== null) return { path: candidate, source };
  }
  return null;
}

function exportedSignatures(filePath: string, source: string, wanted: ReadonlySet<string>, maxChars: number): string[] {
  const file = parseModule(source, filePath);
  const all = wanted.has(ALL);
  const locallyExported = exportListNames(file);
  const signatures: string[] = [];
  for (const statement of file.statements) {
    const names = declaredNames(statement);
    const exportedAs = isExported(statement)
      ? hasDefault(statement) ? ['default'] : names
      : names.flatMap((name) => locallyExported.get(name) ?? []);
    if (exportedAs.length === 0 || !(all || exportedAs.some((name) => wanted.has(name)))) continue;
    const signature = signatureOf(statement, file);
    if (signature !== null) signatures.push(cap(signature, maxChars));
  }
  return signatures;
}

/** `export { a, b as c }` without a module specifier: local name -> exported names. */
function exportListNames(file: ts.SourceFile): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const statement of file.statements) {
    if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
      names.set(statement.expression.text, [...(names.get(statement.expression.text) ?? []), 'default']);
    }
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || !statement.exportClause) continue;
    if (!ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      const local = (element.propertyName ?? element.name).text;
      names.set(local, [...(names.get(local) ?? []), element.name.text]);
    }
  }
  return names;
}

function signatureOf(statement: ts.Statement, file: ts.SourceFile): string | null {
  const text = (from: number, to: number): string => file.text.slice(from, to).trim();
  const start = statement.getStart(file, true);
  if (ts.isFunctionDeclaration(statement)) {
    return statement.body ? `${text(start, statement.body.getStart(file))};` : text(start, statement.getEnd());
  }
  if (ts.isClassDeclaration(statement)) return classSignature(statement, file, start);
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    return text(start, statement.getEnd());
  }
  if (ts.isVariableStatement(statement)) {
    const keyword = text(start, statement.declarationList.declarations[0]?.getStart(file) ?? start);
    const parts = statement.declarationList.declarations.map((declaration) => variableSignature(declaration, file));
    return `${keyword} ${parts.join(', ')};`;
  }
  return null;
}

function classSignature(node: ts.ClassDeclaration, file: ts.SourceFile, start: number): string {
  const firstMember = node.members[0];
  const headerEnd = file.text.lastIndexOf('{', firstMember ? firstMember.getFullStart() : node.getEnd() - 1);
  const lines = [`${file.text.slice(start, headerEnd).trim()} {`];
  for (const member of node.members) {
    if (hasModifier(member, ts.SyntaxKind.PrivateKeyword) || (member.name && ts.isPrivateIdentifier(member.name))) continue;
    const memberStart = member.getStart(file);
    const body = 'body' in member ? (member.body as ts.Node | undefined) : undefined;
    const signature = body ? `${file.text.slice(memberStart, body.getStart(file)).trim()};` : file.text.slice(memberStart, member.getEnd()).trim();
    if (!ts.isSemicolonClassElement(member)) lines.push(`  ${signature.replace(/\s*\n\s*/g, ' ')}`);
  }
  lines.push('}');
  return lines.join('\n');
}

function variableSignature(declaration: ts.VariableDeclaration, file: ts.SourceFile): string {
  const name = declaration.name.getText(file);
  if (declaration.type) return `${name}: ${declaration.type.getText(file)}`;
  const initializer = declaration.initializer;
  if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) {
    const bodyStart = initializer.body.getStart(file);
    const header = file.text.slice(initializer.getStart(file), bodyStart).trim();
    return `${name} = ${header}${ts.isArrowFunction(initializer) ? ' …' : ' { … }'}`;
  }
  return initializer ? `${name} = ${cap(initializer.getText(file), 120)}` : name;
}

function cap(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)} …`;
}
