/**
 * Pure: the span attributes each pipeline event may contribute, by allow-list. Only counts, flags,
 * commit ids, refs, repository-relative paths and our own enumerated words (phase, side, outcome,
 * verdict, label) are taken. Free text never is: warning messages, skip and failure reasons and error
 * messages can quote test output or source code, so they stay in the report and the event log, which
 * are redacted, and out of telemetry. Every string is still passed through the redaction of known
 * secrets and token shapes.
 */
import type { Attributes } from '@opentelemetry/api';
import type { PipelineEvent } from '../events/types.js';
import { redactSecrets } from '../report/redact.js';

/** Attribute names: testmaster.* for our own, gen_ai.* (OpenTelemetry semantic conventions) for model usage. */
export const ATTR = {
  provider: 'testmaster.provider',
  baseRef: 'testmaster.base_ref',
  headRef: 'testmaster.head_ref',
  baseSha: 'testmaster.base_sha',
  headSha: 'testmaster.head_sha',
  diffFiles: 'testmaster.diff.files',
  diffSkipped: 'testmaster.diff.skipped',
  modules: 'testmaster.modules',
  packages: 'testmaster.packages',
  phase: 'testmaster.phase',
  modulePath: 'testmaster.module.path',
  packageDir: 'testmaster.module.package_dir',
  runnerSide: 'testmaster.runner.side',
  runnerPackageDir: 'testmaster.runner.package_dir',
  runnerFramework: 'testmaster.runner.framework',
  runnerModules: 'testmaster.runner.modules',
  runnerPassed: 'testmaster.runner.passed',
  runnerFailed: 'testmaster.runner.failed',
  runnerExitCode: 'testmaster.runner.exit_code',
  runnerTimedOut: 'testmaster.runner.timed_out',
  runnerDurationMs: 'testmaster.runner.duration_ms',
  coverageSide: 'testmaster.coverage.side',
  linesCovered: 'testmaster.coverage.lines_covered',
  linesTotal: 'testmaster.coverage.lines_total',
  uncoveredLines: 'testmaster.generation.uncovered_lines',
  outcome: 'testmaster.generation.outcome',
  kept: 'testmaster.generation.kept',
  costUsd: 'testmaster.cost_usd',
  runCostUsd: 'testmaster.run_cost_usd',
  operation: 'gen_ai.operation.name',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  callLabel: 'testmaster.model_call.label',
  callAttempt: 'testmaster.model_call.attempt',
  callCharged: 'testmaster.model_call.charged',
  healTurn: 'testmaster.heal.turn',
  healFailingCases: 'testmaster.heal.failing_cases',
  healFileError: 'testmaster.heal.file_error',
  probeRuns: 'testmaster.probe.runs',
  probeCalls: 'testmaster.probe.calls',
  probeCases: 'testmaster.probe.cases',
  probeRejected: 'testmaster.probe.rejected',
  candidateTurn: 'testmaster.candidate.turn',
  candidateVerdict: 'testmaster.candidate.verdict',
  candidateKept: 'testmaster.candidate.kept',
  candidateDropped: 'testmaster.candidate.dropped',
  runFiles: 'testmaster.run.files',
  patchCovered: 'testmaster.patch.covered',
  patchPartial: 'testmaster.patch.partial',
  patchTotal: 'testmaster.patch.total',
  runOutcome: 'testmaster.run.outcome',
  runInputTokens: 'testmaster.run.input_tokens',
  runOutputTokens: 'testmaster.run.output_tokens',
  runModelCalls: 'testmaster.run.model_calls',
  runWarnings: 'testmaster.run.warnings',
  reuseSource: 'testmaster.reuse.source',
  savedTokens: 'testmaster.reuse.saved_tokens',
  savedCostUsd: 'testmaster.reuse.saved_cost_usd',
  finishedModules: 'testmaster.resume.finished_modules',
  spentUsd: 'testmaster.resume.spent_usd',
} as const;

