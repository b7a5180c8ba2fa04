/**
 * An event-stream consumer that turns the pipeline's events into spans on the tracer it is given:
 *
 *   testmaster.run                       run-started .. run-completed / run-failed
 *   ├─ testmaster.phase.<phase>          phase-started .. phase-completed
 *   │  └─ testmaster.runner              runner-started .. runner-completed (under its coverage phase)
 *   └─ testmaster.module                 first .. last event about the module
 *      └─ testmaster.generation          generation-started .. generation-finished (twice in hybrid)
 *         └─ testmaster.model_call       one per model request (attempt)
 *
 * Probes, candidates, healing turns and coverage figures are span events; warnings and skipped files
 * are events on the run span. A model call is reported once it is over, so its span covers the time
 * since the module's previous event: the call took at most that long. Times are the bus's `atMs` on
 * the clock given, so spans line up with the report's timeline. Attributes come only from the
 * allow-list in event-attributes.ts.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { EventListener, Phase, TimelineEvent } from '../events/types.js';
import { redactSecrets } from '../report/redact.js';
import { ATTR, eventAttributes } from './event-attributes.js';

const SPAN_EVENT_NAMES = {
  'coverage-measured': 'testmaster.coverage',
  'heal-turn': 'testmaster.heal_turn',
  'probe-finished': 'testmaster.probe',
  'candidate-validated': 'testmaster.candidate',
} as const;

export interface TraceListener {
  readonly listener: EventListener;
  /** Ends whatever is still open (a run that never reported its end), at the clock's time. */
  endOpenSpans(): void;
}

interface Timed {
  readonly span: Span;
  lastAt: number;
}

