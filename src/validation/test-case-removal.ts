/**
 * Cuts test cases out of a test file's text by syntax tree. A suite left with no test case goes
 * too. Everything else keeps its bytes: helpers, hooks, other cases and their comments, line
 * endings, and imports but the names only removed cases used (unused-imports.ts). A removed statement takes with it the comments directly above it (no blank line in
 * between; never the file's header comments), a comment after it on the same line, its own line(s),
 * and one blank line when that would otherwise leave two in a row or one against a bracket. Pure.
 */
import ts from 'typescript';
import { GenerationError } from '../errors/errors.js';
import { describeSyntaxProblem, parseTestSource, syntaxProblemsOf } from './test-case-parse.js';
import type { CaseEntry, RemovalUnit, SuiteEntry, TestTree } from './test-case-tree.js';
import { dropImportsLeftUnused } from './unused-imports.js';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  /** A deletion of whole lines (indentation to line break), which may take a blank line along. */
  readonly wholeLines: boolean;
}

/** The text with `remove` cut out; throws GenerationError when that cannot leave a valid file. */
export function cutTestCases(tree: TestTree, source: string, fileName: string, remove: ReadonlySet<CaseEntry>, label: (entry: CaseEntry) => string): string {
  if (remove.size === 0) return source;
  const removedSuites = new Set(tree.suites.filter((suite) => suite.cases.length > 0 && suite.cases.every((entry) => remove.has(entry))));
  const units: { unit: RemovalUnit; what: string }[] = [];
  for (const suite of removedSuites) {
    if (!hasRemovedAncestor(suite.parent, removedSuites)) units.push({ unit: suite.unit, what: `the suite holding ${label(suite.cases[0]!)}` });
  }
  for (const entry of remove) {
    if (!entry.suites.some((suite) => removedSuites.has(suite))) units.push({ unit: entry.unit, what: label(entry) });
  }
  const cuts = mergeEdits(units.map(({ unit, what }) => editFor(tree.sourceFile, source, unit, () => `cannot remove ${what} from ${fileName}`)));
  // Collapsing blank lines can make neighbouring cuts touch; once merged, the joined cut is judged again
  // (two removed cases in a row at the top of a block leave no blank line against its bracket).
  let edits = cuts;
  for (let round = 0; round < 3; round++) {
    const next = mergeEdits(edits.map((edit) => (edit.wholeLines ? { ...edit, ...collapseBlankLines(source, edit.start, edit.end) } : edit)));
    const same = next.length === edits.length && next.every((edit, index) => edit.start === edits[index]!.start && edit.end === edits[index]!.end);
    edits = next;
    if (same) break;
  }
  let result = source;
  for (const edit of [...edits].reverse()) result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
  const problems = syntaxProblemsOf(parseTestSource(result, fileName));
  if (problems.length > 0) {
    throw new GenerationError(
      `removing test cases from ${fileName} would leave a syntax error (${describeSyntaxProblem(problems[0]!)}); keep the whole file or drop it`,
    );
  }
  // A file that keeps cases must still compile where unused names are errors (`noUnusedLocals`).
  const keepsCases = tree.cases.some((entry) => !remove.has(entry));
  return keepsCases ? dropImportsLeftUnused(source, result, fileName) : result;
}

function hasRemovedAncestor(suite: SuiteEntry | null, removed: ReadonlySet<SuiteEntry>): boolean {
  for (let current = suite; current !== null; current = current.parent) if (removed.has(current)) return true;
  return false;
}

function editFor(sourceFile: ts.SourceFile, source: string, unit: RemovalUnit, what: () => string): Edit {
  const start = unit.node.getStart(sourceFile);
  switch (unit.mode) {
    case 'statement':
      return { ...statementRange(sourceFile, source, unit.node), replacement: '' };
    case 'embedded':
    case 'arrow-body':
      return { start, end: unit.node.end, replacement: '{}', wholeLines: false };
    case 'expression': {
      const line = sourceFile.getLineAndCharacterOfPosition(start).line + 1;
      throw new GenerationError(`${what()}: its call at line ${line} is part of a larger expression; write each test case and suite as a statement of its own`);
    }
  }
}

/**
 * Sorted; overlapping deletions, and touching whole-line ones, merged into one (so that the blank
 * lines around a run of removed statements are judged once). Replacing edits never overlap others.
 */
function mergeEdits(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const merged: Edit[] = [];
  for (const edit of sorted) {
    const last = merged.at(-1);
    const deletions = last !== undefined && last.replacement === '' && edit.replacement === '';
    const joins = deletions && (edit.start < last.end || (edit.start === last.end && last.wholeLines && edit.wholeLines));
    if (last !== undefined && joins) {
      const end = Math.max(last.end, edit.end);
      merged[merged.length - 1] = { start: last.start, end, replacement: '', wholeLines: last.wholeLines && edit.wholeLines };
    } else {
      merged.push(edit);
    }
  }
  return merged;
}

function statementRange(sourceFile: ts.SourceFile, source: string, statement: ts.Node): { start: number; end: number; wholeLines: boolean } {
  let start = statement.getStart(sourceFile);
  let end = statement.end;
  const isFirstStatement = statement.pos === 0;
  if (!isFirstStatement) {
    const leading = ts.getLeadingCommentRanges(source, statement.pos) ?? [];
    for (const comment of [...leading].reverse()) {
      if (lineBreaks(source.slice(comment.end, start)) > 1) break;
      start = comment.pos;
    }
  }
  for (const comment of ts.getTrailingCommentRanges(source, end) ?? []) end = comment.end;
  const lineStart = startOfLine(source, start);
  const lineEnd = endOfLineBreak(source, end);
  if (!isBlank(source.slice(lineStart, start)) || !isBlank(source.slice(end, lineEnd))) return { start, end, wholeLines: false };
  return { start: lineStart, end: lineEnd, wholeLines: true };
}

/** Whole lines [start, end) are going; also take one blank line next to them where it would be left over. */
function collapseBlankLines(source: string, start: number, end: number): { start: number; end: number } {
  const previousStart = start === 0 ? -1 : startOfLine(source, start - 1);
  const previousBlank = previousStart >= 0 && isBlank(source.slice(previousStart, start));
  const nextEnd = endOfLineBreak(source, end);
  const next = source.slice(end, nextEnd);
  const nextBlank = end < source.length && isBlank(next);
  const nextCloses = end >= source.length || /^\s*[)}\]]/.test(next);
  if (previousBlank && (nextBlank || nextCloses)) return { start: previousStart, end };
  const previousOpens = previousStart >= 0 && /[({[]\s*$/.test(source.slice(previousStart, start));
  if (nextBlank && previousOpens) return { start, end: nextEnd };
  return { start, end };
}

function startOfLine(source: string, position: number): number {
  return source.lastIndexOf('\n', position - 1) + 1;
}

/** Position just after the line break ending the line that holds `position` (or the end of the text). */
function endOfLineBreak(source: string, position: number): number {
  const newline = source.indexOf('\n', position);
  return newline === -1 ? source.length : newline + 1;
}

function isBlank(text: string): boolean {
  return /^[ \t\r\n\f\v\u00a0\ufeff]*$/.test(text);
}

function lineBreaks(text: string): number {
  return text.split('\n').length - 1;
}
