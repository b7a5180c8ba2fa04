/**
 * The pure rules a proposed test-file path must pass before anything touches the disk
 * (shared/SECURITY.md rule 4): how it is spelt, the protected files it may never be, and the test-file
 * globs it must match. Paths are repository-relative POSIX paths; each rule answers with one short
 * phrase (the reason) or undefined. The file-system half (exists, symlinks, realpath) lives in
 * check-proposed-path.ts.
 */
import picomatch from 'picomatch';
import { ConfigurationError } from '../errors/errors.js';

/** Extensions a generated test file may have (the JS/TS module extensions). */
export const TEST_FILE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * Default test-file globs (picomatch, `dot: true`, over repository-relative POSIX paths): Jest's and
 * Vitest's usual `*.test.*` / `*.spec.*` names, and JS/TS files under a `__tests__` directory.
 */
export const DEFAULT_TEST_GLOBS: readonly string[] = [
  '**/*.{test,spec}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/__tests__/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
];

/** Caps on a proposed path, in UTF-8 bytes (a segment stays well under the usual 255-byte file-name limit). */
export const PATH_LIMITS = { maxBytes: 300, maxSegments: 32, maxSegmentBytes: 150 } as const;

const CONTROL_CHARACTER = /[\u0001-\u001f\u007f-\u009f]/;
/** Zero-width, bidirectional and other invisible formatting characters, and line/paragraph separators. */
const INVISIBLE_CHARACTER = /[\p{Cf}\u2028\u2029]/u;
const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:|\/\/|\\\\)/;
const WINDOWS_FORBIDDEN_CHARACTER = /[<>:"|?*]/;
const WINDOWS_DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;
/** `GIT~1` is how Windows may spell `.git` (8.3 short names). */
const WINDOWS_SHORT_NAME = /~[0-9]/;

/** How the path is spelt: relative, POSIX, no traversal, no invisible or platform-specific tricks, not too long. */
export function pathSpellingProblem(relPath: string): string | undefined {
  if (typeof relPath !== 'string' || relPath.length === 0) return 'empty path';
  if (relPath.includes('\0')) return 'path contains a NUL byte';
  if (CONTROL_CHARACTER.test(relPath)) return 'path contains a control character';
  if (INVISIBLE_CHARACTER.test(relPath)) return 'path contains an invisible or bidirectional formatting character';
  if (relPath.startsWith('/') || WINDOWS_ABSOLUTE.test(relPath)) return 'absolute path';
  if (relPath.includes('\\')) return 'path contains a backslash';
  if (Buffer.byteLength(relPath, 'utf8') > PATH_LIMITS.maxBytes) return `path too long (over ${PATH_LIMITS.maxBytes} bytes)`;
  const segments = relPath.split('/');
  if (segments.length > PATH_LIMITS.maxSegments) return `too many path segments (over ${PATH_LIMITS.maxSegments})`;
  if (segments[0]?.startsWith('-')) return "path starts with '-'";
  if (segments[0] === '~') return "path starts with '~'";
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  return undefined;
}

function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'empty path segment';
  if (segment === '..') return 'path escapes the repository';
  if (/^\.+$/.test(segment)) return "'.' or dot-only path segment";
  if (Buffer.byteLength(segment, 'utf8') > PATH_LIMITS.maxSegmentBytes) return `path segment too long (over ${PATH_LIMITS.maxSegmentBytes} bytes)`;
  if (/^\s|\s$/u.test(segment)) return 'path segment starts or ends with whitespace';
  if (segment.endsWith('.')) return 'path segment ends with a dot';
  if (WINDOWS_FORBIDDEN_CHARACTER.test(segment)) return 'path contains a character not allowed in Windows file names';
  if (WINDOWS_DEVICE_NAME.test(segment)) return 'reserved Windows device name';
  if (WINDOWS_SHORT_NAME.test(segment)) return "Windows short-name form ('~' and a digit) in a path segment";
  return undefined;
}

/** Directories a proposed file may never be in, at any depth (compared case-insensitively). */
const PROTECTED_DIRECTORIES: ReadonlyMap<string, string> = new Map([
  ['.git', 'git metadata'],
  ['.github', 'GitHub workflows and settings'],
  ['node_modules', 'installed dependencies'],
  ['.husky', 'git hooks'],
  ['.yarn', 'Yarn plugins and releases'],
]);

/** File names (picomatch over the base name, case-insensitive) a proposed file may never have. */
const PROTECTED_FILE_NAMES: readonly { readonly label: string; readonly globs: readonly string[] }[] = [
  { label: 'git settings', globs: ['.git*'] },
  { label: 'package manifest', globs: ['package.json', 'pnpm-workspace.yaml'] },
  {
    label: 'lockfile',
    globs: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'],
  },
  { label: 'package manager settings', globs: ['.npmrc', '.yarnrc*', '.pnpmfile.*', 'pnpmfile.*'] },
  {
    label: 'test runner config',
    globs: ['vitest.config.*', 'vite.config.*', 'vitest.workspace.*', 'vitest.projects.*', 'jest.config.*', 'jest-preset.*'],
  },
  {
    label: 'build config',
    globs: ['babel.config.*', '.babelrc*', 'tsconfig*.json', 'jsconfig*.json', '.swcrc', 'postcss.config.*', '.postcssrc*'],
  },
  { label: 'environment file', globs: ['.env', '.env.*'] },
  { label: 'type declaration', globs: ['*.d.ts', '*.d.mts', '*.d.cts', '*.d.*.ts'] },
];

const PROTECTED_FILE_MATCHERS = PROTECTED_FILE_NAMES.map((entry) => ({
  label: entry.label,
  match: picomatch([...entry.globs], { dot: true, nocase: true }),
}));

/** Whether the path is, or is inside, something protected. Case and Unicode normalisation do not matter. */
export function protectedPathProblem(relPath: string): string | undefined {
  const segments = relPath.split('/').map((segment) => segment.normalize('NFC').toLowerCase());
  for (const segment of segments) {
    const label = PROTECTED_DIRECTORIES.get(segment);
    if (label) return `protected file (${label})`;
  }
  const baseName = segments[segments.length - 1] ?? '';
  const hit = PROTECTED_FILE_MATCHERS.find((matcher) => matcher.match(baseName));
  return hit ? `protected file (${hit.label})` : undefined;
}

/** Compiles the configured test-file globs; an empty or malformed glob is a configuration error. */
export function compileTestGlobs(testGlobs: readonly string[]): (relPath: string) => boolean {
  if (testGlobs.length === 0) return () => false;
  try {
    return picomatch([...testGlobs], { dot: true });
  } catch (error) {
    throw new ConfigurationError(
      `invalid test-file glob in ${JSON.stringify(testGlobs)}: ${error instanceof Error ? error.message : String(error)}; use non-empty picomatch globs such as "**/*.test.ts"`,
      { cause: error },
    );
  }
}

/** Every pure rule in order: spelling, protection, then the test-file globs. */
export function proposedPathProblem(relPath: string, testGlobs: readonly string[]): string | undefined {
  const spelling = pathSpellingProblem(relPath);
  if (spelling) return spelling;
  const protection = protectedPathProblem(relPath);
  if (protection) return protection;
  if (!compileTestGlobs(testGlobs)(relPath)) return 'not a test file by the configured globs';
  return undefined;
}
