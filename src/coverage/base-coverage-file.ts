/**
 * Effects: reads the base coverage file the user gives (Istanbul's coverage-final.json, as written by
 * Vitest's or Jest's `json` reporter) and normalises its keys to repository-relative paths, detecting
 * the directory it was recorded under (see normalize-base-coverage.ts).
 */
import { statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { CoverageError } from '../errors/errors.js';
import { normalizeBaseCoverageMap, type NormalizedBaseCoverage } from './normalize-base-coverage.js';

/** Larger files are refused rather than parsed (a coverage-final.json of a big monorepo is tens of MB). */
export const MAX_BASE_COVERAGE_BYTES = 512 * 1024 * 1024;

export interface BaseCoverageFileOptions {
  /** The repository checkout the coverage is about. */
  readonly repoDir: string;
  /** The absolute directory the paths in the file were recorded under, when known. */
  readonly pathPrefix?: string | null;
}

/** The base coverage keyed by repository-relative path. */
export async function loadBaseCoverageFile(
  file: string,
  opts: BaseCoverageFileOptions,
): Promise<Map<string, FileCoverageData>> {
  const { map } = await readBaseCoverageFile(file, opts);
  return new Map(Object.entries(map));
}

/** Like loadBaseCoverageFile, with what was dropped and which recording root was stripped. */
export async function readBaseCoverageFile(file: string, opts: BaseCoverageFileOptions): Promise<NormalizedBaseCoverage> {
  const text = await readCoverageText(file);
  const raw = parseCoverageJson(file, text);
  const repoRoot = await realpath(opts.repoDir);
  return normalizeBaseCoverageMap(raw, {
    repoRoot,
    pathPrefix: opts.pathPrefix ?? null,
    isRepoFile: (relative) => isFile(join(repoRoot, relative)),
  });
}

async function readCoverageText(file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CoverageError(`base coverage ${file} is not a file; pass the path of a coverage-final.json`);
    if (info.size > MAX_BASE_COVERAGE_BYTES) {
      throw new CoverageError(
        `base coverage ${file} is ${Math.round(info.size / 1024 / 1024)} MiB, more than the ${MAX_BASE_COVERAGE_BYTES / 1024 / 1024} MiB accepted; collect coverage only for the source files`,
      );
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof CoverageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CoverageError(`cannot read base coverage ${file} (${code}); check the base coverage path`, { cause: error });
  }
}

/** Parses the file, with a clear word for the usual mistake of passing an lcov or summary file. */
export function parseCoverageJson(file: string, text: string): unknown {
  const start = text.trimStart().slice(0, 3);
  if (start.startsWith('TN:') || start.startsWith('SF:')) {
    throw new CoverageError(
      `base coverage ${file} is an lcov file; pass Istanbul's coverage-final.json (add the "json" coverage reporter)`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CoverageError(
      `base coverage ${file} is not valid JSON (${(error as Error).message}); pass Istanbul's coverage-final.json`,
      { cause: error },
    );
  }
  if (looksLikeSummary(raw)) {
    throw new CoverageError(
      `base coverage ${file} looks like a coverage summary (coverage-summary.json); pass coverage-final.json (the "json" reporter)`,
    );
  }
  return raw;
}

function looksLikeSummary(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const total = (raw as Record<string, unknown>).total;
  return typeof total === 'object' && total !== null && 'lines' in total && !('statementMap' in total);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
