/**
 * What a failed attempt costs, the rule BudgetLedger.failAttempt applies:
 *
 * - Nothing was sent (refused locally, connection refused, DNS failure): release. The provider saw
 *   nothing, so it bills nothing, and it is not a call: max-llm-calls does not count it.
 * - The provider answered 4xx (429 rate limit or insufficient_quota, 400 bad parameter, 401, 403,
 *   404 model not found, 408, 413, 422...): rejected. The request was refused before any generation,
 *   and providers do not bill refused requests: no dollars, no tokens. It was sent, though, so it
 *   counts as one call (each SDK retry of a 429 is one more).
 * - The provider answered 5xx, or nothing came back after the request left (timeout, connection
 *   reset, abort mid-flight): charge the worst case. The model may have run, the provider may bill
 *   it, and no usage figure will ever tell us how much.
 */
import type { AttemptFailure } from './ledger-types.js';

export type FailedAttemptCharge = 'release' | 'rejected' | 'worst-case';

export function chargeForFailedAttempt(failure: AttemptFailure): FailedAttemptCharge {
  switch (failure.kind) {
    case 'not-sent':
      return 'release';
    case 'http-error':
      return failure.status >= 400 && failure.status < 500 ? 'rejected' : 'worst-case';
    case 'no-response':
      return 'worst-case';
  }
}
