/**
 * The module under test as prompt v3 shows it (pure): the code as written, with a trailing comment
 * on each changed line the tests do not reach, naming its line number:
 *
 *   `    return a / b; // !12`        changed and never executed
 *   `    if (x) y(); // ?13`          changed, executed, but a branch starting there was not taken
 *
 * Only the marked lines carry a number: a gutter on every line cost about half the module's own
 * tokens again (measured on the fixtures), and the marks are all the model needs to name lines.
 * A mark whose line ends inside a multi-line template literal or string goes to the end of that
 * literal, so it never reads as part of the text.
 *
 * A short module is shown whole. A long one (more than `maxFullLines`), or any module when `elide` is
 * set, is focused the way CoverUp shows one code segment: it keeps the imports, the export lists
 * (`export { a }`, `export * from`), with `keepTypes` the type declarations, and the top-level
 * declarations that contain a focus line (by default the changed lines) or a mark. Inside a kept
 * class, the fields, the constructor and the members holding a focus line stay whole; every other
 * method or accessor becomes its signature and `{ … }` on one line (with its doc comment when that
 * is one line). What the focused declarations use from the rest of the module is shown too: what
 * they use directly whole up to 30 lines for a function and 20 for a variable statement (a lookup
 * table, an arrow function), what that uses in turn up to 6 and 3 lines, a longer function as its
 * signature, a class with its methods as signatures. Each run of other
 * top-level lines becomes one line `// … N lines of <names> omitted`.
 */
import ts from 'typescript';
import { declaredNames, parseModule, statementSpan, type LineSpan } from './source-syntax.js';

export interface SourceMarks {
  readonly changedLines: readonly number[];
  /** Lines not covered; marked only where they are also changed. */
  readonly uncoveredLines: readonly number[];
  /** Covered lines with a branch not fully taken; marked only where they are also changed. */
  readonly partialLines: readonly number[];
}

export interface MarkedSourceOptions {
  /** Used to pick the parser's language (TS, TSX, JS). Default 'module.ts'. */
  readonly fileName?: string;
  /** A module longer than this many lines is focused. Default 150. */
  readonly maxFullLines?: number;
  /** Focus whatever the length. */
  readonly elide?: boolean;
  /** Declarations and class members containing one of these lines are kept whole. Default: the changed lines. */
  readonly focusLines?: readonly number[];
  /** When focusing, keep type aliases, interfaces and enums too (small, and what signatures refer to). */
  readonly keepTypes?: boolean;
}

export const DEFAULT_MAX_FULL_LINES = 150;
export const UNCOVERED_MARK = '!';
export const PARTIAL_MARK = '?';
const MAX_NAMES_LISTED = 6;

export function markedSource(source: string, marks: SourceMarks, options: MarkedSourceOptions = {}): string {
  const normalized = source.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const file = parseModule(normalized, options.fileName ?? 'module.ts');
  const marked = markedLines(marks);
  const marksByLine = placedMarks(file, lines.length, marked);
  const render = (index: number): string => {
    const placed = marksByLine.get(index + 1);
    return placed === undefined ? lines[index]! : `${lines[index]} // ${placed.join(' ')}`;
  };

  const maxFullLines = options.maxFullLines ?? DEFAULT_MAX_FULL_LINES;
  if (!options.elide && lines.length <= maxFullLines) return lines.map((_line, index) => render(index)).join('\n');

  const focus = [...new Set([...(options.focusLines ?? marks.changedLines), ...marked.uncovered, ...marked.partial])];
  const plan = focusPlan(file, lines.length, focus, options.keepTypes ?? false);
  const out: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = plan.lines[index];
    if (line?.kind === 'keep') {
      out.push(render(index));
      index += 1;
      continue;
    }
    if (line?.kind === 'collapse') {
      out.push(...line.text);
      index = line.last;
      continue;
    }
    const start = index;
    while (index < lines.length && plan.lines[index] === undefined) index += 1;
    const skipped = lines.slice(start, index);
    if (skipped.every((text) => text.trim() === '')) {
      if (start > 0 && index < lines.length) out.push('');
      continue;
    }
    const names = plan.namesStartingIn(start + 1, index);
    const count = index - start;
    out.push(`// … ${count} line${count === 1 ? '' : 's'}${names ? ` of ${names}` : ''} omitted`);
  }
  return out.join('\n');
}

