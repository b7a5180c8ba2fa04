/**
 * Generation end to end through the bundled CLI: the vitest-ts fixture (real git history, real Vitest 5)
 * and a real local OpenAI-compatible server (test/helpers/model-server.ts) that the real `openai` SDK
 * talks to over HTTP. Each scenario scripts the model's answers and asserts the outcome: what was kept,
 * that the kept file passes when Vitest itself runs it, that coverage rises by what the report says
 * (checked against Vitest's own coverage-final.json), what the budget charged, that no secret reaches
 * an output, that nothing is written outside the allowed paths, and that hung and endless cases end.
 *
 * The first scenario runs with the defaults (base coverage measured, each kept file run three times);
 * the others look at neither base coverage nor the reruns, so they skip the base and run each
 * candidate once, which spares a worktree and two runner processes per candidate.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';
import { changedLinesFromGit, expectedFor, readCoverageFinal } from '../helpers/expected-figures.js';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { completionReply, errorReply, startModelServer, type ModelServer, type RecordedRequest } from '../helpers/model-server.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { DEFAULT_OPENAI_MODEL } from '../../src/model/model-settings.js';
import { runActionAsync } from '../helpers/run-action.js';
import { coverageByHand, gitStatus } from '../helpers/runner-harness.js';

const SECRET = 'sk-testmaster-e2e-0123456789abcdefSECRET';
const MODULE = 'src/money.ts';
/** Beside the module's own test (test/money.test.ts), as the repository lays tests out. */
const TEST_PATH = 'test/money.testmaster.test.ts';
const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });

const GOOD_CASES = `describe('splitEvenly', () => {
  it('spreads the remainder over the first shares', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('spreads a negative remainder', () => {
    expect(splitEvenly(-10, 3)).toEqual([-4, -3, -3]);
  });
  it('rejects a non-positive number of parts', () => {
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
  });
});

describe('formatPrice', () => {
  it('groups thousands of yen', () => {
    expect(formatPrice(1234567, 'JPY')).toBe('¥1,234,567');
  });
  it('formats dollars and cents again', () => {
    expect(formatPrice(1234)).toBe('$12.34');
  });
});
`;
const GOOD_FILE = `import { describe, expect, it } from 'vitest';\nimport { formatPrice, splitEvenly } from '../src/money.js';\n\n${GOOD_CASES}`;
/** A bad import and one wrong assertion. */
const BAD_FILE = `import { describe, expect, it } from 'vitest';\nimport { formatPrice, splitEvenly } from '../src/money-utils.js';\n\n${GOOD_CASES.replace('[4, 3, 3]', '[3, 3, 4]')}`;

function answer(content: string, path: string = TEST_PATH, notes: string | null = null): string {
  return JSON.stringify({ files: [{ path, content, cases: [] }], notes });
}

let server: ModelServer;
const cleanups: (() => void | Promise<void>)[] = [];
beforeAll(async () => {
  server = await startModelServer();
});
afterAll(async () => {
  await server.stop();
  for (const cleanup of cleanups) await cleanup();
});
afterEach(() => {
  // Every scripted reply must have been used: a leftover means a call the scenario expected was not made.
  expect(server.clear()).toBe(0);
});

interface Scenario {
  readonly repo: FixtureRepo;
  readonly report: RunReport | null;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly requests: readonly RecordedRequest[];
  readonly markdown: string;
}

interface Target {
  readonly fixture: string;
  readonly toolchain: 'vitest5' | 'vitest1' | 'jest30' | 'workspaces';
  readonly module: string;
  readonly variants?: readonly string[];
}
const VITEST_TARGET: Target = { fixture: 'vitest-ts', toolchain: 'vitest5', module: MODULE };
/** For scenarios that look at neither base coverage nor the flakiness reruns. */
const QUICK = ['--no-base', '--reruns', '1'] as const;

async function runScenario(extraArgs: readonly string[] = [], target: Target = VITEST_TARGET, quick = true): Promise<Scenario> {
  const repo = await makeFixtureRepo(target.fixture, { toolchain: target.toolchain, variants: target.variants ?? [] });
  cleanups.push(repo.cleanup);
  const out = mkdtempSync(join(tmpdir(), 'testmaster-gen-e2e-'));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  const firstRequest = server.requests.length;
  const run = await runCliAsync(
    [
      'run', '--repo', repo.dir, '--base', repo.base,
      '--provider', 'openai', '--model', 'test-model', '--base-url', server.baseUrl, '--model-prices', PRICES,
      '--include', target.module, '--concurrency', '1',
      '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md'),
      ...(quick ? QUICK : []),
      ...extraArgs,
    ],
    { env: { ...process.env, OPENAI_API_KEY: SECRET } },
  );
  const reportPath = join(out, 'r.json');
  return {
    repo,
    report: existsSync(reportPath) ? parseJsonReport(readFileSync(reportPath, 'utf8')) : null,
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    durationMs: run.durationMs,
    requests: server.requests.slice(firstRequest),
    markdown: existsSync(join(out, 'r.md')) ? readFileSync(join(out, 'r.md'), 'utf8') : '',
  };
}

