/**
 * The packages of a repository: the root package and the workspace members declared by npm/yarn/bun
 * (`workspaces` in package.json) or pnpm (pnpm-workspace.yaml), plus the package manager. Reads
 * files only; globs are expanded with picomatch over a directory walk that skips node_modules.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { ConfigurationError } from '../errors/errors.js';
import type { PackageManager } from '../runners/types.js';
import { detectPackageManager } from './package-manager.js';
import { owningPackage } from './owning-package.js';
import { readJsonFile } from '../files/read-json-file.js';

export interface WorkspacePackage {
  /** Repository-relative POSIX directory ('' for the root). */
  readonly relDir: string;
  readonly name: string | null;
}

export interface Workspace {
  readonly rootDir: string;
  /** The root package (when it has a package.json) first, then members sorted by directory. */
  readonly packages: readonly WorkspacePackage[];
  readonly packageDirs: readonly string[];
  /** Workspace globs as declared, and where ('package.json', 'pnpm-workspace.yaml' or null). */
  readonly workspaceGlobs: readonly string[];
  readonly workspaceSource: 'package.json' | 'pnpm-workspace.yaml' | null;
  readonly packageManager: PackageManager;
  /** How the package manager was found, e.g. 'packageManager field', 'pnpm-lock.yaml', 'default'. */
  readonly packageManagerSource: string;
  /** Deepest package directory containing a repository-relative path ('' when only the root does). */
  owningPackage(filePath: string): string;
}

/** Limits of the directory walk that expands workspace globs. */
const MAX_WALK_DEPTH = 12;
const MAX_WALK_DIRS = 50_000;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

type Manifest = Record<string, unknown>;

async function readManifest(file: string, strict: boolean): Promise<Manifest | null> {
  const read = await readJsonFile(file);
  if (read.kind === 'missing') return null;
  if (read.kind === 'object') return read.value;
  if (read.kind === 'invalid' && strict) throw new ConfigurationError(`${file} is not valid JSON (${read.reason}); fix the file and retry`);
  return {};
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** Workspace globs from package.json `workspaces` (array, or yarn's `{ packages }`). */
export function manifestWorkspaceGlobs(manifest: Manifest | null): string[] {
  const workspaces = manifest?.workspaces;
  if (Array.isArray(workspaces)) return stringList(workspaces);
  if (workspaces !== null && typeof workspaces === 'object') return stringList((workspaces as Record<string, unknown>).packages);
  return [];
}

async function pnpmWorkspaceGlobs(rootDir: string): Promise<string[] | null> {
  const file = path.join(rootDir, 'pnpm-workspace.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const value: unknown = parseYaml(text);
    return value !== null && typeof value === 'object' ? stringList((value as Record<string, unknown>).packages) : [];
  } catch (error) {
    throw new ConfigurationError(`${file} is not valid YAML (${error instanceof Error ? error.message : String(error)}); fix the file and retry`);
  }
}

/** './packages/*\/' -> 'packages/*'; '!./x' -> '!x'. */
function normaliseGlob(glob: string): string {
  const negated = glob.startsWith('!');
  let body = (negated ? glob.slice(1) : glob).trim().replace(/\\/g, '/');
  while (body.startsWith('./')) body = body.slice(2);
  body = body.replace(/\/+$/, '');
  return `${negated ? '!' : ''}${body}`;
}

/** Directories (relative, POSIX) under rootDir that contain a package.json and match the globs. */
export async function expandWorkspaceGlobs(rootDir: string, globs: readonly string[]): Promise<string[]> {
  const normalised = globs.map(normaliseGlob).filter((glob) => glob !== '' && glob !== '!');
  const positive = normalised.filter((glob) => !glob.startsWith('!'));
  const negative = normalised.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  if (positive.length === 0) return [];
  const include = picomatch(positive, { dot: true });
  const exclude = negative.length > 0 ? picomatch(negative, { dot: true }) : () => false;

  const starts = new Map<string, number>();
  for (const glob of positive) {
    const scan = picomatch.scan(glob);
    const base = scan.isGlob ? scan.base : glob;
    if (base.split('/').includes('..')) continue;
    const depth = !scan.isGlob ? 0 : glob.includes('**') ? MAX_WALK_DEPTH : scan.glob.split('/').length;
    starts.set(base, Math.max(depth, starts.get(base) ?? 0));
  }
  const found = new Set<string>();
  let visited = 0;
  const walk = async (relDir: string, depthLeft: number): Promise<void> => {
    if (visited++ > MAX_WALK_DIRS) return;
    let entries;
    try {
      entries = await readdir(path.join(rootDir, relDir), { withFileTypes: true });
    } catch {
      return;
    }
    if (relDir !== '' && entries.some((entry) => entry.name === 'package.json' && entry.isFile()) && include(relDir) && !exclude(relDir)) {
      found.add(relDir);
    }
    if (depthLeft <= 0) return;
    for (const entry of entries) {
      if (!entry.isDirectory() || SKIPPED_DIRS.has(entry.name)) continue;
      await walk(relDir === '' ? entry.name : `${relDir}/${entry.name}`, depthLeft - 1);
    }
  };
  for (const [start, depth] of starts) await walk(start, depth);
  return [...found].sort();
}

/** Finds the packages of the repository rooted at rootDir. */
export async function discoverPackages(rootDir: string): Promise<Workspace> {
  const rootManifest = await readManifest(path.join(rootDir, 'package.json'), true);
  const pnpmGlobs = await pnpmWorkspaceGlobs(rootDir);
  const workspaceSource = pnpmGlobs !== null ? 'pnpm-workspace.yaml' : manifestWorkspaceGlobs(rootManifest).length > 0 ? 'package.json' : null;
  const workspaceGlobs = pnpmGlobs ?? manifestWorkspaceGlobs(rootManifest);
  const memberDirs = await expandWorkspaceGlobs(rootDir, workspaceGlobs);

  const packages: WorkspacePackage[] = [];
  if (rootManifest !== null) packages.push({ relDir: '', name: nameOf(rootManifest) });
  for (const relDir of memberDirs) {
    const manifest = await readManifest(path.join(rootDir, relDir, 'package.json'), false);
    packages.push({ relDir, name: nameOf(manifest) });
  }
  const rootEntries = await readdir(rootDir).catch(() => [] as string[]);
  const manager = detectPackageManager(rootManifest?.packageManager, new Set(rootEntries), pnpmGlobs !== null);
  const packageDirs = packages.map((pkg) => pkg.relDir);
  return {
    rootDir,
    packages,
    packageDirs,
    workspaceGlobs,
    workspaceSource,
    packageManager: manager.packageManager,
    packageManagerSource: manager.source,
    owningPackage: (filePath: string) => owningPackage(packageDirs, filePath),
  };
}

function nameOf(manifest: Manifest | null): string | null {
  return typeof manifest?.name === 'string' && manifest.name.length > 0 ? manifest.name : null;
}
