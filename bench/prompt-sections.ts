/**
 * Where a prompt's tokens go: the tokens of each "## " section of the user message as sent (the
 * heading included), counted alone with the model's tokenizer. For explaining the prompt figures.
 */
import { countTextTokens } from '../src/budget/count-tokens.js';

export function sectionTokens(userPrompt: string, model: string): { name: string; tokens: number }[] {
  return userPrompt
    .split(/^(?=## )/m)
    .filter((part) => part.trim() !== '')
    .map((part) => ({ name: (/^## (.*)$/m.exec(part)?.[1] ?? '(before the first heading)').trim(), tokens: countTextTokens(part, model) }));
}
