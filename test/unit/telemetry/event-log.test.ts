/**
 * The --events log on a real file system: one redacted JSON object per line as events happen, the
 * file created afresh, a directory or a missing parent refused with one line, closing idempotent.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors/errors.js';
import { EventBus } from '../../../src/events/bus.js';
import { openEventLog } from '../../../src/telemetry/event-log.js';

const dir = mkdtempSync(join(tmpdir(), 'testmaster-event-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KNOWN = 'my"quoted\\secret-value';
const TOKEN = 'sk-proj-abcdefghijklmnopqrstuvwxyz012345';
const lines = (path: string): unknown[] => readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);

describe('openEventLog', () => {
  it('writes each event as it happens, one JSON line each, the objects of the timeline, redacted', () => {
    const path = join(dir, 'events.jsonl');
    writeFileSync(path, 'old content that must go\n'.repeat(100));
    const log = openEventLog(path, [KNOWN]);
    let clock = 0;
    const bus = new EventBus(() => clock);
    bus.subscribe(log.listener);
    bus.emit({ type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'none' });
    expect(lines(path)).toEqual([{ type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'none', atMs: 0 }]); // already on disk
    clock = 42;
    bus.emit({ type: 'warning', message: `test printed ${KNOWN} and ${TOKEN}` });
    bus.emit({ type: 'modules-selected', modules: [`src/${TOKEN}.ts`], packages: [''] });
    bus.emit({ type: 'run-completed', files: 1, patchCovered: 0, patchPartial: 0, patchTotal: 0 });
    expect(log.close()).toBeNull();
    expect(log.close()).toBeNull();
    bus.emit({ type: 'warning', message: 'after close' });

    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('old content');
    expect(text).not.toContain('quoted');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('after close');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines(path)).toEqual([
      { type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'none', atMs: 0 },
      { type: 'warning', message: 'test printed [REDACTED] and [REDACTED]', atMs: 42 },
      { type: 'modules-selected', modules: ['src/[REDACTED].ts'], packages: [''], atMs: 42 },
      { type: 'run-completed', files: 1, patchCovered: 0, patchPartial: 0, patchTotal: 0, atMs: 42 },
    ]);
  });

  it('refuses a directory and a missing parent directory with a one-line ConfigurationError', () => {
    const directory = join(dir, 'a-directory');
    mkdirSync(directory);
    expect(() => openEventLog(directory, [])).toThrow(ConfigurationError);
    expect(() => openEventLog(directory, [])).toThrow(`--events ${directory} is a directory: pass the path of a file to create`);
    const missing = join(dir, 'no-such-dir', 'events.jsonl');
    expect(() => openEventLog(missing, [])).toThrow(`--events ${missing}: the directory ${join(dir, 'no-such-dir')} does not exist: create it first or pass another path`);
  });

  it.skipIf(!existsSync('/dev/full'))('stops at a write that fails, without throwing, and says why on close', () => {
    const log = openEventLog('/dev/full', []);
    const bus = new EventBus();
    bus.subscribe(log.listener);
    bus.subscribe(() => {
      throw new Error('must not be reached through the log');
    });
    expect(() => bus.emit({ type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'none' })).not.toThrow();
    bus.emit({ type: 'run-completed', files: 0, patchCovered: 0, patchPartial: 0, patchTotal: 0 });
    expect(log.close()).toBe('the event log /dev/full is incomplete: ENOSPC');
  });
});
