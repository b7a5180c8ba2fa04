/**
 * Pure: the proposed test files travel from the run that made them to the run that applies them
 * inside the sticky comment, as one hidden HTML comment:
 *
 *   <!-- testmaster:proposal:v1 <base64 of gzip of JSON> -->
 *
 * The JSON is `{ "v": 1, "headSha": ..., "files": [{ "path", "forFile", "sha256", "content" }] }`.
 * Reading it back trusts nothing: the text is decoded strictly (base64 alphabet, gzip with a cap on
 * the decompressed size against zip bombs, fatal UTF-8, JSON.parse), checked with a strict zod
 * schema, every file's SHA-256 is recomputed, and every path must pass the proposed-path rules (no
 * `..`, not absolute, not protected, inside the test globs) with no duplicates. Nothing in it is
 * ever executed or evaluated.
 *
 * Where it may be: at the very end of the comment (only whitespace after it), and the only place in
 * the comment where `<!-- testmaster:proposal:v` (however spaced or cased) occurs. The rest of the
 * comment shows text that a pull request's code or a model controls (test names, file bodies, test
 * output); a payload forged there is refused, never read, whatever the comment's size left of the
 * real one. The renderers break such openings in that text (escape-markdown.ts), and embedProposal
 * breaks any left in the body it is given, so a comment we write always has this form.
 *
 * `encodeProposal` refuses (throws) what `decodeProposal` would refuse, so a payload we write is
 * always one we can read. `embedProposal` puts it into a comment body only when the whole body still
 * fits GitHub's 65,536-character limit; otherwise the body says where else to find the tests.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { fitsWithin } from '../../report/text-size.js';
import { DEFAULT_TEST_GLOBS, pathSpellingProblem, proposedPathProblem } from '../../validation/proposed-path-rules.js';
import { MAX_COMMENT_CHARS } from '../comment-size.js';

export const PROPOSAL_PREFIX = '<!-- testmaster:proposal:v1 ';
export const PROPOSAL_SUFFIX = ' -->';
/** An opening of a proposal payload of any version, however spaced or cased: a comment may hold exactly one. */
const PAYLOAD_OPENING = /<!--(?=\s*testmaster:proposal:v)/gi;

export const PROPOSAL_LIMITS = {
  /** Decompressed JSON, in bytes (a zip bomb stops here). */
  maxJsonBytes: 2 * 1024 * 1024,
  /** Base64 text looked at; a comment is at most 65,536 characters anyway. */
  maxEncodedChars: 256 * 1024,
  maxFiles: 200,
} as const;

export interface ProposalFile {
  /** Repository-relative POSIX path of the test file. */
  readonly path: string;
  /** The module it tests. */
  readonly forFile: string;
  /** SHA-256 (hex) of `content` as UTF-8. */
  readonly sha256: string;
  readonly content: string;
}

export interface Proposal {
  /** The head commit the tests were generated and validated for. */
  readonly headSha: string;
  readonly files: readonly ProposalFile[];
}

export interface ProposalOptions {
  /** Test-file globs a path must match (the configured ones; default DEFAULT_TEST_GLOBS). */
  readonly testGlobs?: readonly string[];
  /** Cap on the decompressed JSON in bytes (default PROPOSAL_LIMITS.maxJsonBytes). */
  readonly maxJsonBytes?: number;
}

export type DecodedProposal =
  | { readonly ok: true; readonly proposal: Proposal }
  /** `missing`: the body holds no payload; `invalid`: it holds one that was refused (reason says why). */
  | { readonly ok: false; readonly problem: 'missing' | 'invalid'; readonly reason: string };

const sha = z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'expected a commit id (40 or 64 lowercase hex digits)');

const payloadSchema = z.strictObject({
  v: z.literal(1),
  headSha: sha,
  files: z
    .array(
      z.strictObject({
        path: z.string().min(1),
        forFile: z.string().min(1),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 as 64 lowercase hex digits'),
        content: z.string(),
      }),
    )
    .max(PROPOSAL_LIMITS.maxFiles),
});

/** The hidden comment carrying the proposal. Throws when the proposal is one decodeProposal would refuse. */
export function encodeProposal(proposal: Proposal, options: ProposalOptions = {}): string {
  const json = JSON.stringify({
    v: 1,
    headSha: proposal.headSha,
    files: proposal.files.map((file) => ({ path: file.path, forFile: file.forFile, sha256: file.sha256, content: file.content })),
  });
  const text = `${PROPOSAL_PREFIX}${gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64')}${PROPOSAL_SUFFIX}`;
  const check = decodeProposal(text, options);
  if (!check.ok) throw new Error(`refusing to write a proposal payload that could not be read back: ${check.reason}`);
  return text;
}

