import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, GenerationError } from '../../../src/errors/errors.js';
import { checkProposedPath } from '../../../src/validation/check-proposed-path.js';
import { DEFAULT_TEST_GLOBS, PATH_LIMITS, pathSpellingProblem } from '../../../src/validation/proposed-path-rules.js';
import { DEFAULT_TEST_PATH_PATTERN, proposedTestPath, testPathPatternProblem } from '../../../src/validation/test-file-path.js';

const run = promisify(execFile);
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const DEFAULTS = { testGlobs: DEFAULT_TEST_GLOBS };
const ANY_FILE = { testGlobs: ['**/*'] };

async function gitInit(dir: string): Promise<void> {
  await run('git', ['init', '--quiet', '--initial-branch=main', dir], { env: GIT_ENV });
}

async function put(root: string, relPath: string, content = 'x'): Promise<void> {
  await mkdir(dirname(join(root, relPath)), { recursive: true });
  await writeFile(join(root, relPath), content);
}

describe('proposedTestPath', () => {
  it.each([
    ['src/x.ts', 'src/x.testmaster.test.ts'],
    ['lib/y.mjs', 'lib/y.testmaster.test.mjs'],
    ['src/components/Button.tsx', 'src/components/Button.testmaster.test.tsx'],
    ['src/legacy.cts', 'src/legacy.testmaster.test.cts'],
    ['lib/old.cjs', 'lib/old.testmaster.test.cjs'],
    ['src/view.jsx', 'src/view.testmaster.test.jsx'],
    ['src/mod.mts', 'src/mod.testmaster.test.mts'],
    ['index.js', 'index.testmaster.test.js'],
    ['src/x.module.ts', 'src/x.module.testmaster.test.ts'],
    ['pages/[id].tsx', 'pages/[id].testmaster.test.tsx'],
  ])('%s -> %s', (modulePath, expected) => {
    expect(proposedTestPath(modulePath)).toBe(expected);
  });

  it.each([
    ['{dir}/__tests__/{name}.testmaster.test{ext}', 'src/a/x.ts', 'src/a/__tests__/x.testmaster.test.ts'],
    ['{dir}/__tests__/{name}.testmaster.test{ext}', 'x.mjs', '__tests__/x.testmaster.test.mjs'],
    ['test/generated/{dir}/{name}.test{ext}', 'src/a/x.tsx', 'test/generated/src/a/x.test.tsx'],
    ['test/generated/{dir}/{name}.test{ext}', 'x.cjs', 'test/generated/x.test.cjs'],
    ['{dir}/{name}.spec{ext}', 'lib/y.js', 'lib/y.spec.js'],
    ['{dir}/{name}.generated.test.ts', 'lib/y.mts', 'lib/y.generated.test.ts'],
    [DEFAULT_TEST_PATH_PATTERN, 'a/b.ts', 'a/b.testmaster.test.ts'],
  ])('pattern %s puts %s at %s', (pattern, modulePath, expected) => {
    expect(proposedTestPath(modulePath, { pattern })).toBe(expected);
  });

  it.each([
    ['', 'the pattern is empty'],
    ['{dir}/x.test{ext}', 'must contain {name}'],
    ['{name}/index.test{ext}', 'must contain {name}'],
    ['{dir}/{name}{ext}', 'must end with .test{ext}'],
    ['{dir}/{name}.test{ext}.bak', 'must end with .test{ext}'],
    ['{dir}/{name}.test.py', 'must end with .test{ext}'],
    ['{dir}/{base}.test{ext}', 'unknown placeholder {base}'],
    ['{dir}/{name.test{ext}', 'unbalanced'],
    ['{dir}/{name}}.test{ext}', 'unbalanced'],
    ['{dir}-tests/{name}.test{ext}', '{dir} must be a whole path segment'],
    ['../{dir}/{name}.test{ext}', 'path escapes the repository'],
    ['/abs/{dir}/{name}.test{ext}', 'absolute path'],
    ['C:/tests/{name}.test{ext}', 'absolute path'],
    ['tests\\{name}.test{ext}', 'backslash'],
    ['./{dir}/{name}.test{ext}', 'dot-only path segment'],
    ['tests//{name}.test{ext}', 'empty path segment'],
  ])('refuses the pattern %j (%s)', (pattern, why) => {
    expect(testPathPatternProblem(pattern)).toContain(why);
    expect(() => proposedTestPath('src/x.ts', { pattern })).toThrow(ConfigurationError);
    expect(() => proposedTestPath('src/x.ts', { pattern })).toThrow(why);
  });

  it.each([
    ['', 'empty'],
    ['/abs/x.ts', 'repository-relative'],
    ['src\\x.ts', 'repository-relative'],
    ['C:/x.ts', 'repository-relative'],
    ['src/readme.md', 'not a JS/TS module'],
    ['src/.ts', 'not a JS/TS module'],
    ['src/types.d.ts', 'type declaration'],
    ['src/types.d.mts', 'type declaration'],
  ])('refuses the module path %j', (modulePath, why) => {
    expect(() => proposedTestPath(modulePath)).toThrow(GenerationError);
    expect(() => proposedTestPath(modulePath)).toThrow(why);
  });
});

