import { describe, expect, it } from 'vitest';
import type { PipelineEvent, PipelineEventType } from '../../../src/events/types.js';
import { eventAttributes } from '../../../src/telemetry/event-attributes.js';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const KNOWN = 'corporate-secret-42';
const TEXT = `const password = "${KNOWN}"; // ${TOKEN}`;

/** One event of each type, with secrets and source text in every string field. */
const EVENTS: readonly PipelineEvent[] = [
  { type: 'run-started', repoDir: `/home/${KNOWN}`, baseRef: `main-${TOKEN}`, headRef: `feature-${KNOWN}`, provider: 'openai' },
  { type: 'phase-started', phase: 'diff', detail: TEXT },
  { type: 'phase-completed', phase: 'diff', detail: TEXT },
  { type: 'diff-computed', base: 'a'.repeat(40), head: 'b'.repeat(40), files: 1, skipped: 0 },
  { type: 'modules-selected', modules: [TEXT], packages: [TEXT] },
  { type: 'module-analysis-started', path: `src/${KNOWN}.ts`, packageDir: '' },
  { type: 'runner-started', side: 'head', packageDir: '', framework: 'vitest', modules: 1 },
  { type: 'runner-completed', side: 'head', packageDir: '', durationMs: 5, passed: 1, failed: 0, exitCode: null, timedOut: true },
  { type: 'coverage-measured', side: 'base', path: 'src/a.ts', linesCovered: 1, linesTotal: 2 },
  { type: 'module-skipped', path: 'src/a.ts', reason: TEXT },
  { type: 'generation-started', path: 'src/a.ts', uncoveredLines: 2 },
  { type: 'model-call', path: 'src/a.ts', label: 'repair', attempt: 1, charged: 'actual', inputTokens: 1, outputTokens: 2, costUsd: 0.1, runCostUsd: 0.2 },
  { type: 'heal-turn', path: 'src/a.ts', turn: 1, failingCases: 2, fileError: true },
  { type: 'probe-finished', path: 'src/a.ts', runs: 2, calls: 3, cases: 1, rejected: 2 },
  { type: 'candidate-validated', path: 'src/a.ts', turn: 1, kept: 0, dropped: 2, verdict: 'nothing-kept' },
  { type: 'generation-finished', path: 'src/a.ts', outcome: 'failed', reason: TEXT, kept: 0, costUsd: 0.1 },
  { type: 'model-call-replayed', path: 'src/a.ts', label: 'generate', inputTokens: 3, outputTokens: 4 },
  { type: 'module-reused', path: 'src/a.ts', source: 'cache', fromRunId: 'r1', kept: 2, savedTokens: 7, savedCostUsd: 0.01 },
  { type: 'run-resumed', runId: 'r1', finishedModules: 1, spentUsd: 0.02 },
  { type: 'run-interrupted', runId: 'r1' },
  { type: 'warning', message: TEXT },
  { type: 'run-completed', files: 1, patchCovered: 1, patchPartial: 0, patchTotal: 2 },
  { type: 'run-failed', message: TEXT },
];

/** Every member of the union: adding an event type without a case here fails the type check. */
const ALL_TYPES: Record<PipelineEventType, true> = {
  'run-started': true, 'phase-started': true, 'phase-completed': true, 'diff-computed': true, 'modules-selected': true,
  'module-analysis-started': true, 'runner-started': true, 'runner-completed': true, 'coverage-measured': true,
  'module-skipped': true, 'generation-started': true, 'model-call': true, 'heal-turn': true, 'probe-finished': true,
  'candidate-validated': true, 'generation-finished': true, warning: true, 'run-completed': true, 'run-failed': true,
  'model-call-replayed': true, 'module-reused': true, 'run-resumed': true, 'run-interrupted': true,
};

describe('eventAttributes', () => {
  it('covers every event type and never carries free text, source or a secret', () => {
    expect(new Set(EVENTS.map((event) => event.type))).toEqual(new Set(Object.keys(ALL_TYPES)));
    for (const event of EVENTS) {
      const values = JSON.stringify(eventAttributes(event, [KNOWN]));
      expect(values, event.type).not.toContain(KNOWN);
      expect(values, event.type).not.toContain(TOKEN);
      expect(values, event.type).not.toContain('password');
      expect(values, event.type).not.toContain('/home/');
    }
  });

  it('redacts token shapes and known secrets inside allowed strings (refs, paths)', () => {
    expect(eventAttributes(EVENTS[0]!, [KNOWN])).toEqual({
      'testmaster.provider': 'openai',
      'testmaster.base_ref': 'main-[REDACTED]',
      'testmaster.head_ref': 'feature-[REDACTED]',
    });
    expect(eventAttributes(EVENTS[5]!, [KNOWN])).toEqual({ 'testmaster.module.path': 'src/[REDACTED].ts', 'testmaster.module.package_dir': '' });
  });

  it('keeps the figures: counts, flags, tokens and cost, leaving out an unknown exit code', () => {
    expect(eventAttributes(EVENTS[7]!)).toEqual({
      'testmaster.runner.side': 'head',
      'testmaster.runner.package_dir': '',
      'testmaster.runner.passed': 1,
      'testmaster.runner.failed': 0,
      'testmaster.runner.timed_out': true,
      'testmaster.runner.duration_ms': 5,
    });
    expect(eventAttributes(EVENTS[11]!)).toMatchObject({ 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 2, 'testmaster.cost_usd': 0.1, 'testmaster.model_call.label': 'repair' });
    expect(eventAttributes(EVENTS[15]!)).toEqual({ 'testmaster.generation.outcome': 'failed', 'testmaster.generation.kept': 0, 'testmaster.cost_usd': 0.1 });
    expect(eventAttributes(EVENTS.find((event) => event.type === 'warning')!)).toEqual({});
    expect(eventAttributes(EVENTS.find((event) => event.type === 'module-reused')!)).toEqual({
      'testmaster.module.path': 'src/a.ts',
      'testmaster.reuse.source': 'cache',
      'testmaster.generation.kept': 2,
      'testmaster.reuse.saved_tokens': 7,
      'testmaster.reuse.saved_cost_usd': 0.01,
    });
  });
});
