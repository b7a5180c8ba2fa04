/**
 * openSession against real store files in temp dirs (and a real `git init` repository for the
 * default store path): no store, a new run, resuming the latest interrupted run or a named one, the
 * refusals with what to do, a corrupt store file moved aside for a fresh one, and a file that is not
 * ours refused and left alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Config, configFileSchema, type ConfigFileInput, toConfig } from '../../../src/config/schema.js';
import { ConfigurationError } from '../../../src/errors/errors.js';
import { EventBus } from '../../../src/events/bus.js';
import { openSession, type SessionRequest } from '../../../src/session/open-session.js';
import { configFingerprint } from '../../../src/session/config-fingerprint.js';
import type { RunSession } from '../../../src/session/run-session.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunRecord } from '../../../src/store/run-record.js';
import { StoreError } from '../../../src/store/store-error.js';

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);

const sessions: RunSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.close();
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'testmaster-session-'));
}

function configWith(input: ConfigFileInput): Config {
  return toConfig(configFileSchema.parse(input));
}

function request(storePath: string, overrides: Partial<SessionRequest> = {}, config: ConfigFileInput = {}): SessionRequest {
  return {
    config: configWith({ 'store-path': storePath, ...config }),
    repoDir: '/repo',
    base: BASE,
    head: HEAD,
    provider: 'openai',
    model: 'gpt-4.1-mini',
    resume: null,
    ...overrides,
  };
}

/** Opens a session and keeps it for closing; `warnings` collects the bus's warning events. */
async function open(req: SessionRequest): Promise<{ session: RunSession | null; warnings: string[] }> {
  const bus = new EventBus();
  const warnings: string[] = [];
  bus.subscribe((event) => {
    if (event.type === 'warning') warnings.push(event.message);
  });
  const session = await openSession(req, bus);
  if (session) sessions.push(session);
  return { session, warnings };
}

async function required(req: SessionRequest): Promise<{ session: RunSession; warnings: string[] }> {
  const { session, warnings } = await open(req);
  if (session === null) throw new Error('expected a session');
  return { session, warnings };
}

/** An interrupted run in the store at `storePath`, started with `req`. */
async function interruptedRun(req: SessionRequest): Promise<string> {
  const { session } = await required(req);
  session.end('interrupted');
  return session.runId;
}

function runIn(storePath: string, runId: string): RunRecord | null {
  const store = openRunStore(storePath, { onCorrupt: 'throw' });
  try {
    return store.getRun(runId);
  } finally {
    store.close();
  }
}

async function refusal(req: SessionRequest): Promise<ConfigurationError> {
  const error: unknown = await openSession(req, new EventBus()).then(
    (session) => {
      session?.close();
      return null;
    },
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigurationError)) throw new Error(`expected a ConfigurationError, got ${String(error)}`);
  expect(error.message).not.toContain('\n');
  return error;
}

describe('openSession without a store', () => {
  it('returns null when store is false', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const { session, warnings } = await open(request(path, {}, { store: false }));
    expect(session).toBeNull();
    expect(warnings).toEqual([]);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses --resume when store is false, naming --no-store', async () => {
    const error = await refusal(request(join(tempDir(), 'store.sqlite'), { resume: { runId: null } }, { store: false }));
    expect(error.message).toContain('--no-store');
  });
});

describe('openSession for a new run', () => {
  it('creates a running run with the commits, settings digest, provider and model', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const req = request(path);
    const { session, warnings } = await required(req);
    expect(session.resumed).toBe(false);
    expect(warnings).toEqual([]);
    session.close();
    expect(runIn(path, session.runId)).toMatchObject({
      id: session.runId,
      status: 'running',
      repoDir: '/repo',
      base: BASE,
      head: HEAD,
      configFingerprint: configFingerprint(req.config),
      provider: 'openai',
      model: 'gpt-4.1-mini',
    });
  });

  it('keeps the store in the git directory by default (never in the working tree)', async () => {
    const repo = tempDir();
    execFileSync('git', ['init', '-q', repo]);
    const { session } = await required({ ...request('unused'), config: configWith({}), repoDir: repo });
    session.close();
    const storePath = join(repo, '.git', 'testmaster', 'store.sqlite');
    expect(existsSync(storePath)).toBe(true);
    expect(runIn(storePath, session.runId)?.repoDir).toBe(repo);
  });

  it('starts a new run, not a resumed one, when --resume is not given even though an interrupted run exists', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const interrupted = await interruptedRun(request(path));
    const { session } = await required(request(path));
    expect(session.resumed).toBe(false);
    expect(session.runId).not.toBe(interrupted);
  });
});

