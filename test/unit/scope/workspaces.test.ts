import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors/errors.js';
import { owningPackage } from '../../../src/scope/owning-package.js';
import { detectPackageManager } from '../../../src/scope/package-manager.js';
import { discoverPackages, manifestWorkspaceGlobs } from '../../../src/scope/workspaces.js';
import { makeTempDir, removeTempDirs } from '../git/git-fixture.js';

afterAll(removeTempDirs);

function tree(files: Record<string, string>): string {
  const root = makeTempDir('tm-ws-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

const pkg = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ name, ...extra });

describe('discoverPackages', () => {
  it('a single package: the root only, npm by default', async () => {
    const root = tree({ 'package.json': pkg('solo'), 'src/a.ts': '' });
    const ws = await discoverPackages(root);
    expect(ws.packages).toEqual([{ relDir: '', name: 'solo' }]);
    expect(ws.packageDirs).toEqual(['']);
    expect(ws.workspaceSource).toBeNull();
    expect([ws.packageManager, ws.packageManagerSource]).toEqual(['npm', 'default']);
    expect(ws.owningPackage('src/a.ts')).toBe('');
  });

  it('npm workspaces array with globs, negation, and node_modules skipped', async () => {
    const root = tree({
      'package.json': pkg('root', { workspaces: ['packages/*', './apps/web/', '!packages/ignored'] }),
      'package-lock.json': '{}',
      'packages/a/package.json': pkg('@x/a'),
      'packages/b/package.json': '{ not json',
      'packages/ignored/package.json': pkg('ignored'),
      'packages/no-manifest/src/x.ts': '',
      'packages/a/node_modules/dep/package.json': pkg('dep'),
      'apps/web/package.json': pkg('web'),
      'apps/other/package.json': pkg('other'),
    });
    const ws = await discoverPackages(root);
    expect(ws.packages).toEqual([
      { relDir: '', name: 'root' },
      { relDir: 'apps/web', name: 'web' },
      { relDir: 'packages/a', name: '@x/a' },
      { relDir: 'packages/b', name: null },
    ]);
    expect(ws.workspaceSource).toBe('package.json');
    expect([ws.packageManager, ws.packageManagerSource]).toEqual(['npm', 'package-lock.json']);
    expect(ws.owningPackage('packages/a/src/deep/x.ts')).toBe('packages/a');
    expect(ws.owningPackage('packages/ab/x.ts')).toBe('');
    expect(ws.owningPackage('apps/other/x.ts')).toBe('');
  });

  it('yarn workspaces object form with a ** glob', async () => {
    const root = tree({
      'package.json': pkg('root', { workspaces: { packages: ['libs/**'], nohoist: ['**/x'] } }),
      'yarn.lock': '',
      'libs/one/package.json': pkg('one'),
      'libs/group/two/package.json': pkg('two'),
      'libs/group/two/fixtures/package.json': pkg('nested'),
    });
    const ws = await discoverPackages(root);
    expect(ws.packageDirs).toEqual(['', 'libs/group/two', 'libs/group/two/fixtures', 'libs/one']);
    expect(ws.packageManager).toBe('yarn');
    expect(ws.owningPackage('libs/group/two/fixtures/index.js')).toBe('libs/group/two/fixtures');
    expect(ws.owningPackage('libs/group/two/src/index.js')).toBe('libs/group/two');
  });

  it('pnpm-workspace.yaml takes precedence and sets pnpm', async () => {
    const root = tree({
      'package.json': pkg('root', { workspaces: ['ignored/*'] }),
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - '!**/test/**'\n",
      'packages/p/package.json': pkg('p'),
      'packages/test/package.json': pkg('t'),
      'ignored/i/package.json': pkg('i'),
    });
    const ws = await discoverPackages(root);
    expect(ws.packageDirs).toEqual(['', 'packages/p']);
    expect(ws.workspaceSource).toBe('pnpm-workspace.yaml');
    expect([ws.packageManager, ws.packageManagerSource]).toEqual(['pnpm', 'pnpm-workspace.yaml']);
  });

  it('does not follow symlinked directories', async () => {
    const root = tree({ 'package.json': pkg('root', { workspaces: ['packages/*'] }), 'real/package.json': pkg('real') });
    mkdirSync(path.join(root, 'packages'));
    symlinkSync(path.join(root, 'real'), path.join(root, 'packages', 'link'), 'dir');
    expect((await discoverPackages(root)).packageDirs).toEqual(['']);
  });

  it('reports a broken root manifest or workspace file with what to fix', async () => {
    await expect(discoverPackages(tree({ 'package.json': '{' }))).rejects.toThrow(/package\.json is not valid JSON .*; fix the file and retry/);
    const bad = tree({ 'package.json': pkg('r'), 'pnpm-workspace.yaml': 'packages: [\n' });
    await expect(discoverPackages(bad)).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('works without any package.json', async () => {
    const ws = await discoverPackages(tree({ 'a.js': '' }));
    expect(ws.packages).toEqual([]);
    expect(ws.owningPackage('a.js')).toBe('');
  });
});

describe('manifestWorkspaceGlobs', () => {
  it('reads both forms and ignores junk', () => {
    expect(manifestWorkspaceGlobs({ workspaces: ['a/*', 3] })).toEqual(['a/*']);
    expect(manifestWorkspaceGlobs({ workspaces: { packages: ['b/*'] } })).toEqual(['b/*']);
    expect(manifestWorkspaceGlobs({ workspaces: 'c' })).toEqual([]);
    expect(manifestWorkspaceGlobs(null)).toEqual([]);
  });
});

describe('detectPackageManager', () => {
  it('prefers the packageManager field, then lockfiles in order', () => {
    expect(detectPackageManager('pnpm@9.1.0+sha512.abc', new Set(['yarn.lock']))).toEqual({ packageManager: 'pnpm', source: 'packageManager field' });
    expect(detectPackageManager('unknown@1', new Set(['bun.lockb']))).toEqual({ packageManager: 'bun', source: 'bun.lockb' });
    expect(detectPackageManager(undefined, new Set(['bun.lock', 'package-lock.json']))).toEqual({ packageManager: 'bun', source: 'bun.lock' });
    expect(detectPackageManager(undefined, new Set(['pnpm-lock.yaml', 'package-lock.json'])).packageManager).toBe('pnpm');
    expect(detectPackageManager(42, new Set())).toEqual({ packageManager: 'npm', source: 'default' });
  });
});

describe('owningPackage', () => {
  it('picks the deepest containing directory, by whole segments', () => {
    const dirs = ['', 'packages/a', 'packages/a/nested', 'packages/abc'];
    expect(owningPackage(dirs, 'packages/a/nested/x.ts')).toBe('packages/a/nested');
    expect(owningPackage(dirs, 'packages/abc/x.ts')).toBe('packages/abc');
    expect(owningPackage(dirs, 'packages/a/x.ts')).toBe('packages/a');
    expect(owningPackage(dirs, 'other.ts')).toBe('');
  });
});
