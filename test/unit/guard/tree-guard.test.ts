/**
 * The checkout half of the guard on real files: ignored and untracked files included, writes seen even
 * with forged times, the run's own outputs and empty directories left out, and the comparison itself.
 */
import { appendFileSync, chmodSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareTree, ownOutputMatcher } from '../../../src/guard/tree-compare.js';
import { scanTree } from '../../../src/guard/tree-scan.js';
import { createRepositoryGuard } from '../../../src/guard/repository-guard.js';
import { treeChangedWarning } from '../../../src/guard/tamper-messages.js';
import { createTempRepo, makeTempDir, removeTempDirs } from '../git/git-fixture.js';

afterAll(removeTempDirs);

function project(): string {
  const dir = makeTempDir('tm-tree-');
  const write = (file: string, content: string): void => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  };
  write('src/a.ts', 'a');
  write('node_modules/vitest/dist/index.js', 'export {};\n');
  write('.env', 'TOKEN=x\n');
  write('dist/out.js', 'out');
  write('.git/config', '[core]\n');
  symlinkSync('src/a.ts', path.join(dir, 'link'));
  return dir;
}

describe('scanTree and compareTree', () => {
  it('see every write to ignored and tracked files, also with forged times, and leave .git out', async () => {
    const dir = project();
    const before = await scanTree(dir);
    expect([...before.keys()].sort()).toEqual(['.env', 'dist', 'dist/out.js', 'link', 'node_modules', 'node_modules/vitest', 'node_modules/vitest/dist', 'node_modules/vitest/dist/index.js', 'src', 'src/a.ts']);

    const target = path.join(dir, 'node_modules/vitest/dist/index.js');
    const { atime, mtime } = statSync(target);
    appendFileSync(target, ';');
    utimesSync(target, atime, mtime); // mtime set back: ctime still moves
    writeFileSync(path.join(dir, '.env'), 'TOKEN=y\n'); // same size
    rmSync(path.join(dir, 'dist/out.js'));
    writeFileSync(path.join(dir, 'dist/new.js'), 'new');
    chmodSync(path.join(dir, 'src/a.ts'), 0o600);
    rmSync(path.join(dir, 'link'));
    symlinkSync('/etc/passwd', path.join(dir, 'link'));
    writeFileSync(path.join(dir, '.git/config'), 'changed');
    mkdirSync(path.join(dir, 'node_modules/.vite-temp')); // empty directory left by a runner

    expect(compareTree(before, await scanTree(dir))).toEqual([
      { path: '.env', change: 'modified' },
      { path: 'dist/new.js', change: 'added' },
      { path: 'dist/out.js', change: 'removed' },
      { path: 'link', change: 'modified' },
      { path: 'node_modules/vitest/dist/index.js', change: 'modified' },
      { path: 'src/a.ts', change: 'modified' },
    ]);
  });

  it('leaves out the run’s own outputs, as files and as directory prefixes', async () => {
    const dir = project();
    const before = await scanTree(dir);
    writeFileSync(path.join(dir, 'events.jsonl'), '{}');
    mkdirSync(path.join(dir, '.testmaster/proposed'), { recursive: true });
    writeFileSync(path.join(dir, '.testmaster/proposed/a.txt'), 'x');
    writeFileSync(path.join(dir, 'events.jsonl.bak'), '{}');
    const own = ownOutputMatcher(['events.jsonl', '.testmaster/proposed']);
    expect(compareTree(before, await scanTree(dir), own)).toEqual([{ path: 'events.jsonl.bak', change: 'added' }]);
  });

  it('says which files, what was discarded and what to do', () => {
    const message = treeChangedWarning('the tests run during generation', [
      { path: 'node_modules/vitest/dist/index.js', change: 'modified' },
      { path: '.env', change: 'modified' },
    ], 'every test kept in this run was discarded');
    expect(message).toBe(
      'the tests run during generation changed 2 file(s) in the working tree outside their own output (node_modules/vitest/dist/index.js, .env): every test kept in this run was discarded; reinstall the dependencies (e.g. npm ci): TestMaster cannot restore node_modules; restore the other files (git checkout -- <path> for tracked files; untracked and ignored files such as .env or dist/ by hand)',
    );
  });
});

describe('RepositoryGuard.checkTree', () => {
  it('compares with the state before the first test process, then with the last check, and skips the walk when no process ran', async () => {
    const repo = createTempRepo();
    repo.write('src/a.ts', 'a');
    repo.write('.gitignore', 'node_modules/\n.env\n');
    repo.write('node_modules/pkg/index.js', 'module.exports = 1;\n');
    repo.commitAll('first');
    const guard = createRepositoryGuard(repo.dir);
    const eventsFile = path.join(repo.dir, 'events.jsonl');
    await guard.beforeProcess();
    appendFileSync(path.join(repo.dir, 'node_modules/pkg/index.js'), 'evil();\n');
    writeFileSync(path.join(repo.dir, '.env'), 'X=1\n');
    writeFileSync(eventsFile, '{}\n');
    await guard.afterProcess();
    expect(await guard.checkTree([eventsFile])).toEqual([
      { path: '.env', change: 'added' },
      { path: 'node_modules/pkg/index.js', change: 'modified' },
    ]);
    // Reported once; no process since: no walk, nothing new.
    writeFileSync(path.join(repo.dir, 'src/a.ts'), 'b');
    expect(await guard.checkTree([eventsFile])).toEqual([]);
    await guard.beforeProcess();
    expect(await guard.checkTree([eventsFile])).toEqual([{ path: 'src/a.ts', change: 'modified' }]);
  });
});
