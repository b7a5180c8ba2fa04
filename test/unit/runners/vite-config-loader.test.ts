import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { needsViteConfigLoader, viteConfigLoaderArgs } from '../../../src/runners/vite-config-loader.js';

const run = promisify(execFile);

describe('needsViteConfigLoader', () => {
  it('is for the Vitest versions whose Vite writes the bundled config beside it', () => {
    expect(needsViteConfigLoader('1.6.1')).toBe(true);
    expect(needsViteConfigLoader('2.1.4')).toBe(true);
    expect(needsViteConfigLoader('3.2.7')).toBe(false);
    expect(needsViteConfigLoader('5.1.1')).toBe(false);
    expect(needsViteConfigLoader(null)).toBe(false);
  });
});

describe('the Vite config preload', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) {
      await chmod(dir, 0o755).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps a bundled config in memory, serves its import (its own imports resolving from its directory), and writes other files as usual', async () => {
    const project = await mkdtemp(join(tmpdir(), 'testmaster-vite-loader-'));
    const out = await mkdtemp(join(tmpdir(), 'testmaster-vite-loader-out-'));
    dirs.push(project, out);
    await writeFile(join(project, 'answer.mjs'), 'export const answer = 42;\n');
    // As Vite 5's loadConfigFromBundledFile does: write beside the config, import it, unlink it.
    await writeFile(
      join(out, 'vite-like.mjs'),
      `import fsp from 'node:fs/promises';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
const base = process.argv[2] + '/vitest.config.ts.timestamp-1700000000000-1a2b3c';
await fsp.writeFile(base + '.mjs', "import { answer } from './answer.mjs'; export default { answer };");
try {
  console.log(JSON.stringify((await import(pathToFileURL(base) + '.mjs')).default));
} finally {
  fs.unlink(base + '.mjs', () => {});
}
await fsp.writeFile(process.argv[3] + '/plain.txt', 'written');
`,
    );
    // Where the bundle would go, a directory stands: writing there fails (even as root) unless the write is held.
    await mkdir(join(project, 'vitest.config.ts.timestamp-1700000000000-1a2b3c.mjs'));
    await chmod(project, 0o555);
    await expect(run(process.execPath, [join(out, 'vite-like.mjs'), project, out])).rejects.toThrow(/EISDIR/);
    const args = await viteConfigLoaderArgs(out);
    const result = await run(process.execPath, [...args, join(out, 'vite-like.mjs'), project, out]);
    expect(JSON.parse(result.stdout)).toEqual({ answer: 42 });
    expect((await readdir(project)).sort()).toEqual(['answer.mjs', 'vitest.config.ts.timestamp-1700000000000-1a2b3c.mjs']);
    expect((await readdir(out)).sort()).toEqual(['plain.txt', 'testmaster-vite-config-loader.mjs', 'vite-like.mjs']);
  });
});
