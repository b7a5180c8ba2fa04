import { afterAll, describe, expect, it } from 'vitest';
import { listTrackedFiles, splitNul } from '../../../src/git/ls-files.js';
import { createTempRepo, removeTempDirs } from './git-fixture.js';

afterAll(removeTempDirs);

describe('listTrackedFiles', () => {
  it('lists the index or a commit tree with exact names, from any subdirectory', async () => {
    const repo = createTempRepo();
    const names = ['a.ts', 'dir/ü b.ts', 'quote"d.ts', 'tab\tname.ts', '-dash.ts'];
    for (const name of names) repo.write(name, 'x\n');
    const first = repo.commitAll('one');
    repo.write('later.ts', 'y\n');
    repo.git('add', 'later.ts');
    repo.write('untracked.ts', 'z\n');
    expect((await listTrackedFiles(repo.dir)).sort()).toEqual([...names, 'later.ts'].sort());
    expect((await listTrackedFiles(`${repo.dir}/dir`)).sort()).toEqual([...names, 'later.ts'].sort());
    expect((await listTrackedFiles(repo.dir, first)).sort()).toEqual([...names].sort());
    await expect(listTrackedFiles(repo.dir, '--output=x')).rejects.toThrow(/invalid commit/);
  });

  it('splits NUL-terminated output', () => {
    expect(splitNul(Buffer.from('a\0b c\0'))).toEqual(['a', 'b c']);
    expect(splitNul(Buffer.alloc(0))).toEqual([]);
  });
});
