import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkNodeModules, withWorktree } from '../../../src/git/worktree.js';
import { createTempRepo, gitBuffer, removeTempDirs, type TempRepo } from './git-fixture.js';

afterAll(removeTempDirs);

/** Everything about the user's checkout that must not change: status, index bytes, HEAD, file bytes. */
function snapshot(repo: TempRepo): string {
  const status = gitBuffer(repo.dir, 'status', '--porcelain=v1', '-z', '--untracked-files=all').toString('base64');
  const index = createHash('sha256').update(readFileSync(path.join(repo.dir, '.git', 'index'))).digest('hex');
  const files = ['src/a.ts', 'src/b.ts', 'untracked.txt'].map((f) => (existsSync(path.join(repo.dir, f)) ? readFileSync(path.join(repo.dir, f), 'utf8') : '<none>'));
  return JSON.stringify({ status, index, head: repo.head(), files });
}

/** A repository at head with an unstaged edit, a staged edit and an untracked file. */
function dirtyRepo(): { repo: TempRepo; base: string; head: string } {
  const repo = createTempRepo();
  repo.write('src/a.ts', 'export const a = 1;\n');
  repo.write('src/b.ts', 'export const b = 1;\n');
  const base = repo.commitAll('base');
  repo.write('src/a.ts', 'export const a = 2;\n');
  repo.write('packages/p/package.json', '{"name":"p"}\n');
  const head = repo.commitAll('head');
  repo.write('src/a.ts', 'export const a = 3; // unstaged\n');
  repo.write('src/b.ts', 'export const b = 2; // staged\n');
  repo.git('add', 'src/b.ts');
  repo.write('untracked.txt', 'untracked\n');
  repo.git('status'); // let git refresh the index once, so later reads compare like with like
  return { repo, base, head };
}

describe('withWorktree', () => {
  it('checks out the commit outside the repository and removes it, leaving the checkout byte-identical', async () => {
    const { repo, base } = dirtyRepo();
    const before = snapshot(repo);
    let seenDir = '';
    const result = await withWorktree(repo.dir, base, async (dir) => {
      seenDir = dir;
      expect(path.isAbsolute(dir)).toBe(true);
      expect(realpathSync(dir).startsWith(realpathSync(repo.dir) + path.sep)).toBe(false);
      expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
      expect(existsSync(path.join(dir, 'untracked.txt'))).toBe(false);
      expect(existsSync(path.join(dir, 'packages/p/package.json'))).toBe(false);
      expect(repo.git('worktree', 'list', '--porcelain')).toContain(dir);
      return 42;
    });
    expect(result).toBe(42);
    expect(existsSync(seenDir)).toBe(false);
    expect(repo.git('worktree', 'list', '--porcelain')).not.toContain(seenDir);
    expect(snapshot(repo)).toBe(before);
  });

  it('removes the worktree when the callback throws, and rethrows', async () => {
    const { repo, base } = dirtyRepo();
    const before = snapshot(repo);
    let seenDir = '';
    await expect(
      withWorktree(repo.dir, base, async (dir) => {
        seenDir = dir;
        writeFileSync(path.join(dir, 'src/a.ts'), 'changed in worktree\n');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(seenDir).not.toBe('');
    expect(existsSync(seenDir)).toBe(false);
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(snapshot(repo)).toBe(before);
  });

  it('refuses a ref that is not a full commit id', async () => {
    const { repo } = dirtyRepo();
    await expect(withWorktree(repo.dir, 'main', async () => 1)).rejects.toThrow(/needs a full commit id/);
  });

  it('fails cleanly for a commit that does not exist', async () => {
    const { repo } = dirtyRepo();
    const before = snapshot(repo);
    await expect(withWorktree(repo.dir, 'f'.repeat(40), async () => 1)).rejects.toThrow(/could not check out commit ffffffffffff/);
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(snapshot(repo)).toBe(before);
  });
});

describe('linkNodeModules', () => {
  it('links each existing node_modules into the worktree and never deletes the originals', async () => {
    const { repo, base } = dirtyRepo();
    mkdirSync(path.join(repo.dir, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(path.join(repo.dir, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
    mkdirSync(path.join(repo.dir, 'packages', 'p', 'node_modules'), { recursive: true });
    writeFileSync(path.join(repo.dir, 'packages', 'p', 'node_modules', 'keep.txt'), 'keep\n');
    repo.write('.gitignore', 'node_modules/\n');

    await withWorktree(repo.dir, base, async (dir) => {
      const links = await linkNodeModules(repo.dir, dir, ['', 'packages/p', 'src', 'src']);
      // packages/p does not exist at the base; src has no node_modules at the head
      expect(links).toEqual([path.join(dir, 'node_modules')]);
      expect(lstatSync(path.join(dir, 'node_modules')).isSymbolicLink()).toBe(true);
      expect(readFileSync(path.join(dir, 'node_modules', 'dep', 'index.js'), 'utf8')).toBe('module.exports = 1;\n');
      // a second call links nothing more
      expect(await linkNodeModules(repo.dir, dir, [''])).toEqual([]);
    });
    expect(readFileSync(path.join(repo.dir, 'node_modules', 'dep', 'index.js'), 'utf8')).toBe('module.exports = 1;\n');
    expect(readFileSync(path.join(repo.dir, 'packages', 'p', 'node_modules', 'keep.txt'), 'utf8')).toBe('keep\n');
  });

  it('links member packages that exist at the base', async () => {
    const { repo, head } = dirtyRepo();
    mkdirSync(path.join(repo.dir, 'packages', 'p', 'node_modules', 'x'), { recursive: true });
    await withWorktree(repo.dir, head, async (dir) => {
      const links = await linkNodeModules(repo.dir, dir, ['packages/p']);
      expect(links).toEqual([path.join(dir, 'packages', 'p', 'node_modules')]);
      expect(realpathSync(links[0]!)).toBe(realpathSync(path.join(repo.dir, 'packages', 'p', 'node_modules')));
    });
    expect(existsSync(path.join(repo.dir, 'packages', 'p', 'node_modules', 'x'))).toBe(true);
  });

  it('refuses package directories outside the repository', async () => {
    const { repo, base } = dirtyRepo();
    await withWorktree(repo.dir, base, async (dir) => {
      await expect(linkNodeModules(repo.dir, dir, ['../outside'])).rejects.toThrow(/not inside the repository/);
      await expect(linkNodeModules(repo.dir, dir, ['/etc'])).rejects.toThrow(/not inside the repository/);
    });
  });
});
