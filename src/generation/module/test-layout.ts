/**
 * PURE. Where the repository's own tests for a module would sit, inferred from the tests it already
 * has relative to the modules they are named after (`src/util/x.ts` and `test/util/x.test.ts`): the
 * module's own test first; otherwise every existing test/module pair votes for the directory its
 * convention gives this module (beside it, a `__tests__` directory beside it, a mirrored or flat
 * `test/` or `tests/` tree), the most votes first. A test named by topic (`command.action.test.js`)
 * pairs with the module its first name part names. Tests are only ever related by name, never by
 * what they import: a test that reaches the module through a barrel says nothing about where its
 * tests go. The suffix (`.test`/`.spec`) and extension style are the repository's majority.
 */
import path from 'node:path';
import { findRelatedTests } from '../../scope/related-tests.js';
import { SOURCE_EXTENSIONS } from '../../scope/default-excludes.js';

/** Directories that hold tests (a subdirectory beside the module, or the root of a test tree). */
const TEST_DIRS = new Set(['__tests__', 'test', 'tests', 'spec', 'specs']);
const TEST_SUFFIX = /\.(test|spec)$/;

export type TestSuffix = '.test' | '.spec';

export interface TestLayout {
  /** Test directories for this module, best first (no duplicates); the module's own directory is always among them. */
  readonly dirs: readonly string[];
  /** The suffix the repository's tests use (its majority; `.test` when none says). */
  readonly suffix: TestSuffix;
  /** The extension a test of this module gets (the module's own unless the repository's tests differ). */
  readonly ext: string;
  /** How the first directory was chosen, for messages: 'own test', 'convention' or 'default'. */
  readonly basis: 'own test' | 'convention' | 'default';
}

interface Parsed {
  readonly dir: readonly string[];
  readonly stem: string;
  readonly ext: string;
  readonly suffix: TestSuffix | null;
}

function parse(file: string): Parsed | null {
  const base = path.posix.basename(file);
  const ext = SOURCE_EXTENSIONS.find((candidate) => base.endsWith(candidate));
  if (ext === undefined || base.length === ext.length || /\.d(\.[^./]+)?\.[cm]?ts$/.test(base)) return null;
  const name = base.slice(0, -ext.length);
  const suffix = TEST_SUFFIX.exec(name)?.[0] as TestSuffix | undefined;
  const dir = path.posix.dirname(file);
  return { dir: dir === '.' ? [] : dir.split('/'), stem: suffix ? name.slice(0, -suffix.length) : name, ext, suffix: suffix ?? null };
}

/** A test file by the usual names: a `.test`/`.spec` suffix, or inside a `__tests__` directory. */
function isTestFile(file: string, parsed: Parsed): boolean {
  return parsed.suffix !== null || parsed.dir.includes('__tests__');
}

const startsWith = (prefix: readonly string[], of: readonly string[]): boolean => prefix.length <= of.length && prefix.every((segment, i) => of[i] === segment);

/**
 * The test directory a (module directory -> test directory) pair's convention gives another module
 * directory, or null when the convention does not reach it.
 */
export function conventionDir(moduleDir: readonly string[], testDir: readonly string[], target: readonly string[]): string[] | null {
  if (testDir.length === moduleDir.length && startsWith(moduleDir, testDir)) return [...target];
  if (testDir.length === moduleDir.length + 1 && startsWith(moduleDir, testDir) && TEST_DIRS.has(testDir[moduleDir.length]!)) {
    return [...target, testDir[moduleDir.length]!];
  }
  let tail = 0;
  while (tail < moduleDir.length && tail < testDir.length && moduleDir[moduleDir.length - 1 - tail] === testDir[testDir.length - 1 - tail]) tail += 1;
  const testRoot = testDir.slice(0, testDir.length - tail);
  const sourceRoot = moduleDir.slice(0, moduleDir.length - tail);
  if (!testRoot.some((segment) => TEST_DIRS.has(segment))) return null;
  if (startsWith(sourceRoot, target)) return [...testRoot, ...target.slice(sourceRoot.length)];
  // A flat test directory (no directory of the module repeated) takes every module's tests.
  return tail === 0 ? [...testRoot] : null;
}

/** The module a test is named after: the closest source file of the same name (most directories in common at the end) that the test follows a convention for. */
function moduleOfTest(test: Parsed, testPath: string, sources: readonly string[]): string | null {
  const tailShared = (source: string): number => {
    const dir = path.posix.dirname(source).split('/');
    let shared = 0;
    while (shared < dir.length && shared < test.dir.length && dir[dir.length - 1 - shared] === test.dir[test.dir.length - 1 - shared]) shared += 1;
    return shared;
  };
  const ordered = [...sources].sort((a, b) => tailShared(b) - tailShared(a) || a.localeCompare(b));
  return ordered.find((source) => findRelatedTests(source, [testPath]).length > 0) ?? null;
}

/**
 * The test with the module it is named after. A test named by topic, `<module>.<topic>.test.js`
 * (commander's `tests/command.action.test.js` for `lib/command.js`), counts for the module its first
 * name part names when no source carries the whole name.
 */
