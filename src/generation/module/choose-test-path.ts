/**
 * Where a module's proposed test goes (pure). With the default pattern, the repository's own layout
 * wins: when the module already has a test in another directory (`test/money.test.ts` for
 * `src/money.ts`, `__tests__/reorder.test.js` for `src/reorder.js`), the new file goes beside that test
 * (`test/money.testmaster.test.ts`), as its authors would have put it; otherwise beside the module. The
 * `.spec` suffix is kept when the module's tests use it (a runner configured for `*.spec.ts` would not
 * collect a `.test.ts`). A pattern set in the config is always followed.
 *
 * assignTestPaths gives every module of a run its own path: two modules never share one (a flat test
 * directory with two `index.ts` modules), and a path where a file already exists (a test proposed by an
 * earlier run and committed) gets a numbered name instead.
 */
import path from 'node:path';
import { DEFAULT_TEST_GLOBS, proposedPathProblem } from '../../validation/proposed-path-rules.js';
import { DEFAULT_TEST_PATH_PATTERN, proposedTestPath } from '../../validation/test-file-path.js';

export function chooseTestPath(modulePath: string, relatedTests: readonly string[], pattern: string): string {
  const patterned = proposedTestPath(modulePath, { pattern });
  if (pattern !== DEFAULT_TEST_PATH_PATTERN) return patterned;
  const own = relatedTests.find((test) => !test.includes('.testmaster.'));
  if (own === undefined) return patterned;
  const name = /\.spec\.[^./]+$/.test(own) ? path.posix.basename(patterned).replace(/\.testmaster\.test\./, '.testmaster.spec.') : path.posix.basename(patterned);
  const testDir = path.posix.dirname(own);
  const candidate = testDir === path.posix.dirname(modulePath) ? path.posix.join(path.posix.dirname(patterned), name) : path.posix.join(testDir, name);
  return proposedPathProblem(candidate, DEFAULT_TEST_GLOBS) === undefined ? candidate : patterned;
}

export interface PathRequest {
  readonly modulePath: string;
  readonly relatedTests: readonly string[];
}

/** One distinct, free test path per module (by module path), in the order given. */
export function assignTestPaths(modules: readonly PathRequest[], pattern: string, exists: (repoPath: string) => boolean): Map<string, string> {
  const assigned = new Map<string, string>();
  const taken = new Set<string>();
  for (const module of modules) {
    let chosen = chooseTestPath(module.modulePath, module.relatedTests, pattern);
    if (taken.has(chosen)) chosen = proposedTestPath(module.modulePath, { pattern });
    let candidate = chosen;
    for (let n = 2; taken.has(candidate) || exists(candidate); n += 1) candidate = numbered(chosen, n);
    taken.add(candidate);
    assigned.set(module.modulePath, candidate);
  }
  return assigned;
}

/** `a/x.testmaster.test.ts` -> `a/x.testmaster-2.test.ts`. */
function numbered(testPath: string, n: number): string {
  const match = /(\.(?:test|spec)\.[^./]+)$/.exec(testPath);
  return match ? `${testPath.slice(0, match.index)}-${n}${match[1]}` : `${testPath}-${n}`;
}
