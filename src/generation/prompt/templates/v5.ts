/**
 * Prompt template v5 (pure). Changing any wording here is a new version: copy this file to v6.ts,
 * change it there, point current.ts at it, and bump PROMPT_VERSION, so results recorded against a
 * version (the cross-run cache, telemetry) stay comparable.
 *
 * v5 against v4: a "Runtime" section after the conventions (runtime-section.ts: the Node version the
 * tests run on, the newer features it lacks, how this runner fakes time), and the focused source shows
 * whole the module's own functions the uncovered code calls directly (up to 30 lines; marked-source.ts),
 * so a model reads what they return instead of guessing.
 *
 * v4 against v3: one rule more, names of describe blocks and cases as string literals (the gate keeps a
 * case only under the literal name written in its file: a name computed at run time could carry
 * anything into the comment, so such a case is dropped, and a healing turn was spent asking for it).
 *
 * v3 against v2:
 * - the source has no line-number gutter; only the lines to cover carry their number, in a trailing
 *   `// !N` or `// ?N` comment (marked-source.ts); inside a kept class, members without a target
 *   are shown as their signature;
 * - a branch is described only on a line that ran (a line never executed has no branch taken, so
 *   naming its branches one by one said nothing new);
 * - the answer no longer lists each case and the lines it covers: nothing used them (coverage is
 *   measured), and they cost prompt tokens in the shape and output tokens in every answer.
 *
 * Messages: a system message with the rules; a user message with the framework conventions, the
 * marked source, the lines and branches to cover named one by one (CoverUp: naming them is what makes
 * iteration pay), the signatures of what the module imports, one style example, and the answer
 * shape. A healing turn carries the failing cases with cleaned errors and the lines still uncovered,
 * quoted with their code.
 */
import { answerShapeReminder } from '../../answer/repair-prompt.js';
import { cleanErrorText } from '../clean-error-text.js';
import { PARTIAL_MARK, UNCOVERED_MARK } from '../marked-source.js';
import type { HealingInput, PromptContext, PromptSections } from '../prompt-types.js';

export const PROMPT_VERSION = 'v5';

const MAX_NAMED_LINES = 60;
const MAX_QUOTED_CHARS = 100;
const DEFAULT_MAX_FAILING_CASES = 8;

export function systemMessage(): string {
  return [
    'You write unit tests for a TypeScript/JavaScript repository. Your tests are run with the repository\'s own test runner and kept only if they pass every time and cover lines that were not covered.',
    'Rules:',
    '- Write exactly one new test file, at the path given. Do not change or repeat existing files.',
    '- Test the module\'s real behaviour through its exports and assert concrete results; no tests that cannot fail.',
    '- No snapshots, no network, no real clock or random values (fake or inject them), no timers or servers left running, no writes outside a temporary directory you remove.',
    '- Each test must be deterministic and independent of the others and of their order.',
    '- Name every describe block and case with a plain string literal (no template expressions, variables or .each).',
    '- If the code looks wrong, still assert what its name and documentation say it should do.',
  ].join('\n');
}

export function userMessage(sections: PromptSections): string {
  const parts = [
    `## Conventions\n${sections.conventions}`,
    ...(sections.runtime === '' ? [] : [`## Runtime\n${sections.runtime}`]),
    `## Module under test\nA line to cover ends with // ${UNCOVERED_MARK}N (never executed) or // ${PARTIAL_MARK}N (a branch not taken), N being its line number.\n${sections.source}`,
    `## What to cover\n${sections.targets}`,
  ];
  if (sections.signatures !== '') parts.push(`## Signatures of what the module imports\n${sections.signatures}`);
  if (sections.styleExample !== '') parts.push(`## An existing test of this package (follow its style)\n${sections.styleExample}`);
  parts.push(`## Answer\n${sections.answerShape}`);
  return parts.join('\n\n');
}

