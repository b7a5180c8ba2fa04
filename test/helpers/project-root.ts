/**
 * The project's root directory: the nearest ancestor of this file with TestMaster's package.json.
 * Works both from test/helpers/ (tests) and from build/test/helpers/ (the compiled benchmarks).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'testmaster') return dir;
    if (dirname(dir) === dir) throw new Error(`no TestMaster package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
