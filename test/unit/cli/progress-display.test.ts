import { describe, expect, it } from 'vitest';
import { createProgressDisplay, type ProgressOptions } from '../../../src/cli/progress.js';
import { EventBus } from '../../../src/events/bus.js';
import type { PipelineEvent } from '../../../src/events/types.js';
import { BROKEN, CART, UNTIL_HEALING, WHOLE_RUN } from './progress-fixtures.js';
import { FakeTerminal } from './progress-terminal.js';

/** Time the test moves by hand, and the display's delayed redraws, run when their time comes. */
class FakeClock {
  time = 0;
  readonly scheduled: { at: number; delayMs: number; callback: () => void; cancelled: boolean }[] = [];
  readonly now = (): number => this.time;
  readonly schedule = (callback: () => void, delayMs: number): { cancel(): void } => {
    const entry = { at: this.time + delayMs, delayMs, callback, cancelled: false };
    this.scheduled.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  };

  advanceTo(time: number): void {
    for (;;) {
      const due = this.scheduled.filter((entry) => !entry.cancelled && entry.at <= time).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      this.time = due.at;
      due.callback();
    }
    this.time = time;
  }
}

function plainRun(events: readonly PipelineEvent[]): string[] {
  const writes: string[] = [];
  const bus = new EventBus();
  bus.subscribe(createProgressDisplay({ isTTY: false, columns: 40, write: (text: string) => writes.push(text) }));
  for (const event of events) bus.emit(event);
  expect(writes.join('')).not.toContain('\x1b');
  expect(writes.length).toBeLessThanOrEqual(events.length); // at most one write per event, never one per redraw
  return writes.join('').split('\n').slice(0, -1);
}

function terminal(columns: number, options: ProgressOptions) {
  const screen = new FakeTerminal();
  const writes: string[] = [];
  const stream = { isTTY: true, columns, rows: 40, write: (text: string) => (writes.push(text), screen.apply(text)) };
  const bus = new EventBus();
  bus.subscribe(createProgressDisplay(stream, options));
  return { screen, writes, emit: (event: PipelineEvent) => bus.emit(event) };
}

const PLAIN_WHOLE_RUN = [
  'TestMaster: main..HEAD in /repo (provider: openai)',
  'Resuming run r-1: 1 module(s) already finished, $0.0040 already spent',
  'Comparing base and head',
  '5 changed file(s), 0 skipped (aaaaaaa..bbbbbbb)',
  'Choosing changed modules',
  'skipped docs/readme.md: not a JavaScript or TypeScript module',
  '4 module(s) to measure in 1 package(s)',
  'Measuring head coverage',
  'head: running vitest in . for 4 module(s)',
  'head: .: 12 passed, 0 failed in 2.3s',
  'Measuring base coverage',
  'base: running vitest in . for 4 module(s)',
  'base: .: 10 passed, 0 failed in 1.9s',
  'Generating and validating tests',
  'src/util.ts: reused 2 validated case(s) from the interrupted run (saved 1500 tokens, $0.0040)',
  'src/cart.ts: writing tests for 12 uncovered changed line(s)',
  'src/lib/deep/nested/pricing-rules.ts: writing tests for 30 uncovered changed line(s)',
  'src/cart.ts: model call (generate, attempt 1): 1234+456 tokens, $0.0123 (run total $0.0163)',
  'src/lib/deep/nested/pricing-rules.ts: model answer (generate) taken from the interrupted run: 2000+500 tokens already paid, no new call',
  'src/cart.ts: candidate 1: kept, 2 case(s) kept, 1 dropped',
  'src/cart.ts: healing turn 1 (1 failing case(s))',
  'src/lib/deep/nested/pricing-rules.ts: candidate 1: nothing-kept, 0 case(s) kept, 3 dropped',
  'src/lib/deep/nested/pricing-rules.ts: healing turn 1 (3 failing case(s))',
  'src/lib/deep/nested/pricing-rules.ts: model call (heal-1, attempt 1): 1800+600 tokens, $0.0150 (run total $0.0313)',
  'src/cart.ts: model call (heal-1, attempt 1): 1400+300 tokens, $0.0110 (run total $0.0423)',
  'src/cart.ts: candidate 2: kept, 3 case(s) kept, 0 dropped',
  'src/cart.ts: kept (3 case(s))',
  'src/cart.ts: kept 3 case(s): 2,634 in + 756 out tokens, $0.0233',
  'src/broken.ts: writing tests for 5 uncovered changed line(s)',
  'src/broken.ts: model call (generate, attempt 1): 900+0 tokens, $0.0050 (run total $0.0473)',
  'src/broken.ts: failed: the model answered HTTP 500',
  'src/broken.ts: failed: 900 in + 0 out tokens, $0.0050',
  'src/lib/deep/nested/pricing-rules.ts: candidate 2: kept, 1 case(s) kept, 2 dropped',
  'src/lib/deep/nested/pricing-rules.ts: kept (1 case(s))',
  'src/lib/deep/nested/pricing-rules.ts: kept 1 case(s): 1,800 in + 600 out tokens, $0.0150; 2,000 in + 500 out tokens already paid',
  'warning: src/lib/deep/nested/pricing-rules.ts: 2 case(s) dropped as flaky',
  'Computing the report',
  'Model: 4 call(s), 5,334 in + 1,356 out tokens, $0.0473; 2,000 in + 500 out tokens already paid; saved 1,500 tokens, $0.0040',
  'Done: patch coverage 76.0% of 50 changed coverable lines (40 hit, 2 of them partial) in 4 file(s)',
];