interface MarkedLines {
  readonly uncovered: ReadonlySet<number>;
  /** Partial and not also uncovered. */
  readonly partial: ReadonlySet<number>;
}

/** The lines that get a mark: uncovered or partial, and changed. */
function markedLines(marks: SourceMarks): MarkedLines {
  const changed = new Set(marks.changedLines);
  const uncovered = new Set(marks.uncoveredLines.filter((line) => changed.has(line)));
  return { uncovered, partial: new Set(marks.partialLines.filter((line) => changed.has(line) && !uncovered.has(line))) };
}

/** Display line -> the marks shown at its end, e.g. ['!12'], or ['!12', '!13'] when a literal spans them. */
function placedMarks(file: ts.SourceFile, lineCount: number, { uncovered, partial }: MarkedLines): Map<number, string[]> {
  const literals = multiLineLiterals(file);
  const placed = new Map<number, string[]>();
  const all = [...uncovered, ...partial].filter((line) => line >= 1 && line <= lineCount).sort((a, b) => a - b);
  for (const line of all) {
    const shownAt = literals.find((span) => line >= span.first && line < span.last)?.last ?? line;
    placed.set(shownAt, [...(placed.get(shownAt) ?? []), `${uncovered.has(line) ? UNCOVERED_MARK : PARTIAL_MARK}${line}`]);
  }
  return placed;
}

/** Line spans of template literals and strings that run over more than one line (outermost first). */
function multiLineLiterals(file: ts.SourceFile): LineSpan[] {
  const spans: LineSpan[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node) || ts.isJsxText(node)) {
      const span = statementSpan(node, file);
      if (span.last > span.first) spans.push(span);
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return spans;
}

type PlannedLine =
  | { readonly kind: 'keep' }
  /** The first line of a collapsed member: its one-line text, and the 0-based index after its last line. */
  | { readonly kind: 'collapse'; readonly text: readonly string[]; readonly last: number };

interface FocusPlan {
  /** Per 0-based line: kept, the start of a collapsed member, or undefined (omitted). Lines inside a collapsed member are skipped by its `last`. */
  readonly lines: (PlannedLine | undefined)[];
  /** Names declared by the statements starting in [first, endExclusive) (1-based lines). */
  namesStartingIn(first: number, endExclusive: number): string;
}

function focusPlan(file: ts.SourceFile, lineCount: number, focus: readonly number[], keepTypes: boolean): FocusPlan {
  const lines = new Array<PlannedLine | undefined>(lineCount).fill(undefined);
  const holdsFocus = (span: LineSpan): boolean => focus.some((line) => line >= span.first && line <= span.last);
  const keepSpan = (span: LineSpan): void => {
    for (let line = span.first; line <= Math.min(span.last, lineCount); line += 1) lines[line - 1] = { kind: 'keep' };
  };
  const focused: ts.Statement[] = [];
  const rest: ts.Statement[] = [];
  for (const statement of file.statements) {
    const span = statementSpan(statement, file);
    const always = isImportOrExportList(statement) || (keepTypes && isTypeDeclaration(statement));
    if (!always && !holdsFocus(span)) {
      rest.push(statement);
      continue;
    }
    keepSpan(span);
    if (ts.isClassDeclaration(statement)) collapseMembers(statement, file, lines, holdsFocus);
    if (!always) focused.push(statement);
  }
  // What the focused code uses from the rest of the module is shown as its outline.
  // Short helpers it uses are shown whole, and what they use in turn, until nothing new is reached.
  const used = identifiersIn(focused, file, lines);
  // What the focused code uses directly is what its results follow from: shown whole up to a larger size.
  const direct = new Set(used);
  const shown = new Set<ts.Statement>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const statement of rest) {
      if (shown.has(statement) || !declaredNames(statement).some((name) => used.has(name))) continue;
      const span = statementSpan(statement, file);
      const limits = declaredNames(statement).some((name) => direct.has(name)) ? DIRECT_LIMITS : INDIRECT_LIMITS;
      const outline = showOutline(statement, span, file, lines, keepSpan, limits);
      if (outline === 'none') continue;
      shown.add(statement);
      if (outline !== 'whole') continue;
      for (const name of identifiersIn([statement], file, lines)) {
        if (used.has(name)) continue;
        used.add(name);
        grew = true;
      }
    }
  }
  const omitted = rest.filter((statement) => !shown.has(statement)).map((statement) => ({ first: statementSpan(statement, file).first, names: declaredNames(statement) }));
  return {
    lines,
    namesStartingIn(first, endExclusive) {
      const names = omitted.filter((d) => d.first >= first && d.first < endExclusive).flatMap((d) => d.names);
      if (names.length === 0) return '';
      const listed = names.slice(0, MAX_NAMES_LISTED).join(', ');
      return names.length > MAX_NAMES_LISTED ? `${listed} and ${names.length - MAX_NAMES_LISTED} more` : listed;
    },
  };
}

