/**
 * An existing test file cut down to what shows its style (pure): its imports, the top-level setup
 * before the first test (mocks, hooks, helpers) and the first test case. When that case sits in a
 * `describe` block (at any depth), the excerpt keeps each block's opening line, the hooks and setup
 * before its first case, that case, and the block's closing line. Every run of other lines becomes
 * one line `// … N lines omitted`, indented like the code around it. At most `maxLines` kept lines;
 * past that, the later ones are omitted too.
 */
import ts from 'typescript';
import { parseModule, statementSpan } from './source-syntax.js';

export const DEFAULT_STYLE_EXAMPLE_LINES = 24;

const DESCRIBE_NAMES = new Set(['describe', 'suite', 'context', 'fdescribe', 'xdescribe']);
const CASE_NAMES = new Set(['it', 'test', 'fit', 'xit', 'xtest']);

export function styleExcerpt(content: string, fileName: string, maxLines = DEFAULT_STYLE_EXAMPLE_LINES): string {
  const normalized = content.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const lines = normalized.split('\n');
  const file = parseModule(normalized, fileName);
  const keep = new Array<boolean>(lines.length).fill(false);
  const keepLines = (first: number, last: number): void => {
    for (let line = first; line <= last; line += 1) keep[line - 1] = true;
  };
  keepUpToFirstCase(file.statements, file, keepLines);
  capKeptLines(keep, maxLines);
  return render(lines, keep);
}

/** Keeps the statements up to and including the first test case (descending into describe blocks). Returns true when a case was found. */
function keepUpToFirstCase(statements: readonly ts.Statement[], file: ts.SourceFile, keepLines: (first: number, last: number) => void): boolean {
  for (const statement of statements) {
    const span = statementSpan(statement, file);
    const block = testBlock(statement);
    if (block === null) {
      keepLines(span.first, span.last);
      continue;
    }
    if (block.kind === 'case' || block.body === null) {
      keepLines(span.first, span.last);
      return true;
    }
    const lineOf = (position: number): number => file.getLineAndCharacterOfPosition(position).line + 1;
    keepLines(span.first, lineOf(block.body.getStart(file)));
    keepUpToFirstCase(block.body.statements, file, keepLines);
    keepLines(lineOf(block.body.getEnd()), span.last);
    return true;
  }
  return false;
}

interface TestBlock {
  readonly kind: 'describe' | 'case';
  /** The body of the callback, or null when it is not a block. */
  readonly body: ts.Block | null;
}

/** `describe(...)`, `it.each(...)(...)`, `test.skip(...)` and the like as a statement; else null. */
function testBlock(statement: ts.Statement): TestBlock | null {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return null;
  const call = statement.expression;
  let root: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root) || ts.isTaggedTemplateExpression(root)) {
    root = ts.isTaggedTemplateExpression(root) ? root.tag : root.expression;
  }
  if (!ts.isIdentifier(root)) return null;
  const kind = DESCRIBE_NAMES.has(root.text) ? 'describe' : CASE_NAMES.has(root.text) ? 'case' : null;
  if (kind === null) return null;
  const callback = [...call.arguments].reverse().find((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
  const body = callback !== undefined && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) && ts.isBlock(callback.body) ? callback.body : null;
  return { kind, body };
}

/** Leaves at most `maxLines` kept lines, the first ones. */
function capKeptLines(keep: boolean[], maxLines: number): void {
  let count = 0;
  for (let index = 0; index < keep.length; index += 1) {
    if (!keep[index]) continue;
    count += 1;
    if (count > maxLines) keep[index] = false;
  }
}

function render(lines: readonly string[], keep: readonly boolean[]): string {
  const out: string[] = [];
  let index = 0;
  while (index < lines.length) {
    if (keep[index]) {
      out.push(lines[index]!);
      index += 1;
      continue;
    }
    const start = index;
    while (index < lines.length && !keep[index]) index += 1;
    const gap = lines.slice(start, index);
    if (gap.every((line) => line.trim() === '')) {
      if (start > 0 && index < lines.length) out.push('');
      continue;
    }
    const indent = /^\s*/.exec(gap.find((line) => line.trim() !== '') ?? '')?.[0] ?? '';
    out.push(`${indent}// … ${gap.length} line${gap.length === 1 ? '' : 's'} omitted`);
  }
  return out.join('\n');
}
