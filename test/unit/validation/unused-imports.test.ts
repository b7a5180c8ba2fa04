import { describe, expect, it } from 'vitest';
import { dropImportsLeftUnused } from '../../../src/validation/unused-imports.js';

const before = [
  "import { describe, expect, it } from 'vitest';",
  "import Queue, { wrap, Attempts, type Outcome } from '../src/attempt';",
  "import * as clock from '../src/clock';",
  "import { never } from '../src/never';",
  "import '../src/setup';",
  '',
  "describe('wrap', () => {",
  "  it('resolves', async () => {",
  '    const seen: Outcome<number> | null = null;',
  '    expect(await wrap(async () => 1)()).toEqual(seen ?? expect.anything());',
  '  });',
  "  it('uses the static method', () => {",
  '    expect(Attempts.wrap(async () => 1)).toBeInstanceOf(Function);',
  '    expect(new Queue()).toBeDefined();',
  '    expect(clock.now).toBeDefined();',
  '  });',
  '});',
  '',
].join('\n');

describe('dropImportsLeftUnused', () => {
  it('drops the names only the removed cases used, and an import left empty', () => {
    const after = before.replace(/  it\('uses the static method'[\s\S]*?\n  \}\);\n/, '');
    expect(after).not.toBe(before);
    const cleaned = dropImportsLeftUnused(before, after, 'test/attempt.spec.ts');
    expect(cleaned.split('\n').slice(0, 5)).toEqual([
      "import { describe, expect, it } from 'vitest';",
      "import { wrap, type Outcome } from '../src/attempt';",
      // Never used in the file: not ours to remove.
      "import { never } from '../src/never';",
      "import '../src/setup';",
      '',
    ]);
  });

  it("leaves the test API's import as written", () => {
    const after = before.replace(/  it\('uses the static method'[\s\S]*?\n  \}\);\n/, '').replace("  it('resolves', async () => {\n    const seen: Outcome<number> | null = null;\n    expect(await wrap(async () => 1)()).toEqual(seen ?? expect.anything());\n  });\n", '');
    const cleaned = dropImportsLeftUnused(before, after, 'test/attempt.spec.ts');
    expect(cleaned.split('\n')[0]).toBe("import { describe, expect, it } from 'vitest';");
    expect(cleaned).not.toContain('../src/attempt');
  });

  it('leaves the file as it is when nothing was cut', () => {
    expect(dropImportsLeftUnused(before, before, 'test/attempt.spec.ts')).toBe(before);
  });
});
