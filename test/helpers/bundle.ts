/**
 * End-to-end tests run the bundled dist/ (what users run). If any source file is newer than the
 * bundle, rebuild it first, once per test process, so a test never exercises stale code.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './project-root.js';

export const ROOT = PROJECT_ROOT;
export const CLI = join(ROOT, 'dist', 'cli', 'index.js');
export const ACTION = join(ROOT, 'dist', 'index.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let checked = false;
export function ensureBundle(): void {
  if (checked) return;
  checked = true;
  const built = Math.min(...[CLI, ACTION].map((file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0));
  if (built < newestMtime(join(ROOT, 'src'))) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT, stdio: 'ignore' });
  }
}