describe('openSession with --resume', () => {
  it('resumes the interrupted run of the same repository and commits, and marks it running', async () => {
    const path = join(tempDir(), 'store.sqlite');
    await interruptedRun(request(path, { head: 'c'.repeat(40) })); // other commits: not this one
    const runId = await interruptedRun(request(path));
    const { session, warnings } = await required(request(path, { resume: { runId: null } }));
    expect(session.resumed).toBe(true);
    expect(session.runId).toBe(runId);
    expect(warnings).toEqual([]);
    session.close();
    expect(runIn(path, runId)?.status).toBe('running');
  });

  it('resumes a run that crashed (left running) like an interrupted one', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const { session: crashed } = await required(request(path));
    crashed.close(); // no end(): the run stays running
    const { session } = await required(request(path, { resume: { runId: null } }));
    expect(session.runId).toBe(crashed.runId);
    expect(session.resumed).toBe(true);
  });

  it('resumes a run named by id', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const runId = await interruptedRun(request(path));
    await interruptedRun(request(path)); // a later one of the same commits
    const { session } = await required(request(path, { resume: { runId } }));
    expect(session.runId).toBe(runId);
    expect(session.resumed).toBe(true);
  });

  it('warns and starts a new run when there is no interrupted run of these commits', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const { session, warnings } = await required(request(path, { resume: { runId: null } }));
    expect(session.resumed).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no interrupted run');
    expect(warnings[0]).toContain('starting a new run');
    session.close();
    expect(runIn(path, session.runId)?.status).toBe('running');
  });

  it('refuses an unknown run id in one line that says to run without --resume', async () => {
    const path = join(tempDir(), 'store.sqlite');
    await interruptedRun(request(path));
    const error = await refusal(request(path, { resume: { runId: 'no-such-run' } }));
    expect(error.message).toContain('no-such-run');
    expect(error.message).toContain('run without --resume');
  });

  it('refuses a run that already completed', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const { session } = await required(request(path));
    session.end('completed');
    const error = await refusal(request(path, { resume: { runId: session.runId } }));
    expect(error.message).toContain('completed');
    expect(error.message).toContain('run without --resume');
  });

  it('refuses a run of other commits', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const runId = await interruptedRun(request(path));
    const error = await refusal(request(path, { resume: { runId }, head: 'd'.repeat(40) }));
    expect(error.message).toContain('--base/--head');
    expect(runIn(path, runId)?.status).toBe('interrupted');
  });

  it('refuses a run started with other result-shaping settings (max-cost-usd)', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const runId = await interruptedRun(request(path, {}, { 'max-cost-usd': 1 }));
    const named = await refusal(request(path, { resume: { runId } }, { 'max-cost-usd': 2 }));
    expect(named.message).toContain('other settings');
    const latest = await refusal(request(path, { resume: { runId: null } }, { 'max-cost-usd': 2 }));
    expect(latest.message).toContain('other settings');
    expect(runIn(path, runId)?.status).toBe('interrupted');
  });

  it('refuses a run started with another model', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const runId = await interruptedRun(request(path));
    const error = await refusal(request(path, { resume: { runId }, model: 'gpt-4.1' }));
    expect(error.message).toContain('other settings');
  });

  it('resumes when only a setting that does not shape results changed (concurrency, report path)', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const runId = await interruptedRun(request(path, {}, { concurrency: 2 }));
    const { session } = await required(request(path, { resume: { runId: null } }, { concurrency: 8, 'report-md': 'out.md' }));
    expect(session.runId).toBe(runId);
  });
});

describe('openSession with an unusable store file', () => {
  it('moves a corrupt SQLite file aside with a warning and starts a fresh store', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4096, 0xa5)]));
    const { session, warnings } = await required(request(path));
    expect(session.resumed).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('moved it to');
    expect(readdirSync(dirname(path)).some((name) => name.startsWith('store.sqlite.corrupt-'))).toBe(true);
    session.close();
    expect(runIn(path, session.runId)?.status).toBe('running');
  });

  it('fails the run on a file that is not SQLite at all, even without --resume, and leaves it as it was', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    const text = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample me@laptop\n';
    writeFileSync(path, text);
    const error: unknown = await openSession(request(path), new EventBus()).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).problem).toBe('not-a-store');
    expect((error as Error).message).toBe(
      `${path} is not a TestMaster run store (it does not start with the SQLite header), so it was left as it is; choose another store-path (or --no-store), or delete that file if you are sure nothing needs it`,
    );
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['store.sqlite']);
  });
});
