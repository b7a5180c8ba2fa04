import { describe, expect, it } from 'vitest';
import { isReexportOnly, noOwnCodeReason, REEXPORT_ONLY_REASON, TYPES_ONLY_REASON } from '../../../src/scope/reexport-only.js';

describe('isReexportOnly', () => {
  it('recognises a barrel of re-exports, passed-on imports and types', () => {
    expect(isReexportOnly('src/index.ts', "export * from './a.js';\nexport { b, c as d } from './b.js';\nexport type { T } from './t.js';\n")).toBe(true);
    expect(isReexportOnly('src/index.js', "'use strict';\nimport { a } from './a.js';\nexport { a };\n")).toBe(true);
    expect(isReexportOnly('src/index.ts', "export * as util from './util/index.js';\nexport interface Options { size: number }\ntype Id = string;\nexport type { Id };\n")).toBe(true);
  });
  it('does not call a module with code of its own a barrel', () => {
    expect(isReexportOnly('src/index.ts', "export * from './a.js';\nexport const VERSION = '1.0.0';\n")).toBe(false);
    expect(isReexportOnly('src/index.ts', "export { a } from './a.js';\nexport default function main() { return 1; }\n")).toBe(false);
    expect(isReexportOnly('src/index.ts', "import './polyfill.js';\nconsole.log('loaded');\n")).toBe(false);
    expect(isReexportOnly('src/empty.ts', '')).toBe(false);
    expect(isReexportOnly('src/types.ts', 'export interface A { a: number }\n')).toBe(false);
  });

  it('gives the reason a module has no code of its own: types only, or re-exports only', () => {
    const types = "import type { Base } from './base.js';\nexport interface Match<T> extends Base { value: T }\nexport type Pattern = string | RegExp;\ndeclare const brand: unique symbol;\nexport type { Base };\n";
    expect(noOwnCodeReason('src/types/Match.ts', types)).toBe(TYPES_ONLY_REASON);
    expect(noOwnCodeReason('src/index.ts', "export * from './a.js';\n")).toBe(REEXPORT_ONLY_REASON);
    expect(noOwnCodeReason('src/types.ts', 'export interface A { a: number }\nexport enum Kind { A, B }\n')).toBeNull();
    expect(noOwnCodeReason('src/types.ts', "import { helper } from './h.js';\nexport type A = ReturnType<typeof helper>;\n")).toBeNull();
    expect(noOwnCodeReason('src/empty.ts', '')).toBeNull();
  });
});
