import { describe, expect, it } from 'vitest';
import { commandsOf, jestConfigFromScripts } from '../../../src/runners/script-config.js';

describe('jestConfigFromScripts', () => {
  it('finds the config the test script passes to jest after another command', () => {
    // tsyringe: "test": "yarn lint && jest --config test/jest.config.js"
    expect(jestConfigFromScripts({ lint: 'eslint src', test: 'yarn lint && jest --config test/jest.config.js' })).toEqual({
      script: 'test',
      config: 'test/jest.config.js',
    });
  });

  it.each([
    ['jest -c ./config/jest.unit.js --runInBand', 'config/jest.unit.js'],
    ['cross-env TZ=UTC jest --config=jest/unit.config.cjs', 'jest/unit.config.cjs'],
    ['node --inspect ./node_modules/jest/bin/jest.js --config "test/jest config.js"', 'test/jest config.js'],
    ['npx jest --ci --config test/jest.config.json; echo done', 'test/jest.config.json'],
  ])('reads %s', (script, config) => {
    expect(jestConfigFromScripts({ test: script })?.config).toBe(config);
  });

  it('prefers the test script, then test:* scripts, then the others', () => {
    const scripts = {
      'a-coverage': 'jest --config a.config.js',
      'test:coverage': 'jest --config coverage.config.js --coverage',
      test: 'jest --config unit.config.js',
    };
    expect(jestConfigFromScripts(scripts)).toEqual({ script: 'test', config: 'unit.config.js' });
    const { test: _, ...others } = scripts;
    expect(jestConfigFromScripts(others)).toEqual({ script: 'test:coverage', config: 'coverage.config.js' });
  });

  it("stops at a test script that runs jest with Jest's own config", () => {
    // immer: the build's tests run with another config, after the main run
    const scripts = { test: 'jest && yarn test:build && yarn test:flow', 'test:build': "NODE_ENV='production' yarn jest --config jest.config.build.js" };
    expect(jestConfigFromScripts(scripts)).toBeNull();
    expect(jestConfigFromScripts({ test: 'yarn test:build', 'test:build': scripts['test:build'] })).toEqual({ script: 'test:build', config: 'jest.config.build.js' });
  });

  it('passes over an inline JSON config, a --config of another command, and scripts that name none', () => {
    expect(jestConfigFromScripts({ test: `jest --config '{"testEnvironment":"node"}'` })).toBeNull();
    expect(jestConfigFromScripts({ test: 'tsc -p tsconfig.json --config x.js && jest' })).toBeNull();
    expect(jestConfigFromScripts({ test: 'jest --coverage', build: 'rollup -c rollup.config.js' })).toBeNull();
    expect(jestConfigFromScripts({ test: 42 })).toBeNull();
  });
});

describe('commandsOf', () => {
  it('splits on && || ; and |, keeping quoted words whole', () => {
    expect(commandsOf(`a 'b c' && d || e; f | g "h;i"`)).toEqual([['a', 'b c'], ['d'], ['e'], ['f'], ['g', 'h;i']]);
  });
});
