/**
 * The "Diffs" bad inputs of SECURITY.md, each in a real repository; added lines are checked against
 * `git blame` (an independent reading of the same history) rather than hard-coded where possible.
 */
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GitError } from '../../../src/errors/errors.js';
import { computeDiff } from '../../../src/diff/compute-diff.js';
import type { DiffResult } from '../../../src/diff/types.js';
import { selectModules } from '../../../src/scope/select-modules.js';
import { blameAddedLines, createTempRepo, gitBuffer, makeTempDir, removeTempDirs, type TempRepo } from '../git/git-fixture.js';

afterAll(removeTempDirs);

type Files = Record<string, string | Buffer | null>;

/** A repository whose `main` holds `base` and whose `head` branch applies `head` (null deletes). */
function change(base: Files, head: Files): { repo: TempRepo; baseCommit: string; headCommit: string } {
  const repo = createTempRepo();
  for (const [file, content] of Object.entries(base)) if (content !== null) repo.write(file, content);
  const baseCommit = repo.commitAll('base');
  repo.git('checkout', '--quiet', '-b', 'head');
  for (const [file, content] of Object.entries(head)) {
    if (content === null) rmSync(path.join(repo.dir, file), { force: true });
    else repo.write(file, content);
  }
  const headCommit = repo.commitAll('head');
  return { repo, baseCommit, headCommit };
}

