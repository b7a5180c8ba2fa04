import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GenerationError } from '../../../src/errors/errors.js';
import { parseJestStyleResults } from '../../../src/runners/jest-style-results.js';
import {
  findSyntaxErrors,
  keepOnlyTestCases,
  listTestCases,
  removeTestCases,
  testCaseMatchesName,
  type TestCaseInfo,
} from '../../../src/validation/test-cases.js';
import { PROJECT_ROOT } from '../../helpers/project-root.js';
import { runNodeByHand } from '../../helpers/runner-harness.js';
import { toolchainModules } from '../../helpers/toolchains.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const names = (cases: readonly TestCaseInfo[]): (string | null)[] => cases.map((testCase) => testCase.name);

const VITEST_TS = lines(
  "import { beforeEach, describe, expect, it, test } from 'vitest';",
  "import { add } from '../src/math.js';",
  '',
  'interface Pair { readonly a: number; readonly b: number }',
  'const pair: Pair = { a: 1, b: 2 };',
  '',
  "describe('math', () => {",
  '  let total: number;',
  '  beforeEach(() => {',
  '    total = 0;',
  '  });',
  '',
  '  // adds two numbers',
  "  it('adds', () => {",
  '    expect(add(pair.a, pair.b)).toBe(3);',
  '  });',
  '',
  "  describe('edge cases', () => {",
  '    test(`zero`, () => {',
  '      expect(add(0, 0)).toBe(0);',
  '      expect(total).toEqual(0);',
  '    });',
  '',
  "    it('negative', () => {",
  '      expect(add(-1, -1) as number).toBeLessThan(0);',
  '    }); // keeps its sign',
  '  });',
  '});',
  '',
  "test('top level', () => {",
  '  expect(add(1, 1)).not.toBe(3);',
  '});',
);