/** What a terminal keeps: the lasting lines only (phase starts, module steps and model calls were in the live block). */
const TERMINAL_WHOLE_RUN = [
  'TestMaster: main..HEAD in /repo (provider: openai)',
  'Resuming run r-1: 1 module(s) already finished, $0.0040 already spent',
  '5 changed file(s), 0 skipped (aaaaaaa..bbbbbbb)',
  'skipped docs/readme.md: not a JavaScript or TypeScript module',
  '4 module(s) to measure in 1 package(s)',
  'head: .: 12 passed, 0 failed in 2.3s',
  'base: .: 10 passed, 0 failed in 1.9s',
  'src/util.ts: reused 2 validated case(s) from the interrupted run (saved 1500 tokens, $0.0040)',
  'src/cart.ts: kept (3 case(s))',
  'src/cart.ts: kept 3 case(s): 2,634 in + 756 out tokens, $0.0233',
  'src/broken.ts: failed: the model answered HTTP 500',
  'src/broken.ts: failed: 900 in + 0 out tokens, $0.0050',
  'src/lib/deep/nested/pricing-rules.ts: kept (1 case(s))',
  'src/lib/deep/nested/pricing-rules.ts: kept 1 case(s): 1,800 in + 600 out tokens, $0.0150; 2,000 in + 500 out tokens already paid',
  'warning: src/lib/deep/nested/pricing-rules.ts: 2 case(s) dropped as flaky',
  'Model: 4 call(s), 5,334 in + 1,356 out tokens, $0.0473; 2,000 in + 500 out tokens already paid; saved 1,500 tokens, $0.0040',
  'Done: patch coverage 76.0% of 50 changed coverable lines (40 hit, 2 of them partial) in 4 file(s)',
];

