import { describe, expect, it } from 'vitest';
import { diagnoseCrash } from '../../../src/runners/crash-diagnosis.js';

describe('diagnoseCrash', () => {
  it("names Vite 5's bundled config beside a read-only config and what to change", () => {
    const output = [
      'failed to load config from /tmp/run/checkout/vitest.config.ts',
      '',
      "⎯⎯⎯⎯ Startup Error ⎯⎯⎯⎯",
      "Error: EROFS: read-only file system, open '/tmp/run/checkout/vitest.config.ts.timestamp-1765112345678-9f3a1c2b.mjs'",
    ].join('\n');
    const said = diagnoseCrash('vitest', output);
    expect(said).toContain('writes the bundled vitest.config.ts beside it');
    expect(said).toContain('upgrade to Vitest 3 or later');
  });

  it('names any other write into the read-only repository', () => {
    const said = diagnoseCrash('jest', "Error: EACCES: permission denied, open '/work/repo/test/__snapshots__/a.snap'");
    expect(said).toBe(
      'it tried to write /work/repo/test/__snapshots__/a.snap, which the sandbox keeps read-only (only the run\'s output directories are writable): a test or setup that writes into the repository must write to a temporary directory instead',
    );
  });

  it('says nothing when the output holds no such cause', () => {
    expect(diagnoseCrash('vitest', 'SyntaxError: Unexpected token )')).toBeNull();
    expect(diagnoseCrash('jest', '')).toBeNull();
  });
});
