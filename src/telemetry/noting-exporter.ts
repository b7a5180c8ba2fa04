/**
 * A span exporter that passes everything to another one and remembers the first failed export, in
 * one short redacted line (never the request's headers or body), for the one debug line telemetry
 * may print at the end.
 */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { redactSecrets } from '../report/redact.js';

type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];

/** ExportResultCode.SUCCESS in @opentelemetry/core. */
const SUCCESS = 0;

export class NotingExporter implements SpanExporter {
  #failure: string | null = null;
  #exported = 0;
  readonly #inner: SpanExporter;
  readonly #secrets: readonly string[];

  constructor(inner: SpanExporter, secrets: readonly string[] = []) {
    this.#inner = inner;
    this.#secrets = secrets;
  }

  /** The first failed export, described in one line, or null. */
  get failure(): string | null {
    return this.#failure;
  }

  /** Spans the collector accepted. */
  get exported(): number {
    return this.#exported;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.#inner.export(spans, (result) => {
      if (result.code === SUCCESS) this.#exported += spans.length;
      else this.#failure ??= this.#describe(result.error);
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.#inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush?.() ?? Promise.resolve();
  }

  #describe(error: Error | undefined): string {
    const code = error && 'code' in error && typeof error.code === 'string' ? ` ${error.code}` : '';
    const message = error?.message.split('\n')[0]?.trim() || 'no detail';
    return redactSecrets(`${message}${code && !message.includes(code.trim()) ? code : ''}`, this.#secrets).slice(0, 160);
  }
}
