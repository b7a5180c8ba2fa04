/**
 * Property: under random limits, prices, usage figures, failures, retries and concurrency (many
 * module tasks interleaving reserve/settle/release at random awaits), what the provider bills never
 * exceeds the ceiling, calls never exceed max-llm-calls, tokens never exceed max-tokens, and no module
 * exceeds its cap. The simulated provider bills exact pico-dollars, independently of the ledger.
 *
 * Usage may exceed the prompt estimate (estimates can be low). The ledger's documented contract is
 * that the ceiling is exact while a bill stays within its reservation, i.e. the billed prompt is at
 * most floor(estimate * (1 + ratio)) + tokens of the safety margin; the first property draws prompts
 * anywhere up to that bound (often above the estimate). The second property lets reported usage go far
 * beyond the margin and checks what the ledger promises then: it never under-counts, spend exceeds the
 * ceiling by no more than the bills' excess over their reservations, and nothing is granted over a limit.
 * Each scenario is replayable from its seed.
 */
import { describe, expect, it } from 'vitest';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import { isRefusal, type Reservation, type Usage } from '../../../src/budget/ledger-types.js';
import type { BudgetLimits, ModelPrice } from '../../../src/budget/limits.js';
import type { PromptMargin } from '../../../src/budget/worst-case.js';
import { mulberry32, type Prng } from './prng.js';

const SCENARIOS = 2000;
const OVERSHOOT_SCENARIOS = 1000;
const PICOS_PER_MICRO = 1_000_000n;

type Outcome = 'ok' | 'ok-without-usage' | 'not-sent' | 'rate-limited' | 'server-error' | 'lost';
const OUTCOMES: readonly Outcome[] = ['ok', 'ok', 'ok', 'ok', 'ok-without-usage', 'not-sent', 'rate-limited', 'rate-limited', 'server-error', 'lost'];

interface PicoPrice {
  readonly input: bigint;
  readonly output: bigint;
  readonly cached: bigint;
}

interface Scenario {
  readonly seed: number;
  readonly rng: Prng;
  readonly limits: BudgetLimits;
  readonly limitMicros: bigint;
  readonly moduleCapMicros: bigint | null;
  readonly price: PicoPrice;
  readonly margin: PromptMargin;
  readonly ledger: BudgetLedger;
  /** Probability that a reported usage goes beyond the margin (0 in the exact-ceiling property). */
  readonly overshootChance: number;
  /** The provider bills every attempt as much as the margin allows: spend runs right up to the ceiling. */
  readonly adversarial: boolean;
}

interface Tally {
  billedPicos: bigint;
  billedTokens: number;
  sent: number;
  excessPicos: bigint;
  /** Some reported usage went beyond its reservation (tokens or dollars). */
  beyondReservation: boolean;
  readonly billedByModule: Map<string, bigint>;
}

/** Across all scenarios: proof that the interesting paths ran (the property is not vacuous). */
const costRefused = new Set<number>();
const coverage = { refusals: 0, aboveEstimate: 0, beyondMargin: 0, worstCaseCharges: 0, releases: 0, rejected: 0, maxOutstanding: 0, nearCeiling: 0 };

