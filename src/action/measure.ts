/**
 * Effects: one measurement run for the action, whatever started it: the configuration (read at the
 * base commit), the pipeline with a log group per phase, the reports (files, job summary) and the
 * proposed files under RUNNER_TEMP/testmaster/proposed. The caller decides the commits and may force
 * settings (a fork's run gets `provider: none`) and put a note above the job summary.
 */
import { join, resolve } from 'node:path';
import * as actionsCache from '@actions/cache';
import * as core from '@actions/core';
import { loadRunConfig } from '../config/load-run-config.js';
import type { Config } from '../config/schema.js';
import { EventBus } from '../events/bus.js';
import { writeProposedFiles } from '../files/write-proposed-files.js';
import { findRepoRoot, resolveComparison } from '../git/refs.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { heldSecretNames, knownSecrets } from '../report/known-secrets.js';
import { openRunIsolation } from '../pipeline/open-run-isolation.js';
import { redactSecrets } from '../report/redact.js';
import type { RunReport } from '../report/types.js';
import { assertReportTargetsWritable, writeReports } from '../report/write-reports.js';
import { guardExecutor, warnTampered } from '../guard/guard-executor.js';
import { createRepositoryGuard } from '../guard/repository-guard.js';
import { createTelemetry } from '../telemetry/create-telemetry.js';
import { VERSION } from '../version.js';
import type { EventRefs } from './event-refs.js';
import { createActionLogger } from './log-events.js';
import { restoreRunStore, saveRunStore, storeCacheKeys } from './store-cache.js';
import type { ActionInputs } from './read-inputs.js';

export interface MeasureRequest {
  readonly inputs: ActionInputs;
  readonly env: NodeJS.ProcessEnv;
  readonly refs: EventRefs;
  /** Settings forced over the inputs (e.g. `provider: none` for a fork). */
  readonly forced?: Readonly<Record<string, string>>;
  /** Markdown note put above the report in the job summary. */
  readonly summaryNote?: string | null;
  readonly repoUrl: string | null;
  /** The pull request's number: its run store is carried between its runs with the Actions cache. */
  readonly pullNumber?: number;
}

export interface Measurement {
  readonly report: RunReport;
  readonly config: Config;
  readonly markdownPath: string;
  readonly jsonPath: string;
  /** Everything to redact from what is published: the model key (any source) and the token. */
  readonly secrets: readonly string[];
}

