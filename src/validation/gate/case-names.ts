/**
 * Pure: which case of the candidate file a name the runner reported is, by the file's text. A case is
 * kept only when its reported name equals its full name as written in the file: every title (its own
 * and its describe blocks') a plain literal, not parameterised (`.each` / `.for` format their titles
 * at run time). Then the name the report and the comment show is the file's literal, and what the
 * test code did at run time (a template literal with expressions, a variable, a call, a
 * concatenation, a formatted table row) never reaches them: such a case is dropped with
 * COMPUTED_NAME, under a label made from the file (its line), never from the reported name.
 *
 * Generated cases (a loop or `.each` making several cases from one call, test-case-generators.ts) are
 * the exception that keeps the rule: a reported name that only one generator of the file can have made
 * is that generator's case, known by the generator's position and its order among that generator's
 * reported cases, and labelled from the file (generatedCaseLabel); its reported name is used only to
 * run it alone, never shown.
 */
import { testCaseMatchesName, type TestCaseInfo } from '../test-cases.js';

export const COMPUTED_NAME = 'its name is computed at run time; name the case with a string literal';

export type ReportedCase =
  /** `name`: the full name as written in the file (equal to the reported one). */
  | { readonly kind: 'literal'; readonly name: string; readonly source: TestCaseInfo }
  /** `label`: what the report shows for it, from the file only. */
  | { readonly kind: 'computed'; readonly label: string }
  /** A case of the generator `source` (source.generator is set); its reported name is never shown. */
  | { readonly kind: 'generated'; readonly source: TestCaseInfo };

export function reportedCaseOf(cases: readonly TestCaseInfo[], reportedName: string): ReportedCase {
  const literal = cases.find((info) => info.name === reportedName && !info.dynamicTitle && !info.parameterised && info.generator === null);
  if (literal !== undefined) return { kind: 'literal', name: literal.name!, source: literal };
  const matching = cases.filter((info) => (info.dynamicTitle || info.parameterised || info.generator !== null) && testCaseMatchesName(info, reportedName));
  // A title with nothing to match on (`it(name)`, `it('a' + b)`): the file's only such case, if it has one.
  const unmatchable = cases.filter((info) => info.namePattern === null);
  const computed = matching.length > 0 ? matching : unmatchable.length === 1 ? unmatchable : [];
  if (computed.length === 0) return { kind: 'computed', label: '(name computed at run time)' };
  if (computed.length === 1 && computed[0]!.generator !== null) return { kind: 'generated', source: computed[0]! };
  const lines = [...new Set(computed.map((info) => info.range.startLine))].sort((a, b) => a - b);
  return { kind: 'computed', label: `(name computed at run time, line ${lines.join(' or ')})` };
}

/**
 * What the report calls the `index`-th (1-based) case of a generator: the file's literal titles
 * (a computed one as `…`), the generator's line and the case's place, e.g.
 * `sum > adds %i and %i (generated at line 12, case 3)`. Nothing the test computed is in it.
 */
export function generatedCaseLabel(source: TestCaseInfo, index: number): string {
  const titles = [...source.ancestorTitles.filter((title) => title !== ''), source.title].map((title) => title ?? '…');
  return `${titles.join(' > ')} (generated at line ${source.range.startLine}, case ${index})`;
}
