/**
 * Which changed files of a commit are tests (the maintainers' tests, held back from the pull request)
 * and which test of theirs belongs to a module, by the repositories' usual conventions.
 */
import { basename, posix } from 'node:path';

const TEST_FILE = /\.(test|spec|test-d|spec-d)\.[cm]?[jt]sx?$/;
const TEST_DIR = /(^|\/)(__tests__|__snapshots__|tests?|__mocks__|__fixtures__)\//;

/** A test, snapshot or test fixture: held back from the pull request. */
export function isTestPath(path: string): boolean {
  return TEST_FILE.test(path) || TEST_DIR.test(path);
}

/** A test file the runner would run (not a snapshot, fixture or type test). */
export function isRunnableTest(path: string): boolean {
  return /\.[cm]?[jt]sx?$/.test(path) && !/\.(test-d|spec-d)\.|\.d\.ts$/.test(path) && isTestPath(path) && !/__snapshots__|__fixtures__|__mocks__/.test(path);
}

/** `src/a/b.ts` -> `b`; `tests/b.test.tsx` -> `b`; `b.spec.js` -> `b`. */
function stem(path: string): string {
  return basename(path).replace(/\.[cm]?[jt]sx?$/, '').replace(/\.(test|spec|testmaster\.test|testmaster\.spec)$/, '').toLowerCase();
}

/**
 * The maintainers' test for a module: the one whose name matches the module's (case-insensitive, also
 * `IANAZone` ~ `IANA`-prefixed names), else the only runnable one, else null (several unrelated ones).
 */
export function maintainersTestFor(module: string, maintainersTests: readonly string[]): string | null {
  const runnable = maintainersTests.filter(isRunnableTest);
  const name = stem(module);
  const exact = runnable.find((test) => stem(test) === name);
  if (exact) return exact;
  const prefix = runnable.find((test) => name.startsWith(stem(test)) || stem(test).startsWith(name));
  if (prefix) return prefix;
  return runnable.length === 1 ? runnable[0]! : null;
}

export type Placement = 'same directory' | 'differs' | 'no maintainers test';

/** Whether the proposed file sits in the directory where the maintainers put their test for the module. */
export function comparePlacement(proposed: string, maintainers: string | null): { placement: Placement; detail: string } {
  if (maintainers === null) return { placement: 'no maintainers test', detail: `proposed ${proposed}` };
  const same = posix.dirname(proposed) === posix.dirname(maintainers);
  return { placement: same ? 'same directory' : 'differs', detail: same ? proposed : `proposed ${proposed}, maintainers ${maintainers}` };
}
