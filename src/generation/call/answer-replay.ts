/**
 * Answers already paid for, replayed instead of asked again (issue 6: a resumed run never pays twice
 * for the same answer). The key is a digest of exactly what the call would send (model, messages,
 * response format, completion cap) and whom it is for (module, label), so a different prompt (say a
 * healing turn with other failures) is a new call. The store behind it (src/store/) validates what it
 * gives back; nothing in a reply is ever executed.
 */
import { createHash } from 'node:crypto';
import type { JsonSchemaFormat, ModelMessage, ModelReply } from '../../model/model-client.js';

export interface AnswerReplay {
  /** The answer recorded under this key in the run being resumed, or null. */
  find(key: string): ModelReply | null;
  /** Records a new answer (after the ledger charged it). */
  record(key: string, reply: ModelReply): void;
}

export interface AnswerKeyParts {
  /** The model name (also what picks the tokenizer). */
  readonly model: string;
  readonly module: string;
  /** What the call is for, e.g. 'generate', 'repair', 'heal-1'. */
  readonly label: string;
  readonly messages: readonly ModelMessage[];
  readonly responseFormat: JsonSchemaFormat | null;
  readonly maxCompletionTokens: number;
}

/** SHA-256 (hex) of the call's parts, in a fixed order. */
export function answerKey(parts: AnswerKeyParts): string {
  const text = JSON.stringify([
    parts.model,
    parts.module,
    parts.label,
    parts.messages.map((message) => [message.role, message.content]),
    parts.responseFormat === null ? null : [parts.responseFormat.name, parts.responseFormat.schema],
    parts.maxCompletionTokens,
  ]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
