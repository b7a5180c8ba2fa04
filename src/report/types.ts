/**
 * The run's result, as written to the JSON report (schemaVersion 1) and rendered to markdown.
 * Everything here is plain data: it is built by the pipeline and read by pure renderers.
 */
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
 * the coverable changed lines with no hit. Headline percentage: (covered - partial) / total.
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
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Patch coverage over all measured files. */
  readonly patch: PatchMetrics;
  readonly files: readonly FileReport[];
  readonly skipped: readonly SkippedFile[];
  readonly timeline: readonly TimelineEvent[];
}
