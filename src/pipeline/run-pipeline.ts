/**
 * The pipeline: diff -> scope -> head coverage -> base coverage -> generation -> report. Each stage is
 * a function of its own file; this one only sequences them and emits the phase events. The model
 * settings, price and budget are resolved first, so a bad one fails before any test runs.
 */
import { realpath } from 'node:fs/promises';
import { computeDiff } from '../diff/compute-diff.js';
import { findRepoRoot } from '../git/refs.js';
import type { RunReport, SkippedFile } from '../report/types.js';
import { sumPatch } from '../coverage/file-metrics.js';
import { worktreeOptions, type PipelineDeps, type PipelineRequest } from './context.js';
import { buildFileReports } from './build-file-reports.js';
import { measureBase } from './measure-base.js';
import { measureHead } from './measure-head.js';
import type { SideCoverage } from './module-plan.js';
import { planModules } from './plan-modules.js';
import { withHeadCheckout } from './head-checkout.js';
import type { Phase } from '../events/types.js';
import { ConfigurationError, oneLineMessage } from '../errors/errors.js';
import type { CostEstimate } from '../report/types.js';
import { estimateCost } from './estimate-cost.js';
import { generateTests, moduleJobs, orderByValue, type GenerationOutput } from './generate-tests.js';
import { prepareGeneration, type PreparedGeneration } from './prepare-generation.js';
import { BudgetLedger } from '../budget/ledger.js';
import { openSession } from '../session/open-session.js';
import type { RunSession } from '../session/run-session.js';
import { checkpointMeasured } from '../session/checkpoint-measured.js';
import type { BaseMeasurement } from './measure-base.js';
import { userTreeTampered } from './tree-check.js';

export async function runPipeline(request: PipelineRequest, deps: PipelineDeps): Promise<RunReport> {
  try {
    return await runStages(request, deps);
  } catch (error) {
    // A phase cut short never compared the checkout: the user still hears what the tests changed.
    await userTreeTampered('the tests run before the failure', 'the run failed anyway', request.ownOutputs ?? [], deps).catch(() => null);
    deps.events.emit({ type: 'run-failed', message: oneLineMessage(error) });
    throw error;
  }
}

async function runStages(request: PipelineRequest, deps: PipelineDeps): Promise<RunReport> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const { events } = deps;
  const { config } = request;
  const prepared = prepareGeneration(config, deps.env ?? process.env, deps.fetch);
  const given = await realpath(request.repoDir).catch(() => {
    throw new ConfigurationError(`repository directory not found: ${request.repoDir}; pass --repo DIR (or working-directory) pointing at a git checkout`);
  });
  // Paths in the diff, the scope and the coverage are all relative to the top of the working tree.
  const repoDir = await realpath(await findRepoRoot(given));
  events.emit({ type: 'run-started', repoDir, baseRef: request.baseRef, headRef: request.headRef, provider: prepared?.provider ?? 'none' });

  const phase = async <T>(name: Phase, work: () => Promise<T>): Promise<T> => {
    events.emit({ type: 'phase-started', phase: name });
    const value = await work();
    events.emit({ type: 'phase-completed', phase: name });
    return value;
  };

  const diff = await phase('diff', async () => {
    const result = await computeDiff(repoDir, request.baseRef, request.headRef, { allowFetch: request.allowFetch });
    events.emit({ type: 'diff-computed', base: result.base, head: result.head, files: result.files.length, skipped: result.skipped.length });
    return result;
  });

  if (request.resume && (prepared === null || request.estimateOnly)) {
    throw new ConfigurationError('--resume continues the generation of an interrupted run; it does not go with provider none or --estimate');
  }
  const session =
    prepared === null || request.estimateOnly
      ? null
      : await openSession({ config, repoDir, base: diff.base, head: diff.head, provider: prepared.provider, model: prepared.model?.settings.model ?? null, resume: request.resume ?? null }, events);
  const generation = prepared === null ? null : withSessionLedger(prepared, session);
  if (session?.resumed) {
    events.emit({ type: 'run-resumed', runId: session.runId, finishedModules: session.finished.size, spentUsd: generation?.model?.ledger.totals().costUsd ?? 0 });
  }
  try {
    const report = await afterDiff(request, deps, { repoDir, diff, prepared: generation, session, startedAt, phase });
    session?.end('completed');
    return report;
  } catch (error) {
    const interrupted = request.signal?.aborted ?? false;
    session?.end(interrupted ? 'interrupted' : 'failed');
    if (interrupted) events.emit({ type: 'run-interrupted', runId: session?.runId ?? null });
    throw error;
  }
}

interface AfterDiff {
  readonly repoDir: string;
  readonly diff: Awaited<ReturnType<typeof computeDiff>>;
  readonly prepared: PreparedGeneration | null;
  readonly session: RunSession | null;
  readonly startedAt: Date;
  readonly phase: <T>(name: Phase, work: () => Promise<T>) => Promise<T>;
}

/** A resumed run continues with the interrupted run's ledger (its spend carries over); every change is saved. */
function withSessionLedger(prepared: PreparedGeneration, session: RunSession | null): PreparedGeneration {
  if (session === null || prepared.model === null) return prepared;
  const saved = session.resumed ? session.savedLedger() : null;
  const ledger = saved === null ? prepared.model.ledger : BudgetLedger.fromState(saved);
  session.bindLedger(ledger);
  return { ...prepared, model: { ...prepared.model, ledger } };
}

