/**
 * The zod schema of a model answer as the store keeps it (ModelReply of src/model/model-client.ts),
 * checked when an answer is recorded and again when it is read back for a resumed run: a reply that
 * fails it is never replayed. Strict: an unknown field is refused.
 */
import { z } from 'zod';
import type { ModelReply } from '../model/model-client.js';
import { count } from './stored-values.js';

export const modelReplySchema: z.ZodType<ModelReply> = z.strictObject({
  content: z.string(),
  refusal: z.string().nullable(),
  finishReason: z.string().nullable(),
  usage: z.strictObject({ promptTokens: count, completionTokens: count }).nullable(),
  attempts: z.number().int().min(1),
  model: z.string().min(1),
  structuredOutput: z.enum(['used', 'rejected', 'not-requested']),
});
