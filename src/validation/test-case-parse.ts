/**
 * Parses a test file with the TypeScript compiler's parser (syntax only: no program, no type check,
 * no file I/O) and reports its syntax errors. The script kind follows the file's extension, so JSX
 * and TypeScript syntax are read the way the runner's transform reads them. Pure.
 */
import ts from 'typescript';
import { GenerationError } from '../errors/errors.js';

const SCRIPT_KINDS: Readonly<Record<string, ts.ScriptKind>> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export interface SyntaxProblem {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  readonly message: string;
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  const extension = /\.[^./\\]+$/.exec(fileName)?.[0].toLowerCase() ?? '';
  const kind = SCRIPT_KINDS[extension];
  if (kind === undefined) {
    throw new GenerationError(
      `cannot parse test file ${JSON.stringify(fileName)}: its extension is not one of ${Object.keys(SCRIPT_KINDS).join(', ')}; name test files with a JavaScript or TypeScript extension`,
    );
  }
  return kind;
}

export function parseTestSource(source: string, fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
}

/** The parser's own diagnostics (an internal field of SourceFile, present in every TypeScript release). */
export function syntaxProblemsOf(sourceFile: ts.SourceFile): SyntaxProblem[] {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map((diagnostic) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ') };
  });
}

/** Syntax errors of a test file's text; empty when it parses cleanly. */
export function findSyntaxErrors(source: string, fileName: string): SyntaxProblem[] {
  return syntaxProblemsOf(parseTestSource(source, fileName));
}

export function describeSyntaxProblem(problem: SyntaxProblem): string {
  return `line ${problem.line}, column ${problem.column}: ${problem.message}`;
}
