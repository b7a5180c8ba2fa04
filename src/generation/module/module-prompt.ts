/**
 * The first prompt for one module, exactly as it is sent (and as `--estimate` prices it): the module's
 * context read from the checkout, rendered with the current template, with the structured-output
 * schema counted on top. Also how later turns of the same module are measured against the cap.
 */
import { countPromptTokens, type PromptMessage } from '../../budget/count-tokens.js';
import { answerJsonSchema } from '../answer/answer-schema.js';
import { buildPrompt, type BuiltPrompt } from '../prompt/build-prompt.js';
import type { PromptContext } from '../prompt/prompt-types.js';
import type { RuntimeFacts } from '../../runners/runtime-features.js';
import { buildModuleContext, type ModuleJob } from './module-context.js';

export interface ModulePrompt {
  readonly context: PromptContext;
  readonly built: BuiltPrompt;
  /** The JSON schema asked for with every call. */
  readonly answerSchema: Record<string, unknown>;
  /** Tokens of a whole request with these messages, the schema included. */
  tokensOf(messages: readonly PromptMessage[]): number;
}

export async function buildModulePrompt(
  checkoutDir: string,
  job: ModuleJob,
  testPath: string,
  options: { model: string; maxPromptTokens: number; runtime?: RuntimeFacts | null },
): Promise<ModulePrompt> {
  const context = await buildModuleContext(checkoutDir, job, testPath, options.runtime ?? null);
  const answerSchema = answerJsonSchema();
  const extraText = [JSON.stringify(answerSchema)];
  const built = buildPrompt(context, { model: options.model, maxPromptTokens: options.maxPromptTokens, extraText });
  return { context, built, answerSchema, tokensOf: (messages) => countPromptTokens(messages, options.model, { extraText }) };
}
