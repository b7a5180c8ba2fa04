import { describe, expect, it } from 'vitest';
import { cleanErrorText } from '../../../../src/generation/prompt/clean-error-text.js';
import { styleExcerpt } from '../../../../src/generation/prompt/style-excerpt.js';
import { healingMessage } from '../../../../src/generation/prompt/templates/current.js';
import { CART_SOURCE, CART_UNCOVERED, EXISTING_TEST } from './fixtures.js';

const RAW_ERROR = [
  '\u001b[31mAssertionError\u001b[39m: expected \u001b[32m200\u001b[39m to be \u001b[31m180\u001b[39m',
  '',
  '',
  '',
  '    at /home/runner/work/shop/shop/src/cart.testmaster.test.ts:12:30',
  '    at file:///home/runner/work/shop/shop/node_modules/@vitest/runner/dist/index.js:135:14',
  '    at node:internal/process/task_queues:95:5',
  '    see /tmp/testmaster-abc123/coverage/out.json and C:\\Users\\me\\shop\\src\\cart.ts',
].join('\n');

describe('cleanErrorText', () => {
  it('removes ANSI codes, repository and other absolute paths, and noise frames', () => {
    const cleaned = cleanErrorText(RAW_ERROR, { roots: ['/home/runner/work/shop/shop'] });
    expect(cleaned).toBe(
      [
        'AssertionError: expected 200 to be 180',
        '',
        '    at src/cart.testmaster.test.ts:12:30',
        '    see …/out.json and …\\cart.ts',
      ].join('\n'),
    );
  });

  it('leaves URLs alone', () => {
    expect(cleanErrorText('fetch failed: https://example.com/api/v1/items')).toBe('fetch failed: https://example.com/api/v1/items');
  });

  it('cuts to the size cap and says how much was cut', () => {
    const cleaned = cleanErrorText('x'.repeat(5000), { maxChars: 100 });
    expect(cleaned).toBe(`${'x'.repeat(100)}\n… (4900 more characters cut)`);
  });
});

describe('healingMessage', () => {
  it('names the failing cases with cleaned errors, the still-uncovered lines, and asks for the whole file', () => {
    const text = healingMessage({
      testPath: 'src/cart.testmaster.test.ts',
      previousFile: "import { it } from 'vitest';\nit('totals', () => {});\n",
      failingCases: [
        { name: 'cart > applies a discount', error: RAW_ERROR },
        { name: 'cart > huge', error: 'y'.repeat(3000) },
      ],
      fileError: null,
      stillUncoveredLines: [CART_UNCOVERED[1]!],
      moduleSource: CART_SOURCE,
      roots: ['/home/runner/work/shop/shop'],
      maxErrorChars: 200,
    });
    expect(text).toContain('### cart > applies a discount\nAssertionError: expected 200 to be 180');
    expect(text).not.toMatch(/\u001b|\/home\/runner|node_modules/);
    expect(text).toContain('… (2800 more characters cut)');
    expect(text).toContain(`- line ${CART_UNCOVERED[1]}: \`throw new RangeError('discount out of range: ' + discount.code);\``);
    expect(text).toContain("it('totals', () => {});");
    expect(text).toContain('Answer with one JSON object only');
    expect(text).not.toContain('The file as a whole failed');
  });

  it('reports a whole-file failure and caps the number of failing cases shown', () => {
    const text = healingMessage({
      testPath: 'a.test.ts',
      previousFile: 'x',
      failingCases: Array.from({ length: 12 }, (_v, i) => ({ name: `case ${i}`, error: 'boom' })),
      fileError: "Error: Cannot find module './cart' imported from /abs/a.test.ts",
      stillUncoveredLines: [],
      moduleSource: '',
      maxFailingCases: 3,
    });
    expect(text).toContain("The file as a whole failed (no test ran):\nError: Cannot find module './cart' imported from …/a.test.ts");
    expect(text).toContain('### case 2');
    expect(text).not.toContain('### case 3');
    expect(text).toContain('… and 9 more failing cases');
    expect(text).not.toContain('Changed lines still not covered');
  });
});

describe('styleExcerpt', () => {
  it('keeps the imports, the mocks and the first case inside its describe block, and counts the rest', () => {
    const excerpt = styleExcerpt(EXISTING_TEST, 'src/cart.test.ts');
    const total = EXISTING_TEST.trimEnd().split('\n').length;
    const lines = excerpt.split('\n');
    expect(lines.slice(2)).toEqual([
      '',
      "vi.mock('./money.js', async (importOriginal) => ({ ...(await importOriginal<typeof import('./money.js')>()) }));",
      '',
      "describe('cart', () => {",
      "  it('adds the lines', () => {",
      "    expect(cartTotal([{ sku: 'a', unitPrice: 100, quantity: 2 }])).toBe(200);",
      '  });',
      '  // … 4 lines omitted',
      '});',
      `// … ${total - 14} lines omitted`,
    ]);
    expect(lines[0]).toBe("import { describe, it, expect, vi } from 'vitest';");
  });

  it('descends into nested blocks, keeps hooks before the first case, and reads each, skip and tagged forms', () => {
    const nested = [
      "describe.each([1, 2])('outer %i', (n) => {",
      '  let value = 0;',
      '  beforeEach(() => {',
      '    value = n;',
      '  });',
      "  describe('inner', () => {",
      "    it.skip('first', () => {",
      '      expect(value).toBe(n);',
      '    });',
      "    test('second', () => {});",
      '  });',
      "  it('third', () => {});",
      '});',
      "describe('later', () => {});",
    ].join('\n');
    expect(styleExcerpt(nested, 'a.test.ts').split('\n')).toEqual([
      ...nested.split('\n').slice(0, 9),
      '    // … 1 line omitted',
      '  });',
      '  // … 1 line omitted',
      '});',
      '// … 1 line omitted',
    ]);
  });

  it('never keeps more than the cap', () => {
    const excerpt = styleExcerpt(EXISTING_TEST, 'src/cart.test.ts', 5);
    expect(excerpt.split('\n').filter((line) => !line.includes('omitted') && line !== '')).toHaveLength(5);
  });

  it('returns a short file unchanged', () => {
    expect(styleExcerpt('import { it } from "vitest";\nit("x", () => {});\n', 'a.test.ts')).toBe('import { it } from "vitest";\nit("x", () => {});');
  });
});
