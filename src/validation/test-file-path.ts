/**
 * Where a generated test for a module goes. By default a new sibling file:
 * `src/x.ts` -> `src/x.testmaster.test.ts` (same extension, so ESM/CJS and TS/JS stay as they were).
 *
 * A pattern can choose another place. Placeholders:
 *   {dir}   the module's directory, repository-relative (empty for a module at the root);
 *           it must be a whole path segment, e.g. `{dir}/__tests__/...` or `test/generated/{dir}/...`
 *   {name}  the module's file name without its extension (`x.module` for `x.module.ts`);
 *           it must be in the file name (the last segment)
 *   {ext}   the module's extension with its dot (`.ts`, `.mjs`, `.tsx`, `.cts`...)
 * The file name must end with a test-file suffix: `.test` or `.spec` followed by `{ext}` or a literal
 * JS/TS extension. The pattern must be relative, POSIX, and without `..`. Examples:
 *   `{dir}/{name}.testmaster.test{ext}` (the default)
 *   `{dir}/__tests__/{name}.testmaster.test{ext}`
 *   `test/generated/{dir}/{name}.test{ext}`
 * An empty {dir} (a module at the root) leaves no segment behind. The result is only a proposal: it still goes
 * through checkProposedPath before anything is written.
 */
import { ConfigurationError, GenerationError } from '../errors/errors.js';
import { TEST_FILE_EXTENSIONS, pathSpellingProblem } from './proposed-path-rules.js';

export const DEFAULT_TEST_PATH_PATTERN = '{dir}/{name}.testmaster.test{ext}';

export interface TestPathOptions {
  /** Where to put the test; see the module comment. Default DEFAULT_TEST_PATH_PATTERN. */
  readonly pattern?: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['dir', 'name', 'ext']);
const EXTENSION_ALTERNATIVES = TEST_FILE_EXTENSIONS.map((extension) => extension.slice(1)).join('|');
const TEST_SUFFIX = new RegExp(`\\.(?:test|spec)(?:\\{ext\\}|\\.(?:${EXTENSION_ALTERNATIVES}))$`);
const DECLARATION = /\.d(?:\.[^./]+)?\.[cm]?ts$/;

/** The default (or patterned) path of a new test file for a module. Pure. */
export function proposedTestPath(modulePath: string, options: TestPathOptions = {}): string {
  const pattern = options.pattern ?? DEFAULT_TEST_PATH_PATTERN;
  const patternProblem = testPathPatternProblem(pattern);
  if (patternProblem) {
    throw new ConfigurationError(
      `invalid test path pattern ${JSON.stringify(pattern)}: ${patternProblem}; use placeholders {dir}, {name} and {ext}, e.g. "${DEFAULT_TEST_PATH_PATTERN}"`,
    );
  }
  const parts = splitModulePath(modulePath);
  return renderPattern(pattern, parts);
}

/** Why a test path pattern is unusable, or undefined when it is fine. */
export function testPathPatternProblem(pattern: string): string | undefined {
  if (typeof pattern !== 'string' || pattern.trim() === '') return 'the pattern is empty';
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    if (!KNOWN_PLACEHOLDERS.has(match[1] ?? '')) return `unknown placeholder {${match[1] ?? ''}}`;
  }
  if (/[{}]/.test(pattern.replace(PLACEHOLDER, ''))) return 'unbalanced { or }';
  const segments = pattern.split('/');
  const fileName = segments[segments.length - 1] ?? '';
  if (!fileName.includes('{name}')) return 'the file name (after the last /) must contain {name}';
  if (!TEST_SUFFIX.test(fileName)) return 'the file name must end with .test{ext} or .spec{ext} (or .test/.spec and a JS/TS extension)';
  if (segments.some((segment) => segment.includes('{dir}') && segment !== '{dir}')) return '{dir} must be a whole path segment';
  const sample = renderPattern(pattern, { dir: 'sample/dir', name: 'sample', ext: '.ts' });
  const spelling = pathSpellingProblem(sample);
  return spelling ? `it gives unsafe paths (${spelling})` : undefined;
}

interface ModuleParts {
  readonly dir: string;
  readonly name: string;
  readonly ext: string;
}

function splitModulePath(modulePath: string): ModuleParts {
  const fail = (why: string): never => {
    throw new GenerationError(`cannot propose a test file for ${JSON.stringify(modulePath)}: ${why}`);
  };
  if (typeof modulePath !== 'string' || modulePath === '') return fail('the module path is empty');
  if (modulePath.startsWith('/') || modulePath.includes('\\') || /^[A-Za-z]:/.test(modulePath)) {
    return fail('expected a repository-relative POSIX path');
  }
  const slash = modulePath.lastIndexOf('/');
  const fileName = modulePath.slice(slash + 1);
  const ext = TEST_FILE_EXTENSIONS.find((extension) => fileName.endsWith(extension));
  if (!ext || fileName.length === ext.length) return fail(`not a JS/TS module (${TEST_FILE_EXTENSIONS.join(', ')})`);
  if (DECLARATION.test(fileName)) return fail('a type declaration has no code to test');
  return { dir: slash === -1 ? '' : modulePath.slice(0, slash), name: fileName.slice(0, -ext.length), ext };
}

function renderPattern(pattern: string, parts: ModuleParts): string {
  const dirSegments = parts.dir === '' ? [] : parts.dir.split('/');
  return pattern
    .split('/')
    .flatMap((segment) =>
      segment === '{dir}' ? dirSegments : [segment.replace(PLACEHOLDER, (_whole, key: string) => parts[key as keyof ModuleParts])],
    )
    .join('/');
}
