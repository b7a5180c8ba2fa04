/**
 * What is stored for a module at each phase (see module-phases.ts), as one zod schema per phase: a
 * checkpoint's state is validated with it when saved and again when loaded. Each state carries
 * what a resumed run needs so it does not repeat that phase; the end phases (kept, dropped, failed)
 * carry the module's whole outcome (ModuleOutcome), so a finished module is reported from its state.
 */
import { z } from 'zod';
import type { BaseSource, Framework, GeneratorKind, HeadMetrics, Metrics, ModuleGeneration, PossibleBug, ProposedFile } from '../report/types.js';
import { headMetricsSchema, metricsSchema, moduleGenerationSchema, possibleBugSchema } from '../report/report-schema.js';
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

const coveredBySchema = z.strictObject({ offline: count, model: count });

/** The module's whole outcome; `minFiles` 1 for kept (a kept module has a file), 0 for dropped/failed. */
const outcomeSchema = (minFiles: number) =>
  z.strictObject({
    generation: moduleGenerationSchema,
    files: z.array(verifiedProposedFileSchema).min(minFiles),
    proposed: headMetricsSchema.nullable(),
    coveredBy: coveredBySchema,
    possibleBugs: z.array(possibleBugSchema),
  });

const keptSchema = z.strictObject({
  phase: z.literal('kept'),
  attempt: z.null(),
  data: z.strictObject({ outcome: outcomeSchema(1) }),
});

const droppedSchema = z.strictObject({
  phase: z.literal('dropped'),
  attempt: z.null(),
  data: z.strictObject({ outcome: outcomeSchema(0) }),
});

const failedSchema = z.strictObject({
  phase: z.literal('failed'),
  attempt: z.null(),
  data: z.strictObject({ outcome: outcomeSchema(0) }),
});

/** One module's state at one phase (the data is what that phase found). */
export type ModuleState =
  | { readonly phase: 'analysed'; readonly attempt: null; readonly data: AnalysedData }
  | { readonly phase: 'head-measured'; readonly attempt: null; readonly data: { readonly head: HeadMetrics; readonly relatedTests: readonly string[] } }
  | { readonly phase: 'base-measured'; readonly attempt: null; readonly data: { readonly base: Metrics | null; readonly source: BaseSource } }
  | { readonly phase: 'generating'; readonly attempt: number; readonly data: { readonly generator: GeneratorKind } }
  | { readonly phase: 'validated'; readonly attempt: number; readonly data: ValidatedData }
  | { readonly phase: 'kept'; readonly attempt: null; readonly data: EndPhaseData }
  | { readonly phase: 'dropped'; readonly attempt: null; readonly data: EndPhaseData }
  | { readonly phase: 'failed'; readonly attempt: null; readonly data: EndPhaseData };

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

/** Everything a finished module gave, so a resumed run reports it without doing any of it again. */
export interface ModuleOutcome {
  /** What generation did (outcome, reason, turns, calls, tokens, cost). */
  readonly generation: ModuleGeneration;
  /** The kept proposed files, each verified against its sha256 (at least one when kept). */
  readonly files: readonly ProposedFile[];
  /** The module's head coverage with the kept tests added; null when not measured. */
  readonly proposed: HeadMetrics | null;
  /** Changed lines this module's kept tests newly covered, by generator (the report's coveredBy, per module). */
  readonly coveredBy: { readonly offline: number; readonly model: number };
  readonly possibleBugs: readonly PossibleBug[];
}

/** The data of the end phases kept, dropped and failed. */
export interface EndPhaseData {
  readonly outcome: ModuleOutcome;
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
