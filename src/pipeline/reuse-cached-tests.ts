/**
 * Cross-run reuse (issue 6, item 3): before a generator writes tests for a module, the run store is
 * asked for tests an earlier run validated for the same module content, framework (and version),
 * model (or the zero-token generator), prompt version and test path. A hit is not trusted: the file
 * goes through the same per-case gate on this head (run, reruns, coverage), so only cases that still
 * pass and still add coverage are proposed. A hit that keeps nothing falls back to writing tests.
 * After a generator kept cases, they are stored for the next run.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../files/make-temp-dir.js';
import type { EventBus } from '../events/bus.js';
import type { ModuleGenerationResult, ModuleWork } from '../generation/module/generate-for-module.js';
import { candidateValidatedEvent, keptOfVerdict, validateInCheckout, type CandidateSettings } from '../generation/module/validate-in-checkout.js';
import type { GeneratorKind } from '../report/types.js';
import type { Executor } from '../sandbox/types.js';
import type { RunSession } from '../session/run-session.js';
import type { CacheKeyInput } from '../store/cache-entry.js';
import { proposedFileOf } from './module-outcome.js';

export interface ReuseDeps {
  readonly session: RunSession;
  readonly exec: Executor;
  readonly events: EventBus;
  readonly signal?: AbortSignal;
}

export type ModuleGenerator = (work: ModuleWork) => Promise<ModuleGenerationResult>;

/** Wraps a generator: reuse re-validated cached tests when there are some, else generate and store what was kept. */
export function withCrossRunCache(generate: ModuleGenerator, kind: GeneratorKind, identity: { model: string; promptVersion: string }, settings: CandidateSettings, deps: ReuseDeps): ModuleGenerator {
  return async (work) => {
    const key = await cacheKeyFor(work, identity);
    if (key !== null) {
      const cached = deps.session.cacheGet(key);
      const reused = cached === null ? null : await revalidate(work, cached, kind, settings, deps);
      if (reused !== null) return reused;
    }
    deps.session.startGenerating(work.job.plan.file.path, kind);
    const result = await generate(work);
    const file = proposedFileOf(result, { path: work.job.plan.file.path, framework: work.job.plan.pkg.framework });
    if (key !== null && file !== null && result.generation.reused === undefined && !(deps.signal?.aborted ?? false)) {
      deps.session.cachePut(key, { module: file.forFile, files: [file], coverage: null, generation: result.generation, sourceRunId: deps.session.runId });
    }
    return result;
  };
}

async function cacheKeyFor(work: ModuleWork, identity: { model: string; promptVersion: string }): Promise<CacheKeyInput | null> {
  const { pkg, file } = work.job.plan;
  if (pkg.framework === null) return null;
  const moduleContent = await readFile(path.join(work.checkoutDir, file.path), 'utf8').catch(() => null);
  if (moduleContent === null) return null;
  return { moduleContent, framework: pkg.framework, frameworkVersion: pkg.frameworkVersion ?? 'unknown', model: identity.model, promptVersion: identity.promptVersion, testPath: work.testPath };
}

async function revalidate(
  work: ModuleWork,
  cached: NonNullable<ReturnType<RunSession['cacheGet']>>,
  kind: GeneratorKind,
  settings: CandidateSettings,
  deps: ReuseDeps,
): Promise<ModuleGenerationResult | null> {
  const module = work.job.plan.file.path;
  const file = cached.files.find((candidate) => candidate.path === work.testPath);
  if (file === undefined) return null;
  deps.session.startGenerating(module, kind);
  const scratch = await makeTempDir(work.scratchDir, 'reuse-');
  try {
    const verdict = await validateInCheckout(work, settings, { exec: deps.exec, ...(deps.signal ? { signal: deps.signal } : {}) }, file.content, scratch, 'reuse');
    deps.events.emit(candidateValidatedEvent(module, 1, verdict));
    if (verdict.kind !== 'kept') return null;
    await rm(path.join(work.checkoutDir, verdict.testPath), { force: true });
    const spent = cached.generation;
    const reused = { source: 'cache' as const, fromRunId: cached.sourceRunId, savedInputTokens: spent.inputTokens, savedOutputTokens: spent.outputTokens, savedCostUsd: spent.costUsd };
    deps.events.emit({
      type: 'module-reused',
      path: module,
      source: 'cache',
      fromRunId: cached.sourceRunId,
      kept: verdict.kept.length,
      savedTokens: spent.inputTokens + spent.outputTokens,
      savedCostUsd: spent.costUsd,
    });
    deps.events.emit({ type: 'generation-finished', path: module, outcome: 'kept', reason: null, kept: verdict.kept.length, costUsd: 0 });
    return {
      module,
      generation: { outcome: 'kept', reason: null, turns: 0, llmCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, promptTokens: null, provider: kind, reused },
      kept: keptOfVerdict(verdict),
      possibleBugs: [],
      notes: [],
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
