/**
 * A --testNamePattern that selects exactly one test case (pure). The runners match the pattern
 * against a name they build themselves, and they build it differently (checked on real runs):
 *
 * - Vitest 5: describe titles and the title joined by ' > ' (the same as our reported names).
 * - Vitest 2 and 3: joined by ' '; Vitest 1 also puts the file suite's empty name first, so the
 *   name starts with a space (' outer inner case').
 * - Vitest 4, or an unknown version: either separator is accepted.
 * - Jest 29 and 30: joined by ' ', matched case-insensitively (the pattern gets the 'i' flag).
 *
 * Full names are our reported names (describe titles and title joined by ' > ', empty describe
 * titles left out, see jest-style-results.ts). A title that itself contains ' > ' cannot be told
 * apart from nesting, and under Jest two names that differ only in letter case both match: callers
 * check that the run reported exactly the case they asked for.
 */
import type { Framework } from '../report/types.js';
import { majorVersion } from './installed-package.js';

const NAME_SEPARATOR = ' > ';

export interface TestNameRunner {
  readonly framework: Framework;
  /** Installed version of the framework, e.g. '5.1.1'; null when unknown. */
  readonly frameworkVersion: string | null;
}

/** Anchored, escaped regular-expression source matching `fullName` as `runner` builds it. */
export function exactNamePattern(fullName: string, runner: TestNameRunner): string {
  const segments = fullName.split(NAME_SEPARATOR).map(escapeRegExp);
  if (runner.framework === 'jest') return `^${segments.join(' ')}$`;
  const major = majorVersion(runner.frameworkVersion);
  if (major !== null && major >= 5) return `^${segments.join(' > ')}$`;
  if (major !== null && major <= 3) return `^ ?${segments.join(' ')}$`;
  return `^ ?${segments.join('(?: > | )')}$`;
}

/** Escapes every character with a meaning in a regular expression (valid with or without the 'u' flag). */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
