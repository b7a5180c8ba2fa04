/**
 * Pure: gathers file coverage under its repository-relative key. Entries that land on the same key
 * (the same file spelled two ways, or reported by two runs) are merged with Istanbul's merge, never
 * overwritten. The `path` inside each entry is rewritten to the key.
 */
import libCoverage from 'istanbul-lib-coverage';
import type { FileCoverage, FileCoverageData } from 'istanbul-lib-coverage';

export class CoverageEntries {
  private readonly byKey = new Map<string, FileCoverage>();

  /** Adds `data` (a private copy, see readFileCoverage) under the repository-relative `key`. */
  add(key: string, data: FileCoverageData): void {
    const entry = libCoverage.createFileCoverage({ ...data, path: key });
    const existing = this.byKey.get(key);
    if (existing) existing.merge(entry);
    else this.byKey.set(key, entry);
  }

  /** Plain Istanbul data keyed by repository-relative path, keys sorted. */
  toMap(): Record<string, FileCoverageData> {
    const map: Record<string, FileCoverageData> = {};
    for (const key of [...this.byKey.keys()].sort()) {
      const value = { ...(this.byKey.get(key)!.toJSON() as FileCoverageData), path: key };
      // defineProperty, so that a file named `__proto__` is a key like any other.
      Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return map;
  }
}
