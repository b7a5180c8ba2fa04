/**
 * Where a module's proposed test goes (pure). With the default pattern, the repository's own layout
 * for THIS module wins (test-layout.ts): beside its own test when it has one (`test/money.test.ts`
 * for `src/money.ts` gives `test/money.testmaster.test.ts`), otherwise where the repository's
 * convention puts a test of it (sibling, `__tests__` beside it, a mirrored or flat `test/` tree), with
 * the repository's `.test`/`.spec` suffix. Never in the directory of a test that merely imports the
 * module (through a barrel, say). Each directory is tried in turn until the path is one the runner
 * collects (its include globs, when known: runner-test-includes.ts), else the module's own directory.
 * A pattern set in the config is always followed.
 *
 * assignTestPaths gives every module of a run its own path: two modules never share one (a flat test
 * directory with two `index.ts` modules), and a path where a file already exists (a test proposed by an
 * earlier run and committed) gets a numbered name instead.
 */
import path from 'node:path';
import { DEFAULT_TEST_GLOBS, proposedPathProblem } from '../../validation/proposed-path-rules.js';
import { DEFAULT_TEST_PATH_PATTERN, proposedTestPath } from '../../validation/test-file-path.js';
import { inferTestLayout, type TestSuffix } from './test-layout.js';

export interface PlacementFacts {
  /** The repository's files around the module (its package's `git ls-files`): tests and sources. */
  readonly repoFiles: readonly string[];
  /** Whether the package's runner collects a repository-relative test path; absent: unknown (any test name). */
  readonly collects?: (repoPath: string) => boolean;
}

export function chooseTestPath(modulePath: string, facts: PlacementFacts, pattern: string): string {
  const patterned = proposedTestPath(modulePath, { pattern });
  if (pattern !== DEFAULT_TEST_PATH_PATTERN) return patterned;
  const layout = inferTestLayout(modulePath, facts.repoFiles);
  const stem = path.posix.basename(modulePath, path.posix.extname(modulePath));
  const other: TestSuffix = layout.suffix === '.test' ? '.spec' : '.test';
  const usable = (candidate: string): boolean =>
    proposedPathProblem(candidate, DEFAULT_TEST_GLOBS) === undefined && (facts.collects?.(candidate) ?? true);
  for (const dir of layout.dirs) {
    for (const suffix of [layout.suffix, other]) {
      const candidate = path.posix.join(dir, `${stem}.testmaster${suffix}${layout.ext}`);
      if (usable(candidate)) return candidate;
    }
  }
  return patterned;
}

export interface PathRequest extends PlacementFacts {
  readonly modulePath: string;
}

/** One distinct, free test path per module (by module path), in the order given. */
export function assignTestPaths(modules: readonly PathRequest[], pattern: string, exists: (repoPath: string) => boolean): Map<string, string> {
  const assigned = new Map<string, string>();
  const taken = new Set<string>();
  for (const module of modules) {
    let chosen = chooseTestPath(module.modulePath, module, pattern);
    // Taken by another module (a flat test directory): beside the module, when the runner collects it there; else numbered.
    if (taken.has(chosen)) {
      const beside = proposedTestPath(module.modulePath, { pattern });
      if (module.collects?.(beside) ?? true) chosen = beside;
    }
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
