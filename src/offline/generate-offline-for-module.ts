/**
 * Zero-token generation for ONE module (issue 5): find its changed exported functions and public
 * methods, derive candidate inputs, call them through the repository's own runner (the probe, run
 * twice), write the calls with stable results as one readable test file, and pass it through the same
 * per-case gate as a model's file (passes every re-run, adds coverage). No model, no tokens.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../files/make-temp-dir.js';
import type { EventBus } from '../events/bus.js';
import { moduleConventions } from '../generation/module/module-context.js';
import type { ModuleGenerationResult, ModuleWork } from '../generation/module/generate-for-module.js';
import { summarizeDropped } from '../generation/module/summarize-dropped.js';
import { candidateValidatedEvent, keptOfVerdict, validateInCheckout, type CandidateSettings } from '../generation/module/validate-in-checkout.js';
import type { DroppedTestCase, ModuleGeneration } from '../report/types.js';
import type { Executor } from '../sandbox/types.js';
import type { OfflineAnalyser } from './analyse/types.js';
import { chooseCases, type RejectedCall } from './emit/choose-cases.js';
import { emitTestFile } from './emit/emit-test-file.js';
import { runProbe } from './probe/run-probe.js';

/**
 * The zero-token generator's version, part of the cross-run cache key: bump it when the analysis, the
 * probe or the emitted tests change, so tests an older version wrote are written again.
 */
export const OFFLINE_GENERATOR_VERSION = 'offline-3';

export interface OfflineSettings extends CandidateSettings {
  /** Time for probing one module (all its probe runs). */
  readonly timeBudgetMs: number;
  /** Wall-clock limit of one probe run: a call that never returns is cut off here. */
  readonly probeRunLimitMs: number;
  /** How long a returned promise may take to settle in the probe. */
  readonly promiseWaitMs: number;
  readonly maxCasesPerTarget: number;
  readonly maxCasesPerModule: number;
}

export interface OfflineDeps {
  readonly analyser: OfflineAnalyser;
  readonly exec: Executor;
  readonly events: EventBus;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

export async function generateOfflineForModule(work: ModuleWork, settings: OfflineSettings, deps: OfflineDeps): Promise<ModuleGenerationResult> {
  const module = work.job.plan.file.path;
  const notes: string[] = [];
  const finish = (outcome: ModuleGeneration['outcome'], reason: string | null, kept: ModuleGenerationResult['kept'] = null, turns = 0): ModuleGenerationResult => {
    deps.events.emit({ type: 'generation-finished', path: module, outcome, reason, kept: kept?.cases.length ?? 0, costUsd: 0 });
    return {
      module,
      generation: { outcome, reason, turns, llmCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, promptTokens: null, provider: 'offline' },
      kept,
      possibleBugs: [],
      notes,
    };
  };
  const uncovered = work.job.patch.missingLines.length + work.job.patch.partialLines.length;
  if (uncovered === 0) return finish('skipped-covered', 'every changed line is already covered');
  deps.events.emit({ type: 'generation-started', path: module, uncoveredLines: uncovered });

  const { targets, skipped } = deps.analyser.targets(module, work.job.plan.file.changedLines);
  if (targets.length === 0) {
    const why = skipped.length === 0 ? 'no changed exported function or public method to call' : skipped.map((entry) => `${entry.id}: ${entry.reason}`).join('; ');
    return finish('skipped', `the zero-token generator has nothing to call: ${why}`);
  }
  for (const entry of skipped) notes.push(`${entry.id} not probed: ${entry.reason}`);

  const conventions = await moduleConventions(work.checkoutDir, work.job, work.testPath);
  const now = deps.now ?? Date.now;
  const scratch = await makeTempDir(work.scratchDir, 'offline-');
  try {
    const probe = await runProbe(
      {
        checkoutDir: work.checkoutDir,
        pkg: work.job.plan.pkg,
        module,
        testPath: work.testPath,
        targets,
        syntax: conventions.syntax,
        testApiImport: conventions.testApiImport,
        moduleSpecifier: conventions.moduleSpecifier,
        scratchDir: scratch,
        runLimitMs: settings.probeRunLimitMs,
        deadline: now() + settings.timeBudgetMs,
        waitMs: settings.promiseWaitMs,
        ownPaths: work.ownPaths,
        ...(deps.signal ? { signal: deps.signal } : {}),
        now,
      },
      deps.exec,
    );
    if (probe.kind === 'failed') return finish('failed', probe.reason);
    const choice = chooseCases(targets, probe.first, probe.second, {
      maxCasesPerTarget: settings.maxCasesPerTarget,
      maxCasesPerModule: settings.maxCasesPerModule,
      neverReturned: probe.neverReturned,
      probeLimitMs: settings.probeRunLimitMs,
      wrote: probe.wrote,
    });
    deps.events.emit({ type: 'probe-finished', path: module, runs: probe.runs, calls: probe.first.length, cases: choice.chosen.length, rejected: choice.rejected.length });
    const rejected = choice.rejected.map(droppedCall);
    if (choice.chosen.length === 0) return finish('nothing-kept', summarizeDropped(rejected, 'no call gave a result worth a test'));
    const emitted = emitTestFile(choice.chosen, { ...conventions, modulePath: module });
    const verdict = await validateInCheckout(work, settings, deps, emitted.content, scratch, 'offline');
    deps.events.emit(candidateValidatedEvent(module, 1, verdict));
    if (verdict.kind === 'file-failed') return finish('failed', `the generated test file failed: ${verdict.error.split('\n')[0] ?? verdict.error}`, null, 1);
    if (verdict.kind === 'nothing-kept') return finish('nothing-kept', summarizeDropped([...rejected, ...verdict.dropped], 'no call gave a result worth a test'), null, 1);
    await rm(path.join(work.checkoutDir, verdict.testPath), { force: true });
    const kept = keptOfVerdict(verdict, [...rejected, ...verdict.dropped]);
    return finish('kept', null, kept, 1);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function droppedCall(call: RejectedCall): DroppedTestCase {
  const args = (call.target.candidates[call.index] ?? []).join(', ');
  return { name: `${call.target.displayName}(${args.length > 80 ? `${args.slice(0, 79)}…` : args})`, reason: call.reason };
}