describe('checkProposedPath', () => {
  let repo = '';
  let outside = '';
  beforeEach(async () => {
    repo = await realpath(await mkdtemp(join(tmpdir(), 'testmaster-paths-')));
    outside = await realpath(await mkdtemp(join(tmpdir(), 'testmaster-outside-')));
    await gitInit(repo);
    await put(repo, 'src/x.ts', 'export const x = 1;\n');
    await put(repo, 'src/x.test.ts', 'test("x", () => {});\n');
  });
  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('accepts a new test file inside the repository and creates nothing', async () => {
    const result = await checkProposedPath(repo, 'src/new/deep/y.testmaster.test.ts', DEFAULTS);
    expect(result).toEqual({ ok: true, absolutePath: join(repo, 'src/new/deep/y.testmaster.test.ts') });
    expect(await readdir(join(repo, 'src'))).toEqual(['x.test.ts', 'x.ts']);
  });

  it('accepts every default proposal for the module kinds', async () => {
    for (const modulePath of ['src/x.ts', 'lib/y.mjs', 'ui/B.tsx', 'c/z.cts', 'c/w.cjs', 'root.js', 'pages/[id].jsx']) {
      const result = await checkProposedPath(repo, proposedTestPath(modulePath), DEFAULTS);
      expect(result, modulePath).toMatchObject({ ok: true });
    }
    const patterned = proposedTestPath('src/x.ts', { pattern: '{dir}/__tests__/{name}.testmaster.test{ext}' });
    expect(await checkProposedPath(repo, patterned, DEFAULTS)).toMatchObject({ ok: true });
  });

  it('gives the absolute path under the real repository when reached through a symlink', async () => {
    const alias = join(outside, 'alias');
    await symlink(repo, alias, 'dir');
    expect(await checkProposedPath(alias, 'src/y.test.ts', DEFAULTS)).toEqual({ ok: true, absolutePath: join(repo, 'src/y.test.ts') });
  });

  it.each([
    ['', 'empty path'],
    ['../x.test.ts', 'path escapes the repository'],
    ['a/../../x.test.ts', 'path escapes the repository'],
    ['src/../x.test.ts', 'path escapes the repository'],
    ['..', 'path escapes the repository'],
    ['/etc/x.test.ts', 'absolute path'],
    ['/tmp/../x.test.ts', 'absolute path'],
    ['C:\\repo\\x.test.ts', 'absolute path'],
    ['C:/repo/x.test.ts', 'absolute path'],
    ['c:x.test.ts', 'absolute path'],
    ['\\\\server\\share\\x.test.ts', 'absolute path'],
    ['//server/share/x.test.ts', 'absolute path'],
    ['src\\x.test.ts', 'path contains a backslash'],
    ['src\\..\\..\\x.test.ts', 'path contains a backslash'],
    ['src/x\0.test.ts', 'path contains a NUL byte'],
    ['src/x.test.ts\0.png', 'path contains a NUL byte'],
    ['src/x\n.test.ts', 'path contains a control character'],
    ['src/\u202ex.test.ts', 'invisible or bidirectional'],
    ['.g\u200cit/x.test.ts', 'invisible or bidirectional'],
    ['./x.test.ts', "'.' or dot-only path segment"],
    ['src/./x.test.ts', "'.' or dot-only path segment"],
    ['src/.../x.test.ts', "'.' or dot-only path segment"],
    ['src//x.test.ts', 'empty path segment'],
    ['src/x.test.ts/', 'empty path segment'],
    ['-rf/x.test.ts', "path starts with '-'"],
    ['--config=evil.test.ts', "path starts with '-'"],
    ['~/x.test.ts', "path starts with '~'"],
    ['src./x.test.ts', 'ends with a dot'],
    ['src /x.test.ts', 'whitespace'],
    [' src/x.test.ts', 'whitespace'],
    ['src/x.test.ts::$DATA', 'not allowed in Windows file names'],
    ['src/x?.test.ts', 'not allowed in Windows file names'],
    ['CON/x.test.ts', 'reserved Windows device name'],
    ['src/nul.test.ts', 'reserved Windows device name'],
    ['GIT~1/x.test.ts', 'short-name form'],
    ['.git/x.test.ts', 'protected file (git metadata)'],
    ['.GIT/x.test.ts', 'protected file (git metadata)'],
    ['.Git/hooks/pre-commit.test.js', 'protected file (git metadata)'],
    ['packages/a/.git/x.test.ts', 'protected file (git metadata)'],
    ['.github/workflows/x.test.ts', 'protected file (GitHub workflows and settings)'],
    ['.GitHub/x.test.ts', 'protected file (GitHub workflows and settings)'],
    ['node_modules/vitest/x.test.js', 'protected file (installed dependencies)'],
    ['packages/a/Node_Modules/x.test.js', 'protected file (installed dependencies)'],
    ['.husky/pre-commit.test.js', 'protected file (git hooks)'],
    ['__tests__/globals.d.ts', 'protected file (type declaration)'],
    ['src/x.ts', 'not a test file by the configured globs'],
    ['src/x.test.py', 'not a test file by the configured globs'],
    ['src/x.test.ts.bak', 'not a test file by the configured globs'],
  ])('refuses %j: %s', async (relPath, reason) => {
    const result = await checkProposedPath(repo, relPath, DEFAULTS);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it.each([
    ['package.json', 'package manifest'],
    ['Package.JSON', 'package manifest'],
    ['packages/a/PACKAGE.json', 'package manifest'],
    ['pnpm-workspace.yaml', 'package manifest'],
    ['package-lock.json', 'lockfile'],
    ['npm-shrinkwrap.json', 'lockfile'],
    ['yarn.lock', 'lockfile'],
    ['Yarn.Lock', 'lockfile'],
    ['pnpm-lock.yaml', 'lockfile'],
    ['bun.lock', 'lockfile'],
    ['bun.lockb', 'lockfile'],
    ['.npmrc', 'package manager settings'],
    ['.yarnrc', 'package manager settings'],
    ['.yarnrc.yml', 'package manager settings'],
    ['.pnpmfile.cjs', 'package manager settings'],
    ['vitest.config.ts', 'test runner config'],
    ['Vitest.Config.MTS', 'test runner config'],
    ['packages/a/vite.config.js', 'test runner config'],
    ['vitest.workspace.ts', 'test runner config'],
    ['jest.config.cjs', 'test runner config'],
    ['JEST.config.js', 'test runner config'],
    ['babel.config.js', 'build config'],
    ['.babelrc', 'build config'],
    ['.babelrc.json', 'build config'],
    ['tsconfig.json', 'build config'],
    ['TSConfig.Build.json', 'build config'],
    ['jsconfig.json', 'build config'],
    ['.env', 'environment file'],
    ['.env.test', 'environment file'],
    ['.gitattributes', 'git settings'],
    ['.gitmodules', 'git settings'],
  ])('refuses %j as a protected file (%s), whatever the globs', async (relPath, label) => {
    expect(await checkProposedPath(repo, relPath, ANY_FILE)).toEqual({ ok: false, reason: `protected file (${label})` });
  });

  it('caps the number of segments, a segment and the whole path', async () => {
    const deep = `${'a/'.repeat(PATH_LIMITS.maxSegments)}x.test.ts`;
    const wideSegment = `${'x'.repeat(PATH_LIMITS.maxSegmentBytes)}.test.ts`;
    const long = `${`${'d'.repeat(40)}/`.repeat(8)}x.test.ts`;
    const multiByte = `${`${'é'.repeat(40)}/`.repeat(4)}x.test.ts`;
    expect(long.length).toBeGreaterThan(PATH_LIMITS.maxBytes);
    expect(multiByte.length).toBeLessThan(PATH_LIMITS.maxBytes);
    expect(await checkProposedPath(repo, deep, DEFAULTS)).toMatchObject({ ok: false, reason: expect.stringContaining('too many path segments') });
    expect(await checkProposedPath(repo, wideSegment, DEFAULTS)).toMatchObject({ ok: false, reason: expect.stringContaining('path segment too long') });
    expect(await checkProposedPath(repo, long, DEFAULTS)).toMatchObject({ ok: false, reason: expect.stringContaining('path too long') });
    expect(await checkProposedPath(repo, multiByte, DEFAULTS)).toMatchObject({ ok: false, reason: expect.stringContaining('path too long') });
    expect(pathSpellingProblem(`${'d/'.repeat(10)}x.test.ts`)).toBeUndefined();
  });

  it('matches only the configured globs', async () => {
    const rules = { testGlobs: ['tests/**/*.test.ts'] };
    expect(await checkProposedPath(repo, 'tests/unit/y.test.ts', rules)).toMatchObject({ ok: true });
    expect(await checkProposedPath(repo, 'src/y.test.ts', rules)).toEqual({ ok: false, reason: 'not a test file by the configured globs' });
    expect(await checkProposedPath(repo, 'src/y.test.ts', { testGlobs: [] })).toEqual({ ok: false, reason: 'not a test file by the configured globs' });
    expect(await checkProposedPath(repo, '.hidden/y.test.ts', DEFAULTS)).toMatchObject({ ok: true });
    expect(await checkProposedPath(repo, 'src/__tests__/helper.ts', DEFAULTS)).toMatchObject({ ok: true });
    await expect(checkProposedPath(repo, 'src/y.test.ts', { testGlobs: [''] })).rejects.toThrow(ConfigurationError);
  });

  it('refuses to overwrite an existing test file or source file', async () => {
    expect(await checkProposedPath(repo, 'src/x.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'already exists' });
    expect(await checkProposedPath(repo, 'src/x.ts', { testGlobs: ['**/*.ts'] })).toEqual({ ok: false, reason: 'already exists' });
  });

  it('refuses a dangling symlink and a name differing only in case', async () => {
    await symlink(join(outside, 'missing.ts'), join(repo, 'src/dangling.test.ts'));
    expect(await checkProposedPath(repo, 'src/dangling.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'already exists' });
    expect(await checkProposedPath(repo, 'src/X.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'a file differing only in case already exists' });
    expect(await checkProposedPath(repo, 'SRC/new.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'a file differing only in case already exists' });
  });

  it('refuses a symlinked directory that points outside the repository', async () => {
    await symlink(outside, join(repo, 'src/out'), 'dir');
    expect(await checkProposedPath(repo, 'src/out/y.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'path escapes the repository' });
    expect(await checkProposedPath(repo, 'src/out/deeper/y.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'path escapes the repository' });
    await symlink('../..', join(repo, 'src/up'), 'dir');
    expect(await checkProposedPath(repo, 'src/up/y.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'path escapes the repository' });
    expect(await readdir(outside)).toEqual([]);
  });

  it('judges a symlinked directory inside the repository by where it resolves', async () => {
    await mkdir(join(repo, '.github/workflows'), { recursive: true });
    await symlink('../.github/workflows', join(repo, 'src/wf'), 'dir');
    expect(await checkProposedPath(repo, 'src/wf/ci.test.js', DEFAULTS)).toEqual({ ok: false, reason: 'protected file (GitHub workflows and settings)' });
    await symlink('../.git', join(repo, 'src/meta'), 'dir');
    expect(await checkProposedPath(repo, 'src/meta/hooks/x.test.js', DEFAULTS)).toEqual({ ok: false, reason: 'protected file (git metadata)' });
    await mkdir(join(repo, 'lib'));
    await symlink('../lib', join(repo, 'src/alias'), 'dir');
    expect(await checkProposedPath(repo, 'src/alias/y.test.ts', DEFAULTS)).toEqual({ ok: true, absolutePath: join(repo, 'src/alias/y.test.ts') });
  });

  it('refuses a path under a file and inside a nested git repository', async () => {
    expect(await checkProposedPath(repo, 'src/x.ts/y.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'parent is not a directory' });
    await mkdir(join(repo, 'vendor/lib'), { recursive: true });
    await gitInit(join(repo, 'vendor/lib'));
    expect(await checkProposedPath(repo, 'vendor/lib/y.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'inside a nested git repository' });
    expect(await checkProposedPath(repo, 'vendor/lib/src/y.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'inside a nested git repository' });
    expect(await checkProposedPath(repo, 'vendor/y.test.ts', DEFAULTS)).toMatchObject({ ok: true });
  });

  it('refuses when the repository directory does not exist', async () => {
    expect(await checkProposedPath(join(repo, 'missing'), 'y.test.ts', DEFAULTS)).toEqual({ ok: false, reason: 'repository directory not found' });
  });
});
