import { mkdtemp, readdir, readFile, rm, writeFile, chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/files/write-file-atomic.js';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates parent directories and replaces an existing file whole', async () => {
    dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    const target = join(dir, 'a', 'b', 'report.md');
    await writeFileAtomic(target, 'first');
    await writeFileAtomic(target, 'second');
    expect(await readFile(target, 'utf8')).toBe('second');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['report.md']);
  });

  it('leaves the old file and no temporary file behind when it cannot write', async () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions: make the rename fail instead (target is a non-empty directory)
      dir = await mkdtemp(join(tmpdir(), 'atomic-'));
      const target = join(dir, 'out');
      await mkdir(target);
      await writeFile(join(target, 'keep'), 'x');
      await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
      expect(await readdir(dir)).toEqual(['out']);
      expect(await readFile(join(target, 'keep'), 'utf8')).toBe('x');
      return;
    }
    dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    const target = join(dir, 'report.md');
    await writeFile(target, 'old');
    await chmod(dir, 0o500);
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    await chmod(dir, 0o700);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['report.md']);
  });
});