/** The proposal in a comment body, checked through and through; never throws. */
export function decodeProposal(commentBody: string, options: ProposalOptions = {}): DecodedProposal {
  const found = findPayload(commentBody);
  if (found.kind === 'missing') return { ok: false, problem: 'missing', reason: 'the comment holds no proposed tests' };
  if (found.kind === 'invalid') return invalid(found.reason);

  const maxJsonBytes = options.maxJsonBytes ?? PROPOSAL_LIMITS.maxJsonBytes;
  let json: Buffer;
  try {
    json = gunzipSync(Buffer.from(found.base64, 'base64'), { maxOutputLength: maxJsonBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      return invalid(`the payload is larger than ${maxJsonBytes} bytes when decompressed`);
    }
    return invalid('the payload is not valid gzip data');
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    return invalid('the payload is not UTF-8 text');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid('the payload is not JSON');
  }
  const parsed = payloadSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'payload';
    return invalid(`the payload has the wrong shape (${where}: ${issue?.message ?? 'invalid'})`);
  }

  const problem = filesProblem(parsed.data.files, options.testGlobs ?? DEFAULT_TEST_GLOBS);
  if (problem) return invalid(problem);
  return { ok: true, proposal: { headSha: parsed.data.headSha, files: parsed.data.files } };
}

/** Whether a text fits within `limit` characters and as many UTF-8 bytes (GitHub's comment limit is MAX_COMMENT_CHARS). */
export function proposalFits(text: string, limit: number = MAX_COMMENT_CHARS): boolean {
  return fitsWithin(text, limit);
}

/** The note a comment carries instead of the payload when the payload does not fit. */
export const PROPOSAL_TOO_LARGE_NOTE =
  'The proposed tests are too large to carry in this comment, so `/testmaster apply` cannot apply them: use `apply: pull-request`, or copy them from the job summary.';

export interface EmbeddedProposal {
  readonly body: string;
  /** False when the payload did not fit and the note was added instead. */
  readonly embedded: boolean;
}

/**
 * `body` with the payload appended when the result fits within `limit`; otherwise `body` with
 * PROPOSAL_TOO_LARGE_NOTE (when that fits; else `body` unchanged).
 */
export function embedProposal(body: string, payload: string, limit: number = MAX_COMMENT_CHARS): EmbeddedProposal {
  const safe = breakPayloadOpenings(body);
  const withPayload = `${safe}\n\n${payload}`;
  if (proposalFits(withPayload, limit) && findPayload(withPayload).kind === 'found') return { body: withPayload, embedded: true };
  const withNote = `${safe}\n\n${PROPOSAL_TOO_LARGE_NOTE}`;
  return { body: proposalFits(withNote, limit) ? withNote : safe, embedded: false };
}

/** `text` with every opening of a proposal payload broken by a zero-width space (it reads the same, and is no payload). */
export function breakPayloadOpenings(text: string): string {
  return text.replace(PAYLOAD_OPENING, '<!\u200b--');
}

/** SHA-256 (hex) of a file's content as UTF-8, as ProposedFile.sha256 is computed. */
export function contentSha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

type FoundPayload = { kind: 'missing' } | { kind: 'invalid'; reason: string } | { kind: 'found'; base64: string };

/** The payload's base64 text: the comment's only payload opening, at its very end. */
function findPayload(body: string): FoundPayload {
  const openings = [...body.matchAll(PAYLOAD_OPENING)].length;
  if (openings === 0) return { kind: 'missing' };
  if (openings > 1) return { kind: 'invalid', reason: `the comment holds ${openings} proposal payloads where TestMaster writes one` };
  const text = body.trimEnd();
  const start = text.indexOf(PROPOSAL_PREFIX);
  if (start < 0) return { kind: 'invalid', reason: `the proposal payload does not start with ${JSON.stringify(PROPOSAL_PREFIX.trim())}` };
  const from = start + PROPOSAL_PREFIX.length;
  const end = text.indexOf(PROPOSAL_SUFFIX, from);
  if (end < 0) return { kind: 'invalid', reason: 'the payload is not closed with -->' };
  if (end + PROPOSAL_SUFFIX.length !== text.length) return { kind: 'invalid', reason: 'text follows the proposal payload, which must end the comment' };
  if (end - from > PROPOSAL_LIMITS.maxEncodedChars) return { kind: 'invalid', reason: `the payload is longer than ${PROPOSAL_LIMITS.maxEncodedChars} characters` };
  const base64 = text.slice(from, end);
  // Strict base64: Buffer.from would silently skip anything outside the alphabet.
  if (base64.length === 0 || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    return { kind: 'invalid', reason: 'the payload is not base64' };
  }
  return { kind: 'found', base64 };
}

function filesProblem(files: readonly ProposalFile[], testGlobs: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const file of files) {
    const name = JSON.stringify(file.path.slice(0, 120));
    const pathProblem = proposedPathProblem(file.path, testGlobs);
    if (pathProblem) return `proposed file ${name} was refused: ${pathProblem}`;
    const forProblem = pathSpellingProblem(file.forFile);
    if (forProblem) return `proposed file ${name} names a tested module that was refused: ${forProblem}`;
    if (contentSha256(file.content) !== file.sha256) return `proposed file ${name} does not match its SHA-256 (it was changed)`;
    // Case and Unicode form folded: such paths collide on macOS and Windows checkouts.
    const key = file.path.normalize('NFC').toLowerCase();
    if (seen.has(key)) return `proposed file ${name} appears more than once`;
    seen.add(key);
  }
  for (const key of seen) {
    const segments = key.split('/');
    for (let i = 1; i < segments.length; i += 1) {
      if (seen.has(segments.slice(0, i).join('/'))) return `proposed file ${JSON.stringify(key.slice(0, 120))} is inside another proposed file`;
    }
  }
  return undefined;
}

function invalid(reason: string): DecodedProposal {
  return { ok: false, problem: 'invalid', reason };
}
