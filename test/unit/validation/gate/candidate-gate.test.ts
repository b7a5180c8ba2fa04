/**
 * The gate end to end on real fixture repositories and runners: a candidate file with a case that adds
 * coverage, one redundant with the existing tests, one failing and one flaky (passes on odd
 * executions, counted in a file under os.tmpdir()).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeCoverageMap } from '../../../../src/coverage/normalize-coverage.js';
import { createSandboxExecutor } from '../../../../src/sandbox/executor.js';
import { rerunCases } from '../../../../src/validation/gate/flakiness.js';
import { selectCasesByCoverage } from '../../../../src/validation/gate/greedy-selection.js';
import { perCaseCoverage, runCandidate, type CandidateRequest } from '../../../../src/validation/gate/run-candidate.js';
import { makeFixtureRepo, type FixtureRepo } from '../../../helpers/fixture-repo.js';
import { removeOutputDirs, RUN_TIMEOUT_MS, runAdapter } from '../../../helpers/runner-harness.js';
import type { ToolchainName } from '../../../helpers/toolchains.js';

interface GateFixture {
  readonly toolchain: ToolchainName;
  readonly fixture: string;
  readonly module: string;
  readonly existingTest: string;
  readonly candidate: string;
  /** Lines of the module only the 'adds coverage' case reaches. */
  readonly newLines: readonly number[];
  readonly source: (counterFile: string) => string;
}

const FIXTURES: readonly GateFixture[] = [
  {
    toolchain: 'vitest5',
    fixture: 'vitest-ts',
    module: 'src/money.ts',
    existingTest: 'test/money.test.ts',
    candidate: 'test/money.testmaster.test.ts',
    newLines: [38, 41, 42, 43, 44],
    source: (counterFile) => `import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPrice, parsePrice, splitEvenly } from '../src/money.js';

function nextCount(): number {
  let count = 0;
  try { count = Number(readFileSync(${JSON.stringify(counterFile)}, 'utf8')); } catch { count = 0; }
  writeFileSync(${JSON.stringify(counterFile)}, String(count + 1));
  return count + 1;
}

describe('money', () => {
  it('splits evenly', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('formats dollars again', () => {
    expect(formatPrice(1234)).toBe('$12.34');
  });
  it('expects the wrong text', () => {
    expect(formatPrice(1)).toBe('one cent');
  });
  it('passes on odd runs', () => {
    expect(nextCount() % 2).toBe(1);
    expect(parsePrice('twelve')).toBeNull();
  });
});
`,
  },
  {
    toolchain: 'jest30',
    fixture: 'jest-js',
    module: 'src/pricing.js',
    existingTest: '__tests__/pricing.test.js',
    candidate: '__tests__/pricing.testmaster.test.js',
    newLines: [34, 35, 37, 38, 40],
    source: (counterFile) => `const { readFileSync, writeFileSync } = require('node:fs');
const { bulkQuote, orderTotal } = require('../src/pricing');

function nextCount() {
  let count = 0;
  try { count = Number(readFileSync(${JSON.stringify(counterFile)}, 'utf8')); } catch { count = 0; }
  writeFileSync(${JSON.stringify(counterFile)}, String(count + 1));
  return count + 1;
}

describe('money', () => {
  test('splits evenly', () => {
    expect(bulkQuote(100, [10, 0, 50]).map((quote) => quote.quantity)).toEqual([50, 10]);
  });
  test('formats dollars again', () => {
    expect(orderTotal(200, 50)).toBe(9000);
  });
  test('expects the wrong text', () => {
    expect(orderTotal(1, 1)).toBe(1);
  });
  test('passes on odd runs', () => {
    expect(nextCount() % 2).toBe(1);
    expect(orderTotal(100, 0)).toBe(0);
  });
});
`,
  },
];

