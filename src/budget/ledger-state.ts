/**
 * The budget ledger's state as plain data, so a run interrupted part-way resumes with the money it
 * already spent (the ceiling holds across the interruption). Validated with zod when saved and when
 * loaded, including the ledger's own invariants: the run's sums are the sums of its modules', the
 * charged figures are the sums of the settled calls', the held ones those of the outstanding calls,
 * and a state over a limit says stoppedByBudget. An edited snapshot that breaks any of them is refused.
 * BudgetLedger.exportState() gives it; BudgetLedger.fromState() continues from it, charging every
 * reservation that was outstanding its worst case (the call may have been sent and billed before the
 * interruption), which keeps the ceiling.
 */
import { z } from 'zod';
import type { CallRecord } from './ledger-types.js';
import type { BudgetLimits, ModelPrice } from './limits.js';
import { microsFromUsd } from './money.js';
import type { PromptMargin } from './worst-case.js';

export const LEDGER_STATE_VERSION = 1 as const;

/** One scope's running sums (BudgetAccount's fields), in ledger units (micro-dollars, tokens, calls). */
export interface LedgerAccountState {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costMicros: number;
  readonly calls: number;
  readonly heldMicros: number;
  readonly heldTokens: number;
  readonly heldCalls: number;
}

export interface LedgerState {
  readonly version: typeof LEDGER_STATE_VERSION;
  readonly limits: BudgetLimits;
  readonly price: ModelPrice;
  readonly promptMargin: PromptMargin;
  /** The learned prompt factor (>= 1 + margin ratio once a bill ran over its estimate). */
  readonly promptFactor: number;
  readonly stoppedByBudget: boolean;
  /** The id the next reservation gets. */
  readonly nextReservationId: number;
  readonly run: LedgerAccountState;
  /** Per module, in first-seen order. */
  readonly modules: readonly { readonly module: string; readonly account: LedgerAccountState }[];
  /** Every attempt, in reservation order (outstanding ones included). */
  readonly calls: readonly CallRecord[];
}

const count = z.number().int().nonnegative();
const usd = z.number().finite().nonnegative();

const accountSchema = z.strictObject({
  inputTokens: count,
  outputTokens: count,
  costMicros: count,
  calls: count,
  heldMicros: count,
  heldTokens: count,
  heldCalls: count,
});

const callRecordSchema = z.strictObject({
  id: z.number().int().positive(),
  module: z.string().min(1),
  label: z.string().nullable(),
  attempt: z.number().int().positive(),
  state: z.enum(['outstanding', 'settled', 'released']),
  charged: z.enum(['usage', 'worst-case', 'rejected']).nullable(),
  promptTokens: count,
  reservedPromptTokens: count,
  maxCompletionTokens: z.number().int().positive(),
  worstCaseUsd: usd,
  inputTokens: count,
  outputTokens: count,
  cachedInputTokens: count,
  costUsd: usd,
  overshootUsd: usd,
});

type Account = z.infer<typeof accountSchema>;
const ACCOUNT_FIELDS = Object.keys(accountSchema.shape) as (keyof Account)[];

const baseSchema = z.strictObject({
  version: z.literal(LEDGER_STATE_VERSION),
  limits: z.strictObject({ maxCostUsd: usd, maxTokens: count.nullable(), maxLlmCalls: count.nullable(), maxCostPerModuleUsd: usd.nullable() }),
  price: z.strictObject({ inputPerMTokUsd: usd, outputPerMTokUsd: usd, cachedInputPerMTokUsd: usd.optional() }),
  promptMargin: z.strictObject({ ratio: z.number().finite().nonnegative(), tokens: count }),
  promptFactor: z.number().finite().min(1),
  stoppedByBudget: z.boolean(),
  nextReservationId: z.number().int().positive(),
  run: accountSchema,
  modules: z.array(z.strictObject({ module: z.string().min(1), account: accountSchema })),
  calls: z.array(callRecordSchema),
});

type BaseState = z.infer<typeof baseSchema>;

/** The first broken invariant, or null (pure). */
export function ledgerInvariantProblem(state: BaseState): string | null {
  const names = state.modules.map((entry) => entry.module);
  if (new Set(names).size !== names.length) return 'a module appears twice';
  for (const field of ACCOUNT_FIELDS) {
    const sum = state.modules.reduce((total, entry) => total + entry.account[field], 0);
    if (sum !== state.run[field]) return `run.${field} is ${String(state.run[field])} but its modules add up to ${String(sum)}`;
  }
  const ids = state.calls.map((call) => call.id);
  if (new Set(ids).size !== ids.length) return 'a reservation id appears twice';
  if (ids.some((id) => id >= state.nextReservationId)) return 'a reservation id is not below nextReservationId';
  const known = new Set(names);
  const stray = state.calls.find((call) => !known.has(call.module));
  if (stray) return `call #${String(stray.id)} is for a module with no account`;
  const problem = callSumsProblem(state);
  if (problem) return problem;
  return overLimitProblem(state);
}

function callSumsProblem(state: BaseState): string | null {
  const settled = state.calls.filter((call) => call.state === 'settled');
  const outstanding = state.calls.filter((call) => call.state === 'outstanding');
  const sums: readonly [string, number, number][] = [
    ['calls', settled.length, state.run.calls],
    ['inputTokens', settled.reduce((total, call) => total + call.inputTokens, 0), state.run.inputTokens],
    ['outputTokens', settled.reduce((total, call) => total + call.outputTokens, 0), state.run.outputTokens],
    ['costMicros', settled.reduce((total, call) => total + microsFromUsd(call.costUsd), 0), state.run.costMicros],
    ['heldCalls', outstanding.length, state.run.heldCalls],
    ['heldTokens', outstanding.reduce((total, call) => total + call.reservedPromptTokens + call.maxCompletionTokens, 0), state.run.heldTokens],
    ['heldMicros', outstanding.reduce((total, call) => total + microsFromUsd(call.worstCaseUsd), 0), state.run.heldMicros],
  ];
  const wrong = sums.find(([, fromCalls, inRun]) => fromCalls !== inRun);
  return wrong ? `run.${wrong[0]} is ${String(wrong[2])} but the call records add up to ${String(wrong[1])}` : null;
}

function overLimitProblem(state: BaseState): string | null {
  if (state.stoppedByBudget) return null;
  const { limits, run } = state;
  const over =
    run.costMicros + run.heldMicros > microsFromUsd(limits.maxCostUsd) ||
    (limits.maxTokens !== null && run.inputTokens + run.outputTokens + run.heldTokens > limits.maxTokens) ||
    (limits.maxLlmCalls !== null && run.calls + run.heldCalls > limits.maxLlmCalls) ||
    (limits.maxCostPerModuleUsd !== null &&
      state.modules.some((entry) => entry.account.costMicros + entry.account.heldMicros > microsFromUsd(limits.maxCostPerModuleUsd ?? 0)));
  return over ? 'spend is over a limit but stoppedByBudget is false' : null;
}

export const ledgerStateSchema: z.ZodType<LedgerState> = baseSchema.superRefine((state, context) => {
  const problem = ledgerInvariantProblem(state);
  if (problem) context.addIssue({ code: 'custom', message: `inconsistent budget ledger: ${problem}` });
});
