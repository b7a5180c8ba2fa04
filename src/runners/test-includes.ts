/**
 * Which files a package's runner collects as tests, read from its configuration without running it
 * (a config is repository code): Vitest's `test.include` (default `**\/*.{test,spec}.?(c|m)[jt]s?(x)`),
 * Jest's `testMatch` or `testRegex` and `roots` (from package.json "jest", jest.config.json, or literal
 * values in jest.config.* / vitest.config.* / vite.config.*). Only literal strings and arrays of them
 * are read; a setting computed at run time, or `projects`/workspaces, leaves the rules unknown (null),
 * and callers then accept any usual test name.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import ts from 'typescript';
import type { Framework } from '../report/types.js';

/** What a runner collects, relative to the package directory. */
export type TestIncludeRules =
  | { readonly framework: 'vitest'; readonly include: readonly string[] }
  | { readonly framework: 'jest'; readonly testMatch: readonly string[]; readonly testRegex: readonly string[]; readonly roots: readonly string[] };

export const VITEST_DEFAULT_INCLUDE: readonly string[] = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];
export const JEST_DEFAULT_TEST_MATCH: readonly string[] = ['**/__tests__/**/*.?([mc])[jt]s?(x)', '**/?(*.)+(spec|test).?([mc])[jt]s?(x)'];

const VITEST_CONFIG = /^(vitest|vite)\.config\.(ts|mts|cts|js|mjs|cjs)$/;
const JEST_CONFIG = /^jest\.config\.(ts|mts|cts|js|mjs|cjs|json)$/;
const UNKNOWN = Symbol('unknown');
type Literal = string | readonly string[] | typeof UNKNOWN;

/** Reads the rules of a package's runner (effects: reads its config files), or null when they cannot be known. */
export async function readTestIncludes(packageDir: string, framework: Framework, manifest: Readonly<Record<string, unknown>>): Promise<TestIncludeRules | null> {
  const names = (await readdir(packageDir).catch(() => [] as string[])).sort();
  if (framework === 'vitest') {
    if (names.some((name) => /^vitest\.(workspace|projects)\./.test(name))) return null;
    const config = names.find((name) => VITEST_CONFIG.test(name) && name.startsWith('vitest.')) ?? names.find((name) => VITEST_CONFIG.test(name));
    if (config === undefined) return { framework, include: VITEST_DEFAULT_INCLUDE };
    return vitestRules(await readFile(join(packageDir, config), 'utf8').catch(() => null));
  }
  const config = names.find((name) => JEST_CONFIG.test(name));
  if (config === undefined) return jestRules(jsonSettings(manifest.jest));
  const text = await readFile(join(packageDir, config), 'utf8').catch(() => null);
  if (text === null) return null;
  if (config.endsWith('.json')) {
    try {
      return jestRules(jsonSettings(JSON.parse(text)));
    } catch {
      return null;
    }
  }
  return jestRules(literalSettings(text, null));
}

/** Vitest rules from a config's text (pure). */
export function vitestRules(text: string | null): TestIncludeRules | null {
  if (text === null) return null;
  const settings = literalSettings(text, 'test');
  if (['projects', 'workspace', 'root', 'dir'].some((key) => settings.has(key))) return null;
  const include = settings.get('include');
  if (include === UNKNOWN || typeof include === 'string') return null;
  return { framework: 'vitest', include: include ?? VITEST_DEFAULT_INCLUDE };
}

/** Jest rules from its settings (pure); null when one that matters is not a literal. */
export function jestRules(settings: ReadonlyMap<string, Literal> | null): TestIncludeRules | null {
  if (settings === null || settings.has('projects') || settings.has('rootDir')) return null;
  const list = (key: string): readonly string[] | null | typeof UNKNOWN => {
    const value = settings.get(key);
    if (value === undefined) return null;
    return value === UNKNOWN ? UNKNOWN : typeof value === 'string' ? [value] : value;
  };
  const testMatch = list('testMatch');
  const testRegex = list('testRegex');
  const roots = list('roots');
  if (testMatch === UNKNOWN || testRegex === UNKNOWN || roots === UNKNOWN) return null;
  return { framework: 'jest', testMatch: testMatch ?? JEST_DEFAULT_TEST_MATCH, testRegex: testRegex ?? [], roots: roots ?? ['<rootDir>'] };
}

/**
 * Whether the runner collects a path relative to the package directory (pure). Jest: under one of
 * `roots`, and matching `testRegex` when set, else `testMatch`.
 */
export function runnerCollects(rules: TestIncludeRules, packagePath: string): boolean {
  const rootDir = (pattern: string): string => pattern.replace(/^<rootDir>\/?/, '');
  if (rules.framework === 'vitest') return picomatch([...rules.include].map(stripDotSlash), { dot: true })(packagePath);
  const roots = rules.roots.map((root) => stripDotSlash(rootDir(root)).replace(/\/$/, ''));
  if (!roots.some((root) => root === '' || packagePath.startsWith(`${root}/`))) return false;
  if (rules.testRegex.length > 0) {
    return rules.testRegex.some((source) => {
      try {
        return new RegExp(source).test(`/${packagePath}`);
      } catch {
        return true;
      }
    });
  }
  return picomatch(rules.testMatch.map((pattern) => stripDotSlash(rootDir(pattern))), { dot: true })(packagePath);
}

const stripDotSlash = (pattern: string): string => pattern.replace(/^\.\//, '');

function jsonSettings(value: unknown): Map<string, Literal> | null {
  if (value === undefined) return new Map();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const settings = new Map<string, Literal>();
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'string') settings.set(key, entry);
    else if (Array.isArray(entry) && entry.every((item) => typeof item === 'string')) settings.set(key, entry as string[]);
    else settings.set(key, UNKNOWN);
  }
  return settings;
}

/**
 * Literal settings of a JS/TS config (pure): the properties of the object literal under `section`
 * (`test: {...}`), or of any object literal when section is null. A value that is not a string or an
 * array of strings is UNKNOWN.
 */
function literalSettings(text: string, section: string | null): Map<string, Literal> {
  const source = ts.createSourceFile('config.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const settings = new Map<string, Literal>();
  const nameOf = (property: ts.ObjectLiteralElementLike): string | null =>
    property.name !== undefined && (ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name)) ? property.name.text : null;
  const record = (object: ts.ObjectLiteralExpression): void => {
    for (const property of object.properties) {
      const name = nameOf(property);
      if (name === null) continue;
      settings.set(name, ts.isPropertyAssignment(property) ? literalOf(property.initializer) : UNKNOWN);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      if (section === null) record(node);
      else {
        for (const property of node.properties) {
          if (nameOf(property) === section && ts.isPropertyAssignment(property) && ts.isObjectLiteralExpression(property.initializer)) record(property.initializer);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return settings;
}

function literalOf(node: ts.Expression): Literal {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isRegularExpressionLiteral(node)) return node.text.slice(1, node.text.lastIndexOf('/'));
  if (ts.isArrayLiteralExpression(node)) {
    const items = node.elements.map((element) => (ts.isStringLiteralLike(element) ? element.text : null));
    return items.every((item): item is string => item !== null) ? items : UNKNOWN;
  }
  return UNKNOWN;
}
