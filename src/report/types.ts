/**
 * The run's result, as written to the JSON report (schemaVersion 1) and rendered to markdown.
 * Everything here is plain data: it is built by the pipeline and read by pure renderers.
 */
import type { IsolationReport } from '../sandbox/isolation/isolation-types.js';
import type { ChangeKind } from '../diff/types.js';
import type { TimelineEvent } from '../events/types.js';

export interface Counts {
  readonly covered: number;
  readonly total: number;
}

export interface Metrics {
  readonly lines: Counts;
  readonly statements: Counts;
  readonly functions: Counts;
  readonly branches: Counts;
}

/**
 * Coverage of a file's changed lines. A changed line is coverable when it appears in Istanbul's line
 * coverage of the head; `covered` counts coverable changed lines with at least one hit; `partial`
 * counts covered changed lines on which a branch starts that was not fully taken; `missingLines` are
 * the coverable changed lines with no hit. A changed line with no statement on which an operand of a
 * multi-line condition starts counts by its operands (src/coverage/file-metrics.ts). Headline
 * percentage: (covered - partial) / total.
 */
export interface PatchMetrics {
  readonly covered: number;
  readonly total: number;
  readonly partial: number;
  readonly missingLines: readonly number[];
  readonly partialLines: readonly number[];
}

export interface HeadMetrics extends Metrics {
  readonly patch: PatchMetrics;
}

/** measured: head figures are known; failed: the runner or coverage could not give them (see reason). */
export type FileStatus = 'measured' | 'failed';

export type Framework = 'vitest' | 'jest';

export interface FileReport {
  /** Repository-relative POSIX path at the head. */
  readonly path: string;
  /** The path at the base when the file was renamed, else null. */
  readonly previousPath: string | null;
  /**
   * How the diff changed the file. Optional for compatibility; renderers show a null `base` as "new"
   * only when this says 'added' or 'copied', and as "n/a" otherwise.
   */
  readonly changeKind?: ChangeKind;
  /** Repository-relative POSIX directory of the owning package ('' for the root package). */
  readonly packageDir: string;
  readonly framework: Framework | null;
  readonly changedLines: readonly number[];
  /** Null for a new file, or when base coverage was not measured. */
  readonly base: Metrics | null;
  readonly head: HeadMetrics | null;
  readonly status: FileStatus;
  readonly reason: string | null;
  /** Existing test files (repository-relative) that ran for this module at the head. */
  readonly relatedTests: readonly string[];
  /** Head coverage with the kept proposed tests added (the head's figures when none were kept); null when generation did not run or the head was not measured. */
  readonly proposed?: HeadMetrics | null;
  /** What generation did for this module; null when the provider is none. */
  readonly generation?: ModuleGeneration | null;
}

/**
 * - kept: a proposed test file with at least one kept case;
 * - nothing-kept: candidates were validated, but no case passed reliably and added coverage;
 * - failed: the model call, the answer or the candidate run failed (see reason);
 * - skipped-budget: the budget could not reach it (see reason: which limit);
 * - skipped-covered: every changed line was already covered, so no call was made;
 * - skipped: not attempted for another reason (the module's coverage failed, the prompt cannot fit...).
 */
export type GenerationOutcome = 'kept' | 'nothing-kept' | 'failed' | 'skipped-budget' | 'skipped-covered' | 'skipped';

export interface ModuleGeneration {
  readonly outcome: GenerationOutcome;
  readonly reason: string | null;
  /** Answers received and validated (the first one plus each healing turn). */
  readonly turns: number;
  readonly llmCalls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  /** Prompt tokens of the first call as built (after any trimming). */
  readonly promptTokens: number | null;
  /** Which generator wrote the proposed tests: the zero-token one, or the model. Absent in older reports. */
  readonly provider?: GeneratorKind;
  /** Set when the tests were not written in this run but reused (re-checked on this head). */
  readonly reused?: ReusedGeneration;
}

export type GeneratorKind = 'offline' | 'model';

/** Where reused tests came from and what writing them had cost (what the reuse saved). */
export interface ReusedGeneration {
  /** 'cache': an earlier run on the same module content; 'resume': the interrupted run this one continues. */
  readonly source: 'cache' | 'resume';
  readonly fromRunId: string | null;
  readonly savedInputTokens: number;
  readonly savedOutputTokens: number;
  readonly savedCostUsd: number;
}

