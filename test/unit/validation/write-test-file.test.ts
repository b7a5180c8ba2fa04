import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GenerationError } from '../../../src/errors/errors.js';
import { inspectProposedPath, type CheckedTestPath } from '../../../src/validation/check-proposed-path.js';
import { DEFAULT_TEST_GLOBS } from '../../../src/validation/proposed-path-rules.js';
import { removeWrittenTestFile, writeCheckedTestFile, writeNewTestFile } from '../../../src/validation/write-test-file.js';

const run = promisify(execFile);
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const OPTIONS = { testGlobs: DEFAULT_TEST_GLOBS, maxBytes: 10_000 };
const TEST_CONTENT = "import { test, expect } from 'vitest';\ntest('x', () => expect(1).toBe(1));\n";
const SOURCE = 'export const x = 1;\n';
const EXISTING_TEST = "test('old', () => {});\n";

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd, env: GIT_ENV })).stdout;
}

/** Every entry under `root` (but .git) with its content or link target, to prove nothing changed. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const rel = path.slice(root.length + 1);
      if (rel === '.git') continue;
      const info = await lstat(path);
      if (info.isSymbolicLink()) out[rel] = `link -> ${await readlink(path)}`;
      else if (info.isDirectory()) {
        out[rel] = 'dir';
        await walk(path);
      } else out[rel] = await readFile(path, 'utf8');
    }
  };
  await walk(root);
  return out;
}

async function inspected(repo: string, relPath: string): Promise<CheckedTestPath> {
  const inspection = await inspectProposedPath(repo, relPath, OPTIONS);
  if (!inspection.ok) throw new Error(`expected ${relPath} to pass the check: ${inspection.reason}`);
  return inspection.checked;
}

let repo = '';
let outside = '';
beforeEach(async () => {
  repo = await realpath(await mkdtemp(join(tmpdir(), 'testmaster-write-')));
  outside = await realpath(await mkdtemp(join(tmpdir(), 'testmaster-outside-')));
  await mkdir(join(repo, 'src'));
  await writeFile(join(repo, 'src/x.ts'), SOURCE);
  await writeFile(join(repo, 'src/x.test.ts'), EXISTING_TEST);
  await writeFile(join(repo, 'package.json'), '{"name":"fixture"}\n');
  await git(repo, 'init', '--quiet', '--initial-branch=main');
  await git(repo, 'add', '--all');
  await git(repo, '-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'core.hooksPath=/dev/null', 'commit', '--quiet', '-m', 'base');
});
afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('writeNewTestFile', () => {
  it('writes a new file, making and recording the missing directories', async () => {
    const written = await writeNewTestFile(repo, 'src/new/deep/x.testmaster.test.ts', TEST_CONTENT, OPTIONS);
    expect(written).toEqual({
      relativePath: 'src/new/deep/x.testmaster.test.ts',
      absolutePath: join(repo, 'src/new/deep/x.testmaster.test.ts'),
      realRepoDir: repo,
      createdDirectories: [join(repo, 'src/new'), join(repo, 'src/new/deep')],
    });
    expect(await readFile(written.absolutePath, 'utf8')).toBe(TEST_CONTENT);
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('?? src/new/deep/x.testmaster.test.ts\n');
  });

  it('writes next to an existing module without recording any directory', async () => {
    const written = await writeNewTestFile(repo, 'src/x.testmaster.test.ts', TEST_CONTENT, OPTIONS);
    expect(written.createdDirectories).toEqual([]);
    expect(await readFile(join(repo, 'src/x.testmaster.test.ts'), 'utf8')).toBe(TEST_CONTENT);
  });

  it.each([
    ['../x.test.ts', 'path escapes the repository'],
    ['a/../../x.test.ts', 'path escapes the repository'],
    ['/tmp/x.test.ts', 'absolute path'],
    ['C:\\Users\\x.test.ts', 'absolute path'],
    ['src\\x.test.ts', 'path contains a backslash'],
    ['src/x\0.test.ts', 'path contains a NUL byte'],
    ['src/x.test.ts', 'already exists'],
    ['src/X.test.ts', 'a file differing only in case already exists'],
    ['.GIT/x.test.ts', 'protected file (git metadata)'],
    ['.git/hooks/pre-commit.test.js', 'protected file (git metadata)'],
    ['.github/workflows/ci.test.js', 'protected file (GitHub workflows and settings)'],
    ['Package.JSON', 'protected file (package manifest)'],
    ['src/x.ts', 'not a test file by the configured globs'],
    [`${'deep/'.repeat(40)}x.test.ts`, 'too many path segments'],
  ])('refuses %j with a one-line GenerationError and changes nothing', async (relPath, reason) => {
    const before = await snapshot(repo);
    const error = await writeNewTestFile(repo, relPath, TEST_CONTENT, OPTIONS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GenerationError);
    const message = (error as GenerationError).message;
    expect(message).toContain(reason);
    expect(message).toContain(JSON.stringify(relPath).slice(0, 40));
    expect(message).not.toMatch(/[\n\0]/);
    expect(await snapshot(repo)).toEqual(before);
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(await readdir(outside)).toEqual([]);
  });

  it.each([
    ['x'.repeat(10_001), 'content too large (10001 bytes, limit 10000)'],
    ['é'.repeat(5_001), 'content too large (10002 bytes, limit 10000)'],
    [`${TEST_CONTENT}\0`, 'content contains a NUL byte'],
    ['  \n', 'content is empty'],
  ])('refuses bad content (%#) and writes nothing', async (content, reason) => {
    const before = await snapshot(repo);
    await expect(writeNewTestFile(repo, 'src/new/y.test.ts', content, OPTIONS)).rejects.toThrow(reason);
    expect(await snapshot(repo)).toEqual(before);
  });

  it('refuses an unusable size limit', async () => {
    await expect(writeNewTestFile(repo, 'src/y.test.ts', TEST_CONTENT, { ...OPTIONS, maxBytes: 0 })).rejects.toThrow('invalid size limit 0');
    await expect(writeNewTestFile(repo, 'src/y.test.ts', TEST_CONTENT, { ...OPTIONS, maxBytes: Number.NaN })).rejects.toThrow(GenerationError);
  });

  it('refuses a symlinked directory escaping the repository and writes nothing outside', async () => {
    await symlink(outside, join(repo, 'src/out'), 'dir');
    const before = await snapshot(repo);
    await expect(writeNewTestFile(repo, 'src/out/x.test.ts', TEST_CONTENT, OPTIONS)).rejects.toThrow('path escapes the repository');
    await expect(writeNewTestFile(repo, 'src/out/made/x.test.ts', TEST_CONTENT, OPTIONS)).rejects.toThrow('path escapes the repository');
    expect(await readdir(outside)).toEqual([]);
    expect(await snapshot(repo)).toEqual(before);
  });

  it('refuses to write over a dangling symlink, and its target is not created', async () => {
    await symlink(join(outside, 'planted.ts'), join(repo, 'src/link.test.ts'));
    await expect(writeNewTestFile(repo, 'src/link.test.ts', TEST_CONTENT, OPTIONS)).rejects.toThrow('already exists');
    expect(await readdir(outside)).toEqual([]);
  });

  it('lets exactly one of two concurrent writers of the same path win', async () => {
    const results = await Promise.allSettled([
      writeNewTestFile(repo, 'src/gen/same.test.ts', 'first\n', OPTIONS),
      writeNewTestFile(repo, 'src/gen/same.test.ts', 'second\n', OPTIONS),
    ]);
    const winners = results.filter((result) => result.status === 'fulfilled');
    const losers = results.filter((result) => result.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(String((losers[0] as PromiseRejectedResult).reason)).toContain('already exists');
    const winnerContent = results[0]?.status === 'fulfilled' ? 'first\n' : 'second\n';
    expect(await readFile(join(repo, 'src/gen/same.test.ts'), 'utf8')).toBe(winnerContent);
  });
});

describe('writeCheckedTestFile (between check and write)', () => {
  it('refuses a file that appeared after the check and leaves it untouched', async () => {
    const checked = await inspected(repo, 'src/race.test.ts');
    await writeFile(join(repo, 'src/race.test.ts'), 'written by someone else\n');
    await expect(writeCheckedTestFile(checked, TEST_CONTENT, OPTIONS)).rejects.toThrow(/"src\/race\.test\.ts" was not written: already exists/);
    expect(await readFile(join(repo, 'src/race.test.ts'), 'utf8')).toBe('written by someone else\n');
  });

  it('keeps a directory and file another writer made after the check', async () => {
    const checked = await inspected(repo, 'src/fresh/race.test.ts');
    expect(checked.missingDirectories).toEqual([join(repo, 'src/fresh')]);
    await mkdir(join(repo, 'src/fresh'));
    await writeFile(join(repo, 'src/fresh/race.test.ts'), 'theirs\n');
    await expect(writeCheckedTestFile(checked, TEST_CONTENT, OPTIONS)).rejects.toThrow('already exists');
    expect(await readFile(join(repo, 'src/fresh/race.test.ts'), 'utf8')).toBe('theirs\n');
  });

  it('uses a directory another writer made after the check', async () => {
    const checked = await inspected(repo, 'src/shared/mine.test.ts');
    await mkdir(join(repo, 'src/shared'));
    await writeFile(join(repo, 'src/shared/theirs.test.ts'), 'theirs\n');
    const written = await writeCheckedTestFile(checked, TEST_CONTENT, OPTIONS);
    expect(await readFile(written.absolutePath, 'utf8')).toBe(TEST_CONTENT);
    expect(await removeWrittenTestFile(written)).toEqual([join(repo, 'src/shared')]);
    expect(await readdir(join(repo, 'src/shared'))).toEqual(['theirs.test.ts']);
  });

  it('refuses when a checked directory is swapped for a symlink out of the repository, leaving nothing outside', async () => {
    await mkdir(join(repo, 'src/gen'));
    const checked = await inspected(repo, 'src/gen/x.test.ts');
    await rm(join(repo, 'src/gen'), { recursive: true });
    await symlink(outside, join(repo, 'src/gen'), 'dir');
    await expect(writeCheckedTestFile(checked, TEST_CONTENT, OPTIONS)).rejects.toThrow('path escapes the repository');
    expect(await readdir(outside)).toEqual([]);
  });

  it('makes no directory outside when the swap happens above a missing directory', async () => {
    await mkdir(join(repo, 'src/gen'));
    const checked = await inspected(repo, 'src/gen/new/x.test.ts');
    await rm(join(repo, 'src/gen'), { recursive: true });
    await symlink(outside, join(repo, 'src/gen'), 'dir');
    await expect(writeCheckedTestFile(checked, TEST_CONTENT, OPTIONS)).rejects.toThrow('path escapes the repository');
    expect(await readdir(outside)).toEqual([]);
  });

  it('removes the file and the directories it made when the file lands elsewhere than checked', async () => {
    const checked = await inspected(repo, 'src/m1/m2/x.test.ts');
    const before = await snapshot(repo);
    const moved = { ...checked, expectedRealParent: join(repo, 'src/elsewhere') };
    await expect(writeCheckedTestFile(moved, TEST_CONTENT, OPTIONS)).rejects.toThrow('path escapes the repository');
    expect(await snapshot(repo)).toEqual(before);
  });

  it('refuses a dangling symlink planted after the check, without creating its target', async () => {
    const checked = await inspected(repo, 'src/planted.test.ts');
    await symlink(join(outside, 'planted.ts'), join(repo, 'src/planted.test.ts'));
    await expect(writeCheckedTestFile(checked, TEST_CONTENT, OPTIONS)).rejects.toThrow('already exists');
    expect((await lstat(join(repo, 'src/planted.test.ts'))).isSymbolicLink()).toBe(true);
    expect(await readdir(outside)).toEqual([]);
  });

  it('checks the content before making anything', async () => {
    const checked = await inspected(repo, 'src/c/d/x.test.ts');
    await expect(writeCheckedTestFile(checked, 'x'.repeat(20), { maxBytes: 10 })).rejects.toThrow('content too large');
    await expect(lstat(join(repo, 'src/c'))).rejects.toThrow(/ENOENT/);
  });
});

describe('removeWrittenTestFile', () => {
  it('shares a directory made for two test files written at the same time: the last one removed takes it away', async () => {
    // Both checked before either wrote (both make src/pair/__tests__), then a third checked after.
    const first = await inspected(repo, 'src/pair/__tests__/a.probe.test.ts');
    const second = await inspected(repo, 'src/pair/__tests__/b.probe.test.ts');
    const a = await writeCheckedTestFile(first, TEST_CONTENT, OPTIONS);
    const b = await writeCheckedTestFile(second, TEST_CONTENT, OPTIONS);
    const c = await writeNewTestFile(repo, 'src/pair/__tests__/c.probe.test.ts', TEST_CONTENT, OPTIONS);
    expect(await removeWrittenTestFile(a)).toEqual([]);
    expect(await removeWrittenTestFile(c)).toEqual([]);
    expect(await readdir(join(repo, 'src/pair/__tests__'))).toEqual(['b.probe.test.ts']);
    expect(await removeWrittenTestFile(b)).toEqual([]);
    await expect(lstat(join(repo, 'src/pair'))).rejects.toThrow(/ENOENT/);
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('deletes the file and the directories it made, leaving the tree as before', async () => {
    const before = await snapshot(repo);
    const written = await writeNewTestFile(repo, 'src/new/deep/x.test.ts', TEST_CONTENT, OPTIONS);
    expect(await removeWrittenTestFile(written)).toEqual([]);
    expect(await snapshot(repo)).toEqual(before);
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(await removeWrittenTestFile(written)).toEqual([]);
  });

  it('keeps a made directory that is no longer empty and says so', async () => {
    const written = await writeNewTestFile(repo, 'src/new/x.test.ts', TEST_CONTENT, OPTIONS);
    await mkdir(join(repo, 'src/new/__snapshots__'));
    await writeFile(join(repo, 'src/new/__snapshots__/x.test.ts.snap'), 'snap\n');
    expect(await removeWrittenTestFile(written)).toEqual([join(repo, 'src/new')]);
    await expect(lstat(written.absolutePath)).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(repo, 'src/new/__snapshots__/x.test.ts.snap'), 'utf8')).toBe('snap\n');
  });

  it('deletes nothing through a directory swapped for a symlink out of the repository', async () => {
    const written = await writeNewTestFile(repo, 'src/new/x.test.ts', TEST_CONTENT, OPTIONS);
    await writeFile(join(outside, 'x.test.ts'), 'outside\n');
    await rm(join(repo, 'src/new'), { recursive: true });
    await symlink(outside, join(repo, 'src/new'), 'dir');
    expect(await removeWrittenTestFile(written)).toEqual([written.absolutePath, join(repo, 'src/new')]);
    expect(await readFile(join(outside, 'x.test.ts'), 'utf8')).toBe('outside\n');
    expect((await lstat(dirname(written.absolutePath))).isSymbolicLink()).toBe(true);
  });
});
