/**
 * The repository guard's git-directory half on real repositories: every way a test could change the
 * guarded files is seen after the process and put back byte for byte, with modes; what git and
 * TestMaster legitimately change is not reported; TestMaster's own worktrees are taken into the
 * baseline and out again.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGit } from '../../../src/git/exec.js';
import { readWorkingTreeStatus } from '../../../src/git/working-tree-snapshot.js';
import { withWorktree } from '../../../src/git/worktree.js';
import { createRepositoryGuard } from '../../../src/guard/repository-guard.js';
import { createTempRepo, makeTempDir, removeTempDirs, type TempRepo } from '../git/git-fixture.js';

afterAll(removeTempDirs);

/** Bytes, modes and symlink targets of everything under the git directory except objects, logs and the index. */
function gitDirState(repo: TempRepo): Map<string, string> {
  const state = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      const rel = path.relative(path.join(repo.dir, '.git'), file);
      if (['objects', 'logs', 'index', 'ORIG_HEAD', 'FETCH_HEAD'].includes(rel) || rel.endsWith(`${path.sep}index`) || rel.includes(`${path.sep}logs`)) continue;
      const stats = lstatSync(file);
      if (stats.isSymbolicLink()) state.set(rel, `link:${readlinkSync(file)}`);
      else if (stats.isDirectory()) {
        state.set(rel, `dir:${(stats.mode & 0o7777).toString(8)}`);
        walk(file);
      } else state.set(rel, `file:${(stats.mode & 0o7777).toString(8)}:${readFileSync(file).toString('base64')}`);
    }
  };
  walk(path.join(repo.dir, '.git'));
  return state;
}

function committedRepo(): TempRepo {
  const repo = createTempRepo();
  repo.write('src/a.ts', 'export const a = 1;\n');
  repo.commitAll('first');
  const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
  writeFileSync(hook, '#!/bin/sh\nexit 0\n');
  chmodSync(hook, 0o755);
  return repo;
}

