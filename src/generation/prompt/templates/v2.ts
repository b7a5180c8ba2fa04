/**
 * Prompt template v2 (pure). Changing any wording here is a new version: copy this file to v3.ts,
 * change it there, and bump PROMPT_VERSION, so results recorded against a version stay comparable.
 *
 * v2 against v1: the lines to cover are named by number (as ranges), not quoted again: the numbered
 * source above shows each of them with its mark. Measured on the fixtures: about 40% fewer tokens in
 * that section.
 *
 * Messages: a system message with the rules; a user message with the framework conventions, the
 * numbered source, the uncovered lines and branches named one by one (CoverUp: naming them is what
 * makes iteration pay), the signatures of what the module imports, one style example, and the answer
 * shape. A healing turn carries the failing cases with cleaned errors and the lines still uncovered.
 * The system and user messages and the healing turn are v1's, unchanged.
 */
import { PARTIAL_MARK, UNCOVERED_MARK } from '../numbered-source.js';
import type { PromptContext } from '../prompt-types.js';

export const PROMPT_VERSION = 'v2';

const MAX_NAMED_LINES = 60;

export { healingMessage, systemMessage, userMessage } from './v1.js';

/** The uncovered lines (by number, as ranges) and the untaken branches (in words). */
export function targetsSection(context: Pick<PromptContext, 'moduleSource' | 'uncoveredLines' | 'partialLines' | 'uncoveredBranches'>): string {
  const out: string[] = [];
  const uncovered = [...new Set(context.uncoveredLines)].sort((a, b) => a - b);
  if (uncovered.length > 0) out.push(`Changed lines never executed by the existing tests (marked ${UNCOVERED_MARK}): ${lineRanges(uncovered)}.`);
  const branches = context.uncoveredBranches ?? [];
  const described = new Set(branches.map((branch) => branch.line));
  const partial = [...new Set(context.partialLines)].filter((line) => !described.has(line)).sort((a, b) => a - b);
  if (branches.length > 0 || partial.length > 0) {
    out.push(`Branches not taken (marked ${PARTIAL_MARK}):`);
    out.push(...groupedBranches(branches));
    if (partial.length > 0) out.push(`- a branch starting on line ${lineRanges(partial)}`);
  }
  if (out.length === 0) return 'No changed line is left uncovered; write tests for the changed lines\' behaviour.';
  out.push('Write test cases that execute these lines and branches. In "covers", list the line numbers each case reaches.');
  return out.join('\n');
}

/** One line per source line: `- line 17: the if branch is never taken; ...`. */
function groupedBranches(branches: readonly { readonly line: number; readonly description: string }[]): string[] {
  const byLine = new Map<number, string[]>();
  for (const branch of branches) byLine.set(branch.line, [...(byLine.get(branch.line) ?? []), branch.description]);
  const lines = [...byLine.entries()].sort(([a], [b]) => a - b).slice(0, MAX_NAMED_LINES);
  return lines.map(([line, descriptions]) => `- line ${line}: ${descriptions.join('; ')}`);
}

/** 1,2,3,5 -> '1-3, 5' (at most MAX_NAMED_LINES ranges, then a count). */
function lineRanges(lines: readonly number[]): string {
  const ranges: string[] = [];
  let start = lines[0]!;
  let previous = start;
  for (const line of [...lines.slice(1), Number.NaN]) {
    if (line === previous + 1) {
      previous = line;
      continue;
    }
    ranges.push(start === previous ? String(start) : `${start}-${previous}`);
    start = line;
    previous = line;
  }
  const shown = ranges.slice(0, MAX_NAMED_LINES).join(', ');
  return ranges.length > MAX_NAMED_LINES ? `${shown} and ${ranges.length - MAX_NAMED_LINES} more ranges` : shown;
}


