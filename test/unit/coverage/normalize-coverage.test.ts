import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeCoverageMap } from '../../../src/coverage/normalize-coverage.js';
import { CoverageError } from '../../../src/errors/errors.js';
import { fileData } from './istanbul-data.js';

const noRealpath = () => null;

describe('normalizeCoverageMap with POSIX and Windows spellings', () => {
  it('keys absolute paths inside the repository by their repository-relative path and rewrites `path`', () => {
    const raw = { '/work/repo/src/a.ts': fileData('/work/repo/src/a.ts', { statements: [[1, 1]] }) };
    const { map, dropped } = normalizeCoverageMap(raw, { repoRoot: '/work/repo', runnerCwd: '/work/repo', realpath: noRealpath });
    expect(Object.keys(map)).toEqual(['src/a.ts']);
    expect(map['src/a.ts']!.path).toBe('src/a.ts');
    expect(map['src/a.ts']!.s).toEqual({ 0: 1 });
    expect(dropped).toEqual([]);
  });

  it("unwraps Jest's { data } entries", () => {
    const raw = { '/work/repo/src/a.ts': { data: fileData('/work/repo/src/a.ts', { statements: [[2, 3]] }) } };
    const { map } = normalizeCoverageMap(raw, { repoRoot: '/work/repo', runnerCwd: '/work/repo', realpath: noRealpath });
    expect(map['src/a.ts']!.s).toEqual({ 0: 3 });
    expect(map['src/a.ts']!.path).toBe('src/a.ts');
  });

  it('resolves relative keys against the runner cwd and drops those that leave the repository', () => {
    const raw = {
      'src/a.ts': fileData('src/a.ts', { statements: [[1, 1]] }),
      './lib/../src/b.ts': fileData('x', { statements: [[1, 0]] }),
      '../../../outside.ts': fileData('../../../outside.ts', { statements: [[1, 0]] }),
    };
    const { map, dropped } = normalizeCoverageMap(raw, {
      repoRoot: '/work/repo',
      runnerCwd: '/work/repo/packages/app',
      realpath: noRealpath,
    });
    expect(Object.keys(map)).toEqual(['packages/app/src/a.ts', 'packages/app/src/b.ts']);
    expect(dropped).toEqual(['../../../outside.ts']);
  });

  it('handles Windows drive letters and backslashes, case-insensitively, and merges the spellings of one file', () => {
    const spec = { statements: [[1, 1], [2, 0]] as [number, number][] };
    const raw = {
      'C:\\work\\repo\\src\\a.ts': fileData('C:\\work\\repo\\src\\a.ts', spec),
      'c:/work/repo/src/a.ts': fileData('c:/work/repo/src/a.ts', { statements: [[1, 2], [2, 5]] }),
      'C:\\Work\\Repo\\src\\b.ts': fileData('b', spec),
      'D:\\work\\repo\\src\\a.ts': fileData('d', spec),
    };
    const { map, dropped } = normalizeCoverageMap(raw, {
      repoRoot: 'C:\\work\\repo',
      runnerCwd: 'C:\\work\\repo',
      realpath: noRealpath,
    });
    expect(Object.keys(map)).toEqual(['src/a.ts', 'src/b.ts']);
    // Merged, not overwritten: hits of both spellings add up.
    expect(Object.values(map['src/a.ts']!.s).sort()).toEqual([3, 5]);
    expect(dropped).toEqual(['D:\\work\\repo\\src\\a.ts']);
  });

  it('accepts file:// URLs, POSIX and Windows', () => {
    const raw = {
      'file:///work/repo/src/a%20b.ts': fileData('u', { statements: [[1, 1]] }),
      'file:///C:/work/repo/src/c.ts': fileData('w', { statements: [[1, 1]] }),
    };
    const posix = normalizeCoverageMap(raw, { repoRoot: '/work/repo', runnerCwd: '/work/repo', realpath: noRealpath });
    expect(Object.keys(posix.map)).toEqual(['src/a b.ts']);
    expect(posix.dropped).toEqual(['file:///C:/work/repo/src/c.ts']);
    const windows = normalizeCoverageMap(raw, { repoRoot: 'C:\\work\\repo', runnerCwd: 'C:\\work\\repo', realpath: noRealpath });
    expect(Object.keys(windows.map)).toEqual(['src/c.ts']);
  });

  it('never matches by basename: the same relative tail elsewhere is dropped', () => {
    const raw = {
      '/other/checkout/src/a.ts': fileData('a', { statements: [[1, 1]] }),
      '/work/repository/src/a.ts': fileData('b', { statements: [[1, 1]] }),
    };
    const { map, dropped } = normalizeCoverageMap(raw, { repoRoot: '/work/repo', runnerCwd: '/work/repo', realpath: noRealpath });
    expect(map).toEqual({});
    expect(dropped).toEqual(['/other/checkout/src/a.ts', '/work/repository/src/a.ts']);
  });

  it('does not change its input', () => {
    const first = fileData('/work/repo/a.ts', { statements: [[1, 1]] });
    const raw = { '/work/repo/a.ts': first, '/work/repo/./a.ts': fileData('/work/repo/a.ts', { statements: [[1, 4]] }) };
    const before = structuredClone(raw);
    const { map } = normalizeCoverageMap(raw, { repoRoot: '/work/repo', runnerCwd: '/work/repo', realpath: noRealpath });
    expect(map['a.ts']!.s).toEqual({ 0: 5 });
    expect(raw).toEqual(before);
  });

  it('keeps a file named __proto__ as an ordinary key', () => {
    const raw = JSON.parse('{"/work/repo/__proto__": ' + JSON.stringify(fileData('p', { statements: [[1, 1]] })) + '}');
    const { map } = normalizeCoverageMap(raw, { repoRoot: '/work/repo', runnerCwd: '/work/repo', realpath: noRealpath });
    expect(Object.keys(map)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  });
});

describe('normalizeCoverageMap with malformed input', () => {
  const opts = { repoRoot: '/work/repo', runnerCwd: '/work/repo', realpath: noRealpath };
  const cases: [string, unknown, RegExp][] = [
    ['an array', [], /coverage data is an array/],
    ['null', null, /coverage data is null/],
    ['a string entry', { '/work/repo/a.ts': 'nope' }, /"\/work\/repo\/a\.ts" is malformed: expected an object/],
    ['a missing statementMap', { '/work/repo/a.ts': { path: 'a', s: {}, f: {}, b: {}, fnMap: {}, branchMap: {} } }, /"statementMap" is missing/],
    ['a non-numeric hit', { '/work/repo/a.ts': { ...fileData('a', { statements: [[1, 1]] }), s: { 0: 'x' } } }, /s\[0\] is "x"/],
    ['a negative hit', { '/work/repo/a.ts': { ...fileData('a', { statements: [[1, 1]] }), s: { 0: -1 } } }, /s\[0\] is number -1/],
    ['a hit without statement', { '/work/repo/a.ts': { ...fileData('a', {}), s: { 7: 1 } } }, /statementMap\[7\] is missing/],
    ['branch hits not an array', { '/work/repo/a.ts': { ...fileData('a', { branches: [{ line: 1, hits: [1, 0] }] }), b: { 0: 3 } } }, /b\[0\] is number 3/],
    ['a branch without locations', { '/work/repo/a.ts': { ...fileData('a', {}), b: { 0: [1] }, branchMap: { 0: { type: 'if' } } } }, /branchMap\[0\]\.locations/],
    ['a function without loc', { '/work/repo/a.ts': { ...fileData('a', {}), f: { 0: 1 }, fnMap: { 0: { name: 'x' } } } }, /fnMap\[0\]/],
    ['a numeric path', { '/work/repo/a.ts': { ...fileData('a', {}), path: 42 } }, /"path" is number 42/],
  ];
  for (const [name, raw, message] of cases) {
    it(`rejects ${name} with a CoverageError that says what and where`, () => {
      let caught: unknown;
      try {
        normalizeCoverageMap(raw, opts);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CoverageError);
      expect((caught as Error).message).toMatch(message);
    });
  }
});

describe('normalizeCoverageMap with symlinks (real file system)', () => {
  let dir: string;
  let repo: string;
  let link: string;

  beforeAll(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tm-normalize-')));
    repo = join(dir, 'real-repo');
    link = join(dir, 'linked-repo');
    await mkdir(join(repo, 'src'), { recursive: true });
    await writeFile(join(repo, 'src', 'a.ts'), 'export const a = 1;\n');
    await symlink(repo, link, 'dir');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('maps a checkout reached through a symlink to the same key, for existing and vanished files', () => {
    const raw = {
      [join(link, 'src', 'a.ts')]: fileData('a', { statements: [[1, 1]] }),
      [join(repo, 'src', 'a.ts')]: fileData('a', { statements: [[1, 2]] }),
      [pathToFileURL(join(link, 'src', 'a.ts')).href]: fileData('a', { statements: [[1, 4]] }),
      [join(link, 'src', 'gone.ts')]: fileData('g', { statements: [[1, 0]] }),
    };
    const { map, dropped } = normalizeCoverageMap(raw, { repoRoot: repo, runnerCwd: link });
    expect(Object.keys(map)).toEqual(['src/a.ts', 'src/gone.ts']);
    expect(map['src/a.ts']!.s).toEqual({ 0: 7 });
    expect(dropped).toEqual([]);
  });

  it('accepts the repository root given through the symlink too', () => {
    const raw = { [join(repo, 'src', 'a.ts')]: fileData('a', { statements: [[1, 1]] }), 'src/a.ts': fileData('a', { statements: [[1, 1]] }) };
    const { map } = normalizeCoverageMap(raw, { repoRoot: link, runnerCwd: link });
    expect(Object.keys(map)).toEqual(['src/a.ts']);
    expect(map['src/a.ts']!.s).toEqual({ 0: 2 });
  });
});