describe('the CLI progress display in CI (not a terminal)', () => {
  it('prints each event\'s line, a module\'s tokens and cost when it ends, and the run\'s totals at the end', () => {
    expect(plainRun(WHOLE_RUN)).toEqual(PLAIN_WHOLE_RUN);
  });

  it('prints the money spent before the interruption notice, and alone when the run failed', () => {
    const interrupted = plainRun([...UNTIL_HEALING, { type: 'run-interrupted', runId: 'r-2' }]);
    expect(interrupted.slice(-2)).toEqual([
      'Model: 2 call(s), 3,034 in + 1,056 out tokens, $0.0313; 2,000 in + 500 out tokens already paid; saved 1,500 tokens, $0.0040',
      'Interrupted: run r-2 is saved; continue it with testmaster run --resume r-2',
    ]);
    const failed = plainRun([...UNTIL_HEALING, { type: 'run-failed', message: 'the model provider refused the key' }]);
    expect(failed.at(-1)).toBe('Model: 2 call(s), 3,034 in + 1,056 out tokens, $0.0313; 2,000 in + 500 out tokens already paid; saved 1,500 tokens, $0.0040');
  });

  it('adds no token lines to a run without the model', () => {
    const offline = plainRun([
      { type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'offline' },
      { type: 'generation-started', path: CART, uncoveredLines: 3 },
      { type: 'generation-finished', path: CART, outcome: 'kept', reason: null, kept: 2, costUsd: 0 },
      { type: 'run-completed', files: 1, patchCovered: 3, patchPartial: 0, patchTotal: 3 },
    ]);
    expect(offline).toEqual([
      'TestMaster: main..HEAD in /r (provider: offline)',
      'src/cart.ts: writing tests for 3 uncovered changed line(s)',
      'src/cart.ts: kept (2 case(s))',
      'Done: patch coverage 100.0% of 3 changed coverable lines (3 hit, 0 of them partial) in 1 file(s)',
    ]);
  });
});

