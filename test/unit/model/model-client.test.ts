/**
 * The model client through the real `openai` SDK against a real local HTTP server (test/helpers/model-server.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GenerationError } from '../../../src/errors/errors.js';
import { createModelClient, type CompleteRequest } from '../../../src/model/model-client.js';
import { ModelCallError } from '../../../src/model/model-errors.js';
import { resolveModelSettings, type ModelSettingsInput } from '../../../src/model/model-settings.js';
import { completionReply, errorReply, startModelServer, type ModelServer } from '../../helpers/model-server.js';

const KEY = 'sk-test-DO-NOT-LEAK-0123456789abcdef';
const MESSAGES: CompleteRequest['messages'] = [
  { role: 'system', content: 'You write unit tests.' },
  { role: 'user', content: 'Write a test.' },
];

let server: ModelServer;

beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.stop();
});

function clientFor(input: ModelSettingsInput = {}) {
  const settings = resolveModelSettings({ provider: 'openai', apiKey: KEY, baseUrl: server.baseUrl, model: 'gpt-4.1-mini', ...input }, {});
  return createModelClient(settings);
}

/** The ModelCallError a call fails with (the test fails if it succeeds). */
async function failure(promise: Promise<unknown>): Promise<ModelCallError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ModelCallError);
  expect(error).toBeInstanceOf(GenerationError);
  const message = (error as Error).message;
  expect(message).not.toContain(KEY);
  expect(message).not.toMatch(/\n/);
  return error as ModelCallError;
}

function body(index: number): Record<string, unknown> {
  return server.requests[index]!.body as Record<string, unknown>;
}

