/**
 * The generation stage: for each measured module with uncovered changed lines, most uncovered first,
 * write tests with the model and keep what passes reliably and adds coverage (generate-for-module.ts),
 * `concurrency` modules at a time. Candidates are validated in a temporary worktree of the head, never
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
import { changedPaths, readWorkingTreeStatus } from '../git/working-tree-snapshot.js';
import { generateForModule, type GenerationSettings, type ModuleGenerationResult } from '../generation/module/generate-for-module.js';
import type { ModuleJob } from '../generation/module/module-context.js';
import type { BudgetReport, FileReport, PatchMetrics, PossibleBug, ProposedFile } from '../report/types.js';
import { discoverPackages } from '../scope/workspaces.js';
import { assignTestPaths } from '../generation/module/choose-test-path.js';
import { GenerationError } from '../errors/errors.js';
import type { PipelineDeps } from './context.js';
import type { Executor } from '../sandbox/types.js';
import type { HeadCheckout } from './head-checkout.js';
import type { ModulePlan, SideCoverage } from './module-plan.js';
import type { PreparedGeneration } from './prepare-generation.js';

export interface GenerationOutput {
  readonly files: readonly FileReport[];
  readonly proposedPatch: PatchMetrics;
  readonly proposedFiles: readonly ProposedFile[];
  readonly possibleBugs: readonly PossibleBug[];
  readonly budget: BudgetReport;
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
}

/** Largest proposed test file, in UTF-8 bytes. */
const MAX_TEST_FILE_BYTES = 200 * 1024;

export async function generateTests(input: GenerationInput, deps: PipelineDeps): Promise<GenerationOutput> {
  const jobs = orderByValue(moduleJobs(input));
  const needGeneration = jobs.some((job) => job.patch.missingLines.length + job.patch.partialLines.length > 0);
  const results = new Map<string, ModuleGenerationResult>();
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
    const touched = changedPaths(before, (await readWorkingTreeStatus(input.checkout.dir)).snapshot);
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
  const value = (job: ModuleJob): number => job.patch.missingLines.length + job.patch.partialLines.length;
  return [...jobs].sort((a, b) => value(b) - value(a) || a.plan.file.path.localeCompare(b.plan.file.path));
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
  results: Map<string, ModuleGenerationResult>,
): Promise<void> {
  const { config, prepared } = input;
  const settings: GenerationSettings = {
    model: prepared.settings.model,
    maxCompletionTokens: prepared.settings.maxCompletionTokens,
    maxPromptTokens: config.maxPromptTokens,
    maxHealAttempts: config.maxHealAttempts,
    reruns: config.reruns,
    candidateTimeoutMs: config.candidateTimeoutSeconds * 1000,
    maxFileBytes: MAX_TEST_FILE_BYTES,
  };
  // A run-stopping failure in one module cancels the others (their test processes are killed).
  const stop = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal;
  const limit = pLimit(config.concurrency);
  // Model calls wait on the network; test runs need a core each. Running more runners than cores only
  // slows every one of them, so candidate runs share at most one slot per core.
  const runnerSlots = pLimit(Math.max(1, Math.min(config.concurrency, availableParallelism())));
  const exec: Executor = (request) => runnerSlots(() => deps.exec(request));
  let firstError: unknown = null;
  const testPaths = assignTestPaths(
    jobs.map((job) => ({ modulePath: job.plan.file.path, relatedTests: job.relatedTests })),
    config.testPathPattern,
    (repoPath) => lstatOrNull(path.join(checkoutDir, repoPath)) !== null,
  );
  const ownPaths = new Set(testPaths.values());
  await Promise.all(
    jobs.map((job) =>
      limit(async () => {
        if (signal.aborted) return;
        const testPath = testPaths.get(job.plan.file.path)!;
        try {
          const result = await generateForModule(
            { job, checkoutDir, scratchDir, testPath, ownPaths },
            settings,
            { client: prepared.client, ledger: prepared.ledger, exec, events: deps.events, signal },
          );
          results.set(job.plan.file.path, result);
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

function assemble(input: GenerationInput, results: ReadonlyMap<string, ModuleGenerationResult>): GenerationOutput {
  const proposedFiles: ProposedFile[] = [];
  const possibleBugs: PossibleBug[] = [];
  const files = input.files.map((file): FileReport => {
    const result = results.get(file.path);
    if (!file.head) return { ...file, proposed: null, generation: result?.generation ?? notAttempted(file) };
    if (!result) return { ...file, proposed: file.head, generation: notAttempted(file) };
    possibleBugs.push(...result.possibleBugs);
    const kept = result.kept;
    if (kept === null || kept.combined === null) return { ...file, proposed: file.head, generation: result.generation };
    proposedFiles.push({
      path: kept.testPath,
      forFile: file.path,
      framework: file.framework ?? 'vitest',
      content: kept.content,
      sha256: createHash('sha256').update(kept.content).digest('hex'),
      kept: kept.cases,
      dropped: kept.dropped,
    });
    return { ...file, proposed: { ...fileMetrics(kept.combined), patch: patchMetrics(kept.combined, file.changedLines) }, generation: result.generation };
  });
  const proposedPatch = sumPatch(files.flatMap((file) => (file.proposed ? [file.proposed.patch] : [])));
  const { ledger, settings, price } = input.prepared;
  const budget: BudgetReport = { model: settings.model, ...ledger.totals(), limits: ledger.limits, stoppedByBudget: ledger.stoppedByBudget, priceSource: price.source };
  return { files, proposedPatch, proposedFiles, possibleBugs, budget };
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
