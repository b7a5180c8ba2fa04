/**
 * Which package manager a repository uses: the `packageManager` field of the nearest package.json
 * that has one, else the lockfile found nearest the package (up to the checkout root), else npm.
 */
import { access } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { PackageManager } from './types.js';
import { readJsonObject } from '../files/read-json-file.js';
import { LOCKFILES, managerFromField } from '../scope/package-manager.js';


export async function detectPackageManager(checkoutDir: string, packageDir: string): Promise<PackageManager> {
  const dirs = ancestorsWithin(checkoutDir, packageDir);
  for (const dir of dirs) {
    const named = managerFromField((await readJsonObject(join(dir, 'package.json')))?.packageManager);
    if (named) return named;
  }
  for (const dir of dirs) {
    for (const { file, manager } of LOCKFILES) {
      if (await exists(join(dir, file))) return manager;
    }
  }
  return 'npm';
}

/** packageDir, its parents, up to and including checkoutDir (just packageDir when it is outside). */
function ancestorsWithin(checkoutDir: string, packageDir: string): string[] {
  const root = resolve(checkoutDir);
  let dir = resolve(packageDir);
  if (relative(root, dir).startsWith('..')) return [dir];
  const dirs = [dir];
  while (dir !== root) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
    dirs.push(dir);
  }
  return dirs;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