describe('listTestCases', () => {
  it('names the cases of a Vitest TypeScript file as the runners do, with ranges and assertion counts', () => {
    const cases = listTestCases(VITEST_TS, 'math.test.ts');
    expect(names(cases)).toEqual(['math > adds', 'math > edge cases > zero', 'math > edge cases > negative', 'top level']);
    expect(cases.map((testCase) => testCase.ancestorTitles)).toEqual([['math'], ['math', 'edge cases'], ['math', 'edge cases'], []]);
    expect(cases.map((testCase) => testCase.title)).toEqual(['adds', 'zero', 'negative', 'top level']);
    expect(cases.map((testCase) => testCase.assertionCount)).toEqual([1, 2, 1, 1]);
    expect(cases.map((testCase) => [testCase.range.startLine, testCase.range.endLine])).toEqual([
      [14, 16],
      [19, 22],
      [24, 26],
      [30, 32],
    ]);
    const adds = cases[0]!;
    expect(VITEST_TS.slice(adds.range.start, adds.range.end)).toBe("it('adds', () => {\n    expect(add(pair.a, pair.b)).toBe(3);\n  });");
    expect(cases.every((testCase) => !testCase.parameterised && !testCase.dynamicTitle && !testCase.duplicateName)).toBe(true);
    expect(cases.every((testCase) => testCase.modifiers.length === 0)).toBe(true);
  });

  it('reads Jest files in CommonJS, with required or global functions', () => {
    const required = lines(
      "const { describe, it, expect } = require('@jest/globals');",
      "const { price } = require('../src/price');",
      "describe('price', function () {",
      "  it('is positive', function () { expect(price(1)).toBeGreaterThan(0); });",
      '});',
    );
    const globals = lines("describe('price', () => {", "  test('is a number', () => { expect(typeof price(1)).toBe('number'); });", '});');
    expect(names(listTestCases(required, 'price.test.cjs'))).toEqual(['price > is positive']);
    expect(names(listTestCases(globals, 'price.test.js'))).toEqual(['price > is a number']);
  });

  it('records modifiers, Jest aliases included', () => {
    const source = lines(
      "it.only('a', () => {});",
      "it.skip('b', () => {});",
      "it.todo('c');",
      "test.concurrent('d', async () => {});",
      "it.fails('e', () => {});",
      "it.concurrent.skip('f', async () => {});",
      "test.skipIf(process.env.CI)('g', () => {});",
      "xit('h', () => {});",
      "fit('i', () => {});",
      "test.failing('j', () => {});",
      "xdescribe('k', () => { it('l', () => {}); });",
    );
    const cases = listTestCases(source, 'modifiers.test.js');
    expect(cases.map((testCase) => [testCase.name, testCase.modifiers])).toEqual([
      ['a', ['only']],
      ['b', ['skip']],
      ['c', ['todo']],
      ['d', ['concurrent']],
      ['e', ['fails']],
      ['f', ['concurrent', 'skip']],
      ['g', ['skipIf']],
      ['h', ['skip']],
      ['i', ['only']],
      ['j', ['failing']],
      ['k > l', []],
    ]);
  });

  it('marks .each and .for forms as parameterised, with a pattern matching the reported names', () => {
    const source = lines(
      "describe('sum', () => {",
      "  it.each([[1, 2, 3]])('adds %i and %i', (a, b, c) => { expect(a + b).toBe(c); });",
      '  it.each`',
      '    a    | b',
      '    ${1} | ${2}',
      "  `('compares $a with $b', ({ a, b }) => { expect(a).toBeLessThan(b); });",
      "  test.for([3])('for %i', (n) => { expect(n).toBe(3); });",
      '});',
      "describe.each(['x', 'y'])('each describe %s', (value) => {",
      "  it('inside', () => { expect(value).toBeTruthy(); });",
      '});',
      "it('plain', () => {});",
    );
    const cases = listTestCases(source, 'each.test.ts');
    expect(names(cases)).toEqual(['sum > adds %i and %i', 'sum > compares $a with $b', 'sum > for %i', 'each describe %s > inside', 'plain']);
    expect(cases.map((testCase) => testCase.parameterised)).toEqual([true, true, true, true, false]);
    expect(cases.map((testCase) => testCase.modifiers)).toEqual([['each'], ['each'], ['for'], [], []]);
    const [adds, compares, forCase, inside, plain] = cases as [TestCaseInfo, TestCaseInfo, TestCaseInfo, TestCaseInfo, TestCaseInfo];
    expect(testCaseMatchesName(adds, 'sum > adds 1 and 2')).toBe(true);
    expect(testCaseMatchesName(adds, 'sum > subtracts 1 and 2')).toBe(false);
    expect(testCaseMatchesName(compares, 'sum > compares 1 with 2')).toBe(true);
    expect(testCaseMatchesName(forCase, 'sum > for 3')).toBe(true);
    expect(testCaseMatchesName(inside, 'each describe y > inside')).toBe(true);
    expect(testCaseMatchesName(inside, 'each describe y > outside')).toBe(false);
    expect(testCaseMatchesName(plain, 'plain')).toBe(true);
    expect(testCaseMatchesName(plain, 'plainly')).toBe(false);
  });

  it('reads template-literal titles, and flags titles computed at run time', () => {
    const source = lines(
      'const label = "computed";',
      'describe(`suite`, () => {',
      '  it(`static`, () => {});',
      '  it(`handles ${label} input`, () => {});',
      '  it(label, () => {});',
      '});',
      'describe(label, () => {',
      "  it('inner', () => {});",
      '});',
    );
    const cases = listTestCases(source, 'titles.test.ts');
    expect(names(cases)).toEqual(['suite > static', null, null, null]);
    expect(cases.map((testCase) => testCase.dynamicTitle)).toEqual([false, true, true, true]);
    expect(cases.map((testCase) => testCase.title)).toEqual(['static', null, null, 'inner']);
    expect(cases[3]!.ancestorTitles).toEqual([null]);
    expect(testCaseMatchesName(cases[1]!, 'suite > handles computed input')).toBe(true);
    expect(testCaseMatchesName(cases[1]!, 'suite > static')).toBe(false);
    expect(cases[2]!.namePattern).toBeNull();
    expect(cases[3]!.namePattern).toBeNull();
  });

  it('flags duplicate names, leaves empty describe titles out of names, and keeps unicode titles', () => {
    const source = lines(
      "describe('dup', () => {",
      "  it('same', () => {});",
      "  it('same', () => {});",
      "  it('other', () => {});",
      '});',
      "describe('', () => { it('under an empty title', () => {}); });",
      "it('ünïcödé ✓ 日本 🚀', () => {});",
      "it('a > b', () => {});",
    );
    const cases = listTestCases(source, 'dup.test.js');
    expect(names(cases)).toEqual(['dup > same', 'dup > same', 'dup > other', 'under an empty title', 'ünïcödé ✓ 日本 🚀', 'a > b']);
    expect(cases.map((testCase) => testCase.duplicateName)).toEqual([true, true, false, false, false, false]);
    expect(cases[3]!.ancestorTitles).toEqual(['']);
  });

  it('counts expect chains and assert calls, not bare or unfinished expectations', () => {
    const source = lines(
      "import assert from 'node:assert/strict';",
      "it('chains', async () => {",
      '  expect(1).toBe(1);',
      '  expect(2).not.toBe(1);',
      '  await expect(Promise.resolve(1)).resolves.toBe(1);',
      '  expect.soft(3).toBeGreaterThan(2);',
      '  expect(true).to.be.true;',
      '});',
      "it('asserts', () => { assert(true); assert.equal(1, 1); assert.deepStrictEqual([], []); });",
      "it('asserts nothing', () => {",
      '  expect(1);',
      '  expect(1).toBe;',
      '  expect.assertions(1);',
      '  expect({ a: 1 }).toEqual(expect.any(Object));',
      '});',
      "it('context expect', ({ expect: check }) => { check(1).toBe(1); });",
      "it('test context', (context) => { context.expect(1).toBe(1); });",
      "it.todo('later');",
    );
    const counts = listTestCases(source, 'assertions.test.ts').map((testCase) => [testCase.name, testCase.assertionCount]);
    expect(counts).toEqual([
      ['chains', 5],
      ['asserts', 3],
      ['asserts nothing', 1],
      ['context expect', 0],
      ['test context', 1],
      ['later', 0],
    ]);
  });

  it('parses by extension: JSX, TSX, .mts, .cts, and refuses other extensions', () => {
    const jsx = lines("it('renders', () => {", '  const view = <div className="a">hi</div>;', '  expect(view).toBeTruthy();', '});');
    const tsx = lines("it('renders', () => {", '  const view = <Box<string> value="a" />;', '  expect(view as unknown).toBeTruthy();', '});');
    expect(names(listTestCases(jsx, 'view.test.jsx'))).toEqual(['renders']);
    expect(findSyntaxErrors(jsx, 'view.test.jsx')).toEqual([]);
    expect(findSyntaxErrors(tsx, 'view.test.tsx')).toEqual([]);
    expect(findSyntaxErrors(tsx, 'view.test.ts').length).toBeGreaterThan(0); // JSX is not TypeScript
    for (const name of ['a.test.mts', 'a.test.cts', 'a.test.mjs', 'A.TEST.TS']) {
      expect(names(listTestCases("it('x', () => {});", name))).toEqual(['x']);
    }
    expect(() => listTestCases("it('x', () => {});", 'a.test.coffee')).toThrow(GenerationError);
  });
});