function pairOf(test: Parsed, testPath: string, sourcesByStem: ReadonlyMap<string, readonly string[]>): { test: Parsed; module: Parsed } | null {
  const whole = moduleOfTest(test, testPath, sourcesByStem.get(test.stem) ?? []);
  if (whole !== null) return { test, module: parse(whole)! };
  const dot = test.stem.indexOf('.');
  if (dot <= 0) return null;
  const named = { ...test, stem: test.stem.slice(0, dot) };
  const renamed = path.posix.join(...test.dir, `${named.stem}${test.suffix ?? ''}${test.ext}`);
  const source = moduleOfTest(named, renamed, sourcesByStem.get(named.stem) ?? []);
  return source === null ? null : { test: named, module: parse(source)! };
}

interface Listing {
  readonly tests: readonly string[];
  /** Each test named after a module, with that module. */
  readonly pairs: readonly { readonly test: Parsed; readonly module: Parsed }[];
  readonly suffixVotes: ReadonlyMap<TestSuffix, number>;
}

/** The listing's tests and their modules, worked out once per listing (every module of a package shares it). */
const listings = new WeakMap<readonly string[], Listing>();

function readListing(repoFiles: readonly string[]): Listing {
  const known = listings.get(repoFiles);
  if (known !== undefined) return known;
  const tests: string[] = [];
  const sourcesByStem = new Map<string, string[]>();
  for (const file of repoFiles) {
    if (file.includes('.testmaster.') || file.split('/').includes('node_modules')) continue;
    const parsed = parse(file);
    if (parsed === null) continue;
    if (isTestFile(file, parsed)) tests.push(file);
    else sourcesByStem.set(parsed.stem, [...(sourcesByStem.get(parsed.stem) ?? []), file]);
  }
  const suffixVotes = new Map<TestSuffix, number>();
  const pairs: { test: Parsed; module: Parsed }[] = [];
  for (const test of tests) {
    const parsed = parse(test)!;
    if (parsed.suffix !== null) bump(suffixVotes, parsed.suffix);
    const pair = pairOf(parsed, test, sourcesByStem);
    if (pair !== null) pairs.push(pair);
  }
  const listing = { tests, pairs, suffixVotes };
  listings.set(repoFiles, listing);
  return listing;
}

function majority<T>(votes: ReadonlyMap<T, number>, fallback: T): T {
  let best = fallback;
  let bestCount = 0;
  for (const [value, count] of votes) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

const bump = <T>(votes: Map<T, number>, key: T): void => {
  votes.set(key, (votes.get(key) ?? 0) + 1);
};

/**
 * The layout for `modulePath` from the repository's files (repository-relative POSIX paths, e.g. its
 * `git ls-files`; tests and sources). Files TestMaster proposed (`.testmaster.`) do not count.
 */
export function inferTestLayout(modulePath: string, repoFiles: readonly string[]): TestLayout {
  const module = parse(modulePath);
  const moduleDir = path.posix.dirname(modulePath);
  if (module === null) return { dirs: [moduleDir], suffix: '.test', ext: path.posix.extname(modulePath), basis: 'default' };
  const { tests, pairs, suffixVotes } = readListing(repoFiles);
  const extVotes = new Map<string, number>();
  const dirVotes = new Map<string, number>();
  for (const pair of pairs) {
    bump(extVotes, pair.test.ext === pair.module.ext ? '' : pair.test.ext);
    const dir = conventionDir(pair.module.dir, pair.test.dir, module.dir);
    if (dir !== null) bump(dirVotes, dir.join('/'));
  }
  const suffix = majority(suffixVotes, '.test');
  const extVote = majority(extVotes, '');
  const ext = extVote === '' || !sameFamily(extVote, module.ext) ? module.ext : extVote;

  const own = findRelatedTests(modulePath, tests);
  const ownDirs = own.map((test) => path.posix.dirname(test));
  const conventionDirs = [...dirVotes.entries()].sort(([a, x], [b, y]) => y - x || rank(a, module.dir) - rank(b, module.dir) || a.localeCompare(b)).map(([dir]) => dir);
  const dirs = [...new Set([...ownDirs, ...conventionDirs, module.dir.join('/')].map((dir) => (dir === '.' ? '' : dir)))];
  const ownSuffix = own.map((test) => parse(test)?.suffix).find((value) => value != null);
  return {
    dirs,
    suffix: ownSuffix ?? suffix,
    ext,
    basis: own.length > 0 ? 'own test' : conventionDirs.length > 0 ? 'convention' : 'default',
  };
}

/** On a tie, beside the module first, then closer to it. */
function rank(dir: string, moduleDir: readonly string[]): number {
  const segments = dir === '' ? [] : dir.split('/');
  let shared = 0;
  while (shared < segments.length && shared < moduleDir.length && segments[shared] === moduleDir[shared]) shared += 1;
  return segments.length + moduleDir.length - 2 * shared;
}

/** A test in TypeScript for a TypeScript module, JavaScript for JavaScript: the repository's style never crosses that line. */
function sameFamily(a: string, b: string): boolean {
  const family = (ext: string): string => (/ts/.test(ext) ? 'ts' : 'js');
  return family(a) === family(b) && /x$/.test(a) === /x$/.test(b);
}
