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
import type { PipelineDeps, PipelineRequest } from './context.js';
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
import { prepareGeneration } from './prepare-generation.js';

export async function runPipeline(request: PipelineRequest, deps: PipelineDeps): Promise<RunReport> {
  try {
    return await runStages(request, deps);
  } catch (error) {
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

  const warn = (message: string): void => events.emit({ type: 'warning', message });
  return withHeadCheckout(repoDir, diff.head, warn, async (checkout) => {
    const headDir = checkout.dir;
    const plan = await phase('scope', async () => {
      const result = await planModules(headDir, diff.files, config);
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

    // The base checkout is prepared while the head's tests run; the base's tests start after them.
    const baseGate = Promise.withResolvers<void>();
    const basePending = measureBase(repoDir, headDir, diff.base, plan, request, deps, baseGate.promise);
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

    const measured = buildFileReports(plan.modules, head, baseRun.coverage);
    let generated: GenerationOutput | null = null;
    let estimate: CostEstimate | null = null;
    if (prepared && request.estimateOnly) {
      const jobs = orderByValue(moduleJobs({ modules: plan.modules, files: measured, headCoverage: head }));
      const model = prepared.model;
      estimate = await phase('generation', () => (model === null ? Promise.resolve(zeroTokenEstimate()) : estimateCost(headDir, jobs, config, model)));
    } else if (prepared) {
      const input = { repoDir, head: diff.head, checkout, modules: plan.modules, headCoverage: head, files: measured, config, prepared, ownOutputs: request.ownOutputs ?? [] };
      generated = await phase('generation', () => generateTests(request.signal ? { ...input, signal: request.signal } : input, deps));
    }

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
      ...(prepared === null
        ? {}
        : {
            proposedPatch: generated?.proposedPatch ?? null,
            proposedFiles: generated?.proposedFiles ?? [],
            possibleBugs: generated?.possibleBugs ?? [],
            budget: generated?.budget ?? null,
            coveredBy: generated?.coveredBy ?? null,
            estimate,
          }),
    };
  });
}

/** `--estimate` with the zero-token generator alone: no model call is planned. */
function zeroTokenEstimate(): CostEstimate {
  return { model: 'none (zero-token generator)', modules: [], inputTokens: 0, outputTokens: 0, llmCalls: 0, costUsd: 0, exceeds: [] };
}
