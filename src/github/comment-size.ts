/**
 * Pure: GitHub's size limit on an issue or pull-request comment body (65,536 characters; we also keep
 * within as many UTF-8 bytes, see src/report/text-size.ts) and recognising GitHub's 422 for a body
 * over it ("Body is too long (maximum is 65536 characters)").
 */
import { DEFAULT_MAX_CHARS } from '../report/render-markdown.js';
import { fitsWithin } from '../report/text-size.js';
import { describeFailure } from './github-errors.js';

/** The same limit the report renderer keeps to by default. */
export const MAX_COMMENT_CHARS = DEFAULT_MAX_CHARS;

export function fitsCommentLimit(body: string): boolean {
  return fitsWithin(body, MAX_COMMENT_CHARS);
}

export function isBodyTooLongError(error: unknown): boolean {
  const failure = describeFailure(error);
  return failure.status === 422 && /\b(too long|maximum is \d+ characters)\b/i.test(failure.detail);
}
