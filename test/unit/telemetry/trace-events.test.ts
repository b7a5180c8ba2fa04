/**
 * The event stream as spans: a scripted run goes through a real EventBus into the trace listener on a
 * real SDK tracer (in-memory exporter); the span tree, times, attributes and the absence of anything
 * outside the allow-list are checked on what the SDK recorded.
 */
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { SpanKind, SpanStatusCode, type AttributeValue, type HrTime } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/events/bus.js';
import type { PipelineEvent } from '../../../src/events/types.js';
import { createTraceListener } from '../../../src/telemetry/trace-events.js';

const EPOCH = 1_700_000_000_000;
const SECRET = 'sk-proj-abcdefghijklmnopqrstuvwxyz012345';
const KNOWN = 'my-private-key-value-123';
const SOURCE = 'export function add(a, b) { return a + b }';

function harness(secrets: readonly string[] = []) {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  let clock = 0;
  const bus = new EventBus(() => clock);
  const traces = createTraceListener(provider.getTracer('test'), { now: () => EPOCH + clock, secrets });
  bus.subscribe(traces.listener);
  return {
    at: (ms: number, event: PipelineEvent) => {
      clock = ms;
      bus.emit(event);
    },
    traces,
    spans: () => exporter.getFinishedSpans(),
  };
}

const ms = (time: HrTime): number => time[0] * 1000 + time[1] / 1e6;
const idOf = (span: ReadableSpan): string => span.spanContext().spanId;
const children = (spans: readonly ReadableSpan[], parent: ReadableSpan, name?: string): ReadableSpan[] =>
  spans.filter((span) => span.parentSpanContext?.spanId === idOf(parent) && (name === undefined || span.name === name));
const only = <T>(list: readonly T[]): T => {
  expect(list).toHaveLength(1);
  return list[0]!;
};

/** Every string anywhere in the spans: attributes, event attributes, names, status messages. */
function allStrings(spans: readonly ReadableSpan[]): string[] {
  const flat = (value: AttributeValue | undefined): string[] => (Array.isArray(value) ? value.flatMap((v) => flat(v as AttributeValue)) : typeof value === 'string' ? [value] : []);
  return spans.flatMap((span) => [
    span.name,
    span.status.message ?? '',
    ...Object.entries(span.attributes).flatMap(([key, value]) => [key, ...flat(value)]),
    ...span.events.flatMap((event) => [event.name, ...Object.entries(event.attributes ?? {}).flatMap(([key, value]) => [key, ...flat(value)])]),
  ]);
}

function scriptedRun(h: ReturnType<typeof harness>): void {
  h.at(0, { type: 'run-started', repoDir: '/home/alice/secret-project', baseRef: 'main', headRef: 'feature', provider: 'hybrid' });
  h.at(1, { type: 'phase-started', phase: 'diff' });
  h.at(5, { type: 'diff-computed', base: 'a'.repeat(40), head: 'b'.repeat(40), files: 3, skipped: 1 });
  h.at(6, { type: 'phase-completed', phase: 'diff' });
  h.at(7, { type: 'phase-started', phase: 'scope' });
  h.at(8, { type: 'module-skipped', path: 'README.md', reason: `not a module: ${SOURCE} ${SECRET}` });
  h.at(8, { type: 'modules-selected', modules: ['src/a.ts', 'src/b.ts'], packages: [''] });
  h.at(8, { type: 'module-analysis-started', path: 'src/a.ts', packageDir: '' });
  h.at(8, { type: 'module-analysis-started', path: 'src/b.ts', packageDir: '' });
  h.at(10, { type: 'phase-completed', phase: 'scope' });
  h.at(10, { type: 'phase-started', phase: 'head-coverage' });
  h.at(11, { type: 'runner-started', side: 'head', packageDir: '', framework: 'vitest', modules: 2 });
  h.at(60, { type: 'runner-completed', side: 'head', packageDir: '', durationMs: 49, passed: 4, failed: 1, exitCode: 1, timedOut: false });
  h.at(60, { type: 'coverage-measured', side: 'head', path: 'src/a.ts', linesCovered: 3, linesTotal: 9 });
  h.at(60, { type: 'coverage-measured', side: 'head', path: 'src/b.ts', linesCovered: 9, linesTotal: 9 });
  h.at(61, { type: 'phase-completed', phase: 'head-coverage' });
  h.at(61, { type: 'phase-started', phase: 'base-coverage' });
  h.at(62, { type: 'runner-started', side: 'base', packageDir: '', framework: 'vitest', modules: 2 });
  h.at(90, { type: 'runner-completed', side: 'base', packageDir: '', durationMs: 28, passed: 4, failed: 0, exitCode: 0, timedOut: false });
  h.at(91, { type: 'phase-completed', phase: 'base-coverage' });
  h.at(100, { type: 'phase-started', phase: 'generation' });
  // hybrid: the zero-token pass, then the model for what it left
  h.at(101, { type: 'generation-started', path: 'src/a.ts', uncoveredLines: 6 });
  h.at(150, { type: 'probe-finished', path: 'src/a.ts', runs: 2, calls: 5, cases: 3, rejected: 2 });
  h.at(200, { type: 'candidate-validated', path: 'src/a.ts', turn: 1, kept: 3, dropped: 0, verdict: 'kept' });
  h.at(201, { type: 'generation-finished', path: 'src/a.ts', outcome: 'kept', reason: `kept: ${SOURCE}`, kept: 3, costUsd: 0 });
  h.at(202, { type: 'generation-started', path: 'src/a.ts', uncoveredLines: 2 });
  h.at(300, { type: 'model-call', path: 'src/a.ts', label: 'call', attempt: 1, charged: 'actual', inputTokens: 1200, outputTokens: 300, costUsd: 0.002, runCostUsd: 0.002 });
  h.at(400, { type: 'candidate-validated', path: 'src/a.ts', turn: 1, kept: 1, dropped: 1, verdict: 'kept' });
  h.at(401, { type: 'heal-turn', path: 'src/a.ts', turn: 1, failingCases: 1, fileError: false });
  h.at(500, { type: 'model-call', path: 'src/a.ts', label: 'heal-1', attempt: 2, charged: 'actual', inputTokens: 1500, outputTokens: 200, costUsd: 0.003, runCostUsd: 0.005 });
  h.at(600, { type: 'generation-finished', path: 'src/a.ts', outcome: 'kept', reason: null, kept: 2, costUsd: 0.005 });
  h.at(610, { type: 'warning', message: `the existing tests printed ${SECRET} and ${KNOWN}` });
  h.at(700, { type: 'phase-completed', phase: 'generation' });
  h.at(701, { type: 'phase-started', phase: 'report' });
  h.at(702, { type: 'phase-completed', phase: 'report' });
  h.at(703, { type: 'run-completed', files: 2, patchCovered: 12, patchPartial: 1, patchTotal: 18 });
}

