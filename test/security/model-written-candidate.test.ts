/**
 * A prompt-injected model answers with a hostile test file (hostile-pr.ts's attack, plus a fork bomb),
 * which TestMaster validates in its temporary worktree of the head: through the bundled CLI with a real
 * local model server and the model key in the environment. The candidate's every attempt must fail to
 * do harm, the run must end normally, and the candidate must not be proposed for what it tried.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { completionReply, startModelServer, type ModelServer } from '../helpers/model-server.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { ensureBundle } from '../helpers/bundle.js';
import { hostFilesWith, hostileFiles, hostileSetup, repoState, survivors, type HostileSetup } from './hostile-pr.js';

const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });

let setup: HostileSetup;
let server: ModelServer;
let repo: FixtureRepo;

beforeAll(async () => {
  ensureBundle();
  setup = await hostileSetup();
  server = await startModelServer();
  repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await setup?.cleanup();
  await repo?.cleanup();
});

describe('a hostile candidate from a prompt-injected model', () => {
  it('reads no secret, changes nothing outside its directory, leaves no process (a fork bomb and a SIGTERM-ignoring hang included), and the run ends normally', async () => {
    const key = `sk-${setup.secretMark}-key`;
    const attack = hostileFiles(setup, "import { splitEvenly } from '../src/money.js';").files['test/hostile.test.ts']!;
    const withBomb = attack.replace(
      "it('does nothing wrong, honestly', async () => {",
      `it('spreads nothing', () => {
  spawn('/bin/sh', ['-c', 'b() { b | b & }; b'], { detached: true, stdio: 'ignore', env: {} }).unref();
});

it('does nothing wrong, honestly', async () => {`,
    );
    // Last, a case that ignores SIGTERM and never ends, with a child that does the same: the file runs
    // into its time limit, and everything it started must still be gone.
    const withHang = `${withBomb}
it('waits for ever', () => {
  process.on('SIGTERM', () => {});
  spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)', P.mark + '-stubborn'], { stdio: 'ignore' });
  for (;;) {}
});
`;
    server.enqueue(completionReply({ content: JSON.stringify({ files: [{ path: 'test/money.testmaster.test.ts', content: withHang }], notes: null }) }));
    const before = repoState(repo.dir);
    const out = mkdtempSync(join(tmpdir(), 'testmaster-candidate-'));
    try {
      const run = await runCliAsync(
        ['run', '--repo', repo.dir, '--base', repo.base, '--provider', 'openai', '--model', 'test-model', '--base-url', server.baseUrl, '--model-prices', PRICES,
          '--include', 'src/money.ts', '--concurrency', '1', '--no-base', '--reruns', '1', '--max-heal-attempts', '0', '--candidate-timeout-seconds', '20',
          '--no-store', '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md')],
        { env: { PATH: process.env.PATH, HOME: process.env.HOME, OPENAI_API_KEY: key } },
      );
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as { isolation?: { level: string }; files: { path: string; generation?: { outcome: string } }[]; proposedFiles?: { path: string; content: string }[] };
      expect(report.isolation?.level).toBe('user');
      // The candidate reached the gate and ran into its time limit: nothing of it is proposed.
      const generation = report.files.find((file) => file.path === 'src/money.ts')?.generation as { outcome: string; reason: string | null } | undefined;
      expect(generation?.outcome).toMatch(/nothing-kept|failed/);
      expect(generation?.reason ?? '').toMatch(/time|limit/i);
      expect(report.proposedFiles ?? []).toEqual([]);
      expect(server.requests).toHaveLength(1);
      for (const text of [run.stdout, run.stderr, readFileSync(join(out, 'r.md'), 'utf8'), readFileSync(join(out, 'r.json'), 'utf8')]) {
        expect(text).not.toContain(setup.secretMark);
        expect(text.split('\n').some((line) => line.trimStart().startsWith(`::warning::${setup.mark}`))).toBe(false);
      }
      expect(hostFilesWith(setup, [setup.mark, setup.secretMark])).toEqual([]);
      expect(readFileSync(setup.githubEnv, 'utf8')).toBe('');
      expect(readFileSync(setup.homeFile, 'utf8')).toBe('# the user shell profile\n');
      expect(repoState(repo.dir)).toEqual(before);
      expect(survivors(setup.mark)).toEqual([]);
      expect(survivors('b() { b | b & }; b')).toEqual([]);
      expect(setup.server.connections()).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