describe('the CLI progress display on a terminal', () => {
  it('keeps the lasting lines above a live block of the modules in progress', () => {
    const clock = new FakeClock();
    const term = terminal(60, { now: clock.now, schedule: clock.schedule });
    for (const event of UNTIL_HEALING) {
      clock.advanceTo(clock.time + 200);
      term.emit(event);
    }
    expect(term.screen.screen()).toEqual([
      ...TERMINAL_WHOLE_RUN.slice(0, 8),
      '  src/cart.ts                       healing turn 1  $0.0123',
      '  …ib/deep/nested/pricing-rules.ts  healing turn 1  $0.0150',
      'Generating tests · 1/4 modules done · $0.0313',
    ]);
  });

  it('leaves the lasting lines and no live block when the run ends', () => {
    const clock = new FakeClock();
    const term = terminal(60, { now: clock.now, schedule: clock.schedule });
    const lasting = new Set(TERMINAL_WHOLE_RUN);
    for (const event of WHOLE_RUN) {
      clock.advanceTo(clock.time + 200);
      term.emit(event);
      // While the run goes on, every line on screen is a lasting line or a block row that fits.
      for (const line of term.screen.screen()) if (!lasting.has(line)) expect(line.length, line).toBeLessThanOrEqual(59);
    }
    expect(term.screen.screen()).toEqual(TERMINAL_WHOLE_RUN);
    expect(term.screen.col).toBe(0); // the cursor waits at the start of a fresh line
  });

  it('moves the cursor up over exactly the previous block before drawing the next', () => {
    const clock = new FakeClock();
    const term = terminal(80, { now: clock.now, schedule: clock.schedule });
    term.emit(UNTIL_HEALING[0]!);
    expect(term.writes).toEqual(['TestMaster: main..HEAD in /repo (provider: openai)\nWorking\n']);
    clock.advanceTo(500);
    term.emit({ type: 'phase-started', phase: 'generation' });
    term.emit({ type: 'modules-selected', modules: [CART, BROKEN], packages: [''] });
    clock.advanceTo(1000);
    term.emit({ type: 'generation-started', path: CART, uncoveredLines: 2 });
    clock.advanceTo(1500);
    term.emit({ type: 'generation-started', path: BROKEN, uncoveredLines: 2 });
    expect(term.writes.slice(1)).toEqual([
      '\x1b[1A\r\x1b[JGenerating tests\n',
      '\x1b[1A\r\x1b[J2 module(s) to measure in 1 package(s)\nGenerating tests · 0/2 modules done\n', // waited for the interval
      '\x1b[1A\r\x1b[J  src/cart.ts  generating\nGenerating tests · 0/2 modules done\n',
      '\x1b[2A\r\x1b[J  src/cart.ts    generating\n  src/broken.ts  generating\nGenerating tests · 0/2 modules done\n',
    ]);
  });

  it('redraws at most once per interval, and draws the run\'s end at once', () => {
    const clock = new FakeClock();
    const term = terminal(80, { now: clock.now, schedule: clock.schedule, minRedrawMs: 100 });
    term.emit({ type: 'run-started', repoDir: '/repo', baseRef: 'main', headRef: 'HEAD', provider: 'openai' });
    term.emit({ type: 'phase-started', phase: 'generation' });
    term.emit({ type: 'modules-selected', modules: [CART], packages: [''] });
    term.emit({ type: 'generation-started', path: CART, uncoveredLines: 2 });
    expect(term.writes).toHaveLength(1); // the first draw; the rest waits for the interval
    expect(clock.scheduled.map((entry) => entry.delayMs)).toEqual([100]);

    clock.advanceTo(100);
    expect(term.writes).toHaveLength(2);
    expect(term.screen.screen()).toEqual([
      'TestMaster: main..HEAD in /repo (provider: openai)',
      '1 module(s) to measure in 1 package(s)',
      '  src/cart.ts  generating',
      'Generating tests · 0/1 modules done',
    ]);

    // A thousand model calls within one second: about ten redraws, not a thousand.
    for (let ms = 101; ms <= 1100; ms += 1) {
      clock.advanceTo(ms);
      term.emit({ type: 'model-call', path: CART, label: 'generate', attempt: ms, charged: 'settled', inputTokens: 10, outputTokens: 1, costUsd: 0.0001, runCostUsd: (ms - 100) * 0.0001 });
    }
    const redraws = term.writes.length - 2;
    expect(redraws).toBeGreaterThanOrEqual(9);
    expect(redraws).toBeLessThanOrEqual(11);

    term.emit({ type: 'warning', message: 'slow runner' }); // inside the interval: waits
    expect(term.screen.screen()).not.toContain('warning: slow runner');
    expect(clock.scheduled.filter((entry) => !entry.cancelled)).toHaveLength(1);
    term.emit({ type: 'run-completed', files: 1, patchCovered: 2, patchPartial: 0, patchTotal: 2 });
    expect(clock.scheduled.filter((entry) => !entry.cancelled)).toHaveLength(0); // the waiting redraw was cancelled
    expect(term.screen.screen()).toEqual([
      'TestMaster: main..HEAD in /repo (provider: openai)',
      '1 module(s) to measure in 1 package(s)',
      'warning: slow runner',
      'Model: 1,000 call(s), 10,000 in + 1,000 out tokens, $0.1000',
      'Done: patch coverage 100.0% of 2 changed coverable lines (2 hit, 0 of them partial) in 1 file(s)',
    ]);
  });

  it('clears the live block when the run fails or is interrupted', () => {
    for (const end of [{ type: 'run-failed', message: 'boom' }, { type: 'run-interrupted', runId: null }] as const) {
      const clock = new FakeClock();
      const term = terminal(60, { now: clock.now, schedule: clock.schedule });
      for (const event of UNTIL_HEALING) term.emit(event); // all within one interval: most of it is still waiting
      term.emit(end);
      const screen = term.screen.screen();
      expect(screen.at(-1)).toBe(end.type === 'run-failed' ? 'Model: 2 call(s), 3,034 in + 1,056 out tokens, $0.0313; 2,000 in + 500 out tokens already paid; saved 1,500 tokens, $0.0040' : 'Interrupted');
      expect(screen.every((line) => !line.startsWith('  ') && !line.startsWith('Generating tests'))).toBe(true);
      expect(screen).toContain('src/util.ts: reused 2 validated case(s) from the interrupted run (saved 1500 tokens, $0.0040)');
    }
  });
});
