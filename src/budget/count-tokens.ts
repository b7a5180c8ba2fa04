/**
 * Prompt token counts for the budget, with OpenAI's real tokenizers (gpt-tokenizer: pure JavaScript,
 * the encodings ship as JS modules, so they bundle with ncc and need no network and no wasm).
 *
 * Known OpenAI models are counted exactly with their encoding (o200k_base for GPT-4o, GPT-4.1, GPT-5,
 * o-series; cl100k_base for GPT-4 and GPT-3.5) plus the chat format's overhead: 3 tokens per message
 * (start, separator, end), the role, 1 more with a name, and 3 to prime the reply, as in OpenAI's
 * cookbook. Any other model (a local or third-party one with a tokenizer we do not have) gets a safe
 * upper estimate: the larger of the o200k count and ceil(characters / 3), with the same overhead.
 *
 * Text that looks like a special token (`<|endoftext|>` in a source file) is counted as plain text,
 * as the API does with message content.
 */
import cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import o200k from 'gpt-tokenizer/encoding/o200k_base';
import { modelToEncodingMap } from 'gpt-tokenizer/mapping';
import * as knownModels from 'gpt-tokenizer/models';
import { modelIdCandidates } from './model-aliases.js';

/** A chat message as sent; only text parts of array content are counted. */
export interface PromptMessage {
  readonly role: string;
  readonly content: string | null | readonly PromptContentPart[];
  readonly name?: string;
}

export interface PromptContentPart {
  readonly type: string;
  readonly text?: string;
}

export interface CountOptions {
  /**
   * Text the API adds to the prompt besides the messages, e.g. the JSON schema of a structured output
   * (`response_format`) or tool definitions: counted as plain text on top.
   */
  readonly extraText?: readonly string[];
}

export interface TokenizerChoice {
  readonly encoding: 'o200k_base' | 'cl100k_base';
  /** True when the model's own tokenizer is used; false for the upper estimate. */
  readonly exact: boolean;
}

const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;
const CHARS_PER_TOKEN_FLOOR = 3;
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

const encodings = { o200k_base: o200k, cl100k_base: cl100k } as const;
const nonDefaultEncodings = modelToEncodingMap as Readonly<Record<string, string | undefined>>;
const knownModelIds = new Set(Object.keys(knownModels));

/** Which tokenizer counts for `model`: the model's own one when known, else o200k as an estimate. */
export function tokenizerFor(model: string): TokenizerChoice {
  for (const candidate of modelIdCandidates(model)) {
    const encoding = nonDefaultEncodings[candidate];
    if (encoding === 'cl100k_base') return { encoding: 'cl100k_base', exact: true };
    if (encoding === 'o200k_base' || encoding === 'o200k_harmony') return { encoding: 'o200k_base', exact: true };
    // Older encodings belong to completion-only models, which a chat call cannot use: estimate.
    if (encoding !== undefined) return { encoding: 'o200k_base', exact: false };
    if (knownModelIds.has(candidate)) return { encoding: 'o200k_base', exact: true };
  }
  return { encoding: 'o200k_base', exact: false };
}

/** Prompt tokens of a chat request: exact for known OpenAI models, a safe upper estimate otherwise. */
export function countPromptTokens(messages: readonly PromptMessage[], model: string, options: CountOptions = {}): number {
  const choice = tokenizerFor(model);
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + countText(message.role, choice);
    total += countText(messageText(message), choice);
    if (message.name !== undefined) total += TOKENS_PER_NAME + countText(message.name, choice);
  }
  for (const text of options.extraText ?? []) total += countText(text, choice);
  return total;
}

/** Tokens of a piece of text for `model` (same rules as countPromptTokens, no chat overhead). */
export function countTextTokens(text: string, model: string): number {
  return countText(text, tokenizerFor(model));
}

function countText(text: string, choice: TokenizerChoice): number {
  if (text.length === 0) return 0;
  const counted = encodings[choice.encoding].countTokens(text, PLAIN_TEXT);
  return choice.exact ? counted : Math.max(counted, Math.ceil(text.length / CHARS_PER_TOKEN_FLOOR));
}

function messageText(message: PromptMessage): string {
  const { content } = message;
  if (content === null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? '').join('');
}
