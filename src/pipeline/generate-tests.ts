/**
 * The generation stage: for each measured module with uncovered changed lines, most uncovered first,
 * write tests and keep what passes reliably and adds coverage, `concurrency` modules at a time: with
 * the zero-token generator (src/offline/), the model (generate-for-module.ts), or both (hybrid: the
 * model only for the changed lines the zero-token tests left uncovered). Candidates are validated in a temporary worktree of the head, never
 * in the user's checkout; the kept files travel back in the report (the entry points write them).
 * A model failure no module can get past stops the others and fails the run.
 */
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { fileMetrics, patchMetrics, sumPatch } from '../coverage/file-metrics.js';
import type { Config } from '../config/schema.js';
import { linkNodeModules, withWorktree } from '../git/worktree.js';
import { userTreeChanges } from './user-tree-changes.js';
import { generateForModule, type GenerationSettings, type ModuleGenerationResult, type ModuleWork } from '../generation/module/generate-for-module.js';
import type { CandidateSettings } from '../generation/module/validate-in-checkout.js';
import { createOfflineAnalyser } from '../offline/analyse/analyser.js';
import { generateOfflineForModule, type OfflineSettings } from '../offline/generate-offline-for-module.js';
import { typescriptLibDir } from '../offline/typescript-lib-dir.js';
import type { ModuleJob } from '../generation/module/module-context.js';
import type { BudgetReport, FileReport, HeadMetrics, ModuleGeneration, PatchMetrics, PossibleBug, ProposedFile } from '../report/types.js';
import { discoverPackages } from '../scope/workspaces.js';
import { assignTestPaths } from '../generation/module/choose-test-path.js';
import { GenerationError } from '../errors/errors.js';
import type { PipelineDeps } from './context.js';
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
}

/** A probe run is cut off at a quarter of the module's time budget, between 10 and 30 s: what a call that never returns costs. */
const probeRunLimitMs = (budgetMs: number): number => Math.min(30_000, Math.max(10_000, Math.floor(budgetMs / 4)));
/** How long the probe waits for a returned promise. */
const PROMISE_WAIT_MS = 2_000;

/** Largest proposed test file, in UTF-8 bytes. */
const MAX_TEST_FILE_BYTES = 200 * 1024;

