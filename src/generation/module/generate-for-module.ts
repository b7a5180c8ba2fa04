/**
 * Generation for ONE module (issue 3, items 2-5): build the prompt, call the model under the budget,
 * read the answer (one repair turn for an unusable one), validate the candidate per case, and heal:
 * send the failures and the lines still uncovered back, up to `maxHealAttempts` turns. Returns what
 * was kept, why the rest went, and the module's spend. Model failures that no other module can get
 * past (bad key, unknown model, bad parameter, no quota) are thrown: the run stops on them.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { makeTempDir } from '../../files/make-temp-dir.js';
import type { BudgetLedger } from '../../budget/ledger.js';
import type { CallRecord } from '../../budget/ledger-types.js';
import type { EventBus } from '../../events/bus.js';
import { redactSecrets } from '../../report/redact.js';
import type { PromptMessage } from '../../budget/count-tokens.js';
import type { ModelClient, ModelMessage } from '../../model/model-client.js';
import { ModelCallError, type ModelFailure } from '../../model/model-errors.js';
import type { PossibleBug, DroppedTestCase, ModuleGeneration, ProposedCase } from '../../report/types.js';
import type { Executor } from '../../sandbox/types.js';
import { NOT_COLLECTED } from '../../validation/gate/validate-candidate.js';
import { coveredUnits } from '../../validation/gate/greedy-selection.js';
import { patchMetrics } from '../../coverage/file-metrics.js';
import { ANSWER_SCHEMA_NAME } from '../answer/answer-schema.js';
import { extractAnswer } from '../answer/extract-answer.js';
import { repairPrompt } from '../answer/repair-prompt.js';
import type { AnswerReplay } from '../call/answer-replay.js';
import { budgetedCall } from '../call/budgeted-call.js';
import { healingMessage } from '../prompt/templates/current.js';
import type { ModuleJob } from './module-context.js';
import { buildModulePrompt } from './module-prompt.js';
import type { RuntimeFacts } from '../../runners/runtime-features.js';
import { pickAnswerFile } from './pick-answer-file.js';
import { findPossibleBugs } from './possible-bugs.js';
import { firstLine, summarizeDropped } from './summarize-dropped.js';
import { candidateValidatedEvent, keptOfVerdict, validateInCheckout } from './validate-in-checkout.js';

/** Failures that end the run: retrying them on another module cannot succeed. */
const RUN_STOPPING: ReadonlySet<ModelFailure> = new Set(['authentication', 'permission', 'bad-request', 'model-not-found', 'insufficient-quota']);

export interface GenerationSettings {
  readonly model: string;
  readonly maxCompletionTokens: number;
  readonly maxPromptTokens: number;
  readonly maxHealAttempts: number;
  readonly reruns: number;
  readonly candidateTimeoutMs: number;
  readonly maxFileBytes: number;
}

export interface GenerationDeps {
  readonly client: ModelClient;
  readonly ledger: BudgetLedger;
  readonly exec: Executor;
  readonly events: EventBus;
  readonly signal?: AbortSignal;
  /** Answers of the run being resumed (paid for then): replayed instead of asked again. */
  readonly replay?: AnswerReplay;
  /** What the node running a package's tests has and lacks (by absolute package directory); absent: not told. */
  readonly runtimeFacts?: (packageDir: string) => Promise<RuntimeFacts | null>;
}

export interface ModuleGenerationResult {
  readonly module: string;
  readonly generation: ModuleGeneration;
  /** Set when cases were kept. */
  readonly kept: {
    readonly testPath: string;
    readonly content: string;
    readonly cases: readonly ProposedCase[];
    readonly dropped: readonly DroppedTestCase[];
    /** Baseline merged with every kept case. */
    readonly combined: FileCoverageData | null;
  } | null;
  readonly possibleBugs: readonly PossibleBug[];
  readonly notes: readonly string[];
}

export interface ModuleWork {
  readonly job: ModuleJob;
  /** Absolute directory of the validation checkout (a temporary worktree of the head). */
  readonly checkoutDir: string;
  /** Absolute scratch directory outside the checkout. */
  readonly scratchDir: string;
  readonly testPath: string;
  /** Every test path of this run (candidates of other modules appear and go in the shared worktree). */
  readonly ownPaths: ReadonlySet<string>;
}

