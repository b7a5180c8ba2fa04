import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBaseCoverageFile, readBaseCoverageFile } from '../../../src/coverage/base-coverage-file.js';
import { detectRecordingRoot, normalizeBaseCoverageMap } from '../../../src/coverage/normalize-base-coverage.js';
import { CoverageError } from '../../../src/errors/errors.js';
import { fileData } from './istanbul-data.js';

const repoFiles = (...paths: string[]) => {
  const set = new Set(paths);
  return (relative: string) => set.has(relative);
};
const noRealpath = () => null;
const cov = (hits = 1) => fileData('x', { statements: [[1, hits]] });

describe('normalizeBaseCoverageMap', () => {
  it('detects the directory the file was recorded under on another machine', () => {
    const raw = {
      '/home/runner/work/app/app/src/a.ts': cov(),
      '/home/runner/work/app/app/src/b.ts': cov(),
      // Renamed or deleted since: not a file of the repository, but under the detected root.
      '/home/runner/work/app/app/src/old-name.ts': cov(),
      '/home/runner/work/app/other/src/a.ts': cov(),
    };
    const result = normalizeBaseCoverageMap(raw, {
      repoRoot: '/checkout',
      isRepoFile: repoFiles('src/a.ts', 'src/b.ts'),
      realpath: noRealpath,
    });
    expect(result.prefix).toBe('/home/runner/work/app/app');
    expect(Object.keys(result.map)).toEqual(['src/a.ts', 'src/b.ts', 'src/old-name.ts']);
    expect(result.map['src/a.ts']!.path).toBe('src/a.ts');
    expect(result.dropped).toEqual(['/home/runner/work/app/other/src/a.ts']);
  });

  it('detects a Windows recording root from backslash paths', () => {
    const raw = { 'D:\\a\\app\\app\\src\\a.ts': cov(), 'D:\\a\\app\\app\\lib\\b.js': cov() };
    const result = normalizeBaseCoverageMap(raw, {
      repoRoot: '/checkout',
      isRepoFile: repoFiles('src/a.ts', 'lib/b.js'),
      realpath: noRealpath,
    });
    expect(result.prefix).toBe('d:/a/app/app');
    expect(Object.keys(result.map)).toEqual(['lib/b.js', 'src/a.ts']);
  });

  it('prefers the root that explains most paths, so a nested package does not win', () => {
    const raw = {
      '/ci/repo/packages/x/src/index.ts': cov(),
      '/ci/repo/packages/y/src/main.ts': cov(),
    };
    const result = normalizeBaseCoverageMap(raw, {
      repoRoot: '/checkout',
      isRepoFile: repoFiles('packages/x/src/index.ts', 'packages/y/src/main.ts', 'src/index.ts'),
      realpath: noRealpath,
    });
    expect(result.prefix).toBe('/ci/repo');
    expect(Object.keys(result.map)).toEqual(['packages/x/src/index.ts', 'packages/y/src/main.ts']);
  });

  it('refuses to guess when two roots explain the paths equally well', () => {
    const raw = { '/ci/repo/packages/x/src/index.ts': cov() };
    const run = () =>
      normalizeBaseCoverageMap(raw, {
        repoRoot: '/checkout',
        isRepoFile: repoFiles('packages/x/src/index.ts', 'src/index.ts'),
        realpath: noRealpath,
      });
    expect(run).toThrow(CoverageError);
    expect(run).toThrow(/"\/ci\/repo" and "\/ci\/repo\/packages\/x".*relative to the repository root/);
  });

  it('uses a given pathPrefix without guessing, which settles the ambiguous case', () => {
    const raw = { '/ci/repo/packages/x/src/index.ts': cov(), '/elsewhere/a.ts': cov() };
    const result = normalizeBaseCoverageMap(raw, {
      repoRoot: '/checkout',
      isRepoFile: repoFiles('packages/x/src/index.ts', 'src/index.ts'),
      pathPrefix: '/ci/repo/packages/x/',
      realpath: noRealpath,
    });
    expect(result.prefix).toBe('/ci/repo/packages/x');
    expect(Object.keys(result.map)).toEqual(['src/index.ts']);
    expect(result.dropped).toEqual(['/elsewhere/a.ts']);
  });

  it('takes keys inside this checkout as they are, and relative keys as repository-relative', () => {
    const raw = { '/checkout/src/a.ts': cov(2), 'src/a.ts': cov(3), '../escape.ts': cov() };
    const result = normalizeBaseCoverageMap(raw, { repoRoot: '/checkout', isRepoFile: () => false, realpath: noRealpath });
    expect(result.prefix).toBeNull();
    expect(result.map['src/a.ts']!.s).toEqual({ 0: 5 });
    expect(result.dropped).toEqual(['../escape.ts']);
  });

  it('drops everything (and detects nothing) when no path fits the repository', () => {
    const raw = { '/x/y/z.ts': cov() };
    const result = normalizeBaseCoverageMap(raw, { repoRoot: '/checkout', isRepoFile: () => false, realpath: noRealpath });
    expect(result).toEqual({ map: {}, dropped: ['/x/y/z.ts'], prefix: null });
  });

  it('detectRecordingRoot considers the file system root too', () => {
    expect(detectRecordingRoot(['/src/a.ts'], repoFiles('src/a.ts'))).toBe('/');
  });
});

