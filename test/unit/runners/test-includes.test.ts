import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jestRules, readTestIncludes, runnerCollects, vitestRules, type TestIncludeRules } from '../../../src/runners/test-includes.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function packageWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'testmaster-includes-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const collects = (rules: TestIncludeRules | null, path: string): boolean => runnerCollects(rules!, path);

describe('vitest include', () => {
  it('reads test.include from the config, not coverage.include', () => {
    const rules = vitestRules(`export default defineConfig({ test: { include: ['test/**/*.test.ts'], coverage: { include: ['src/**'] } } });`);
    expect(rules).toEqual({ framework: 'vitest', include: ['test/**/*.test.ts'] });
    expect(collects(rules, 'test/util/x.testmaster.test.ts')).toBe(true);
    expect(collects(rules, 'src/util/x.testmaster.test.ts')).toBe(false);
  });
  it('uses the default include when the config sets none', () => {
    const rules = vitestRules(`export default { test: { environment: 'node' } };`);
    expect(collects(rules, 'src/x.testmaster.test.ts')).toBe(true);
    expect(collects(rules, 'src/__tests__/x.ts')).toBe(false);
  });
  it('does not guess when the include is computed or the config has projects', () => {
    expect(vitestRules(`const include = ['a']; export default { test: { include } };`)).toBeNull();
    expect(vitestRules(`export default { test: { include: [...base, 'x'] } };`)).toBeNull();
    expect(vitestRules(`export default { test: { projects: ['packages/*'] } };`)).toBeNull();
  });
});

describe('jest testMatch, testRegex and roots', () => {
  it('applies the defaults: __tests__ directories and .test/.spec names', () => {
    const rules = jestRules(new Map());
    expect(collects(rules, '__tests__/reorder.testmaster.test.js')).toBe(true);
    expect(collects(rules, 'src/reorder.testmaster.spec.js')).toBe(true);
    expect(collects(rules, 'src/reorder.js')).toBe(false);
  });
  it('keeps a test outside the roots out', async () => {
    const dir = await packageWith({ 'jest.config.js': "module.exports = { testEnvironment: 'node', roots: ['<rootDir>/test'] };" });
    const rules = await readTestIncludes(dir, 'jest', {});
    expect(collects(rules, 'test/util/x.testmaster.test.ts')).toBe(true);
    expect(collects(rules, 'src/util/x.testmaster.test.ts')).toBe(false);
  });
  it('reads testMatch from package.json "jest" and testRegex from jest.config.json', async () => {
    const fromManifest = await readTestIncludes(await packageWith({}), 'jest', { jest: { testMatch: ['<rootDir>/spec/**/*.spec.js'] } });
    expect(collects(fromManifest, 'spec/a.testmaster.spec.js')).toBe(true);
    expect(collects(fromManifest, 'spec/a.testmaster.test.js')).toBe(false);
    const fromJson = await readTestIncludes(await packageWith({ 'jest.config.json': JSON.stringify({ testRegex: '\\.check\\.js$' }) }), 'jest', {});
    expect(collects(fromJson, 'src/a.check.js')).toBe(true);
    expect(collects(fromJson, 'src/a.testmaster.test.js')).toBe(false);
  });
  it('does not guess when a setting is computed or the config has projects', async () => {
    expect(await readTestIncludes(await packageWith({ 'jest.config.js': 'module.exports = { roots: dirs };' }), 'jest', {})).toBeNull();
    expect(await readTestIncludes(await packageWith({}), 'jest', { jest: { projects: ['a'] } })).toBeNull();
  });
});
