/**
 * Vite 5 and older (Vitest 1 and 2) load an ES module config by bundling it and writing the bundle
 * beside it (`vitest.config.ts.timestamp-<n>-<hex>.mjs`) before importing it: in the sandbox the
 * repository is read-only, so the runner stopped before running anything (and outside it, the file
 * appears in the user's checkout for a moment). This preload, given to node with `--import`, keeps that
 * one bundle in memory instead: the write is held, the import is served from it by a module hook (so
 * the bundle's own imports resolve from the config's directory exactly as Vite intends), the unlink is
 * a no-op. Any other file is written as usual. It needs `module.registerHooks` (Node 22.15, 23.5 and
 * later); on an older node it does nothing and the runner's error stays diagnosed (crash-diagnosis.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Vitest versions whose Vite writes the bundled config beside it. */
export function needsViteConfigLoader(vitestVersion: string | null): boolean {
  const major = vitestVersion === null ? Number.NaN : Number.parseInt(vitestVersion, 10);
  return Number.isInteger(major) && major < 3;
}

export const VITE_CONFIG_LOADER_FILE = 'testmaster-vite-config-loader.mjs';

/** The preload's text (plain JavaScript, no dependency: it runs in the repository's runner process). */
export const VITE_CONFIG_LOADER_SOURCE = `// Written by TestMaster: keeps Vite's bundled config in memory (see src/runners/vite-config-loader.ts).
import fs from 'node:fs';
import nodeModule from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLED_CONFIG = /\\.timestamp-\\d+-[0-9a-f]+\\.mjs$/;
const held = new Map();
const heldPath = (file) => (typeof file === 'string' && BUNDLED_CONFIG.test(file) ? path.resolve(file) : null);
const heldUrl = (url) => {
  if (typeof url !== 'string' || !url.startsWith('file:')) return null;
  try {
    const file = fileURLToPath(url);
    return held.has(file) ? file : null;
  } catch {
    return null;
  }
};

if (typeof nodeModule.registerHooks === 'function') {
  const writeFile = fs.promises.writeFile;
  fs.promises.writeFile = function (file, data, ...rest) {
    const key = heldPath(file);
    if (key === null) return writeFile.call(this, file, data, ...rest);
    held.set(key, String(data));
    return Promise.resolve();
  };
  const unlink = fs.unlink;
  fs.unlink = function (file, callback) {
    const key = heldPath(file);
    if (key === null || !held.has(key)) return unlink.apply(this, arguments);
    held.delete(key);
    if (typeof callback === 'function') process.nextTick(callback, null);
  };
  nodeModule.registerHooks({
    resolve(specifier, context, nextResolve) {
      return heldUrl(specifier) === null ? nextResolve(specifier, context) : { url: specifier, format: 'module', shortCircuit: true };
    },
    load(url, context, nextLoad) {
      const file = heldUrl(url);
      return file === null ? nextLoad(url, context) : { format: 'module', source: held.get(file), shortCircuit: true };
    },
  });
}
`;

/** Writes the preload into a directory the runner may read, and returns node's arguments for it (effects). */
export async function viteConfigLoaderArgs(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const file = join(dir, VITE_CONFIG_LOADER_FILE);
  await writeFile(file, VITE_CONFIG_LOADER_SOURCE, { mode: 0o644 });
  return ['--import', pathToFileURL(file).href];
}
