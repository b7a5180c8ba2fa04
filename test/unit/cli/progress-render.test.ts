import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../src/events/types.js';
import { applyProgressEvent, initialProgress, type RunProgress } from '../../../src/cli/module-progress.js';
import { clip, cutLeft, renderLiveBlock, textWidth } from '../../../src/cli/render-progress.js';
import { UNTIL_HEALING, WHOLE_RUN } from './progress-fixtures.js';

const fold = (events: readonly PipelineEvent[]): RunProgress => events.reduce(applyProgressEvent, initialProgress());

describe('the live progress block', () => {
  const healing = fold(UNTIL_HEALING);

  it('shows one aligned row per module in progress and a totals row', () => {
    expect(renderLiveBlock(healing, { columns: 100, maxRows: 10 })).toEqual([
      '  src/cart.ts                           healing turn 1              1,234 in + 456 out  $0.0123',
      '  src/lib/deep/nested/pricing-rules.ts  healing turn 1  1,800 in + 600 out +2,500 paid  $0.0150',
      'Generating tests · 1/4 modules done · $0.0313 · 3,034 in + 1,056 out tokens · 2 model call(s)',
    ]);
  });

  it('on a narrower terminal, drops the tokens column before cutting a path from the left', () => {
    expect(renderLiveBlock(healing, { columns: 60, maxRows: 10 })).toEqual([
      '  src/cart.ts                       healing turn 1  $0.0123',
      '  …ib/deep/nested/pricing-rules.ts  healing turn 1  $0.0150',
      'Generating tests · 1/4 modules done · $0.0313',
    ]);
  });

  it('never draws a row wider than columns - 1, whatever the width and the moment of the run', () => {
    const states = WHOLE_RUN.map((_, index) => fold(WHOLE_RUN.slice(0, index + 1)));
    let checked = 0;
    for (let columns = 2; columns <= 140; columns += 1) {
      for (const state of states) {
        const rows = renderLiveBlock(state, { columns, maxRows: 3 });
        expect(rows.length).toBeLessThanOrEqual(3);
        for (const row of rows) {
          expect(textWidth(row), `${columns} columns: ${JSON.stringify(row)}`).toBeLessThanOrEqual(columns - 1);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('keeps to maxRows, counting the modules it leaves out', () => {
    const paths = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `src/${name}.ts`);
    const events: PipelineEvent[] = [
      { type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'offline' },
      { type: 'phase-started', phase: 'generation' },
      { type: 'modules-selected', modules: paths, packages: [''] },
      ...paths.map((path): PipelineEvent => ({ type: 'generation-started', path, uncoveredLines: 1 })),
    ];
    expect(renderLiveBlock(fold(events), { columns: 80, maxRows: 4 })).toEqual([
      '  src/a.ts  probing',
      '  src/b.ts  probing',
      '  … and 4 more in progress',
      'Generating tests · 0/6 modules done',
    ]);
    expect(renderLiveBlock(fold(events), { columns: 80, maxRows: 1 })).toEqual(['Generating tests · 0/6 modules done']);
  });

  it('has no block once the run has ended', () => {
    expect(renderLiveBlock(fold(WHOLE_RUN), { columns: 80, maxRows: 10 })).toEqual([]);
    expect(renderLiveBlock(fold([...UNTIL_HEALING, { type: 'run-interrupted', runId: 'r-2' }]), { columns: 80, maxRows: 10 })).toEqual([]);
  });

  it('cuts paths from the left and text from the right, with an ellipsis', () => {
    expect(cutLeft('src/lib/deep/module.ts', 12)).toBe('…p/module.ts');
    expect(cutLeft('src/a.ts', 12)).toBe('src/a.ts');
    expect(clip('Generating tests', 8)).toBe('Generat…');
    expect(clip('abc', 1)).toBe('a');
  });
});
