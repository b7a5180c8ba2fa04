/**
 * The telemetry factory: nothing at all without the OTLP variables; with them, spans reach a real
 * local OTLP/HTTP receiver through the real exporter (JSON, the configured headers); a collector that
 * is down or never answers costs at most the deadline and one debug line, and never an error.
 */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../src/events/bus.js';
import { createTelemetry, TELEMETRY_DEADLINE_MS } from '../../../src/telemetry/create-telemetry.js';
import { childrenOf, closedPort, startOtlpReceiver, type OtlpReceiver } from '../../helpers/otlp-receiver.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const stop of stops.splice(0)) await stop();
});

async function receiver(mode: 'answer' | 'hang' = 'answer'): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver(mode);
  stops.push(() => started.stop());
  return started;
}

function shortRun(bus: EventBus): void {
  bus.emit({ type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'offline' });
  bus.emit({ type: 'phase-started', phase: 'generation' });
  bus.emit({ type: 'generation-started', path: 'src/money.ts', uncoveredLines: 3 });
  bus.emit({ type: 'generation-finished', path: 'src/money.ts', outcome: 'kept', reason: null, kept: 2, costUsd: 0 });
  bus.emit({ type: 'phase-completed', phase: 'generation' });
  bus.emit({ type: 'run-completed', files: 1, patchCovered: 3, patchPartial: 0, patchTotal: 3 });
}

/** An exporter stub for the boundary: accepts every export at once and never finishes shutting down. */
function exporterThatNeverShutsDown(): SpanExporter & { exported: ReadableSpan[] } {
  const exported: ReadableSpan[] = [];
  return {
    exported,
    export: (spans, done) => {
      exported.push(...spans);
      done({ code: 0 });
    },
    shutdown: () => new Promise<void>(() => undefined),
  };
}

describe('createTelemetry', () => {
  it('creates nothing without an endpoint, when disabled, or with a bad endpoint (one debug line)', () => {
    let exporters = 0;
    const createExporter = (): SpanExporter => {
      exporters += 1;
      return exporterThatNeverShutsDown();
    };
    const lines: string[] = [];
    const debug = (line: string): number => lines.push(line);
    expect(createTelemetry({ env: {}, version: '1', createExporter, debug })).toBeNull();
    expect(createTelemetry({ env: { OTEL_EXPORTER_OTLP_HEADERS: 'k=v', OTEL_SERVICE_NAME: 'x' }, version: '1', createExporter, debug })).toBeNull();
    expect(createTelemetry({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_SDK_DISABLED: 'true' }, version: '1', createExporter, debug })).toBeNull();
    expect(lines).toEqual([]);
    expect(createTelemetry({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://user:hunter2@host' }, version: '1', createExporter, debug })).toBeNull();
    expect(lines).toEqual(['telemetry off: OTEL_EXPORTER_OTLP_ENDPOINT is not an http(s) URL']);
    expect(exporters).toBe(0);
  });

  it('sends the run as OTLP/HTTP JSON to the collector, with the configured headers and resource', async () => {
    const collector = await receiver();
    const lines: string[] = [];
    const telemetry = createTelemetry({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=collector-secret-value', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=ci' },
      version: '9.9.9',
      debug: (line) => lines.push(line),
    });
    expect(telemetry).not.toBeNull();
    const bus = new EventBus();
    bus.subscribe(telemetry!.listener);
    shortRun(bus);
    await telemetry!.shutdown();
    await telemetry!.shutdown(); // idempotent: no second export, no second line

    expect(collector.rejected).toEqual([]);
    expect(collector.requests.length).toBeGreaterThan(0);
    for (const request of collector.requests) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-api-key']).toBe('collector-secret-value');
    }
    const run = collector.spans.find((span) => span.name === 'testmaster.run')!;
    expect(run.parentSpanId).toBe('');
    expect(run.resource).toMatchObject({ 'service.name': 'testmaster', 'service.version': '9.9.9', 'deployment.environment': 'ci' });
    expect(run.scope).toBe('testmaster');
    expect(run.attributes).toMatchObject({ 'testmaster.provider': 'offline', 'testmaster.run.outcome': 'completed', 'testmaster.patch.total': 3 });
    const module = childrenOf(collector.spans, run, 'testmaster.module')[0]!;
    expect(module.attributes['testmaster.module.path']).toBe('src/money.ts');
    expect(childrenOf(collector.spans, module, 'testmaster.generation')[0]!.attributes).toMatchObject({ 'testmaster.generation.outcome': 'kept', 'testmaster.generation.kept': 2 });
    expect(childrenOf(collector.spans, run, 'testmaster.phase.generation')).toHaveLength(1);
    expect(lines).toEqual([`telemetry: ${collector.spans.length} span(s) sent to ${collector.endpoint}`]);
    expect(lines.join('\n')).not.toContain('collector-secret-value');
  });

  it('gives up at the deadline when the exporter never finishes, with one debug line', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const exporter = exporterThatNeverShutsDown();
    const lines: string[] = [];
    const telemetry = createTelemetry({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, version: '1', createExporter: () => exporter, debug: (line) => lines.push(line) })!;
    const bus = new EventBus();
    bus.subscribe(telemetry.listener);
    shortRun(bus);
    let finished = false;
    const closing = telemetry.shutdown().then(() => (finished = true));
    await vi.advanceTimersByTimeAsync(TELEMETRY_DEADLINE_MS - 1);
    expect(finished).toBe(false);
    expect(exporter.exported.map((span) => span.name)).toContain('testmaster.run'); // the flush itself went out
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    expect(finished).toBe(true);
    expect(lines).toEqual([`telemetry: http://127.0.0.1:4318 did not answer within ${TELEMETRY_DEADLINE_MS} ms; spans dropped, the run is unaffected`]);
  });

  it('swallows a collector that is down: shutdown resolves, one debug line names the failure', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    const telemetry = createTelemetry({ env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${port}/v1/traces` }, version: '1', deadlineMs: 500, debug: (line) => lines.push(line) })!;
    const bus = new EventBus();
    bus.subscribe(telemetry.listener);
    shortRun(bus);
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^telemetry: (export to http://127\\.0\\.0\\.1:${port} failed \\(.*ECONNREFUSED.*\\)|http://127\\.0\\.0\\.1:${port} did not answer within 500 ms); spans dropped, the run is unaffected$`));
  });

  it('swallows a collector that never answers: the request is cut off, shutdown resolves, one debug line', async () => {
    const collector = await receiver('hang');
    const lines: string[] = [];
    const telemetry = createTelemetry({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_EXPORTER_OTLP_TIMEOUT: '600000' }, version: '1', deadlineMs: 500, debug: (line) => lines.push(line) })!;
    const bus = new EventBus();
    bus.subscribe(telemetry.listener);
    shortRun(bus);
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
    expect(collector.spans.some((span) => span.name === 'testmaster.run')).toBe(true); // it did try
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^telemetry: (export to .* failed \(.*\)|.* did not answer within 500 ms); spans dropped, the run is unaffected$/);
  });
});
