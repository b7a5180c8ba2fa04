/**
 * One chat completion through the official `openai` SDK (OpenAI, Azure OpenAI, or any compatible
 * server). The SDK does the retrying (`maxRetries`, Retry-After honoured); there is no second retry
 * loop here. Every request sent is counted (ModelReply.attempts, ModelCallError.attempts, and
 * `onAttempt` as it happens) so a budget can charge each one. Failures are ModelCallErrors with one
 * actionable line; a 429 `insufficient_quota` is never retried (see attempt-fetch.ts).
 *
 * Structured output: with `responseFormat`, the request asks for a JSON schema. If the endpoint
 * refuses that (400 about response_format / json_schema), the call is made once more without it and
 * the reply says so (`structuredOutput: 'rejected'`), so the caller parses prose instead.
 */
import { AzureOpenAI, OpenAI } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { createAttemptFetch, type Fetch } from './attempt-fetch.js';
import { ModelCallError, rejectsStructuredOutput, toModelCallError } from './model-errors.js';
import { displayBaseUrl, MODEL_SETTING_NAMES, type ModelSettings } from './model-settings.js';

export interface ModelMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A JSON schema for structured output (OpenAI's `response_format: { type: 'json_schema' }`). */
export interface JsonSchemaFormat {
  /** [a-zA-Z0-9_-], at most 64 characters. */
  readonly name: string;
  readonly schema: Record<string, unknown>;
  /** Default true: the model must follow the schema exactly (the schema must then allow that). */
  readonly strict?: boolean;
  readonly description?: string;
}

export interface CompleteRequest {
  readonly messages: readonly ModelMessage[];
  readonly responseFormat?: JsonSchemaFormat | null;
  readonly signal?: AbortSignal;
  /** Completion cap for this call; default: the settings' maxCompletionTokens. */
  readonly maxCompletionTokens?: number;
  /** Called before each request is sent (1, 2, ...), retries included. */
  readonly onAttempt?: (attempt: number) => void;
  /**
   * Wraps the fetch used for this call's attempts (under the attempt counter), e.g. to reserve and
   * settle a budget per attempt. It sees every request and the raw response.
   */
  readonly wrapFetch?: (fetch: Fetch) => Fetch;
}

export interface ModelUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface ModelReply {
  /** '' when the model sent no text (see finishReason and refusal). */
  readonly content: string;
  readonly refusal: string | null;
  /** 'stop', 'length' (truncated), 'content_filter'...; null if the server sent none. */
  readonly finishReason: string | null;
  /** null when the server reported no usage (charge the worst case). */
  readonly usage: ModelUsage | null;
  /** Requests sent for this call, retries and the structured-output fallback included. */
  readonly attempts: number;
  /** The model that answered, as the server names it (else the configured one). */
  readonly model: string;
  /** 'used': asked for a JSON schema; 'rejected': the endpoint refused it, answered without; 'not-requested'. */
  readonly structuredOutput: 'used' | 'rejected' | 'not-requested';
}

export interface ModelClient {
  complete(request: CompleteRequest): Promise<ModelReply>;
}

export interface ModelClientDeps {
  /** The fetch under the SDK (default: global fetch). */
  readonly fetch?: Fetch;
}

export function createModelClient(settings: ModelSettings, deps: ModelClientDeps = {}): ModelClient {
  const baseFetch: Fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // Once the endpoint refused structured output, later calls do not ask again (each refusal is a request).
  let schemaRejected = false;
  return {
    async complete(request) {
      const counter = createAttemptFetch(request.wrapFetch ? request.wrapFetch(baseFetch) : baseFetch, request.onAttempt);
      const sdk = createSdkClient(settings, counter.fetch);
      const wantsSchema = request.responseFormat != null && !schemaRejected;
      try {
        let completion: ChatCompletion;
        let structuredOutput: ModelReply['structuredOutput'] = wantsSchema ? 'used' : 'not-requested';
        try {
          completion = await sdk.chat.completions.create(requestBody(settings, request, wantsSchema), { signal: request.signal });
        } catch (error) {
          if (!wantsSchema || !rejectsStructuredOutput(error)) throw error;
          structuredOutput = 'rejected';
          schemaRejected = true;
          completion = await sdk.chat.completions.create(requestBody(settings, request, false), { signal: request.signal });
        }
        return toReply(completion, settings, counter.attempts(), structuredOutput);
      } catch (error) {
        throw toModelCallError(error, settings, counter.attempts()) ?? error;
      }
    },
  };
}

/** A client per call, so its fetch counts that call's attempts alone (construction is cheap). */
function createSdkClient(settings: ModelSettings, fetch: Fetch): OpenAI {
  const common = { timeout: settings.timeoutMs, maxRetries: settings.maxRetries, fetch };
  if (settings.azure) {
    return new AzureOpenAI({ ...common, apiKey: settings.apiKey, baseURL: settings.baseUrl, apiVersion: settings.azure.apiVersion, deployment: settings.azure.deployment });
  }
  // The SDK insists on a key; a compatible server without one gets no Authorization header at all.
  const noKey = settings.apiKey === '';
  return new OpenAI({
    ...common,
    apiKey: noKey ? 'no-key' : settings.apiKey,
    baseURL: settings.baseUrl,
    ...(noKey ? { defaultHeaders: { Authorization: null } } : {}),
  });
}

/** Exported for tests and for the budget's pre-check: exactly what is sent. */
export function requestBody(settings: ModelSettings, request: CompleteRequest, withSchema: boolean): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: settings.azure ? settings.azure.deployment : settings.model,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
  };
  body[settings.tokenParam] = request.maxCompletionTokens ?? settings.maxCompletionTokens;
  if (settings.temperature !== null) body.temperature = settings.temperature;
  if (settings.sendReasoningEffort && settings.reasoningEffort !== null) body.reasoning_effort = settings.reasoningEffort;
  const format = request.responseFormat;
  if (withSchema && format) {
    body.response_format = {
      type: 'json_schema',
      json_schema: {
        name: format.name,
        schema: format.schema,
        strict: format.strict ?? true,
        ...(format.description ? { description: format.description } : {}),
      },
    };
  }
  return body;
}

function toReply(completion: unknown, settings: ModelSettings, attempts: number, structuredOutput: ModelReply['structuredOutput']): ModelReply {
  const choice = isRecord(completion) && Array.isArray(completion['choices']) ? (completion['choices'][0] as unknown) : undefined;
  const message = isRecord(choice) ? choice['message'] : undefined;
  if (!isRecord(choice) || !isRecord(message)) {
    throw new ModelCallError(
      `the model API at ${displayBaseUrl(settings.baseUrl)} answered without a chat completion choice: check the ${MODEL_SETTING_NAMES.baseUrl} setting points at an OpenAI-compatible API`,
      'invalid-response',
      attempts,
      200,
    );
  }
  const record = completion as Record<string, unknown>;
  return {
    content: typeof message['content'] === 'string' ? message['content'] : '',
    refusal: typeof message['refusal'] === 'string' && message['refusal'] !== '' ? message['refusal'] : null,
    finishReason: typeof choice['finish_reason'] === 'string' ? choice['finish_reason'] : null,
    usage: readUsage(record['usage']),
    attempts,
    model: typeof record['model'] === 'string' && record['model'] !== '' ? record['model'] : settings.model,
    structuredOutput,
  };
}

function readUsage(usage: unknown): ModelUsage | null {
  if (!isRecord(usage)) return null;
  const prompt = usage['prompt_tokens'];
  const completion = usage['completion_tokens'];
  const valid = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  return valid(prompt) && valid(completion) ? { promptTokens: prompt, completionTokens: completion } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
