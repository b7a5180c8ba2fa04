import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAttemptFetch, isInsufficientQuota } from '../../../src/model/attempt-fetch.js';
import { errorReply, startModelServer, type ModelServer } from '../../helpers/model-server.js';

describe('isInsufficientQuota', () => {
  it.each([
    ['{"error":{"code":"insufficient_quota","type":"insufficient_quota"}}', true],
    ['{"error":{"code":null,"type":"insufficient_quota"}}', true],
    ['{"code":"insufficient_quota"}', true],
    ['{"error":{"code":"rate_limit_exceeded","type":"requests"}}', false],
    ['Too Many Requests', false],
    ['', false],
  ])('%s -> %s', (body, expected) => {
    expect(isInsufficientQuota(body)).toBe(expected);
  });
});

describe('createAttemptFetch', () => {
  let server: ModelServer;
  beforeEach(async () => {
    server = await startModelServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('counts requests and marks only a quota 429 as not to be retried, keeping its body', async () => {
    server.enqueue(
      errorReply(429, { message: 'quota', code: 'insufficient_quota' }, { 'retry-after': '20' }),
      errorReply(429, { message: 'slow down', code: 'rate_limit_exceeded' }),
    );
    const seen: number[] = [];
    const counter = createAttemptFetch((input, init) => fetch(input, init), (n) => seen.push(n));
    const url = `${server.baseUrl}/chat/completions`;
    const quota = await counter.fetch(url, { method: 'POST', body: '{}' });
    expect(quota.status).toBe(429);
    expect(quota.headers.get('x-should-retry')).toBe('false');
    expect(quota.headers.get('retry-after')).toBe('20');
    expect(await quota.json()).toMatchObject({ error: { code: 'insufficient_quota' } });
    const limited = await counter.fetch(url, { method: 'POST', body: '{}' });
    expect(limited.headers.get('x-should-retry')).toBeNull();
    expect(await limited.json()).toMatchObject({ error: { message: 'slow down' } });
    expect(counter.attempts()).toBe(2);
    expect(seen).toEqual([1, 2]);
  });
});
