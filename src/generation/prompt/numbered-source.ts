/**
 * The module under test as the prompt shows it (pure): every line with its number, and a marker on the
 * changed lines the tests do not reach:
 *
 *   `  12 !| return a / b;`   changed and not covered
 *   `  13 ?| if (x) y();`     changed, covered, but a branch starting there was not fully taken
 *   `  14  | const z = 1;`    anything else
 *
 * A short module is shown whole. A long one (more than `maxFullLines`), or any module when `elide` is
 * set, keeps only its imports, its export lists (`export { a }`, `export * from`), with `keepTypes` its
 * type declarations, and the whole top-level declarations that contain a focus line (by default the
 * changed lines); each run of other
 * lines becomes one line `// … N lines of <names> omitted`, so the numbers of the kept lines stay true.
 */
import ts from 'typescript';
import { declaredNames, parseModule, statementSpan } from './source-syntax.js';

export interface SourceMarks {
  readonly changedLines: readonly number[];
  /** Lines not covered; marked only where they are also changed. */
  readonly uncoveredLines: readonly number[];
  /** Covered lines with a branch not fully taken; marked only where they are also changed. */
  readonly partialLines: readonly number[];
}

export interface NumberedSourceOptions {
  /** Used to pick the parser's language (TS, TSX, JS). Default 'module.ts'. */
  readonly fileName?: string;
  /** A module longer than this many lines is elided. Default 150. */
  readonly maxFullLines?: number;
  /** Elide whatever the length. */
  readonly elide?: boolean;
  /** Declarations containing one of these lines are kept whole. Default: the changed lines. */
  readonly focusLines?: readonly number[];
  /** When eliding, keep type aliases, interfaces and enums too (small, and what signatures refer to). */
  readonly keepTypes?: boolean;
}

export const DEFAULT_MAX_FULL_LINES = 150;
export const UNCOVERED_MARK = '!';
export const PARTIAL_MARK = '?';
const MAX_NAMES_LISTED = 6;

export function numberedSource(source: string, marks: SourceMarks, options: NumberedSourceOptions = {}): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const markOf = lineMarker(marks);
  const width = String(lines.length).length;
  const render = (index: number): string => `${String(index + 1).padStart(width)} ${markOf(index + 1)}| ${lines[index]}`;

  const maxFullLines = options.maxFullLines ?? DEFAULT_MAX_FULL_LINES;
  if (!options.elide && lines.length <= maxFullLines) return lines.map((_line, index) => render(index)).join('\n');

  const plan = elisionPlan(source, options.fileName ?? 'module.ts', lines.length, options.focusLines ?? marks.changedLines, options.keepTypes ?? false);
  const out: string[] = [];
  let index = 0;
  while (index < lines.length) {
    if (plan.keep[index]) {
      out.push(render(index));
      index += 1;
      continue;
    }
    const start = index;
    while (index < lines.length && !plan.keep[index]) index += 1;
    const count = index - start;
    const skipped = lines.slice(start, index);
    if (skipped.every((line) => line.trim() === '')) continue;
    const names = plan.namesStartingIn(start + 1, index);
    out.push(`${' '.repeat(width)}  | // … ${count} line${count === 1 ? '' : 's'}${names ? ` of ${names}` : ''} omitted`);
  }
  return out.join('\n');
}

function lineMarker(marks: SourceMarks): (line: number) => string {
  const changed = new Set(marks.changedLines);
  const uncovered = new Set(marks.uncoveredLines.filter((line) => changed.has(line)));
  const partial = new Set(marks.partialLines.filter((line) => changed.has(line)));
  return (line) => (uncovered.has(line) ? UNCOVERED_MARK : partial.has(line) ? PARTIAL_MARK : ' ');
}

interface ElisionPlan {
  /** Per 0-based line. */
  readonly keep: boolean[];
  /** Names declared by the statements starting in [first, endExclusive) (1-based lines). */
  namesStartingIn(first: number, endExclusive: number): string;
}

function elisionPlan(source: string, fileName: string, lineCount: number, focusLines: readonly number[], keepTypes: boolean): ElisionPlan {
  const file = parseModule(source, fileName);
  const focus = [...new Set(focusLines)];
  const keep = new Array<boolean>(lineCount).fill(false);
  const declarations: { readonly first: number; readonly names: readonly string[] }[] = [];
  for (const statement of file.statements) {
    const span = statementSpan(statement, file);
    const always = isImportOrExportList(statement) || (keepTypes && isTypeDeclaration(statement));
    if (always || focus.some((line) => line >= span.first && line <= span.last)) {
      for (let line = span.first; line <= Math.min(span.last, lineCount); line += 1) keep[line - 1] = true;
    } else {
      declarations.push({ first: span.first, names: declaredNames(statement) });
    }
  }
  return {
    keep,
    namesStartingIn(first, endExclusive) {
      const names = declarations.filter((d) => d.first >= first && d.first < endExclusive).flatMap((d) => d.names);
      if (names.length === 0) return '';
      const listed = names.slice(0, MAX_NAMES_LISTED).join(', ');
      return names.length > MAX_NAMES_LISTED ? `${listed} and ${names.length - MAX_NAMES_LISTED} more` : listed;
    },
  };
}

function isTypeDeclaration(statement: ts.Statement): boolean {
  return ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isEnumDeclaration(statement);
}

function isImportOrExportList(statement: ts.Statement): boolean {
  return (
    ts.isImportDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement) ||
    ts.isExportDeclaration(statement) ||
    ts.isExportAssignment(statement)
  );
}
