/**
 * The budget ledger: a hard ceiling on what model calls may cost (shared/SECURITY.md rule 7).
 *
 * Protocol, for every attempt (first tries, each retry the SDK makes, healing and repair turns):
 * 1. `reserve()` the attempt's worst case (prompt estimate plus safety margin, plus the completion
 *    cap, at the model's price). It is granted only if it fits under every limit, counting what was
 *    already charged AND everything outstanding reservations hold, for the run and for the module.
 *    A refusal means: do not send.
 * 2. After the attempt, exactly one of:
 *    - `settle(r, usage)`: the response came back; the reservation is replaced by what the usage
 *      costs. `settle(r, null)`: no usage reported, so the worst case is charged.
 *    - `release(r)`: nothing was sent; it is freed and is not a call.
 *    - `failAttempt(r, failure)`: the attempt failed; the rule of failed-attempt.ts applies: not
 *      sent = release; a 4xx answer = no cost but one call; a 5xx answer or a lost response
 *      (timeout, reset) = the worst case, as the provider may bill it.
 *
 * Why the ceiling holds under concurrency: every method is synchronous. In Node, one synchronous
 * function runs to completion before any other callback or continuation starts, so between the
 * check "does it fit?" and the commit "hold it" no other reserve() can run: there is no await in
 * between, hence nothing to lock. Invariant after every method: charged + held <= limit, for every
 * limit and scope. Settling replaces a hold by a charge that is no larger as long as the bill is within
 * the reservation, so the invariant survives any interleaving of reserve/settle/release. (Keep these
 * methods synchronous, and do not share one ledger across worker threads.)
 *
 * A bill above its reservation (the prompt estimate ran low beyond the margin, or a provider ignored
 * the completion cap) is charged in full: money already spent cannot be un-spent, and the ledger must
 * not under-count. It then (a) raises the prompt factor of later reservations to the ratio seen (for
 * estimates of 256 tokens or more), so the same error is not repeated, and (b) if spend now exceeds a
 * limit, sets stoppedByBudget; every later reserve() is refused, since nothing fits above a limit.
 * The margin is what keeps the ceiling exact: with bills within their reservations, total spend never
 * exceeds maxCostUsd (proved by test/unit/budget/ledger-property.test.ts). An attempt without usage
 * is charged its reservation: if its estimate was low beyond the margin, no figure can tell us.
 */
import { BudgetError } from '../errors/errors.js';
import { BudgetAccount } from './budget-account.js';
import { chargeForFailedAttempt } from './failed-attempt.js';
import { LEDGER_STATE_VERSION, type LedgerAccountState, type LedgerState } from './ledger-state.js';
import type { AttemptFailure, BudgetSnapshot, BudgetTotals, CallRecord, Refusal, Reservation, ReserveRequest, Usage } from './ledger-types.js';
import { type BudgetLimits, type ModelPrice, validateBudgetLimits, validateModelPrice } from './limits.js';
import { type IntegerPrice, integerPrice, microsFromUsd, tokenCostMicros, usdFromMicros } from './money.js';
import { exceedsALimit, type LedgerLimits, refusalFor } from './refusal.js';
import { DEFAULT_PROMPT_MARGIN, type PromptMargin, type WorstCase, validatePromptMargin, worstCaseOf } from './worst-case.js';

export interface BudgetLedgerOptions {
  readonly limits: BudgetLimits;
  /** The model's price (priceFor); the ledger serves one model. */
  readonly price: ModelPrice;
  /** Safety margin on prompt estimates; DEFAULT_PROMPT_MARGIN (10% + 64 tokens) when absent. */
  readonly promptMargin?: PromptMargin;
}

export interface BudgetHeadroom {
  readonly costUsd: number;
  readonly tokens: number | null;
  readonly llmCalls: number | null;
}

/**
 * Only estimates this large teach the prompt factor: a few hundred tokens off on a tiny prompt is a
 * constant the caller left out (which the margin's fixed tokens are for), not a ratio to apply to
 * every later prompt.
 */
const MIN_ESTIMATE_TO_LEARN_FROM = 256;

interface Entry {
  record: CallRecord;
  readonly worst: WorstCase;
}

