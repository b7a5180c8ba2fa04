import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedPaths, readWorkingTreeStatus } from '../../../src/git/working-tree-snapshot.js';
import { createTempRepo, type TempRepo } from './git-fixture.js';

let repo: TempRepo | null = null;
afterEach(() => {
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
  repo = null;
});

describe('readWorkingTreeStatus', () => {
  it('gives the checked-out commit, whether tracked files changed, and a fingerprint that sees changes', async () => {
    repo = createTempRepo();
    repo.write('src/a file.ts', 'export const a = 1;\n');
    repo.write('.gitignore', 'ignored/\n');
    const head = repo.commitAll('first');

    const clean = await readWorkingTreeStatus(repo.dir);
    expect(clean).toEqual({ headCommit: head, hasTrackedChanges: false, snapshot: new Map() });

    repo.write('new file.txt', 'x');
    repo.write('ignored/build.js', 'x');
    const untracked = await readWorkingTreeStatus(repo.dir);
    expect(untracked.hasTrackedChanges).toBe(false);
    expect([...untracked.snapshot.keys()]).toEqual(['new file.txt']);

    writeFileSync(join(repo.dir, 'src/a file.ts'), 'export const a = 2;\n');
    const dirty = await readWorkingTreeStatus(repo.dir);
    expect(dirty.hasTrackedChanges).toBe(true);
    expect(changedPaths(untracked.snapshot, dirty.snapshot)).toEqual(['src/a file.ts']);

    // A second write to an already-changed file is seen too (size differs).
    writeFileSync(join(repo.dir, 'new file.txt'), 'longer');
    expect(changedPaths(dirty.snapshot, (await readWorkingTreeStatus(repo.dir)).snapshot)).toEqual(['new file.txt']);
  });

  it('reports no commit on an unborn branch', async () => {
    repo = createTempRepo();
    expect((await readWorkingTreeStatus(repo.dir)).headCommit).toBeNull();
  });
});
