/**
 * Why a module ended with nothing kept, in one line (pure): the dropped cases counted by the first
 * word of their reason, e.g. `no case kept (2 failed, 1 adds no coverage)`. Shared by the model's
 * and the zero-token generator's reports; also the first line of a failure message, for reasons.
 */
import type { DroppedTestCase } from '../../report/types.js';

export function summarizeDropped(dropped: readonly DroppedTestCase[], whenNone: string): string {
  if (dropped.length === 0) return whenNone;
  const reasons = new Map<string, number>();
  for (const entry of dropped) {
    const key = entry.reason.split(':')[0] ?? entry.reason;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  return `no case kept (${[...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ')})`;
}

/** The first non-empty line of a message, at most 300 characters. */
export function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim().slice(0, 300);
}
