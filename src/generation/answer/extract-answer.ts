/**
 * A model's raw chat completion -> the answer it contains, or why there is none (pure, never throws,
 * linear in the size of the content).
 *
 * Accepted, in order of preference (the first candidate that validates wins):
 *   1. the whole content as one JSON object;
 *   2. a JSON object in a fenced block (```json, or a bare fence), several blocks tried in order;
 *   3. a JSON object anywhere in the prose (balanced braces, string-aware, starting `{"`);
 *   4. as a last resort, when there is no JSON answer at all, a single fenced TypeScript/JavaScript
 *      block: a 'code-only' answer of one file with `path: null` (the caller picks the default path).
 * A JSON object with `path` and `content` but no `files` is taken as a one-file answer. A leading
 * `<think>...</think>` block (local reasoning models) is ignored.
 *
 * Failures: a refusal (the API's `refusal` field, the content filter, or refusal prose with no code),
 * `finish_reason: 'length'` with no complete answer (truncated), nothing written (empty), and
 * anything else (invalid), with a short list of what was wrong for the repair turn.
 */
import type { z } from 'zod';
import { answerSchema, fileContentSchema, type AnswerLimits, type ModelAnswer } from './answer-schema.js';
import { findFencedBlocks, type FencedBlock } from './find-fenced-blocks.js';
import { findBalancedObjects, parseJsonLeniently } from './find-json-objects.js';
import { formatAnswerIssues } from './format-answer-issues.js';
import { looksLikeRefusal } from './refusal-prose.js';

export type AnswerSource = 'json' | 'fenced-json' | 'embedded-json';

export interface CodeOnlyAnswer {
  readonly files: readonly [{ readonly path: null; readonly content: string }];
  readonly notes: null;
}

export type ExtractFailureKind = 'truncated' | 'empty' | 'refusal' | 'invalid';

export interface ExtractFailure {
  readonly kind: ExtractFailureKind;
  /** One line for the report and the log. */
  readonly detail: string;
  /** For 'invalid': what was wrong, one short line each (for the repair turn); otherwise empty. */
  readonly problems: readonly string[];
}

export type ExtractResult =
  | { readonly kind: 'ok'; readonly answer: ModelAnswer; readonly source: AnswerSource }
  | { readonly kind: 'code-only'; readonly answer: CodeOnlyAnswer; readonly language: string }
  | ExtractFailure;

/** Longer prose is not read as a refusal: refusals are short, and long prose likely carries code. */
const MAX_REFUSAL_CHARS = 4000;
const CODE_LANGUAGES = new Set(['ts', 'typescript', 'tsx', 'mts', 'cts', 'js', 'javascript', 'jsx', 'mjs', 'cjs', '']);

export function extractAnswer(
  content: string | null,
  finishReason: string | null,
  refusal: string | null,
  limits: Partial<AnswerLimits> = {},
): ExtractResult {
  try {
    return extract(content, finishReason, refusal, limits);
  } catch (error) {
    // Nothing above is meant to throw; if something does (a bug, or a pathological input), say so.
    const message = error instanceof Error ? error.message : String(error);
    return failure('invalid', `the answer could not be read (${shorten(message)})`, ['the answer could not be read']);
  }
}

function extract(content: string | null, finishReason: string | null, refusal: string | null, limits: Partial<AnswerLimits>): ExtractResult {
  if (typeof refusal === 'string' && refusal.trim() !== '') {
    return failure('refusal', `the model refused: ${shorten(refusal)}`);
  }
  if (finishReason === 'content_filter') {
    return failure('refusal', "the provider's content filter stopped the answer (finish_reason: content_filter)");
  }
  const text = withoutReasoning(typeof content === 'string' ? content : '');
  if (text.trim() === '') {
    return finishReason === 'length'
      ? failure('truncated', 'the completion cap was reached before any answer was written (finish_reason: length)')
      : failure('empty', 'the answer was empty');
  }

  const blocks = findFencedBlocks(text);
  const search = new CandidateSearch(answerSchema(limits));
  for (const candidate of jsonCandidates(text, blocks)) {
    const answer = search.try(candidate.text);
    if (answer !== null) return { kind: 'ok', answer, source: candidate.source };
  }

  if (finishReason === 'length') {
    return failure('truncated', 'the answer was cut off at the completion cap before it was complete (finish_reason: length)');
  }
  if (!search.sawAnswerAttempt) {
    const codeBlocks = blocks.filter(isCodeBlock);
    if (codeBlocks.length === 1) return codeOnly(codeBlocks[0]!, limits);
    if (codeBlocks.length > 1) {
      return invalid([`found ${codeBlocks.length} code blocks and no JSON answer; put each test file in "files"`]);
    }
    if (!search.sawAnyJson && !text.includes('```') && text.length <= MAX_REFUSAL_CHARS && looksLikeRefusal(text)) {
      return failure('refusal', `the model declined: ${shorten(text)}`);
    }
  }
  return invalid(search.problems());
}

