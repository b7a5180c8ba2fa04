/** A changed module chosen for measurement, with the package that owns it. */
import type { ChangedFile } from '../diff/types.js';
import type { PackageInfo } from '../runners/types.js';

export interface ModulePlan {
  readonly file: ChangedFile;
  readonly pkg: PackageInfo;
}

/** Coverage of one side (base or head), keyed by repository-relative path at that side. */
export interface SideCoverage {
  readonly files: ReadonlyMap<string, import('istanbul-lib-coverage').FileCoverageData>;
  /** Packages whose runner could not give coverage, with the reason. */
  readonly failures: ReadonlyMap<string, string>;
  /** Test files the runner ran, per package directory. */
  readonly testsByPackage: ReadonlyMap<string, readonly string[]>;
  /** Failing existing test cases, per package directory. */
  readonly failedCasesByPackage: ReadonlyMap<string, number>;
}

/** Groups modules by owning package, in a stable order. */
export function groupByPackage(modules: readonly ModulePlan[]): Map<string, ModulePlan[]> {
  const groups = new Map<string, ModulePlan[]>();
  for (const module of modules) {
    const list = groups.get(module.pkg.relDir) ?? [];
    list.push(module);
    groups.set(module.pkg.relDir, list);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
