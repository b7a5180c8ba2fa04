/**
 * What is stored for a module at each phase (see module-phases.ts), as one zod schema per phase: a
 * checkpoint's state is validated with it when saved and again when loaded. Each state carries
 * what a resumed run needs so it does not repeat that phase.
 */
import { z } from 'zod';
import type { BaseSource, Framework, GeneratorKind, HeadMetrics, Metrics, ModuleGeneration, ProposedFile } from '../report/types.js';
import { headMetricsSchema, metricsSchema, moduleGenerationSchema } from '../report/report-schema.js';
import { count, digestSchema, repoPathSchema, verifiedProposedFileSchema } from './stored-values.js';

const attemptNumber = z.number().int().positive();
const lineNumber = z.number().int().positive();

const analysedSchema = z.strictObject({
  phase: z.literal('analysed'),
  attempt: z.null(),
  data: z.strictObject({ packageDir: z.string(), framework: z.enum(['vitest', 'jest']).nullable(), changedLines: z.array(lineNumber), contentSha256: digestSchema }),
});

const headMeasuredSchema = z.strictObject({
  phase: z.literal('head-measured'),
  attempt: z.null(),
  data: z.strictObject({ head: headMetricsSchema, relatedTests: z.array(repoPathSchema) }),
});

const baseMeasuredSchema = z.strictObject({
  phase: z.literal('base-measured'),
  attempt: z.null(),
  data: z.strictObject({ base: metricsSchema.nullable(), source: z.enum(['worktree', 'file', 'none']) }),
});

const generatingSchema = z.strictObject({
  phase: z.literal('generating'),
  attempt: attemptNumber,
  data: z.strictObject({ generator: z.enum(['offline', 'model']) }),
});

const validatedSchema = z.strictObject({
  phase: z.literal('validated'),
  attempt: attemptNumber,
  data: z.strictObject({ verdict: z.enum(['kept', 'nothing-kept', 'file-failed']), kept: count, dropped: count }),
});

const keptSchema = z.strictObject({
  phase: z.literal('kept'),
  attempt: z.null(),
  data: z.strictObject({ generation: moduleGenerationSchema, files: z.array(verifiedProposedFileSchema).min(1), proposed: headMetricsSchema.nullable() }),
});

const droppedSchema = z.strictObject({
  phase: z.literal('dropped'),
  attempt: z.null(),
  data: z.strictObject({ reason: z.string().min(1), generation: moduleGenerationSchema.nullable() }),
});

const failedSchema = z.strictObject({
  phase: z.literal('failed'),
  attempt: z.null(),
  data: z.strictObject({ reason: z.string().min(1), generation: moduleGenerationSchema.nullable() }),
});

/** One module's state at one phase (the data is what that phase found). */
export type ModuleState =
  | { readonly phase: 'analysed'; readonly attempt: null; readonly data: AnalysedData }
  | { readonly phase: 'head-measured'; readonly attempt: null; readonly data: { readonly head: HeadMetrics; readonly relatedTests: readonly string[] } }
  | { readonly phase: 'base-measured'; readonly attempt: null; readonly data: { readonly base: Metrics | null; readonly source: BaseSource } }
  | { readonly phase: 'generating'; readonly attempt: number; readonly data: { readonly generator: GeneratorKind } }
  | { readonly phase: 'validated'; readonly attempt: number; readonly data: ValidatedData }
  | { readonly phase: 'kept'; readonly attempt: null; readonly data: KeptData }
  | { readonly phase: 'dropped'; readonly attempt: null; readonly data: EndData }
  | { readonly phase: 'failed'; readonly attempt: null; readonly data: EndData };

export interface AnalysedData {
  /** Repository-relative directory of the owning package ('' for the root). */
  readonly packageDir: string;
  readonly framework: Framework | null;
  readonly changedLines: readonly number[];
  /** SHA-256 (hex) of the module's content at the head. */
  readonly contentSha256: string;
}

export interface ValidatedData {
  readonly verdict: 'kept' | 'nothing-kept' | 'file-failed';
  readonly kept: number;
  readonly dropped: number;
}

export interface KeptData {
  readonly generation: ModuleGeneration;
  readonly files: readonly ProposedFile[];
  /** The module's head coverage with the kept tests added. */
  readonly proposed: HeadMetrics | null;
}

export interface EndData {
  readonly reason: string;
  readonly generation: ModuleGeneration | null;
}

export const moduleStateSchema: z.ZodType<ModuleState> = z.discriminatedUnion('phase', [
  analysedSchema,
  headMeasuredSchema,
  baseMeasuredSchema,
  generatingSchema,
  validatedSchema,
  keptSchema,
  droppedSchema,
  failedSchema,
]);
/** The state of one phase, e.g. StateOf<'head-measured'>. */
export type StateOf<P extends ModuleState['phase']> = Extract<ModuleState, { phase: P }>;
