/**
 * The run store end to end through the bundled CLI (issue 6): a run killed in the middle of generation
 * (SIGINT, and SIGKILL) and resumed with --resume makes exactly the model calls it had not made
 * (counted at the local model server), keeps the same tests as a run that was never interrupted, and
 * spends what that run spent, under the ceiling; a later run on unchanged modules reuses their tests
 * with no model call (re-validated); a corrupt or tampered store gives a warning and a fresh start.
 *
 * The model server answers from the request (not a queue), so the answers do not depend on which run
 * asks: src/money.ts gets a file with a bad import first and the good file on its healing turn;
 * src/cart.ts gets a good file at once.
 *
 * The runs keep the default reruns: the kill lands while the first candidate is validated, and a
 * shorter validation (one run) left so little time that the next model call was sometimes already in
 * flight at the kill (it is then made again on resume, by design, and the call count no longer adds
 * up). The uninterrupted reference run is also the first run of the reuse scenario (same settings, a
 * fresh repository), and the corrupt-store scenario, which looks at nothing of the base, does not
 * measure it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';
import { CLI, ensureBundle } from '../helpers/bundle.js';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { completionReply, startModelServer, type ModelServer, type RecordedRequest, type ScriptedReply } from '../helpers/model-server.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { gitStatus } from '../helpers/runner-harness.js';

const SECRET = 'sk-testmaster-resume-0123456789abcdefSECRET';
const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });
const MAX_COST = 0.05;

const MONEY_CASES = `describe('splitEvenly', () => {
  it('spreads the remainder over the first shares', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('rejects a non-positive number of parts', () => {
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
  });
});

describe('formatPrice', () => {
  it('groups thousands of yen', () => {
    expect(formatPrice(1234567, 'JPY')).toBe('¥1,234,567');
  });
});
`;
const MONEY_GOOD = `import { describe, expect, it } from 'vitest';\nimport { formatPrice, splitEvenly } from '../src/money.js';\n\n${MONEY_CASES}`;
const MONEY_BAD = MONEY_GOOD.replace('../src/money.js', '../src/money-utils.js');
const CART_GOOD = `import { describe, expect, it } from 'vitest';
import { Cart } from '../src/cart.js';

describe('Cart discounts', () => {
  it('takes the discount off the subtotal', () => {
    const cart = new Cart();
    cart.add('tea', 1000, 2);
    cart.applyDiscount(10);
    expect(cart.subtotal()).toBe(1800);
  });
  it('rejects a discount above 100', () => {
    expect(() => new Cart().applyDiscount(101)).toThrow(RangeError);
  });
});
`;

function answer(path: string, content: string): ScriptedReply {
  return completionReply({ content: JSON.stringify({ files: [{ path, content, cases: [] }], notes: null }), usage: { prompt: 1500, completion: 300 } });
}

/** Answers by module and turn, whichever run asks. */
function respond(request: RecordedRequest): ScriptedReply | undefined {
  const text = JSON.stringify(request.body);
  if (text.includes('src/cart.ts')) return answer('test/cart.testmaster.test.ts', CART_GOOD);
  if (text.includes('src/money.ts')) return answer('test/money.testmaster.test.ts', text.includes('still not covered') ? MONEY_GOOD : MONEY_BAD);
  return undefined;
}

let server: ModelServer;
const cleanups: (() => void | Promise<void>)[] = [];
beforeAll(async () => {
  ensureBundle();
  server = await startModelServer();
  server.respondWith(respond);
});
afterAll(async () => {
  await server.stop();
  for (const cleanup of cleanups) await cleanup();
});

async function fixture(): Promise<FixtureRepo> {
  const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
  cleanups.push(repo.cleanup);
  return repo;
}

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'testmaster-resume-e2e-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function runArgs(repo: FixtureRepo, out: string, extra: readonly string[] = []): string[] {
  return [
    'run', '--repo', repo.dir, '--base', repo.base,
    '--provider', 'openai', '--model', 'test-model', '--base-url', server.baseUrl, '--model-prices', PRICES,
    '--max-cost-usd', String(MAX_COST), '--max-heal-attempts', '1', '--concurrency', '1',
    '--include', 'src/money.ts', '--include', 'src/cart.ts',
    '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md'), '--events', join(out, 'events.jsonl'),
    ...extra,
  ];
}

const ENV = { ...process.env, OPENAI_API_KEY: SECRET };

interface Finished {
  readonly status: number | null;
  readonly stderr: string;
  readonly report: RunReport | null;
  readonly markdown: string;
  readonly requests: readonly RecordedRequest[];
}

