/**
 * One short human line per event (pure), shared by the CLI's progress display and the action's log.
 * Returns null for events that are not worth a line of their own.
 */
import { formatPercent } from '../report/format-numbers.js';
import type { PipelineEvent } from './types.js';

const PHASE_TITLES: Record<string, string> = {
  diff: 'Comparing base and head',
  scope: 'Choosing changed modules',
  'base-coverage': 'Measuring base coverage',
  'head-coverage': 'Measuring head coverage',
  generation: 'Generating and validating tests',
  report: 'Computing the report',
};

export function phaseTitle(phase: string): string {
  return PHASE_TITLES[phase] ?? phase;
}

export function describeEvent(event: PipelineEvent): string | null {
  switch (event.type) {
    case 'run-started':
      return `TestMaster: ${event.baseRef}..${event.headRef} in ${event.repoDir} (provider: ${event.provider})`;
    case 'phase-started':
      return `${phaseTitle(event.phase)}${event.detail ? `: ${event.detail}` : ''}`;
    case 'phase-completed':
      return event.detail ? `${phaseTitle(event.phase)}: ${event.detail}` : null;
    case 'diff-computed':
      return `${event.files} changed file(s), ${event.skipped} skipped (${event.base.slice(0, 7)}..${event.head.slice(0, 7)})`;
    case 'modules-selected':
      return `${event.modules.length} module(s) to measure in ${event.packages.length} package(s)`;
    case 'module-analysis-started':
      return null;
    case 'runner-started':
      return `${event.side}: running ${event.framework} in ${event.packageDir || '.'} for ${event.modules} module(s)`;
    case 'runner-completed':
      return `${event.side}: ${event.packageDir || '.'}: ${event.passed} passed, ${event.failed} failed in ${(event.durationMs / 1000).toFixed(1)}s${event.timedOut ? ' (timed out)' : ''}`;
    case 'coverage-measured':
      return null;
    case 'module-skipped':
      return `skipped ${event.path}: ${event.reason}`;
    case 'generation-started':
      return `${event.path}: writing tests for ${event.uncoveredLines} uncovered changed line(s)`;
    case 'model-call':
      return `${event.path}: model call (${event.label}, attempt ${event.attempt}): ${event.inputTokens}+${event.outputTokens} tokens, $${event.costUsd.toFixed(4)} (run total $${event.runCostUsd.toFixed(4)})`;
    case 'heal-turn':
      return `${event.path}: healing turn ${event.turn} (${event.fileError ? 'the file failed' : `${event.failingCases} failing case(s)`})`;
    case 'probe-finished':
      return `${event.path}: probed ${event.calls} call(s) in ${event.runs} run(s): ${event.cases} candidate case(s), ${event.rejected} left out`;
    case 'candidate-validated':
      return `${event.path}: candidate ${event.turn}: ${event.verdict}, ${event.kept} case(s) kept, ${event.dropped} dropped`;
    case 'generation-finished':
      return `${event.path}: ${event.outcome}${event.kept > 0 ? ` (${event.kept} case(s))` : ''}${event.reason ? `: ${event.reason}` : ''}`;
    case 'model-call-replayed':
      return `${event.path}: model answer (${event.label}) taken from the interrupted run: ${event.inputTokens}+${event.outputTokens} tokens already paid, no new call`;
    case 'module-reused':
      return `${event.path}: reused ${event.kept} validated case(s) from ${event.source === 'cache' ? 'an earlier run' : 'the interrupted run'}${event.savedTokens > 0 ? ` (saved ${event.savedTokens} tokens, $${event.savedCostUsd.toFixed(4)})` : ''}`;
    case 'run-resumed':
      return `Resuming run ${event.runId}: ${event.finishedModules} module(s) already finished, $${event.spentUsd.toFixed(4)} already spent`;
    case 'run-interrupted':
      return event.runId === null ? 'Interrupted' : `Interrupted: run ${event.runId} is saved; continue it with testmaster run --resume ${event.runId}`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'run-completed':
      return event.patchTotal === 0
        ? `Done: ${event.files} file(s), no coverable changed lines`
        : `Done: patch coverage ${formatPercent(event.patchCovered - event.patchPartial, event.patchTotal)} of ${event.patchTotal} changed coverable lines (${event.patchCovered} hit, ${event.patchPartial} of them partial) in ${event.files} file(s)`;
    case 'run-failed':
      return null; // the entry point prints the error itself, once
  }
}