const lines = (count: number, prefix = 'line'): string => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}\n`).join('');
const fileOf = (diff: DiffResult, p: string) => diff.files.find((f) => f.path === p);
const reasonOf = (diff: DiffResult, p: string) => diff.skipped.find((s) => s.path === p)?.reason;

function expectBlameAgrees(repo: TempRepo, diff: DiffResult): void {
  expect(diff.files.length).toBeGreaterThan(0);
  for (const file of diff.files) {
    expect(file.changedLines, file.path).toEqual(blameAddedLines(repo.dir, diff.base, diff.head, file.path));
  }
}

describe('computeDiff', () => {
  it('empty pull request: no files, no skips, base equals head', async () => {
    const repo = createTempRepo();
    repo.write('a.ts', 'export const a = 1;\n');
    const commit = repo.commitAll('only');
    repo.git('branch', 'head');
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff).toEqual({ base: commit, head: commit, files: [], skipped: [] });
    repo.git('checkout', '--quiet', 'head');
    const emptyCommit = repo.commitAll('empty commit');
    expect(await computeDiff(repo.dir, 'main', 'HEAD')).toEqual({ base: commit, head: emptyCommit, files: [], skipped: [] });
  });

  it('modified and added files: added/modified lines only, matching git blame', async () => {
    const base = lines(40);
    const edited = base.replace('line 5\n', 'line five\n').replace('line 20\n', 'line 20\ninserted a\ninserted b\n').replace('line 30\n', '');
    const { repo, baseCommit, headCommit } = change({ 'src/a.ts': base }, { 'src/a.ts': edited, 'src/new.ts': lines(3) });
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.base).toBe(baseCommit);
    expect(diff.head).toBe(headCommit);
    expect(fileOf(diff, 'src/a.ts')).toEqual({ path: 'src/a.ts', previousPath: null, kind: 'modified', changedLines: [5, 21, 22] });
    expect(fileOf(diff, 'src/new.ts')).toEqual({ path: 'src/new.ts', previousPath: null, kind: 'added', changedLines: [1, 2, 3] });
    expectBlameAgrees(repo, diff);
  });

  it('compares with the merge base, not the moved base branch', async () => {
    const { repo, baseCommit } = change({ 'a.ts': lines(5) }, { 'a.ts': lines(6) });
    repo.git('checkout', '--quiet', 'main');
    repo.write('b.ts', lines(2));
    repo.write('a.ts', lines(5).replace('line 1\n', 'moved on main\n'));
    repo.commitAll('main moves on');
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.base).toBe(baseCommit);
    expect(diff.files.map((f) => [f.path, f.changedLines])).toEqual([['a.ts', [6]]]);
    expect(diff.skipped).toEqual([]);
  });

  it('deletions only: deleted files and files with only removed lines are skipped with reasons', async () => {
    const { repo } = change({ 'gone.ts': lines(3), 'shrunk.ts': lines(10) }, { 'gone.ts': null, 'shrunk.ts': lines(10).replace('line 4\n', '') });
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.files).toEqual([]);
    expect(diff.skipped).toEqual([
      { path: 'gone.ts', reason: 'deleted' },
      { path: 'shrunk.ts', reason: 'no added or modified lines' },
    ]);
  });

  it('docs-only: the change is listed but no module is selected', async () => {
    const { repo } = change({ 'README.md': '# x\n', 'docs/guide.md': 'a\n' }, { 'README.md': '# x\nmore\n', 'docs/guide.md': 'b\n' });
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.files.map((f) => f.path)).toEqual(['README.md', 'docs/guide.md']);
    const selection = selectModules(diff.files);
    expect(selection.selected).toEqual([]);
    expect(selection.skipped).toEqual([
      { path: 'README.md', reason: 'not a JS/TS source' },
      { path: 'docs/guide.md', reason: 'not a JS/TS source' },
    ]);
  });

  it('binary files are skipped, even with a source extension', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const { repo } = change({ 'img.png': png }, { 'img.png': Buffer.concat([png, png]), 'weird.ts': Buffer.from([0x65, 0, 0x66, 10]) });
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.files).toEqual([]);
    expect(diff.skipped).toEqual([
      { path: 'img.png', reason: 'binary file' },
      { path: 'weird.ts', reason: 'binary file' },
    ]);
  });

  it('huge minified files: too large ones are skipped, smaller ones are not selected', async () => {
    const huge = `var a=${'1+'.repeat(1_200_000)}1;`;
    const small = `!function(){${'x();'.repeat(5000)}}();`;
    const { repo } = change({}, { 'public/vendor.min.js': huge, 'public/app.min.js': small, 'src/ok.ts': 'export {};\n' });
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(reasonOf(diff, 'public/vendor.min.js')).toMatch(/^file too large \(2\.3 MiB; limit 1\.0 MiB\)$/);
    expect(fileOf(diff, 'public/app.min.js')?.changedLines).toEqual([1]);
    const selection = selectModules(diff.files);
    expect(selection.selected.map((f) => f.path)).toEqual(['src/ok.ts']);
    expect(selection.skipped).toEqual([{ path: 'public/app.min.js', reason: 'excluded by default: minified file' }]);
    const relaxed = await computeDiff(repo.dir, 'main', 'head', { maxFileBytes: 10 * 1024 * 1024 });
    expect(fileOf(relaxed, 'public/vendor.min.js')?.changedLines).toEqual([1]);
  });

  it('renames: without edits skipped, with edits reported at the new path with new-side lines', async () => {
    const moved = lines(30, 'moved');
    const edited = lines(30, 'kept');
    const { repo } = change(
      { 'src/old-name.ts': moved, 'src/before.ts': edited },
      { 'src/old-name.ts': null, 'src/new-name.ts': moved, 'src/before.ts': null, 'lib/after.ts': edited.replace('kept 10\n', 'kept ten\nextra\n') },
    );
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(fileOf(diff, 'lib/after.ts')).toEqual({ path: 'lib/after.ts', previousPath: 'src/before.ts', kind: 'renamed', changedLines: [10, 11] });
    expect(diff.skipped).toEqual([{ path: 'src/new-name.ts', reason: 'renamed without content changes (from src/old-name.ts)' }]);
    expectBlameAgrees(repo, diff);
  });

  it('non-UTF-8 sources are skipped', async () => {
    const latin1 = Buffer.from('export const caf\xe9 = "\xe9t\xe9";\n', 'latin1');
    const { repo } = change({ 'src/a.ts': 'export {};\n' }, { 'src/a.ts': Buffer.concat([Buffer.from('export {};\n'), latin1]), 'src/utf8.ts': 'export const café = "été";\n' });
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.skipped).toEqual([{ path: 'src/a.ts', reason: 'not valid UTF-8' }]);
    expect(diff.files.map((f) => f.path)).toEqual(['src/utf8.ts']);
  });

  it('CRLF files give the right line numbers', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const base = crlf(lines(12));
    const head = crlf(lines(12).replace('line 3\n', 'line three\n').replace('line 9\n', 'line 9\nnew\n')).replace('line 11\r\n', 'line 11\n');
    const { repo } = change({ 'win.ts': base }, { 'win.ts': head });
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(fileOf(diff, 'win.ts')?.changedLines).toEqual([3, 10, 12]);
    expectBlameAgrees(repo, diff);
  });

  it('"no newline at end of file" in both directions', async () => {
    const { repo } = change(
      { 'gains-newline.ts': 'a\nb', 'loses-newline.ts': 'a\nb\n', 'append-no-eol.ts': 'a\nb\n', 'both-no-eol.ts': 'a\nb', 'new-no-eol.ts': null },
      { 'gains-newline.ts': 'a\nb\nc\n', 'loses-newline.ts': 'a\nb', 'append-no-eol.ts': 'a\nb\nc', 'both-no-eol.ts': 'a\nc', 'new-no-eol.ts': 'x\ny' },
    );
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.files.map((f) => [f.path, f.changedLines])).toEqual([
      ['append-no-eol.ts', [3]],
      ['both-no-eol.ts', [2]],
      ['gains-newline.ts', [2, 3]],
      ['loses-newline.ts', [2]],
      ['new-no-eol.ts', [1, 2]],
    ]);
    expectBlameAgrees(repo, diff);
  });

  it('odd file names: spaces, unicode, quotes, leading dash, tab, newline, backslash', async () => {
    const names = ['with space.ts', 'dir with space/b c.ts', 'ünïcödé/ñame.ts', 'quote"d.ts', "single'q.ts", '-leading-dash.ts', 'tab\there.ts', 'new\nline.ts', 'back\\slash.ts', 'a b/c.ts', ' spaced .ts', 'b/x.ts'];
    const base: Files = {};
    const head: Files = {};
    names.forEach((name, i) => {
      base[name] = lines(10 + i);
      head[name] = lines(10 + i).replace(`line ${i + 1}\n`, `changed ${i}\n`) + 'appended\n';
    });
    head['renamed "to" ü.ts'] = lines(20, 'r');
    base['rename-me.ts'] = lines(20, 'r');
    head['rename-me.ts'] = null;
    const { repo } = change(base, head);
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.skipped).toEqual([{ path: 'renamed "to" ü.ts', reason: 'renamed without content changes (from rename-me.ts)' }]);
    expect(diff.files.map((f) => f.path).sort()).toEqual([...names].sort());
    names.forEach((name, i) => expect(fileOf(diff, name)?.changedLines, name).toEqual([i + 1, 11 + i]));
    expectBlameAgrees(repo, diff);
  });

  it('submodule bumps and added submodules are skipped', async () => {
    const repo = createTempRepo();
    repo.write('a.ts', 'export {};\n');
    repo.git('add', 'a.ts');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},libs/sub`);
    repo.git('commit', '--quiet', '-m', 'base');
    repo.git('update-index', '--cacheinfo', `160000,${'2'.repeat(40)},libs/sub`);
    repo.git('update-index', '--add', '--cacheinfo', `160000,${'3'.repeat(40)},libs/other`);
    repo.git('commit', '--quiet', '-m', 'bump');
    const diff = await computeDiff(repo.dir, 'HEAD~1', 'HEAD');
    expect(diff.files).toEqual([]);
    expect(diff.skipped).toEqual([
      { path: 'libs/other', reason: 'submodule' },
      { path: 'libs/sub', reason: 'submodule' },
    ]);
  });

  it('mode change only is skipped; mode change with edits is measured', async () => {
    const repo = createTempRepo();
    repo.write('run.js', lines(4));
    repo.write('tool.js', lines(4));
    repo.commitAll('base');
    chmodSync(path.join(repo.dir, 'run.js'), 0o755);
    chmodSync(path.join(repo.dir, 'tool.js'), 0o755);
    repo.write('tool.js', `${lines(4)}more\n`);
    repo.commitAll('chmod');
    const diff = await computeDiff(repo.dir, 'HEAD~1', 'HEAD');
    expect(diff.skipped).toEqual([{ path: 'run.js', reason: 'file mode change only (100644 -> 100755)' }]);
    expect(diff.files).toEqual([{ path: 'tool.js', previousPath: null, kind: 'modified', changedLines: [5] }]);
  });

  it('symlinks are skipped; a symlink replaced by a file is measured as a type change', async () => {
    const repo = createTempRepo();
    repo.write('target.ts', lines(3));
    symlinkSync('target.ts', path.join(repo.dir, 'was-link.ts'));
    repo.write('was-file.ts', lines(2));
    repo.commitAll('base');
    symlinkSync('target.ts', path.join(repo.dir, 'new-link.ts'));
    rmSync(path.join(repo.dir, 'was-link.ts'));
    repo.write('was-link.ts', lines(2, 'now a file'));
    rmSync(path.join(repo.dir, 'was-file.ts'));
    symlinkSync('target.ts', path.join(repo.dir, 'was-file.ts'));
    repo.commitAll('links');
    const diff = await computeDiff(repo.dir, 'HEAD~1', 'HEAD');
    expect(diff.skipped).toEqual([
      { path: 'new-link.ts', reason: 'symlink' },
      { path: 'was-file.ts', reason: 'symlink' },
    ]);
    expect(diff.files).toEqual([{ path: 'was-link.ts', previousPath: null, kind: 'type-changed', changedLines: [1, 2] }]);
  });

  it('empty new files are skipped', async () => {
    const { repo } = change({}, { 'empty.ts': '' });
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.skipped).toEqual([{ path: 'empty.ts', reason: 'empty file' }]);
  });

  it('never touches the working tree or the index', async () => {
    const { repo } = change({ 'a.ts': lines(5) }, { 'a.ts': lines(7) });
    repo.write('a.ts', 'dirty\n');
    repo.write('staged.ts', 'staged\n');
    repo.git('add', 'staged.ts');
    repo.write('untracked.ts', 'u\n');
    repo.git('status');
    const state = () => ({
      status: gitBuffer(repo.dir, 'status', '--porcelain=v1', '-z', '--untracked-files=all').toString('base64'),
      index: createHash('sha256').update(readFileSync(path.join(repo.dir, '.git', 'index'))).digest('hex'),
      a: readFileSync(path.join(repo.dir, 'a.ts'), 'utf8'),
    });
    const before = state();
    const diff = await computeDiff(repo.dir, 'main', 'head');
    expect(diff.files.map((f) => f.changedLines)).toEqual([[6, 7]]);
    expect(state()).toEqual(before);
  });

  it('is not thrown off by user git configuration that changes diff output', async () => {
    const { repo } = change(
      { 'src/a.ts': lines(10), 'src/b.ts': lines(5) },
      { 'src/a.ts': lines(10).replace('line 2\n', 'two\n'), 'src/b.ts': `${lines(5)}six\n`, '.gitattributes': '*.ts diff=upper\n' },
    );
    repo.git('update-index', '--add', '--cacheinfo', `160000,${'4'.repeat(40)},sub`);
    repo.git('commit', '--quiet', '-m', 'submodule');
    for (const [key, value] of [
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['diff.submodule', 'log'],
      ['diff.external', 'false'],
      ['diff.relative', 'true'],
      ['diff.renames', 'copies'],
      ['diff.upper.textconv', 'tr a-z A-Z'],
      ['diff.interHunkContext', '5'],
      ['color.diff', 'always'],
      ['core.pager', 'false'],
    ]) repo.git('config', key!, value!);
    const diff = await computeDiff(path.join(repo.dir, 'src'), 'main', 'head');
    expect(diff.files.map((f) => [f.path, f.changedLines])).toEqual([
      ['.gitattributes', [1]],
      ['src/a.ts', [2]],
      ['src/b.ts', [6]],
    ]);
    expect(diff.skipped).toEqual([{ path: 'sub', reason: 'submodule' }]);
  });

  it('fails with actionable errors for bad repositories and refs', async () => {
    await expect(computeDiff(makeTempDir(), 'main', 'HEAD')).rejects.toThrow(/not a git repository: .*; run inside a checkout or pass --repo/);
    const { repo } = change({ 'a.ts': 'a\n' }, { 'a.ts': 'b\n' });
    const error = await computeDiff(repo.dir, 'no-such-base', 'head').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as Error).message).toMatch(/unknown base ref "no-such-base"/);
    await expect(computeDiff(repo.dir, '--exec=x', 'head')).rejects.toThrow(/invalid base ref/);
  });
});
