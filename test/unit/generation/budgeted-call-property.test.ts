/**
 * Property: through the real SDK and a real local server, with random usage figures (within what was
 * reserved), random failures (429, 500, 400, lost answers) and many calls at once, total spend never
 * exceeds max-cost-usd, the call ceiling holds, and every request the server saw was counted.
 * Seeded, so a failure reproduces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import { budgetedCall } from '../../../src/generation/call/budgeted-call.js';
import { createModelClient } from '../../../src/model/model-client.js';
import { ModelCallError } from '../../../src/model/model-errors.js';
import { resolveModelSettings } from '../../../src/model/model-settings.js';
import { completionReply, errorReply, startModelServer, type ModelServer, type ScriptedReply } from '../../helpers/model-server.js';

const PRICE = { inputPerMTokUsd: 2, outputPerMTokUsd: 8 };
const COMPLETION_CAP = 500;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer();
});
afterAll(async () => {
  await server.stop();
});

describe('budgetedCall under random usage, failures and concurrency', () => {
  for (const seed of [1, 7, 42, 1234, 99991]) {
    it(`never spends over the ceiling (seed ${seed})`, async () => {
      const next = random(seed);
      const maxCostUsd = 0.01 + next() * 0.05; // 2 to 12 worst cases of about $0.004
      const maxLlmCalls = 10 + Math.floor(next() * 30);
      server.respondWith((): ScriptedReply => {
        const roll = next();
        if (roll < 0.1) return errorReply(500, { message: 'boom', type: 'server_error' });
        if (roll < 0.2) return errorReply(429, { message: 'slow down', type: 'requests' }, { 'retry-after': '0' });
        if (roll < 0.25) return errorReply(400, { message: 'bad', type: 'invalid_request_error' });
        if (roll < 0.3) return { status: 200, rawBody: '{"choices": [' }; // cut off: unreadable, charged the worst case
        // Usage within the reservation: the prompt as estimated (about 30 tokens) and up to the completion cap.
        return completionReply({ content: 'x', usage: next() < 0.1 ? null : { prompt: 20 + Math.floor(next() * 30), completion: Math.floor(next() * COMPLETION_CAP) } });
      });
      const settings = resolveModelSettings({ provider: 'compatible', baseUrl: server.baseUrl, model: 'gpt-4.1-mini', maxRetries: 2, timeoutMs: 5000 }, {});
      const ledger = new BudgetLedger({ limits: { maxCostUsd, maxTokens: null, maxLlmCalls, maxCostPerModuleUsd: null }, price: PRICE });
      const client = createModelClient(settings);
      const before = server.requests.length;
      const calls = Array.from({ length: 40 }, (_, index) =>
        budgetedCall({
          client,
          ledger,
          model: 'gpt-4.1-mini',
          module: `src/m${index % 7}.ts`,
          label: 'generate',
          messages: [{ role: 'user', content: `Write a test for module ${index}.` }],
          responseFormat: null,
          maxCompletionTokens: COMPLETION_CAP,
        }).catch((error: unknown) => {
          if (error instanceof ModelCallError) return error;
          throw error;
        }),
      );
      await Promise.all(calls);
      server.respondWith(null);
      const totals = ledger.totals();
      expect(totals.costUsd).toBeLessThanOrEqual(maxCostUsd);
      expect(totals.llmCalls).toBeLessThanOrEqual(maxLlmCalls);
      expect(totals.llmCalls).toBe(server.requests.length - before);
      expect(ledger.outstanding().reservations).toBe(0);
      // The scenario exercised something: calls were sent, and the ceiling was reached.
      expect(totals.llmCalls).toBeGreaterThan(0);
      expect(ledger.stoppedByBudget).toBe(true);
    });
  }
});
