/**
 * Paid answers replayed instead of asked again: answerKey covers every part of a call, and
 * budgetedCall (real openai SDK client against the local model server, real ledger, a real run
 * session's replay over a sqlite store) returns a recorded answer with no request and no charge,
 * and records a new answer only once its charge is settled.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import type { BudgetLimits } from '../../../src/budget/limits.js';
import { EventBus } from '../../../src/events/bus.js';
import { answerKey, type AnswerKeyParts, type AnswerReplay } from '../../../src/generation/call/answer-replay.js';
import { budgetedCall, type BudgetedCallRequest } from '../../../src/generation/call/budgeted-call.js';
import { createModelClient, type ModelReply } from '../../../src/model/model-client.js';
import { ModelCallError } from '../../../src/model/model-errors.js';
import { resolveModelSettings } from '../../../src/model/model-settings.js';
import { RunSession } from '../../../src/session/run-session.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { completionReply, errorReply, startModelServer, type ModelServer } from '../../helpers/model-server.js';
import { REPLY, RUN, tempStorePath } from '../store/store-fixtures.js';

const PRICE = { inputPerMTokUsd: 1, outputPerMTokUsd: 2 };
const LIMITS: BudgetLimits = { maxCostUsd: 1, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null };

const PARTS: AnswerKeyParts = {
  model: 'gpt-4.1-mini',
  module: 'src/a.ts',
  label: 'generate',
  messages: [
    { role: 'system', content: 'You write unit tests.' },
    { role: 'user', content: 'Write a test for add(a, b).' },
  ],
  responseFormat: { name: 'test_file', schema: { type: 'object', properties: { content: { type: 'string' } } } },
  maxCompletionTokens: 1000,
};

describe('answerKey', () => {
  const key = answerKey(PARTS);

  it('is a SHA-256 in hex, the same for the same parts', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(answerKey({ ...PARTS, messages: PARTS.messages.map((message) => ({ ...message })) })).toBe(key);
  });

  it.each<[string, Partial<AnswerKeyParts>]>([
    ['model', { model: 'gpt-4.1' }],
    ['module', { module: 'src/b.ts' }],
    ['label', { label: 'heal-1' }],
    ['message text', { messages: [PARTS.messages[0]!, { role: 'user', content: 'Write a test for add(a, c).' }] }],
    ['message role', { messages: [PARTS.messages[0]!, { role: 'assistant', content: PARTS.messages[1]!.content }] }],
    ['an added message', { messages: [...PARTS.messages, { role: 'user', content: 'Fix the failing case.' }] }],
    ['schema', { responseFormat: { name: 'test_file', schema: { type: 'object', properties: { content: { type: 'number' } } } } }],
    ['schema name', { responseFormat: { name: 'other', schema: PARTS.responseFormat!.schema } }],
    ['no schema', { responseFormat: null }],
    ['completion cap', { maxCompletionTokens: 1001 }],
  ])('changes with the %s', (_part, change) => {
    expect(answerKey({ ...PARTS, ...change })).not.toBe(key);
  });
});

describe('budgetedCall with a replay', () => {
  let server: ModelServer;
  const stores: RunStore[] = [];
  beforeEach(async () => {
    server = await startModelServer();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) store.close();
    await server.stop();
  });

  function openStore(path: string): RunStore {
    const store = openRunStore(path, { onCorrupt: 'throw' });
    stores.push(store);
    return store;
  }

  function setup(limits: Partial<BudgetLimits> = {}) {
    const settings = resolveModelSettings({ provider: 'compatible', baseUrl: server.baseUrl, model: PARTS.model, maxRetries: 0, timeoutMs: 10_000 }, {});
    const ledger = new BudgetLedger({ limits: { ...LIMITS, ...limits }, price: PRICE });
    const client = createModelClient(settings);
    const call = (replay: AnswerReplay, extra: Partial<BudgetedCallRequest> = {}) => budgetedCall({ client, ledger, ...PARTS, replay, ...extra });
    return { ledger, call };
  }

  /** A session of a new run in a new store, and a way to open another session of the same run. */
  function session() {
    const path = tempStorePath();
    const store = openStore(path);
    const runId = store.createRun(RUN).id;
    return { store, runId, session: new RunSession(store, runId, false, new EventBus()), resumed: () => new RunSession(openStore(path), runId, true, new EventBus()) };
  }

  it('returns a recorded answer without a request and without touching the ledger', async () => {
    const { session: first } = session();
    first.replay.record(answerKey(PARTS), REPLY);
    server.enqueue(completionReply({ content: 'a fresh answer' })); // would be taken if a request were sent
    const { ledger, call } = setup();
    const replayed: ModelReply[] = [];
    const charged: unknown[] = [];
    const result = await call(first.replay, { onReplayed: (reply) => replayed.push(reply), onCharged: (record) => charged.push(record) });
    expect(result.kind === 'reply' && result.reply).toEqual(REPLY);
    expect(result.promptTokens).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(0);
    expect(ledger.calls()).toEqual([]);
    expect(ledger.totals()).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0 });
    expect(replayed).toEqual([REPLY]);
    expect(charged).toEqual([]);
  });

  it('asks the server once when nothing is recorded, and records the answer after the ledger settled it', async () => {
    const { store, runId, session: first, resumed } = session();
    const { ledger, call } = setup();
    first.bindLedger(ledger);
    server.enqueue(completionReply({ content: 'the answer', usage: { prompt: 120, completion: 30 } }));
    const recorded: { key: string; states: string[] }[] = [];
    const replay: AnswerReplay = {
      find: (key) => first.replay.find(key),
      record: (key, reply) => {
        recorded.push({ key, states: ledger.calls().map((entry) => entry.state) });
        first.replay.record(key, reply);
      },
    };
    const result = await call(replay);
    expect(result.kind === 'reply' && result.reply.content).toBe('the answer');
    expect(server.requests).toHaveLength(1);
    expect(recorded).toEqual([{ key: answerKey(PARTS), states: ['settled'] }]);
    expect(store.loadLedger(runId)?.calls.map((entry) => [entry.state, entry.inputTokens, entry.outputTokens])).toEqual([['settled', 120, 30]]);

    // A resumed run asks the same call again: answered from the store, nothing sent, nothing charged.
    const again = setup();
    const second = await again.call(resumed().replay);
    expect(second.kind === 'reply' && second.reply.content).toBe('the answer');
    expect(server.requests).toHaveLength(1);
    expect(again.ledger.calls()).toEqual([]);
  });

  it('asks the server for a call whose parts differ from the recorded one', async () => {
    const { session: first } = session();
    first.replay.record(answerKey(PARTS), REPLY);
    server.enqueue(completionReply({ content: 'a healing answer' }));
    const { ledger, call } = setup();
    const result = await call(first.replay, { label: 'heal-1' });
    expect(result.kind === 'reply' && result.reply.content).toBe('a healing answer');
    expect(server.requests).toHaveLength(1);
    expect(ledger.calls()).toHaveLength(1);
  });

  it('records nothing when the budget refuses the call', async () => {
    const { session: first } = session();
    const { call } = setup({ maxCostUsd: 0.0005 });
    const result = await call(first.replay);
    expect(result.kind).toBe('refused');
    expect(server.requests).toHaveLength(0);
    expect(first.replay.find(answerKey(PARTS))).toBeNull();
  });

  it('records nothing when the call fails', async () => {
    const { session: first } = session();
    server.enqueue(errorReply(400, { message: 'bad request' }));
    const { ledger, call } = setup();
    await expect(call(first.replay)).rejects.toBeInstanceOf(ModelCallError);
    expect(ledger.calls().map((entry) => entry.charged)).toEqual(['rejected']);
    expect(first.replay.find(answerKey(PARTS))).toBeNull();
  });
});
