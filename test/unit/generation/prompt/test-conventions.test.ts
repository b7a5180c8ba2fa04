import { describe, expect, it } from 'vitest';
import { testConventions, type TestConventionsInput } from '../../../../src/generation/prompt/test-conventions.js';
import { EXISTING_TEST } from './fixtures.js';

const base: TestConventionsInput = {
  framework: 'vitest',
  frameworkVersion: '5.1.1',
  moduleType: 'module',
  modulePath: 'src/cart.ts',
  testPath: 'src/cart.testmaster.test.ts',
  styleExample: null,
};

describe('testConventions', () => {
  it('vitest ESM TypeScript under NodeNext: imports the API and the module with .js', () => {
    const conventions = testConventions({ ...base, styleExample: EXISTING_TEST });
    expect(conventions.testApiImport).toBe("import { describe, it, expect, vi } from 'vitest';");
    expect(conventions.moduleSpecifier).toBe('./cart.js');
    expect(conventions.usesGlobals).toBe(false);
    expect(conventions.text).toContain("Import the module under test with: import { … } from './cart.js';");
    expect(conventions.text).toContain('Vitest 5.1.1');
  });

  it('follows an example with extensionless specifiers and vitest globals', () => {
    const example = "import { add } from '../src/math';\n\ndescribe('add', () => {\n  it('adds', () => expect(add(1, 2)).toBe(3));\n});\n";
    const conventions = testConventions({ ...base, testPath: 'test/cart.test.ts', styleExample: example });
    expect(conventions.usesGlobals).toBe(true);
    expect(conventions.testApiImport).toBeNull();
    expect(conventions.moduleSpecifier).toBe('../src/cart');
    expect(conventions.text).toContain('is global: do not import it');
  });

  it('defaults to extensionless for TypeScript in a CommonJS package, and .js for ESM without an example', () => {
    expect(testConventions({ ...base, moduleType: 'commonjs' }).moduleSpecifier).toBe('./cart');
    expect(testConventions(base).moduleSpecifier).toBe('./cart.js');
    expect(testConventions({ ...base, modulePath: 'src/cart.mts', testPath: 'src/cart.test.mts' }).moduleSpecifier).toBe('./cart.mjs');
  });

  it('jest on CommonJS JavaScript: globals and require', () => {
    const conventions = testConventions({
      ...base,
      framework: 'jest',
      frameworkVersion: '30.0.0',
      moduleType: 'commonjs',
      modulePath: 'lib/cart.js',
      testPath: 'lib/__tests__/cart.testmaster.test.js',
    });
    expect(conventions.syntax).toBe('cjs');
    expect(conventions.usesGlobals).toBe(true);
    expect(conventions.moduleSpecifier).toBe('../cart');
    expect(conventions.text).toContain("const { … } = require('../cart');");
    expect(conventions.text).toContain('jest.fn()');
  });

  it('jest with an example importing @jest/globals imports it too', () => {
    const example = "import { describe, it, expect } from '@jest/globals';\nimport { total } from './cart.js';\n";
    const conventions = testConventions({ ...base, framework: 'jest', styleExample: example });
    expect(conventions.usesGlobals).toBe(false);
    expect(conventions.testApiImport).toBe("import { describe, it, expect, jest } from '@jest/globals';");
    expect(conventions.moduleSpecifier).toBe('./cart.js');
  });

  it('follows an example that writes .ts specifiers', () => {
    const example = "import { test, expect } from 'vitest';\nimport { x } from './other.ts';\n";
    expect(testConventions({ ...base, styleExample: example }).moduleSpecifier).toBe('./cart.ts');
  });
});
