import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, TestRunnerError } from '../../../src/errors/errors.js';
import { detectPackage } from '../../../src/runners/detect.js';
import { makeFixtureRepo } from '../../helpers/fixture-repo.js';
import { toolchainModules } from '../../helpers/toolchains.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A checkout made of the given files (paths relative to it). */
async function checkout(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'testmaster-detect-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const manifest = (fields: Record<string, unknown>): string => JSON.stringify({ name: 'pkg', version: '1.0.0', ...fields });

describe('detectPackage on the fixtures', () => {
  it.each([
    ['vitest5', '5.1.1'],
    ['vitest3', '3.2.7'],
    ['vitest1', '1.6.1'],
  ] as const)('finds vitest %s and its entry in a TypeScript ESM library', async (toolchain, version) => {
    const repo = await makeFixtureRepo('vitest-ts', { toolchain });
    dirs.push(repo.dir);
    expect(await detectPackage(repo.dir, '')).toEqual({
      relDir: '',
      name: 'price-kit',
      framework: 'vitest',
      frameworkVersion: version,
      runnerEntry: join(repo.dir, 'node_modules/vitest/vitest.mjs'),
      packageManager: 'npm',
      moduleType: 'module',
    });
  });

  it.each([
    ['jest30', '30.5.2'],
    ['jest29', '29.7.0'],
  ] as const)('finds jest %s and its entry in a CommonJS package', async (toolchain, version) => {
    const repo = await makeFixtureRepo('jest-js', { toolchain });
    dirs.push(repo.dir);
    expect(await detectPackage(repo.dir, '')).toEqual({
      relDir: '',
      name: 'inventory-core',
      framework: 'jest',
      frameworkVersion: version,
      runnerEntry: join(repo.dir, 'node_modules/jest/bin/jest.js'),
      packageManager: 'npm',
      moduleType: 'commonjs',
    });
  });
});

describe('detectPackage signals', () => {
  it('says what to do when the listed framework is not installed', async () => {
    const dir = await checkout({ 'packages/x/package.json': manifest({ devDependencies: { vitest: '^3.0.0' } }) });
    await expect(detectPackage(dir, 'packages/x')).rejects.toThrow(
      new TestRunnerError(
        "vitest is listed in packages/x/package.json but not installed: run your package manager's install before testmaster",
      ),
    );
  });

  it('names the config file when only a config points to the framework', async () => {
    const dir = await checkout({ 'package.json': manifest({}), 'jest.config.js': 'module.exports = {};' });
    await expect(detectPackage(dir, '')).rejects.toThrow(/^jest is configured in the root package \(jest\.config\.js\) but not installed/);
  });

  it('finds the runner in a parent directory, as Node resolves it', async () => {
    const dir = await checkout({ 'packages/web/package.json': manifest({ devDependencies: { jest: '^29.0.0' } }) });
    await symlink(toolchainModules('jest29'), join(dir, 'node_modules'), 'dir');
    const pkg = await detectPackage(dir, 'packages/web');
    expect(pkg).toMatchObject({ framework: 'jest', frameworkVersion: '29.7.0', runnerEntry: join(dir, 'node_modules/jest/bin/jest.js') });
  });

  it('records the jest config file only the scripts name, when it exists in the checkout', async () => {
    const scripts = { lint: 'eslint src', test: 'yarn lint && jest --config test/jest.config.js' };
    const named = await checkout({
      'packages/di/package.json': manifest({ devDependencies: { jest: '^24.9.0' }, scripts }),
      'packages/di/test/jest.config.js': 'module.exports = { rootDir: ".." };',
    });
    await symlink(toolchainModules('jest29'), join(named, 'node_modules'), 'dir');
    expect((await detectPackage(named, 'packages/di')).runnerConfig).toBe('test/jest.config.js');

    const missing = await checkout({ 'package.json': manifest({ devDependencies: { jest: '^24.9.0' }, scripts }) });
    await symlink(toolchainModules('jest29'), join(missing, 'node_modules'), 'dir');
    expect(await detectPackage(missing, '')).not.toHaveProperty('runnerConfig');

    const elsewhere = await checkout({ 'jest.config.js': 'module.exports = {};' });
    const outside = await checkout({ 'package.json': manifest({ devDependencies: { jest: '^29.0.0' }, scripts: { test: `jest -c ${join(elsewhere, 'jest.config.js')}` } }) });
    await symlink(toolchainModules('jest29'), join(outside, 'node_modules'), 'dir');
    expect(await detectPackage(outside, '')).not.toHaveProperty('runnerConfig');
  });

  it("leaves Jest's own config alone unless the test script names another", async () => {
    const files = { 'jest.config.js': 'module.exports = {};', 'jest.e2e.config.js': 'module.exports = {};' };
    const own = await checkout({ ...files, 'package.json': manifest({ devDependencies: { jest: '^29.0.0' }, scripts: { test: 'jest', 'test:e2e': 'jest -c jest.e2e.config.js' } }) });
    await symlink(toolchainModules('jest29'), join(own, 'node_modules'), 'dir');
    expect(await detectPackage(own, '')).not.toHaveProperty('runnerConfig');

    const chosen = await checkout({ ...files, 'package.json': manifest({ devDependencies: { jest: '^29.0.0' }, scripts: { test: 'jest -c jest.e2e.config.js' } }) });
    await symlink(toolchainModules('jest29'), join(chosen, 'node_modules'), 'dir');
    expect((await detectPackage(chosen, '')).runnerConfig).toBe('jest.e2e.config.js');
  });

  it('prefers a config file over a dependency and breaks ties with the test script', async () => {
    const both = { devDependencies: { vitest: '^5.0.0', jest: '^30.0.0' } };
    const byConfig = await checkout({ 'package.json': manifest(both), 'vitest.config.mts': 'export default {};' });
    await symlink(toolchainModules('workspaces'), join(byConfig, 'node_modules'), 'dir');
    expect((await detectPackage(byConfig, '')).framework).toBe('vitest');

    const byScript = await checkout({ 'package.json': manifest({ ...both, scripts: { test: 'jest --ci' } }) });
    await symlink(toolchainModules('workspaces'), join(byScript, 'node_modules'), 'dir');
    expect((await detectPackage(byScript, '')).framework).toBe('jest');
  });

  it('refuses to guess between two frameworks with nothing to break the tie', async () => {
    const dir = await checkout({
      'package.json': manifest({ devDependencies: { vitest: '^5.0.0', jest: '^30.0.0' } }),
      'vitest.config.ts': 'export default {};',
      'jest.config.js': 'module.exports = {};',
    });
    const error = await detectPackage(dir, '').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      "the root package is set up for both vitest and jest (vitest: vitest.config.ts; jest: jest.config.js): set the framework for this package in testmaster's configuration",
    );
  });

  it('takes the installed framework over a jest.config.js left behind after a move to vitest, and says why', async () => {
    // Vitest declared and installed (the vitest5 toolchain has no jest); jest.config.js still there.
    const dir = await checkout({
      'package.json': manifest({ devDependencies: { vitest: '^5.0.0', '@vitest/coverage-v8': '^5.0.0' }, scripts: { test: 'vitest run' } }),
      'jest.config.js': "module.exports = { testEnvironment: 'node' };",
      'vitest.config.ts': 'export default {};',
    });
    await symlink(toolchainModules('vitest5'), join(dir, 'node_modules'), 'dir');
    const pkg = await detectPackage(dir, '');
    expect(pkg).toMatchObject({ framework: 'vitest', frameworkVersion: '5.1.1' });
    expect(pkg.frameworkNote).toBe(
      "the root package: using vitest (vitest.config.ts, listed in package.json, called by the test script, installed), not jest (jest.config.js, not installed); set framework in testmaster's configuration to choose otherwise",
    );
    // With only the leftover config and the dependency (no vitest config), the installed one still wins.
    const bare = await checkout({ 'package.json': manifest({ devDependencies: { vitest: '^5.0.0' } }), 'jest.config.js': 'module.exports = {};' });
    await symlink(toolchainModules('vitest5'), join(bare, 'node_modules'), 'dir');
    expect(await detectPackage(bare, '')).toMatchObject({ framework: 'vitest' });
  });

  it('says which of two installed frameworks it chose by the signals', async () => {
    const both = { devDependencies: { vitest: '^5.0.0', jest: '^30.0.0' } };
    const dir = await checkout({ 'package.json': manifest(both), 'vitest.config.mts': 'export default {};' });
    await symlink(toolchainModules('workspaces'), join(dir, 'node_modules'), 'dir');
    expect((await detectPackage(dir, '')).frameworkNote).toMatch(/^the root package: using vitest \(vitest\.config\.mts, listed in package\.json\) over jest \(listed in package\.json\)/);
  });

  it('uses the framework override instead of the signals', async () => {
    const dir = await checkout({
      'package.json': manifest({ devDependencies: { vitest: '^5.0.0', jest: '^30.0.0' } }),
      'vitest.config.ts': 'export default {};',
      'jest.config.js': 'module.exports = {};',
    });
    await symlink(toolchainModules('workspaces'), join(dir, 'node_modules'), 'dir');
    expect(await detectPackage(dir, '', { framework: 'jest' })).toMatchObject({ framework: 'jest', frameworkVersion: '30.5.2' });
    expect(await detectPackage(dir, '', { framework: 'vitest' })).toMatchObject({ framework: 'vitest', frameworkVersion: '5.1.1' });
  });

  it('counts a vite config only when it has a test section', async () => {
    const withTest = await checkout({
      'package.json': manifest({}),
      'vite.config.ts': "export default defineConfig({ plugins: [], test: { environment: 'jsdom' } });",
    });
    await expect(detectPackage(withTest, '')).rejects.toThrow(/^vitest is configured in the root package \(vite\.config\.ts\)/);
    const withoutTest = await checkout({ 'package.json': manifest({}), 'vite.config.ts': 'export default defineConfig({ plugins: [] });' });
    expect((await detectPackage(withoutTest, '')).framework).toBeNull();
  });

  it('reads the package manager from packageManager, then from lockfiles', async () => {
    const pnpm = await checkout({ 'package.json': manifest({}), 'pnpm-lock.yaml': 'lockfileVersion: 9.0\n' });
    expect((await detectPackage(pnpm, '')).packageManager).toBe('pnpm');
    const yarnMember = await checkout({
      'package.json': manifest({ packageManager: 'yarn@4.5.0', workspaces: ['packages/*'] }),
      'package-lock.json': '{}',
      'packages/a/package.json': manifest({ type: 'module' }),
    });
    expect(await detectPackage(yarnMember, 'packages/a')).toMatchObject({ packageManager: 'yarn', moduleType: 'module', framework: null });
    const bare = await checkout({ 'package.json': manifest({}) });
    expect((await detectPackage(bare, '')).packageManager).toBe('npm');
  });

  it('says which package.json is missing or broken', async () => {
    const dir = await checkout({ 'packages/bad/package.json': '{ "name": ' });
    await expect(detectPackage(dir, 'packages/bad')).rejects.toThrow(/^packages\/bad\/package\.json is not valid JSON/);
    await expect(detectPackage(dir, 'packages/none')).rejects.toThrow(
      new ConfigurationError('no readable packages/none/package.json: point testmaster at a package directory that has a package.json'),
    );
  });
});