export async function generateForModule(work: ModuleWork, settings: GenerationSettings, deps: GenerationDeps): Promise<ModuleGenerationResult> {
  const module = work.job.plan.file.path;
  const { ledger, events } = deps;
  const notes: string[] = [];
  let turns = 0;
  let promptTokens: number | null = null;
  const finish = (outcome: ModuleGeneration['outcome'], reason: string | null, extra: Partial<ModuleGenerationResult> = {}): ModuleGenerationResult => {
    const spent = ledger.moduleTotals(module);
    const kept = extra.kept ?? null;
    events.emit({ type: 'generation-finished', path: module, outcome, reason, kept: kept?.cases.length ?? 0, costUsd: spent.costUsd });
    return {
      module,
      generation: { outcome, reason, turns, llmCalls: spent.llmCalls, inputTokens: spent.inputTokens, outputTokens: spent.outputTokens, costUsd: spent.costUsd, promptTokens },
      kept,
      possibleBugs: extra.possibleBugs ?? [],
      notes,
    };
  };

  const uncovered = work.job.patch.missingLines.length + work.job.patch.partialLines.length;
  if (uncovered === 0) return finish('skipped-covered', 'every changed line is already covered');
  events.emit({ type: 'generation-started', path: module, uncoveredLines: uncovered });

  const runtime = deps.runtimeFacts ? await deps.runtimeFacts(path.join(work.checkoutDir, work.job.plan.pkg.relDir)) : null;
  const { context, built, answerSchema, tokensOf } = await buildModulePrompt(work.checkoutDir, work.job, work.testPath, { ...settings, runtime });
  if (built.kind === 'too-large') return finish('skipped', built.reason);
  promptTokens = built.tokens.total;
  if (built.trimNote) notes.push(built.trimNote);

  const scratch = await makeTempDir(work.scratchDir, 'module-');
  try {
    const firstMessages = toModelMessages(built.messages);
    let messages: readonly ModelMessage[] = firstMessages;
    let label = 'generate';
    let repairUsed = false;
    let heals = 0;
    let lastFailureReason = 'no answer';
    // The best kept result so far: a healing turn replaces it only when its kept cases cover more.
    let best: { kept: NonNullable<ModuleGenerationResult['kept']>; units: number } | null = null;
    // Possible bugs found in any turn stay reported, even if a later turn's file no longer has the case.
    const bugs: PossibleBug[] = [];
    const conclude = (outcome: ModuleGeneration['outcome'], reason: string, found: readonly PossibleBug[] = []): ModuleGenerationResult => {
      for (const bug of found) if (!bugs.some((seen) => seen.testName === bug.testName)) bugs.push(bug);
      if (best === null) return finish(outcome, reason, { possibleBugs: bugs });
      return finish('kept', null, { kept: best.kept, possibleBugs: bugs });
    };
    for (;;) {
      const call = await budgetedCall({
        client: deps.client,
        ledger,
        model: settings.model,
        module,
        label,
        messages,
        responseFormat: { name: ANSWER_SCHEMA_NAME, schema: answerSchema },
        maxCompletionTokens: settings.maxCompletionTokens,
        ...(deps.signal ? { signal: deps.signal } : {}),
        onCharged: (record) => emitCall(deps, record),
        ...(deps.replay ? { replay: deps.replay } : {}),
        onReplayed: (reply) =>
          events.emit({ type: 'model-call-replayed', path: module, label, inputTokens: reply.usage?.promptTokens ?? 0, outputTokens: reply.usage?.completionTokens ?? 0 }),
      }).catch((error: unknown) => {
        if (error instanceof ModelCallError && !(deps.signal?.aborted ?? false) && (!RUN_STOPPING.has(error.failure) || isPromptTooLong(error))) return error;
        throw error;
      });
      if (call instanceof ModelCallError) return conclude(turns === 0 ? 'failed' : 'nothing-kept', call.message);
      if (call.kind === 'refused') {
        return conclude(turns === 0 ? 'skipped-budget' : 'nothing-kept', `stopped by budget: ${call.refusal.refused}`);
      }
      const reply = call.reply;
      const extracted = extractAnswer(reply.content, reply.finishReason, reply.refusal);
      if (extracted.kind !== 'ok' && extracted.kind !== 'code-only') {
        lastFailureReason = extracted.detail;
        if (repairUsed) return conclude(turns === 0 ? 'failed' : 'nothing-kept', `unusable answer after a repair turn: ${extracted.detail}`);
        repairUsed = true;
        label = 'repair';
        // The unusable answer goes back with the repair request when there is one and it fits the cap
        // (an empty assistant message is rejected by some servers); a repair prompt is never sent over the cap.
        const repair: ModelMessage = { role: 'user', content: repairPrompt(extracted) };
        const withAnswer: ModelMessage[] = reply.content.trim() === '' ? [...messages, repair] : [...messages, { role: 'assistant', content: reply.content.slice(0, 20_000) }, repair];
        const fits = (list: readonly ModelMessage[]): boolean => tokensOf(list) <= settings.maxPromptTokens;
        if (fits(withAnswer)) messages = withAnswer;
        else if (fits([...messages, repair])) messages = [...messages, repair];
        else return conclude(turns === 0 ? 'failed' : 'nothing-kept', `unusable answer (${extracted.detail}), and a repair turn would exceed max-prompt-tokens (${settings.maxPromptTokens})`);
        continue;
      }
      turns += 1;
      const answerNotes = extracted.kind === 'ok' ? extracted.answer.notes : null;
      const picked = pickAnswerFile(extracted.answer, work.testPath);
      if (picked.pathNote) notes.push(picked.pathNote);
      const verdict = await validateInCheckout(work, settings, deps, picked.content, scratch, `turn-${turns}`);
      events.emit(candidateValidatedEvent(module, turns, verdict));
      const failures = verdict.kind === 'file-failed' ? [] : verdict.failures;
      const possibleBugs = findPossibleBugs(module, context.moduleSource, failures, answerNotes);
      if (verdict.kind === 'file-failed' && verdict.error.startsWith(NOT_COLLECTED)) return conclude('failed', verdict.error, possibleBugs);
      let stillUncovered = [...work.job.patch.missingLines, ...work.job.patch.partialLines];
      if (verdict.kind === 'kept') {
        await rm(path.join(work.checkoutDir, verdict.testPath), { force: true });
        const units = verdict.combinedCoverage ? coveredUnits(verdict.combinedCoverage).length : 0;
        if (best === null || units > best.units) {
          best = { units, kept: keptOfVerdict(verdict) };
        }
        // Cases were kept: heal only what failed (a possible bug is reported, not healed away).
        const healable = failures.filter((failure) => !possibleBugs.some((bug) => bug.testName === failure.name));
        if (healable.length === 0 || heals >= settings.maxHealAttempts) return conclude('kept', '', possibleBugs);
        stillUncovered = verdict.combinedCoverage ? uncoveredChangedLines(verdict.combinedCoverage, work.job.plan.file.changedLines) : stillUncovered;
      }
      for (const bug of possibleBugs) if (!bugs.some((seen) => seen.testName === bug.testName)) bugs.push(bug);
      lastFailureReason = verdict.kind === 'file-failed' ? `the test file failed: ${firstLine(verdict.error)}` : verdict.kind === 'nothing-kept' ? summarizeDropped(verdict.dropped, 'no case was kept') : lastFailureReason;
      if (heals >= settings.maxHealAttempts) return conclude('nothing-kept', lastFailureReason, possibleBugs);
      heals += 1;
      label = `heal-${heals}`;
      repairUsed = false;
      events.emit({ type: 'heal-turn', path: module, turn: heals, failingCases: failures.length, fileError: verdict.kind === 'file-failed' });
      const healing = healingMessage({
        testPath: work.testPath,
        previousFile: picked.content,
        // A possible bug is reported, not sent back to be "fixed" into asserting the buggy behaviour.
        // Test output is untrusted: token-shaped secrets are masked before it goes to the provider.
        failingCases: failures.filter((failure) => !bugs.some((bug) => bug.testName === failure.name)).map((failure) => ({ name: failure.name, error: redactSecrets(failure.message) })),
        fileError: verdict.kind === 'file-failed' ? redactSecrets(verdict.error) : null,
        stillUncoveredLines: stillUncovered,
        moduleSource: context.moduleSource,
        roots: [work.checkoutDir, scratch],
      });
      messages = [...firstMessages, { role: 'user', content: healing }];
      const healingTokens = tokensOf(messages);
      if (healingTokens > settings.maxPromptTokens) {
        return conclude('nothing-kept', `${lastFailureReason}; the healing prompt needs ${healingTokens} tokens, over max-prompt-tokens (${settings.maxPromptTokens})`, possibleBugs);
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** A 400 about this request's length concerns this module only; other modules' prompts may fit. */
function isPromptTooLong(error: ModelCallError): boolean {
  return error.failure === 'bad-request' && /context[_ ]length|maximum context|too many tokens|prompt is too long/i.test(error.message);
}

/** The prompt builder's messages (always plain text, system or user) as the client takes them. */
function toModelMessages(messages: readonly PromptMessage[]): ModelMessage[] {
  return messages.map((message) => ({
    role: message.role === 'system' || message.role === 'assistant' ? message.role : 'user',
    content: typeof message.content === 'string' ? message.content : '',
  }));
}

function emitCall(deps: GenerationDeps, record: CallRecord): void {
  deps.events.emit({
    type: 'model-call',
    path: record.module,
    label: record.label ?? 'call',
    attempt: record.attempt,
    charged: record.charged ?? record.state,
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
    costUsd: record.costUsd,
    runCostUsd: deps.ledger.totals().costUsd,
  });
}

/** Changed lines with no hit in `data`, and changed lines where a branch is still not fully taken. */
function uncoveredChangedLines(data: FileCoverageData, changedLines: readonly number[]): number[] {
  const patch = patchMetrics(data, changedLines);
  return [...patch.missingLines, ...patch.partialLines];
}
