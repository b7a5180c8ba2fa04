/**
 * Pure (given its callbacks): normalises a base coverage map that the user supplies (a
 * coverage-final.json from an earlier run, often recorded on another machine, e.g. under
 * /home/runner/work/app/app/). Which directory the paths were recorded under is decided once for the
 * whole file, in this order:
 *
 * 1. `pathPrefix` given: keys under it are taken relative to it; nothing is guessed.
 * 2. Keys that already lie inside this checkout are used as they are (the file was recorded here).
 * 3. Otherwise the recording root is detected: every ancestor directory of every remaining key is a
 *    candidate; a candidate scores one for each key whose remainder below it is a file of the
 *    repository. The best-scoring candidate wins and all keys under it are kept (also those naming
 *    files the repository no longer has: a renamed file's base path is one). When two candidates
 *    tie for the best score the file is ambiguous and a CoverageError asks for `pathPrefix`: there
 *    is no longest-suffix or basename guessing.
 *
 * Relative keys are taken as repository-relative. Keys that fit none of the above are dropped.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { CoverageError } from '../errors/errors.js';
import {
  isAbsoluteSlashPath,
  nativeRealpath,
  realpathBestEffort,
  relativeInside,
  toSlashPath,
  type RealpathFn,
} from './coverage-paths.js';
import { CoverageEntries } from './merge-entries.js';
import { coverageMapEntries, entryPath, type NormalizedCoverage } from './normalize-coverage.js';
import { readFileCoverage } from './read-file-coverage.js';

export interface BaseNormalizeOptions {
  /** Absolute path of the repository checkout (realpath'd). */
  readonly repoRoot: string;
  /** Is this repository-relative POSIX path a file of the repository? */
  readonly isRepoFile: (relativePath: string) => boolean;
  /** The absolute directory the paths were recorded under, when the user knows it. */
  readonly pathPrefix?: string | null;
  readonly realpath?: RealpathFn;
}

export interface NormalizedBaseCoverage extends NormalizedCoverage {
  /** The recording root that was stripped (given or detected, slash spelling); null when none was needed. */
  readonly prefix: string | null;
}

interface PendingEntry {
  readonly key: string;
  readonly path: string;
  readonly data: FileCoverageData;
}

export function normalizeBaseCoverageMap(raw: unknown, opts: BaseNormalizeOptions): NormalizedBaseCoverage {
  const realpath = opts.realpath ?? nativeRealpath;
  const root = realpathBestEffort(toSlashPath(opts.repoRoot), realpath);
  const entries = new CoverageEntries();
  const dropped: string[] = [];
  const foreign: PendingEntry[] = [];

  for (const [key, value] of coverageMapEntries(raw)) {
    const data = readFileCoverage(key, value);
    const path = toSlashPath(entryPath(key, data));
    if (!isAbsoluteSlashPath(path)) {
      if (path === '..' || path.startsWith('../') || path === '.') dropped.push(key);
      else entries.add(path, data);
      continue;
    }
    const local = relativeInside(root, path) ?? relativeInside(root, realpathBestEffort(path, realpath));
    if (local !== null && (opts.pathPrefix == null || opts.pathPrefix === '')) entries.add(local, data);
    else foreign.push({ key, path, data });
  }

  const prefix =
    opts.pathPrefix != null && opts.pathPrefix !== ''
      ? toSlashPath(opts.pathPrefix)
      : detectRecordingRoot(foreign.map((entry) => entry.path), opts.isRepoFile);
  for (const entry of foreign) {
    const relative = prefix === null ? null : relativeInside(prefix, entry.path);
    if (relative === null) dropped.push(entry.key);
    else entries.add(relative, entry.data);
  }
  return { map: entries.toMap(), dropped, prefix: foreign.length > 0 ? prefix : null };
}

/**
 * The directory whose stripping turns the most paths into files of the repository; null when no
 * path fits any candidate. Throws when the best score is shared by several directories.
 */
export function detectRecordingRoot(paths: readonly string[], isRepoFile: (relativePath: string) => boolean): string | null {
  const scores = new Map<string, number>();
  for (const path of new Set(paths)) {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      const remainder = path.slice(slash + 1);
      if (remainder === '' || !isRepoFile(remainder)) continue;
      const candidate = slash === 0 ? '/' : path.slice(0, slash);
      scores.set(candidate, (scores.get(candidate) ?? 0) + 1);
    }
  }
  const best = Math.max(0, ...scores.values());
  if (best === 0) return null;
  const winners = [...scores].filter(([, score]) => score === best).map(([candidate]) => candidate);
  if (winners.length > 1) {
    throw new CoverageError(
      `cannot tell which directory the base coverage paths were recorded under: ${winners
        .slice(0, 3)
        .map((w) => JSON.stringify(w))
        .join(' and ')} each make ${best} path(s) match files of the repository; record the base coverage with paths relative to the repository root, or from a checkout at the same path as this one`,
    );
  }
  return winners[0]!;
}
