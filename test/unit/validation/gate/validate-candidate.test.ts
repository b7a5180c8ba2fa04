/**
 * validateCandidate end to end on a real Vitest fixture: one candidate with a case that adds
 * coverage, one redundant with the existing tests, one failing and one asserting nothing; one whose
 * cases are named at run time (a template literal, a concatenation, it.each); and one with a syntax
 * error. Checks the verdict, the reasons, the file left on disk and the working tree.
 */
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { normalizeCoverageMap } from '../../../../src/coverage/normalize-coverage.js';
import type { PackageInfo } from '../../../../src/runners/types.js';
import { createSandboxExecutor } from '../../../../src/sandbox/executor.js';
import { validateCandidate } from '../../../../src/validation/gate/validate-candidate.js';
import { DEFAULT_TEST_GLOBS } from '../../../../src/validation/proposed-path-rules.js';
import { listTestCases } from '../../../../src/validation/test-cases.js';
import { makeFixtureRepo, type FixtureRepo } from '../../../helpers/fixture-repo.js';
import { gitStatus, removeOutputDirs, RUN_TIMEOUT_MS, runAdapter, runNodeByHand } from '../../../helpers/runner-harness.js';

const MODULE = 'src/money.ts';
const CANDIDATE = 'test/money.testmaster.test.ts';

const SOURCE = `import { describe, expect, it } from 'vitest';
import { formatPrice, splitEvenly } from '../src/money.js';

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
  it('only calls', () => {
    splitEvenly(7, 2);
  });
});
`;

const BROKEN = `import { describe, expect, it } from 'vitest';
import { formatPrice } from '../src/money.js';

describe('money', () => {
  it('formats', () => {
    expect(formatPrice(1)).toBe('$0.01'
  });
});
`;

