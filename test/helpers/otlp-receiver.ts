/**
 * A real, local OTLP/HTTP trace receiver for tests: it listens on 127.0.0.1 (random port), accepts
 * POST /v1/traces with a JSON body (what @opentelemetry/exporter-trace-otlp-http sends, Content-Type
 * application/json, gzip when asked for), decodes the OTLP JSON into flat spans (ids in hex, attribute
 * values as plain JS values) and records every request's headers. Anything else (protobuf, another
 * path, bad JSON) is answered 415/404/400 and counted in `rejected`.
 *
 * Modes: 'answer' (200 with an empty ExportTraceServiceResponse) or 'hang' (reads the request, never
 * answers: a collector that is up but stuck). stop() destroys every open socket, so a test never waits.
 * `closedPort()` gives a port nothing listens on: a collector that is down.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

export type AttributeValue = string | number | boolean | null | readonly AttributeValue[];

export interface ReceivedEvent {
  readonly name: string;
  readonly timeUnixNano: bigint;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Empty for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly events: readonly ReceivedEvent[];
  /** 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly resource: Readonly<Record<string, AttributeValue>>;
  readonly scope: string;
}

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly spans: number;
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>`: the value for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly endpoint: string;
  readonly spans: readonly ReceivedSpan[];
  readonly requests: readonly ReceivedRequest[];
  /** Requests that were not OTLP/JSON traces, with the reason. */
  readonly rejected: readonly string[];
  stop(): Promise<void>;
}

export async function startOtlpReceiver(mode: 'answer' | 'hang' = 'answer'): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const requests: ReceivedRequest[] = [];
  const rejected: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reject = (status: number, reason: string): void => {
        rejected.push(reason);
        response.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
      };
      if (request.method !== 'POST' || request.url !== '/v1/traces') return reject(404, `${request.method} ${request.url}`);
      const type = request.headers['content-type'] ?? '';
      if (!type.startsWith('application/json')) return reject(415, `content-type ${type}`);
      let decoded: ReceivedSpan[];
      try {
        const raw = Buffer.concat(chunks);
        const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        decoded = decodeTraces(JSON.parse(body.toString('utf8')));
      } catch (error) {
        return reject(400, `bad body: ${String(error)}`);
      }
      spans.push(...decoded);
      requests.push({ path: request.url, headers: request.headers, spans: decoded.length });
      if (mode === 'answer') response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    requests,
    rejected,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that was free a moment ago and that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The parent/child view of what was received: children of a span, by name. */
export function childrenOf(spans: readonly ReceivedSpan[], parent: ReceivedSpan, name?: string): ReceivedSpan[] {
  return spans.filter((span) => span.parentSpanId === parent.spanId && span.traceId === parent.traceId && (name === undefined || span.name === name));
}

interface JsonAnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: JsonAnyValue[] };
}
interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}
interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: JsonKeyValue[];
  events?: { name: string; timeUnixNano: string | number; attributes?: JsonKeyValue[] }[];
  status?: { code?: number; message?: string };
}
interface JsonTraces {
  resourceSpans?: { resource?: { attributes?: JsonKeyValue[] }; scopeSpans?: { scope?: { name?: string }; spans?: JsonSpan[] }[] }[];
}

function decodeTraces(body: JsonTraces): ReceivedSpan[] {
  if (!Array.isArray(body.resourceSpans)) throw new Error('no resourceSpans');
  const out: ReceivedSpan[] = [];
  for (const resourceSpans of body.resourceSpans) {
    const resource = decodeAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        out.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          kind: span.kind,
          startTimeUnixNano: BigInt(span.startTimeUnixNano),
          endTimeUnixNano: BigInt(span.endTimeUnixNano),
          attributes: decodeAttributes(span.attributes),
          events: (span.events ?? []).map((event) => ({ name: event.name, timeUnixNano: BigInt(event.timeUnixNano), attributes: decodeAttributes(event.attributes) })),
          statusCode: span.status?.code ?? 0,
          statusMessage: span.status?.message ?? '',
          resource,
          scope: scopeSpans.scope?.name ?? '',
        });
      }
    }
  }
  return out;
}

function decodeAttributes(list: readonly JsonKeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map((entry) => [entry.key, decodeValue(entry.value)]));
}

function decodeValue(value: JsonAnyValue): AttributeValue {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(decodeValue);
  return null;
}
