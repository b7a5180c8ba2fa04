/** PURE. Which package manager a repository uses: the `packageManager` field, else its lockfile. */
import type { PackageManager } from '../runners/types.js';

const MANAGERS: readonly PackageManager[] = ['npm', 'pnpm', 'yarn', 'bun'];

/** Lockfiles in order of precedence when several are present. */
export const LOCKFILES: readonly { readonly file: string; readonly manager: PackageManager }[] = [
  { file: 'pnpm-lock.yaml', manager: 'pnpm' },
  { file: 'yarn.lock', manager: 'yarn' },
  { file: 'bun.lock', manager: 'bun' },
  { file: 'bun.lockb', manager: 'bun' },
  { file: 'package-lock.json', manager: 'npm' },
  { file: 'npm-shrinkwrap.json', manager: 'npm' },
];

/** The manager named by a package.json `packageManager` value such as 'pnpm@9.1.0+sha...', if known. */
export function managerFromField(field: unknown): PackageManager | null {
  if (typeof field !== 'string') return null;
  const name = field.trim().split('@')[0]?.toLowerCase();
  return MANAGERS.find((manager) => manager === name) ?? null;
}

export interface PackageManagerChoice {
  readonly packageManager: PackageManager;
  /** 'packageManager field', the lockfile name, 'pnpm-workspace.yaml' or 'default'. */
  readonly source: string;
}

/**
 * @param packageManagerField the root package.json `packageManager` value (e.g. 'pnpm@9.1.0+sha...')
 * @param rootEntries names of the files in the repository root
 */
export function detectPackageManager(packageManagerField: unknown, rootEntries: ReadonlySet<string>, hasPnpmWorkspace = false): PackageManagerChoice {
  const named = managerFromField(packageManagerField);
  if (named) return { packageManager: named, source: 'packageManager field' };
  const lockfile = LOCKFILES.find((entry) => rootEntries.has(entry.file));
  if (lockfile) return { packageManager: lockfile.manager, source: lockfile.file };
  if (hasPnpmWorkspace) return { packageManager: 'pnpm', source: 'pnpm-workspace.yaml' };
  return { packageManager: 'npm', source: 'default' };
}
