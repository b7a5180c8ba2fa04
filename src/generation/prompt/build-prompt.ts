/**
 * The prompt for one module, measured and fitted to a token cap before it is sent (pure; the pre-hook).
 *
 * Renders the sections with the current template, counts the whole request with the model's tokenizer
 * (countPromptTokens) and each section on its own, and, while the total is over `maxPromptTokens`,
 * trims in this order, saying what it did:
 *   1. the style example (the conventions drawn from it stay);
 *   2. the imported signatures;
 *   3. the type declarations the focused source keeps (the source always shows only the imports, the
 *      export lists, the type declarations and the declarations holding uncovered or partial lines).
 * Still over: no messages, a one-line reason to report (the module is skipped, nothing is sent).
 */
import { answerShapeReminder } from '../answer/repair-prompt.js';
import { countPromptTokens, countTextTokens, type PromptMessage } from '../../budget/count-tokens.js';
import { markedSource } from './marked-source.js';
import type { PromptContext, PromptSectionName, PromptSections } from './prompt-types.js';
import { runtimeSection } from './runtime-section.js';
import { styleExcerpt } from './style-excerpt.js';
import { PROMPT_VERSION, systemMessage, targetsSection, userMessage } from './templates/current.js';

export interface BuildPromptOptions {
  readonly model: string;
  /** The cap on prompt tokens for this call (the smaller of the model's context share and the per-call cap). */
  readonly maxPromptTokens: number;
  /** Text the API adds besides the messages (e.g. the JSON schema of structured output), counted on top. */
  readonly extraText?: readonly string[];
  /** A module longer than this is shown elided even before trimming. Default 150 lines. */
  readonly maxFullSourceLines?: number;
  /** Most lines of the style example. Default 24 (its imports and first cases show the style). */
  readonly maxStyleExampleLines?: number;
}

export type TrimStep = 'style-example' | 'imported-signatures' | 'distant-source';

export interface PromptTokens {
  readonly total: number;
  /** Tokens of each section's text alone (without the chat format's overhead). */
  readonly sections: Readonly<Record<PromptSectionName, number>>;
}

export type BuiltPrompt =
  | {
      readonly kind: 'ok';
      readonly version: string;
      readonly messages: readonly PromptMessage[];
      readonly tokens: PromptTokens;
      readonly trimmed: readonly TrimStep[];
      /** One line for the log, e.g. 'trimmed the style example to fit 2000 tokens'; null when nothing was trimmed. */
      readonly trimNote: string | null;
    }
  | {
      readonly kind: 'too-large';
      readonly version: string;
      readonly tokens: PromptTokens;
      readonly trimmed: readonly TrimStep[];
      readonly reason: string;
    };

const TRIM_ORDER: readonly TrimStep[] = ['style-example', 'imported-signatures', 'distant-source'];
const TRIM_WORDS: Readonly<Record<TrimStep, string>> = {
  'style-example': 'the style example',
  'imported-signatures': 'the imported signatures',
  'distant-source': 'the type declarations outside the uncovered declarations',
};

export function buildPrompt(context: PromptContext, options: BuildPromptOptions): BuiltPrompt {
  const trimmed: TrimStep[] = [];
  let attempt = measure(renderSections(context, options, trimmed), options);
  for (const step of TRIM_ORDER) {
    if (attempt.tokens.total <= options.maxPromptTokens) break;
    trimmed.push(step);
    attempt = measure(renderSections(context, options, trimmed), options);
  }
  if (attempt.tokens.total <= options.maxPromptTokens) {
    const trimNote = trimmed.length === 0 ? null : `trimmed ${trimmed.map((step) => TRIM_WORDS[step]).join(', ')} to fit ${options.maxPromptTokens} prompt tokens`;
    return { kind: 'ok', version: PROMPT_VERSION, messages: attempt.messages, tokens: attempt.tokens, trimmed, trimNote };
  }
  return {
    kind: 'too-large',
    version: PROMPT_VERSION,
    tokens: attempt.tokens,
    trimmed,
    reason: `the prompt for ${context.modulePath} needs ${attempt.tokens.total} tokens even trimmed to the uncovered declarations, over the ${options.maxPromptTokens}-token cap; raise the per-call cap or use a model with a larger context`,
  };
}

/** The user message's sections for the given trim steps (exported for measuring and tests). */
export function renderSections(context: PromptContext, options: Pick<BuildPromptOptions, 'maxFullSourceLines' | 'maxStyleExampleLines'>, trimmed: readonly TrimStep[]): PromptSections {
  const marks = { changedLines: context.changedLines, uncoveredLines: context.uncoveredLines, partialLines: context.partialLines };
  // The source is focused on the declarations holding what is to be covered (plus imports, export
  // lists and type declarations); the last trim step drops the type declarations too.
  const distantTrimmed = trimmed.includes('distant-source');
  const targets = [...context.uncoveredLines, ...context.partialLines, ...(context.uncoveredBranches ?? []).map((b) => b.line)];
  const source = markedSource(context.moduleSource, marks, {
    fileName: context.modulePath,
    maxFullLines: options.maxFullSourceLines,
    elide: targets.length > 0 || distantTrimmed,
    focusLines: targets.length > 0 ? targets : context.changedLines,
    keepTypes: !distantTrimmed,
  });
  const example = context.styleExample;
  return {
    conventions: context.conventions.text,
    runtime: runtimeSection(context.runtime ?? null, context.conventions.framework, context.frameworkVersion ?? null),
    source: `${context.modulePath}\n${source}`,
    targets: targetsSection(context),
    signatures: trimmed.includes('imported-signatures') ? '' : context.importedSignatures,
    styleExample:
      example === null || trimmed.includes('style-example')
        ? ''
        : `${example.path}\n${styleExcerpt(example.content, example.path, options.maxStyleExampleLines)}`,
    answerShape: answerShapeReminder(context.answerLimits),
  };
}

function measure(sections: PromptSections, options: BuildPromptOptions): { messages: PromptMessage[]; tokens: PromptTokens } {
  const system = systemMessage();
  const messages: PromptMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: userMessage(sections) },
  ];
  const count = (text: string): number => countTextTokens(text, options.model);
  const sectionTokens: Record<PromptSectionName, number> = {
    system: count(system),
    conventions: count(sections.conventions),
    runtime: count(sections.runtime),
    source: count(sections.source),
    targets: count(sections.targets),
    signatures: count(sections.signatures),
    styleExample: count(sections.styleExample),
    answerShape: count(sections.answerShape),
  };
  const total = countPromptTokens(messages, options.model, { extraText: options.extraText ?? [] });
  return { messages, tokens: { total, sections: sectionTokens } };
}
