import { describe, expect, it } from 'vitest';
import { answerShapeReminder } from '../../../../src/generation/answer/repair-prompt.js';
import { countPromptTokens } from '../../../../src/budget/count-tokens.js';
import { buildPrompt, type BuiltPrompt } from '../../../../src/generation/prompt/build-prompt.js';
import { importedSignatures } from '../../../../src/generation/prompt/imported-signatures.js';
import type { PromptContext } from '../../../../src/generation/prompt/prompt-types.js';
import { systemMessage } from '../../../../src/generation/prompt/templates/current.js';
import { testConventions } from '../../../../src/generation/prompt/test-conventions.js';
import { CART_CHANGED, CART_PARTIAL, CART_SOURCE, CART_UNCOVERED, EXISTING_TEST, lineOf, readRepoFile } from './fixtures.js';

const MODEL = 'gpt-4o';

function cartContext(): PromptContext {
  return {
    modulePath: 'src/cart.ts',
    moduleSource: CART_SOURCE,
    // cartTotal (uncovered lines) and describeCart (changed, fully covered).
    changedLines: [...CART_CHANGED, lineOf('return lines.map')],
    uncoveredLines: CART_UNCOVERED,
    partialLines: CART_PARTIAL,
    uncoveredBranches: [{ line: lineOf('if (discount === undefined)'), description: 'the path with a discount' }],
    testPath: 'src/cart.testmaster.test.ts',
    conventions: testConventions({
      framework: 'vitest',
      frameworkVersion: '5.1.1',
      moduleType: 'module',
      modulePath: 'src/cart.ts',
      testPath: 'src/cart.testmaster.test.ts',
      styleExample: EXISTING_TEST,
    }),
    importedSignatures: importedSignatures('src/cart.ts', CART_SOURCE, readRepoFile),
    styleExample: { path: 'src/cart.test.ts', content: EXISTING_TEST },
  };
}

function userText(prompt: BuiltPrompt): string {
  if (prompt.kind !== 'ok') throw new Error(`expected a prompt, got: ${prompt.reason}`);
  const content = prompt.messages[1]?.content;
  if (typeof content !== 'string') throw new Error('no user message');
  return content;
}

/** Prompt tokens of our prompt vs a naive one (same rules, the whole module and the whole existing test). */
function measure(): { ours: number; naive: number; ratio: number } {
  const ours = buildPrompt(cartContext(), { model: MODEL, maxPromptTokens: 100_000 });
  const naive = countPromptTokens(
    [
      { role: 'system', content: systemMessage() },
      {
        role: 'user',
        content: `Write unit tests for src/cart.ts.\n\n${CART_SOURCE}\n\nAn existing test:\n${EXISTING_TEST}\n\n${answerShapeReminder()}`,
      },
    ],
    MODEL,
  );
  return { ours: ours.tokens.total, naive, ratio: ours.tokens.total / naive };
}