export interface ProposedCase {
  readonly name: string;
  /** Lines of the module this case covers that nothing before it covered. */
  readonly newLines: readonly number[];
  readonly newBranchOutcomes: number;
}

export interface DroppedTestCase {
  readonly name: string;
  /** e.g. 'failed: expected 3 to be 4', 'flaky: passed 2 of 3', 'adds no coverage', 'asserts nothing'. */
  readonly reason: string;
}

/** A kept test file, as proposed (not written into the repository unless `write` is set). */
export interface ProposedFile {
  /** Repository-relative POSIX path where the file goes. */
  readonly path: string;
  /** The module it tests. */
  readonly forFile: string;
  readonly framework: Framework;
  readonly content: string;
  /** SHA-256 (hex) of content, so an apply step can check it is unchanged. */
  readonly sha256: string;
  readonly kept: readonly ProposedCase[];
  readonly dropped: readonly DroppedTestCase[];
  /** Which generator wrote it. Absent in older reports. */
  readonly provider?: GeneratorKind;
}

/** A generated case that failed where its assertion matches the code's documented intent. */
export interface PossibleBug {
  /** The module. */
  readonly file: string;
  readonly testName: string;
  /** The failure, cleaned and cut to a few lines. */
  readonly failure: string;
  /** Why it looks like intent: the doc comment or name it agrees with, or the model's note. */
  readonly evidence: string;
}

export interface BudgetReport {
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly llmCalls: number;
  readonly limits: {
    readonly maxCostUsd: number;
    readonly maxTokens: number | null;
    readonly maxLlmCalls: number | null;
    readonly maxCostPerModuleUsd: number | null;
  };
  /** True once a call was refused for budget (later modules were skipped for budget). */
  readonly stoppedByBudget: boolean;
  /** Where the price came from: 'config', 'catalogue'. */
  readonly priceSource: string;
}

/** `testmaster run --estimate`: the worst case of the planned calls, no call made. */
export interface CostEstimate {
  readonly model: string;
  readonly modules: readonly { readonly path: string; readonly promptTokens: number; readonly llmCalls: number; readonly costUsd: number }[];
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly llmCalls: number;
  readonly costUsd: number;
  /** Limits the worst case would cross (the run would then stop early and skip modules for budget). */
  readonly exceeds: readonly string[];
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export type BaseSource = 'worktree' | 'file' | 'none';

export interface RunReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'testmaster'; readonly version: string };
  /** Full commit ids. `base` is the merge base of the requested base and head. */
  readonly base: string;
  readonly head: string;
  readonly baseRef: string;
  readonly headRef: string;
  readonly baseSource: BaseSource;
  readonly provider: string;
  /** Why this provider ran when it was not asked for by name (e.g. the default with no model key). */
  readonly providerNote?: string | null;
  /** Changed lines that only the proposed tests cover, by the generator that wrote them. */
  readonly coveredBy?: { readonly offline: number; readonly model: number } | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Patch coverage over all measured files. */
  readonly patch: PatchMetrics;
  readonly files: readonly FileReport[];
  readonly skipped: readonly SkippedFile[];
  readonly timeline: readonly TimelineEvent[];
  /** Patch coverage with the kept proposed tests; null without generation. */
  readonly proposedPatch?: PatchMetrics | null;
  readonly proposedFiles?: readonly ProposedFile[];
  readonly possibleBugs?: readonly PossibleBug[];
  /** Model spend and limits; null when no model was configured. */
  readonly budget?: BudgetReport | null;
  /** Set by `--estimate` (no model call was made, nothing was generated). */
  readonly estimate?: CostEstimate | null;
  /** The run in the run store, and what it reused; null or absent without a store. */
  readonly run?: RunStoreSummary | null;
  /** How the repository's code was isolated (absent when the caller did not say). */
  readonly isolation?: IsolationReport;
}

/** What the run store gave this run. */
export interface RunStoreSummary {
  readonly id: string;
  /** True when this run continued an interrupted one (`--resume`). */
  readonly resumed: boolean;
  /** Modules whose tests were reused rather than written in this run, by source. */
  readonly reusedFromCache: number;
  readonly reusedFromResume: number;
  /** Model calls answered from the interrupted run's record (paid for then). */
  readonly replayedCalls: number;
  /** What writing the reused tests had cost. */
  readonly savedInputTokens: number;
  readonly savedOutputTokens: number;
  readonly savedCostUsd: number;
}
