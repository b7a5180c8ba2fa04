/**
 * The CLI's progress display, an event-stream consumer. On a terminal: one live status line rewritten in
 * place, with finished steps printed above it. Elsewhere (CI, pipes): plain lines. Writes to stderr so
 * stdout stays free for the report.
 */
import { describeEvent } from '../events/describe-event.js';
import type { EventListener } from '../events/types.js';

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export function createProgressDisplay(stream: ProgressStream): EventListener {
  const live = stream.isTTY === true;
  let statusShown = false;

  const clearStatus = (): void => {
    if (live && statusShown) {
      stream.write('\r\x1b[2K');
      statusShown = false;
    }
  };

  return (event) => {
    const line = describeEvent(event);
    if (line === null) return;
    if (!live) {
      stream.write(`${line}\n`);
      return;
    }
    clearStatus();
    const transient = event.type === 'phase-started' || event.type === 'runner-started';
    if (transient) {
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`… ${line}`.slice(0, width));
      statusShown = true;
    } else {
      stream.write(`${line}\n`);
    }
  };
}