describe('buildPrompt', () => {
  it('builds a v3 prompt with conventions, focused source marked on the lines to cover, those lines by number, signatures, style and shape', () => {
    const prompt = buildPrompt(cartContext(), { model: MODEL, maxPromptTokens: 100_000 });
    const text = userText(prompt);
    expect(prompt.kind === 'ok' && prompt.version).toBe('v5');
    expect(prompt.kind === 'ok' && prompt.trimmed).toEqual([]);
    expect(text).toContain("Import the test API with: import { describe, it, expect, vi } from 'vitest';");
    expect(text).toContain(`    throw new RangeError('too many lines'); // !${CART_UNCOVERED[0]}`);
    expect(text).toContain(`Lines never executed by the existing tests: ${CART_UNCOVERED[0]}, ${CART_UNCOVERED[1]}.`);
    expect(text).toContain(`- line ${lineOf('if (discount === undefined)')}: the path with a discount`);
    expect(text).toContain(`- a branch starting on line ${CART_PARTIAL[0]}`);
    // The source is focused on what is to be covered: cartTotal and the type declarations stay, the
    // changed but covered describeCart and the helpers are one line each.
    expect(text).toContain('export function cartTotal(');
    expect(text).toContain('export interface CartSummary {');
    expect(text).not.toContain('export function describeCart(');
    expect(text).toMatch(/\/\/ … \d+ lines of reportScale10, .*reportScale15 and 6 more omitted/); // 10 helpers + describeCart + loadCart
    expect(text).toContain('export function roundCents(value: number): Cents;');
    expect(text).toContain("vi.mock('./money.js'");
    expect(text).toContain("  it('adds the lines', () => {\n    expect(cartTotal(");
    expect(text).not.toContain("it('describes the lines'");
    expect(text).toContain('Answer with one JSON object only');
    const system = prompt.kind === 'ok' ? String(prompt.messages[0]?.content) : '';
    expect(system).toMatch(/No snapshots, no network/);
    expect(system).toMatch(/exactly one new test file/);
    if (prompt.kind !== 'ok') return;
    const { sections, total } = prompt.tokens;
    const sum = Object.values(sections).reduce((a, b) => a + b, 0);
    expect(sections.source).toBeGreaterThan(0);
    expect(sections.styleExample).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(total);
    expect(total - sum).toBeLessThan(100); // chat overhead, headings and the legend only
  });

  it('trims the style example first, then the signatures, then the distant source, staying under the cap', () => {
    const full = buildPrompt(cartContext(), { model: MODEL, maxPromptTokens: 100_000 });
    const { total } = full.tokens;

    const first = buildPrompt(cartContext(), { model: MODEL, maxPromptTokens: total - 1 });
    expect(first.kind).toBe('ok');
    expect(first.trimmed).toEqual(['style-example']);
    expect(first.tokens.total).toBeLessThanOrEqual(total - 1);
    expect(first.kind === 'ok' && first.trimNote).toBe('trimmed the style example to fit ' + (total - 1) + ' prompt tokens');
    expect(userText(first)).not.toContain("vi.mock('./money.js'");

    const second = buildPrompt(cartContext(), { model: MODEL, maxPromptTokens: first.tokens.total - 1 });
    expect(second.trimmed).toEqual(['style-example', 'imported-signatures']);
    expect(userText(second)).not.toContain('roundCents(value: number)');

    const thirdCap = second.tokens.total - 1;
    const third = buildPrompt(cartContext(), { model: MODEL, maxPromptTokens: thirdCap });
    expect(third.trimmed).toEqual(['style-example', 'imported-signatures', 'distant-source']);
    expect(third.tokens.total).toBeLessThanOrEqual(thirdCap);
    const text = userText(third);
    expect(text).toContain("throw new RangeError('too many lines')");
    expect(text).toContain('export function cartTotal(');
    expect(userText(second)).toContain('export interface CartSummary {');
    expect(text).not.toContain('export interface CartSummary {'); // the last step drops the type declarations
  });

  it('refuses with a reason when even the trimmed prompt is over the cap', () => {
    const prompt = buildPrompt(cartContext(), { model: MODEL, maxPromptTokens: 200 });
    expect(prompt.kind).toBe('too-large');
    expect(prompt.trimmed).toEqual(['style-example', 'imported-signatures', 'distant-source']);
    expect(prompt.kind === 'too-large' && prompt.reason).toMatch(/src\/cart\.ts needs \d+ tokens .* over the 200-token cap; raise/);
  });

  it('counts the structured-output schema when asked', () => {
    const without = buildPrompt(cartContext(), { model: MODEL, maxPromptTokens: 100_000 });
    const withSchema = buildPrompt(cartContext(), { model: MODEL, maxPromptTokens: 100_000, extraText: ['{"type":"object","properties":{"files":{}}}'] });
    expect(withSchema.tokens.total).toBeGreaterThan(without.tokens.total);
  });

  it('measure: our prompt for the example module is at least 30% smaller than the naive one', () => {
    const figures = measure();
    expect(figures.naive).toBeGreaterThan(0);
    expect(figures.ours).toBeLessThan(figures.naive);
    expect(figures.ratio).toBeLessThanOrEqual(0.7);
  });
});
