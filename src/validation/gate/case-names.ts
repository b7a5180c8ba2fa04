/**
 * Pure: which case of the candidate file a name the runner reported is, by the file's text. A case is
 * kept only when its reported name equals its full name as written in the file: every title (its own
 * and its describe blocks') a plain literal, not parameterised (`.each` / `.for` format their titles
 * at run time). Then the name the report and the comment show is the file's literal, and what the
 * test code did at run time (a template literal with expressions, a variable, a call, a
 * concatenation, a formatted table row) never reaches them: such a case is dropped with
 * COMPUTED_NAME, under a label made from the file (its line), never from the reported name.
 */
import { testCaseMatchesName, type TestCaseInfo } from '../test-cases.js';

export const COMPUTED_NAME = 'its name is computed at run time; name the case with a string literal';

export type ReportedCase =
  /** `name`: the full name as written in the file (equal to the reported one). */
  | { readonly kind: 'literal'; readonly name: string; readonly source: TestCaseInfo }
  /** `label`: what the report shows for it, from the file only. */
  | { readonly kind: 'computed'; readonly label: string };

export function reportedCaseOf(cases: readonly TestCaseInfo[], reportedName: string): ReportedCase {
  const literal = cases.find((info) => info.name === reportedName && !info.dynamicTitle && !info.parameterised);
  if (literal !== undefined) return { kind: 'literal', name: literal.name!, source: literal };
  const matching = cases.filter((info) => (info.dynamicTitle || info.parameterised) && testCaseMatchesName(info, reportedName));
  // A title with nothing to match on (`it(name)`, `it('a' + b)`): the file's only such case, if it has one.
  const unmatchable = cases.filter((info) => info.namePattern === null);
  const computed = matching.length > 0 ? matching : unmatchable.length === 1 ? unmatchable : [];
  if (computed.length === 0) return { kind: 'computed', label: '(name computed at run time)' };
  const lines = [...new Set(computed.map((info) => info.range.startLine))].sort((a, b) => a - b);
  return { kind: 'computed', label: `(name computed at run time, line ${lines.join(' or ')})` };
}
