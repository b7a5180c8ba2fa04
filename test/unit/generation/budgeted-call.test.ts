/**
 * budgetedCall through the real `openai` SDK against a real local HTTP server: each attempt is
 * reserved before it is sent and settled from what came back; a refused reservation sends nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import type { BudgetLimits } from '../../../src/budget/limits.js';
import { budgetedCall } from '../../../src/generation/call/budgeted-call.js';
import { createModelClient } from '../../../src/model/model-client.js';
import { ModelCallError } from '../../../src/model/model-errors.js';
import { resolveModelSettings } from '../../../src/model/model-settings.js';
import { completionReply, errorReply, startModelServer, type ModelServer } from '../../helpers/model-server.js';

const PRICE = { inputPerMTokUsd: 1, outputPerMTokUsd: 2 };
const LIMITS: BudgetLimits = { maxCostUsd: 1, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null };
const MESSAGES = [
  { role: 'system' as const, content: 'You write unit tests.' },
  { role: 'user' as const, content: 'Write a test for add(a, b).' },
];

let server: ModelServer;
beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.stop();
});

function setup(limits: Partial<BudgetLimits> = {}, settings: { maxRetries?: number; timeoutMs?: number } = {}) {
  const resolved = resolveModelSettings({ provider: 'compatible', baseUrl: server.baseUrl, model: 'gpt-4.1-mini', maxRetries: settings.maxRetries ?? 2, timeoutMs: settings.timeoutMs ?? 10_000 }, {});
  const ledger = new BudgetLedger({ limits: { ...LIMITS, ...limits }, price: PRICE });
  const client = createModelClient(resolved);
  const call = (module = 'src/a.ts') =>
    budgetedCall({ client, ledger, model: 'gpt-4.1-mini', module, label: 'generate', messages: MESSAGES, responseFormat: null, maxCompletionTokens: 1000 });
  return { ledger, call };
}

describe('budgetedCall', () => {
  it('settles the attempt with the usage the server reported', async () => {
    server.enqueue(completionReply({ content: 'ok', usage: { prompt: 120, completion: 30 } }));
    const { ledger, call } = setup();
    const result = await call();
    expect(result.kind).toBe('reply');
    expect(ledger.totals()).toEqual({ inputTokens: 120, outputTokens: 30, costUsd: 0.00018, llmCalls: 1 });
    expect(ledger.outstanding().reservations).toBe(0);
  });

  it('charges the worst case when the answer has no usage', async () => {
    server.enqueue(completionReply({ content: 'ok', usage: null }));
    const { ledger, call } = setup();
    const result = await call();
    expect(result.kind).toBe('reply');
    const [record] = ledger.calls();
    expect(record).toMatchObject({ charged: 'worst-case', outputTokens: 1000 });
    expect(ledger.totals().costUsd).toBe(record!.worstCaseUsd);
  });

  it('counts a 429 retry as a call with no cost, then settles the success', async () => {
    server.enqueue(errorReply(429, { message: 'slow down', type: 'requests' }, { 'retry-after': '0' }), completionReply({ usage: { prompt: 100, completion: 10 } }));
    const { ledger, call } = setup();
    await call();
    expect(server.requests).toHaveLength(2);
    expect(ledger.calls().map((entry) => entry.charged)).toEqual(['rejected', 'usage']);
    expect(ledger.totals()).toMatchObject({ llmCalls: 2, inputTokens: 100, outputTokens: 10 });
  });

  it('sends nothing when the reservation does not fit, and says which limit refused it', async () => {
    const { ledger, call } = setup({ maxCostUsd: 0.0005 });
    const result = await call();
    expect(result.kind).toBe('refused');
    if (result.kind === 'refused') expect(result.refusal.limit).toBe('max-cost-usd');
    expect(server.requests).toHaveLength(0);
    expect(ledger.totals().llmCalls).toBe(0);
  });

  it('stops retrying once a retry no longer fits the call limit', async () => {
    server.enqueue(errorReply(500, { message: 'boom', type: 'server_error' }), completionReply());
    const { ledger, call } = setup({ maxLlmCalls: 1 });
    const result = await call();
    expect(result.kind).toBe('refused');
    expect(server.requests).toHaveLength(1);
    expect(ledger.totals().llmCalls).toBe(1);
    expect(server.clear()).toBe(1);
  });

  it('charges a hung attempt its worst case and fails with a timeout', async () => {
    server.enqueue('hang');
    const { ledger, call } = setup({}, { maxRetries: 0, timeoutMs: 500 });
    const error = await call().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).failure).toBe('timeout');
    expect(ledger.calls()[0]).toMatchObject({ state: 'settled', charged: 'worst-case' });
  });

  it('keeps the ceiling when many calls run at once', async () => {
    for (let i = 0; i < 20; i++) server.enqueue(completionReply({ usage: { prompt: 200, completion: 900 }, content: 'x' }));
    // Each worst case is about $0.0024; $0.01 fits four at a time, and the bills are within the reservations.
    const { ledger, call } = setup({ maxCostUsd: 0.01 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call(`src/m${i}.ts`)));
    const made = results.filter((result) => result.kind === 'reply').length;
    expect(made).toBeGreaterThan(0);
    expect(results.some((result) => result.kind === 'refused')).toBe(true);
    expect(ledger.totals().costUsd).toBeLessThanOrEqual(0.01);
    expect(server.requests).toHaveLength(made);
    server.clear();
  });
});