async function runToEnd(repo: FixtureRepo, extra: readonly string[] = []): Promise<Finished> {
  const out = outDir();
  const first = server.requests.length;
  const run = await runCliAsync(runArgs(repo, out, extra), { env: ENV });
  const reportPath = join(out, 'r.json');
  return {
    status: run.status,
    stderr: run.stderr,
    report: existsSync(reportPath) ? parseJsonReport(readFileSync(reportPath, 'utf8')) : null,
    markdown: existsSync(join(out, 'r.md')) ? readFileSync(join(out, 'r.md'), 'utf8') : '',
    requests: server.requests.slice(first),
  };
}

/** Starts a run and sends `signal` once its event log shows the first model call charged (validation follows). */
async function runAndKill(repo: FixtureRepo, signal: 'SIGINT' | 'SIGKILL'): Promise<{ status: number | null; signalled: NodeJS.Signals | null; stderr: string; requests: number }> {
  const out = outDir();
  const first = server.requests.length;
  const child = spawn(process.execPath, [CLI, ...runArgs(repo, out)], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const events = join(out, 'events.jsonl');
  const poll = setInterval(() => {
    const text = existsSync(events) ? readFileSync(events, 'utf8') : '';
    if (text.includes('"type":"model-call"')) {
      clearInterval(poll);
      child.kill(signal);
    }
  }, 25);
  const [status, signalled] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
  clearInterval(poll);
  return { status, signalled, stderr, requests: server.requests.length - first };
}

function keptFiles(report: RunReport | null): Record<string, string> {
  return Object.fromEntries((report?.proposedFiles ?? []).map((file) => [file.path, file.content]));
}

let reference: Finished;
/** The reference run's repository: its store holds that run's validated tests (the reuse scenario goes on from there). */
let referenceRepo: FixtureRepo;

describe('run store: resume, reuse, recovery (bundled CLI)', () => {
  beforeAll(async () => {
    // The uninterrupted run every resumed one is compared with.
    referenceRepo = await fixture();
    reference = await runToEnd(referenceRepo);
    expect(reference.status, reference.stderr).toBe(0);
  });

  it('an uninterrupted run makes three calls (cart, money, money healed) and keeps both files', () => {
    expect(reference.requests).toHaveLength(3);
    expect(Object.keys(keptFiles(reference.report)).sort()).toEqual(['test/cart.testmaster.test.ts', 'test/money.testmaster.test.ts']);
    expect(reference.report?.run).toMatchObject({ resumed: false, reusedFromCache: 0, reusedFromResume: 0, replayedCalls: 0 });
  });

  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    it(`a run killed with ${signal} in the middle of generation resumes with exactly the calls it had not made, the same kept tests and the same spend`, async () => {
      const repo = await fixture();
      const killed = await runAndKill(repo, signal);
      if (signal === 'SIGINT') {
        expect(killed.status).toBe(1);
        expect(killed.stderr).toMatch(/Interrupted: run \S+ is saved; continue it with testmaster run --resume \S+/);
      } else {
        expect(killed.signalled).toBe('SIGKILL');
      }
      expect(killed.requests).toBeGreaterThanOrEqual(1);
      expect(killed.requests).toBeLessThan(3);
      // No partial file in the user's tree (the store lives in the git directory).
      expect(await gitStatus(repo.dir)).toBe('');

      const resumed = await runToEnd(repo, ['--resume']);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(/Resuming run \S+:/);
      // Exactly the calls the killed run had not made: together, as many as the uninterrupted run.
      expect(killed.requests + resumed.requests.length).toBe(reference.requests.length);
      expect(keptFiles(resumed.report)).toEqual(keptFiles(reference.report));
      expect(resumed.report?.run).toMatchObject({ resumed: true });
      // Finished phases are not repeated: the coverage measured before the kill is not measured again.
      expect(resumed.report?.timeline.filter((event) => event.type === 'runner-started')).toEqual([]);
      expect(resumed.report?.files.map((file) => file.head)).toEqual(reference.report?.files.map((file) => file.head));
      expect((resumed.report?.run?.replayedCalls ?? 0) + (resumed.report?.run?.reusedFromResume ?? 0)).toBeGreaterThan(0);
      // The budget carried over: the resumed run's ledger holds both runs' spend, which equals the reference's.
      expect(resumed.report?.budget?.llmCalls).toBe(reference.report?.budget?.llmCalls);
      expect(resumed.report?.budget?.costUsd).toBeCloseTo(reference.report?.budget?.costUsd ?? -1, 8);
      expect(resumed.report?.budget?.costUsd).toBeLessThanOrEqual(MAX_COST);
      expect(resumed.stderr).not.toContain(SECRET);
      expect(resumed.markdown).toContain('Resumed an interrupted run');
    });
  }

  it('a later run reuses the validated tests of an unchanged module with no model call, and writes tests again for a changed one', async () => {
    // The first run is the reference: an uninterrupted run on a fresh repository, with these settings.
    const repo = referenceRepo;
    const first = reference;
    expect(first.status, first.stderr).toBe(0);
    expect(first.requests).toHaveLength(3);

    // The same commits again: both modules reused, no call at all.
    const again = await runToEnd(repo);
    expect(again.status, again.stderr).toBe(0);
    expect(again.requests).toHaveLength(0);
    expect(keptFiles(again.report)).toEqual(keptFiles(first.report));
    expect(again.report?.run).toMatchObject({ resumed: false, reusedFromCache: 2 });
    const saved = (again.report?.run?.savedInputTokens ?? 0) + (again.report?.run?.savedOutputTokens ?? 0);
    expect(saved).toBe((first.report?.budget?.inputTokens ?? 0) + (first.report?.budget?.outputTokens ?? 0));
    expect(again.report?.budget).toMatchObject({ llmCalls: 0, costUsd: 0 });
    expect(again.markdown).toContain('Reused the tests of 2 modules from an earlier run');

    // A new push that changes cart.ts only: money's tests are reused, cart's are written again (one call).
    writeFileSync(join(repo.dir, 'src/cart.ts'), `${readFileSync(join(repo.dir, 'src/cart.ts'), 'utf8')}\nexport const CART_VERSION = 2;\n`);
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-qam', 'a new push'], { cwd: repo.dir });
    const pushed = await runToEnd(repo);
    expect(pushed.status, pushed.stderr).toBe(0);
    expect(pushed.requests).toHaveLength(1);
    expect(JSON.stringify(pushed.requests[0]!.body)).toContain('src/cart.ts');
    const money = pushed.report?.files.find((file) => file.path === 'src/money.ts');
    expect(money?.generation?.reused).toMatchObject({ source: 'cache' });
    expect(keptFiles(pushed.report)['test/money.testmaster.test.ts']).toBe(keptFiles(first.report)['test/money.testmaster.test.ts']);
  });

  it('a corrupt store is moved aside with a warning and the run starts fresh; a tampered cache entry is dropped and the tests written again', async () => {
    const repo = await fixture();
    const storePath = join(repo.dir, '.git', 'testmaster', 'store.sqlite');
    const first = await runToEnd(repo, ['--no-base']);
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(storePath)).toBe(true);

    // Tamper with a cached test file's content: its sha256 no longer matches, so the entry is refused.
    const db = new DatabaseSync(storePath);
    const rows = db.prepare('SELECT key, value FROM cache_entries').all() as { key: string; value: string }[];
    expect(rows.length).toBe(2);
    const target = rows.find((row) => row.value.includes('money.testmaster'))!;
    db.prepare('UPDATE cache_entries SET value = ? WHERE key = ?').run(target.value.replace('groups thousands of yen', 'process.env leak'), target.key);
    db.close();
    const tampered = await runToEnd(repo, ['--no-base']);
    expect(tampered.status, tampered.stderr).toBe(0);
    expect(tampered.stderr).toMatch(/warning: dropped an invalid cache entry/);
    expect(tampered.requests.map((request) => JSON.stringify(request.body).includes('src/money.ts'))).toEqual([true, true]);
    expect(keptFiles(tampered.report)['test/money.testmaster.test.ts']).toBe(keptFiles(first.report)['test/money.testmaster.test.ts']);

    // A damaged SQLite file in place of the store: a warning, a fresh store, a normal run (no crash,
    // nothing reused). A file without the SQLite header would be refused instead (test/security/).
    writeFileSync(storePath, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.from('this is not a SQLite database')]));
    const corrupt = await runToEnd(repo, ['--no-base']);
    expect(corrupt.status, corrupt.stderr).toBe(0);
    expect(corrupt.stderr).toMatch(/warning: .*moved it to .*store\.sqlite\.corrupt-\d+.* and started a fresh run store/);
    expect(corrupt.requests).toHaveLength(3);
    expect(keptFiles(corrupt.report)).toEqual(keptFiles(first.report));
    expect(corrupt.stderr.split('\n').filter((line) => line.startsWith('testmaster: '))).toEqual([]);
  });

  it('refuses --resume with a run id the store does not have, and --resume with --no-store, in one line each', async () => {
    const repo = await fixture();
    const unknown = await runToEnd(repo, ['--resume', 'no-such-run']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim().split('\n').at(-1)).toMatch(/^testmaster: no run no-such-run in the run store .*; check the id .* or run without --resume$/);
    const both = await runToEnd(repo, ['--resume', '--no-store']);
    expect(both.status).toBe(1);
    expect(both.stderr).toMatch(/^testmaster: --no-store and --resume contradict each other/m);
    expect(unknown.requests.length + both.requests.length).toBe(0);
  });
});