interface Candidate {
  readonly source: AnswerSource;
  readonly text: string;
}

/** Candidates in order of preference; the costlier scan of the prose runs only if needed. */
function* jsonCandidates(text: string, blocks: readonly FencedBlock[]): Generator<Candidate> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) yield { source: 'json', text: trimmed };
  for (const block of blocks) {
    const body = block.body.trim();
    if (body.startsWith('{')) yield { source: 'fenced-json', text: body };
  }
  for (const object of findBalancedObjects(text)) yield { source: 'embedded-json', text: object };
}

/** Tries candidates against the schema and remembers the most useful failure for the report. */
class CandidateSearch {
  private readonly seen = new Set<string>();
  private best: { readonly problems: string[]; readonly isAttempt: boolean } | null = null;
  private firstParseError: string | null = null;
  sawAnswerAttempt = false;
  sawAnyJson = false;

  private readonly schema: ReturnType<typeof answerSchema>;

  constructor(schema: ReturnType<typeof answerSchema>) {
    this.schema = schema;
  }

  try(text: string): ModelAnswer | null {
    if (this.seen.has(text)) return null;
    this.seen.add(text);
    const parsed = parseJsonLeniently(text);
    if (!parsed.ok) {
      this.firstParseError ??= `the JSON did not parse: ${shorten(parsed.error)}`;
      if (looksLikeAnswerText(text)) this.sawAnswerAttempt = true;
      return null;
    }
    this.sawAnyJson = true;
    const value = asFilesObject(parsed.value);
    const isAttempt = isAnswerAttempt(value);
    if (isAttempt) this.sawAnswerAttempt = true;
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    if (this.best === null || (isAttempt && !this.best.isAttempt)) {
      this.best = { problems: formatAnswerIssues(result.error.issues, value), isAttempt };
    }
    return null;
  }

  problems(): string[] {
    if (this.best?.isAttempt) return this.best.problems;
    if (this.firstParseError !== null && this.sawAnswerAttempt) return [this.firstParseError];
    if (this.best !== null) return this.best.problems;
    if (this.firstParseError !== null) return [this.firstParseError];
    return ['no JSON object was found in the answer'];
  }
}

/** `{ path, content }` without `files` is a one-file answer; anything else is left as it is. */
function asFilesObject(value: unknown): unknown {
  if (!isRecord(value) || 'files' in value) return value;
  return 'path' in value && 'content' in value ? { files: [value] } : value;
}

function isAnswerAttempt(value: unknown): boolean {
  return isRecord(value) && 'files' in value;
}

/** Unparsable text that was clearly meant as the answer (so a code block elsewhere is not taken instead). */
function looksLikeAnswerText(text: string): boolean {
  if (!startsLikeJsonObject(text)) return false;
  return text.includes('"files"') || (text.includes('"content"') && text.includes('"path"'));
}

/** `{` then optional whitespace then `"`: a JSON object with keys, not a block of code. */
function startsLikeJsonObject(text: string): boolean {
  let index = 1;
  while (index < text.length && /\s/.test(text[index]!)) index += 1;
  return text[0] === '{' && text[index] === '"';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCodeBlock(block: FencedBlock): boolean {
  if (!CODE_LANGUAGES.has(block.language)) return false;
  const body = block.body.trim();
  return body !== '' && !(block.language === '' && (body.startsWith('{') || body.startsWith('[')));
}

function codeOnly(block: FencedBlock, limits: Partial<AnswerLimits>): ExtractResult {
  const content = `${block.body.replace(/^\n+/, '')}\n`;
  const checked = fileContentSchema(limits).safeParse(content);
  if (!checked.success) {
    const issues = checked.error.issues.map((issue): z.core.$ZodIssue => ({ ...issue, path: ['the code block'] }));
    return invalid(formatAnswerIssues(issues, { 'the code block': content }));
  }
  return {
    kind: 'code-only',
    answer: { files: [{ path: null, content }], notes: null },
    language: block.language,
  };
}

/** Drops a leading `<think>...</think>` (or `<thinking>`) block; an unclosed one leaves nothing. */
function withoutReasoning(text: string): string {
  const start = text.trimStart();
  for (const tag of ['think', 'thinking']) {
    if (!start.startsWith(`<${tag}>`)) continue;
    const close = start.indexOf(`</${tag}>`);
    return close < 0 ? '' : start.slice(close + tag.length + 3);
  }
  return text;
}

function invalid(problems: readonly string[]): ExtractFailure {
  return failure('invalid', `the answer could not be used: ${problems.join('; ')}`, problems);
}

function failure(kind: ExtractFailureKind, detail: string, problems: readonly string[] = []): ExtractFailure {
  return { kind, detail, problems };
}

/** One line, at most `max` characters. */
function shorten(text: string, max = 200): string {
  const line = text.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}
