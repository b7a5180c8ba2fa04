/**
 * How the new test file imports the test API and the module under test (pure). The style example (an
 * existing test of the same package) wins where it shows a choice; otherwise the defaults follow the
 * package:
 *
 * - Vitest: `import { describe, it, expect, vi } from 'vitest'`, unless the example uses the globals
 *   (calls describe/it/test without importing vitest).
 * - Jest: the globals, unless the example imports `@jest/globals`.
 * - Syntax: `require` for a JavaScript test in a CommonJS context (`.cjs`, or `.js`/`.jsx` in a
 *   `"type": "commonjs"` package) under Jest, or whenever the example itself uses `require` and no
 *   `import`; ES `import` otherwise (TypeScript compiles it; Vitest transforms it).
 * - The module's specifier: relative from the test file's directory; its extension as the example's
 *   relative imports spell it (`.js` for TS under NodeNext, none, or `.ts`), else `.js`-style for an
 *   ES module package and none for a CommonJS one. `.mts`/`.cts`/`.mjs`/`.cjs` modules always keep
 *   their extension (Node needs it).
 */
import path from 'node:path';
import type { Framework } from '../../report/types.js';

export interface TestConventionsInput {
  readonly framework: Framework;
  readonly frameworkVersion: string | null;
  readonly moduleType: 'module' | 'commonjs';
  /** Repository-relative POSIX paths. */
  readonly modulePath: string;
  readonly testPath: string;
  /** The content of an existing test of the package, or null. */
  readonly styleExample: string | null;
}

export type SpecifierStyle = 'js-extension' | 'ts-extension' | 'extensionless';

export interface TestConventions {
  readonly framework: Framework;
  readonly syntax: 'esm' | 'cjs';
  /** The test API comes from globals (no import line). */
  readonly usesGlobals: boolean;
  /** The line that imports the test API, or null for globals. */
  readonly testApiImport: string | null;
  /** How to refer to the module under test from the test file, e.g. './math.js'. */
  readonly moduleSpecifier: string;
  readonly specifierStyle: SpecifierStyle;
  /** The conventions as lines for the prompt. */
  readonly text: string;
}

const JS_EXTENSION_OF: Readonly<Record<string, string>> = {
  '.ts': '.js', '.tsx': '.js', '.js': '.js', '.jsx': '.js', '.mts': '.mjs', '.mjs': '.mjs', '.cts': '.cjs', '.cjs': '.cjs',
};
const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;
const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\b(?:vi|jest)\.mock\s*\(\s*)['"](\.\.?\/[^'"]*)['"]/g;

export function testConventions(input: TestConventionsInput): TestConventions {
  const example = input.styleExample ?? '';
  const syntax = chooseSyntax(input, example);
  const usesGlobals = chooseGlobals(input.framework, example);
  const testApiImport = usesGlobals ? null : apiImportLine(input.framework, syntax);
  const specifierStyle = chooseSpecifierStyle(input, example, syntax);
  const moduleSpecifier = relativeSpecifier(input.testPath, input.modulePath, specifierStyle);
  const frameworkName = input.framework === 'vitest' ? 'Vitest' : 'Jest';
  const mockApi = input.framework === 'vitest' ? 'vi' : 'jest';
  const importExample =
    syntax === 'cjs' ? `const { … } = require('${moduleSpecifier}');` : `import { … } from '${moduleSpecifier}';`;
  const text = [
    `Framework: ${frameworkName}${input.frameworkVersion ? ` ${input.frameworkVersion}` : ''}, ${syntax === 'cjs' ? 'CommonJS (require)' : 'ES module syntax (import)'}.`,
    `Test file: ${input.testPath} (a new file; the module under test is ${input.modulePath}).`,
    testApiImport === null
      ? `The test API (describe, it, expect, ${mockApi}) is global: do not import it.`
      : `Import the test API with: ${testApiImport}`,
    `Import the module under test with: ${importExample}`,
    `Mocks, if needed, with ${mockApi}.fn() / ${mockApi}.spyOn(); restore them after each test.`,
  ].join('\n');
  return { framework: input.framework, syntax, usesGlobals, testApiImport, moduleSpecifier, specifierStyle, text };
}

function chooseSyntax(input: TestConventionsInput, example: string): 'esm' | 'cjs' {
  const extension = path.posix.extname(input.testPath);
  if (/^\.[cm]?tsx?$/.test(extension) || extension === '.mjs') return 'esm';
  const exampleImports = /^\s*import\s/m.test(example);
  const exampleRequires = /\brequire\s*\(\s*['"]/.test(example);
  if (exampleRequires && !exampleImports) return 'cjs';
  if (exampleImports) return 'esm';
  const commonJsContext = extension === '.cjs' || input.moduleType === 'commonjs';
  return commonJsContext && input.framework === 'jest' ? 'cjs' : 'esm';
}

function chooseGlobals(framework: Framework, example: string): boolean {
  if (framework === 'vitest') {
    if (example === '') return false;
    const importsVitest = /(?:from\s*|require\s*\(\s*)['"]vitest['"]/.test(example);
    const callsTestApi = /(?:^|[^.\w$])(?:describe|it|test)\s*\(/m.test(example);
    return callsTestApi && !importsVitest;
  }
  return !/(?:from\s*|require\s*\(\s*)['"]@jest\/globals['"]/.test(example);
}

function apiImportLine(framework: Framework, syntax: 'esm' | 'cjs'): string {
  const [names, from] = framework === 'vitest' ? ['describe, it, expect, vi', 'vitest'] : ['describe, it, expect, jest', '@jest/globals'];
  return syntax === 'cjs' ? `const { ${names} } = require('${from}');` : `import { ${names} } from '${from}';`;
}

function chooseSpecifierStyle(input: TestConventionsInput, example: string, syntax: 'esm' | 'cjs'): SpecifierStyle {
  if (/\.[cm][jt]s$/.test(input.modulePath)) return 'js-extension';
  const counts: Record<SpecifierStyle, number> = { 'js-extension': 0, 'ts-extension': 0, extensionless: 0 };
  for (const match of example.matchAll(RELATIVE_SPECIFIER)) {
    const specifier = match[1] ?? '';
    const extension = SCRIPT_EXTENSION.exec(specifier)?.[0];
    if (extension === undefined) {
      if (path.posix.extname(specifier) === '' || !/\.\w+$/.test(specifier)) counts.extensionless += 1;
    } else counts[/t/.test(extension) ? 'ts-extension' : 'js-extension'] += 1;
  }
  const best = (Object.entries(counts) as [SpecifierStyle, number][]).sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] > 0) return best[0];
  const isTypeScript = /\.[cm]?tsx?$/.test(input.modulePath);
  if (syntax === 'cjs') return 'extensionless';
  return input.moduleType === 'module' || !isTypeScript ? 'js-extension' : 'extensionless';
}

function relativeSpecifier(testPath: string, modulePath: string, style: SpecifierStyle): string {
  let relative = path.posix.relative(path.posix.dirname(testPath), modulePath);
  if (!relative.startsWith('../')) relative = `./${relative}`;
  const extension = path.posix.extname(relative);
  const stem = relative.slice(0, relative.length - extension.length);
  if (style === 'ts-extension') return relative;
  if (style === 'extensionless') return stem;
  return stem + (JS_EXTENSION_OF[extension] ?? extension);
}