describe('BudgetLedger under random usage, failures and concurrency', () => {
  it(`never lets billed spend, tokens or calls exceed a limit (${SCENARIOS} seeded scenarios)`, async () => {
    for (let seed = 1; seed <= SCENARIOS; seed++) {
      const scenario = makeScenario(seed, 0);
      const tally = await runScenario(scenario);
      const where = `seed ${seed}`;
      expect(tally.billedPicos, where).toBeLessThanOrEqual(scenario.limitMicros * PICOS_PER_MICRO);
      expect(BigInt(micros(scenario.ledger.totals().costUsd)), where).toBeLessThanOrEqual(scenario.limitMicros);
      expect(tally.excessPicos, where).toBe(0n);
      checkCommonProperties(scenario, tally, where);
      if (tally.billedPicos * 10n >= scenario.limitMicros * PICOS_PER_MICRO * 9n && scenario.limitMicros > 0n) coverage.nearCeiling++;
    }
    expect(coverage.refusals).toBeGreaterThan(SCENARIOS);
    expect(coverage.aboveEstimate).toBeGreaterThan(1000);
    expect(coverage.worstCaseCharges).toBeGreaterThan(1000);
    expect(coverage.releases).toBeGreaterThan(100);
    expect(coverage.rejected).toBeGreaterThan(100);
    expect(coverage.maxOutstanding).toBeGreaterThanOrEqual(10);
    expect(costRefused.size).toBeGreaterThan(SCENARIOS / 4);
    expect(coverage.nearCeiling).toBeGreaterThan(SCENARIOS / 20); // billed >= 90% of the ceiling
  });

  it(`with bills beyond the margin: never under-counts, over-spends only by the excess, grants nothing over a limit (${OVERSHOOT_SCENARIOS} scenarios)`, async () => {
    for (let seed = 1; seed <= OVERSHOOT_SCENARIOS; seed++) {
      const scenario = makeScenario(1_000_000 + seed, 0.3);
      const tally = await runScenario(scenario);
      const where = `seed ${1_000_000 + seed}`;
      expect(tally.billedPicos, where).toBeLessThanOrEqual(scenario.limitMicros * PICOS_PER_MICRO + tally.excessPicos);
      if (tally.billedPicos > scenario.limitMicros * PICOS_PER_MICRO) expect(scenario.ledger.stoppedByBudget, where).toBe(true);
      checkCommonProperties(scenario, tally, where);
    }
    expect(coverage.beyondMargin).toBeGreaterThan(OVERSHOOT_SCENARIOS / 4);
  });
});

function checkCommonProperties(scenario: Scenario, tally: Tally, where: string): void {
  const { ledger, limits } = scenario;
  const totals = ledger.totals();
  expect(ledger.outstanding().reservations, where).toBe(0);
  // The ledger never counts less than the provider billed.
  expect(BigInt(micros(totals.costUsd)) * PICOS_PER_MICRO, where).toBeGreaterThanOrEqual(tally.billedPicos);
  expect(totals.inputTokens + totals.outputTokens, where).toBeGreaterThanOrEqual(tally.billedTokens);
  expect(totals.llmCalls, where).toBe(tally.sent);
  if (limits.maxLlmCalls !== null) expect(tally.sent, where).toBeLessThanOrEqual(limits.maxLlmCalls);
  if (limits.maxTokens !== null && !tally.beyondReservation) expect(totals.inputTokens + totals.outputTokens, where).toBeLessThanOrEqual(limits.maxTokens);
  if (scenario.moduleCapMicros !== null && !tally.beyondReservation) {
    for (const [module, billed] of tally.billedByModule) expect(billed, `${where} ${module}`).toBeLessThanOrEqual(scenario.moduleCapMicros * PICOS_PER_MICRO);
  }
}