/** The lines never executed (by number, as ranges) and the branches not taken on lines that ran. */
export function targetsSection(context: Pick<PromptContext, 'uncoveredLines' | 'partialLines' | 'uncoveredBranches'>): string {
  const out: string[] = [];
  const uncovered = [...new Set(context.uncoveredLines)].sort((a, b) => a - b);
  if (uncovered.length > 0) out.push(`Lines never executed by the existing tests: ${lineRanges(uncovered)}.`);
  const ran = (line: number): boolean => !uncovered.includes(line);
  const branches = (context.uncoveredBranches ?? []).filter((branch) => ran(branch.line));
  const described = new Set(branches.map((branch) => branch.line));
  const partial = [...new Set(context.partialLines)].filter((line) => ran(line) && !described.has(line)).sort((a, b) => a - b);
  if (branches.length > 0 || partial.length > 0) {
    out.push('Branches not taken:');
    out.push(...groupedBranches(branches));
    if (partial.length > 0) out.push(`- a branch starting on line ${lineRanges(partial)}`);
  }
  if (out.length === 0) return 'No changed line is left uncovered; write tests for the changed lines\' behaviour.';
  out.push('Write test cases that execute these lines and take these branches.');
  return out.join('\n');
}

/** The user turn after a run: what failed (cleaned, cut), what is still uncovered, and the answer shape. */
export function healingMessage(input: HealingInput): string {
  const clean = (text: string): string => cleanErrorText(text, { roots: input.roots ?? [], maxChars: input.maxErrorChars ?? 1500 });
  const parts: string[] = [`Your test file ${input.testPath} was run. It needs fixing.`];
  if (input.fileError !== null && input.fileError.trim() !== '') {
    parts.push(`The file as a whole failed (no test ran):\n${clean(input.fileError)}`);
  }
  const maxCases = input.maxFailingCases ?? DEFAULT_MAX_FAILING_CASES;
  if (input.failingCases.length > 0) {
    const shown = input.failingCases.slice(0, maxCases).map((failure) => `### ${failure.name}\n${clean(failure.error)}`);
    if (input.failingCases.length > maxCases) shown.push(`… and ${input.failingCases.length - maxCases} more failing cases`);
    parts.push(`Failing test cases:\n${shown.join('\n\n')}`);
  }
  const lines = input.moduleSource.replace(/\r\n?/g, '\n').split('\n');
  const still = [...new Set(input.stillUncoveredLines)].sort((a, b) => a - b);
  if (still.length > 0) parts.push(`Changed lines still not covered:\n${namedLines(still, lines).join('\n')}`);
  parts.push(`Your previous file:\n\`\`\`\n${input.previousFile}\n\`\`\``);
  parts.push(
    'Fix or remove the failing cases (if a failure shows the code disagrees with its documented intent, keep the assertion and say so in "notes"), add cases for the lines still not covered, and send the whole file again.',
  );
  parts.push(answerShapeReminder(input.answerLimits));
  return parts.join('\n\n');
}

/** One line per source line: `- line 17: the if branch is never taken; ...`. */
function groupedBranches(branches: readonly { readonly line: number; readonly description: string }[]): string[] {
  const byLine = new Map<number, string[]>();
  for (const branch of branches) byLine.set(branch.line, [...(byLine.get(branch.line) ?? []), branch.description]);
  const lines = [...byLine.entries()].sort(([a], [b]) => a - b).slice(0, MAX_NAMED_LINES);
  return lines.map(([line, descriptions]) => `- line ${line}: ${descriptions.join('; ')}`);
}

/** `- line 12: \`code\`` for each line (at most MAX_NAMED_LINES, then a count). */
function namedLines(numbers: readonly number[], lines: readonly string[]): string[] {
  const named = numbers.slice(0, MAX_NAMED_LINES).map((line) => `- line ${line}: ${quote(lines[line - 1] ?? '')}`);
  if (numbers.length > MAX_NAMED_LINES) named.push(`- and ${numbers.length - MAX_NAMED_LINES} more lines`);
  return named;
}

function quote(code: string): string {
  const trimmed = code.trim();
  return `\`${trimmed.length > MAX_QUOTED_CHARS ? `${trimmed.slice(0, MAX_QUOTED_CHARS)}…` : trimmed}\``;
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
