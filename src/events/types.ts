/**
 * The pipeline's typed event stream. Stages emit events; consumers (the action's log groups, the
 * CLI's progress display, the JSON report's timeline) subscribe. Later stages (generation, healing,
 * budget) add members to the PipelineEvent union.
 */
export type Phase = 'diff' | 'scope' | 'head-coverage' | 'base-coverage' | 'generation' | 'report';

export type PipelineEvent =
  | { readonly type: 'run-started'; readonly repoDir: string; readonly baseRef: string; readonly headRef: string; readonly provider: string }
  | { readonly type: 'phase-started'; readonly phase: Phase; readonly detail?: string }
  | { readonly type: 'phase-completed'; readonly phase: Phase; readonly detail?: string }
  | { readonly type: 'diff-computed'; readonly base: string; readonly head: string; readonly files: number; readonly skipped: number }
  | { readonly type: 'modules-selected'; readonly modules: readonly string[]; readonly packages: readonly string[] }
  | { readonly type: 'module-analysis-started'; readonly path: string; readonly packageDir: string }
  | { readonly type: 'runner-started'; readonly side: 'base' | 'head'; readonly packageDir: string; readonly framework: string; readonly modules: number }
  | { readonly type: 'runner-completed'; readonly side: 'base' | 'head'; readonly packageDir: string; readonly durationMs: number; readonly passed: number; readonly failed: number; readonly exitCode: number | null; readonly timedOut: boolean }
  | { readonly type: 'coverage-measured'; readonly side: 'base' | 'head'; readonly path: string; readonly linesCovered: number; readonly linesTotal: number }
  | { readonly type: 'module-skipped'; readonly path: string; readonly reason: string }
  | { readonly type: 'generation-started'; readonly path: string; readonly uncoveredLines: number }
  | { readonly type: 'model-call'; readonly path: string; readonly label: string; readonly attempt: number; readonly charged: string; readonly inputTokens: number; readonly outputTokens: number; readonly costUsd: number; readonly runCostUsd: number }
  | { readonly type: 'heal-turn'; readonly path: string; readonly turn: number; readonly failingCases: number; readonly fileError: boolean }
  | { readonly type: 'probe-finished'; readonly path: string; readonly runs: number; readonly calls: number; readonly cases: number; readonly rejected: number }
  | { readonly type: 'candidate-validated'; readonly path: string; readonly turn: number; readonly kept: number; readonly dropped: number; readonly verdict: string }
  | { readonly type: 'generation-finished'; readonly path: string; readonly outcome: string; readonly reason: string | null; readonly kept: number; readonly costUsd: number }
  | { readonly type: 'model-call-replayed'; readonly path: string; readonly label: string; readonly inputTokens: number; readonly outputTokens: number }
  | { readonly type: 'module-reused'; readonly path: string; readonly source: 'cache' | 'resume'; readonly fromRunId: string | null; readonly kept: number; readonly savedTokens: number; readonly savedCostUsd: number }
  | { readonly type: 'run-resumed'; readonly runId: string; readonly finishedModules: number; readonly spentUsd: number }
  | { readonly type: 'run-interrupted'; readonly runId: string | null }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'run-completed'; readonly files: number; readonly patchCovered: number; readonly patchPartial: number; readonly patchTotal: number }
  | { readonly type: 'run-failed'; readonly message: string };

export type PipelineEventType = PipelineEvent['type'];

/** An event as recorded in the report: the event plus when it happened, relative to the run start. */
export type TimelineEvent = PipelineEvent & { readonly atMs: number };

export type EventListener = (event: TimelineEvent) => void;
