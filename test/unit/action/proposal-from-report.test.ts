import { describe, expect, it } from 'vitest';
import { proposalFromReport } from '../../../src/action/proposal-from-report.js';
import { contentSha256 } from '../../../src/github/apply/proposal-payload.js';
import { keptCase, proposedFile } from '../report/generation-fixtures.js';
import { HEAD_SHA, makeReport } from '../report/report-fixtures.js';

const good = proposedFile('src/a.test.ts', 'src/a.ts', "import { a } from './a.js';\ntest('a', () => expect(a()).toBe(1));\n", [keptCase('a', [1])]);

describe('proposalFromReport', () => {
  it('carries the kept files for the report head, with their SHA-256 recomputed', () => {
    const { proposal, leftOut } = proposalFromReport(makeReport([], { proposedFiles: [{ ...good, sha256: 'not-trusted' }] }), []);
    expect(leftOut).toEqual([]);
    expect(proposal).toEqual({ headSha: HEAD_SHA, files: [{ path: good.path, forFile: good.forFile, content: good.content, sha256: contentSha256(good.content) }] });
  });

  it('leaves out a file holding a known secret or a token shape, and a file with a refused path, saying why', () => {
    const secret = proposedFile('src/b.test.ts', 'src/b.ts', "const key = 'my-model-key-123';\n", []);
    const token = proposedFile('src/c.test.ts', 'src/c.ts', `const t = 'ghp_${'x'.repeat(36)}';\n`, []);
    const outside = proposedFile('.github/workflows/x.test.ts', 'src/x.ts', 'test();\n', []);
    const { proposal, leftOut } = proposalFromReport(makeReport([], { proposedFiles: [good, secret, token, outside] }), ['my-model-key-123']);
    expect(proposal?.files.map((file) => file.path)).toEqual(['src/a.test.ts']);
    expect(leftOut).toHaveLength(3);
    expect(leftOut[0]).toMatch(/^src\/b\.test\.ts: it contains a secret/);
    expect(leftOut[1]).toMatch(/^src\/c\.test\.ts: it contains a secret/);
    expect(leftOut[2]).toMatch(/^\.github\/workflows\/x\.test\.ts: /);
  });

  it('proposes nothing when nothing was kept', () => {
    expect(proposalFromReport(makeReport([]), [])).toEqual({ proposal: null, leftOut: [] });
  });
});
