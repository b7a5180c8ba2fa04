// buildPrompt on the vitest-orders fixture's changed module (258 lines, a 164-line existing test):
// the prompt shows the class with the uncovered members whole and the others as signatures, and is
// much smaller than the naive prompt (whole module and whole test). The marks are the fixture's own
// uncovered lines at head (test/fixtures/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPromptTokens } from '../../../../src/budget/count-tokens.js';
import { answerShapeReminder } from '../../../../src/generation/answer/repair-prompt.js';
import { buildPrompt } from '../../../../src/generation/prompt/build-prompt.js';
import { importedSignatures } from '../../../../src/generation/prompt/imported-signatures.js';
import { systemMessage } from '../../../../src/generation/prompt/templates/current.js';
import { testConventions } from '../../../../src/generation/prompt/test-conventions.js';
import { PROJECT_ROOT } from '../../../helpers/project-root.js';

const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'vitest-orders');
const read = (side: 'base' | 'head', path: string): string | null => {
  try {
    return readFileSync(join(FIXTURE, side, path), 'utf8');
  } catch {
    return null;
  }
};
const SOURCE = read('head', 'src/orders.ts')!;
const TEST = read('base', 'test/orders.test.ts')!;
const LINES = SOURCE.split('\n');
/** The first line containing `text` after line `after`. */
const lineOf = (text: string, after = 0): number => LINES.findIndex((line, index) => index >= after && line.includes(text)) + 1;
const MODEL = 'gpt-4o-mini';

describe('the prompt for a module of typical size (vitest-orders)', () => {
  const refundFirst = lineOf('const order = this.require(orderId);', lineOf('refund(orderId: string'));
  const refundLast = lineOf('return subtotal + taxCents(subtotal, order.region);', refundFirst);
  const refundStatements = Array.from({ length: refundLast - refundFirst + 1 }, (_v, i) => refundFirst + i).filter((line) => !/^\s*}?\s*$/.test(LINES[line - 1]!));
  const uncovered = [lineOf('cannot ship without a tracking number'), ...refundStatements];
  const prompt = buildPrompt(
    {
      modulePath: 'src/orders.ts',
      moduleSource: SOURCE,
      changedLines: [lineOf('Math.floor((gross'), lineOf("if (trackingNumber.trim() === '')"), ...uncovered],
      uncoveredLines: uncovered,
      partialLines: [lineOf("if (trackingNumber.trim() === '')")],
      testPath: 'test/orders.testmaster.test.ts',
      conventions: testConventions({ framework: 'vitest', frameworkVersion: '5.1.1', moduleType: 'module', modulePath: 'src/orders.ts', testPath: 'test/orders.testmaster.test.ts', styleExample: TEST }),
      importedSignatures: importedSignatures('src/orders.ts', SOURCE, (path) => read('head', path) ?? read('base', path)),
      styleExample: { path: 'test/orders.test.ts', content: TEST },
    },
    { model: MODEL, maxPromptTokens: 100_000 },
  );
  const text = prompt.kind === 'ok' ? String(prompt.messages[1]?.content) : '';

  it('keeps the members to cover whole, outlines the rest of the class, and names what it uses', () => {
    expect(prompt.kind).toBe('ok');
    expect(text).toContain(`    return subtotal + taxCents(subtotal, order.region); // !${refundLast}`);
    expect(text).toContain('  cancel(orderId: string, reason: string): Order { … }');
    expect(text).not.toContain('order.cancelReason = reason;');
    // refund's value follows from orderSubtotalCents and, through it, lineTotalCents: both short, both whole.
    expect(text).toContain("export function orderSubtotalCents(order: Pick<Order, 'lines'>): number {\n");
    expect(text).toContain('Math.floor((gross * (line.discountPercent ?? 0)) / 100);');
    expect(text).toContain('export class OrderError extends Error {'); // thrown by refund
    expect(text).toContain('export function taxCents('); // imported from tax.ts
  });

  it('is at least 30% smaller than the naive prompt', () => {
    const naive = countPromptTokens(
      [
        { role: 'system', content: systemMessage() },
        { role: 'user', content: `Write unit tests for src/orders.ts.\n\n${SOURCE}\n\nAn existing test (test/orders.test.ts):\n${TEST}\n\n${answerShapeReminder()}` },
      ],
      MODEL,
    );
    expect(prompt.tokens.total).toBeLessThanOrEqual(naive * 0.7);
  });
});
