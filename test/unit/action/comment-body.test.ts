import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commentShrinker, composeComment, STICKY_MARKER, type CommentContent } from '../../../src/action/comment-body.js';
import { proposalFromReport } from '../../../src/action/proposal-from-report.js';
import { decodeProposal, PROPOSAL_PREFIX } from '../../../src/github/apply/proposal-payload.js';
import { utf8Length } from '../../../src/report/text-size.js';
import type { ProposedFile, RunReport } from '../../../src/report/types.js';
import { keptCase, proposedFile } from '../report/generation-fixtures.js';
import { c, HEAD_SHA, makeReport, measuredFile, metrics, patch } from '../report/report-fixtures.js';

const LIMIT = 65_536;
const RUN_URL = 'https://github.com/acme/widgets/actions/runs/99';

function testFile(index: number, content: string): ProposedFile {
  return proposedFile(`src/m${index}.test.ts`, `src/m${index}.ts`, content, [keptCase(`case ${index}`, [1, 2])]);
}

function report(files: ProposedFile[], rows = 1): RunReport {
  const measured = Array.from({ length: rows }, (_, i) => measuredFile(`src/m${i}.ts`, { base: metrics(c(5, 10)), head: metrics(c(6, 10)), patch: patch(1, 3, [4, 5]) }));
  return makeReport(measured, { proposedFiles: files, provider: 'offline', proposedPatch: patch(3, 3) });
}

function content(r: RunReport, extra: Partial<CommentContent> = {}): CommentContent {
  const { proposal, leftOut } = proposalFromReport(r, []);
  return { report: r, secrets: [], repoUrl: 'https://github.com/acme/widgets', runUrl: RUN_URL, outcome: proposal ? { kind: 'proposed' } : null, proposal, leftOut, ...extra };
}

/** Incompressible text, so the payload is as large as the files. */
const noise = (bytes: number): string => `// ${randomBytes(bytes).toString('base64')}\n`;

const fits = (body: string): boolean => body.length <= LIMIT && utf8Length(body) <= LIMIT;

describe('composeComment', () => {
  it('puts the marker first, then the report, how to apply, the commits and the run, then the payload of the exact files', () => {
    const r = report([testFile(1, "test('one', () => expect(1).toBe(1));\n")]);
    const body = composeComment(content(r));
    expect(body.startsWith(`${STICKY_MARKER}\n<!-- testmaster:report -->\n### TestMaster coverage`)).toBe(true);
    const order = ['#### Applying the tests', '`/testmaster apply`', `Compared \`1111111\` (merge base) with \`2222222\` · [workflow run](${RUN_URL})`, PROPOSAL_PREFIX].map((part) => body.indexOf(part));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const decoded = decodeProposal(body);
    expect(decoded.ok && decoded.proposal).toEqual({ headSha: HEAD_SHA, files: [{ path: 'src/m1.test.ts', forFile: 'src/m1.ts', content: r.proposedFiles![0]!.content, sha256: r.proposedFiles![0]!.sha256 }] });
  });

  it('has no apply section and no payload when nothing is proposed', () => {
    const body = composeComment(content(report([])));
    expect(body).not.toContain('Applying the tests');
    expect(body).not.toContain(PROPOSAL_PREFIX);
    expect(body).toContain('(merge base)');
  });

  it('drops file bodies (pointing to the job summary and the artifact) before the payload, and stays within the limit', () => {
    // Four files of ~9 KB of noise: the payload (~36 KB) fits only when the bodies leave the report.
    const r = report([1, 2, 3, 4].map((i) => testFile(i, noise(6_500))));
    const body = composeComment(content(r));
    expect(fits(body)).toBe(true);
    expect(decodeProposal(body).ok).toBe(true);
    expect(body).toContain(`File body left out to stay within GitHub's comment limit: see the job summary of [this workflow run](${RUN_URL}) or its \`testmaster\` artifact.`);
    expect(body).toContain('`/testmaster apply`');
  });

  it('leaves the payload out, saying so, when it cannot fit; never over 65,536 characters or bytes', () => {
    const r = report([1, 2, 3, 4, 5, 6, 7].map((i) => testFile(i, noise(9_000))), 400);
    const body = composeComment(content(r));
    expect(fits(body)).toBe(true);
    expect(body).not.toContain(PROPOSAL_PREFIX);
    expect(body).toContain('too large to carry in this comment, so `/testmaster apply` cannot commit them');
    expect(body).toContain('### TestMaster coverage');
  });

  it('counts bytes too: a report of multi-byte text stays within 65,536 bytes', () => {
    const wide = report([1, 2, 3].map((i) => testFile(i, `// ${'€'.repeat(12_000)}\n`)), 200);
    const body = composeComment(content(wide));
    expect(fits(body)).toBe(true);
  });

  it('redacts secrets everywhere but the payload (which never holds a file with one)', () => {
    const secret = 'sk-live-0123456789abcdefXYZ';
    const r = report([testFile(1, "test('x', () => {});\n")], 1);
    const named = { ...r, files: r.files.map((file) => ({ ...file, path: `src/${secret}.ts` })) };
    const body = composeComment(content(named, { secrets: [secret] }));
    expect(body).not.toContain(secret);
    expect(body).toContain('[REDACTED]');
  });

  it('says how the tests were applied in commit and pull-request modes', () => {
    const r = report([testFile(1, "test('x', () => {});\n")]);
    const committed = composeComment(content(r, { outcome: { kind: 'committed', branch: 'feature', sha: 'c'.repeat(40), url: 'https://x/commit/c' } }));
    expect(committed).toContain('Committed the proposed test file to `feature` in [ccccccc](https://x/commit/c).');
    const moved = composeComment(content(r, { outcome: { kind: 'head-moved', branch: 'feature', actual: 'd'.repeat(40) } }));
    expect(moved).toContain('Not committed: `feature` moved since `2222222` (it is now at `ddddddd`), and TestMaster never force-pushes.');
    const opened = composeComment(content(r, { outcome: { kind: 'pull-request', action: 'opened', number: 8, url: 'https://x/pull/8', branch: 'feature', patchBranch: 'testmaster/pr-3' } }));
    expect(opened).toContain('The proposed test file is in #8 ([opened](https://x/pull/8)), from `testmaster/pr-3` into `feature`');
  });
});

describe('commentShrinker', () => {
  it('returns ever shorter bodies within the limit, the payload going first, then file bodies and rows', () => {
    const r = report([1, 2].map((i) => testFile(i, noise(3_000))), 300);
    const c0 = content(r);
    const shrink = commentShrinker(c0);
    const full = composeComment(c0);
    expect(full).toContain(PROPOSAL_PREFIX);
    const first = shrink(full);
    expect(first.length).toBeLessThan(full.length);
    expect(first).not.toContain(PROPOSAL_PREFIX);
    expect(first.startsWith(STICKY_MARKER)).toBe(true);
    const second = shrink(first);
    expect(second.length).toBeLessThan(first.length);
    expect(second).toMatch(/Left out to stay within [\d,]+ characters/);
    for (const body of [first, second]) expect(fits(body)).toBe(true);
  });
});
