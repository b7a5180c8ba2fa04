/**
 * The fetch the SDK calls for every attempt of one model call. It counts attempts (a budget charges
 * each one) and stops the SDK from retrying a 429 `insufficient_quota`: an account without quota
 * does not recover in seconds, yet the SDK retries every 429. The SDK obeys the (non-standard)
 * `x-should-retry` response header, so the answer is passed on with `x-should-retry: false`; the SDK
 * then raises its usual RateLimitError at once, with the body's error code intact. Throwing here
 * instead would look like a connection error to the SDK, which it retries.
 */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface AttemptFetch {
  readonly fetch: Fetch;
  /** Requests sent so far (each retry counts). */
  attempts(): number;
}

/** Larger 429 bodies are not read (an error body is a few hundred bytes). */
const MAX_INSPECTED_BODY_CHARS = 64 * 1024;

export function createAttemptFetch(baseFetch: Fetch, onAttempt?: (attempt: number) => void): AttemptFetch {
  let attempts = 0;
  const fetch: Fetch = async (input, init) => {
    attempts += 1;
    onAttempt?.(attempts);
    const response = await baseFetch(input, init);
    if (response.status !== 429) return response;
    const body = await response.text();
    const headers = new Headers(response.headers);
    // The new body is the decoded text: its old length and encoding no longer apply.
    headers.delete('content-length');
    headers.delete('content-encoding');
    if (isInsufficientQuota(body)) headers.set('x-should-retry', 'false');
    // The body was read: hand the SDK an equivalent response it can read again.
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
  return { fetch, attempts: () => attempts };
}

/** OpenAI's body is `{"error": {"code": "insufficient_quota", ...}}`; some servers put it in `type`. */
export function isInsufficientQuota(body: string): boolean {
  if (body.length > MAX_INSPECTED_BODY_CHARS) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  const error = isRecord(parsed) && isRecord(parsed['error']) ? parsed['error'] : parsed;
  return isRecord(error) && (error['code'] === 'insufficient_quota' || error['type'] === 'insufficient_quota');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