function makeScenario(seed: number, overshootChance: number): Scenario {
  const rng = mulberry32(seed);
  // Prices in whole micro-dollars per million tokens (= pico-dollars per token), so billing is exact.
  const input = rng.chance(0.1) ? 0 : rng.int(1, 20_000_000);
  const output = rng.chance(0.1) ? 0 : rng.int(1, 80_000_000);
  const cached = rng.chance(0.5) ? rng.int(0, input) : null;
  const price: ModelPrice = {
    inputPerMTokUsd: input / 1e6,
    outputPerMTokUsd: output / 1e6,
    ...(cached === null ? {} : { cachedInputPerMTokUsd: cached / 1e6 }),
  };
  const limitMicros = rng.chance(0.05) ? 0 : rng.int(1, 2_000_000);
  const moduleCapMicros = rng.chance(0.5) ? null : rng.int(0, 1_000_000);
  const limits: BudgetLimits = {
    maxCostUsd: limitMicros / 1e6,
    maxTokens: rng.chance(0.5) ? null : rng.int(0, 300_000),
    maxLlmCalls: rng.chance(0.5) ? null : rng.int(0, 40),
    maxCostPerModuleUsd: moduleCapMicros === null ? null : moduleCapMicros / 1e6,
  };
  const margin: PromptMargin = { ratio: rng.pick([0, 0.05, 0.1, 0.25]), tokens: rng.pick([0, 16, 64]) };
  return {
    seed,
    rng,
    limits,
    limitMicros: BigInt(limitMicros),
    moduleCapMicros: moduleCapMicros === null ? null : BigInt(moduleCapMicros),
    price: { input: BigInt(input), output: BigInt(output), cached: BigInt(cached ?? input) },
    margin,
    ledger: new BudgetLedger({ limits, price, promptMargin: margin }),
    overshootChance,
    adversarial: rng.chance(0.3),
  };
}

async function runScenario(scenario: Scenario): Promise<Tally> {
  const tally: Tally = { billedPicos: 0n, billedTokens: 0, sent: 0, excessPicos: 0n, beyondReservation: false, billedByModule: new Map() };
  const modules = Array.from({ length: scenario.rng.int(1, 6) }, (_, index) => `src/m${index}.ts`);
  const tasks = Array.from({ length: scenario.rng.int(1, 30) }, () => runModuleTask(scenario, scenario.rng.pick(modules), tally));
  await Promise.all(tasks);
  return tally;
}

/** One module's work: a few turns (generate, heal...), each with up to three SDK attempts. */
async function runModuleTask(scenario: Scenario, module: string, tally: Tally): Promise<void> {
  const { rng, ledger } = scenario;
  const turns = rng.int(1, 3);
  for (let turn = 1; turn <= turns; turn++) {
    const promptTokens = rng.int(0, 20_000);
    const maxCompletionTokens = rng.int(1, 8_000);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = ledger.reserve({ module, promptTokens, maxCompletionTokens, label: `turn-${turn}`, attempt });
      if (isRefusal(result)) {
        coverage.refusals++;
        if (result.limit === 'max-cost-usd') costRefused.add(scenario.seed);
        checkCommitted(scenario, tally, false);
        return;
      }
      checkCommitted(scenario, tally, true);
      coverage.maxOutstanding = Math.max(coverage.maxOutstanding, ledger.outstanding().reservations);
      await pause(rng);
      const done = finishAttempt(scenario, result, module, tally);
      checkCommitted(scenario, tally, false);
      if (done) break;
      await pause(rng);
    }
  }
}

/** Simulates the provider for one attempt and tells the ledger; true when the request succeeded. */
function finishAttempt(scenario: Scenario, reservation: Reservation, module: string, tally: Tally): boolean {
  const { rng, ledger } = scenario;
  const outcome = rng.pick(OUTCOMES);
  if (outcome === 'not-sent') {
    coverage.releases++;
    if (rng.chance(0.5)) ledger.release(reservation);
    else ledger.failAttempt(reservation, { kind: 'not-sent' });
    return false;
  }
  tally.sent++;
  if (outcome === 'rate-limited') {
    coverage.rejected++;
    ledger.failAttempt(reservation, { kind: 'http-error', status: rng.pick([429, 429, 400, 408]) });
    return false;
  }
  const reportsUsage = outcome === 'ok';
  // What the provider bills: a usage within the reservation, or (overshoot property, reported usage only) beyond it.
  const usage = drawUsage(scenario, reservation, reportsUsage && rng.chance(scenario.overshootChance));
  const billsSomething = outcome === 'ok' || outcome === 'ok-without-usage' || scenario.adversarial || rng.chance(0.5);
  if (billsSomething) bill(scenario, reservation, module, usage, tally);
  if (outcome === 'ok') ledger.settle(reservation, usage);
  else {
    coverage.worstCaseCharges++;
    if (outcome === 'ok-without-usage') ledger.settle(reservation, null);
    else if (outcome === 'server-error') ledger.failAttempt(reservation, { kind: 'http-error', status: rng.pick([500, 502, 503]) });
    else ledger.failAttempt(reservation, { kind: 'no-response' });
  }
  return outcome === 'ok' || outcome === 'ok-without-usage';
}