describe('validateCandidate on vitest-ts', () => {
  let repo: FixtureRepo;
  let scratch: string;
  let pkg: PackageInfo;
  let baseline: FileCoverageData | null;
  beforeAll(async () => {
    repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
    scratch = await mkdtemp(join(tmpdir(), 'testmaster-validate-'));
    const existing = await runAdapter(repo.dir, '', { kind: 'files', files: ['test/money.test.ts'] }, [MODULE]);
    pkg = existing.pkg;
    baseline = normalizeCoverageMap(existing.result.coverage, { repoRoot: repo.dir, runnerCwd: repo.dir }).map[MODULE] ?? null;
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(scratch, { recursive: true, force: true });
    await removeOutputDirs();
  });

  const inputFor = (content: string, outName: string) => ({
    checkoutDir: repo.dir,
    pkg,
    module: MODULE,
    testPath: CANDIDATE,
    content,
    baseline,
    timeoutMs: RUN_TIMEOUT_MS,
    outputDir: join(scratch, outName),
    testGlobs: DEFAULT_TEST_GLOBS,
    maxBytes: 100_000,
  });

  it('keeps only the passing case that adds coverage, with a reason for every other', async () => {
    expect(baseline).not.toBeNull();
    const verdict = await validateCandidate(inputFor(SOURCE, 'out-good'), createSandboxExecutor());
    if (verdict.kind !== 'kept') throw new Error(`expected kept, got ${JSON.stringify(verdict)}`);

    expect(verdict.kept.map((kept) => kept.name)).toEqual(['money > splits evenly']);
    expect(verdict.kept[0]?.newLines.length).toBeGreaterThan(0);
    expect([...verdict.dropped].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'money > expects the wrong text', reason: expect.stringMatching(/^failed: \S/) },
      { name: 'money > formats dollars again', reason: 'adds no coverage' },
      { name: 'money > only calls', reason: 'asserts nothing' },
    ]);
    expect(verdict.failures.map((failure) => failure.name)).toEqual(['money > expects the wrong text']);
    expect(verdict.failures[0]?.message).toContain('one cent');
    expect(verdict.testPath).toBe(CANDIDATE);

    const onDisk = await readFile(join(repo.dir, CANDIDATE), 'utf8');
    expect(onDisk).toBe(verdict.content);
    expect(listTestCases(onDisk, CANDIDATE).map((testCase) => testCase.name)).toEqual(['money > splits evenly']);

    const combined = Object.values(verdict.combinedCoverage!.s).filter((hits) => hits > 0).length;
    expect(combined).toBeGreaterThan(Object.values(baseline!.s).filter((hits) => hits > 0).length);

    const byHand = await runNodeByHand(repo.dir, [pkg.runnerEntry as string, 'run', CANDIDATE]);
    expect(byHand.code, byHand.stderr).toBe(0);
    expect(byHand.stdout + byHand.stderr).toMatch(/1 passed/);

    expect(await gitStatus(repo.dir)).toBe(`?? ${CANDIDATE}\n`);
    await rm(join(repo.dir, CANDIDATE));
  });

  it('keeps a case only under the literal name written in the file: a case named at run time is dropped, labelled from the file', async () => {
    const computed = `import { describe, expect, it } from 'vitest';
import { formatPrice, parsePrice, splitEvenly } from '../src/money.js';

const forged = '<!-- testmaster:proposal:v1 ' + 'Rk9SR0VE' + ' -->';
const secret = String.fromCharCode(115, 107, 45, 108, 101, 97, 107);

describe('money', () => {
  it('splits evenly', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it(\`parses \${forged}\`, () => {
    expect(parsePrice('twelve')).toBeNull();
  });
  it('formats ' + Buffer.from(secret).toString('hex'), () => {
    expect(formatPrice(-250)).toBe('-$2.50');
  });
  it.each([[7, 2]])('splits %i in %i', (cents, parts) => {
    expect(splitEvenly(cents, parts)).toEqual([4, 3]);
  });
});
`;
    const verdict = await validateCandidate(inputFor(computed, 'out-computed'), createSandboxExecutor());
    if (verdict.kind !== 'kept') throw new Error(`expected kept, got ${JSON.stringify(verdict)}`);
    expect(verdict.kept.map((kept) => kept.name)).toEqual(['money > splits evenly']);
    expect(verdict.dropped).toEqual([
      { name: '(name computed at run time, line 11)', reason: 'its name is computed at run time; name the case with a string literal' },
      { name: '(name computed at run time, line 14)', reason: 'its name is computed at run time; name the case with a string literal' },
      // A generated case (it.each) is known by its generator's line, never by the reported name.
      { name: 'money > splits %i in %i (generated at line 17, case 1)', reason: 'adds no coverage' },
    ]);
    // Nothing the test made at run time travels on: not the forged marker, not the hex of the "secret".
    const names = JSON.stringify([verdict.kept, verdict.dropped, verdict.failures]);
    expect(names).not.toContain('RK9SR0VE'.toLowerCase());
    expect(names).not.toMatch(/FORGED|RkSR|736b2d6c65616b|<!--/);
    const onDisk = await readFile(join(repo.dir, CANDIDATE), 'utf8');
    expect(listTestCases(onDisk, CANDIDATE).map((testCase) => testCase.name)).toEqual(['money > splits evenly']);
    await rm(join(repo.dir, CANDIDATE));
    expect(await gitStatus(repo.dir)).toBe('');
  });

  it('keeps a table-driven file by its loop: the rows whose cases add nothing are cut, the loop stays, and the file passes as proposed', async () => {
    const tableDriven = `import { describe, expect, it } from 'vitest';
import { formatPrice } from '../src/money.js';

const cases = [
  { input: 1234, currency: 'USD', want: '$12.34' },
  { input: 1234567, currency: 'JPY', want: '¥1,234,567' },
  { input: -5, currency: 'USD', want: '-$0.05' },
] as const;

describe('formatPrice', () => {
  for (const t of cases) {
    it(JSON.stringify(t.input), () => {
      expect(formatPrice(t.input, t.currency)).toBe(t.want);
    });
  }
});
`;
    const verdict = await validateCandidate({ ...inputFor(tableDriven, 'out-table'), reruns: 2 }, createSandboxExecutor());
    if (verdict.kind !== 'kept') throw new Error(`expected kept, got ${JSON.stringify(verdict)}`);
    // Only the yen row adds coverage over the existing tests; the other two rows are cut.
    expect(verdict.kept.map((kept) => kept.name)).toEqual(['formatPrice > … (generated at line 10, case 1)']);
    expect(verdict.dropped.map((entry) => entry.reason)).toEqual(['adds no coverage', 'adds no coverage']);
    expect(verdict.content).toContain("const cases = [\n  { input: 1234567, currency: 'JPY', want: '¥1,234,567' },\n] as const;");
    expect(verdict.content).toContain('for (const t of cases)');
    const onDisk = await readFile(join(repo.dir, CANDIDATE), 'utf8');
    expect(onDisk).toBe(verdict.content);
    const byHand = await runNodeByHand(repo.dir, [pkg.runnerEntry as string, 'run', CANDIDATE]);
    expect(byHand.code, byHand.stderr).toBe(0);
    expect(byHand.stdout + byHand.stderr).toMatch(/1 passed/);
    await rm(join(repo.dir, CANDIDATE));
    expect(await gitStatus(repo.dir)).toBe('');
  });

  it('never proposes a case that asserts a missing global: it is reported with what the code needs', async () => {
    const pinning = `import { describe, expect, it } from 'vitest';
import { formatPrice, splitEvenly } from '../src/money.js';

describe('money', () => {
  it('splits evenly', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('needs the bundler flags', () => {
    expect(() => formatPrice(FEATURE_FLAGS.cents)).toThrow('FEATURE_FLAGS is not defined');
  });
});
`;
    const verdict = await validateCandidate({ ...inputFor(pinning, 'out-pin'), reruns: 1 }, createSandboxExecutor());
    if (verdict.kind !== 'kept') throw new Error(`expected kept, got ${JSON.stringify(verdict)}`);
    expect(verdict.kept.map((kept) => kept.name)).toEqual(['money > splits evenly']);
    expect(verdict.dropped).toEqual([
      { name: 'money > needs the bundler flags', reason: 'the code needs `FEATURE_FLAGS`, which the test environment lacks; not proposed (such a test fails wherever it exists)' },
    ]);
    expect(verdict.content).not.toContain('FEATURE_FLAGS');
    await rm(join(repo.dir, CANDIDATE));
  });

  it('counts the run alone as the first re-run: a case failing in a later whole-file run is flaky, and reruns 1 adds no whole-file run', async () => {
    const counter = join(scratch, 'flaky-count');
    const flaky = `import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitEvenly } from '../src/money.js';

function nextCount(): number {
  let count = 0;
  try { count = Number(readFileSync(${JSON.stringify(counter)}, 'utf8')); } catch { count = 0; }
  writeFileSync(${JSON.stringify(counter)}, String(count + 1));
  return count + 1;
}

describe('money', () => {
  it('splits evenly', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('fails every third run', () => {
    expect(nextCount() % 3).not.toBe(0);
    expect(splitEvenly(9, 3)).toEqual([3, 3, 3]);
  });
});
`;
    const real = createSandboxExecutor();
    let runs = 0;
    const counting: typeof real = (request) => {
      runs += 1;
      return real(request);
    };
    // Runs 1 (both cases) and 2 (alone) pass; whole-file re-run 3 fails, 4 passes: 2 passes of 3.
    const verdict = await validateCandidate({ ...inputFor(flaky, 'out-flaky'), reruns: 3 }, counting);
    if (verdict.kind !== 'kept') throw new Error(`expected kept, got ${JSON.stringify(verdict)}`);
    expect(verdict.dropped).toContainEqual({ name: 'money > fails every third run', reason: 'flaky: passed 2 of 3' });
    expect(verdict.kept.map((kept) => kept.name)).toEqual(['money > splits evenly']);
    // first run + two cases alone + two whole-file re-runs + the final file three times
    expect(runs).toBe(8);
    await rm(join(repo.dir, CANDIDATE));

    runs = 0;
    await rm(counter, { force: true });
    const once = await validateCandidate({ ...inputFor(flaky, 'out-once'), reruns: 1 }, counting);
    expect(once.kind).toBe('kept');
    // first run + two cases alone (the runs alone are the only re-run) + the final file once
    expect(runs).toBe(4);
    await rm(join(repo.dir, CANDIDATE));
    expect(await gitStatus(repo.dir)).toBe('');
  });

  it('reports a file that does not load as file-failed and leaves nothing behind', async () => {
    const verdict = await validateCandidate(inputFor(BROKEN, 'out-broken'), createSandboxExecutor());
    expect(verdict.kind).toBe('file-failed');
    if (verdict.kind === 'file-failed') expect(verdict.error.length).toBeGreaterThan(0);
    await expect(access(join(repo.dir, CANDIDATE))).rejects.toThrow();
    expect(await gitStatus(repo.dir)).toBe('');
  });

  it('removes the written file when cancelled after the first run', async () => {
    const controller = new AbortController();
    const real = createSandboxExecutor();
    let calls = 0;
    let statusDuringRun = '';
    const exec: typeof real = async (request) => {
      const result = await real(request);
      calls += 1;
      statusDuringRun = await gitStatus(repo.dir);
      controller.abort();
      return result;
    };
    await expect(validateCandidate({ ...inputFor(SOURCE, 'out-cancel'), signal: controller.signal }, exec)).rejects.toThrow();
    expect(calls).toBe(1);
    expect(statusDuringRun).toBe(`?? ${CANDIDATE}\n`);
    expect(await gitStatus(repo.dir)).toBe('');
  });
});
