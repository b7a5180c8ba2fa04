/**
 * Turns what the `openai` SDK throws into one actionable line (a ModelCallError): what went wrong and
 * which setting to change. The server's own words are quoted, shortened and with secrets redacted;
 * the key itself never appears.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  OpenAIError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from 'openai';
import { GenerationError } from '../errors/errors.js';
import { redactSecrets } from '../report/redact.js';
import { apiKeySource, displayBaseUrl, MODEL_SETTING_NAMES as N, type ModelSettings } from './model-settings.js';

export type ModelFailure =
  | 'authentication'
  | 'permission'
  | 'bad-request'
  | 'model-not-found'
  | 'insufficient-quota'
  | 'rate-limited'
  | 'server-error'
  | 'timeout'
  | 'connection'
  | 'cancelled'
  | 'invalid-response'
  | 'other';

/** A failed model call. `attempts` is how many requests were sent, for the budget to charge. */
export class ModelCallError extends GenerationError {
  constructor(
    message: string,
    readonly failure: ModelFailure,
    readonly attempts: number,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MAX_QUOTED_CHARS = 240;

/** Request parameters a 400 may name, with what to change. */
const PARAMETER_ADVICE: Readonly<Record<string, string>> = {
  max_tokens: `set ${N.tokenParam} to max_completion_tokens`,
  max_completion_tokens: `set ${N.tokenParam} to max_tokens`,
  temperature: `unset the ${N.temperature} setting (this model takes only its default)`,
  reasoning_effort: `set ${N.sendReasoningEffort} to false, or unset ${N.reasoningEffort}`,
  response_format: 'this endpoint does not take structured output (response_format)',
};

/**
 * The ModelCallError for what the SDK threw (or for an unparseable answer); null for anything else,
 * which is a bug and should travel on unchanged.
 */
export function toModelCallError(error: unknown, settings: ModelSettings, attempts: number): ModelCallError | null {
  if (error instanceof ModelCallError) return error;
  if (!(error instanceof OpenAIError) && !(error instanceof SyntaxError)) return null;
  const make = (failure: ModelFailure, message: string, status: number | null = null) =>
    new ModelCallError(message.replace(/\s*\r?\n\s*/g, ' '), failure, attempts, status, { cause: error });
  const where = displayBaseUrl(settings.baseUrl);
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;

  if (error instanceof APIUserAbortError) return make('cancelled', 'the model call was cancelled');
  if (error instanceof APIConnectionTimeoutError) {
    return make('timeout', `the model API at ${where} did not answer within ${settings.timeoutMs / 1000} s (${tries}): raise the ${N.timeoutMs} setting, or check that the server is up and serves model "${settings.model}"`);
  }
  if (error instanceof APIConnectionError) {
    return make('connection', `cannot reach the model API at ${where} (${connectionProblem(error)}, ${tries}): check the ${N.baseUrl} setting (or OPENAI_BASE_URL) and that the server is running`);
  }
  if (error instanceof SyntaxError) {
    return make('invalid-response', `the model API at ${where} answered with invalid JSON: check the ${N.baseUrl} setting points at an OpenAI-compatible API`);
  }
  if (!(error instanceof APIError)) {
    return make('other', `the model call failed before any answer: ${quote(error.message, settings)}`);
  }

  const said = serverSaid(error, settings);
  const status = error.status ?? null;
  if (error instanceof AuthenticationError) {
    return make('authentication', `the model API rejected the API key (401): check ${apiKeySource(settings)}${said}`, status);
  }
  if (error instanceof PermissionDeniedError) {
    return make('permission', `the model API denied access (403) for model "${settings.model}": check that the key in ${apiKeySource(settings)} may use this model${said}`, status);
  }
  if (error instanceof NotFoundError) {
    const deployment = settings.azure ? ` (Azure deployment "${settings.azure.deployment}": check ${N.azureDeployment})` : '';
    return make('model-not-found', `model "${settings.model}" was not found (404) at ${where}${deployment}: check the ${N.model} setting, and that ${N.baseUrl} is the API root (e.g. ending in /v1)${said}`, status);
  }
  if (error instanceof RateLimitError) {
    if (isQuotaError(error)) {
      return make('insufficient-quota', `the model account has no quota left (429 insufficient_quota; not retried): add credit or raise the limit for the key in ${apiKeySource(settings)}, or use another key${said}`, status);
    }
    return make('rate-limited', `the model API kept rate-limiting (429) after ${tries}: lower the concurrency, raise ${N.maxRetries}, or try again later${said}`, status);
  }
  if (error instanceof BadRequestError || error instanceof UnprocessableEntityError) {
    return make('bad-request', `the model API refused the request (${status}${badRequestDetail(error, settings)}${said}`, status);
  }
  if (status !== null && status >= 500) {
    return make('server-error', `the model API failed with ${status} after ${tries}: try again later, or raise ${N.maxRetries}${said}`, status);
  }
  return make('other', `the model API answered ${status ?? 'with an error'}${said}`, status);
}

/** The request parameter a 400 is about: the SDK's `param`, else the first known name in the message. */
export function rejectedParameter(error: APIError): string | null {
  if (typeof error.param === 'string' && error.param) return error.param;
  const text = errorText(error);
  let best: { name: string; index: number } | null = null;
  for (const name of Object.keys(PARAMETER_ADVICE)) {
    const index = text.search(new RegExp(`\\b${name}\\b`));
    if (index !== -1 && (best === null || index < best.index)) best = { name, index };
  }
  return best?.name ?? null;
}

/** A 400 about structured output: the one the client answers by retrying without response_format. */
export function rejectsStructuredOutput(error: unknown): boolean {
  if (!(error instanceof BadRequestError || error instanceof UnprocessableEntityError)) return false;
  const param = rejectedParameter(error);
  if (param === 'response_format' || param?.startsWith('response_format.')) return true;
  return param === null && /response[_ ]format|json[_ ]schema|structured output/i.test(errorText(error));
}

function badRequestDetail(error: APIError, settings: ModelSettings): string {
  if (error.code === 'context_length_exceeded') {
    return `, context length exceeded): send less context or use a model with a larger context window`;
  }
  const param = rejectedParameter(error);
  if (param === null) return `): check the model settings`;
  const tokenCapTooLarge = param === settings.tokenParam && /too large|at most|maximum|exceed/i.test(errorText(error));
  if (tokenCapTooLarge) return `, parameter ${param}): lower the ${N.maxCompletionTokens} setting to what the model allows`;
  const advice = PARAMETER_ADVICE[param] ?? 'check the model settings';
  return `, unsupported parameter ${param}): ${advice}`;
}

function isQuotaError(error: APIError): boolean {
  return error.code === 'insufficient_quota' || error.type === 'insufficient_quota';
}

/** The error body's message (not the SDK's composed one, which starts with the status). */
function errorText(error: APIError): string {
  const body = error.error as Record<string, unknown> | undefined;
  const message = body?.['message'];
  return typeof message === 'string' ? message : error.message;
}

function serverSaid(error: APIError, settings: ModelSettings): string {
  const text = errorText(error).replace(/^\d{3}\s+/, '');
  return text ? ` (server said: ${quote(text, settings)})` : '';
}

function quote(text: string, settings: ModelSettings): string {
  const clean = redactSecrets(text.replace(/\s+/g, ' ').trim(), [settings.apiKey]);
  const short = clean.length > MAX_QUOTED_CHARS ? `${clean.slice(0, MAX_QUOTED_CHARS)}...` : clean;
  return JSON.stringify(short);
}

/** ECONNREFUSED and friends, read from the cause chain of the SDK's connection error. */
function connectionProblem(error: APIConnectionError): string {
  const names: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    UND_ERR_SOCKET: 'connection closed by the server',
  };
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 5 && cause; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return names[code] ?? code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return 'connection failed';
}
