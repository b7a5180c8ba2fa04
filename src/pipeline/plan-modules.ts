/**
 * Scope stage: from the changed files, choose the modules to measure, find the package that owns each
 * and how that package runs its tests. Everything not chosen is listed with the reason.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { isTestMasterError, oneLineMessage } from '../errors/errors.js';
import type { ChangedFile } from '../diff/types.js';
import { detectPackage } from '../runners/detect.js';
import type { PackageInfo } from '../runners/types.js';
import type { SkippedFile } from '../report/types.js';
import { selectModules } from '../scope/select-modules.js';
import { noOwnCodeReason } from '../scope/reexport-only.js';
import { discoverPackages } from '../scope/workspaces.js';
import type { ModulePlan } from './module-plan.js';
import { groupByPackage } from './module-plan.js';
import type { SideTarget } from './measure-side.js';

export interface ModulesPlan {
  readonly modules: readonly ModulePlan[];
  readonly skipped: readonly SkippedFile[];
  /** Head-side runner targets, one per package. */
  readonly targets: readonly SideTarget[];
  /** Directories of every package of the repository (for linking node_modules into a base checkout). */
  readonly packageDirs: readonly string[];
  /** One line per package whose setup signals conflicted: which framework was chosen and why. */
  readonly notes: readonly string[];
}

/** A package's test setup, or why it cannot be used: one broken package must not stop the others. */
export async function detectOrExplain(checkoutDir: string, relDir: string, config: Config): Promise<PackageInfo | { readonly error: string }> {
  try {
    return await detectPackage(checkoutDir, relDir, { framework: config.framework === 'auto' ? null : config.framework });
  } catch (error) {
    if (!isTestMasterError(error)) throw error;
    return { error: oneLineMessage(error) };
  }
}

export async function planModules(headDir: string, changed: readonly ChangedFile[], config: Config): Promise<ModulesPlan> {
  const selection = selectModules(changed, { include: config.include, exclude: config.exclude });
  const skipped: SkippedFile[] = [...selection.skipped];
  const workspace = await discoverPackages(headDir);
  const packages = new Map<string, PackageInfo | { readonly error: string }>();
  const modules: ModulePlan[] = [];
  /** Members measured with an enclosing package's runner, and the note that says so. */
  const borrowed = new Map<string, string>();
  /** Each package's setup, detected once. */
  const packageOf = async (dir: string): Promise<PackageInfo | { readonly error: string }> => {
    const known = packages.get(dir);
    if (known) return known;
    const detected = await detectOrExplain(headDir, dir, config);
    packages.set(dir, detected);
    return detected;
  };

  // Most changed lines first, so a max-modules cap keeps the modules that matter most.
  const ordered = [...selection.selected].sort(
    (a, b) => b.changedLines.length - a.changedLines.length || a.path.localeCompare(b.path),
  );
  for (const file of ordered) {
    const noOwnCode = await noOwnCodeAt(headDir, file.path);
    if (noOwnCode !== null) {
      skipped.push({ path: file.path, reason: noOwnCode });
      continue;
    }
    const relDir = workspace.owningPackage(file.path);
    let pkg = await packageOf(relDir);
    if (!('error' in pkg) && pkg.framework === null) {
      // A workspace member with no runner of its own is tested by an enclosing package's runner
      // (a root Vitest config whose `projects` include it, a Jest `projects` list, or plain globs).
      const runnerOwner = await enclosingPackageWithRunner(enclosingPackageDirs(workspace.packageDirs, relDir), packageOf);
      if (runnerOwner !== null) {
        if (!borrowed.has(relDir)) borrowed.set(relDir, `${packageLabel(relDir)} has no Vitest or Jest of its own: its modules are measured with the ${runnerOwner.framework} of ${packageLabel(runnerOwner.relDir)}, run from there`);
        pkg = runnerOwner;
      }
    }
    if ('error' in pkg) {
      skipped.push({ path: file.path, reason: pkg.error });
    } else if (pkg.framework === null) {
      skipped.push({
        path: file.path,
        reason: `no Vitest or Jest set up for ${packageLabel(relDir)}: list vitest or jest in its package.json (or in an enclosing package whose runner collects its tests) and install`,
      });
    } else if (modules.length >= config.maxModules) {
      skipped.push({ path: file.path, reason: `over max-modules (${config.maxModules}); raise it to measure more` });
    } else {
      modules.push({ file, pkg });
    }
  }
  modules.sort((a, b) => a.file.path.localeCompare(b.file.path));
  const targets = [...groupByPackage(modules).values()].map((group) => ({
    pkg: group[0]!.pkg,
    modules: group.map((m) => m.file.path),
  }));
  const notes = [
    ...[...packages.values()].flatMap((pkg) => ('frameworkNote' in pkg && pkg.frameworkNote !== undefined ? [pkg.frameworkNote] : [])),
    ...borrowed.values(),
  ];
  return { modules, skipped, targets, packageDirs: workspace.packageDirs, notes };
}

/** Why a changed module has no code of its own (read at the head), or null; an unreadable file is left to the runner. */
async function noOwnCodeAt(headDir: string, modulePath: string): Promise<string | null> {
  const text = await readFile(join(headDir, ...modulePath.split('/')), 'utf8').catch(() => null);
  return text === null ? null : noOwnCodeReason(modulePath, text);
}

/**
 * The package directories enclosing a member's, nearest first, the root last (pure). The member's own
 * directory is not among them.
 */
export function enclosingPackageDirs(packageDirs: readonly string[], relDir: string): string[] {
  if (relDir === '') return [];
  const enclosing = packageDirs.filter((dir) => dir !== relDir && (dir === '' || relDir.startsWith(`${dir}/`)));
  if (!enclosing.includes('')) enclosing.push('');
  return enclosing.sort((a, b) => b.length - a.length);
}

/** The nearest enclosing package whose test runner is set up, or null (effects: detects packages through `packageOf`). */
async function enclosingPackageWithRunner(
  dirs: readonly string[],
  packageOf: (dir: string) => Promise<PackageInfo | { readonly error: string }>,
): Promise<PackageInfo | null> {
  for (const dir of dirs) {
    const candidate = await packageOf(dir);
    if (!('error' in candidate) && candidate.framework !== null) return candidate;
  }
  return null;
}

const packageLabel = (relDir: string): string => (relDir === '' ? 'the repository root' : `package "${relDir}"`);
