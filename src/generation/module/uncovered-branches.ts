/**
 * The changed branches the existing tests never take, in words for the prompt (pure): for each branch
 * of Istanbul's branch map that starts on a changed line and has a path with no hit, which path it is.
 * A V8 block (Vitest's v8 provider: type `branch`, one path, the range of code that never ran) has no
 * kind to name, so it is quoted from the module's source: `the code \`: s0\` (from column 44) never
 * runs` says which side of a `?:`, which `catch`, which `if` body, where "path 1 of 1" said nothing.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import type { UncoveredBranch } from '../prompt/prompt-types.js';

const KIND_WORDS: Readonly<Record<string, readonly string[]>> = {
  if: ['the if branch', 'the else branch'],
  'cond-expr': ['the true side of the ?: expression', 'the false side of the ?: expression'],
  'default-arg': ['the default value of the parameter'],
};

const MAX_QUOTED_CHARS = 60;

interface Range {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

/** `source`: the module's text, to quote the code of a V8 block; without it such a block is named by number. */
export function uncoveredBranches(data: FileCoverageData, changedLines: readonly number[], source?: string): UncoveredBranch[] {
  const changed = new Set(changedLines);
  const lines = source?.replace(/\r\n?/g, '\n').split('\n');
  const found: UncoveredBranch[] = [];
  for (const [id, hits] of Object.entries(data.b)) {
    const branch = data.branchMap[id];
    if (!branch) continue;
    const line = branch.loc?.start.line ?? branch.locations[0]?.start.line;
    if (line === undefined || !changed.has(line)) continue;
    hits.forEach((count, index) => {
      if (count !== 0) return;
      const quoted = branch.type === 'branch' && lines ? quoteRange(lines, branch.locations[index] ?? branch.loc) : null;
      found.push({ line, description: quoted === null ? describePath(branch.type, index, branch.locations.length) : `the code ${quoted} never runs` });
    });
  }
  return found.sort((a, b) => a.line - b.line);
}

function describePath(type: string, index: number, paths: number): string {
  const words = KIND_WORDS[type]?.[index];
  if (words) return `${words} is never taken`;
  if (type === 'switch') return `case ${index + 1} of the switch is never taken`;
  if (type === 'binary-expr' || type === 'logical-expr') return `operand ${index + 1} of ${paths} of the logical expression is never evaluated`;
  return `path ${index + 1} of ${paths} of the ${type} is never taken`;
}

/** '`: s0` (from column 44)', the first line of the range cut to MAX_QUOTED_CHARS; null when it has no code. */
function quoteRange(lines: readonly string[], range: Range | undefined): string | null {
  if (range === undefined) return null;
  const first = lines[range.start.line - 1];
  if (first === undefined) return null;
  const endColumn = range.end.line === range.start.line ? range.end.column : first.length;
  const text = first.slice(range.start.column, Math.max(range.start.column, endColumn)).trim();
  if (text === '') return null;
  const cut = text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
  const more = range.end.line > range.start.line ? ` (from column ${range.start.column + 1}, to line ${range.end.line})` : ` (from column ${range.start.column + 1})`;
  return `\`${cut}\`${more}`;
}
