/**
 * Opens the run store for a run and starts its session (src/session/run-session.ts): a new run, or,
 * with `--resume`, the interrupted run of the same repository, commits and settings. A store that is
 * corrupt or of another schema is moved aside with a warning and a fresh one is made; a file that is
 * not a SQLite file at all is not ours and fails the run with what to do (it is left as it was); a
 * store that cannot be opened at all (permissions) costs a warning and the run goes on without it,
 * unless the user asked to resume, which then fails with what to do.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { ConfigurationError, oneLineMessage } from '../errors/errors.js';
import type { EventBus } from '../events/bus.js';
import { gitCommonDir } from '../git/refs.js';
import { openRunStore } from '../store/open-run-store.js';
import type { RunRecord } from '../store/run-record.js';
import type { RunStore } from '../store/run-store.js';
import { isStoreError } from '../store/store-error.js';
import { configFingerprint } from './config-fingerprint.js';
import { RunSession } from './run-session.js';

export interface SessionRequest {
  readonly config: Config;
  /** Top of the working tree (absolute). */
  readonly repoDir: string;
  /** Full commit ids (base = merge base). */
  readonly base: string;
  readonly head: string;
  readonly provider: string;
  readonly model: string | null;
  /** `--resume [RUN_ID]`; null for a new run. */
  readonly resume: { readonly runId: string | null } | null;
}

/** Runs kept in the store; older ones (and their progress) are deleted when a run starts. */
const RUNS_KEPT = 20;
/** Cache entries unused this long are deleted when a run starts. */
const CACHE_UNUSED_MS = 30 * 24 * 3600 * 1000;

export async function openSession(request: SessionRequest, events: EventBus): Promise<RunSession | null> {
  const { config, resume } = request;
  if (!config.store) {
    if (resume) throw new ConfigurationError('--resume needs the run store, but store is false; drop --no-store (or store: false) to resume');
    return null;
  }
  const warn = (message: string): void => events.emit({ type: 'warning', message });
  const storePath = config.storePath ?? path.join(await gitCommonDir(request.repoDir), 'testmaster', 'store.sqlite');
  let store: RunStore;
  try {
    mkdirSync(path.dirname(storePath), { recursive: true });
    store = openRunStore(storePath, { onCorrupt: 'fresh-start', onWarning: warn });
  } catch (error) {
    if (isStoreError(error) && error.problem === 'not-a-store') throw error;
    if (resume) throw new ConfigurationError(`cannot resume: the run store ${storePath} cannot be opened (${oneLineMessage(error)}); fix its permissions or run without --resume`);
    warn(`the run store ${storePath} cannot be opened (${oneLineMessage(error)}); the run goes on without it (no resume, no reuse)`);
    return null;
  }
  try {
    const fingerprint = configFingerprint(config);
    const found = resume === null ? null : findRunToResume(store, request, storePath, warn);
    if (found !== null) {
      checkSameRun(found, request, fingerprint);
      if (found.status === 'interrupted') store.markRun(found.id, 'running');
      return new RunSession(store, found.id, true, events);
    }
    store.pruneRuns(RUNS_KEPT);
    store.pruneCache(Date.now() - CACHE_UNUSED_MS);
    const run = store.createRun({ repoDir: request.repoDir, base: request.base, head: request.head, configFingerprint: fingerprint, provider: request.provider, model: request.model });
    return new RunSession(store, run.id, false, events);
  } catch (error) {
    store.close();
    throw error;
  }
}

function findRunToResume(store: RunStore, request: SessionRequest, storePath: string, warn: (message: string) => void): RunRecord | null {
  const runId = request.resume?.runId ?? null;
  if (runId === null) {
    const latest = store.findResumableRun(request.repoDir, request.base, request.head);
    if (latest === null) warn(`no interrupted run of ${short(request.base)}..${short(request.head)} to resume; starting a new run`);
    return latest;
  }
  const run = store.getRun(runId);
  if (run === null) throw new ConfigurationError(`no run ${runId} in the run store ${storePath}; check the id printed when the run was interrupted, or run without --resume`);
  if (run.status !== 'running' && run.status !== 'interrupted') {
    throw new ConfigurationError(`run ${runId} is ${run.status}, so there is nothing to resume; run without --resume to start a new run`);
  }
  return run;
}

function checkSameRun(run: RunRecord, request: SessionRequest, fingerprint: string): void {
  if (run.repoDir !== request.repoDir || run.base !== request.base || run.head !== request.head) {
    throw new ConfigurationError(
      `run ${run.id} compared ${short(run.base)}..${short(run.head)} in ${run.repoDir}, not ${short(request.base)}..${short(request.head)} in ${request.repoDir}; resume it with the same --base/--head, or run without --resume`,
    );
  }
  if (run.configFingerprint !== fingerprint || run.provider !== request.provider || run.model !== request.model) {
    throw new ConfigurationError(`run ${run.id} was started with other settings (provider, model, budget or generation options); resume it with the same settings, or run without --resume`);
  }
}

const short = (commit: string): string => commit.slice(0, 12);