function drawUsage(scenario: Scenario, reservation: Reservation, beyondMargin: boolean): Usage {
  const { rng, margin } = scenario;
  const estimate = reservation.promptTokens;
  // The margin's contract, computed here independently of the ledger (floor: never above its ceil).
  const bound = Math.floor(estimate * (1 + margin.ratio)) + margin.tokens;
  if (scenario.adversarial && !beyondMargin) return { inputTokens: bound, outputTokens: reservation.maxCompletionTokens, cachedInputTokens: 0 };
  let inputTokens: number;
  if (beyondMargin) {
    coverage.beyondMargin++;
    inputTokens = rng.int(bound + 1, bound * 3 + 200);
  } else if (rng.chance(0.5) && bound > estimate) {
    coverage.aboveEstimate++;
    inputTokens = rng.chance(0.3) ? bound : rng.int(estimate + 1, bound);
  } else {
    inputTokens = rng.int(0, Math.min(estimate, bound));
  }
  // Often the whole completion cap (the adversarial case: bills as high as reserved).
  const outputTokens = rng.chance(0.4) ? reservation.maxCompletionTokens : rng.int(0, reservation.maxCompletionTokens);
  const cachedInputTokens = rng.chance(0.3) ? rng.int(0, inputTokens) : 0;
  return { inputTokens, outputTokens, cachedInputTokens };
}

function bill(scenario: Scenario, reservation: Reservation, module: string, usage: Usage, tally: Tally): void {
  const { price } = scenario;
  const cached = usage.cachedInputTokens ?? 0;
  const picos = BigInt(usage.inputTokens - cached) * price.input + BigInt(cached) * price.cached + BigInt(usage.outputTokens) * price.output;
  tally.billedPicos += picos;
  tally.billedTokens += usage.inputTokens + usage.outputTokens;
  tally.billedByModule.set(module, (tally.billedByModule.get(module) ?? 0n) + picos);
  const reservedPicos = BigInt(micros(reservation.worstCaseUsd)) * PICOS_PER_MICRO;
  if (picos > reservedPicos) tally.excessPicos += picos - reservedPicos;
  if (picos > reservedPicos || usage.inputTokens > reservation.reservedPromptTokens) tally.beyondReservation = true;
}

/** After every grant (and, while bills stay within their reservations, after every step): charged + held <= each limit. */
function checkCommitted(scenario: Scenario, tally: Tally, afterGrant: boolean): void {
  const { ledger, limits } = scenario;
  if (!afterGrant && tally.beyondReservation) return;
  const totals = ledger.totals();
  const held = ledger.outstanding();
  const where = `seed ${scenario.seed}`;
  expect(BigInt(micros(totals.costUsd) + micros(held.costUsd)), where).toBeLessThanOrEqual(scenario.limitMicros);
  if (limits.maxTokens !== null) expect(totals.inputTokens + totals.outputTokens + held.tokens, where).toBeLessThanOrEqual(limits.maxTokens);
  if (limits.maxLlmCalls !== null) expect(totals.llmCalls + held.reservations, where).toBeLessThanOrEqual(limits.maxLlmCalls);
}

/** No await, a few microtask turns, or a macrotask turn: interleaves the module tasks differently. */
async function pause(rng: Prng): Promise<void> {
  const draw = rng.next();
  if (draw < 0.3) return;
  if (draw < 0.85) {
    for (let turn = rng.int(1, 3); turn > 0; turn--) await Promise.resolve();
    return;
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
}

function micros(usd: number): number {
  return Math.round(usd * 1e6);
}
