/**
 * Turns a coverage map as a runner wrote it (keys in whatever spelling) into one keyed by
 * repository-relative POSIX path. Keys may be absolute (POSIX or Windows), relative to the runner's
 * working directory, `file://` URLs, or reach the checkout through a symlink; entries may be wrapped
 * as Jest's `{ data }`. Entries outside the repository are dropped (and listed); entries that resolve
 * to the same file are merged. Files are never matched by basename.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { CoverageError } from '../errors/errors.js';
import {
  nativeRealpath,
  realpathBestEffort,
  relativeInside,
  resolveSlashPath,
  toSlashPath,
  type RealpathFn,
} from './coverage-paths.js';
import { CoverageEntries } from './merge-entries.js';
import { readFileCoverage } from './read-file-coverage.js';

export interface NormalizeOptions {
  /** Absolute path of the repository checkout (realpath'd). */
  readonly repoRoot: string;
  /** Absolute directory the runner ran in: relative keys are resolved against it. */
  readonly runnerCwd: string;
  /** Symlink resolution; the file system's by default (tests may pass their own). */
  readonly realpath?: RealpathFn;
}

export interface NormalizedCoverage {
  /** Istanbul data keyed by repository-relative POSIX path; each entry's `path` equals its key. */
  readonly map: Record<string, FileCoverageData>;
  /** Keys of the input that lie outside the repository, as they were written. */
  readonly dropped: string[];
}

export function normalizeCoverageMap(raw: unknown, opts: NormalizeOptions): NormalizedCoverage {
  const realpath = opts.realpath ?? nativeRealpath;
  const root = realpathBestEffort(toSlashPath(opts.repoRoot), realpath);
  const cwd = toSlashPath(opts.runnerCwd);
  const entries = new CoverageEntries();
  const dropped: string[] = [];
  for (const [key, value] of coverageMapEntries(raw)) {
    const data = readFileCoverage(key, value);
    const spelled = entryPath(key, data);
    const absolute = resolveSlashPath(cwd, toSlashPath(spelled));
    const relative = relativeInside(root, absolute) ?? relativeInside(root, realpathBestEffort(absolute, realpath));
    if (relative === null) dropped.push(key);
    else entries.add(relative, data);
  }
  return { map: entries.toMap(), dropped };
}

/** The entries of a raw coverage map, after checking that it is an object keyed by file. */
export function coverageMapEntries(raw: unknown): [string, unknown][] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw;
    throw new CoverageError(
      `coverage data is ${got}, expected an object keyed by file path (Istanbul's coverage-final.json); check the runner's json coverage reporter`,
    );
  }
  return Object.entries(raw);
}

/** The path an entry stands for: its key, or its own `path` when the key is blank. */
export function entryPath(key: string, data: FileCoverageData): string {
  if (key.trim() !== '') return key;
  if (typeof data.path === 'string' && data.path.trim() !== '') return data.path;
  throw new CoverageError(
    "a coverage entry has an empty key and no \"path\"; regenerate the coverage with the runner's json coverage reporter",
  );
}