export async function measure(request: MeasureRequest): Promise<Measurement> {
  const { inputs, env } = request;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const repoDir = resolve(workspace, inputs.workingDirectory);
  const comparison = await resolveComparison(repoDir, request.refs.base, request.refs.head, { allowFetch: true });
  const { config: loaded, notes } = await loadRunConfig({
    repoDir,
    baseCommit: comparison.base,
    configPath: inputs.configPath === null ? null : resolve(repoDir, inputs.configPath),
    namedFileFrom: 'base',
    overrides: { ...inputs.overrides, ...request.forced },
    overridesLabel: 'input',
  });
  // A pull request that changed the config file is told that its change is not what measured it.
  for (const note of notes) core.info(note);

  const outDir = join(env.RUNNER_TEMP ?? repoDir, 'testmaster');
  // The run store lives beside the reports (never in the checkout), where the Actions cache can carry it.
  const config: Config = loaded.storePath === null && env.RUNNER_TEMP ? { ...loaded, storePath: join(outDir, 'store.sqlite') } : loaded;
  const storeCache = storeCacheFor(config, request.pullNumber, env);
  const markdownPath = config.reportMd ?? join(outDir, 'report.md');
  const jsonPath = config.reportJson ?? join(outDir, 'report.json');
  await assertReportTargetsWritable([markdownPath, jsonPath]);

  // The runner sends SIGINT, then SIGTERM: stop the test processes (their groups are killed) and fail.
  const aborter = new AbortController();
  process.once('SIGINT', () => aborter.abort());
  process.once('SIGTERM', () => aborter.abort());

  const secrets = [...knownSecrets(config, env), ...(inputs.token ? [inputs.token] : [])];
  const events = new EventBus();
  events.subscribe(createActionLogger(secrets));
  const telemetry = createTelemetry({ env, version: VERSION, secrets, debug: (line) => core.debug(line) });
  if (telemetry) events.subscribe(telemetry.listener);
  let report: RunReport;
  const isolation = await openRunIsolation({ config, repoDir, env, secretsHeld: actionSecretNames(config, inputs, env) });
  core.info(`Isolation of the repository's code: ${isolation.report.level}${isolation.report.mechanism ? ` (${isolation.report.mechanism})` : ''}${isolation.report.notes.length > 0 ? `; ${isolation.report.notes.join('; ')}` : ''}`);
  if (isolation.report.level === 'none') core.warning(`The repository's code runs without isolation (isolation: ${config.isolation}): ${isolation.report.notes.join('; ')}`);
  const guard = createRepositoryGuard(repoDir);
  if (storeCache) await restoreRunStore({ storePath: storeCache.storePath, keys: storeCache.keys }, storeCache.deps);
  try {
    report = await runPipeline(
      { repoDir, baseRef: request.refs.base, headRef: request.refs.head, config, allowFetch: true, signal: aborter.signal },
      { exec: guardExecutor(isolation.exec, guard, warnTampered(events)), guard, tempRoot: isolation.tempRoot, isolation: isolation.report, events, version: VERSION, env },
    );
  } finally {
    await isolation.dispose();
    await telemetry?.shutdown(); // bounded by its own deadline; never throws
    // The pipeline closed the store; saved even after a failure, for the tests kept before it.
    if (storeCache) await saveRunStore({ storePath: storeCache.storePath, key: storeCache.keys.key }, storeCache.deps);
  }
  const rendered = await writeReports(report, { markdownPath, jsonPath, secrets, ...(request.repoUrl ? { repoUrl: request.repoUrl } : {}) });
  if (env.GITHUB_STEP_SUMMARY) {
    const note = request.summaryNote ? `> [!NOTE]\n> ${redactSecrets(request.summaryNote, secrets)}\n\n` : '';
    await core.summary.addRaw(`${note}${rendered.jobSummary}`).write();
  }
  // After the reports, so a failure here never loses them.
  const proposed = report.proposedFiles ?? [];
  if (proposed.length > 0) {
    const written = await writeProposedFiles(proposed, { directory: join(outDir, 'proposed'), repoDir: await findRepoRoot(repoDir), placeInRepo: config.write });
    core.info(`Proposed tests: ${proposed.length} file(s) in ${written.directory}`);
    for (const entry of written.notPlaced) core.warning(`not written in place: ${entry.path}: ${entry.reason}`);
  }
  return { report, config, markdownPath, jsonPath, secrets };
}

/** What the action's process holds: the token, the Actions runtime token, the model key. */
function actionSecretNames(config: Config, inputs: ActionInputs, env: NodeJS.ProcessEnv): string[] {
  return [
    ...(inputs.token ? ['the GitHub token'] : []),
    ...(env.ACTIONS_RUNTIME_TOKEN || env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ? ['the Actions runtime token'] : []),
    ...heldSecretNames(config, env),
  ];
}

/** The Actions cache of a pull request's run store, when there is a store, a model or zero-token run and a pull request. */
function storeCacheFor(config: Config, pullNumber: number | undefined, env: NodeJS.ProcessEnv) {
  if (pullNumber === undefined || !config.store || config.provider === 'none' || config.storePath === null) return null;
  return {
    storePath: config.storePath,
    keys: storeCacheKeys({ prNumber: pullNumber, runId: env.GITHUB_RUN_ID ?? '0', runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1' }),
    deps: { cache: actionsCache, warn: (line: string) => core.warning(line), info: (line: string) => core.info(line) },
  };
}
