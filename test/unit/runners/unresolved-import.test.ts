import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPathMappings } from '../../../src/runners/tsconfig-paths.js';
import { explainUnresolvedImport, findUnresolvedImport, matchingMapping, type PathMapping } from '../../../src/runners/unresolved-import.js';

const appPaths: PathMapping[] = [{ pattern: '@app/*', targets: ['src/*'], declaredIn: 'tsconfig.json' }];

describe('findUnresolvedImport', () => {
  it("reads the specifier from Node's, Jest's, Vite's and Vitest's wording", () => {
    expect(findUnresolvedImport("Error: Cannot find package '@app/money' imported from /tmp/x/checkout/src/receipt.ts")).toEqual({
      specifier: '@app/money',
      importer: '/tmp/x/checkout/src/receipt.ts',
    });
    expect(findUnresolvedImport("Cannot find module '~/util' from 'src/a.ts'")).toEqual({ specifier: '~/util', importer: 'src/a.ts' });
    expect(findUnresolvedImport('Error: Failed to resolve import "@/lib/x" from "src/b.ts". Does the file exist?')).toEqual({ specifier: '@/lib/x', importer: 'src/b.ts' });
    expect(findUnresolvedImport('Error: Failed to load url lodash-es (resolved id: lodash-es) in /r/src/c.ts. Does the file exist?')).toEqual({
      specifier: 'lodash-es',
      importer: '/r/src/c.ts',
    });
    expect(findUnresolvedImport("Error: Cannot find module 'left-pad'\nRequire stack:")).toEqual({ specifier: 'left-pad', importer: null });
  });

  it('leaves relative and absolute imports and other errors alone', () => {
    expect(findUnresolvedImport("Cannot find module './money.js' from 'test/a.test.ts'")).toBeNull();
    expect(findUnresolvedImport("Cannot find module '/abs/x' imported from /r/a.ts")).toBeNull();
    expect(findUnresolvedImport("Cannot find package 'node:nope' imported from /r/a.ts")).toBeNull();
    expect(findUnresolvedImport('TypeError: x is not a function')).toBeNull();
  });
});

describe('matchingMapping', () => {
  it('matches a wildcard pattern and an exact one', () => {
    expect(matchingMapping(appPaths, '@app/money')?.star).toBe('money');
    expect(matchingMapping([{ pattern: 'config', targets: ['src/config.ts'], declaredIn: 'tsconfig.json' }], 'config')?.star).toBe('');
    expect(matchingMapping(appPaths, '@apps/money')).toBeNull();
  });
});

describe('explainUnresolvedImport', () => {
  const output = "Error: Cannot find package '@app/money' imported from /tmp/x/checkout/src/receipt.ts";

  it('tells a Vitest user to mirror the tsconfig paths in resolve.alias', () => {
    expect(explainUnresolvedImport('vitest', findUnresolvedImport(output)!, appPaths, 'src/receipt.ts')).toBe(
      'the tests cannot resolve the import "@app/money" (imported by src/receipt.ts): tsconfig.json maps "@app/*" to "src/*" through compilerOptions.paths, which vitest does not read; ' +
        "add resolve: { alias: { '@app': path.resolve(__dirname, 'src') } } to the Vitest config, or the vite-tsconfig-paths plugin",
    );
  });

  it('tells a Jest user the moduleNameMapper entry to add', () => {
    expect(explainUnresolvedImport('jest', findUnresolvedImport("Cannot find module '@app/money' from 'src/receipt.ts'")!, appPaths, 'src/receipt.ts')).toContain(
      "add moduleNameMapper: { '^@app/(.*)$': '<rootDir>/src/$1' } to the Jest config",
    );
  });

  it('says to install or map a specifier no mapping names', () => {
    expect(explainUnresolvedImport('vitest', findUnresolvedImport("Cannot find package 'left-pad' imported from /r/a.ts")!, appPaths, null)).toBe(
      'the tests cannot resolve the import "left-pad": install the package it names, or map it with resolve.alias in the Vitest config',
    );
  });
});

describe('readPathMappings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'testmaster-tsconfig-paths-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows a relative extends, resolves targets against baseUrl, and reads comments', async () => {
    mkdirSync(join(dir, 'packages', 'web'), { recursive: true });
    writeFileSync(join(dir, 'tsconfig.base.json'), '{\n  // shared\n  "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["packages/shared/src/*"], "bad": [1] }, },\n}\n');
    writeFileSync(join(dir, 'packages', 'web', 'tsconfig.json'), '{ "extends": "../../tsconfig.base", "compilerOptions": { "strict": true } }');
    expect(await readPathMappings(dir, join(dir, 'packages', 'web'))).toEqual([
      { pattern: '@shared/*', targets: ['../shared/src/*'], declaredIn: '../../tsconfig.base.json' },
    ]);
  });

  it('reads no tsconfig through a symlink out of the checkout', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'testmaster-tsconfig-outside-'));
    try {
      writeFileSync(join(outside, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@secret/*": ["x/*"] } } }');
      mkdirSync(join(dir, 'linked'));
      symlinkSync(join(outside, 'tsconfig.json'), join(dir, 'linked', 'tsconfig.json'));
      expect(await readPathMappings(dir, join(dir, 'linked'))).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('gives no mappings without a tsconfig or when extends leaves the checkout', async () => {
    expect(await readPathMappings(dir, join(dir, 'nowhere'))).toEqual([]);
    mkdirSync(join(dir, 'leaky'));
    writeFileSync(join(dir, 'leaky', 'tsconfig.json'), '{ "extends": "../../outside/tsconfig.json" }');
    expect(await readPathMappings(dir, join(dir, 'leaky'))).toEqual([]);
  });
});