export function createTraceListener(tracer: Tracer, options: { readonly now: () => number; readonly secrets?: readonly string[] }): TraceListener {
  const secrets = options.secrets ?? [];
  let origin: number | null = null;
  let run: { span: Span; context: Context } | null = null;
  let finished = false;
  const phases = new Map<Phase, Span>();
  const modules = new Map<string, Timed>();
  const generations = new Map<string, Timed>();
  const runners = new Map<string, Span>();
  const totals = { inputTokens: 0, outputTokens: 0, modelCalls: 0, warnings: 0, costUsd: 0 };

  const timeOf = (event: TimelineEvent): number => {
    origin ??= options.now() - event.atMs;
    return origin + event.atMs;
  };
  const under = (parent: Span): Context => trace.setSpan(ROOT_CONTEXT, parent);

  const ensureRun = (at: number): { span: Span; context: Context } => {
    if (run === null) {
      const span = tracer.startSpan('testmaster.run', { kind: SpanKind.INTERNAL, startTime: at }, ROOT_CONTEXT);
      run = { span, context: under(span) };
    }
    return run;
  };

  const ensureModule = (path: string, at: number): Timed => {
    let module = modules.get(path);
    if (module === undefined) {
      const attributes = { [ATTR.modulePath]: redactSecrets(path, secrets) };
      const span = tracer.startSpan('testmaster.module', { startTime: at, attributes }, ensureRun(at).context);
      module = { span, lastAt: at };
      modules.set(path, module);
    }
    return module;
  };

  /** The innermost open span of a module: its generation, else the module itself. */
  const scopeOf = (path: string, at: number): Timed => {
    const module = ensureModule(path, at);
    return generations.get(path) ?? module;
  };

  /** Records that something happened to the module at `at`. */
  const touch = (path: string, at: number): void => {
    for (const timed of [modules.get(path), generations.get(path)]) if (timed) timed.lastAt = Math.max(timed.lastAt, at);
  };

  const endRun = (at: number, failed: boolean): void => {
    if (run === null) return;
    for (const span of runners.values()) span.end(at);
    runners.clear();
    for (const generation of generations.values()) generation.span.end(at);
    generations.clear();
    for (const span of phases.values()) {
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end(at);
    }
    phases.clear();
    for (const module of modules.values()) module.span.end(module.lastAt);
    modules.clear();
    run.span.setAttributes({
      [ATTR.runInputTokens]: totals.inputTokens,
      [ATTR.runOutputTokens]: totals.outputTokens,
      [ATTR.runModelCalls]: totals.modelCalls,
      [ATTR.runWarnings]: totals.warnings,
      [ATTR.costUsd]: totals.costUsd,
    });
    if (failed) run.span.setStatus({ code: SpanStatusCode.ERROR });
    run.span.end(at);
    finished = true;
  };

  const listener: EventListener = (event) => {
    if (finished) return;
    const at = timeOf(event);
    const attributes = eventAttributes(event, secrets);
    switch (event.type) {
      case 'run-started':
      case 'diff-computed':
      case 'modules-selected':
        ensureRun(at).span.setAttributes(attributes);
        return;
      case 'phase-started':
        phases.get(event.phase)?.end(at);
        phases.set(event.phase, tracer.startSpan(`testmaster.phase.${event.phase}`, { startTime: at, attributes }, ensureRun(at).context));
        return;
      case 'phase-completed':
        phases.get(event.phase)?.end(at);
        phases.delete(event.phase);
        return;
      case 'module-analysis-started':
        ensureModule(event.path, at).span.setAttributes(attributes);
        touch(event.path, at);
        return;
      case 'runner-started': {
        const key = `${event.side}\0${event.packageDir}`;
        runners.get(key)?.end(at);
        const phase = phases.get(event.side === 'head' ? 'head-coverage' : 'base-coverage');
        runners.set(key, tracer.startSpan('testmaster.runner', { startTime: at, attributes }, phase ? under(phase) : ensureRun(at).context));
        return;
      }
      case 'runner-completed': {
        const key = `${event.side}\0${event.packageDir}`;
        const span = runners.get(key);
        if (span === undefined) return;
        span.setAttributes(attributes);
        span.end(at);
        runners.delete(key);
        return;
      }
      case 'generation-started': {
        const module = ensureModule(event.path, at);
        generations.get(event.path)?.span.end(at);
        generations.set(event.path, { span: tracer.startSpan('testmaster.generation', { startTime: at, attributes }, under(module.span)), lastAt: at });
        touch(event.path, at);
        return;
      }
      case 'model-call': {
        // Reported once over: the call began after the previous event in its scope.
        const scope = scopeOf(event.path, at);
        tracer.startSpan('testmaster.model_call', { kind: SpanKind.CLIENT, startTime: scope.lastAt, attributes }, under(scope.span)).end(at);
        touch(event.path, at);
        totals.inputTokens += event.inputTokens;
        totals.outputTokens += event.outputTokens;
        totals.modelCalls += 1;
        totals.costUsd = Math.max(totals.costUsd, event.runCostUsd);
        return;
      }
      case 'coverage-measured':
      case 'heal-turn':
      case 'probe-finished':
      case 'candidate-validated':
        scopeOf(event.path, at).span.addEvent(SPAN_EVENT_NAMES[event.type], attributes, at);
        touch(event.path, at);
        return;
      case 'generation-finished': {
        touch(event.path, at);
        scopeOf(event.path, at);
        modules.get(event.path)?.span.setAttributes(attributes);
        const generation = generations.get(event.path);
        if (generation === undefined) return;
        generation.span.setAttributes(attributes);
        generation.span.end(at);
        generations.delete(event.path);
        return;
      }
      case 'module-skipped':
        ensureRun(at).span.addEvent('testmaster.module_skipped', attributes, at);
        return;
      case 'model-call-replayed':
      case 'module-reused':
        scopeOf(event.path, at).span.addEvent(event.type === 'module-reused' ? 'testmaster.module_reused' : 'testmaster.model_call_replayed', attributes, at);
        touch(event.path, at);
        return;
      case 'run-resumed':
      case 'run-interrupted':
        ensureRun(at).span.addEvent(event.type === 'run-resumed' ? 'testmaster.run_resumed' : 'testmaster.run_interrupted', attributes, at);
        return;
      case 'warning':
        totals.warnings += 1;
        ensureRun(at).span.addEvent('testmaster.warning', attributes, at);
        return;
      case 'run-completed':
      case 'run-failed':
        ensureRun(at).span.setAttributes(attributes);
        endRun(at, event.type === 'run-failed');
        return;
    }
  };

  return {
    listener,
    endOpenSpans: () => {
      if (!finished) endRun(options.now(), true);
    },
  };
}
