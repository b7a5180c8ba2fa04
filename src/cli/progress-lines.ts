/**
 * Pure: the lines an event leaves for good on the CLI's stderr. Each event's describeEvent line; when a
 * module ends, one more line with its model tokens and cost (only when it had any); when the run ends,
 * the run's model totals (only when the model was used). On a terminal the events in LIVE_ONLY_EVENTS
 * leave no line: the live block shows them instead.
 */
import { describeEvent } from '../events/describe-event.js';
import type { PipelineEvent, PipelineEventType } from '../events/types.js';
import { formatCount, formatUsd } from '../report/format-numbers.js';
import { hasModelActivity, phaseLabel, type ModuleProgress, type RunProgress, type TokenFigures } from './module-progress.js';

/** Events whose news the live block carries on a terminal (the current phase, a module's step, its tokens). */
export const LIVE_ONLY_EVENTS: ReadonlySet<PipelineEventType> = new Set<PipelineEventType>([
  'phase-started',
  'runner-started',
  'generation-started',
  'model-call',
  'model-call-replayed',
  'heal-turn',
  'probe-finished',
  'candidate-validated',
]);

const MODULE_END_EVENTS: ReadonlySet<PipelineEventType> = new Set<PipelineEventType>(['generation-finished', 'module-reused', 'module-skipped']);
const RUN_END_EVENTS: ReadonlySet<PipelineEventType> = new Set<PipelineEventType>(['run-completed', 'run-failed', 'run-interrupted']);

/** `after` is the progress with `event` applied. */
export function permanentLines(event: PipelineEvent, after: RunProgress): string[] {
  const lines: string[] = [];
  const described = describeEvent(event);
  // The totals come before the closing line, so "Done: ..." (or "Interrupted ...") stays the last word.
  if (RUN_END_EVENTS.has(event.type)) {
    const totals = runTotalsLine(after);
    if (totals !== null) lines.push(totals);
  }
  if (described !== null) lines.push(described);
  if (MODULE_END_EVENTS.has(event.type) && 'path' in event) {
    const module = after.modules.get(event.path);
    const tokens = module ? moduleTokensLine(module) : null;
    if (tokens !== null) lines.push(tokens);
  }
  return lines;
}

/**
 * `'src/cart.ts: kept 3 case(s): 1,234 in + 456 out tokens, $0.0123'`; null when no model answer (new or
 * replayed) went into it: a reused module's savings are already on its describeEvent line.
 */
export function moduleTokensLine(module: ModuleProgress): string | null {
  if (!spentAny(module) && !replayedAny(module)) return null;
  return `${module.path}: ${phaseLabel(module.phase, false)}: ${tokenParts(module).join('; ')}`;
}

/** `'Model: 5 call(s), 12,345 in + 2,345 out tokens, $0.0456'`; null when the model was not used. */
export function runTotalsLine(state: RunProgress): string | null {
  if (!hasModelActivity(state) && state.costUsd === 0) return null;
  const parts = tokenParts(state);
  const spent = spentAny(state) ? `, ${parts.shift() ?? ''}` : '';
  return `Model: ${formatCount(state.calls)} call(s)${spent}${parts.map((part) => `; ${part}`).join('')}`;
}

/** `'1,234 in + 456 out tokens'`, `'1,234 in + 456 out'` in the live block. */
export function tokenPair(inputTokens: number, outputTokens: number): string {
  return `${formatCount(inputTokens)} in + ${formatCount(outputTokens)} out`;
}

export function usd(amount: number): string {
  return formatUsd(amount, 4);
}

function spentAny(figures: TokenFigures): boolean {
  return figures.calls > 0 || figures.costUsd > 0;
}

function replayedAny(figures: TokenFigures): boolean {
  return figures.replayedInputTokens + figures.replayedOutputTokens > 0;
}

/** What was spent (when anything), replayed and saved, each as one phrase. */
function tokenParts(figures: TokenFigures): string[] {
  const parts: string[] = [];
  if (spentAny(figures)) parts.push(`${tokenPair(figures.inputTokens, figures.outputTokens)} tokens, ${usd(figures.costUsd)}`);
  if (replayedAny(figures)) parts.push(`${tokenPair(figures.replayedInputTokens, figures.replayedOutputTokens)} tokens already paid`);
  if (figures.savedTokens > 0 || figures.savedCostUsd > 0) parts.push(`saved ${formatCount(figures.savedTokens)} tokens, ${usd(figures.savedCostUsd)}`);
  return parts;
}
