import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from '../../../src/cli/progress.js';
import { EventBus } from '../../../src/events/bus.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, columns: 60, write: (t: string) => chunks.push(t) }, chunks };
}

describe('EventBus and the CLI progress display', () => {
  it('records every event with its time and survives a throwing listener', () => {
    let clock = 1000;
    const bus = new EventBus(() => clock);
    bus.subscribe(() => {
      throw new Error('display broke');
    });
    clock = 1250;
    bus.emit({ type: 'phase-started', phase: 'diff' });
    expect(bus.timeline).toEqual([{ type: 'phase-started', phase: 'diff', atMs: 250 }]);
  });

  it('prints plain lines when not on a terminal', () => {
    const { stream, chunks } = capture(false);
    const bus = new EventBus();
    bus.subscribe(createProgressDisplay(stream));
    bus.emit({ type: 'phase-started', phase: 'head-coverage' });
    bus.emit({ type: 'runner-completed', side: 'head', packageDir: '', durationMs: 1500, passed: 3, failed: 1, exitCode: 1, timedOut: false });
    expect(chunks).toEqual(['Measuring head coverage\n', 'head: .: 3 passed, 1 failed in 1.5s\n']);
  });

  it('on a terminal, redraws the live block in place and prints finished steps above it', () => {
    const { stream, chunks } = capture(true);
    let clock = 0;
    const bus = new EventBus();
    bus.subscribe(createProgressDisplay(stream, { now: () => clock }));
    bus.emit({ type: 'phase-started', phase: 'diff' });
    clock = 200;
    bus.emit({ type: 'warning', message: 'something odd' });
    expect(chunks).toEqual(['Comparing base and head\n', '\x1b[1A\r\x1b[Jwarning: something odd\nComparing base and head\n']);
  });
});
