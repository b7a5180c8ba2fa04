/**
 * Where a module's proposed test goes (pure). With the default pattern, the repository's own layout
 * wins: when the module already has a test in another directory (`test/money.test.ts` for
 * `src/money.ts`, `__tests__/reorder.test.js` for `src/reorder.js`), the new file goes beside that test
 * (`test/money.testmaster.test.ts`), as its authors would have put it; otherwise beside the module.
 * A pattern set in the config is always followed.
 */
import path from 'node:path';
import { DEFAULT_TEST_GLOBS, proposedPathProblem } from '../../validation/proposed-path-rules.js';
import { DEFAULT_TEST_PATH_PATTERN, proposedTestPath } from '../../validation/test-file-path.js';

export function chooseTestPath(modulePath: string, relatedTests: readonly string[], pattern: string): string {
  const patterned = proposedTestPath(modulePath, { pattern });
  if (pattern !== DEFAULT_TEST_PATH_PATTERN) return patterned;
  const own = relatedTests.find((test) => !test.includes('.testmaster.'));
  if (own === undefined) return patterned;
  const testDir = path.posix.dirname(own);
  if (testDir === path.posix.dirname(modulePath)) return patterned;
  const candidate = path.posix.join(testDir, path.posix.basename(patterned));
  return proposedPathProblem(candidate, DEFAULT_TEST_GLOBS) === undefined ? candidate : patterned;
}
