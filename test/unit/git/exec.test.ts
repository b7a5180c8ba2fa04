import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GitError } from '../../../src/errors/errors.js';
import { firstErrorLine, runGit, runGitBuffer } from '../../../src/git/exec.js';
import { createTempRepo, git, makeTempDir, removeTempDirs } from './git-fixture.js';

afterAll(removeTempDirs);

describe('runGit', () => {
  it('returns stdout as text and passes stdin through', async () => {
    const repo = createTempRepo();
    const empty = await runGit(repo.dir, ['hash-object', '--stdin', '-t', 'blob']);
    expect(empty.stdout.trim()).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    const withInput = await runGit(repo.dir, ['hash-object', '--stdin'], { input: 'hello\n' });
    expect(withInput.stdout.trim()).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(withInput.exitCode).toBe(0);
  });

  it('returns raw bytes with runGitBuffer', async () => {
    const repo = createTempRepo();
    repo.write('a.bin', Buffer.from([0xff, 0x00, 0xfe]));
    repo.commitAll('bin');
    const result = await runGitBuffer(repo.dir, ['cat-file', 'blob', 'HEAD:a.bin']);
    expect([...result.stdout]).toEqual([0xff, 0x00, 0xfe]);
  });

  it('says how to fix running outside a repository', async () => {
    const dir = makeTempDir();
    const error = await runGit(dir, ['rev-parse', 'HEAD']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toBe(`not a git repository: ${dir}; run inside a checkout or pass --repo`);
  });

  it('says when the directory does not exist', async () => {
    const dir = path.join(makeTempDir(), 'missing');
    await expect(runGit(dir, ['status'])).rejects.toThrow(/repository directory does not exist: .*missing; pass --repo/);
  });

  it('treats listed exit codes as success and others as a one-line GitError', async () => {
    const repo = createTempRepo();
    const ok = await runGit(repo.dir, ['rev-parse', '--verify', '--quiet', 'nope'], { okExitCodes: [1] });
    expect(ok.exitCode).toBe(1);
    const error = await runGit(repo.dir, ['rev-parse', '--verify', 'nope']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as Error).message).toMatch(/^git rev-parse failed \(exit 128\) in .*: Needed a single revision$/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('stops git and says so when output exceeds the cap', async () => {
    const repo = createTempRepo();
    repo.write('big.txt', 'x'.repeat(100_000));
    repo.commitAll('big');
    await expect(runGitBuffer(repo.dir, ['cat-file', 'blob', 'HEAD:big.txt'], { maxOutputBytes: 1000 })).rejects.toThrow(/printed more than .* MiB/);
  });

  it('runs with hooks disabled', async () => {
    const repo = createTempRepo();
    repo.write('a.txt', 'a\n');
    repo.commitAll('one');
    const marker = path.join(makeTempDir(), 'hook-ran');
    const hook = path.join(repo.dir, '.git', 'hooks', 'post-checkout');
    writeFileSync(hook, `#!/bin/sh\necho ran > '${marker}'\n`);
    chmodSync(hook, 0o755);
    // the same operation through plain git runs the hook: the check below can fail
    git(repo.dir, 'worktree', 'add', '--detach', '--quiet', path.join(makeTempDir(), 'wt1'), 'HEAD');
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    await runGit(repo.dir, ['worktree', 'add', '--detach', '--quiet', path.join(makeTempDir(), 'wt2'), 'HEAD']);
    expect(existsSync(marker)).toBe(false);
  });

  it('ignores GIT_DIR from the environment', async () => {
    const repo = createTempRepo();
    repo.write('a.txt', 'a\n');
    const commit = repo.commitAll('one');
    const other = createTempRepo();
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(other.dir, '.git');
    try {
      const result = await runGit(repo.dir, ['rev-parse', 'HEAD']);
      expect(result.stdout.trim()).toBe(commit);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });
});

describe('firstErrorLine', () => {
  it('prefers the fatal line and strips the prefix', () => {
    expect(firstErrorLine('hint: something\nfatal: bad revision\n')).toBe('bad revision');
    expect(firstErrorLine('')).toBe('');
  });
});
