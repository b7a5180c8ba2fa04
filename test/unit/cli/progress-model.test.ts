import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../src/events/types.js';
import {
  activeModules,
  applyProgressEvent,
  initialProgress,
  modulesDone,
  phaseLabel,
  type RunProgress,
} from '../../../src/cli/module-progress.js';
import { AFTER_HEALING, BROKEN, CART, PRICING, UNTIL_HEALING, UTIL, WHOLE_RUN } from './progress-fixtures.js';

const fold = (events: readonly PipelineEvent[], from: RunProgress = initialProgress()): RunProgress => events.reduce(applyProgressEvent, from);
const label = (state: RunProgress, path: string): string => phaseLabel(state.modules.get(path)!.phase);

describe('the CLI progress model', () => {
  it('follows each module through measuring, generating, validating and healing, interleaved', () => {
    const upTo = (type: PipelineEvent['type'], side?: string) =>
      fold(UNTIL_HEALING.slice(0, UNTIL_HEALING.findIndex((event) => event.type === type && (side === undefined || ('side' in event && event.side === side))) + 1));

    const selected = upTo('modules-selected');
    expect(selected.selected).toEqual([CART, PRICING, UTIL, BROKEN]);
    expect(label(selected, CART)).toBe('waiting');
    expect(label(selected, 'docs/readme.md')).toBe('skipped: not a JavaScript or TypeScript module');
    expect(modulesDone(selected)).toBe(0); // the file skipped at scope is not one of the selected modules

    const measuring = upTo('runner-started', 'base');
    expect([CART, PRICING, UTIL, BROKEN].map((path) => label(measuring, path))).toEqual(['measuring base', 'measuring base', 'measuring base', 'measuring base']);
    expect(measuring.phase).toBe('base-coverage');
    expect(label(upTo('runner-completed', 'base'), CART)).toBe('waiting');

    const healing = fold(UNTIL_HEALING);
    expect(activeModules(healing).map((module) => [module.path, phaseLabel(module.phase)])).toEqual([
      [CART, 'healing turn 1'],
      [PRICING, 'healing turn 1'],
    ]);
    expect(label(healing, UTIL)).toBe('reused 2 case(s)');
    expect(label(healing, BROKEN)).toBe('waiting');
    expect(modulesDone(healing)).toBe(1);
  });

  it('adds a module\'s model calls, shows a replayed answer as already paid, and a reuse as saved', () => {
    const done = fold(WHOLE_RUN);
    expect(done.modules.get(CART)).toMatchObject({ calls: 2, inputTokens: 2634, outputTokens: 756, replayedInputTokens: 0 });
    expect(done.modules.get(CART)!.costUsd).toBeCloseTo(0.0233, 10);
    expect(done.modules.get(PRICING)).toMatchObject({ calls: 1, inputTokens: 1800, outputTokens: 600, costUsd: 0.015, replayedInputTokens: 2000, replayedOutputTokens: 500 });
    expect(done.modules.get(UTIL)).toMatchObject({ calls: 0, inputTokens: 0, savedTokens: 1500, savedCostUsd: 0.004 });
    // The run: calls and tokens of this run only; the cost is the ledger's run total (which includes the interrupted run's spend).
    expect(done).toMatchObject({ calls: 4, inputTokens: 5334, outputTokens: 1356, costUsd: 0.0473, replayedInputTokens: 2000, replayedOutputTokens: 500, savedTokens: 1500 });
    expect([CART, PRICING, UTIL, BROKEN].map((path) => label(done, path))).toEqual([
      'kept 3 case(s)',
      'kept 1 case(s)',
      'reused 2 case(s)',
      'failed: the model answered HTTP 500',
    ]);
    expect(modulesDone(done)).toBe(4);
    expect(activeModules(done)).toEqual([]);
    expect(done.ended).toBe('completed');
  });

  it('takes the interrupted run\'s spend as the cost until a new call reports the run total', () => {
    const resumed = fold(UNTIL_HEALING.slice(0, 2));
    expect(resumed.costUsd).toBe(0.004);
    expect(resumed.calls).toBe(0);
    expect(fold(AFTER_HEALING.slice(0, 1), fold(UNTIL_HEALING)).costUsd).toBe(0.0423);
  });

  it('names the zero-token generator\'s step probing, and the hybrid model turn after it generating', () => {
    const start: PipelineEvent[] = [
      { type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'hybrid' },
      { type: 'modules-selected', modules: [CART], packages: [''] },
      { type: 'generation-started', path: CART, uncoveredLines: 4 },
    ];
    expect(label(fold(start), CART)).toBe('probing');
    const probed = fold([...start, { type: 'probe-finished', path: CART, runs: 2, calls: 3, cases: 2, rejected: 1 }]);
    expect(label(probed, CART)).toBe('validating');
    const offlineDone = fold([{ type: 'generation-finished', path: CART, outcome: 'nothing-kept', reason: 'no call gave a result worth a test', kept: 0, costUsd: 0 }], probed);
    expect(modulesDone(offlineDone)).toBe(1);
    const modelTurn = fold([{ type: 'generation-started', path: CART, uncoveredLines: 4 }], offlineDone);
    expect(label(modelTurn, CART)).toBe('generating');
    expect(modulesDone(modelTurn)).toBe(0); // back at work: not done until the model's turn ends
  });

  it('shortens a long or multi-line reason, and labels outcomes in words', () => {
    const long = 'x'.repeat(100);
    expect(phaseLabel({ kind: 'finished', outcome: 'nothing-kept', kept: 0, reason: `${long}\nstack` })).toBe(`nothing kept: ${'x'.repeat(47)}…`);
    expect(phaseLabel({ kind: 'finished', outcome: 'skipped-covered', kept: 0, reason: 'every changed line is already covered' }, false)).toBe('already covered');
    expect(phaseLabel({ kind: 'finished', outcome: 'skipped-budget', kept: 0, reason: 'stopped by budget: max-cost' })).toBe('skipped (budget): stopped by budget: max-cost');
  });

  it('never changes the state it is given', () => {
    const before = fold(UNTIL_HEALING);
    const snapshot = structuredClone({ ...before, modules: [...before.modules] });
    fold(AFTER_HEALING, before);
    expect({ ...before, modules: [...before.modules] }).toEqual(snapshot);
  });
});