describe.each(FIXTURES)('the candidate gate with $toolchain', (setup) => {
  let repo: FixtureRepo;
  let scratch: string;
  beforeAll(async () => {
    repo = await makeFixtureRepo(setup.fixture, { toolchain: setup.toolchain });
    scratch = await mkdtemp(join(tmpdir(), 'testmaster-gate-'));
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(scratch, { recursive: true, force: true });
    await removeOutputDirs();
  });

  it('keeps exactly the passing, stable case that adds coverage', async () => {
    const counterFile = join(scratch, 'flaky-counter');
    await writeFile(join(repo.dir, setup.candidate), setup.source(counterFile));
    const existing = await runAdapter(repo.dir, '', { kind: 'files', files: [setup.existingTest] }, [setup.module]);
    const baseline = normalizeCoverageMap(existing.result.coverage, { repoRoot: repo.dir, runnerCwd: repo.dir }).map[setup.module] ?? null;
    expect(baseline).not.toBeNull();

    const exec = createSandboxExecutor();
    const request: CandidateRequest = {
      checkoutDir: repo.dir,
      pkg: existing.pkg,
      testFile: setup.candidate,
      module: setup.module,
      outputDir: join(scratch, 'out'),
      timeoutMs: RUN_TIMEOUT_MS,
    };

    const first = await runCandidate(request, exec);
    expect(first.fileError).toBeNull();
    expect(first.cases.map((testCase) => [testCase.name, testCase.status])).toEqual([
      ['money > splits evenly', 'passed'],
      ['money > formats dollars again', 'passed'],
      ['money > expects the wrong text', 'failed'],
      ['money > passes on odd runs', 'passed'],
    ]);
    expect(first.coverage?.path).toBe(setup.module);

    const reruns = await rerunCases(request, exec, 3, { expectedNames: ['money > not in the file'] });
    const verdicts = Object.fromEntries(reruns.cases.map((testCase) => [testCase.name, testCase.verdict]));
    expect(verdicts).toEqual({
      'money > not in the file': 'missing',
      'money > splits evenly': 'stable',
      'money > formats dollars again': 'stable',
      'money > expects the wrong text': 'failing',
      'money > passes on odd runs': 'flaky',
    });
    // Executions 2, 3, 4 of the flaky case: fail, pass, fail.
    expect(reruns.cases.find((testCase) => testCase.name === 'money > passes on odd runs')).toMatchObject({ passed: 1, failed: 2 });

    const stable = reruns.cases.filter((testCase) => testCase.verdict === 'stable').map((testCase) => testCase.name);
    const perCase = await perCaseCoverage(request, stable, exec);
    expect(perCase.map((entry) => entry.problem)).toEqual([null, null]);

    const selection = selectCasesByCoverage(
      setup.module,
      baseline,
      perCase.map((entry) => ({ name: entry.name, coverage: entry.coverage! })),
    );
    expect(selection.kept.map((kept) => kept.name)).toEqual(['money > splits evenly']);
    expect(selection.kept[0]?.newLines).toEqual(expect.arrayContaining([...setup.newLines]));
    expect(selection.dropped).toEqual([{ name: 'money > formats dollars again', reason: 'adds no coverage' }]);
    const combinedLines = Object.values(selection.combined!.s).filter((hits) => hits > 0).length;
    const baselineLines = Object.values(baseline!.s).filter((hits) => hits > 0).length;
    expect(combinedLines).toBeGreaterThan(baselineLines);
  });

  it('reports a case that fails alone instead of giving its coverage', async () => {
    const exec = createSandboxExecutor();
    const request: CandidateRequest = {
      checkoutDir: repo.dir,
      pkg: (await runAdapter(repo.dir, '', { kind: 'files', files: [setup.existingTest] }, [])).pkg,
      testFile: setup.candidate,
      module: setup.module,
      outputDir: join(scratch, 'out-alone'),
      timeoutMs: RUN_TIMEOUT_MS,
    };
    const [wrong, absent] = await perCaseCoverage(request, ['money > expects the wrong text', 'money > no such case'], exec);
    expect(wrong?.coverage).toBeNull();
    expect(wrong?.problem).toMatch(/^it failed when run alone: /);
    expect(absent).toEqual({ name: 'money > no such case', coverage: null, problem: 'its name selected no case when run alone' });
  });
});
