/**
 * Zod schemas for values the store keeps that are shared by several tables: repository-relative
 * paths, SHA-256 digests, and proposed test files whose content still matches their digest (so an
 * edited stored file is caught on load, not applied).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { proposedFileSchema } from '../report/report-schema.js';
import { pathSpellingProblem } from '../validation/proposed-path-rules.js';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const digestSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 as 64 lowercase hex digits');

/** A repository-relative POSIX path spelt safely (no traversal, no absolute path, no control characters). */
export const repoPathSchema = z.string().superRefine((value, context) => {
  const problem = pathSpellingProblem(value);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: `bad path ${JSON.stringify(value.slice(0, 80))}: ${problem}` });
});

export const count = z.number().int().nonnegative();

/** A proposed test file whose path is spelt safely and whose sha256 is its content's. */
export const verifiedProposedFileSchema = proposedFileSchema
  .extend({ path: repoPathSchema, forFile: repoPathSchema })
  .superRefine((file, context) => {
    if (sha256Hex(file.content) !== file.sha256) {
      context.addIssue({ code: 'custom', path: ['sha256'], message: `the content of ${file.path} does not match its sha256 (edited after it was validated)` });
    }
  });
