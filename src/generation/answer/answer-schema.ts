/**
 * What we ask the model to return for one module, in two forms (pure):
 *
 * - `answerSchema(limits)`: the validator applied to whatever the model sent. It is tolerant where
 *   tolerance costs nothing (optional fields may be missing or null, unknown keys are dropped, long
 *   notes are cut) and strict where it matters (at least one file, at most `maxFiles`, content a
 *   non-blank string under `maxFileBytes` UTF-8 bytes, without NUL bytes or broken surrogates).
 *   Paths are kept as data: checking them against the repository is the path validator's job.
 * - `answerJsonSchema(limits)`: the JSON Schema sent for structured output, compatible with OpenAI's
 *   strict mode (`response_format: { type: 'json_schema', strict: true }`): every property required,
 *   `additionalProperties: false`, optional fields nullable instead, no size keywords (the limits are
 *   stated in the descriptions and enforced by the validator).
 */
import { z } from 'zod';

export interface AnswerLimits {
  /** Most files one answer may propose. */
  readonly maxFiles: number;
  /** Largest file content, in UTF-8 bytes. */
  readonly maxFileBytes: number;
  /** Longest proposed path, in characters. */
  readonly maxPathChars: number;
  /** Notes longer than this are cut, not rejected. */
  readonly maxNotesChars: number;
}

export const DEFAULT_ANSWER_LIMITS: AnswerLimits = Object.freeze({
  maxFiles: 3,
  maxFileBytes: 200 * 1024,
  maxPathChars: 512,
  maxNotesChars: 4000,
});

/** The `name` to give the schema in `response_format.json_schema`. */
export const ANSWER_SCHEMA_NAME = 'testmaster_answer';

export interface AnswerFile {
  /** As the model wrote it: not yet validated against the repository. */
  readonly path: string;
  readonly content: string;
}

export interface ModelAnswer {
  readonly files: readonly AnswerFile[];
  readonly notes: string | null;
}

export function resolveAnswerLimits(limits: Partial<AnswerLimits> = {}): AnswerLimits {
  return { ...DEFAULT_ANSWER_LIMITS, ...limits };
}

/** The checks on one file's content, shared by JSON answers and code-only answers. */
export function fileContentSchema(limits: Partial<AnswerLimits> = {}) {
  const { maxFileBytes } = resolveAnswerLimits(limits);
  return z.string().superRefine((content, context) => {
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > maxFileBytes) {
      context.addIssue({ code: 'custom', message: `is ${formatBytes(bytes)}, over the ${formatBytes(maxFileBytes)} limit` });
      return;
    }
    if (content.trim() === '') context.addIssue({ code: 'custom', message: 'is empty' });
    if (content.includes('\u0000')) context.addIssue({ code: 'custom', message: 'contains a NUL byte' });
    if (!content.isWellFormed()) context.addIssue({ code: 'custom', message: 'contains a lone UTF-16 surrogate (broken unicode)' });
  });
}

/** The validator for a parsed answer; its output is a normalized `ModelAnswer`. */
export function answerSchema(limits: Partial<AnswerLimits> = {}) {
  const resolved = resolveAnswerLimits(limits);
  const fileSchema = z.object({
    path: z.string().min(1, 'is empty').max(resolved.maxPathChars, `is longer than ${resolved.maxPathChars} characters`),
    content: fileContentSchema(resolved),
  });
  return z.object({
    files: z
      .array(fileSchema)
      .min(1, 'must list at least one file')
      .max(resolved.maxFiles, `must list at most ${resolved.maxFiles} file${resolved.maxFiles === 1 ? '' : 's'}`),
    notes: z
      .string()
      .nullish()
      .transform((notes) => (notes == null || notes.trim() === '' ? null : notes.slice(0, resolved.maxNotesChars))),
  });
}

// Compile-time check that the validator's output is a ModelAnswer.
type ValidatedAnswer = z.output<ReturnType<typeof answerSchema>>;
const _outputIsModelAnswer: (value: ValidatedAnswer) => ModelAnswer = (value) => value;

/** The shape sent for structured output (strict mode): all properties required, nullable if optional. */
function wireSchema(limits: AnswerLimits) {
  const fileSchema = z.strictObject({
    path: z.string().describe('Repository-relative path of the new test file.'),
    content: z
      .string()
      .describe(`The whole test file, ready to run (at most ${formatBytes(limits.maxFileBytes)}).`),
  });
  return z
    .strictObject({
      files: z
        .array(fileSchema)
        .describe(`The new test files: at least 1, at most ${limits.maxFiles}.`),
      notes: z.string().nullable().describe('Anything the reviewer should know, briefly, or null.'),
    })
    .describe('New unit test files for one module.');
}

/** The JSON Schema for `response_format: { type: 'json_schema', json_schema: { name, strict: true, schema } }`. */
export function answerJsonSchema(limits: Partial<AnswerLimits> = {}): Record<string, unknown> {
  const schema = z.toJSONSchema(wireSchema(resolveAnswerLimits(limits))) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kilobytes = bytes / 1024;
  return kilobytes < 1024 ? `${round(kilobytes)} KB` : `${round(kilobytes / 1024)} MB`;
}

function round(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}
