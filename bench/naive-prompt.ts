/**
 * Prompt tokens of the naive prompt our prompt is compared with: the same system message, then the
 * whole module and the whole existing test file, and the same answer shape, counted with the same
 * tokenizer and the same structured-output schema on top (the CLI counts that schema in its own
 * prompt's figure too). As in test/unit/generation/prompt/build-prompt.test.ts, plus the schema.
 */
import { countPromptTokens } from '../src/budget/count-tokens.js';
import { answerJsonSchema } from '../src/generation/answer/answer-schema.js';
import { answerShapeReminder } from '../src/generation/answer/repair-prompt.js';
import { systemMessage } from '../src/generation/prompt/templates/current.js';

export function naivePromptTokens(model: string, modulePath: string, moduleSource: string, existingTest: { path: string; content: string } | null): number {
  const test = existingTest === null ? '' : `\n\nAn existing test (${existingTest.path}):\n${existingTest.content}`;
  return countPromptTokens(
    [
      { role: 'system', content: systemMessage() },
      { role: 'user', content: `Write unit tests for ${modulePath}.\n\n${moduleSource}${test}\n\n${answerShapeReminder()}` },
    ],
    model,
    { extraText: [JSON.stringify(answerJsonSchema())] },
  );
}

const STYLE_SECTION = /## An existing test of this package \(follow its style\)\n(\S+)\n/;

/** The path of the style example our prompt showed, or null. */
export function styleExampleIn(prompt: string): string | null {
  return STYLE_SECTION.exec(prompt)?.[1] ?? null;
}