/** The allow-listed attributes of one event; strings redacted with `secrets` and the token shapes. */
export function eventAttributes(event: PipelineEvent, secrets: readonly string[] = []): Attributes {
  const text = (value: string): string => redactSecrets(value, secrets);
  switch (event.type) {
    case 'run-started':
      return { [ATTR.provider]: text(event.provider), [ATTR.baseRef]: text(event.baseRef), [ATTR.headRef]: text(event.headRef) };
    case 'phase-started':
    case 'phase-completed':
      return { [ATTR.phase]: event.phase };
    case 'diff-computed':
      return { [ATTR.baseSha]: text(event.base), [ATTR.headSha]: text(event.head), [ATTR.diffFiles]: event.files, [ATTR.diffSkipped]: event.skipped };
    case 'modules-selected':
      return { [ATTR.modules]: event.modules.length, [ATTR.packages]: event.packages.length };
    case 'module-analysis-started':
      return { [ATTR.modulePath]: text(event.path), [ATTR.packageDir]: text(event.packageDir) };
    case 'runner-started':
      return { [ATTR.runnerSide]: event.side, [ATTR.runnerPackageDir]: text(event.packageDir), [ATTR.runnerFramework]: text(event.framework), [ATTR.runnerModules]: event.modules };
    case 'runner-completed':
      return {
        [ATTR.runnerSide]: event.side,
        [ATTR.runnerPackageDir]: text(event.packageDir),
        [ATTR.runnerPassed]: event.passed,
        [ATTR.runnerFailed]: event.failed,
        ...(event.exitCode === null ? {} : { [ATTR.runnerExitCode]: event.exitCode }),
        [ATTR.runnerTimedOut]: event.timedOut,
        [ATTR.runnerDurationMs]: event.durationMs,
      };
    case 'coverage-measured':
      return { [ATTR.coverageSide]: event.side, [ATTR.modulePath]: text(event.path), [ATTR.linesCovered]: event.linesCovered, [ATTR.linesTotal]: event.linesTotal };
    case 'module-skipped':
      return { [ATTR.modulePath]: text(event.path) }; // not the reason: free text
    case 'generation-started':
      return { [ATTR.modulePath]: text(event.path), [ATTR.uncoveredLines]: event.uncoveredLines };
    case 'model-call':
      return {
        [ATTR.operation]: 'chat',
        [ATTR.modulePath]: text(event.path),
        [ATTR.callLabel]: text(event.label),
        [ATTR.callAttempt]: event.attempt,
        [ATTR.callCharged]: text(event.charged),
        [ATTR.inputTokens]: event.inputTokens,
        [ATTR.outputTokens]: event.outputTokens,
        [ATTR.costUsd]: event.costUsd,
        [ATTR.runCostUsd]: event.runCostUsd,
      };
    case 'heal-turn':
      return { [ATTR.healTurn]: event.turn, [ATTR.healFailingCases]: event.failingCases, [ATTR.healFileError]: event.fileError };
    case 'probe-finished':
      return { [ATTR.probeRuns]: event.runs, [ATTR.probeCalls]: event.calls, [ATTR.probeCases]: event.cases, [ATTR.probeRejected]: event.rejected };
    case 'candidate-validated':
      return { [ATTR.candidateTurn]: event.turn, [ATTR.candidateVerdict]: text(event.verdict), [ATTR.candidateKept]: event.kept, [ATTR.candidateDropped]: event.dropped };
    case 'generation-finished':
      return { [ATTR.outcome]: text(event.outcome), [ATTR.kept]: event.kept, [ATTR.costUsd]: event.costUsd }; // not the reason: free text
    case 'model-call-replayed':
      return { [ATTR.modulePath]: text(event.path), [ATTR.callLabel]: text(event.label), [ATTR.inputTokens]: event.inputTokens, [ATTR.outputTokens]: event.outputTokens };
    case 'module-reused':
      return { [ATTR.modulePath]: text(event.path), [ATTR.reuseSource]: event.source, [ATTR.kept]: event.kept, [ATTR.savedTokens]: event.savedTokens, [ATTR.savedCostUsd]: event.savedCostUsd };
    case 'run-resumed':
      return { [ATTR.finishedModules]: event.finishedModules, [ATTR.spentUsd]: event.spentUsd };
    case 'run-interrupted':
      return { [ATTR.runOutcome]: 'interrupted' };
    case 'warning':
      return {}; // not the message: free text
    case 'run-completed':
      return { [ATTR.runOutcome]: 'completed', [ATTR.runFiles]: event.files, [ATTR.patchCovered]: event.patchCovered, [ATTR.patchPartial]: event.patchPartial, [ATTR.patchTotal]: event.patchTotal };
    case 'run-failed':
      return { [ATTR.runOutcome]: 'failed' }; // not the message: free text
  }
}