describe('createTraceListener', () => {
  it('builds run -> phase -> runner and run -> module -> generation -> model call, timed from the bus', () => {
    const h = harness([KNOWN]);
    scriptedRun(h);
    const spans = h.spans();
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    expect(spans.every((span) => span.ended)).toBe(true);

    const run = only(spans.filter((span) => span.parentSpanContext === undefined));
    expect(run.name).toBe('testmaster.run');
    expect(ms(run.startTime)).toBe(EPOCH);
    expect(ms(run.endTime)).toBe(EPOCH + 703);
    expect(run.status.code).toBe(SpanStatusCode.UNSET);
    expect(run.attributes).toMatchObject({
      'testmaster.provider': 'hybrid',
      'testmaster.base_ref': 'main',
      'testmaster.head_ref': 'feature',
      'testmaster.base_sha': 'a'.repeat(40),
      'testmaster.diff.files': 3,
      'testmaster.modules': 2,
      'testmaster.run.outcome': 'completed',
      'testmaster.patch.covered': 12,
      'testmaster.patch.total': 18,
      'testmaster.run.input_tokens': 2700,
      'testmaster.run.output_tokens': 500,
      'testmaster.run.model_calls': 2,
      'testmaster.run.warnings': 1,
      'testmaster.cost_usd': 0.005,
    });

    const phases = spans.filter((span) => span.name.startsWith('testmaster.phase.'));
    expect(phases.map((span) => span.name)).toEqual(['diff', 'scope', 'head-coverage', 'base-coverage', 'generation', 'report'].map((p) => `testmaster.phase.${p}`));
    expect(phases.every((span) => span.parentSpanContext?.spanId === idOf(run))).toBe(true);
    const head = phases.find((span) => span.name === 'testmaster.phase.head-coverage')!;
    expect([ms(head.startTime), ms(head.endTime)]).toEqual([EPOCH + 10, EPOCH + 61]);
    const headRunner = only(children(spans, head, 'testmaster.runner'));
    expect(headRunner.attributes).toMatchObject({ 'testmaster.runner.side': 'head', 'testmaster.runner.framework': 'vitest', 'testmaster.runner.passed': 4, 'testmaster.runner.failed': 1, 'testmaster.runner.exit_code': 1 });
    expect(only(children(spans, phases.find((span) => span.name === 'testmaster.phase.base-coverage')!, 'testmaster.runner')).attributes['testmaster.runner.side']).toBe('base');

    const modules = children(spans, run, 'testmaster.module');
    expect(modules.map((span) => span.attributes['testmaster.module.path']).sort()).toEqual(['src/a.ts', 'src/b.ts']);
    const a = modules.find((span) => span.attributes['testmaster.module.path'] === 'src/a.ts')!;
    const b = modules.find((span) => span.attributes['testmaster.module.path'] === 'src/b.ts')!;
    expect([ms(a.startTime), ms(a.endTime)]).toEqual([EPOCH + 8, EPOCH + 600]);
    expect([ms(b.startTime), ms(b.endTime)]).toEqual([EPOCH + 8, EPOCH + 60]);
    expect(a.attributes).toMatchObject({ 'testmaster.module.package_dir': '', 'testmaster.generation.outcome': 'kept', 'testmaster.generation.kept': 2 });
    expect(a.events.map((event) => [event.name, event.attributes])).toEqual([
      ['testmaster.coverage', { 'testmaster.coverage.side': 'head', 'testmaster.module.path': 'src/a.ts', 'testmaster.coverage.lines_covered': 3, 'testmaster.coverage.lines_total': 9 }],
    ]);

    const [offline, model] = children(spans, a, 'testmaster.generation');
    expect(children(spans, a, 'testmaster.generation')).toHaveLength(2);
    expect([ms(offline!.startTime), ms(offline!.endTime)]).toEqual([EPOCH + 101, EPOCH + 201]);
    expect(offline!.events.map((event) => event.name)).toEqual(['testmaster.probe', 'testmaster.candidate']);
    expect(offline!.events[0]!.attributes).toEqual({ 'testmaster.probe.runs': 2, 'testmaster.probe.calls': 5, 'testmaster.probe.cases': 3, 'testmaster.probe.rejected': 2 });
    expect(children(spans, offline!, 'testmaster.model_call')).toHaveLength(0);
    expect(model!.events.map((event) => event.name)).toEqual(['testmaster.candidate', 'testmaster.heal_turn']);

    const calls = children(spans, model!, 'testmaster.model_call');
    expect(calls.map((call) => [ms(call.startTime) - EPOCH, ms(call.endTime) - EPOCH])).toEqual([[202, 300], [401, 500]]);
    expect(calls[0]!.kind).toBe(SpanKind.CLIENT);
    expect(calls[1]!.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.usage.input_tokens': 1500,
      'gen_ai.usage.output_tokens': 200,
      'testmaster.module.path': 'src/a.ts',
      'testmaster.model_call.label': 'heal-1',
      'testmaster.model_call.attempt': 2,
      'testmaster.model_call.charged': 'actual',
      'testmaster.cost_usd': 0.003,
      'testmaster.run_cost_usd': 0.005,
    });

    // Warnings and skipped files are events on the run, without their text.
    expect(run.events.map((event) => [event.name, event.attributes])).toEqual([
      ['testmaster.module_skipped', { 'testmaster.module.path': 'README.md' }],
      ['testmaster.warning', {}],
    ]);
  });

  it('puts no message, reason, source text, secret or machine path in any span', () => {
    const h = harness([KNOWN]);
    scriptedRun(h);
    const strings = allStrings(h.spans()).join('\n');
    expect(strings).toContain('src/a.ts'); // the check sees the strings
    for (const forbidden of [SECRET, KNOWN, SOURCE, 'return a + b', '/home/alice', 'secret-project', 'the existing tests printed', 'not a module']) {
      expect(strings).not.toContain(forbidden);
    }
  });

  it('marks a failed run and the phase it failed in as errors, without the message, and closes every open span', () => {
    const h = harness();
    h.at(0, { type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'openai' });
    h.at(10, { type: 'phase-started', phase: 'head-coverage' });
    h.at(11, { type: 'runner-started', side: 'head', packageDir: 'pkg', framework: 'jest', modules: 1 });
    h.at(12, { type: 'generation-started', path: 'pkg/x.ts', uncoveredLines: 1 });
    h.at(20, { type: 'run-failed', message: `model call failed: 401 ${SECRET}` });
    h.at(30, { type: 'warning', message: 'after the end' });
    const spans = h.spans();
    expect(spans).toHaveLength(5);
    const run = only(spans.filter((span) => span.name === 'testmaster.run'));
    expect(run.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(run.attributes['testmaster.run.outcome']).toBe('failed');
    expect(run.events).toHaveLength(0);
    const phase = only(spans.filter((span) => span.name === 'testmaster.phase.head-coverage'));
    expect(phase.status.code).toBe(SpanStatusCode.ERROR);
    expect(ms(only(children(spans, phase, 'testmaster.runner')).endTime)).toBe(EPOCH + 20);
    expect(only(spans.filter((span) => span.name === 'testmaster.generation')).parentSpanContext?.spanId).toBe(idOf(only(spans.filter((span) => span.name === 'testmaster.module'))));
    expect(allStrings(spans).join('\n')).not.toContain('401');
  });

  it('ends a run that never reported its end when asked to, and creates nothing before the first event', () => {
    const h = harness();
    h.traces.endOpenSpans();
    expect(h.spans()).toHaveLength(0);
    h.at(0, { type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'none' });
    h.at(5, { type: 'phase-started', phase: 'diff' });
    expect(h.spans()).toHaveLength(0);
    h.traces.endOpenSpans();
    expect(h.spans().map((span) => span.name).sort()).toEqual(['testmaster.phase.diff', 'testmaster.run']);
    h.traces.endOpenSpans();
    expect(h.spans()).toHaveLength(2);
  });
});
