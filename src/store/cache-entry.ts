/**
 * The cross-run cache's entries (pure): the key of a module's generation, and the validated value a
 * later run reuses with no model call (it re-validates the files against its own head).
 *
 * Key = SHA-256 over the module's content digest, the test framework and its version, the model,
 * the prompt version and the test file's path (as a JSON array, so no two inputs run together). A
 * zero-token generation uses `model: 'offline'` and the offline generator's version as the prompt
 * version. The key's inputs (content as its digest) are stored in the value, so a read recomputes the
 * key and refuses a value moved to another key.
 */
import { z } from 'zod';
import { headMetricsSchema, moduleGenerationSchema } from '../report/report-schema.js';
import type { Framework, HeadMetrics, ModuleGeneration, ProposedFile } from '../report/types.js';
import { digestSchema, repoPathSchema, sha256Hex, verifiedProposedFileSchema } from './stored-values.js';

export const CACHE_ENTRY_VERSION = 1 as const;

/** What decides whether a module's earlier generation still applies. */
export interface CacheKeyInput {
  /** The module's content at the head. */
  readonly moduleContent: string;
  readonly framework: Framework;
  /** The runner's installed version, e.g. '3.2.4'. */
  readonly frameworkVersion: string;
  /** The model id, or 'offline' for the zero-token generator. */
  readonly model: string;
  /** PROMPT_VERSION, or the offline generator's version. */
  readonly promptVersion: string;
  /** Repository-relative path of the proposed test file. */
  readonly testPath: string;
}

const keyPartsSchema = z.strictObject({
  contentSha256: digestSchema,
  framework: z.enum(['vitest', 'jest']),
  frameworkVersion: z.string().min(1),
  model: z.string().min(1),
  promptVersion: z.string().min(1),
  testPath: repoPathSchema,
});

export type CacheKeyParts = z.infer<typeof keyPartsSchema>;

export function cacheKeyParts(input: CacheKeyInput): CacheKeyParts {
  const { moduleContent, ...rest } = input;
  return { contentSha256: sha256Hex(moduleContent), ...rest };
}

export function cacheKeyOf(parts: CacheKeyParts): string {
  return sha256Hex(JSON.stringify([parts.contentSha256, parts.framework, parts.frameworkVersion, parts.model, parts.promptVersion, parts.testPath]));
}

/** What a module's validated generation left, for reuse. */
export interface CachedGeneration {
  /** The module (repository-relative). */
  readonly module: string;
  /** The validated proposed file(s), with their kept and dropped cases. */
  readonly files: readonly ProposedFile[];
  /** The module's head coverage with the kept tests, when it was measured. */
  readonly coverage: HeadMetrics | null;
  /** What the original generation spent (tokens, calls, cost): what a reuse saves. */
  readonly generation: ModuleGeneration;
  /** The run that produced it, when known. */
  readonly sourceRunId: string | null;
}

const cachedGenerationSchema = z.strictObject({
  module: repoPathSchema,
  files: z.array(verifiedProposedFileSchema).min(1),
  coverage: headMetricsSchema.nullable(),
  generation: moduleGenerationSchema,
  sourceRunId: z.string().min(1).nullable(),
});

/** A cache row's value: the key's inputs and the generation. */
export interface CacheEntry {
  readonly version: typeof CACHE_ENTRY_VERSION;
  readonly keyParts: CacheKeyParts;
  readonly value: CachedGeneration;
}

export const cacheEntrySchema: z.ZodType<CacheEntry> = z
  .strictObject({
    version: z.literal(CACHE_ENTRY_VERSION),
    keyParts: keyPartsSchema,
    value: cachedGenerationSchema,
  })
  .superRefine((entry, context) => {
    const wrongModule = entry.value.files.find((file) => file.forFile !== entry.value.module);
    if (wrongModule) context.addIssue({ code: 'custom', path: ['value', 'files'], message: `${wrongModule.path} is for ${wrongModule.forFile}, not ${entry.value.module}` });
    if (!entry.value.files.some((file) => file.path === entry.keyParts.testPath)) {
      context.addIssue({ code: 'custom', path: ['keyParts', 'testPath'], message: `no cached file is at the keyed test path ${entry.keyParts.testPath}` });
    }
  });
