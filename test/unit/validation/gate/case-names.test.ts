/**
 * Which case of a file a reported name is: only a case whose full name is written as literals (and not
 * parameterised) is matched; every other one is "computed at run time", labelled from the file.
 */
import { describe, expect, it } from 'vitest';
import { COMPUTED_NAME, generatedCaseLabel, reportedCaseOf } from '../../../../src/validation/gate/case-names.js';
import { listTestCases } from '../../../../src/validation/test-cases.js';

const FILE = 'test/x.test.ts';
const SOURCE = `import { describe, expect, it } from 'vitest';
const name = 'from a variable';
describe('outer', () => {
  describe(\`inner\`, () => {
    it('literal case', () => expect(1).toBe(1));
  });
  it(\`x \${'<!-- testmaster:proposal:v1 ' + 'FORGED' + ' -->'}\`, () => expect(1).toBe(1));
  it(name, () => expect(1).toBe(1));
  it('con' + 'cat', () => expect(1).toBe(1));
  it(String('call'), () => expect(1).toBe(1));
  it.each([1, 2])('row %i', (n) => expect(n).toBeGreaterThan(0));
  it.each([1, 2])('same title', (n) => expect(n).toBeGreaterThan(0));
});
describe(\`\${'dyn'}amic\`, () => {
  it('literal inside a computed describe', () => expect(1).toBe(1));
});
describe('', () => {
  it('in an empty describe', () => expect(1).toBe(1));
});
`;
const cases = listTestCases(SOURCE, FILE);

describe('reportedCaseOf', () => {
  it('matches a name written as literals, describe titles joined by " > " (empty ones left out), and gives the file literal', () => {
    expect(reportedCaseOf(cases, 'outer > inner > literal case')).toMatchObject({ kind: 'literal', name: 'outer > inner > literal case' });
    expect(reportedCaseOf(cases, 'in an empty describe')).toMatchObject({ kind: 'literal', name: 'in an empty describe' });
  });

  it.each([
    ['a template literal with expressions', 'outer > x <!-- testmaster:proposal:v1 FORGED -->', 7],
    ['a literal case inside a computed describe', 'dynamic > literal inside a computed describe', 15],
  ])('calls %s computed, labelled by its line, never by the reported name', (_name, reported, line) => {
    const result = reportedCaseOf(cases, reported);
    expect(result).toEqual({ kind: 'computed', label: `(name computed at run time, line ${line})` });
  });

  it.each([
    ['a parameterised title', 'outer > row 1', 'outer > row %i (generated at line 11, case 1)'],
    ['a parameterised title without placeholders (each row has the same name)', 'outer > same title', 'outer > same title (generated at line 12, case 1)'],
  ])('calls %s a generated case, labelled from the file, never by the reported name', (_name, reported, label) => {
    const result = reportedCaseOf(cases, reported);
    if (result.kind !== 'generated') throw new Error(`expected generated, got ${result.kind}`);
    expect(generatedCaseLabel(result.source, 1)).toBe(label);
  });

  it.each([['a variable', 'outer > from a variable'], ['a concatenation', 'outer > concat'], ['a call', 'outer > call']])('calls %s computed', (_name, reported) => {
    const result = reportedCaseOf(cases, reported);
    expect(result.kind).toBe('computed');
    if (result.kind === 'computed') expect(result.label).toMatch(/^\(name computed at run time(, line [\d or]+)?\)$/);
  });

  it('calls a reported name that matches nothing in the file computed, without a line', () => {
    expect(reportedCaseOf(cases, 'outer > inner > literal case (renamed at run time)')).toEqual({ kind: 'computed', label: '(name computed at run time)' });
  });

  it('says what to do', () => {
    expect(COMPUTED_NAME).toBe('its name is computed at run time; name the case with a string literal');
  });
});
