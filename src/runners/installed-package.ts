/**
 * Finds an installed npm package the way Node does for a bare specifier: `<dir>/node_modules/<name>`
 * from a starting directory upward to the filesystem root. Reads the package's own package.json, so
 * a package whose `exports` hides `package.json` is still found.
 */

import { dirname, join, resolve } from 'node:path';
import { readJsonObject } from '../files/read-json-file.js';

export interface InstalledPackage {
  readonly name: string;
  /** Absolute directory of the installed package (as found, symlinks not resolved). */
  readonly dir: string;
  readonly version: string | null;
  readonly manifest: Readonly<Record<string, unknown>>;
}

export async function findInstalledPackage(fromDir: string, name: string): Promise<InstalledPackage | null> {
  let dir = resolve(fromDir);
  for (;;) {
    const candidate = join(dir, 'node_modules', ...name.split('/'));
    const manifest = await readJsonObject(join(candidate, 'package.json'));
    if (manifest !== null) {
      const version = typeof manifest.version === 'string' ? manifest.version : null;
      return { name, dir: candidate, version, manifest };
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The absolute JS file of a package's command: `bin` as a string, or the entry named `binName`
 * (default: the package name without scope), or the only entry. Null when the package has no bin.
 */
export function binEntry(pkg: InstalledPackage, binName?: string): string | null {
  const bin = pkg.manifest.bin;
  if (typeof bin === 'string') return join(pkg.dir, bin);
  if (bin === null || typeof bin !== 'object') return null;
  const entries = Object.entries(bin as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  const wanted = binName ?? pkg.name.replace(/^@[^/]+\//, '');
  const named = entries.find(([key]) => key === wanted);
  if (named) return join(pkg.dir, named[1]);
  return entries.length === 1 && entries[0] ? join(pkg.dir, entries[0][1]) : null;
}



/** The major version number of a semver string ('5.1.1' -> 5), or null. */
export function majorVersion(version: string | null): number | null {
  const match = version === null ? null : /^(\d+)\./.exec(version);
  return match?.[1] === undefined ? null : Number(match[1]);
}