describe('createModelClient: answers', () => {
  it('returns content, finish reason, usage, attempts and model, and sends the key as a bearer token', async () => {
    server.enqueue(completionReply({ content: 'export {}', usage: { prompt: 120, completion: 30 }, model: 'gpt-4.1-mini-2025-04-14' }));
    const seen: number[] = [];
    const reply = await clientFor().complete({ messages: MESSAGES, onAttempt: (n) => seen.push(n) });
    expect(reply).toEqual({
      content: 'export {}',
      refusal: null,
      finishReason: 'stop',
      usage: { promptTokens: 120, completionTokens: 30 },
      attempts: 1,
      model: 'gpt-4.1-mini-2025-04-14',
      structuredOutput: 'not-requested',
    });
    expect(seen).toEqual([1]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe('/v1/chat/completions');
    expect(server.requests[0]!.headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(body(0)).toEqual({ model: 'gpt-4.1-mini', messages: MESSAGES, max_completion_tokens: 8192 });
  });

  it('reports a refusal, a truncated answer and missing usage as they are', async () => {
    server.enqueue(completionReply({ content: null, refusal: 'I cannot help with that.', usage: null }));
    server.enqueue(completionReply({ content: '{"tests": [', finishReason: 'length' }));
    const client = clientFor();
    const refused = await client.complete({ messages: MESSAGES });
    expect(refused).toMatchObject({ content: '', refusal: 'I cannot help with that.', usage: null });
    const truncated = await client.complete({ messages: MESSAGES });
    expect(truncated).toMatchObject({ content: '{"tests": [', finishReason: 'length', usage: { promptTokens: 11, completionTokens: 7 } });
  });

  it('fails clearly on an answer that is not a chat completion', async () => {
    server.enqueue({ status: 200, rawBody: '<html>proxy login</html>' });
    server.enqueue({ status: 200, body: { hello: 'world' } });
    const client = clientFor({ maxRetries: 0 });
    expect((await failure(client.complete({ messages: MESSAGES }))).failure).toBe('invalid-response');
    const noChoice = await failure(client.complete({ messages: MESSAGES }));
    expect(noChoice.failure).toBe('invalid-response');
    expect(noChoice.message).toMatch(/base-url/);
  });
});

describe('createModelClient: request parameters', () => {
  it('sends the configured token parameter, temperature and per-call cap', async () => {
    server.enqueue(completionReply({}), completionReply({}));
    await clientFor({ tokenParam: 'max_tokens', temperature: 0.2, maxCompletionTokens: 1000 }).complete({ messages: MESSAGES });
    await clientFor().complete({ messages: MESSAGES, maxCompletionTokens: 256 });
    expect(body(0)).toMatchObject({ max_tokens: 1000, temperature: 0.2 });
    expect(body(0)).not.toHaveProperty('max_completion_tokens');
    expect(body(1)).toMatchObject({ max_completion_tokens: 256 });
    expect(body(1)).not.toHaveProperty('max_tokens');
    expect(body(1)).not.toHaveProperty('temperature');
  });

  it('sends reasoning_effort only to models that take it, unless overridden', async () => {
    server.enqueue(completionReply({}), completionReply({}), completionReply({}), completionReply({}));
    await clientFor({ model: 'o3-mini', reasoningEffort: 'high' }).complete({ messages: MESSAGES });
    await clientFor({ model: 'gpt-4.1-mini', reasoningEffort: 'high' }).complete({ messages: MESSAGES });
    await clientFor({ model: 'my-local-reasoner', reasoningEffort: 'low', sendReasoningEffort: true }).complete({ messages: MESSAGES });
    await clientFor({ model: 'gpt-5', reasoningEffort: 'medium', sendReasoningEffort: false }).complete({ messages: MESSAGES });
    expect(body(0)).toMatchObject({ model: 'o3-mini', reasoning_effort: 'high' });
    expect(body(1)).not.toHaveProperty('reasoning_effort');
    expect(body(2)).toMatchObject({ reasoning_effort: 'low' });
    expect(body(3)).not.toHaveProperty('reasoning_effort');
  });

  it('asks for a JSON schema, and falls back once to no response_format when the endpoint refuses it', async () => {
    const responseFormat = { name: 'proposed_tests', schema: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'], additionalProperties: false } };
    server.enqueue(completionReply({ content: '{"code":"x"}' }));
    server.enqueue(errorReply(400, { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", param: 'response_format' }));
    server.enqueue(completionReply({ content: 'prose with ```json {"code":"y"}```' }));
    const client = clientFor();
    const structured = await client.complete({ messages: MESSAGES, responseFormat });
    expect(structured.structuredOutput).toBe('used');
    expect(body(0)['response_format']).toEqual({ type: 'json_schema', json_schema: { ...responseFormat, strict: true } });

    const fallback = await client.complete({ messages: MESSAGES, responseFormat });
    expect(fallback).toMatchObject({ structuredOutput: 'rejected', attempts: 2, content: 'prose with ```json {"code":"y"}```' });
    expect(body(1)).toHaveProperty('response_format');
    expect(body(2)).not.toHaveProperty('response_format');
    expect(server.requests).toHaveLength(3);

    // The client remembers: the next call does not ask again (a refusal would cost one more request).
    server.enqueue(completionReply({ content: '{"code":"z"}' }));
    const later = await client.complete({ messages: MESSAGES, responseFormat });
    expect(later).toMatchObject({ attempts: 1, content: '{"code":"z"}' });
    expect(body(3)).not.toHaveProperty('response_format');
  });

  it('does not fall back when a 400 is about something else', async () => {
    server.enqueue(errorReply(400, { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", param: 'max_tokens', code: 'unsupported_parameter' }));
    const error = await failure(clientFor({ tokenParam: 'max_tokens' }).complete({ messages: MESSAGES, responseFormat: { name: 'x', schema: { type: 'object' } } }));
    expect(error.failure).toBe('bad-request');
    expect(server.requests).toHaveLength(1);
  });
});

describe('createModelClient: retries by the SDK', () => {
  it('retries a 429 after its Retry-After, then succeeds (attempts 2)', async () => {
    server.enqueue(errorReply(429, { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after': '1' }));
    server.enqueue(completionReply({ content: 'second time' }));
    const seen: number[] = [];
    const reply = await clientFor().complete({ messages: MESSAGES, onAttempt: (n) => seen.push(n) });
    expect(reply).toMatchObject({ content: 'second time', attempts: 2 });
    expect(seen).toEqual([1, 2]);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 429 insufficient_quota at all, and says what to do', async () => {
    server.enqueue(errorReply(429, { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' }));
    server.enqueue(completionReply({}));
    const error = await failure(clientFor({ maxRetries: 2 }).complete({ messages: MESSAGES }));
    expect(error.failure).toBe('insufficient-quota');
    expect(error.attempts).toBe(1);
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/no quota left \(429 insufficient_quota; not retried\): add credit/);
    expect(server.requests).toHaveLength(1);
    expect(server.pending()).toBe(1);
  });

  it('retries a 500, then succeeds', async () => {
    server.enqueue(errorReply(500, { message: 'The server had an error', type: 'server_error' }), completionReply({ content: 'fine' }));
    const reply = await clientFor().complete({ messages: MESSAGES });
    expect(reply).toMatchObject({ content: 'fine', attempts: 2 });
  });

  it('gives up on a persistent 503 after maxRetries + 1 requests', async () => {
    const unavailable = errorReply(503, { message: 'Service Unavailable', type: 'server_error' });
    server.enqueue(unavailable, unavailable, unavailable, completionReply({}));
    const error = await failure(clientFor({ maxRetries: 2 }).complete({ messages: MESSAGES }));
    expect(error).toMatchObject({ failure: 'server-error', attempts: 3, status: 503 });
    expect(error.message).toMatch(/failed with 503 after 3 attempts: try again later, or raise max-retries/);
    expect(server.requests).toHaveLength(3);
  });

  it('keeps rate-limit failures apart from quota ones once retries are used up', async () => {
    const limited = errorReply(429, { message: 'Rate limit reached', code: 'rate_limit_exceeded' }, { 'retry-after-ms': '10' });
    server.enqueue(limited, limited);
    const error = await failure(clientFor({ maxRetries: 1 }).complete({ messages: MESSAGES }));
    expect(error).toMatchObject({ failure: 'rate-limited', attempts: 2 });
  });
});

describe('createModelClient: failing fast with the setting to change', () => {
  it('times out a hung connection and names the request-timeout setting', { timeout: 20_000 }, async () => {
    server.enqueue('hang');
    const error = await failure(clientFor({ timeoutMs: 500, maxRetries: 0 }).complete({ messages: MESSAGES }));
    expect(error).toMatchObject({ failure: 'timeout', attempts: 1 });
    expect(error.message).toMatch(/did not answer within 0.5 s \(1 attempt\): raise the request-timeout-seconds setting/);
    expect(server.requests).toHaveLength(1);
  });

  it('stops a hung call when the caller aborts', { timeout: 20_000 }, async () => {
    server.enqueue('hang');
    const controller = new AbortController();
    const pending = clientFor({ maxRetries: 0 }).complete({ messages: MESSAGES, signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    expect((await failure(pending)).failure).toBe('cancelled');
  });

  it('names the base URL when the connection is refused', async () => {
    const closed = await startModelServer();
    await closed.stop();
    const settings = resolveModelSettings({ provider: 'openai', apiKey: KEY, baseUrl: closed.baseUrl, model: 'gpt-4.1-mini', maxRetries: 0 }, {});
    const error = await failure(createModelClient(settings).complete({ messages: MESSAGES }));
    expect(error.failure).toBe('connection');
    expect(error.message).toContain(`cannot reach the model API at ${closed.baseUrl} (connection refused, 1 attempt): check the base-url setting`);
  });

  it('fails at once on 401 without the key in the message, even when the server echoes it', async () => {
    server.enqueue(errorReply(401, { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' }));
    const error = await failure(clientFor().complete({ messages: MESSAGES }));
    expect(error).toMatchObject({ failure: 'authentication', attempts: 1, status: 401 });
    expect(error.message).toMatch(/rejected the API key \(401\): check the api-key setting \(or the OPENAI_API_KEY secret\)/);
    expect(error.message).toContain('[REDACTED]');
    expect(server.requests).toHaveLength(1);
  });

  it('names the parameter and the setting on a 400 unsupported parameter', async () => {
    server.enqueue(errorReply(400, { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", param: 'max_tokens', code: 'unsupported_parameter' }));
    server.enqueue(errorReply(400, { message: "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported." }));
    server.enqueue(errorReply(400, { message: 'Unrecognized request argument supplied: reasoning_effort' }));
    const first = await failure(clientFor({ tokenParam: 'max_tokens' }).complete({ messages: MESSAGES }));
    expect(first.message).toMatch(/refused the request \(400, unsupported parameter max_tokens\): set token-param to max_completion_tokens/);
    const second = await failure(clientFor({ temperature: 0.2 }).complete({ messages: MESSAGES }));
    expect(second.message).toMatch(/unsupported parameter temperature\): unset the temperature setting/);
    const third = await failure(clientFor({ model: 'o3', reasoningEffort: 'low' }).complete({ messages: MESSAGES }));
    expect(third.message).toMatch(/unsupported parameter reasoning_effort\): set send-reasoning-effort to false/);
    expect(server.requests).toHaveLength(3);
  });

  it('tells a completion cap that is too large from an unsupported one', async () => {
    server.enqueue(errorReply(400, { message: 'max_tokens is too large: 100000. This model supports at most 16384 completion tokens.', param: 'max_tokens', code: 'invalid_value' }));
    const error = await failure(clientFor({ tokenParam: 'max_tokens', maxCompletionTokens: 100_000 }).complete({ messages: MESSAGES }));
    expect(error.message).toMatch(/parameter max_tokens\): lower the max-completion-tokens setting/);
  });

  it('names the model setting on a 404 model not found', async () => {
    server.enqueue(errorReply(404, { message: 'The model `gpt-9-turbo` does not exist or you do not have access to it.', code: 'model_not_found' }));
    const error = await failure(clientFor({ model: 'gpt-9-turbo' }).complete({ messages: MESSAGES }));
    expect(error).toMatchObject({ failure: 'model-not-found', attempts: 1, status: 404 });
    expect(error.message).toMatch(/model "gpt-9-turbo" was not found \(404\) at http:\/\/127\.0\.0\.1:\d+\/v1: check the model setting/);
  });
});

describe('createModelClient: providers', () => {
  it('talks to Azure OpenAI through its deployment path, API version and api-key header', async () => {
    server.enqueue(completionReply({ content: 'azure' }));
    const settings = resolveModelSettings(
      { model: 'gpt-4.1', apiKey: KEY, azure: { endpoint: server.origin, apiVersion: '2024-10-21', deployment: 'tests-dep' } },
      {},
    );
    const reply = await createModelClient(settings).complete({ messages: MESSAGES });
    expect(reply.content).toBe('azure');
    const request = server.requests[0]!;
    expect(request.url).toBe('/openai/deployments/tests-dep/chat/completions?api-version=2024-10-21');
    expect(request.headers['api-key']).toBe(KEY);
    expect(request.headers['authorization']).toBeUndefined();
  });

  it('sends no Authorization header to a compatible server without a key', async () => {
    server.enqueue(completionReply({ content: 'local' }));
    const settings = resolveModelSettings({ model: 'qwen2.5-coder', baseUrl: server.baseUrl }, {});
    const reply = await createModelClient(settings).complete({ messages: MESSAGES });
    expect(reply.content).toBe('local');
    expect(server.requests[0]!.headers['authorization']).toBeUndefined();
    expect(body(0)).toMatchObject({ model: 'qwen2.5-coder', max_tokens: 8192 });
  });

  it('uses the fetch it is given, under the SDK', async () => {
    server.enqueue(completionReply({}));
    const urls: string[] = [];
    const settings = resolveModelSettings({ provider: 'openai', apiKey: KEY, baseUrl: server.baseUrl, model: 'gpt-4.1-mini' }, {});
    const client = createModelClient(settings, {
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    await client.complete({ messages: MESSAGES });
    expect(urls).toEqual([`${server.baseUrl}/chat/completions`]);
  });
});
