/**
 * What a sandboxed process may read besides its own checkout and output: the host's system
 * directories (and the top-level symlinks that point into them), the Node installation that runs the
 * tests, the repository, and what the repository's node_modules link to outside it (a linked
 * toolchain, `npm link`). Everything else of the host (home directories, the runner's files and temp
 * directory, /tmp, /var, /run, /opt, /srv, /mnt) is absent from the sandbox's root.
 */
import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from './sandbox-spec.js';

/** Top-level directories every program needs; bound read-only when they are directories. */
const SYSTEM_ENTRIES = ['usr', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32', 'etc', 'nix'] as const;

export interface SystemRoot {
  readonly directories: readonly string[];
  readonly links: readonly { readonly name: string; readonly target: string }[];
}

export async function systemRoot(): Promise<SystemRoot> {
  const directories: string[] = [];
  const links: { name: string; target: string }[] = [];
  for (const name of SYSTEM_ENTRIES) {
    const entry = `/${name}`;
    const info = await lstat(entry).catch(() => null);
    if (info === null) continue;
    if (info.isSymbolicLink()) links.push({ name, target: await readlink(entry) });
    else if (info.isDirectory()) directories.push(entry);
  }
  return { directories, links };
}

/** The installation a Node binary belongs to (`<prefix>/bin/node` -> `<prefix>`), as a real path. */
export async function nodeInstallation(nodeBinary: string): Promise<string> {
  const real = await realpath(nodeBinary);
  const dir = path.dirname(real);
  return path.basename(dir) === 'bin' ? path.dirname(dir) : dir;
}

/**
 * Real paths outside `insideOf` that the node_modules of the given package directories link to: the
 * node_modules itself when it is a symlink to another node_modules, and its packages (scoped ones too)
 * that are symlinks to a package (a directory with a package.json). A link is the repository's to make
 * (a pull request can commit one), so a target is shown only when it is what it claims to be and holds
 * none of `secretPlaces` (the home directory, the temp directory...), whatever it points to.
 */
export async function linkedOutside(packageDirs: readonly string[], insideOf: readonly string[], secretPlaces: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const consider = async (entry: string, kind: 'modules' | 'package'): Promise<void> => {
    const info = await lstat(entry).catch(() => null);
    if (info === null || !info.isSymbolicLink()) return;
    const target = await realpath(entry).catch(() => null);
    if (target === null || insideOf.some((dir) => isInside(target, dir))) return;
    if (secretPlaces.some((place) => isInside(place, target))) return;
    const looksRight = kind === 'modules' ? path.basename(target) === 'node_modules' : await lstat(path.join(target, 'package.json')).then((file) => file.isFile(), () => false);
    if (looksRight) found.add(target);
  };
  for (const dir of packageDirs) {
    const modules = path.join(dir, 'node_modules');
    await consider(modules, 'modules');
    for (const name of await readdir(modules).catch(() => [] as string[])) {
      const entry = path.join(modules, name);
      if (name.startsWith('@')) {
        for (const scoped of await readdir(entry).catch(() => [] as string[])) await consider(path.join(entry, scoped), 'package');
      } else {
        await consider(entry, 'package');
      }
    }
  }
  return [...found].sort();
}
