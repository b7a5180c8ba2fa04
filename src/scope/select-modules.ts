/**
 * PURE. Chooses, among changed files, the JS/TS source modules to measure: include/exclude globs
 * from the configuration plus the default excludes. Every file not chosen gets a reason.
 */
import picomatch from 'picomatch';
import { DEFAULT_EXCLUDE_CATEGORIES, SOURCE_EXTENSIONS } from './default-excludes.js';

export interface ModuleSelectionOptions {
  /** When non-empty, only files matching at least one of these globs are selected. */
  readonly include?: readonly string[] | null;
  /** Files matching any of these globs are not selected. */
  readonly exclude?: readonly string[] | null;
  /** Apply DEFAULT_EXCLUDE_CATEGORIES (default true). */
  readonly defaultExcludes?: boolean;
}

export interface ModuleSelection<T> {
  readonly selected: T[];
  readonly skipped: { readonly path: string; readonly reason: string }[];
}

type Matcher = (path: string) => boolean;

const compile = (glob: string): Matcher => picomatch(glob, { dot: true });

/** The source extension of a path ('.ts', '.mjs'...) or null. */
export function sourceExtension(path: string): string | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = base.slice(dot).toLowerCase();
  return SOURCE_EXTENSIONS.includes(ext) ? ext : null;
}

/** Builds a reusable selector; `reasonFor` returns null for a selected path, else why it is not. */
export function createModuleFilter(options: ModuleSelectionOptions = {}): { reasonFor(path: string): string | null } {
  const include = (options.include ?? []).map((glob) => ({ glob, match: compile(glob) }));
  const exclude = (options.exclude ?? []).map((glob) => ({ glob, match: compile(glob) }));
  const defaults = options.defaultExcludes === false
    ? []
    : DEFAULT_EXCLUDE_CATEGORIES.map((category) => ({ label: category.label, match: picomatch([...category.globs], { dot: true }) }));

  return {
    reasonFor(path: string): string | null {
      if (sourceExtension(path) === null) return 'not a JS/TS source';
      const excluded = exclude.find((entry) => entry.match(path));
      if (excluded) return `excluded by pattern ${excluded.glob}`;
      if (include.length > 0 && !include.some((entry) => entry.match(path))) {
        return `not matched by include patterns (${include.map((entry) => entry.glob).join(', ')})`;
      }
      const category = defaults.find((entry) => entry.match(path));
      if (category) return `excluded by default: ${category.label}`;
      return null;
    },
  };
}

/** Splits changed files into selected modules and skipped files with reasons; keeps input order. */
export function selectModules<T extends { readonly path: string }>(files: readonly T[], options: ModuleSelectionOptions = {}): ModuleSelection<T> {
  const filter = createModuleFilter(options);
  const selected: T[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const file of files) {
    const reason = filter.reasonFor(file.path);
    if (reason === null) selected.push(file);
    else skipped.push({ path: file.path, reason });
  }
  return { selected, skipped };
}
