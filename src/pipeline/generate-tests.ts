/**
 * The generation stage: for each measured module with uncovered changed lines, most uncovered first,
 * write tests and keep what passes reliably and adds coverage, `concurrency` modules at a time: with
 * the zero-token generator (src/offline/), the model (generate-for-module.ts), or both (hybrid: the
 * model only for the changed lines the zero-token tests left uncovered). Candidates are validated in a temporary worktree of the head, never
 * in the user's checkout; the kept files travel back in the report (the entry points write them).
 * A model failure no module can get past stops the others and fails the run.
 */
import { lstatSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { makeTempDir } from '../files/make-temp-dir.js';
import { patchMetrics, sumPatch } from '../coverage/file-metrics.js';
import type { Config } from '../config/schema.js';
import { linkNodeModules, withWorktree } from '../git/worktree.js';
import { userTreeTampered } from './tree-check.js';
import { generateForModule, type GenerationSettings, type ModuleGenerationResult } from '../generation/module/generate-for-module.js';
import type { CandidateSettings } from '../generation/module/validate-in-checkout.js';
import { createOfflineAnalyser } from '../offline/analyse/analyser.js';
import { generateOfflineForModule, type OfflineSettings } from '../offline/generate-offline-for-module.js';
import { typescriptLibDir } from '../offline/typescript-lib-dir.js';
import type { ModuleJob } from '../generation/module/module-context.js';
import { runtimeFactsCache } from '../runners/runtime-facts.js';
import type { BudgetReport, FileReport, GeneratorKind, PatchMetrics, PossibleBug, ProposedFile, RunStoreSummary } from '../report/types.js';
import { PROMPT_VERSION } from '../generation/prompt/templates/current.js';
import { OFFLINE_GENERATOR_VERSION } from '../offline/generate-offline-for-module.js';
import type { RunSession } from '../session/run-session.js';
import type { ModuleOutcome } from '../store/module-state.js';
import { moduleOutcome } from './module-outcome.js';
import { withCrossRunCache, type ModuleGenerator } from './reuse-cached-tests.js';
import { discoverPackages } from '../scope/workspaces.js';
import { assignTestPaths } from '../generation/module/choose-test-path.js';
import { placementRequests } from './placement-facts.js';
import { GenerationError } from '../errors/errors.js';
import { worktreeOptions, type PipelineDeps } from './context.js';
import type { Executor } from '../sandbox/types.js';
import type { HeadCheckout } from './head-checkout.js';
import type { ModulePlan, SideCoverage } from './module-plan.js';
import type { PreparedGeneration, PreparedModel } from './prepare-generation.js';

export interface GenerationOutput {
  readonly files: readonly FileReport[];
  readonly proposedPatch: PatchMetrics;
  readonly proposedFiles: readonly ProposedFile[];
  readonly possibleBugs: readonly PossibleBug[];
  /** Null when no model was configured (the zero-token generator alone). */
  readonly budget: BudgetReport | null;
  /** Changed lines newly covered by each generator's kept tests. */
  readonly coveredBy: { readonly offline: number; readonly model: number };
  /** What the run store gave (null without one). */
  readonly run: RunStoreSummary | null;
}

export interface GenerationInput {
  readonly repoDir: string;
  readonly head: string;
  readonly checkout: HeadCheckout;
  readonly modules: readonly ModulePlan[];
  readonly headCoverage: SideCoverage;
  readonly files: readonly FileReport[];
  readonly config: Config;
  readonly prepared: PreparedGeneration;
  readonly signal?: AbortSignal;
  /** Files the run itself writes in the tree (see PipelineRequest.ownOutputs). */
  readonly ownOutputs?: readonly string[];
  /** The run store's session: checkpoints, paid answers, reuse across runs. */
  readonly session?: RunSession | null;
}

/** A probe run is cut off at a quarter of the module's time budget, between 10 and 30 s: what a call that never returns costs. */
const probeRunLimitMs = (budgetMs: number): number => Math.min(30_000, Math.max(10_000, Math.floor(budgetMs / 4)));
/** How long the probe waits for a returned promise. */
const PROMISE_WAIT_MS = 2_000;

/** Largest proposed test file, in UTF-8 bytes. */
const MAX_TEST_FILE_BYTES = 200 * 1024;

export async function generateTests(input: GenerationInput, deps: PipelineDeps): Promise<GenerationOutput> {
  const outcomes = new Map<string, ModuleOutcome>();
  const session = input.session ?? null;
  // Modules the interrupted run finished are reported as they were, not redone.
  const finished = session === null ? [] : [...session.finished].map(([module, outcome]) => ({ module, outcome, reused: resumedFrom(outcome, session.runId) }));
  for (const { module, outcome, reused } of finished) {
    outcomes.set(module, outcome);
    deps.events.emit({
      type: 'module-reused',
      path: module,
      source: 'resume',
      fromRunId: reused.fromRunId,
      kept: outcome.files.reduce((sum, file) => sum + file.kept.length, 0),
      savedTokens: reused.savedInputTokens + reused.savedOutputTokens,
      savedCostUsd: reused.savedCostUsd,
    });
  }
  const jobs = orderByValue(moduleJobs(input)).filter((job) => !outcomes.has(job.plan.file.path));
  const needGeneration = jobs.some((job) => remaining(job) > 0);
  if (needGeneration) {
    await inValidationCheckout(input, deps, async (checkoutDir) => {
      const scratchDir = await makeTempDir(deps.tempRoot ?? tmpdir(), 'testmaster-gen-');
      try {
        await runJobs(jobs, checkoutDir, scratchDir, input, deps, outcomes);
      } finally {
        await rm(scratchDir, { recursive: true, force: true });
      }
    });
    // The validation worktree's node_modules are the user's (linked): candidates can change the user's checkout.
    const tampered = await userTreeTampered('the tests run during generation', 'every test kept in this run was discarded', input.ownOutputs ?? [], deps);
    if (tampered !== null) discardKept(input, jobs, outcomes, tampered);
  }
  return assemble(input, outcomes, deps);
}

/** The measured modules of a package with a known framework, as generation jobs. */
export function moduleJobs(input: Pick<GenerationInput, 'modules' | 'files' | 'headCoverage'>): ModuleJob[] {
  const jobs: ModuleJob[] = [];
  for (const plan of input.modules) {
    const report = input.files.find((file) => file.path === plan.file.path);
    if (!report?.head || plan.pkg.framework === null) continue;
    jobs.push({ plan, baseline: input.headCoverage.files.get(plan.file.path) ?? null, patch: report.head.patch, relatedTests: report.relatedTests });
  }
  return jobs;
}

/** Most uncovered changed lines first (the budget serves them first), then by path. */
export function orderByValue(jobs: readonly ModuleJob[]): ModuleJob[] {
  return [...jobs].sort((a, b) => remaining(b) - remaining(a) || a.plan.file.path.localeCompare(b.plan.file.path));
}

/** A temporary worktree of the head with the packages' node_modules linked in; the user's tree is never written. */
async function inValidationCheckout(input: GenerationInput, deps: PipelineDeps, fn: (dir: string) => Promise<void>): Promise<void> {
  if (!input.checkout.userCheckout) return fn(input.checkout.dir); // already our own worktree
  const workspace = await discoverPackages(input.repoDir);
  await withWorktree(
    input.repoDir,
    input.head,
    async (dir) => {
      await linkNodeModules(input.repoDir, dir, workspace.packageDirs);
      await fn(dir);
    },
    worktreeOptions(deps),
  );
}

/**
 * The user's checkout changed while candidates ran and no one candidate can be blamed: whatever this
 * run kept or found is discarded (modules finished by an interrupted run, reported from the store, are not this run's).
 */
function discardKept(input: GenerationInput, jobs: readonly ModuleJob[], outcomes: Map<string, ModuleOutcome>, reason: string): void {
  for (const job of jobs) {
    const module = job.plan.file.path;
    const outcome = outcomes.get(module);
    const file = input.files.find((candidate) => candidate.path === module);
    if (outcome === undefined || file === undefined || !['kept', 'nothing-kept'].includes(outcome.generation.outcome)) continue;
    outcomes.set(module, { ...moduleOutcome(file, []), generation: { ...outcome.generation, outcome: 'failed', reason } });
  }
}

async function runJobs(
  jobs: readonly ModuleJob[],
  checkoutDir: string,
  scratchDir: string,
  input: GenerationInput,
  deps: PipelineDeps,
  outcomes: Map<string, ModuleOutcome>,
): Promise<void> {
  const { config, prepared } = input;
  const session = input.session ?? null;
  const candidate = { reruns: config.reruns, candidateTimeoutMs: config.candidateTimeoutSeconds * 1000, maxFileBytes: MAX_TEST_FILE_BYTES };
  // A run-stopping failure in one module cancels the others (their test processes are killed).
  const stop = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal;
  const limit = pLimit(config.concurrency);
  // Model calls wait on the network; test runs need a core each. Running more runners than cores only
  // slows every one of them, so candidate runs share at most one slot per core.
  const runnerSlots = pLimit(Math.max(1, Math.min(config.concurrency, availableParallelism())));
  const exec: Executor = (request) => runnerSlots(() => deps.exec(request));
  let firstError: unknown = null;
  const exists = (repoPath: string): boolean => lstatOrNull(path.join(checkoutDir, repoPath)) !== null;
  const requests = await placementRequests(checkoutDir, jobs);
  const testPaths = assignTestPaths(requests, config.testPathPattern, exists);
  // In hybrid mode the model's file for a module sits beside the zero-token one (numbered).
  const firstPaths = new Set(testPaths.values());
  const modelPaths = prepared.provider === 'hybrid' ? assignTestPaths(requests, config.testPathPattern, (p) => exists(p) || firstPaths.has(p)) : testPaths;
  const ownPaths = new Set([...testPaths.values(), ...modelPaths.values()]);
  const tracked = (generate: ModuleGenerator, kind: GeneratorKind, identity: { model: string; promptVersion: string }): ModuleGenerator =>
    session === null ? generate : withCrossRunCache(generate, kind, identity, candidate, { session, exec, events: deps.events, signal });
  const offline =
    prepared.provider === 'openai'
      ? null
      : tracked(offlineGenerator(jobs, checkoutDir, config, candidate, exec, deps, signal), 'offline', { model: 'offline', promptVersion: OFFLINE_GENERATOR_VERSION });
  const model =
    prepared.model === null
      ? null
      : tracked(modelGenerator(prepared.model, config, candidate, exec, deps, signal, session), 'model', { model: prepared.model.settings.model, promptVersion: PROMPT_VERSION });
  await Promise.all(
    jobs.map((job) =>
      limit(async () => {
        if (signal.aborted) return;
        const module = job.plan.file.path;
        const work = { job, checkoutDir, scratchDir, testPath: testPaths.get(module)!, ownPaths };
        try {
          const done: ModuleGenerationResult[] = [];
          let modelJob = job;
          if (offline !== null) {
            const result = await offline(work);
            done.push(result);
            modelJob = afterKept(job, result);
          }
          if (model !== null && remaining(modelJob) > 0 && !signal.aborted) {
            done.push(await model({ ...work, job: modelJob, testPath: modelPaths.get(module)! }));
          }
          // A module cut short by the interruption is not finished: a resumed run does it again.
          if (signal.aborted) return;
          const file = input.files.find((candidate) => candidate.path === module);
          if (file === undefined) return;
          const outcome = moduleOutcome(file, done);
          outcomes.set(module, outcome);
          session?.finish(module, outcome);
        } catch (error) {
          if (firstError === null) firstError = error;
          stop.abort(error);
        }
      }),
    ),
  );
  if (input.signal?.aborted) throw new GenerationError('the run was cancelled during generation: no test file was written');
  if (firstError !== null) throw firstError;
}

function offlineGenerator(jobs: readonly ModuleJob[], checkoutDir: string, config: Config, candidate: CandidateSettings, exec: Executor, deps: PipelineDeps, signal: AbortSignal): ModuleGenerator {
  const analyser = createOfflineAnalyser({
    checkoutDir,
    modulePaths: jobs.filter((job) => remaining(job) > 0).map((job) => job.plan.file.path),
    libDir: typescriptLibDir(),
  });
  const settings: OfflineSettings = {
    ...candidate,
    timeBudgetMs: config.offlineTimeBudgetSeconds * 1000,
    probeRunLimitMs: probeRunLimitMs(config.offlineTimeBudgetSeconds * 1000),
    promiseWaitMs: PROMISE_WAIT_MS,
    maxCasesPerTarget: 6,
    maxCasesPerModule: 20,
  };
  return (work) => generateOfflineForModule(work, settings, { analyser, exec, events: deps.events, signal });
}

function modelGenerator(prepared: PreparedModel, config: Config, candidate: CandidateSettings, exec: Executor, deps: PipelineDeps, signal: AbortSignal, session: RunSession | null): ModuleGenerator {
  const settings: GenerationSettings = {
    ...candidate,
    model: prepared.settings.model,
    maxCompletionTokens: prepared.settings.maxCompletionTokens,
    maxPromptTokens: config.maxPromptTokens,
    maxHealAttempts: config.maxHealAttempts,
  };
  const runtimeFacts = runtimeFactsCache(exec, signal);
  return async (work) => {
    const result = await generateForModule(work, settings, { client: prepared.client, ledger: prepared.ledger, exec, events: deps.events, signal, runtimeFacts, ...(session ? { replay: session.replay } : {}) });
    return { ...result, generation: { ...result.generation, provider: 'model' } };
  };
}

/** The job as the model sees it after the zero-token generator's kept cases: their coverage is the baseline. */
function afterKept(job: ModuleJob, result: ModuleGenerationResult): ModuleJob {
  const combined = result.kept?.combined ?? null;
  if (combined === null) return job;
  return { ...job, baseline: combined, patch: patchMetrics(combined, job.plan.file.changedLines) };
}

/** Changed lines the job still has to cover (missing or partly covered). */
function remaining(job: ModuleJob): number {
  return job.patch.missingLines.length + job.patch.partialLines.length;
}

function assemble(input: GenerationInput, outcomes: ReadonlyMap<string, ModuleOutcome>, deps: PipelineDeps): GenerationOutput {
  const proposedFiles: ProposedFile[] = [];
  const possibleBugs: PossibleBug[] = [];
  const coveredBy = { offline: 0, model: 0 };
  const files = input.files.map((file): FileReport => {
    const outcome = outcomes.get(file.path) ?? moduleOutcome(file, []);
    proposedFiles.push(...outcome.files);
    possibleBugs.push(...outcome.possibleBugs);
    coveredBy.offline += outcome.coveredBy.offline;
    coveredBy.model += outcome.coveredBy.model;
    const generation = input.session?.finished.has(file.path) ? { ...outcome.generation, reused: resumedFrom(outcome, input.session.runId) } : outcome.generation;
    return { ...file, proposed: file.head ? outcome.proposed : null, generation };
  });
  const proposedPatch = sumPatch(files.flatMap((file) => (file.proposed ? [file.proposed.patch] : [])));
  const model = input.prepared.model;
  const budget: BudgetReport | null =
    model === null
      ? null
      : { model: model.settings.model, ...model.ledger.totals(), limits: model.ledger.limits, stoppedByBudget: model.ledger.stoppedByBudget, priceSource: model.price.source };
  return { files, proposedPatch, proposedFiles, possibleBugs, budget, coveredBy, run: runSummary(input.session ?? null, files, deps) };
}

function resumedFrom(outcome: ModuleOutcome, runId: string) {
  const spent = outcome.generation;
  return { source: 'resume' as const, fromRunId: runId, savedInputTokens: spent.inputTokens, savedOutputTokens: spent.outputTokens, savedCostUsd: spent.costUsd };
}

/** The report's `run`: the store's run id and what it reused. */
function runSummary(session: RunSession | null, files: readonly FileReport[], deps: PipelineDeps): RunStoreSummary | null {
  if (session === null) return null;
  const reused = files.flatMap((file) => (file.generation?.reused ? [file.generation.reused] : []));
  return {
    id: session.runId,
    resumed: session.resumed,
    reusedFromCache: reused.filter((entry) => entry.source === 'cache').length,
    reusedFromResume: reused.filter((entry) => entry.source === 'resume').length,
    replayedCalls: deps.events.timeline.filter((event) => event.type === 'model-call-replayed').length,
    savedInputTokens: reused.reduce((sum, entry) => sum + entry.savedInputTokens, 0),
    savedOutputTokens: reused.reduce((sum, entry) => sum + entry.savedOutputTokens, 0),
    savedCostUsd: reused.reduce((sum, entry) => sum + entry.savedCostUsd, 0),
  };
}

function lstatOrNull(absolute: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(absolute);
  } catch {
    return null;
  }
}