describe('removeTestCases', () => {
  it('removes one case with its own comments and line, keeping everything else byte for byte', () => {
    const result = removeTestCases(VITEST_TS, 'math.test.ts', new Set(['math > adds']));
    expect(result.removed).toEqual(['math > adds']);
    expect(result.notFound).toEqual([]);
    const cut = "  // adds two numbers\n  it('adds', () => {\n    expect(add(pair.a, pair.b)).toBe(3);\n  });\n\n";
    expect(VITEST_TS.includes(cut)).toBe(true);
    expect(result.source).toBe(VITEST_TS.replace(cut, ''));
  });

  it('takes a trailing same-line comment with the case and keeps the neighbours’ comments', () => {
    const result = removeTestCases(VITEST_TS, 'math.test.ts', new Set(['math > edge cases > negative']));
    // The blank line above it goes too, rather than stay against the closing bracket.
    const cut = "\n\n    it('negative', () => {\n      expect(add(-1, -1) as number).toBeLessThan(0);\n    }); // keeps its sign\n";
    expect(result.source).toBe(VITEST_TS.replace(cut, '\n'));
    expect(result.source).toContain('// adds two numbers');
    expect(result.source).not.toContain('keeps its sign');
  });

  it('leaves no blank line against the bracket when the first cases of a block go, one after another', () => {
    const source = [
      "describe('f', () => {",
      "  it('a', () => {",
      '    expect(1).toBe(1);',
      '  });',
      '',
      "  it('b', () => {",
      '    expect(2).toBe(2);',
      '  });',
      '',
      "  it('c', () => {",
      '    expect(3).toBe(3);',
      '  });',
      '});',
      '',
    ].join('\n');
    const result = removeTestCases(source, 'f.test.ts', new Set(['f > a', 'f > b']));
    expect(result.source).toBe(["describe('f', () => {", "  it('c', () => {", '    expect(3).toBe(3);', '  });', '});', ''].join('\n'));
  });

  it('removes a describe block, hooks and all, when every case in it is removed', () => {
    const inner = removeTestCases(VITEST_TS, 'math.test.ts', new Set(['math > edge cases > zero', 'math > edge cases > negative']));
    expect(inner.source).not.toContain("describe('edge cases'");
    expect(names(listTestCases(inner.source, 'math.test.ts'))).toEqual(['math > adds', 'top level']);
    expect(inner.source).toContain('beforeEach(() => {');

    const outer = removeTestCases(VITEST_TS, 'math.test.ts', new Set(['math > adds', 'math > edge cases > zero', 'math > edge cases > negative']));
    expect(outer.source).toBe(
      lines(
        "import { beforeEach, describe, expect, it, test } from 'vitest';",
        "import { add } from '../src/math.js';",
        '',
        'interface Pair { readonly a: number; readonly b: number }',
        'const pair: Pair = { a: 1, b: 2 };',
        '',
        "test('top level', () => {",
        '  expect(add(1, 1)).not.toBe(3);',
        '});',
      ),
    );
  });

  it('leaves a valid file with its imports and helpers when every case is removed', () => {
    const all = new Set(names(listTestCases(VITEST_TS, 'math.test.ts')) as string[]);
    const result = removeTestCases(VITEST_TS, 'math.test.ts', all);
    expect(result.source).toBe(
      lines(
        "import { beforeEach, describe, expect, it, test } from 'vitest';",
        "import { add } from '../src/math.js';",
        '',
        'interface Pair { readonly a: number; readonly b: number }',
        'const pair: Pair = { a: 1, b: 2 };',
      ),
    );
    expect(findSyntaxErrors(result.source, 'math.test.ts')).toEqual([]);
    expect(listTestCases(result.source, 'math.test.ts')).toEqual([]);
  });

  it('removes a case whose title contains " > " without touching its look-alike', () => {
    const source = lines("describe('a', () => {", "  it('b > c', () => {});", '});', "describe('a > b', () => {", "  it('c', () => {});", "  it('d', () => {});", '});');
    const cases = listTestCases(source, 'sep.test.js');
    expect(names(cases)).toEqual(['a > b > c', 'a > b > c', 'a > b > d']);
    // The runners report both as 'a > b > c': a duplicate, and both go.
    expect(cases[0]!.duplicateName).toBe(true);
    const result = removeTestCases(source, 'sep.test.js', new Set(['a > b > c']));
    expect(result.source).toBe(lines("describe('a > b', () => {", "  it('d', () => {});", '});'));
  });

  it("keeps the file's header comments and comments set apart by a blank line", () => {
    // Spelled in pieces: Vitest reads the pragma from this very file's text otherwise.
    const pragma = `// @${'vitest'}-environment node`;
    const source = lines(
      pragma,
      "it('first', () => {});",
      '',
      '// --- section: more cases ---',
      '',
      '/** Explains second. */',
      "it('second', () => {});",
      "it('third', () => {});",
    );
    const result = removeTestCases(source, 'pragma.test.js', new Set(['first', 'second']));
    expect(result.source).toBe(lines(pragma, '', '// --- section: more cases ---', '', "it('third', () => {});"));
  });

  it('preserves CRLF line endings', () => {
    const source = VITEST_TS.replace(/\n/g, '\r\n');
    const result = removeTestCases(source, 'math.test.ts', new Set(['math > adds', 'top level']));
    expect(result.source).not.toMatch(/[^\r]\n/);
    expect(result.source).toBe(
      VITEST_TS.replace("  // adds two numbers\n  it('adds', () => {\n    expect(add(pair.a, pair.b)).toBe(3);\n  });\n\n", '')
        .replace("});\n\ntest('top level', () => {\n  expect(add(1, 1)).not.toBe(3);\n});\n", '});\n')
        .replace(/\n/g, '\r\n'),
    );
  });

  it('reports names it did not find and changes nothing for them', () => {
    const result = removeTestCases(VITEST_TS, 'math.test.ts', new Set(['math > missing']));
    expect(result).toEqual({ source: VITEST_TS, removed: [], notFound: ['math > missing'] });
  });

  it('removes a parameterised case by one of its reported names', () => {
    const source = lines("describe('sum', () => {", "  it.each([[1, 2]])('adds %i and %i', (a, b) => {});", "  it('keeps', () => {});", '});');
    const result = removeTestCases(source, 'each.test.ts', new Set(['sum > adds 1 and 2']));
    expect(result.removed).toEqual(['sum > adds 1 and 2']);
    expect(result.source).toBe(lines("describe('sum', () => {", "  it('keeps', () => {});", '});'));
  });

  it('empties arrow bodies and unbraced statements instead of breaking them', () => {
    const source = lines(
      "describe('wrapped', () => {",
      "  [1, 2].forEach((n) => it(`n=${n}`, () => {}));",
      "  if (process.env.SLOW) it('slow', () => {});",
      "  it('stays', () => {});",
      '});',
    );
    const result = removeTestCases(source, 'wrapped.test.js', new Set(['wrapped > n=1', 'wrapped > slow']));
    expect(result.removed).toEqual(['wrapped > n=1', 'wrapped > slow']);
    expect(result.source).toBe(
      lines("describe('wrapped', () => {", '  [1, 2].forEach((n) => {});', '  if (process.env.SLOW) {}', "  it('stays', () => {});", '});'),
    );
  });

  it('removes a suite whose body is its only case, and copes with a missing final newline', () => {
    const source = "import { it, describe } from 'vitest';\n\ndescribe('x', () => it('a', () => {}));\nit('b', () => {});";
    expect(removeTestCases(source, 'arrow.test.ts', new Set(['x > a'])).source).toBe("import { it, describe } from 'vitest';\n\nit('b', () => {});");
    expect(removeTestCases(source, 'arrow.test.ts', new Set(['x > a', 'b'])).source).toBe("import { it, describe } from 'vitest';\n");
    expect(removeTestCases("it('only', () => {});", 'lone.test.js', new Set(['only'])).source).toBe('');
  });

  it('throws GenerationError for a case inside a larger expression and for a file that does not parse', () => {
    const embedded = lines("const handle = it('a', () => {});", "it('b', () => {});");
    expect(() => removeTestCases(embedded, 'expr.test.js', new Set(['a']))).toThrow(GenerationError);
    expect(() => removeTestCases(embedded, 'expr.test.js', new Set(['a']))).toThrow(/line 1 is part of a larger expression/);
    const broken = lines("it('a', () => {", "it('b', () => {});");
    expect(() => removeTestCases(broken, 'broken.test.js', new Set(['b']))).toThrow(/does not parse \(line 3/);
  });
});

describe('keepOnlyTestCases', () => {
  it('keeps the named cases and removes the rest, unnamed ones included', () => {
    const source = lines("describe('s', () => {", "  it('a', () => {});", '  it(`b ${1}`, () => {});', "  it('c', () => {});", '});', "it('d', () => {});");
    const result = keepOnlyTestCases(source, 'keep.test.js', new Set(['s > c', 'missing']));
    expect(result.source).toBe(lines("describe('s', () => {", "  it('c', () => {});", '});'));
    expect(result.removed).toEqual(['s > a', '(dynamic title at line 3)', 'd']);
    expect(result.notFound).toEqual(['missing']);
  });

  it('is the complement of removeTestCases', () => {
    const all = names(listTestCases(VITEST_TS, 'math.test.ts')) as string[];
    const kept = new Set([all[1]!, all[3]!]);
    const removed = new Set(all.filter((name) => !kept.has(name)));
    expect(keepOnlyTestCases(VITEST_TS, 'math.test.ts', kept).source).toBe(removeTestCases(VITEST_TS, 'math.test.ts', removed).source);
    expect(names(listTestCases(keepOnlyTestCases(VITEST_TS, 'math.test.ts', kept).source, 'math.test.ts'))).toEqual([all[1], all[3]]);
  });
});

/** One file exercising what names depend on, with a module to import. */
const REAL_RUN_FILE = lines(
  "import { describe, expect, it, test, beforeEach } from 'vitest';",
  "import { double } from './double.js';",
  '',
  "describe('double', () => {",
  '  let seed = 0;',
  '  beforeEach(() => { seed = 2; });',
  "  it('doubles', () => { expect(double(seed)).toBe(4); });",
  "  describe('inner > arrow', () => {",
  '    test(`template`, () => { expect(double(1)).toBe(2); });',
  "    it('ünïcödé ✓', () => { expect(double(0)).toBe(0); });",
  '  });',
  "  it.each([[1, 2], [3, 6]])('maps %i to %i', (a, b) => { expect(double(a)).toBe(b); });",
  "  describe('', () => { it('under an empty title', () => { expect(1).toBe(1); }); });",
  "  it.skip('skipped', () => {});",
  "  it.todo('todo');",
  '});',
  "describe.each(['x', 'y'])('for %s', (value) => {",
  "  it('repeats', () => { expect(double(value.length)).toBe(2); });",
  '});',
  "test('top level', () => { expect(double(-1)).toBe(-2); });",
);

describe('names against real runner output', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function runnerNames(dir: string, args: readonly string[], reportFile: string): Promise<string[]> {
    const run = await runNodeByHand(dir, args);
    const report: unknown = JSON.parse(await readFile(join(dir, reportFile), 'utf8').catch(() => 'null'));
    const parsed = parseJestStyleResults(report, dir);
    if (parsed === null) throw new Error(`no JSON report (exit ${run.code}): ${run.stderr.slice(-2000)}`);
    return parsed.cases.map((testCase) => testCase.name);
  }

  function expectListedMatchReported(listed: readonly TestCaseInfo[], reported: readonly string[]): void {
    for (const name of reported) expect(listed.some((testCase) => testCaseMatchesName(testCase, name)), name).toBe(true);
    for (const testCase of listed.filter((entry) => !entry.parameterised)) expect(reported).toContain(testCase.name);
  }

  it("match the repository's own Vitest, before and after removing cases", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testmaster-test-cases-vitest-'));
    dirs.push(dir);
    await symlink(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), '{ "name": "names-check", "private": true, "type": "module" }\n');
    await writeFile(join(dir, 'double.js'), 'export function double(n) { return n * 2; }\n');
    await writeFile(join(dir, 'names.test.ts'), REAL_RUN_FILE);
    const vitest = join(PROJECT_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const args = [vitest, 'run', 'names.test.ts', '--reporter=json', '--outputFile=report.json'];

    const reported = await runnerNames(dir, args, 'report.json');
    const listed = listTestCases(REAL_RUN_FILE, 'names.test.ts');
    expect(reported).toHaveLength(11);
    expect(reported).toContain('double > inner > arrow > ünïcödé ✓');
    expectListedMatchReported(listed, reported);

    const removeNames = ['double > inner > arrow > template', 'double > inner > arrow > ünïcödé ✓', 'double > maps 3 to 6', 'for y > repeats'];
    const result = removeTestCases(REAL_RUN_FILE, 'names.test.ts', new Set(removeNames));
    expect(result.notFound).toEqual([]);
    await writeFile(join(dir, 'names.test.ts'), result.source);
    const after = await runnerNames(dir, args, 'report.json');
    // .each cases go whole: both rows of 'maps' and both suites of 'for %s'.
    expect(after).toEqual(['double > doubles', 'double > under an empty title', 'double > skipped', 'double > todo', 'top level']);
    expect(result.source).toContain('beforeEach(() => { seed = 2; });');
  });

  it('match Jest 30 on a CommonJS file using globals', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testmaster-test-cases-jest-'));
    dirs.push(dir);
    await symlink(toolchainModules('jest30'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), '{ "name": "names-check", "private": true }\n');
    const source = REAL_RUN_FILE.replace(/^import \{ describe.*\n/, '')
      .replace("import { double } from './double.js';", "const { double } = require('./double.js');")
      .replace('it.todo', 'test.todo');
    await writeFile(join(dir, 'double.js'), 'exports.double = (n) => n * 2;\n');
    await writeFile(join(dir, 'names.test.js'), source);
    const jest = join(toolchainModules('jest30'), 'jest', 'bin', 'jest.js');
    const args = [jest, '--json', '--outputFile=report.json', '--ci', `--cacheDirectory=${join(dir, '.jest-cache')}`];
    const reported = await runnerNames(dir, args, 'report.json');
    expect(reported).toHaveLength(11);
    expectListedMatchReported(listTestCases(source, 'names.test.js'), reported);
  });
});
