import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeProposedFiles } from '../../../src/files/write-proposed-files.js';
import { repoFileReader } from '../../../src/generation/module/module-context.js';
import type { ProposedFile } from '../../../src/report/types.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'testmaster-proposed-'));
  dirs.push(dir);
  return dir;
}
const FILE: ProposedFile = { path: 'test/a.testmaster.test.ts', forFile: 'src/a.ts', framework: 'vitest', content: "it('x', () => {});\n", sha256: '0'.repeat(64), kept: [], dropped: [] };

describe('writeProposedFiles', () => {
  it('writes .txt copies, a patch and a self-ignoring directory', async () => {
    const repo = tempDir();
    const written = await writeProposedFiles([FILE], { directory: join(repo, '.testmaster/proposed'), repoDir: repo, placeInRepo: false });
    expect(readFileSync(join(written.directory, 'test/a.testmaster.test.ts.txt'), 'utf8')).toBe(FILE.content);
    expect(readFileSync(join(written.directory, 'proposed.patch'), 'utf8')).toContain('+++ b/test/a.testmaster.test.ts');
    expect(readFileSync(join(repo, '.testmaster/.gitignore'), 'utf8')).toBe('*\n');
  });

  it('refuses a .testmaster that is a symbolic link, and touches nothing behind it', async () => {
    const repo = tempDir();
    const victim = tempDir();
    mkdirSync(join(victim, 'proposed'));
    writeFileSync(join(victim, 'proposed', 'important.txt'), 'keep me');
    symlinkSync(victim, join(repo, '.testmaster'));
    await expect(writeProposedFiles([FILE], { directory: join(repo, '.testmaster/proposed'), repoDir: repo, placeInRepo: false })).rejects.toThrow(
      /\.testmaster in the repository is a symbolic link: .* remove it/,
    );
    expect(readFileSync(join(victim, 'proposed', 'important.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(join(victim, '.gitignore'))).toBe(false);
  });

  it('removes an earlier proposal when nothing new was kept', async () => {
    const repo = tempDir();
    await writeProposedFiles([FILE], { directory: join(repo, '.testmaster/proposed'), repoDir: repo, placeInRepo: false });
    await writeProposedFiles([], { directory: join(repo, '.testmaster/proposed'), repoDir: repo, placeInRepo: false });
    expect(existsSync(join(repo, '.testmaster/proposed'))).toBe(false);
  });
});

describe('repoFileReader', () => {
  it('reads repository files but not through a link to outside the checkout', () => {
    const repo = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.txt'), 'OPENAI_API_KEY=sk-secret');
    mkdirSync(join(repo, 'src'));
    writeFileSync(join(repo, 'src', 'a.ts'), 'export const a = 1;\n');
    symlinkSync(join(outside, 'secret.txt'), join(repo, 'src', 'dep.ts'));
    const read = repoFileReader(repo);
    expect(read('src/a.ts')).toBe('export const a = 1;\n');
    expect(read('src/dep.ts')).toBeNull();
    expect(read('../outside.ts')).toBeNull();
  });
});
