/**
 * Effects: the run's OpenTelemetry traces, when the standard OTEL_EXPORTER_OTLP_* variables ask for
 * them, and nothing at all otherwise (no provider, no exporter, no timer). Spans go out over OTLP/HTTP
 * (JSON bodies) through a batch processor; at the end `shutdown` exports what is left and gives up at
 * a hard deadline (2 s), so a dead or slow collector never delays a run noticeably and never fails it:
 * export errors are swallowed, and at most one line goes to the `debug` callback. Nothing is created
 * at import time; the entry points call the factory with their environment.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { EventListener } from '../events/types.js';
import { NotingExporter } from './noting-exporter.js';
import { describeEndpoint, parseOtlpHeaders, readOtlpSettings, type Env, type OtlpSettings } from './otlp-settings.js';
import { settleWithin } from './settle-within.js';
import { createTraceListener } from './trace-events.js';

/** The longest `shutdown` may take, whatever the collector does. */
export const TELEMETRY_DEADLINE_MS = 2_000;

export interface TelemetryOptions {
  readonly env: Env;
  readonly version: string;
  /** Known secret values, redacted from every string attribute (token shapes always are). */
  readonly secrets?: readonly string[];
  /** Wall clock, epoch milliseconds (default Date.now). */
  readonly now?: () => number;
  readonly deadlineMs?: number;
  /** The exporter for the settings read from `env` (default: OTLP/HTTP with JSON bodies). */
  readonly createExporter?: (settings: OtlpSettings) => SpanExporter;
  /** Receives at most one line in the whole life of the telemetry (why it is off, or how the export went). */
  readonly debug?: (line: string) => void;
}

export interface Telemetry {
  /** Subscribe this to the run's EventBus. */
  readonly listener: EventListener;
  /** Ends open spans and exports what is left; resolves by the deadline whatever happens, never rejects. */
  shutdown(): Promise<void>;
}

export function createTelemetry(options: TelemetryOptions): Telemetry | null {
  const deadlineMs = options.deadlineMs ?? TELEMETRY_DEADLINE_MS;
  const debug = options.debug ?? (() => undefined);
  const choice = readOtlpSettings(options.env, deadlineMs);
  if (choice.kind === 'off') return null;
  if (choice.kind === 'invalid') {
    debug(choice.note);
    return null;
  }
  const { settings } = choice;
  const where = describeEndpoint(settings.url);
  try {
    const exporter = new NotingExporter((options.createExporter ?? otlpHttpExporter)(settings), options.secrets);
    const provider = new TracerProvider({
      resource: resourceFromAttributes({
        ...parseOtlpHeaders(options.env.OTEL_RESOURCE_ATTRIBUTES),
        [ATTR_SERVICE_NAME]: options.env.OTEL_SERVICE_NAME?.trim() || 'testmaster',
        [ATTR_SERVICE_VERSION]: options.version,
      }),
      spanProcessors: [new BatchSpanProcessor({ exporter, exportTimeoutMillis: settings.timeoutMs })],
    });
    const traces = createTraceListener(provider.getTracer('testmaster', options.version), {
      now: options.now ?? Date.now,
      secrets: options.secrets ?? [],
    });
    let closing: Promise<void> | null = null;
    return {
      listener: traces.listener,
      shutdown: () =>
        (closing ??= (async () => {
          traces.endOpenSpans();
          const settled = await settleWithin(Promise.resolve().then(() => provider.shutdown()), deadlineMs);
          if (settled === 'timed-out') debug(`telemetry: ${where} did not answer within ${deadlineMs} ms; spans dropped, the run is unaffected`);
          else if (settled === 'failed' || exporter.failure !== null) debug(`telemetry: export to ${where} failed (${exporter.failure ?? 'no detail'}); spans dropped, the run is unaffected`);
          else debug(`telemetry: ${exporter.exported} span(s) sent to ${where}`);
        })()),
    };
  } catch {
    debug('telemetry off: the exporter could not be set up'); // its message may quote the endpoint
    return null;
  }
}

function otlpHttpExporter(settings: OtlpSettings): SpanExporter {
  return new OTLPTraceExporter({ url: settings.url, headers: { ...settings.headers }, timeoutMillis: settings.timeoutMs });
}
