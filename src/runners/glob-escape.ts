/**
 * Turns a literal POSIX path into a glob that matches only that path, for runner options that take
 * globs (Vitest's coverage.include and --exclude, Jest's collectCoverageFrom). Works for picomatch,
 * micromatch and minimatch, which all treat a backslash as an escape.
 */
const GLOB_SPECIAL = /[\\*?[\]{}()!+@|^$]/g;

export function escapeGlob(path: string): string {
  return path.replace(GLOB_SPECIAL, (char) => `\\${char}`);
}
