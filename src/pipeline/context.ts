/** What every pipeline stage receives: the typed configuration and the effects it may use. */
import type { Config } from '../config/schema.js';
import type { EventBus } from '../events/bus.js';
import type { Executor } from '../sandbox/types.js';
import type { Fetch } from '../model/attempt-fetch.js';
import type { Environment } from '../model/model-settings.js';
import type { IsolationReport } from '../sandbox/isolation/isolation-types.js';
import type { RepositoryGuard } from '../guard/repository-guard.js';
import type { WorktreeOptions } from '../git/worktree.js';

export interface PipelineRequest {
  /** Absolute path of the repository checkout. */
  readonly repoDir: string;
  readonly baseRef: string;
  readonly headRef: string;
  readonly config: Config;
  /** May the pipeline fetch missing history (shallow checkouts in the action)? */
  readonly allowFetch: boolean;
  readonly signal?: AbortSignal;
  /** Build the prompts and print the worst-case cost of the model calls, without making any. */
  readonly estimateOnly?: boolean;
  /** Absolute paths of files the run itself writes during the run (the event log): not the tests' doing. */
  readonly ownOutputs?: readonly string[];
  /** Continue an interrupted run from the run store (runId null: the latest of the same commits). */
  readonly resume?: { readonly runId: string | null } | null;
}

export interface PipelineDeps {
  /** Runs every child process that executes repository code (wrapped by guardExecutor around `guard`). */
  readonly exec: Executor;
  /** What repository code must leave as it found it: the git directory (per process) and the checkout (per phase). */
  readonly guard: RepositoryGuard;
  readonly events: EventBus;
  readonly version: string;
  readonly now?: () => Date;
  /** Where the model key and base URL fall back to (OPENAI_API_KEY...); default process.env. */
  readonly env?: Environment;
  /** The fetch under the model SDK; default global fetch. */
  readonly fetch?: Fetch;
  /**
   * Where the run's temporary checkouts and output directories go: the isolation's temporary root,
   * the only place a sandboxed process can read them from (default: the OS temp directory).
   */
  readonly tempRoot?: string;
  /** The isolation the executor gives repository code, for the report. */
  readonly isolation?: IsolationReport;
}

/** withWorktree's options: the run's temporary root, and the guard told of each worktree added and removed. */
export function worktreeOptions(deps: Pick<PipelineDeps, 'tempRoot' | 'guard'>): WorktreeOptions {
  return { guard: deps.guard, ...(deps.tempRoot === undefined ? {} : { tempRoot: deps.tempRoot }) };
}
