/**
 * Cuts rows out of the literal tables that feed generated test cases (`it.each([...])`,
 * `for (const t of cases)` over a `const cases = [...]`), so a generator keeps only the rows whose
 * cases are kept. Each table is named by where it starts (GeneratorInfo.table.start) and its rows by
 * index; a row goes with the separator before it (the first row with the one after it), everything
 * else keeps its bytes. A table never loses all its rows. Pure.
 */
import { GenerationError } from '../errors/errors.js';
import { describeSyntaxProblem, findSyntaxErrors } from './test-case-parse.js';
import { listTestCases, type SourceRange } from './test-cases.js';

/** `removals`: table start -> indexes (0-based) of the rows to remove. */
export function removeTableRows(source: string, fileName: string, removals: ReadonlyMap<number, ReadonlySet<number>>): string {
  const tables = new Map<number, readonly SourceRange[]>();
  for (const info of listTestCases(source, fileName)) if (info.generator?.table) tables.set(info.generator.table.start, info.generator.table.rows);
  const edits: { start: number; end: number }[] = [];
  for (const [start, indexes] of removals) {
    if (indexes.size === 0) continue;
    const rows = tables.get(start);
    if (rows === undefined) throw new GenerationError(`cannot remove table rows from ${fileName}: no literal table starts at offset ${start}; keep the whole table`);
    const firstKept = rows.findIndex((_row, index) => !indexes.has(index));
    if (firstKept === -1) throw new GenerationError(`cannot remove every row of the table at line ${rows[0]?.startLine ?? 0} of ${fileName}; remove its test case instead`);
    rows.forEach((row, index) => {
      if (!indexes.has(index)) return;
      // Rows before the first kept one go up to its start; any later one from the end of the row before it.
      if (index < firstKept) edits.push({ start: row.start, end: rows[index + 1]!.start });
      else edits.push({ start: rows[index - 1]!.end, end: row.end });
    });
  }
  let result = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + result.slice(edit.end);
  const problems = findSyntaxErrors(result, fileName);
  if (problems.length > 0) {
    throw new GenerationError(`removing table rows from ${fileName} would leave a syntax error (${describeSyntaxProblem(problems[0]!)}); keep the whole table`);
  }
  return result;
}