interface WholeLimits {
  /** A used function of fewer lines than this (its doc comment aside) is shown whole: its body is what a test's expected values follow from. */
  readonly functionLines: number;
  /** A used variable statement (a lookup table, an arrow function) of fewer lines than this is shown whole. */
  readonly variableLines: number;
}
/** For what the focused declarations use directly (the callees whose results a test asserts). */
const DIRECT_LIMITS: WholeLimits = { functionLines: 30, variableLines: 20 };
/** For what those use in turn. */
const INDIRECT_LIMITS: WholeLimits = { functionLines: 6, variableLines: 3 };

/**
 * A declaration the focused code uses: a short function or variable statement whole, a longer
 * function as its signature, a class with its methods as signatures; 'none' when it has no outline.
 */
function showOutline(
  statement: ts.Statement,
  span: LineSpan,
  file: ts.SourceFile,
  lines: (PlannedLine | undefined)[],
  keepSpan: (span: LineSpan) => void,
  limits: WholeLimits,
): 'whole' | 'outline' | 'none' {
  if (ts.isFunctionDeclaration(statement) && statement.body !== undefined) {
    const codeFirst = file.getLineAndCharacterOfPosition(statement.getStart(file, false)).line + 1;
    if (span.last - codeFirst < limits.functionLines) {
      keepSpan(span);
      return 'whole';
    }
    lines[span.first - 1] = collapsed(statement, statement.body, file, span);
    return 'outline';
  }
  if (ts.isClassDeclaration(statement)) {
    keepSpan(span);
    collapseMembers(statement, file, lines, () => false);
    return 'outline';
  }
  if (ts.isVariableStatement(statement) && span.last - span.first < limits.variableLines) {
    keepSpan(span);
    return 'whole';
  }
  return 'none';
}

/** Every identifier's text in the given statements, leaving out the members shown as signatures. */
function identifiersIn(statements: readonly ts.Statement[], file: ts.SourceFile, lines: readonly (PlannedLine | undefined)[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    if (ts.isClassElement(node) && lines[statementSpan(node, file).first - 1]?.kind === 'collapse') return;
    ts.forEachChild(node, visit);
  };
  for (const statement of statements) visit(statement);
  return names;
}

/** Methods and accessors without a focus line, over more than one line, become `signature { … }`. */
function collapseMembers(declaration: ts.ClassDeclaration, file: ts.SourceFile, lines: (PlannedLine | undefined)[], holdsFocus: (span: LineSpan) => boolean): void {
  for (const member of declaration.members) {
    if (!(ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member))) continue;
    const span = statementSpan(member, file);
    if (member.body === undefined || span.last === span.first || holdsFocus(span)) continue;
    lines[span.first - 1] = collapsed(member, member.body, file, span);
  }
}

/** A declaration with a body as its one-line doc comment (if any) and `signature { … }`, in place of its lines. */
function collapsed(node: ts.Node, body: ts.Block, file: ts.SourceFile, span: LineSpan): PlannedLine {
  const start = node.getStart(file, false);
  const lineStart = file.getLineStarts()[file.getLineAndCharacterOfPosition(start).line]!;
  const indent = /^\s*/.exec(file.text.slice(lineStart, start))?.[0] ?? '';
  const signature = file.text.slice(start, body.getStart(file)).replace(/\s+/g, ' ').trim();
  const docs = oneLineDoc(node, file);
  return { kind: 'collapse', text: [...(docs === null ? [] : [`${indent}${docs}`]), `${indent}${signature} { … }`], last: span.last };
}

/** The member's doc comment when it is a single line (`/** Does x. *\/`), else null. */
function oneLineDoc(member: ts.Node, file: ts.SourceFile): string | null {
  const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
  const last = docs[docs.length - 1];
  if (last === undefined) return null;
  const text = file.text.slice(last.getStart(file), last.getEnd());
  return text.includes('\n') ? null : text;
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
