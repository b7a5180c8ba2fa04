/**
 * A test file that failed because an import could not be resolved, told in terms of what to set
 * (pure): a specifier that tsconfig `paths` maps but the runner does not read (Vitest needs
 * `resolve.alias` or a tsconfig-paths plugin, Jest a `moduleNameMapper`), or a package that is not
 * installed. Relative imports are left alone: a wrong relative path is the test's own mistake.
 */
import type { Framework } from '../report/types.js';

/** One `compilerOptions.paths` entry, its targets relative to the package directory (POSIX). */
export interface PathMapping {
  readonly pattern: string;
  readonly targets: readonly string[];
  /** The tsconfig file that declares it, relative to the package directory. */
  readonly declaredIn: string;
}

export interface UnresolvedImport {
  readonly specifier: string;
  /** The importing file as the runner printed it, or null. */
  readonly importer: string | null;
}

const PATTERNS: readonly RegExp[] = [
  // Node's ES module loader (Vitest's externals, the probe): Cannot find package 'x' imported from /a/b.ts
  /Cannot find (?:package|module) '([^']+)' imported from (\S+)/,
  // Jest's resolver: Cannot find module 'x' from 'src/a.ts'
  /Cannot find module '([^']+)' from '([^']+)'/,
  // Vite's import analysis: Failed to resolve import "x" from "src/a.ts". Does the file exist?
  /Failed to resolve import "([^"]+)" from "([^"]+)"/,
  // Vitest's module runner: Failed to load url x (resolved id: x) in /a/b.ts
  /Failed to load url (\S+) \(resolved id: [^)]*\)(?: in (\S+))?/,
  // CommonJS require: Cannot find module 'x'
  /Cannot find module '([^']+)'()/,
];

/** The bare specifier a runner's error says it could not resolve, or null. */
export function findUnresolvedImport(output: string): UnresolvedImport | null {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(output);
    if (match === null) continue;
    const specifier = match[1]!;
    if (specifier.startsWith('.') || specifier.startsWith('/') || /^[a-z]+:/i.test(specifier)) return null;
    const importer = match[2] === undefined || match[2] === '' ? null : match[2].replace(/\.$/, '');
    return { specifier, importer };
  }
  return null;
}

/** The mapping whose pattern matches a specifier, and what `*` stood for. */
export function matchingMapping(mappings: readonly PathMapping[], specifier: string): { mapping: PathMapping; star: string } | null {
  for (const mapping of mappings) {
    const star = mapping.pattern.indexOf('*');
    if (star === -1) {
      if (mapping.pattern === specifier) return { mapping, star: '' };
      continue;
    }
    const prefix = mapping.pattern.slice(0, star);
    const suffix = mapping.pattern.slice(star + 1);
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      return { mapping, star: specifier.slice(prefix.length, specifier.length - suffix.length) };
    }
  }
  return null;
}

/** One line saying why an import the runner could not resolve (findUnresolvedImport) failed, and what to set. */
export function explainUnresolvedImport(framework: Framework, found: UnresolvedImport, mappings: readonly PathMapping[], importerLabel: string | null): string {
  const where = importerLabel === null ? '' : ` (imported by ${importerLabel})`;
  const matched = matchingMapping(mappings, found.specifier);
  if (matched === null) {
    const fix = framework === 'vitest' ? 'map it with resolve.alias in the Vitest config' : 'map it with moduleNameMapper in the Jest config';
    return `the tests cannot resolve the import "${found.specifier}"${where}: install the package it names, or ${fix}`;
  }
  const { mapping } = matched;
  const target = mapping.targets[0] ?? '';
  const declared = `${mapping.declaredIn} maps "${mapping.pattern}" to "${target}" through compilerOptions.paths, which ${framework} does not read`;
  if (framework === 'jest') {
    const key = `^${escapeRegex(mapping.pattern).replace('\\*', '(.*)')}$`;
    const value = `<rootDir>/${target.replace('*', '$1')}`;
    return `the tests cannot resolve the import "${found.specifier}"${where}: ${declared}; add moduleNameMapper: { '${key}': '${value}' } to the Jest config`;
  }
  const aliasKey = mapping.pattern.replace(/\/?\*$/, '');
  const aliasValue = target.replace(/\/?\*$/, '');
  return (
    `the tests cannot resolve the import "${found.specifier}"${where}: ${declared}; ` +
    `add resolve: { alias: { '${aliasKey}': path.resolve(__dirname, '${aliasValue}') } } to the Vitest config, or the vite-tsconfig-paths plugin`
  );
}

const escapeRegex = (text: string): string => text.replace(/[.+?^${}()|[\]\\*]/g, '\\$&');
