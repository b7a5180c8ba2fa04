/**
 * Real data: runs this repository's own Vitest with v8 coverage on a tiny project in a temp dir
 * (reached through a symlink, to exercise path normalisation) and checks our numbers against
 * Istanbul's summary and against an independent line-by-line computation.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import libCoverage from 'istanbul-lib-coverage';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileMetrics, patchMetrics } from '../../../src/coverage/file-metrics.js';
import { normalizeCoverageMap } from '../../../src/coverage/normalize-coverage.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const SOURCE = `export function classify(n: number): string {
  if (n < 0) {
    return 'negative';
  }
  const size = n > 100 ? 'big' : 'small';
  return n === 0 ? 'zero' : size;
}

export function unused(a: number, b = 2): number {
  return a && b ? a * b : 0;
}
`;

const TEST = `import { expect, test } from 'vitest';
import { classify } from './calc.js';

test('classify', () => {
  expect(classify(5)).toBe('small');
  expect(classify(0)).toBe('zero');
});
`;

describe('metrics of a coverage-final.json written by real Vitest', () => {
  let dir: string;
  let data: FileCoverageData;
  let rawKeys: string[];

  beforeAll(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tm-real-vitest-')));
    const project = join(dir, 'project');
    await mkdir(join(project, 'src'), { recursive: true });
    await writeFile(join(project, 'package.json'), '{ "name": "tiny", "private": true, "type": "module" }\n');
    await writeFile(join(project, 'src', 'calc.ts'), SOURCE);
    await writeFile(join(project, 'src', 'calc.test.ts'), TEST);
    await symlink(join(REPO_ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
    const viaLink = join(dir, 'link');
    await symlink(project, viaLink, 'dir');

    const run = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--coverage.enabled',
        '--coverage.reporter=json',
        '--coverage.include=src/**',
        '--coverage.exclude=**/*.test.ts',
      ],
      {
        cwd: viaLink,
        encoding: 'utf8',
        timeout: 120_000,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, TMPDIR: tmpdir(), CI: 'true', NO_COLOR: '1' },
      },
    );
    if (run.status !== 0) throw new Error(`vitest failed (${run.status}): ${run.stdout}\n${run.stderr}`);
    const raw = JSON.parse(await readFile(join(project, 'coverage', 'coverage-final.json'), 'utf8')) as Record<string, unknown>;
    rawKeys = Object.keys(raw);
    const { map, dropped } = normalizeCoverageMap(raw, { repoRoot: project, runnerCwd: viaLink });
    expect(dropped).toEqual([]);
    expect(Object.keys(map)).toEqual(['src/calc.ts']);
    data = map['src/calc.ts']!;
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('wrote absolute keys that we turned into the repository path', () => {
    expect(rawKeys).toHaveLength(1);
    expect(rawKeys[0]!.endsWith('/src/calc.ts')).toBe(true);
    expect(data.path).toBe('src/calc.ts');
  });

  it("fileMetrics equals Istanbul's toSummary", () => {
    const summary = libCoverage.createFileCoverage(structuredClone(data)).toSummary();
    const metrics = fileMetrics(data);
    for (const kind of ['lines', 'statements', 'functions', 'branches'] as const) {
      expect(metrics[kind]).toEqual({ covered: summary[kind].covered, total: summary[kind].total });
    }
    expect(metrics.functions).toEqual({ covered: 1, total: 2 });
  });

  it('agrees with an independent line-by-line computation', () => {
    const lineHits = new Map<number, number>();
    for (const [id, hits] of Object.entries(data.s)) {
      const line = data.statementMap[id]!.start.line;
      lineHits.set(line, Math.max(lineHits.get(line) ?? 0, hits));
    }
    const metrics = fileMetrics(data);
    expect(metrics.lines.total).toBe(lineHits.size);
    expect(metrics.lines.covered).toBe([...lineHits.values()].filter((h) => h > 0).length);
    const branchCounts = Object.values(data.b).flat();
    expect(metrics.branches).toEqual({ covered: branchCounts.filter((h) => h > 0).length, total: branchCounts.length });

    const changed = SOURCE.split('\n').map((_, i) => i + 1);
    const patch = patchMetrics(data, changed);
    const untakenStarts = new Set(
      Object.entries(data.b)
        .filter(([, hits]) => hits.includes(0))
        .map(([id]) => data.branchMap[id]!.loc?.start.line ?? data.branchMap[id]!.locations[0]!.start.line),
    );
    const coverable = changed.filter((line) => lineHits.has(line));
    const covered = coverable.filter((line) => lineHits.get(line)! > 0);
    expect(patch.total).toBe(coverable.length);
    expect(patch.covered).toBe(covered.length);
    expect(patch.missingLines).toEqual(coverable.filter((line) => lineHits.get(line) === 0));
    expect(patch.partialLines).toEqual(covered.filter((line) => untakenStarts.has(line)));
  });

  it('finds what the source and the test make obvious', () => {
    const patch = patchMetrics(data, SOURCE.split('\n').map((_, i) => i + 1));
    // `return 'negative'` and the body of unused() never ran.
    expect(patch.missingLines).toEqual(expect.arrayContaining([3, 10]));
    // n > 100 was never true: line 5 ran, with a branch not fully taken.
    expect(patch.partialLines).toContain(5);
    // Both outcomes of n === 0 were taken: line 6 is covered, not partial.
    expect(patch.partialLines).not.toContain(6);
    expect(patch.missingLines).not.toContain(6);
  });
});
