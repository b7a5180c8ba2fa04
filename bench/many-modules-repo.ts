/**
 * A generated Vitest TypeScript project as a real git repository in a temp directory, for the
 * generation benchmark: `count` modules src/mNN.ts, each a small pure function (gradeNN) whose head
 * version adds branches no test covers, plus one unrelated tested module (src/util.ts with
 * test/util.test.ts) so the suite passes and the prompt has a style example. node_modules is a
 * symlink to the vitest5 test toolchain, as in makeFixtureRepo.
 *
 * correctTestFile(n, specifier) is the test file a good model would write for module n: three cases, each
 * covering a changed line the others do not (so all three are kept).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolchainModules } from '../test/helpers/toolchains.js';

export interface ManyModulesRepo {
  readonly dir: string;
  readonly base: string;
  readonly modules: readonly string[];
  cleanup(): void;
}

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

export function moduleName(n: number): string {
  return `m${String(n).padStart(2, '0')}`;
}

/** The grade boundaries of module n (distinct per module so no two answers are alike). */
function thresholds(n: number): { a: number; b: number } {
  return { a: 80 + (n % 10), b: 50 + (n % 7) };
}

function baseSource(n: number): string {
  const { a } = thresholds(n);
  return [`/** Pass or fail for a score out of 100. */`, `export function grade${n}(score: number): string {`, `  return score >= ${a} ? 'pass' : 'fail';`, '}', ''].join('\n');
}

function headSource(n: number): string {
  const { a, b } = thresholds(n);
  return [
    `/** A, B or C for a score out of 100; a negative score is an error. */`,
    `export function grade${n}(score: number): string {`,
    '  if (score < 0) {',
    `    throw new RangeError(\`score must not be negative, got \${score}\`);`,
    '  }',
    `  if (score >= ${a}) {`,
    "    return 'A';",
    '  }',
    `  return score >= ${b} ? 'B' : 'C';`,
    '}',
    '',
  ].join('\n');
}

/** `moduleSpecifier`: how the test file imports the module (the prompt says, e.g. './m07.js'). */
export function correctTestFile(n: number, moduleSpecifier: string): string {
  const { a, b } = thresholds(n);
  return [
    "import { describe, expect, it } from 'vitest';",
    `import { grade${n} } from '${moduleSpecifier}';`,
    '',
    `describe('grade${n}', () => {`,
    "  it('rejects a negative score', () => {",
    `    expect(() => grade${n}(-1)).toThrow(RangeError);`,
    '  });',
    `  it('gives an A from ${a}', () => {`,
    `    expect(grade${n}(${a})).toBe('A');`,
    '  });',
    `  it('gives a B from ${b} and a C below', () => {`,
    `    expect(grade${n}(${b})).toBe('B');`,
    `    expect(grade${n}(${b - 1})).toBe('C');`,
    '  });',
    '});',
    '',
  ].join('\n');
}

const PACKAGE_JSON = JSON.stringify(
  { name: 'grades', version: '1.0.0', type: 'module', scripts: { test: 'vitest run' }, devDependencies: { '@vitest/coverage-v8': '^5.1.1', vitest: '^5.1.1' } },
  null,
  2,
);
const VITEST_CONFIG = "import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({\n  test: { environment: 'node', coverage: { include: ['src/**/*.ts'] } },\n});\n";
const UTIL = "/** Clamps a value into [low, high]. */\nexport function clamp(value: number, low: number, high: number): number {\n  return Math.min(high, Math.max(low, value));\n}\n";
const UTIL_TEST = "import { describe, expect, it } from 'vitest';\nimport { clamp } from '../src/util.js';\n\ndescribe('clamp', () => {\n  it('keeps a value inside the range', () => {\n    expect(clamp(5, 0, 10)).toBe(5);\n  });\n\n  it('raises a value below the range', () => {\n    expect(clamp(-3, 0, 10)).toBe(0);\n  });\n});\n";

export function makeManyModulesRepo(count: number): ManyModulesRepo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'testmaster-bench-modules-')));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  const git = (...args: string[]): string => execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env: GIT_ENV }).toString().trim();
  const numbers = Array.from({ length: count }, (_, n) => n);
  try {
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'test'));
    writeFileSync(join(dir, 'package.json'), `${PACKAGE_JSON}\n`);
    writeFileSync(join(dir, 'vitest.config.ts'), VITEST_CONFIG);
    writeFileSync(join(dir, '.gitignore'), 'node_modules\ncoverage/\n');
    writeFileSync(join(dir, 'src', 'util.ts'), UTIL);
    writeFileSync(join(dir, 'test', 'util.test.ts'), UTIL_TEST);
    for (const n of numbers) writeFileSync(join(dir, 'src', `${moduleName(n)}.ts`), baseSource(n));
    symlinkSync(toolchainModules('vitest5'), join(dir, 'node_modules'), 'dir');
    git('init', '--quiet', '--initial-branch=main');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    for (const n of numbers) writeFileSync(join(dir, 'src', `${moduleName(n)}.ts`), headSource(n));
    git('commit', '--quiet', '-am', 'head');
    return { dir, base, modules: numbers.map((n) => `src/${moduleName(n)}.ts`), cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