async function afterDiff(request: PipelineRequest, deps: PipelineDeps, context: AfterDiff): Promise<RunReport> {
  const { repoDir, diff, prepared, session, startedAt, phase } = context;
  const { events } = deps;
  const { config } = request;
  const now = deps.now ?? (() => new Date());
  const warn = (message: string): void => events.emit({ type: 'warning', message });
  return withHeadCheckout(repoDir, diff.head, warn, async (checkout) => {
    const headDir = checkout.dir;
    const plan = await phase('scope', async () => {
      const result = await planModules(headDir, diff.files, config);
      for (const note of result.notes) warn(note);
      for (const item of result.skipped) events.emit({ type: 'module-skipped', path: item.path, reason: item.reason });
      events.emit({
        type: 'modules-selected',
        modules: result.modules.map((m) => m.file.path),
        packages: [...new Set(result.modules.map((m) => m.pkg.relDir))],
      });
      for (const module of result.modules) {
        events.emit({ type: 'module-analysis-started', path: module.file.path, packageDir: module.pkg.relDir });
      }
      return result;
    });
    const skipped: SkippedFile[] = [...diff.skipped, ...plan.skipped];

    const stored = storedMeasurements(session);
    const { head, baseRun } = stored ?? (await measureBoth(checkout, plan, request, deps, diff.base, repoDir, phase));
    if (stored === null) {
      session?.saveMeasurement('head', { source: null, coverage: head });
      session?.saveMeasurement('base', { source: baseRun.source, coverage: baseRun.coverage });
    } else {
      events.emit({ type: 'phase-completed', phase: 'head-coverage', detail: 'from the interrupted run' });
      events.emit({ type: 'phase-completed', phase: 'base-coverage', detail: 'from the interrupted run' });
    }

    const measured = buildFileReports(plan.modules, head, baseRun.coverage);
    if (session) await checkpointMeasured(session, plan.modules, measured, headDir, baseRun.source);
    let generated: GenerationOutput | null = null;
    let estimate: CostEstimate | null = null;
    if (prepared && request.estimateOnly) {
      const jobs = orderByValue(moduleJobs({ modules: plan.modules, files: measured, headCoverage: head }));
      const model = prepared.model;
      estimate = await phase('generation', () => (model === null ? Promise.resolve(zeroTokenEstimate()) : estimateCost(headDir, jobs, config, model)));
    } else if (prepared) {
      const input = { repoDir, head: diff.head, checkout, modules: plan.modules, headCoverage: head, files: measured, config, prepared, ownOutputs: request.ownOutputs ?? [], session };
      generated = await phase('generation', () => generateTests(request.signal ? { ...input, signal: request.signal } : input, deps));
    }

    // The end of the run: anything the phases' own checks did not see (none when no test process ran since).
    await userTreeTampered('a test process', 'nothing else was discarded', request.ownOutputs ?? [], deps);
    const { files, patch } = await phase('report', async () => {
      const reports = generated?.files ?? measured;
      return { files: reports, patch: sumPatch(reports.flatMap((f) => (f.head ? [f.head.patch] : []))) };
    });
    const finishedAt = now();
    events.emit({ type: 'run-completed', files: files.length, patchCovered: patch.covered, patchPartial: patch.partial, patchTotal: patch.total });
    return {
      schemaVersion: 1,
      tool: { name: 'testmaster', version: deps.version },
      base: diff.base,
      head: diff.head,
      baseRef: request.baseRef,
      headRef: request.headRef,
      baseSource: baseRun.source,
      provider: prepared?.provider ?? 'none',
      ...(prepared?.note ? { providerNote: prepared.note } : {}),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      patch,
      files,
      skipped,
      timeline: events.timeline,
      ...(deps.isolation === undefined ? {} : { isolation: deps.isolation }),
      ...(prepared === null
        ? {}
        : {
            proposedPatch: generated?.proposedPatch ?? null,
            proposedFiles: generated?.proposedFiles ?? [],
            possibleBugs: generated?.possibleBugs ?? [],
            budget: generated?.budget ?? null,
            coveredBy: generated?.coveredBy ?? null,
            estimate,
            run: generated?.run ?? null,
          }),
    };
  }, worktreeOptions(deps));
}

/** Head and base coverage as the interrupted run measured them, when it got that far; else null. */
function storedMeasurements(session: RunSession | null): { head: SideCoverage; baseRun: BaseMeasurement } | null {
  if (!session?.resumed) return null;
  const head = session.measurement('head');
  const base = session.measurement('base');
  if (head?.coverage == null || base === null || base.source === null) return null;
  return { head: head.coverage, baseRun: { source: base.source, coverage: base.coverage } };
}

/** Head coverage, with the base checkout prepared meanwhile; the base's tests start after the head's. */
async function measureBoth(
  checkout: Parameters<typeof measureHead>[0],
  plan: Awaited<ReturnType<typeof planModules>>,
  request: PipelineRequest,
  deps: PipelineDeps,
  baseCommit: string,
  repoDir: string,
  phase: AfterDiff['phase'],
): Promise<{ head: SideCoverage; baseRun: BaseMeasurement }> {
  const baseGate = Promise.withResolvers<void>();
  const basePending = measureBase(repoDir, checkout.dir, baseCommit, plan, request, deps, baseGate.promise);
  basePending.catch(() => undefined); // awaited below; this only stops an early rejection going unhandled
  let head: SideCoverage;
  try {
    head = await phase('head-coverage', () => measureHead(checkout, plan.targets, request, deps));
  } catch (error) {
    baseGate.reject(error);
    await basePending.catch(() => undefined); // let the base worktree be removed before failing
    throw error;
  }
  const baseRun = await phase('base-coverage', () => {
    baseGate.resolve();
    return basePending;
  });
  return { head, baseRun };
}

/** `--estimate` with the zero-token generator alone: no model call is planned. */
function zeroTokenEstimate(): CostEstimate {
  return { model: 'none (zero-token generator)', modules: [], inputTokens: 0, outputTokens: 0, llmCalls: 0, costUsd: 0, exceeds: [] };
}
