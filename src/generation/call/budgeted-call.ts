/**
 * One model call under the budget ledger (issue 3, item 6). Every attempt the SDK makes (first try,
 * each retry, the structured-output fallback) passes through the fetch wrapped here, which:
 *   1. reserves the attempt's worst case before anything is sent; refused -> nothing is sent, the
 *      call is cancelled through its abort signal (so the SDK does not retry), and the result says
 *      which limit refused it;
 *   2. after the attempt: a 2xx answer is settled with the usage in its body (no usage: the worst
 *      case is charged); an error status is a failed attempt (4xx: one call, no cost; 5xx: worst case);
 *      no answer at all (timeout, reset) is charged its worst case, as the provider may bill it.
 * The call returns only once every reservation it made is settled or released, so the ledger's totals
 * are final when the caller reads them.
 */
import { countPromptTokens } from '../../budget/count-tokens.js';
import type { BudgetLedger } from '../../budget/ledger.js';
import { isRefusal, type CallRecord, type Refusal, type Reservation } from '../../budget/ledger-types.js';
import { usageFromOpenAi } from '../../budget/openai-usage.js';
import type { Fetch } from '../../model/attempt-fetch.js';
import type { ModelClient, ModelReply } from '../../model/model-client.js';
import { answerKey, type AnswerKeyParts, type AnswerReplay } from './answer-replay.js';

/** What the call is (model, module, label, messages, format, cap: also its replay key), and how it is made. */
export interface BudgetedCallRequest extends AnswerKeyParts {
  readonly client: ModelClient;
  readonly ledger: BudgetLedger;
  readonly signal?: AbortSignal;
  /** Called once per attempt when its charge is known. */
  readonly onCharged?: (record: CallRecord) => void;
  /** Answers of the run being resumed: a recorded answer is returned with no call and no charge (it was charged then). */
  readonly replay?: AnswerReplay;
  /** Called when the answer came from `replay`. */
  readonly onReplayed?: (reply: ModelReply) => void;
}

export type BudgetedCallResult =
  | { readonly kind: 'reply'; readonly reply: ModelReply; readonly promptTokens: number }
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly promptTokens: number };

/** Connection failures that mean nothing reached the provider. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export async function budgetedCall(request: BudgetedCallRequest): Promise<BudgetedCallResult> {
  const { ledger, replay } = request;
  const schemaText = request.responseFormat ? [JSON.stringify(request.responseFormat.schema)] : [];
  const promptTokens = countPromptTokens(request.messages, request.model, { extraText: schemaText });
  const key = replay === undefined ? null : answerKey(request);
  const replayed = key === null ? null : (replay?.find(key) ?? null);
  if (replayed !== null) {
    request.onReplayed?.(replayed);
    return { kind: 'reply', reply: replayed, promptTokens };
  }
  const budgetStop = new AbortController();
  let refusal: Refusal | null = null;
  let attempt = 0;
  const pending: Promise<void>[] = [];
  const record = (entry: CallRecord): void => request.onCharged?.(entry);

  const wrapFetch = (inner: Fetch): Fetch => async (input, init) => {
    attempt += 1;
    const granted = ledger.reserve({
      module: request.module,
      promptTokens,
      maxCompletionTokens: request.maxCompletionTokens,
      label: request.label,
      attempt,
    });
    if (isRefusal(granted)) {
      refusal = granted;
      budgetStop.abort(new Error(granted.refused));
      throw new Error(`budget refused the call: ${granted.refused}`);
    }
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      record(ledger.failAttempt(granted, notSent(error) ? { kind: 'not-sent' } : { kind: 'no-response' }));
      throw error;
    }
    if (!response.ok) {
      record(ledger.failAttempt(granted, { kind: 'http-error', status: response.status }));
      return response;
    }
    pending.push(settleFromBody(ledger, granted, response.clone()).then(record));
    return response;
  };

  const signal = request.signal ? AbortSignal.any([request.signal, budgetStop.signal]) : budgetStop.signal;
  try {
    const reply = await request.client.complete({
      messages: request.messages,
      responseFormat: request.responseFormat,
      maxCompletionTokens: request.maxCompletionTokens,
      signal,
      wrapFetch,
    });
    await Promise.all(pending); // the charge first, so a recorded answer is always a paid one
    if (key !== null) replay?.record(key, reply);
    return { kind: 'reply', reply, promptTokens };
  } catch (error) {
    const refused = refusal as Refusal | null;
    if (refused !== null && !(request.signal?.aborted ?? false)) {
      return { kind: 'refused', refusal: refused, promptTokens };
    }
    throw error;
  } finally {
    await Promise.all(pending);
  }
}

/** Reads the usage from a copy of the body; an unreadable body or no usage charges the worst case. */
async function settleFromBody(ledger: BudgetLedger, reservation: Reservation, copy: Response): Promise<CallRecord> {
  let text: string;
  try {
    text = await copy.text();
  } catch {
    return ledger.failAttempt(reservation, { kind: 'no-response' });
  }
  let usage: unknown = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) usage = (parsed as Record<string, unknown>)['usage'];
  } catch {
    usage = null;
  }
  return ledger.settle(reservation, typeof usage === 'object' && usage !== null ? usageFromOpenAi(usage) : null);
}

function notSent(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && NOT_SENT_CODES.has(cause.code);
}
