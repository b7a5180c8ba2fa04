/**
 * The bundled action carries the pull request's run store between its runs with the Actions cache
 * (issue 6, item 3): the first run of the pull request writes tests with the model and saves the store
 * through @actions/cache to a local cache service (test/helpers/actions-cache-server/, the v1
 * protocol); the next run, on a fresh runner (its temp directory emptied), restores it and reuses the
 * validated tests of the unchanged modules with no model call. A cache service that fails costs one
 * warning and the run goes on.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsCacheEnv, startActionsCacheServer, type ActionsCacheServer } from '../helpers/actions-cache-server/index.js';
import { ensureBundle } from '../helpers/bundle.js';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { reportOf } from '../helpers/github-server/action-harness.js';
import { completionReply, startModelServer, type ModelServer, type RecordedRequest, type ScriptedReply } from '../helpers/model-server.js';
import { runActionAsync } from '../helpers/run-action.js';

const SECRET = 'sk-testmaster-cache-0123456789abcdefSECRET';
const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });
const MONEY = `import { describe, expect, it } from 'vitest';
import { splitEvenly } from '../src/money.js';

describe('splitEvenly', () => {
  it('spreads the remainder over the first shares', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('rejects a non-positive number of parts', () => {
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
  });
});
`;

function respond(request: RecordedRequest): ScriptedReply | undefined {
  if (!JSON.stringify(request.body).includes('src/money.ts')) return undefined;
  return completionReply({ content: JSON.stringify({ files: [{ path: 'test/money.testmaster.test.ts', content: MONEY, cases: [] }], notes: null }), usage: { prompt: 1200, completion: 200 } });
}

let model: ModelServer;
let cache: ActionsCacheServer;
let repo: FixtureRepo;
/** The runner's temp directory: the same path on every run (as on hosted runners), emptied between runs. */
let runnerTemp: string;

beforeAll(async () => {
  ensureBundle();
  model = await startModelServer();
  model.respondWith(respond);
  cache = await startActionsCacheServer();
  repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
  runnerTemp = mkdtempSync(join(tmpdir(), 'testmaster-runner-temp-'));
});
afterAll(async () => {
  await model.stop();
  await cache.stop();
  await repo.cleanup();
  rmSync(runnerTemp, { recursive: true, force: true });
});

async function runOnFreshRunner(runId: string) {
  rmSync(runnerTemp, { recursive: true, force: true });
  const { GITHUB_WORKSPACE: _workspace, ...cacheEnv } = actionsCacheEnv(cache, { workspace: repo.dir, runnerTemp });
  const first = model.requests.length;
  const run = await runActionAsync(repo, {
    inputs: {
      provider: 'openai', model: 'test-model', 'base-url': model.baseUrl, 'model-prices': PRICES,
      include: 'src/money.ts', reruns: '1', 'max-heal-attempts': '0',
    },
    env: { ...cacheEnv, RUNNER_TEMP: runnerTemp, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1', OPENAI_API_KEY: SECRET },
  });
  return { run, report: reportOf(run), calls: model.requests.length - first };
}

describe('the action keeps the run store in the Actions cache, per pull request', () => {
  it('saves the store after the first run and, on a fresh runner, restores it and reuses the tests with no model call', async () => {
    const first = await runOnFreshRunner('9001');
    expect(first.run.status, first.run.stdout).toBe(0);
    expect(first.calls).toBe(1);
    expect(first.report.run).toMatchObject({ reusedFromCache: 0 });
    const saved = cache.entries.committed().map((entry) => entry.key);
    expect(saved).toEqual(['testmaster-store-v1-pr7-9001-1']);
    const proposed = first.report.proposedFiles?.map((file) => file.content);
    expect(proposed).toHaveLength(1);

    const second = await runOnFreshRunner('9002');
    expect(second.run.status, second.run.stdout).toBe(0);
    expect(second.calls).toBe(0);
    expect(second.report.run).toMatchObject({ reusedFromCache: 1, savedInputTokens: 1200, savedOutputTokens: 200 });
    expect(second.report.proposedFiles?.map((file) => file.content)).toEqual(proposed);
    expect(second.run.summary).toContain('Reused the tests of 1 module from an earlier run');
    expect(cache.entries.committed().map((entry) => entry.key).sort()).toEqual(['testmaster-store-v1-pr7-9001-1', 'testmaster-store-v1-pr7-9002-1']);
    expect(cache.violations).toEqual([]);
    expect(`${second.run.stdout}${second.run.stderr}`).not.toContain(SECRET);
  });

  it('goes on with one warning when the cache service fails, and writes the tests again', async () => {
    cache.setFault({ kind: 'status', status: 500 });
    try {
      const run = await runOnFreshRunner('9003');
      expect(run.run.status, run.run.stdout).toBe(0);
      expect(run.calls).toBe(1);
      expect(run.report.proposedFiles).toHaveLength(1);
      expect(existsSync(join(runnerTemp, 'testmaster', 'store.sqlite'))).toBe(true);
      // One warning for the failed restore and one for the failed save; nothing else complains.
      const warnings = run.run.stdout.split('\n').filter((line) => line.startsWith('::warning'));
      expect(warnings, warnings.join('\n')).toHaveLength(2);
      expect(warnings.join('\n')).toMatch(/restore[\s\S]*save/i);
    } finally {
      cache.setFault(null);
    }
  });
});
