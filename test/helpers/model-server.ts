/**
 * A real, local OpenAI-compatible HTTP server for tests: it listens on 127.0.0.1 (random port), answers
 * POST .../chat/completions from a script (a queue of replies, one per request), and records every
 * request (method, path, headers, parsed body) for assertions. A reply is a status with headers and a
 * JSON body, optionally after a delay, or 'hang': never answer. With the queue empty it answers 500
 * "script exhausted", so an unexpected extra request shows up in the test.
 *
 * Bounded: stop() cancels pending delays and destroys every open socket (hung ones included), so a
 * test never waits on it.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ScriptedReply =
  | 'hang'
  | {
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      /** Sent as JSON; ignored when rawBody is given. */
      readonly body?: unknown;
      /** Sent as is (e.g. invalid JSON). */
      readonly rawBody?: string;
      /** Wait this long before answering. */
      readonly delayMs?: number;
    };

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body, or the raw text if it is not JSON. */
  readonly body: unknown;
}

export interface ModelServer {
  /** `http://127.0.0.1:<port>/v1` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly requests: readonly RecordedRequest[];
  /** Appends replies to the script. */
  enqueue(...replies: ScriptedReply[]): void;
  /**
   * Answers from the request instead of the queue (e.g. by the module named in the prompt); returning
   * undefined falls back to the queue.
   */
  respondWith(responder: ((request: RecordedRequest) => ScriptedReply | undefined) | null): void;
  /** Replies still queued. */
  pending(): number;
  /** Empties the queue and drops the responder; returns how many replies were left unused. */
  clear(): number;
  stop(): Promise<void>;
}

export async function startModelServer(): Promise<ModelServer> {
  const queue: ScriptedReply[] = [];
  let responder: ((request: RecordedRequest) => ScriptedReply | undefined) | null = null;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    readBody(req).then((text) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: parseJson(text) });
      if (req.method !== 'POST' || !(req.url ?? '').split('?')[0]!.endsWith('/chat/completions')) {
        send(res, { status: 404, body: apiErrorBody(`no route ${req.method} ${req.url}`, 'invalid_request_error') });
        return;
      }
      const recorded = requests[requests.length - 1]!;
      const reply = responder?.(recorded) ?? queue.shift() ?? { status: 500, body: apiErrorBody('model server script exhausted', 'server_error') };
      if (reply === 'hang') return;
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(res, reply);
        }, reply.delayMs);
        timers.add(timer);
      } else {
        send(res, reply);
      }
    }, () => undefined); // the client went away mid-request: nothing to answer
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    respondWith: (next) => {
      responder = next;
    },
    pending: () => queue.length,
    clear: () => {
      responder = null;
      return queue.splice(0).length;
    },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}

/** A chat completion body, as OpenAI sends it. `usage: null` leaves usage out. */
export function chatCompletion(options: {
  content?: string | null;
  refusal?: string | null;
  finishReason?: string;
  usage?: { prompt: number; completion: number } | null;
  model?: string;
}): Record<string, unknown> {
  const usage = options.usage === undefined ? { prompt: 11, completion: 7 } : options.usage;
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: options.model ?? 'test-model',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: options.content === undefined ? 'ok' : options.content, refusal: options.refusal ?? null },
        finish_reason: options.finishReason ?? 'stop',
        logprobs: null,
      },
    ],
    ...(usage ? { usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion } } : {}),
  };
}

/** A successful reply carrying a chat completion. */
export function completionReply(options: Parameters<typeof chatCompletion>[0] = {}): ScriptedReply {
  return { status: 200, body: chatCompletion(options) };
}

/** An error reply in OpenAI's shape: `{ error: { message, type, param, code } }`. */
export function errorReply(
  status: number,
  error: { message: string; type?: string; code?: string | null; param?: string | null },
  headers: Record<string, string> = {},
): ScriptedReply {
  return { status, headers, body: apiErrorBody(error.message, error.type ?? 'invalid_request_error', error.code ?? null, error.param ?? null) };
}

function apiErrorBody(message: string, type: string, code: string | null = null, param: string | null = null): Record<string, unknown> {
  return { error: { message, type, param, code } };
}

function send(res: ServerResponse, reply: Exclude<ScriptedReply, 'hang'>): void {
  if (res.destroyed) return;
  const text = reply.rawBody ?? JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