export class BudgetLedger {
  readonly #limits: BudgetLimits;
  readonly #ledgerLimits: LedgerLimits;
  readonly #price: IntegerPrice;
  readonly #modelPrice: ModelPrice;
  readonly #margin: PromptMargin;
  readonly #run = new BudgetAccount();
  readonly #modules = new Map<string, BudgetAccount>();
  readonly #entries = new Map<Reservation, Entry>();
  #nextId = 1;
  #promptFactor: number;
  #stopped = false;
  readonly #listeners: (() => void)[] = [];

  constructor(options: BudgetLedgerOptions) {
    validateBudgetLimits(options.limits);
    validateModelPrice(options.price, 'model price');
    const margin = options.promptMargin ?? DEFAULT_PROMPT_MARGIN;
    validatePromptMargin(margin);
    this.#limits = { ...options.limits };
    this.#ledgerLimits = {
      maxCostMicros: microsFromUsd(options.limits.maxCostUsd),
      maxTokens: options.limits.maxTokens,
      maxLlmCalls: options.limits.maxLlmCalls,
      maxCostPerModuleMicros: options.limits.maxCostPerModuleUsd === null ? null : microsFromUsd(options.limits.maxCostPerModuleUsd),
    };
    this.#price = integerPrice(options.price);
    this.#modelPrice = { ...options.price };
    this.#margin = margin;
    this.#promptFactor = 1 + margin.ratio;
  }

  /** Holds the attempt's worst case if it fits under every limit; synchronous on purpose (see above). */
  reserve(request: ReserveRequest): Reservation | Refusal {
    validateRequest(request);
    const worst = worstCaseOf(request.promptTokens, request.maxCompletionTokens, this.#price, this.#margin, this.#promptFactor);
    const refusal = refusalFor(worst, request.module, this.#run, this.#modules.get(request.module) ?? new BudgetAccount(), this.#ledgerLimits);
    if (refusal) {
      this.#stopped = true;
      this.#notify();
      return refusal;
    }
    this.#run.hold(worst);
    this.#account(request.module).hold(worst);
    const reservation: Reservation = Object.freeze({
      id: this.#nextId++,
      module: request.module,
      label: request.label ?? null,
      attempt: request.attempt ?? 1,
      promptTokens: request.promptTokens,
      reservedPromptTokens: worst.promptTokens,
      maxCompletionTokens: request.maxCompletionTokens,
      worstCaseUsd: usdFromMicros(worst.costMicros),
    });
    const record: CallRecord = {
      ...reservation,
      state: 'outstanding',
      charged: null,
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      costUsd: 0,
      overshootUsd: 0,
    };
    this.#entries.set(reservation, { record, worst });
    this.#notify();
    return reservation;
  }

  /** The response came back: charge its usage, or the worst case when usage is null or unusable. */
  settle(reservation: Reservation, usage: Usage | null): CallRecord {
    const entry = this.#outstanding(reservation, 'settle');
    const billed = usage === null ? null : usableUsage(usage);
    if (billed) return this.#charge(entry, 'usage', billed, tokenCostMicros(billed, this.#price));
    const worst = entry.worst;
    return this.#charge(entry, 'worst-case', { inputTokens: worst.promptTokens, outputTokens: worst.completionTokens, cachedInputTokens: 0 }, worst.costMicros);
  }

  /** Nothing was sent: free the reservation; it costs nothing and is not a call. */
  release(reservation: Reservation): CallRecord {
    const entry = this.#outstanding(reservation, 'release');
    this.#run.unhold(entry.worst);
    this.#account(reservation.module).unhold(entry.worst);
    entry.record = { ...entry.record, state: 'released' };
    this.#notify();
    return entry.record;
  }

  /** A failed attempt, by the rule of failed-attempt.ts: released, rejected (one call, no cost) or charged its worst case. */
  failAttempt(reservation: Reservation, failure: AttemptFailure): CallRecord {
    const charge = chargeForFailedAttempt(failure);
    if (charge === 'release') return this.release(reservation);
    if (charge === 'worst-case') return this.settle(reservation, null);
    return this.#charge(this.#outstanding(reservation, 'reject'), 'rejected', { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 }, 0);
  }

  /**
   * Calls `listener` (synchronously) after every change: a reservation granted or refused, a charge, a
   * release. For saving the state as it changes (the run store); returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void {
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.indexOf(listener);
      if (index >= 0) this.#listeners.splice(index, 1);
    };
  }

  #notify(): void {
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // A listener (saving the state) must never break the ledger's bookkeeping.
      }
    }
  }

  /** True once a reservation was refused, or a bill pushed spend over a limit. */
  get stoppedByBudget(): boolean {
    return this.#stopped;
  }

  get limits(): BudgetLimits {
    return { ...this.#limits };
  }

  /** Charged so far for the whole run (outstanding reservations not included). */
  totals(): BudgetTotals {
    return this.#run.totals();
  }

  /** Charged so far for one module (zeros for a module never seen). */
  moduleTotals(module: string): BudgetTotals {
    return (this.#modules.get(module) ?? new BudgetAccount()).totals();
  }

  /** Every module granted at least one reservation, in first-seen order. */
  modules(): readonly string[] {
    return [...this.#modules.keys()];
  }

  /** Every attempt, in reservation order. */
  calls(): readonly CallRecord[] {
    return [...this.#entries.values()].map((entry) => entry.record);
  }

  /** What outstanding reservations hold. */
  outstanding(): { readonly reservations: number; readonly costUsd: number; readonly tokens: number } {
    return { reservations: this.#run.heldCalls, costUsd: usdFromMicros(this.#run.heldMicros), tokens: this.#run.heldTokens };
  }

  /** What is left under each run-wide limit after charges and outstanding reservations (never negative). */
  remaining(): BudgetHeadroom {
    const limits = this.#ledgerLimits;
    return {
      costUsd: usdFromMicros(Math.max(0, limits.maxCostMicros - this.#run.committedMicros)),
      tokens: limits.maxTokens === null ? null : Math.max(0, limits.maxTokens - this.#run.committedTokens),
      llmCalls: limits.maxLlmCalls === null ? null : Math.max(0, limits.maxLlmCalls - this.#run.committedCalls),
    };
  }

  /** The report's `budget` field. */
  snapshot(): BudgetSnapshot {
    return { ...this.#run.totals(), limits: this.limits, stoppedByBudget: this.#stopped };
  }

  /** The ledger as plain data (validated by ledgerStateSchema), so an interrupted run can continue from it. */
  exportState(): LedgerState {
    return {
      version: LEDGER_STATE_VERSION,
      limits: this.limits,
      price: { ...this.#modelPrice },
      promptMargin: { ...this.#margin },
      promptFactor: this.#promptFactor,
      stoppedByBudget: this.#stopped,
      nextReservationId: this.#nextId,
      run: accountState(this.#run),
      modules: [...this.#modules].map(([module, account]) => ({ module, account: accountState(account) })),
      calls: this.calls(),
    };
  }

  /**
   * A ledger that continues from a saved state (validate it with ledgerStateSchema first). A
   * reservation outstanding when the state was saved may have been sent and billed before the
   * interruption, and nobody holds it any more: it is charged its worst case, so the ceiling holds
   * across the interruption.
   */
  static fromState(state: LedgerState): BudgetLedger {
    const ledger = new BudgetLedger({ limits: state.limits, price: state.price, promptMargin: state.promptMargin });
    ledger.#restore(state);
    return ledger;
  }

  #restore(state: LedgerState): void {
    this.#promptFactor = state.promptFactor;
    this.#stopped = state.stoppedByBudget;
    this.#nextId = state.nextReservationId;
    Object.assign(this.#run, state.run);
    for (const { module, account } of state.modules) Object.assign(this.#account(module), account);
    const outstanding: Reservation[] = [];
    for (const record of state.calls) {
      const { id, module, label, attempt, promptTokens, reservedPromptTokens, maxCompletionTokens, worstCaseUsd } = record;
      const reservation: Reservation = Object.freeze({ id, module, label, attempt, promptTokens, reservedPromptTokens, maxCompletionTokens, worstCaseUsd });
      const worst: WorstCase = { promptTokens: reservedPromptTokens, completionTokens: maxCompletionTokens, tokens: reservedPromptTokens + maxCompletionTokens, costMicros: microsFromUsd(worstCaseUsd) };
      this.#entries.set(reservation, { record, worst });
      if (record.state === 'outstanding') outstanding.push(reservation);
    }
    for (const reservation of outstanding) this.settle(reservation, null);
  }

  /** Replaces the entry's hold by a charge; a bill above the reservation is charged in full (see top). */
  #charge(entry: Entry, charged: 'usage' | 'worst-case' | 'rejected', tokens: Required<Usage>, costMicros: number): CallRecord {
    const { record, worst } = entry;
    const moduleAccount = this.#account(record.module);
    this.#run.unhold(worst);
    moduleAccount.unhold(worst);
    this.#run.charge(tokens.inputTokens, tokens.outputTokens, costMicros);
    moduleAccount.charge(tokens.inputTokens, tokens.outputTokens, costMicros);
    if (charged === 'usage' && tokens.inputTokens > worst.promptTokens && record.promptTokens >= MIN_ESTIMATE_TO_LEARN_FROM) {
      this.#promptFactor = Math.max(this.#promptFactor, tokens.inputTokens / record.promptTokens);
    }
    if (exceedsALimit(this.#run, moduleAccount, this.#ledgerLimits)) this.#stopped = true;
    entry.record = {
      ...record,
      state: 'settled',
      charged,
      inputTokens: tokens.inputTokens,
      outputTokens: tokens.outputTokens,
      cachedInputTokens: Math.min(tokens.cachedInputTokens, tokens.inputTokens),
      costUsd: usdFromMicros(costMicros),
      overshootUsd: usdFromMicros(Math.max(0, costMicros - worst.costMicros)),
    };
    this.#notify();
    return entry.record;
  }

  #account(module: string): BudgetAccount {
    let account = this.#modules.get(module);
    if (!account) {
      account = new BudgetAccount();
      this.#modules.set(module, account);
    }
    return account;
  }

  #outstanding(reservation: Reservation, action: string): Entry {
    const entry = this.#entries.get(reservation);
    if (!entry) throw new BudgetError(`cannot ${action} reservation #${String(reservation.id)}: it was not made by this ledger; pass the object reserve() returned`);
    if (entry.record.state !== 'outstanding') {
      throw new BudgetError(`cannot ${action} reservation #${String(reservation.id)}: it was already ${entry.record.state}; settle or release each reservation exactly once`);
    }
    return entry;
  }
}

function accountState(account: BudgetAccount): LedgerAccountState {
  const { inputTokens, outputTokens, costMicros, calls, heldMicros, heldTokens, heldCalls } = account;
  return { inputTokens, outputTokens, costMicros, calls, heldMicros, heldTokens, heldCalls };
}

function validateRequest(request: ReserveRequest): void {
  const problems: string[] = [];
  if (typeof request.module !== 'string' || request.module.length === 0) problems.push('module must be a non-empty path');
  if (!Number.isSafeInteger(request.promptTokens) || request.promptTokens < 0) problems.push('promptTokens must be a whole number >= 0');
  if (!Number.isSafeInteger(request.maxCompletionTokens) || request.maxCompletionTokens < 1) problems.push('maxCompletionTokens must be a whole number >= 1');
  if (request.attempt !== undefined && (!Number.isSafeInteger(request.attempt) || request.attempt < 1)) problems.push('attempt must be a whole number >= 1');
  if (problems.length > 0) throw new BudgetError(`invalid budget reservation: ${problems.join('; ')}; fix the caller's request`);
}

/** Usage with every figure a finite number >= 0 (rounded up to whole tokens), else null (charge the worst case). */
function usableUsage(usage: Usage): Required<Usage> | null {
  const figures = [usage.inputTokens, usage.outputTokens, usage.cachedInputTokens ?? 0];
  if (!figures.every((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0)) return null;
  const [input, output, cached] = figures.map((value) => Math.ceil(value)) as [number, number, number];
  return { inputTokens: input, outputTokens: output, cachedInputTokens: cached };
}
