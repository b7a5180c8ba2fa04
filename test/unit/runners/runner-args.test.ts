import { describe, expect, it } from 'vitest';
import { escapeGlob } from '../../../src/runners/glob-escape.js';
import { coveragePatterns, parseRootDirs } from '../../../src/runners/jest-adapter.js';
import { jestArgs, jestListTestsArgs, jestShowConfigArgs } from '../../../src/runners/jest-args.js';
import { vitestArgs, type VitestArgsInput } from '../../../src/runners/vitest-args.js';
import picomatch from 'picomatch';

const vitestInput: VitestArgsInput = {
  version: '5.1.1',
  selection: { kind: 'related', modules: ['/r/src/a.ts'] },
  provider: 'v8',
  coverageInclude: ['src/a.ts', 'src/b.ts'],
  coverageDir: '/out/coverage',
  resultsFile: '/out/results.json',
  exclude: [],
};

describe('vitestArgs', () => {
  it('spells out every setting for Vitest 5', () => {
    expect(vitestArgs(vitestInput)).toEqual([
      'related',
      '/r/src/a.ts',
      '--run',
      '--passWithNoTests',
      '--no-cache',
      '--no-fsModuleCache',
      '--coverage.enabled',
      '--coverage.provider=v8',
      '--coverage.reporter=json',
      '--coverage.reportsDirectory=/out/coverage',
      '--coverage.include=src/a.ts',
      '--coverage.include=src/b.ts',
      '--coverage.reportOnFailure',
      '--coverage.thresholds.autoUpdate=false',
      '--reporter=json',
      '--outputFile=/out/results.json',
    ]);
  });

  it('asks for all included files before Vitest 4 and knows no fsModuleCache there', () => {
    for (const version of ['1.6.1', '3.2.7']) {
      const args = vitestArgs({ ...vitestInput, version });
      expect(args).toContain('--coverage.all');
      expect(args).not.toContain('--no-fsModuleCache');
    }
    expect(vitestArgs({ ...vitestInput, version: '4.0.0' })).not.toContain('--coverage.all');
  });

  it('runs exact files with run, excludes extras, and turns coverage off when no module is asked for', () => {
    const args = vitestArgs({
      ...vitestInput,
      selection: { kind: 'files', files: ['/r/test/a.test.ts'] },
      coverageInclude: [],
      exclude: ['smoke-test/a.test.ts'],
    });
    expect(args.slice(0, 2)).toEqual(['run', '/r/test/a.test.ts']);
    expect(args).toContain('--coverage.enabled=false');
    expect(args.some((arg) => arg.startsWith('--coverage.include'))).toBe(false);
    expect(args.at(-1)).toBe('--exclude=smoke-test/a.test.ts');
  });
});

describe('jestArgs', () => {
  it('spells out every setting, with related modules last', () => {
    expect(
      jestArgs({
        selection: { kind: 'related', modules: ['/r/src/a.js', '/r/src/b.js'] },
        collectCoverageFrom: ['src/a.js'],
        coverageDir: '/out/coverage',
        resultsFile: '/out/results.json',
        cacheDir: '/cache/jest',
      }),
    ).toEqual([
      '--ci',
      '--coverage',
      '--coverageReporters=json',
      '--coverageDirectory=/out/coverage',
      '--collectCoverageFrom=src/a.js',
      '--json',
      '--outputFile=/out/results.json',
      '--watchman=false',
      '--cacheDirectory=/cache/jest',
      '--passWithNoTests',
      '--forceExit',
      '--findRelatedTests',
      '/r/src/a.js',
      '/r/src/b.js',
    ]);
  });

  it('runs exact files by path and can leave coverage off', () => {
    const args = jestArgs({
      selection: { kind: 'files', files: ['/r/t/a.test.js'] },
      collectCoverageFrom: [],
      coverageDir: '/out/coverage',
      resultsFile: '/out/results.json',
      cacheDir: '/cache/jest',
    });
    expect(args).toContain('--coverage=false');
    expect(args.slice(-2)).toEqual(['--runTestsByPath', '/r/t/a.test.js']);
  });

  it('names the config the package scripts give, on the measuring run and on the config and test listings', () => {
    const args = jestArgs({
      selection: { kind: 'files', files: ['/r/t/a.test.js'] },
      collectCoverageFrom: [],
      coverageDir: '/out/coverage',
      resultsFile: '/out/results.json',
      cacheDir: '/cache/jest',
      config: 'test/jest.config.js',
    });
    expect(args[0]).toBe('--config=test/jest.config.js');
    expect(jestShowConfigArgs('/cache/jest', 'test/jest.config.js')[0]).toBe('--config=test/jest.config.js');
    expect(jestListTestsArgs('/cache/jest', 'test/jest.config.js')[0]).toBe('--config=test/jest.config.js');
    expect(jestShowConfigArgs('/cache/jest').some((arg) => arg.startsWith('--config'))).toBe(false);
  });
});

describe('escapeGlob', () => {
  it.each(['src/[slug].ts', 'src/(admin)/page.js', 'src/a+b@c!.js', 'src/{x,y}.ts', 'src/*.ts', 'src/what?.js'])(
    'matches %s literally and nothing else',
    (path) => {
      const isMatch = picomatch(escapeGlob(path), { dot: true });
      expect(isMatch(path)).toBe(true);
      expect(isMatch('src/s.ts')).toBe(false);
      expect(isMatch('src/x.ts')).toBe(false);
      expect(isMatch('src/whatx.js')).toBe(false);
    },
  );
});

describe('jest coverage patterns', () => {
  it('makes one pattern per module and rootDir it lies under', () => {
    expect(coveragePatterns(['/r/pkg/src/a.js', '/r/other/b.js', '/r/pkg/src/[id].js'], ['/r/pkg', '/r/pkg/src'])).toEqual([
      'src/a.js',
      'a.js',
      'src/\\[id\\].js',
      '\\[id\\].js',
    ]);
  });

  it('reads rootDirs from --showConfig output, after any leading noise', () => {
    const stdout = `warning: something\n${JSON.stringify({ configs: [{ rootDir: '/r/a' }, { rootDir: '/r/b' }, { rootDir: '/r/a' }], globalConfig: {} })}`;
    expect(parseRootDirs(stdout)).toEqual(['/r/a', '/r/b']);
    expect(parseRootDirs('no json here')).toEqual([]);
    expect(parseRootDirs('{"configs": 3}')).toEqual([]);
  });
});
