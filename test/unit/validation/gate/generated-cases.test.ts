/**
 * Generated cases on a table-driven test file shaped like a real one (a `const cases` table fed to a
 * for..of loop, an inline `it.each` table, a `describe.each`, a loop over a computed list): which calls
 * are generators, which tables are literal, cutting rows, keeping generators, and the labels the report
 * shows (from the file, never a reported name).
 */
import { describe, expect, it } from 'vitest';
import { generatedCaseLabel, reportedCaseOf } from '../../../../src/validation/gate/case-names.js';
import { cuttableGenerators, finalLabel, finalSelection, generatedCase, literalCase } from '../../../../src/validation/gate/generated-cases.js';
import { removeTableRows } from '../../../../src/validation/test-case-rows.js';
import { keepOnlyTestCases, listTestCases } from '../../../../src/validation/test-cases.js';

const FILE = 'test/slug.testmaster.test.ts';
const SOURCE = `import { describe, expect, it } from 'vitest';
import { slugify } from '../src/slug.js';

const cases = [
  { input: 'Hello World', want: 'hello-world' },
  { input: '  trim me  ', want: 'trim-me' },
  { input: 'Ünïcödé', want: 'unicode' },
] as const;

describe('slugify', () => {
  for (const t of cases) {
    it(JSON.stringify(t.input), () => {
      expect(slugify(t.input)).toBe(t.want);
    });
  }

  it.each([
    ['a--b', 'a-b'],
    ['', ''],
  ])('collapses %s', (input, want) => {
    expect(slugify(input)).toBe(want);
  });

  it('keeps digits', () => {
    expect(slugify('v2')).toBe('v2');
  });

  for (const word of Object.keys({ a: 1, b: 2 })) it(word, () => expect(slugify(word)).toBe(word));
});
`;

describe('generated cases', () => {
  const infos = listTestCases(SOURCE, FILE);

  it('finds each generator, in order, with its literal table where it has one', () => {
    expect(infos.map((info) => [info.title, info.generator?.ordinal ?? null, info.generator?.table?.rows.length ?? null])).toEqual([
      [null, 0, 3],
      ['collapses %s', 1, 2],
      ['keeps digits', null, null],
      [null, 2, null],
    ]);
  });

  it('attributes a reported name only one generator can have made to it, and labels it from the file', () => {
    const found = reportedCaseOf(infos, 'slugify > collapses a--b');
    expect(found).toMatchObject({ kind: 'generated', source: { title: 'collapses %s' } });
    // Two generators without a pattern: a name either could have made is not attributed.
    expect(reportedCaseOf(infos, 'slugify > "Hello World"').kind).toBe('computed');
    expect(generatedCaseLabel(infos[1]!, 2)).toBe('slugify > collapses %s (generated at line 17, case 2)');
    expect(generatedCaseLabel(infos[0]!, 1)).toBe('slugify > … (generated at line 12, case 1)');
  });

  it('cuts rows of a literal table and keeps a generator while one of its cases is kept', () => {
    const loop = infos[0]!;
    const each = infos[1]!;
    const reported = [
      generatedCase('slugify > "Hello World"', loop, 0),
      generatedCase('slugify > "  trim me  "', loop, 1),
      generatedCase('slugify > "Ünïcödé"', loop, 2),
      generatedCase('slugify > collapses a--b', each, 0),
      generatedCase('slugify > collapses ', each, 1),
      literalCase('slugify > keeps digits', infos[2]!),
    ];
    const cuttable = cuttableGenerators(reported);
    expect([...cuttable].sort()).toEqual([0, 1]);
    const chosen = finalSelection(new Set([reported[2]!.id]), reported, cuttable);
    expect(chosen.generators).toEqual(new Set([0]));
    expect(chosen.rowCuts).toEqual(new Map([[loop.generator!.table!.start, new Set([0, 1])]]));

    const final = keepOnlyTestCases(removeTableRows(SOURCE, FILE, chosen.rowCuts), FILE, chosen.names, chosen.generators).source;
    expect(final).toContain("const cases = [\n  { input: 'Ünïcödé', want: 'unicode' },\n] as const;");
    expect(final).toContain('for (const t of cases) {');
    expect(final).not.toContain('collapses');
    expect(final).not.toContain('keeps digits');
    expect(final).not.toContain('it(word');
    const finalCases = listTestCases(final, FILE);
    expect(finalCases).toHaveLength(1);
    expect(finalLabel(reported[2]!, finalCases, chosen)).toBe('slugify > … (generated at line 10, case 1)');
  });

  it('keeps a generator whole when its reported cases do not match its rows', () => {
    const loop = infos[0]!;
    const reported = [generatedCase('a', loop, 0), generatedCase('b', loop, 1)];
    expect(cuttableGenerators(reported).size).toBe(0);
    const chosen = finalSelection(new Set([reported[0]!.id]), reported, new Set());
    expect(chosen.rowCuts.size).toBe(0);
    expect(chosen.ridingAlong.map((entry) => entry.id)).toEqual([reported[1]!.id]);
  });

  it('cuts the last rows of a table and refuses to cut them all', () => {
    const start = infos[1]!.generator!.table!.start;
    const cut = removeTableRows(SOURCE, FILE, new Map([[start, new Set([1])]]));
    expect(cut).toContain("it.each([\n    ['a--b', 'a-b'],\n  ])('collapses %s'");
    expect(() => removeTableRows(SOURCE, FILE, new Map([[start, new Set([0, 1])]]))).toThrow(/every row/);
  });
});