describe('loadBaseCoverageFile (real files)', () => {
  let dir: string;
  let repo: string;

  beforeAll(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tm-base-cov-')));
    repo = join(dir, 'repo');
    await mkdir(join(repo, 'src', 'util'), { recursive: true });
    await writeFile(join(repo, 'src', 'a.ts'), 'export const a = 1;\n');
    await writeFile(join(repo, 'src', 'util', 'b.ts'), 'export const b = 1;\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a coverage-final.json recorded elsewhere, keyed by repository path', async () => {
    const file = join(dir, 'coverage-final.json');
    const raw = {
      '/home/runner/work/repo/repo/src/a.ts': { data: cov(4) },
      '/home/runner/work/repo/repo/src/util/b.ts': cov(0),
    };
    await writeFile(file, JSON.stringify(raw));
    const files = await loadBaseCoverageFile(file, { repoDir: repo });
    expect([...files.keys()]).toEqual(['src/a.ts', 'src/util/b.ts']);
    expect(files.get('src/a.ts')!.s).toEqual({ 0: 4 });
    const detailed = await readBaseCoverageFile(file, { repoDir: repo });
    expect(detailed.prefix).toBe('/home/runner/work/repo/repo');
  });

  const bad: [string, string, RegExp][] = [
    ['invalid JSON', '{"a": ', /is not valid JSON/],
    ['an lcov file', 'TN:\nSF:/x/src/a.ts\nend_of_record\n', /is an lcov file/],
    ['a coverage summary', JSON.stringify({ total: { lines: { total: 1 } } }), /looks like a coverage summary/],
    ['a malformed entry', JSON.stringify({ '/x/src/a.ts': { s: {} } }), /coverage entry "\/x\/src\/a\.ts" is malformed/],
  ];
  for (const [name, content, message] of bad) {
    it(`rejects ${name} with a CoverageError`, async () => {
      const file = join(dir, `bad-${name.replace(/\W/g, '-')}.json`);
      await writeFile(file, content);
      await expect(loadBaseCoverageFile(file, { repoDir: repo })).rejects.toThrow(CoverageError);
      await expect(loadBaseCoverageFile(file, { repoDir: repo })).rejects.toThrow(message);
    });
  }

  it('says which file could not be read', async () => {
    const missing = join(dir, 'nope.json');
    await expect(loadBaseCoverageFile(missing, { repoDir: repo })).rejects.toThrow(/cannot read base coverage .*nope\.json \(ENOENT\)/);
  });
});
