/**
 * PURE. Existing tests that, by naming convention, test a module: `x.test.ts` / `x.spec.ts` beside
 * it, in a `__tests__` directory beside it, or under a `test`/`tests`/`__tests__` directory of an
 * ancestor (mirroring the module's directories or not, optionally grouped as unit/integration).
 */
import { SOURCE_EXTENSIONS } from './default-excludes.js';

const TEST_ROOT_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs']);
const GROUPING_DIRS = new Set(['unit', 'units', 'integration', 'int', 'functional', 'component', 'components']);
const TEST_SUFFIX = /\.(test|spec)$/;

interface ParsedPath {
  readonly dir: string[];
  readonly stem: string;
  readonly ext: string;
}

function parse(filePath: string): ParsedPath | null {
  const segments = filePath.split('/');
  const base = segments.pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = base.slice(dot).toLowerCase();
  if (!SOURCE_EXTENSIONS.includes(ext)) return null;
  return { dir: segments, stem: base.slice(0, dot), ext };
}

/** Names a module may be tested under: its stem, and for `dir/index.ts` also `dir` (one level up). */
function moduleNames(module: ParsedPath): { name: string; dir: string[] }[] {
  const names = [{ name: module.stem, dir: module.dir }];
  if (module.stem === 'index' && module.dir.length > 0) {
    names.push({ name: module.dir[module.dir.length - 1]!, dir: module.dir.slice(0, -1) });
  }
  return names;
}

const isPrefix = (prefix: readonly string[], of: readonly string[]): boolean => prefix.length <= of.length && prefix.every((segment, i) => of[i] === segment);
const isSuffix = (suffix: readonly string[], of: readonly string[]): boolean => suffix.length <= of.length && suffix.every((segment, i) => of[of.length - suffix.length + i] === segment);

/**
 * How closely a test file belongs to a module directory (lower is closer), or null when it does
 * not follow a convention for it. `testDir` is the test's directory, `moduleDir` the module's.
 */
function placement(testDir: readonly string[], moduleDir: readonly string[], hasTestSuffix: boolean): number | null {
  const same = testDir.length === moduleDir.length && isPrefix(testDir, moduleDir);
  if (same) return hasTestSuffix ? 0 : null;
  if (testDir.length === moduleDir.length + 1 && isPrefix(moduleDir, testDir) && testDir[moduleDir.length] === '__tests__') return 1;
  // under <ancestor>/<test root>/... with the rest mirroring the end of the module's path
  for (let depth = moduleDir.length; depth >= 0; depth -= 1) {
    const ancestor = moduleDir.slice(0, depth);
    if (!isPrefix(ancestor, testDir) || testDir.length <= depth || !TEST_ROOT_DIRS.has(testDir[depth]!)) continue;
    let rest = testDir.slice(depth + 1);
    while (rest.length > 0 && GROUPING_DIRS.has(rest[0]!)) rest = rest.slice(1);
    const below = moduleDir.slice(depth);
    if (rest.length === 0 || isSuffix(rest, below)) return 2 + (moduleDir.length - depth) + (below.length - rest.length);
  }
  return null;
}

/**
 * Test files among `repoFiles` (repository-relative POSIX paths, e.g. from `git ls-files`) that by
 * convention test `modulePath`, closest first.
 */
export function findRelatedTests(modulePath: string, repoFiles: readonly string[]): string[] {
  const module = parse(modulePath);
  if (module === null) return [];
  const names = moduleNames(module);
  const scored: { path: string; score: number }[] = [];
  for (const file of repoFiles) {
    if (file === modulePath) continue;
    const test = parse(file);
    if (test === null || test.stem.endsWith('.d')) continue;
    const hasTestSuffix = TEST_SUFFIX.test(test.stem);
    const stem = test.stem.replace(TEST_SUFFIX, '');
    let best: number | null = null;
    names.forEach((candidate, index) => {
      if (stem !== candidate.name) return;
      const inTestRoot = test.dir.some((segment) => TEST_ROOT_DIRS.has(segment));
      if (!hasTestSuffix && !inTestRoot) return;
      const placed = placement(test.dir, candidate.dir, hasTestSuffix);
      // the module's own name ranks before its directory's name (for index files)
      const score = placed === null ? null : placed + index * 0.5;
      if (score !== null && (best === null || score < best)) best = score;
    });
    if (best !== null) scored.push({ path: file, score: best });
  }
  return scored.sort((a, b) => a.score - b.score || a.path.localeCompare(b.path)).map((entry) => entry.path);
}
