/**
 * The action's log lines are redacted like the reports: a generation reason quoting test output with
 * the model key in hex, and a warning with it base64-encoded, reach the log as [REDACTED] (the runner
 * would mask only the exact value).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActionLogger } from '../../../src/action/log-events.js';

const KEY = 'model-key-0123456789abcdef';

afterEach(() => {
  vi.restoreAllMocks();
});

function logged(secrets: readonly string[]): string {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  const log = createActionLogger(secrets);
  log({ type: 'phase-started', phase: 'generation', atMs: 1 });
  log({ type: 'generation-finished', path: 'src/a.ts', outcome: 'nothing-kept', reason: `failed: Error: ${Buffer.from(KEY).toString('hex')}`, kept: 0, costUsd: 0, atMs: 2 });
  log({ type: 'warning', message: `odd output ${Buffer.from(`x${KEY}`).toString('base64')} seen`, atMs: 3 });
  vi.restoreAllMocks();
  return lines.join('');
}

describe('createActionLogger', () => {
  it('redacts the known secrets and their encoded forms from every line', () => {
    const out = logged([KEY]);
    expect(out).toContain('src/a.ts: nothing-kept: failed: Error: [REDACTED]');
    expect(out).toMatch(/::warning::odd output .{0,3}\[REDACTED\].{0,3} seen/);
    expect(out).not.toContain(Buffer.from(KEY).toString('hex'));
  });

  it('shows the text as is without secrets to redact', () => {
    expect(logged([])).toContain(Buffer.from(KEY).toString('hex'));
  });
});
