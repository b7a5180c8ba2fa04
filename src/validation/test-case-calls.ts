/**
 * Recognises the calls that define tests and suites in Vitest and Jest (`it`, `test`, `describe`
 * and their aliases and modifier chains such as `it.only`, `test.concurrent.skip`,
 * `it.each(table)(...)`, `describe.each\`table\`(...)`, `test.skipIf(cond)(...)`) and reads their
 * titles, both as text and as a regular expression matching the names a runner reports. Pure.
 */
import ts from 'typescript';

export type TestCallKind = 'test' | 'describe';

export type TestModifier =
  | 'only'
  | 'skip'
  | 'todo'
  | 'concurrent'
  | 'sequential'
  | 'fails'
  | 'failing'
  | 'shuffle'
  | 'each'
  | 'for'
  | 'skipIf'
  | 'runIf';

export interface TestCallShape {
  readonly kind: TestCallKind;
  /** In source order; `xit` counts as `skip`, `fit` as `only`. */
  readonly modifiers: readonly TestModifier[];
  /** `.each` or `.for`: one source call, one reported case per table row. */
  readonly parameterised: boolean;
}

export interface TitleText {
  /** The title as the runner reports it; null when it is not a literal (the runner computes it). */
  readonly text: string | null;
  /** Regular-expression source (unanchored) for the reported title(s); null when nothing useful is known. */
  readonly pattern: string | null;
}

const BASE_NAMES: Readonly<Record<string, { kind: TestCallKind; modifier: TestModifier | null }>> = {
  it: { kind: 'test', modifier: null },
  test: { kind: 'test', modifier: null },
  xit: { kind: 'test', modifier: 'skip' },
  xtest: { kind: 'test', modifier: 'skip' },
  fit: { kind: 'test', modifier: 'only' },
  describe: { kind: 'describe', modifier: null },
  suite: { kind: 'describe', modifier: null },
  xdescribe: { kind: 'describe', modifier: 'skip' },
  fdescribe: { kind: 'describe', modifier: 'only' },
};

/** Modifiers used as plain properties: `it.only(...)`. */
const PLAIN_MODIFIERS = new Set<TestModifier>(['only', 'skip', 'todo', 'concurrent', 'sequential', 'fails', 'failing', 'shuffle']);
/** Modifiers that take their own arguments first: `it.each(table)(...)`, `it.skipIf(cond)(...)`. */
const ARGUMENT_MODIFIERS = new Set<TestModifier>(['each', 'for', 'skipIf', 'runIf']);

interface Chain {
  readonly kind: TestCallKind;
  readonly modifiers: TestModifier[];
  /** The chain ends in an argument modifier still waiting for its arguments. */
  readonly pending: boolean;
}

/** The shape of `call` when it defines a test or a suite; null for any other call. */
export function testCallShape(call: ts.CallExpression): TestCallShape | null {
  const chain = chainOf(call.expression);
  if (chain === null || chain.pending) return null;
  const parameterised = chain.modifiers.includes('each') || chain.modifiers.includes('for');
  return { kind: chain.kind, modifiers: chain.modifiers, parameterised };
}

function chainOf(expression: ts.Expression): Chain | null {
  if (ts.isIdentifier(expression)) {
    const base = BASE_NAMES[expression.text];
    if (base === undefined) return null;
    return { kind: base.kind, modifiers: base.modifier === null ? [] : [base.modifier], pending: false };
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const inner = chainOf(expression.expression);
    if (inner === null || inner.pending || !ts.isIdentifier(expression.name)) return null;
    const name = expression.name.text as TestModifier;
    if (PLAIN_MODIFIERS.has(name)) return { ...inner, modifiers: [...inner.modifiers, name] };
    if (ARGUMENT_MODIFIERS.has(name)) return { ...inner, modifiers: [...inner.modifiers, name], pending: true };
    return null;
  }
  if (ts.isCallExpression(expression)) {
    const inner = chainOf(expression.expression);
    return inner?.pending === true ? { ...inner, pending: false } : null;
  }
  if (ts.isTaggedTemplateExpression(expression)) {
    const inner = chainOf(expression.tag);
    return inner?.pending === true && inner.modifiers.at(-1) === 'each' ? { ...inner, pending: false } : null;
  }
  return null;
}

/** The function arguments of a test or suite call (its body; Vitest also takes an options object). */
export function callbacksOf(call: ts.CallExpression): ts.Expression[] {
  return call.arguments.slice(1).filter((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
}

/** The title of a test or suite call (its first argument). */
export function titleOf(call: ts.CallExpression, parameterised: boolean): TitleText {
  const argument = call.arguments[0];
  if (argument === undefined) return { text: null, pattern: null };
  if (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) {
    return { text: argument.text, pattern: literalPattern(argument.text, parameterised) };
  }
  if (ts.isNumericLiteral(argument)) {
    const text = String(Number(argument.text));
    return text === 'NaN' ? { text: null, pattern: null } : { text, pattern: escapeRegExp(text) };
  }
  if (ts.isTemplateExpression(argument)) {
    const pieces = [argument.head.text, ...argument.templateSpans.map((span) => span.literal.text)];
    if (pieces.every((piece) => piece.trim() === '')) return { text: null, pattern: null };
    return { text: null, pattern: collapseWildcards(pieces.map((piece) => literalPattern(piece, parameterised)).join(ANY_TEXT)) };
  }
  return { text: null, pattern: null };
}

const ANY_TEXT = '[\\s\\S]*?';

/**
 * Placeholders a parameterised title may contain: printf-style `%s %d %i %f %j %o %O %p %c`, the
 * row index `%#` (and Vitest's `%$`), and `$name` / `$a.b` for object rows and tagged-template tables.
 */
const PLACEHOLDER = /%%|%[sdifjoOpc#$]|\$[A-Za-z_$][\w$]*(?:\.[\w$]+)*/g;

function literalPattern(text: string, parameterised: boolean): string {
  if (!parameterised) return escapeRegExp(text);
  let pattern = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    pattern += escapeRegExp(text.slice(last, match.index));
    pattern += match[0] === '%%' ? '%%?' : ANY_TEXT;
    last = match.index + match[0].length;
  }
  // Runners differ at the edges (Vitest 5 reports `pct %% %d` with row 1 as `pct % 1 NaN`): allow a tail.
  return collapseWildcards(`${pattern}${escapeRegExp(text.slice(last))}${ANY_TEXT}`);
}

/** Adjacent wildcards match nothing more than one does, and multiply backtracking. */
function collapseWildcards(pattern: string): string {
  const twice = ANY_TEXT + ANY_TEXT;
  let result = pattern;
  while (result.includes(twice)) result = result.replaceAll(twice, ANY_TEXT);
  return result;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