export async function generateTests(input: GenerationInput, deps: PipelineDeps): Promise<GenerationOutput> {
  const jobs = orderByValue(moduleJobs(input));
  const needGeneration = jobs.some((job) => remaining(job) > 0);
  const results = new Map<string, ModuleGenerationResult[]>();
  if (needGeneration) {
    await inValidationCheckout(input, async (checkoutDir) => {
      const scratchDir = await mkdtemp(path.join(tmpdir(), 'testmaster-gen-'));
      try {
        await runJobs(jobs, checkoutDir, scratchDir, input, deps, results);
      } finally {
        await rm(scratchDir, { recursive: true, force: true });
      }
    });
  }
  const before = input.checkout.userTreeBefore;
  if (before !== null && needGeneration) {
    const touched = await userTreeChanges(input.checkout.dir, before, input.ownOutputs);
    if (touched.length > 0) {
      deps.events.emit({ type: 'warning', message: `files in the working tree changed during generation (${touched.slice(0, 5).join(', ')}); check them with git status` });
    }
  }
  return assemble(input, results);
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
async function inValidationCheckout(input: GenerationInput, fn: (dir: string) => Promise<void>): Promise<void> {
  if (input.checkout.userTreeBefore === null) return fn(input.checkout.dir); // already our own worktree
  const workspace = await discoverPackages(input.repoDir);
  await withWorktree(input.repoDir, input.head, async (dir) => {
    await linkNodeModules(input.repoDir, dir, workspace.packageDirs);
    await fn(dir);
  });
}

async function runJobs(
  jobs: readonly ModuleJob[],
  checkoutDir: string,
  scratchDir: string,
  input: GenerationInput,
  deps: PipelineDeps,
  results: Map<string, ModuleGenerationResult[]>,
): Promise<void> {
  const { config, prepared } = input;
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
  const requests = jobs.map((job) => ({ modulePath: job.plan.file.path, relatedTests: job.relatedTests }));
  const testPaths = assignTestPaths(requests, config.testPathPattern, exists);
  // In hybrid mode the model's file for a module sits beside the zero-token one (numbered).
  const firstPaths = new Set(testPaths.values());
  const modelPaths = prepared.provider === 'hybrid' ? assignTestPaths(requests, config.testPathPattern, (p) => exists(p) || firstPaths.has(p)) : testPaths;
  const ownPaths = new Set([...testPaths.values(), ...modelPaths.values()]);
  const offline = prepared.provider === 'openai' ? null : offlineGenerator(jobs, checkoutDir, config, candidate, exec, deps, signal);
  const model = prepared.model === null ? null : modelGenerator(prepared.model, config, candidate, exec, deps, signal);
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
          results.set(module, done);
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

type ModuleGenerator = (work: ModuleWork) => Promise<ModuleGenerationResult>;

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

function modelGenerator(prepared: PreparedModel, config: Config, candidate: CandidateSettings, exec: Executor, deps: PipelineDeps, signal: AbortSignal): ModuleGenerator {
  const settings: GenerationSettings = {
    ...candidate,
    model: prepared.settings.model,
    maxCompletionTokens: prepared.settings.maxCompletionTokens,
    maxPromptTokens: config.maxPromptTokens,
    maxHealAttempts: config.maxHealAttempts,
  };
  return async (work) => {
    const result = await generateForModule(work, settings, { client: prepared.client, ledger: prepared.ledger, exec, events: deps.events, signal });
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

function assemble(input: GenerationInput, results: ReadonlyMap<string, readonly ModuleGenerationResult[]>): GenerationOutput {
  const proposedFiles: ProposedFile[] = [];
  const possibleBugs: PossibleBug[] = [];
  const coveredBy = { offline: 0, model: 0 };
  const files = input.files.map((file): FileReport => {
    const done = results.get(file.path) ?? [];
    const generation = done.length === 0 ? notAttempted(file) : mergeGenerations(done.map((result) => result.generation));
    if (!file.head) return { ...file, proposed: null, generation };
    let proposed: HeadMetrics = file.head;
    for (const result of done) {
      possibleBugs.push(...result.possibleBugs);
      const kept = result.kept;
      if (kept === null || kept.combined === null) continue;
      const provider = result.generation.provider ?? 'model';
      proposedFiles.push({
        path: kept.testPath,
        forFile: file.path,
        framework: file.framework ?? 'vitest',
        content: kept.content,
        sha256: createHash('sha256').update(kept.content).digest('hex'),
        kept: kept.cases,
        dropped: kept.dropped,
        provider,
      });
      const next = { ...fileMetrics(kept.combined), patch: patchMetrics(kept.combined, file.changedLines) };
      coveredBy[provider] += newlyCovered(proposed.patch, next.patch);
      proposed = next;
    }
    return { ...file, proposed, generation };
  });
  const proposedPatch = sumPatch(files.flatMap((file) => (file.proposed ? [file.proposed.patch] : [])));
  const model = input.prepared.model;
  const budget: BudgetReport | null =
    model === null
      ? null
      : { model: model.settings.model, ...model.ledger.totals(), limits: model.ledger.limits, stoppedByBudget: model.ledger.stoppedByBudget, priceSource: model.price.source };
  return { files, proposedPatch, proposedFiles, possibleBugs, budget, coveredBy };
}

/** Changed lines fully covered after that were not before (missing or partial before, neither after). */
function newlyCovered(before: PatchMetrics, after: PatchMetrics): number {
  const open = (patch: PatchMetrics): Set<number> => new Set([...patch.missingLines, ...patch.partialLines]);
  const stillOpen = open(after);
  return [...open(before)].filter((line) => !stillOpen.has(line)).length;
}

/** One module's generation as reported, from the zero-token run and (hybrid) the model's run after it. */
function mergeGenerations(parts: readonly ModuleGeneration[]): ModuleGeneration {
  const [first] = parts;
  if (parts.length === 1 && first) return first;
  const kept = parts.filter((part) => part.outcome === 'kept');
  const last = parts[parts.length - 1]!;
  const label = (part: ModuleGeneration): string => (part.provider === 'offline' ? 'zero-token' : 'model');
  const reasons = parts.filter((part) => part.reason).map((part) => `${label(part)}: ${part.reason}`);
  return {
    outcome: kept.length > 0 ? 'kept' : last.outcome,
    reason: kept.length === parts.length ? null : reasons.join('; ') || null,
    turns: parts.reduce((sum, part) => sum + part.turns, 0),
    llmCalls: parts.reduce((sum, part) => sum + part.llmCalls, 0),
    inputTokens: parts.reduce((sum, part) => sum + part.inputTokens, 0),
    outputTokens: parts.reduce((sum, part) => sum + part.outputTokens, 0),
    costUsd: parts.reduce((sum, part) => sum + part.costUsd, 0),
    promptTokens: parts.find((part) => part.promptTokens !== null)?.promptTokens ?? null,
    provider: (kept[kept.length - 1] ?? last).provider ?? 'model',
  };
}

function notAttempted(file: FileReport) {
  const covered = file.head !== null && file.head.patch.missingLines.length + file.head.patch.partialLines.length === 0;
  return {
    outcome: covered ? ('skipped-covered' as const) : ('skipped' as const),
    reason: covered ? 'every changed line is already covered' : file.head ? 'no test framework for this package' : (file.reason ?? 'the head coverage was not measured'),
    turns: 0,
    llmCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    promptTokens: null,
  };
}

function lstatOrNull(absolute: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(absolute);
  } catch {
    return null;
  }
}