function moduleReport(report: RunReport | null) {
  const file = report?.files.find((entry) => entry.path === MODULE);
  if (!file) throw new Error(`no report entry for ${MODULE}`);
  return file;
}

/** Vitest's own coverage of the module, run by hand on the whole suite of the checkout. */
async function vitestCoverage(repo: FixtureRepo, module: string = MODULE) {
  const run = await coverageByHand(repo.dir, (dir) => [
    'node_modules/vitest/vitest.mjs', 'run', '--coverage.enabled', '--coverage.reporter=json', `--coverage.reportsDirectory=${dir}`, `--coverage.include=${module}`,
  ]);
  expect(run.code, run.stderr).toBe(0);
  const tmp = mkdtempSync(join(tmpdir(), 'testmaster-cov-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const file = join(tmp, 'coverage-final.json');
  writeFileSync(file, JSON.stringify(run.coverage));
  const coverage = readCoverageFinal(file, repo.dir).get(module);
  if (!coverage) throw new Error('vitest reported no coverage for the module');
  return expectedFor(coverage, changedLinesFromGit(repo.dir, repo.base, repo.head).get(module) ?? []);
}

function assertNoSecret(scenario: Scenario): void {
  expect(scenario.stdout).not.toContain(SECRET);
  expect(scenario.stderr).not.toContain(SECRET);
  expect(scenario.markdown).not.toContain(SECRET);
  expect(JSON.stringify(scenario.report)).not.toContain(SECRET);
  for (const request of scenario.requests) expect(JSON.stringify(request.body)).not.toContain(SECRET);
}

describe('testmaster run --provider openai (generation end to end)', () => {
  it('heals a bad import and a wrong assertion on the second turn; the kept file passes under Vitest and adds the coverage the report says', async () => {
    server.enqueue(
      completionReply({ content: answer(BAD_FILE), usage: { prompt: 2100, completion: 400 } }),
      completionReply({ content: answer(GOOD_FILE), usage: { prompt: 2900, completion: 420 } }),
    );
    const run = await runScenario(['--write'], VITEST_TARGET, false);
    expect(run.stderr).not.toMatch(/^testmaster: /m);
    expect(run.status).toBe(0);
    expect(run.requests).toHaveLength(2);
    // The healing turn carried the failures and the import error back.
    const healing = JSON.stringify(run.requests[1]!.body);
    expect(healing).toContain('money-utils');
    expect(healing).toContain('still not covered');

    const file = moduleReport(run.report);
    expect(file.generation).toMatchObject({ outcome: 'kept', turns: 2, llmCalls: 2, inputTokens: 5000, outputTokens: 820 });
    const proposed = run.report!.proposedFiles ?? [];
    expect(proposed.map((entry) => entry.path)).toEqual([TEST_PATH]);
    const kept = proposed[0]!;
    expect(kept.kept.map((entry) => entry.name).sort()).toEqual([
      'formatPrice > groups thousands of yen',
      'splitEvenly > rejects a non-positive number of parts',
      'splitEvenly > spreads a negative remainder',
      'splitEvenly > spreads the remainder over the first shares',
    ]);
    expect(kept.dropped).toContainEqual({ name: 'formatPrice > formats dollars and cents again', reason: 'adds no coverage' });
    expect(run.report!.budget).toMatchObject({ llmCalls: 2, inputTokens: 5000, outputTokens: 820, costUsd: 0.00664, stoppedByBudget: false });

    // Written in place (--write) and under .testmaster/proposed/; the user's tree has nothing else new.
    expect(readFileSync(join(run.repo.dir, TEST_PATH), 'utf8')).toBe(kept.content);
    expect(readFileSync(join(run.repo.dir, '.testmaster/proposed', `${TEST_PATH}.txt`), 'utf8')).toBe(kept.content);
    expect(await gitStatus(run.repo.dir)).toBe(`?? ${TEST_PATH}\n`);

    // Vitest itself, on the whole suite with the kept file in place: passes, and the patch figures are the report's.
    const measured = await vitestCoverage(run.repo);
    expect(file.proposed?.patch).toEqual({ ...measured.patch, partialLines: file.proposed?.patch.partialLines });
    expect(measured.patch.covered).toBeGreaterThan(file.head!.patch.covered);
    expect(run.report!.proposedPatch?.covered).toBe(measured.patch.covered);
    assertNoSecret(run);
  });

  it('heals the one failing case of a file whose other cases were kept, and keeps the better file', async () => {
    const oneWrong = GOOD_FILE.replace('[4, 3, 3]', '[3, 3, 4]');
    server.enqueue(completionReply({ content: answer(oneWrong) }), completionReply({ content: answer(GOOD_FILE) }));
    const run = await runScenario();
    expect(run.status, run.stderr).toBe(0);
    expect(run.requests).toHaveLength(2);
    const healing = JSON.stringify(run.requests[1]!.body);
    expect(healing).toContain('spreads the remainder over the first shares');
    expect(moduleReport(run.report).generation).toMatchObject({ outcome: 'kept', turns: 2 });
    expect(run.report!.proposedFiles?.[0]?.kept.map((entry) => entry.name)).toContain('splitEvenly > spreads the remainder over the first shares');
    expect(run.report!.possibleBugs).toEqual([]);
  });

  it('reports a failing case that matches the documented intent as a possible bug, never as a proposed test', async () => {
    const target: Target = { ...VITEST_TARGET, module: 'src/percent.ts', variants: ['documented-bug'] };
    const file = `import { describe, expect, it } from 'vitest';
import { percentOf } from '../src/percent.js';

describe('percentOf', () => {
  it('takes half of an amount', () => {
    expect(percentOf(200, 50)).toBe(100);
  });
  it('rounds half up to whole cents', () => {
    expect(percentOf(250, 1)).toBe(3);
  });
  it('rejects a negative percent', () => {
    expect(() => percentOf(100, -1)).toThrow(RangeError);
  });
});
`;
    server.enqueue(completionReply({ content: answer(file, 'test/percent.testmaster.test.ts') }));
    const run = await runScenario([], target);
    expect(run.status, run.stderr).toBe(0);
    // Not healed away: one call, and the failing case is a possible bug.
    expect(run.requests).toHaveLength(1);
    expect(run.report!.possibleBugs).toEqual([
      expect.objectContaining({ file: 'src/percent.ts', testName: 'percentOf > rounds half up to whole cents', evidence: expect.stringContaining('doc comment of percentOf') }),
    ]);
    const proposed = run.report!.proposedFiles?.[0];
    expect(proposed?.content).not.toContain('rounds half up');
    expect(proposed?.kept.map((entry) => entry.name).sort()).toEqual(['percentOf > rejects a negative percent', 'percentOf > takes half of an amount']);
    expect(run.markdown).toContain('Possible bugs');
  });

  it('keeps a table-driven answer by its loop and .each (rows that add nothing cut), reports a case pinning a bundler define, and the proposed file passes under Vitest', async () => {
    const tableDriven = `import { describe, expect, it } from 'vitest';
import { formatPrice, splitEvenly } from '../src/money.js';

const cases = [
  { input: [10, 3], want: [4, 3, 3] },
  { input: [-10, 3], want: [-4, -3, -3] },
  { input: [9, 3], want: [3, 3, 3] },
] as const;

describe('splitEvenly', () => {
  for (const t of cases) {
    it(JSON.stringify(t.input), () => {
      expect(splitEvenly(t.input[0], t.input[1])).toEqual(t.want);
    });
  }
});

describe('formatPrice', () => {
  it.each([
    [1234567, 'JPY', '¥1,234,567'],
    [1234, 'USD', '$12.34'],
  ] as const)('formats %i in %s', (cents, currency, want) => {
    expect(formatPrice(cents, currency)).toBe(want);
  });

  it('reads the build flags', () => {
    // @ts-expect-error defined by the bundler in the application build
    expect(() => formatPrice(FEATURE_FLAGS.cents)).toThrow('FEATURE_FLAGS is not defined');
  });
});
`;
    server.enqueue(completionReply({ content: answer(tableDriven) }));
    const run = await runScenario(['--write']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.requests).toHaveLength(1);
    const proposed = run.report!.proposedFiles?.[0];
    if (proposed === undefined) throw new Error(`nothing proposed: ${JSON.stringify(moduleReport(run.report).generation)}`);
    // The loop and the .each stay; each keeps only its rows that add coverage; the pinning case is gone.
    expect(proposed.content).toContain('for (const t of cases)');
    expect(proposed.content).toContain("const cases = [\n  { input: [10, 3], want: [4, 3, 3] },\n  { input: [-10, 3], want: [-4, -3, -3] },\n] as const;");
    expect(proposed.content).toContain("it.each([\n    [1234567, 'JPY', '¥1,234,567'],\n  ] as const)");
    expect(proposed.content).not.toContain('FEATURE_FLAGS');
    expect(proposed.kept.map((entry) => entry.name).sort()).toEqual([
      'formatPrice > formats %i in %s (generated at line 18, case 1)',
      'splitEvenly > … (generated at line 11, case 1)',
      'splitEvenly > … (generated at line 11, case 2)',
    ]);
    expect(proposed.dropped).toContainEqual({
      name: 'formatPrice > reads the build flags',
      reason: 'the code needs `FEATURE_FLAGS`, which the test environment lacks; not proposed (such a test fails wherever it exists)',
    });
    // No name the tests computed at run time is published.
    expect(JSON.stringify(run.report)).not.toContain('[10,3]');
    expect(run.markdown).toContain('which the test environment lacks');

    // Vitest itself, on the whole suite with the proposed file in place: passes, and the figures are the report's.
    expect(readFileSync(join(run.repo.dir, TEST_PATH), 'utf8')).toBe(proposed.content);
    const measured = await vitestCoverage(run.repo);
    const file = moduleReport(run.report);
    expect(file.proposed?.patch).toEqual({ ...measured.patch, partialLines: file.proposed?.patch.partialLines });
    expect(measured.patch.covered).toBeGreaterThan(file.head!.patch.covered);
  });

  it('keeps cases taking the sides of a ?: and || the existing tests never take, though V8 reports no block for a side taken every call', async () => {
    // variants/v8-blocks: src/slug.ts, whose own test always strips a slash; ': path' and "|| '/'" never run.
    // Vitest 1's v8 provider gives V8's blocks as they are (type `branch`); Vitest 4 and later remap them onto the syntax tree.
    const target: Target = { fixture: 'vitest-ts', toolchain: 'vitest1', module: 'src/slug.ts', variants: ['v8-blocks'] };
    const testPath = 'test/slug.testmaster.test.ts';
    const file = `import { describe, expect, it } from 'vitest';
import { trimTrailingSlash } from '../src/slug.js';

describe('trimTrailingSlash', () => {
  it('leaves a path without a trailing slash alone', () => {
    expect(trimTrailingSlash('/docs?page=2')).toBe('/docs?page=2');
  });
  it('keeps the root', () => {
    expect(trimTrailingSlash('/')).toBe('/');
  });
});
`;
    server.enqueue(completionReply({ content: answer(file, testPath) }));
    // Vitest 1's Vite writes the bundled config beside it: in the sandbox it is kept in memory (vite-config-loader.ts).
    const run = await runScenario(['--write'], target);
    expect(run.status, run.stderr).toBe(0);
    const entry = run.report?.files.find((item) => item.path === 'src/slug.ts');
    const proposed = run.report?.proposedFiles?.[0];
    if (proposed === undefined) throw new Error(`nothing proposed: ${JSON.stringify(entry?.generation)}`);
    expect(proposed.kept.map((item) => item.name).sort()).toEqual(['trimTrailingSlash > keeps the root', 'trimTrailingSlash > leaves a path without a trailing slash alone']);
    // The prompt quoted the code that never ran instead of "path 1 of 1 of the branch".
    expect(JSON.stringify(run.requests[0]?.body)).toContain('never runs');
    // Vitest itself, with the proposed file in place: the changed lines are fully covered, as the report says.
    const measured = await vitestCoverage(run.repo, 'src/slug.ts');
    expect(measured.patch.partial).toBe(0);
    expect(entry?.proposed?.patch).toEqual({ ...measured.patch, partialLines: entry?.proposed?.patch.partialLines });
    expect(entry?.head?.patch.partial).toBeGreaterThan(0);
  });

  it('takes an answer in prose with a fenced block', async () => {
    server.enqueue(completionReply({ content: `Here are the tests you asked for.\n\n\`\`\`ts\n${GOOD_FILE}\`\`\`\n\nThey cover splitEvenly.` }));
    const run = await runScenario();
    expect(run.status, run.stderr).toBe(0);
    expect(moduleReport(run.report).generation?.outcome).toBe('kept');
    expect(run.report!.proposedFiles?.[0]?.kept.length).toBe(4);
    // Not written in place without --write; the copy is under .testmaster/proposed/ (ignored by git).
    expect(existsSync(join(run.repo.dir, TEST_PATH))).toBe(false);
    expect(existsSync(join(run.repo.dir, '.testmaster/proposed', `${TEST_PATH}.txt`))).toBe(true);
    expect(await gitStatus(run.repo.dir)).toBe('');
    // The patch applies with git and adds exactly the proposed file.
    execFileSync('git', ['apply', join(run.repo.dir, '.testmaster/proposed/proposed.patch')], { cwd: run.repo.dir });
    expect(readFileSync(join(run.repo.dir, TEST_PATH), 'utf8')).toBe(run.report!.proposedFiles![0]!.content);
  });

  it('repairs a truncated answer with one more turn', async () => {
    server.enqueue(
      completionReply({ content: answer(GOOD_FILE).slice(0, 200), finishReason: 'length' }),
      completionReply({ content: answer(GOOD_FILE) }),
    );
    const run = await runScenario();
    expect(run.status, run.stderr).toBe(0);
    expect(run.requests).toHaveLength(2);
    expect(JSON.stringify(run.requests[1]!.body)).toMatch(/truncated|cut off|complete/i);
    expect(moduleReport(run.report).generation).toMatchObject({ outcome: 'kept', llmCalls: 2 });
  });

  it('waits out a 429 with Retry-After, then succeeds; both attempts count as calls', async () => {
    server.enqueue(
      errorReply(429, { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after': '1' }),
      completionReply({ content: answer(GOOD_FILE), usage: { prompt: 2000, completion: 300 } }),
    );
    const run = await runScenario();
    expect(run.status, run.stderr).toBe(0);
    expect(run.requests).toHaveLength(2);
    expect(moduleReport(run.report).generation).toMatchObject({ outcome: 'kept', llmCalls: 2 });
    expect(run.report!.budget).toMatchObject({ llmCalls: 2, inputTokens: 2000, outputTokens: 300 });
  });

  it('stops at once on insufficient_quota, with one line and no retry', async () => {
    server.enqueue(errorReply(429, { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' }));
    const run = await runScenario();
    expect(run.status).toBe(1);
    expect(run.requests).toHaveLength(1);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('testmaster: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/quota/i);
    expect(await gitStatus(run.repo.dir)).toBe('');
    assertNoSecret(run);
  });

  it('gives up on a hung connection at the request timeout and reports the module as failed', async () => {
    server.enqueue('hang');
    const run = await runScenario(['--request-timeout-seconds', '2', '--max-retries', '0']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.requests).toHaveLength(1);
    const generation = moduleReport(run.report).generation;
    expect(generation?.outcome).toBe('failed');
    expect(generation?.reason).toMatch(/timed out|timeout/i);
    // No answer: the attempt is charged its worst case, as the provider may bill it.
    expect(run.report!.budget?.llmCalls).toBe(1);
    expect(run.report!.budget?.costUsd).toBeGreaterThan(0);
    expect(run.durationMs).toBeLessThan(120_000);
  });

  it('never writes where the model says when the path escapes the repository', async () => {
    server.enqueue(completionReply({ content: answer(GOOD_FILE, '../../escaped.testmaster.test.ts') }));
    const run = await runScenario(['--write']);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(dirname(run.repo.dir), 'escaped.testmaster.test.ts'))).toBe(false);
    expect(existsSync(join(dirname(dirname(run.repo.dir)), 'escaped.testmaster.test.ts'))).toBe(false);
    expect(run.report!.proposedFiles?.map((entry) => entry.path)).toEqual([TEST_PATH]);
    expect(await gitStatus(run.repo.dir)).toBe(`?? ${TEST_PATH}\n`);
  });

  it('runs a test that prints the environment without the secret in its environment or in any output', async () => {
    const envFile = GOOD_FILE.replace(
      "it('spreads a negative remainder', () => {",
      "it('spreads a negative remainder', () => {\n    console.log(JSON.stringify(process.env));\n    expect(process.env.OPENAI_API_KEY).toBeUndefined();",
    );
    server.enqueue(completionReply({ content: answer(envFile) }));
    const run = await runScenario();
    expect(run.status, run.stderr).toBe(0);
    // The case asserting the key is absent passed (so the child had no key), and it was kept.
    expect(run.report!.proposedFiles?.[0]?.kept.map((entry) => entry.name)).toContain('splitEvenly > spreads a negative remainder');
    assertNoSecret(run);
  });

  it('does not propose a test that changes the module under test, and keeps the figures of the others true', async () => {
    const tampering = GOOD_FILE.replace(
      "import { formatPrice, splitEvenly } from '../src/money.js';",
      "import { formatPrice, splitEvenly } from '../src/money.js';\nimport { appendFileSync } from 'node:fs';\nimport { fileURLToPath } from 'node:url';\n\nappendFileSync(fileURLToPath(new URL('../src/money.ts', import.meta.url)), '\\n// touched by a test\\n');",
    );
    server.enqueue(completionReply({ content: answer(tampering) }));
    const run = await runScenario(['--max-heal-attempts', '0']);
    expect(run.status, run.stderr).toBe(0);
    const generation = moduleReport(run.report).generation;
    expect(generation?.outcome).toBe('nothing-kept');
    // The sandbox shows the checkout read-only: the write is refused, the file fails and nothing is kept.
    expect(generation?.reason).toMatch(/the test file failed: (EACCES|EROFS)/);
    expect(run.report!.proposedFiles).toEqual([]);
    expect(await gitStatus(run.repo.dir)).toBe('');
  });

  it('cuts off a test that never ends at the candidate limit', async () => {
    const endless = GOOD_FILE.replace("it('spreads a negative remainder', () => {", "it('spreads a negative remainder', () => {\n    for (;;) {}");
    server.enqueue(completionReply({ content: answer(endless) }));
    const run = await runScenario(['--candidate-timeout-seconds', '6', '--max-heal-attempts', '0']);
    expect(run.status, run.stderr).toBe(0);
    const generation = moduleReport(run.report).generation;
    expect(generation?.outcome).toBe('nothing-kept');
    expect(generation?.reason).toMatch(/time|limit|killed/i);
    expect(run.durationMs).toBeLessThan(120_000);
    expect(await gitStatus(run.repo.dir)).toBe('');
  });

  it('makes no call when the first call cannot fit the budget, and says which limit', async () => {
    const run = await runScenario(['--max-cost-usd', '0.000001']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.requests).toHaveLength(0);
    const generation = moduleReport(run.report).generation;
    expect(generation?.outcome).toBe('skipped-budget');
    expect(generation?.reason).toContain('max-cost-usd');
    expect(run.report!.budget).toMatchObject({ llmCalls: 0, costUsd: 0, stoppedByBudget: true });
  });

  it('--estimate prints the worst case without calling the model', async () => {
    const run = await runScenario(['--estimate']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.requests).toHaveLength(0);
    const estimate = run.report!.estimate;
    expect(estimate?.modules.map((entry) => entry.path)).toEqual([MODULE]);
    // 1 answer + 1 repair + 2 healing turns x (answer + repair), each up to 3 attempts (2 retries).
    expect(estimate?.llmCalls).toBe(18);
    expect(estimate?.costUsd).toBeGreaterThan(0);
    expect(run.report!.proposedFiles).toEqual([]);
  });

  it('with a key and nothing else (as in the README workflow) runs the OpenAI API\'s default model and names it, in the run and in --estimate', async () => {
    const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
    cleanups.push(repo.cleanup);
    const out = mkdtempSync(join(tmpdir(), 'testmaster-gen-e2e-'));
    cleanups.push(() => rmSync(out, { recursive: true, force: true }));
    // Only the endpoint is redirected to the local server; the provider stays the OpenAI API.
    const keyOnly = (extra: readonly string[], name: string) =>
      runCliAsync(
        ['run', '--repo', repo.dir, '--base', repo.base, '--model-provider', 'openai', '--base-url', server.baseUrl, '--include', MODULE, '--report-json', join(out, `${name}.json`), '--report-md', join(out, `${name}.md`), ...QUICK, ...extra],
        { env: { ...process.env, OPENAI_API_KEY: SECRET } },
      );
    const estimate = await keyOnly(['--estimate'], 'estimate');
    expect(estimate.status, estimate.stderr).toBe(0);
    const estimated = parseJsonReport(readFileSync(join(out, 'estimate.json'), 'utf8'));
    expect(estimated.estimate?.model).toBe(DEFAULT_OPENAI_MODEL);
    expect(readFileSync(join(out, 'estimate.md'), 'utf8')).toContain(`Worst case for \`${DEFAULT_OPENAI_MODEL}\``);

    const first = server.requests.length;
    server.enqueue(completionReply({ content: answer(GOOD_FILE), usage: { prompt: 2100, completion: 400 } }));
    const run = await keyOnly([], 'run');
    expect(run.status, run.stderr).toBe(0);
    const requests = server.requests.slice(first);
    expect(requests.map((request) => (request.body as { model?: string }).model)).toEqual([DEFAULT_OPENAI_MODEL]);
    // The prompt says which Node the tests run on, as the sandboxed node answered (the test's own here).
    expect(JSON.stringify(requests[0]!.body)).toMatch(/## Runtime\\nThe tests run on Node v\d+\.\d+\.\d+\./);
    const report = parseJsonReport(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(report.providerNote).toContain(`${DEFAULT_OPENAI_MODEL} (the default for the OpenAI API)`);
    expect(readFileSync(join(out, 'run.md'), 'utf8')).toContain(`${DEFAULT_OPENAI_MODEL} (the default for the OpenAI API)`);
    expect(report.files.find((entry) => entry.path === MODULE)?.generation?.outcome).toBe('kept');
  }, 360_000);
});

describe('testmaster run --provider openai on a Jest (CommonJS) project', () => {
  const target: Target = { fixture: 'jest-js', toolchain: 'jest30', module: 'src/reorder.js' };
  const testPath = '__tests__/reorder.testmaster.test.js';
  const file = `const { planReorder } = require('../src/reorder');

function inventoryOf(levels) {
  return { available: (sku) => levels[sku] ?? 0 };
}

describe('planReorder', () => {
  it('leaves out quotes slower than maxLeadDays', async () => {
    const supplier = { quote: async (sku) => (sku === 'bolt' ? { unitCents: 5, leadDays: 9 } : { unitCents: 3, leadDays: 2 }) };
    const plan = await planReorder(inventoryOf({}), { bolt: 4, nut: 2 }, supplier, { maxLeadDays: 5 });
    expect(plan).toEqual([{ sku: 'nut', quantity: 4, unitCents: 3, leadDays: 2 }]);
  });
  it('skips skus at or above their reorder point', async () => {
    const supplier = { quote: async () => ({ unitCents: 1, leadDays: 1 }) };
    expect(await planReorder(inventoryOf({ nut: 9 }), { nut: 2 }, supplier)).toEqual([]);
  });
});
`;

  it('keeps a CommonJS test with Jest globals that covers the new option, and Jest itself passes it', async () => {
    server.enqueue(completionReply({ content: answer(file, testPath), usage: { prompt: 1500, completion: 300 } }));
    const run = await runScenario(['--write'], target);
    expect(run.stderr).not.toMatch(/^testmaster: /m);
    expect(run.status).toBe(0);
    // The prompt told the model the Jest conventions of this package.
    const prompt = JSON.stringify(run.requests[0]!.body);
    expect(prompt).toContain('Jest');
    expect(prompt).toContain('require');
    const report = run.report!;
    const entry = report.files.find((item) => item.path === target.module)!;
    expect(entry.generation).toMatchObject({ outcome: 'kept', llmCalls: 1 });
    expect(report.proposedFiles?.[0]?.kept.map((item) => item.name)).toEqual(['planReorder > leaves out quotes slower than maxLeadDays']);
    expect(report.proposedFiles?.[0]?.dropped).toEqual([{ name: 'planReorder > skips skus at or above their reorder point', reason: 'adds no coverage' }]);
    expect(entry.proposed!.patch.missingLines).toEqual([]);
    expect(entry.head!.patch.missingLines.length).toBeGreaterThan(0);
    // Jest, run by hand on the written file: it passes.
    const jest = await coverageByHand(run.repo.dir, (dir) => ['node_modules/jest/bin/jest.js', '--ci', testPath, '--coverage', '--coverageReporters=json', `--coverageDirectory=${dir}`]);
    expect(jest.code, jest.stderr).toBe(0);
    assertNoSecret(run);
  });
});

describe('the bundled action with a model', () => {
  it('proposes the kept tests in the job summary and the runner temp directory, with the key masked and kept out of outputs', async () => {
    server.enqueue(completionReply({ content: answer(GOOD_FILE) }));
    const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
    cleanups.push(repo.cleanup);
    const action = await runActionAsync(repo, {
      inputs: { provider: 'openai', model: 'test-model', 'base-url': server.baseUrl, 'model-prices': PRICES, include: MODULE, 'api-key': SECRET, 'measure-base': 'false', reruns: '1' },
    });
    cleanups.push(action.cleanup);
    expect(action.status, action.stdout).toBe(0);
    const copy = join(action.runnerTemp, 'testmaster', 'proposed', `${TEST_PATH}.txt`);
    expect(readFileSync(copy, 'utf8')).toContain("describe('splitEvenly'");
    expect(action.summary).toContain('Proposed tests');
    // The key is sent to the model server as the bearer token, registered as a secret (the runner then
    // masks it), and appears nowhere else: not in the summary, the reports or any other output line.
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(action.stdout).toContain(`::add-mask::${SECRET}`);
    const otherLines = action.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(otherLines.join('\n')).not.toContain(SECRET);
    expect(action.summary).not.toContain(SECRET);
    expect(readFileSync(action.outputs['report-json']!, 'utf8')).not.toContain(SECRET);
    expect(await gitStatus(repo.dir)).toBe('');
  });
});

describe('testmaster run --provider hybrid', () => {
  it('lets the zero-token generator cover what it can and sends the model only the lines it left', async () => {
    const target: Target = { ...VITEST_TARGET, module: 'src/basket.ts', variants: ['hybrid-split'] };
    const modelFile = `import { describe, expect, it } from 'vitest';
import { Basket, basketTotal } from '../src/basket.js';

describe('basketTotal', () => {
  it('adds the handling fee to the sum of the items', () => {
    const basket = new Basket();
    basket.items.push(40, 80);
    expect(basketTotal(basket)).toBe(125);
  });
});
`;
    server.enqueue(completionReply({ content: answer(modelFile, 'test/basket.testmaster-2.test.ts'), usage: { prompt: 1500, completion: 200 } }));
    const run = await runScenario(['--provider', 'hybrid'], target);
    expect(run.status, run.stderr).toBe(0);
    const report = run.report!;
    expect(report.provider).toBe('hybrid');
    // One model call, whose prompt names only basketTotal's lines as uncovered: handlingFee and the
    // Basket constructor (new Basket()) are the zero-token tests'.
    expect(run.requests).toHaveLength(1);
    const prompt = JSON.stringify(run.requests[0]!.body);
    expect(prompt).toMatch(/never executed by the existing tests[^.]*: 14-15\./);
    const files = report.proposedFiles ?? [];
    expect(files.map((file) => [file.path, file.provider])).toEqual([
      ['test/basket.testmaster.test.ts', 'offline'],
      ['test/basket.testmaster-2.test.ts', 'model'],
    ]);
    expect(files[0]!.content).toContain('handlingFee(');
    expect(files[0]!.content).toContain('new Basket(');
    expect(files[0]!.content).not.toContain('basketTotal(');
    expect(report.coveredBy?.offline).toBeGreaterThan(0);
    expect(report.coveredBy?.model).toBeGreaterThan(0);
    const entry = report.files.find((file) => file.path === target.module)!;
    expect(entry.generation).toMatchObject({ outcome: 'kept', llmCalls: 1, provider: 'model' });
    expect(entry.proposed!.patch.missingLines).toEqual([]);
    expect(run.markdown).toContain('Written by the zero-token generator first, then the model');
  });
});

describe('testmaster run --provider openai in an npm workspaces monorepo', () => {
  it('validates a co-located candidate in its own package and proposes it there', async () => {
    const target: Target = { fixture: 'monorepo-npm', toolchain: 'workspaces', module: 'packages/core/src/retry.ts' };
    const testPath = 'packages/core/src/retry.testmaster.test.ts';
    const file = `import { describe, expect, it } from 'vitest';
import { backoffDelay, retry } from './retry.js';

describe('retry', () => {
  it('stops at the first error when shouldRetry says so', async () => {
    let calls = 0;
    const task = async (): Promise<never> => {
      calls += 1;
      throw new Error('nope');
    };
    await expect(retry(task, { attempts: 5, delayMs: 1, sleep: async () => undefined, shouldRetry: () => false })).rejects.toThrow('nope');
    expect(calls).toBe(1);
  });
});

describe('backoffDelay', () => {
  it('caps the delay at 30 seconds', () => {
    expect(backoffDelay(20_000, 3)).toBe(30_000);
  });
});
`;
    server.enqueue(completionReply({ content: answer(file, testPath) }));
    const run = await runScenario(['--write'], target);
    expect(run.stderr).not.toMatch(/^testmaster: /m);
    expect(run.status).toBe(0);
    expect(JSON.stringify(run.requests[0]!.body)).toContain(testPath);
    const entry = run.report!.files.find((item) => item.path === target.module)!;
    expect(entry.generation).toMatchObject({ outcome: 'kept' });
    expect(run.report!.proposedFiles?.map((item) => [item.path, item.kept.length])).toEqual([[testPath, 1]]);
    // backoffDelay's one line is already run by the existing retry tests: that case adds nothing.
    expect(run.report!.proposedFiles?.[0]?.dropped).toEqual([{ name: 'backoffDelay > caps the delay at 30 seconds', reason: 'adds no coverage' }]);
    expect(entry.proposed!.patch.covered).toBeGreaterThan(entry.head!.patch.covered);
    // Vitest, run by hand in the package on the written file, passes.
    const byHand = await coverageByHand(join(run.repo.dir, 'packages/core'), (dir) => [
      '../../node_modules/vitest/vitest.mjs', 'run', 'src/retry.testmaster.test.ts', '--coverage.enabled', '--coverage.reporter=json', `--coverage.reportsDirectory=${dir}`,
    ]);
    expect(byHand.code, byHand.stderr).toBe(0);
    expect(await gitStatus(run.repo.dir)).toBe(`?? ${testPath}\n`);
  });
});