describe('the git directory guard', () => {
  it('puts back config, info/attributes, hooks, HEAD and alternates exactly, whatever was done to them, and says which', async () => {
    const repo = committedRepo();
    const guard = createRepositoryGuard(repo.dir);
    await guard.beforeProcess();
    const before = gitDirState(repo);
    const git = (file: string): string => path.join(repo.dir, '.git', file);

    writeFileSync(git('config'), `${readFileSync(git('config'), 'utf8')}[filter "evil"]\n\tclean = touch /tmp/x\n`);
    // mtime forged back: the ctime still shows the write
    utimesSync(git('config'), new Date(0), new Date(0));
    writeFileSync(git('info/attributes'), '* filter=evil\n');
    writeFileSync(git('hooks/post-checkout'), '#!/bin/sh\ntouch /tmp/x\n', { mode: 0o755 });
    chmodSync(git('hooks/pre-commit'), 0o777);
    writeFileSync(git('HEAD'), 'ref: refs/heads/elsewhere\n');
    writeFileSync(git('objects/info/alternates'), '/tmp/elsewhere/objects\n');
    mkdirSync(git('info/nested'), { recursive: true });
    writeFileSync(git('info/nested/file'), 'x');

    const changed = await guard.afterProcess();
    expect(changed).toEqual([
      '.git/HEAD',
      '.git/config',
      '.git/hooks/post-checkout',
      '.git/hooks/pre-commit',
      '.git/info/attributes',
      '.git/info/nested',
      '.git/info/nested/file',
      '.git/objects/info/alternates',
    ]);
    expect(gitDirState(repo)).toEqual(before);
    // git works on the restored directory, and the next check is clean
    expect((await readWorkingTreeStatus(repo.dir)).hasTrackedChanges).toBe(false);
    expect(await guard.afterProcess()).toEqual([]);
  });

  it('puts back a hooks directory replaced by a symlink, and a deleted config, writing nothing through the link', async () => {
    const repo = committedRepo();
    const guard = createRepositoryGuard(repo.dir);
    await guard.beforeProcess();
    const before = gitDirState(repo);
    const elsewhere = makeTempDir('tm-elsewhere-');
    rmSync(path.join(repo.dir, '.git', 'hooks'), { recursive: true });
    symlinkSync(elsewhere, path.join(repo.dir, '.git', 'hooks'));
    rmSync(path.join(repo.dir, '.git', 'config'));
    symlinkSync(path.join(elsewhere, 'config'), path.join(repo.dir, '.git', 'config'));

    const changed = await guard.afterProcess();
    expect(changed).toContain('.git/hooks');
    expect(changed).toContain('.git/hooks/pre-commit');
    expect(changed).toContain('.git/config');
    expect(gitDirState(repo)).toEqual(before);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('reports nothing for a file rewritten with the same bytes, nor for what git itself writes (index, logs, refs, objects)', async () => {
    const repo = committedRepo();
    const guard = createRepositoryGuard(repo.dir);
    await guard.beforeProcess();
    const config = path.join(repo.dir, '.git', 'config');
    writeFileSync(config, readFileSync(config));
    repo.write('src/b.ts', 'export const b = 1;\n');
    repo.commitAll('second');
    repo.git('tag', 'v1');
    await runGit(repo.dir, ['status']);
    expect(await guard.afterProcess()).toEqual([]);
  });

  it("takes TestMaster's own worktrees into the baseline and out again, and guards their admin files and .git file meanwhile", async () => {
    const repo = committedRepo();
    const guard = createRepositoryGuard(repo.dir);
    await guard.beforeProcess();
    const before = gitDirState(repo);
    await withWorktree(
      repo.dir,
      repo.head(),
      async (dir) => {
        expect(await guard.afterProcess()).toEqual([]);
        const adminDir = readFileSync(path.join(dir, '.git'), 'utf8').replace(/^gitdir: /, '').trim();
        const name = path.basename(adminDir);
        const gitfile = readFileSync(path.join(dir, '.git'));
        writeFileSync(path.join(dir, '.git'), 'gitdir: /tmp/planted-git-dir\n');
        writeFileSync(path.join(adminDir, 'commondir'), '/tmp/planted-common\n');
        writeFileSync(path.join(adminDir, 'config.worktree'), '[core]\n\thooksPath = /tmp/planted\n');
        const changed = await guard.afterProcess();
        expect(changed).toEqual([path.join(dir, '.git'), `.git/worktrees/${name}/commondir`, `.git/worktrees/${name}/config.worktree`].sort());
        expect(readFileSync(path.join(dir, '.git'))).toEqual(gitfile);
        expect(existsSync(path.join(adminDir, 'config.worktree'))).toBe(false);
        expect((await readWorkingTreeStatus(dir)).hasTrackedChanges).toBe(false);
      },
      { guard },
    );
    expect(await guard.afterProcess()).toEqual([]);
    expect(gitDirState(repo)).toEqual(before);
  });

  it("guards a submodule's git directory under .git/modules like the repository's own", async () => {
    const sub = createTempRepo();
    sub.write('lib.txt', 'lib\n');
    sub.commitAll('lib');
    const repo = committedRepo();
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', sub.dir, 'vendor/lib');
    repo.commitAll('submodule');
    const guard = createRepositoryGuard(repo.dir);
    await guard.beforeProcess();
    const before = gitDirState(repo);
    const moduleDir = path.join(repo.dir, '.git', 'modules', 'vendor', 'lib');
    writeFileSync(path.join(moduleDir, 'config'), '[filter "x"]\n\tclean = evil\n');
    writeFileSync(path.join(moduleDir, 'hooks', 'post-checkout'), '#!/bin/sh\n', { mode: 0o755 });
    expect(await guard.afterProcess()).toEqual(['.git/modules/vendor/lib/config', '.git/modules/vendor/lib/hooks/post-checkout']);
    expect(gitDirState(repo)).toEqual(before);
  });

  it('deletes a worktree admin directory a test planted, but never a file outside the git directory', async () => {
    const repo = committedRepo();
    const guard = createRepositoryGuard(repo.dir);
    await guard.beforeProcess();
    const victim = path.join(makeTempDir('tm-victim-'), '.git');
    writeFileSync(victim, 'the user file\n');
    const planted = path.join(repo.dir, '.git', 'worktrees', 'planted');
    mkdirSync(planted, { recursive: true });
    writeFileSync(path.join(planted, 'gitdir'), `${victim}\n`);
    writeFileSync(path.join(planted, 'commondir'), '../..\n');
    writeFileSync(path.join(planted, 'HEAD'), 'ref: refs/heads/main\n');
    expect(await guard.afterProcess()).toEqual(['.git/worktrees/planted', '.git/worktrees/planted/HEAD', '.git/worktrees/planted/commondir', '.git/worktrees/planted/gitdir']);
    expect(existsSync(planted)).toBe(false);
    expect(readFileSync(victim, 'utf8')).toBe('the user file\n');
  });
});
