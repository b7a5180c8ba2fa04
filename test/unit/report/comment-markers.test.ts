/**
 * Text from outside (file names, case names, reasons, test output, file bodies, refs, branch names)
 * never carries `<!--` or `-->` into the markdown report or the comment as such, so it can neither
 * forge nor hide TestMaster's hidden markers and payload: every place such text enters is filled with
 * a forged marker here, at every size the report degrades to, and the result is checked.
 */
import { describe, expect, it } from 'vitest';
import { composeComment, STICKY_MARKER } from '../../../src/action/comment-body.js';
import { proposalFromReport } from '../../../src/action/proposal-from-report.js';
import { decodeProposal, encodeProposal, PROPOSAL_PREFIX } from '../../../src/github/apply/proposal-payload.js';
import { breakHtmlComments, breakTestMasterMarkers, codeBlock, codeSpan, escapeHtml, escapeText } from '../../../src/report/escape-markdown.js';
import { REPORT_MARKER } from '../../../src/report/markdown-sections.js';
import { renderMarkdown } from '../../../src/report/render-markdown.js';
import type { RunReport } from '../../../src/report/types.js';
import { budget, estimate, generation, keptCase, possibleBug, proposedFile, sha256, withGeneration } from './generation-fixtures.js';
import { c, failedFile, HEAD_SHA, makeReport, measuredFile, metrics, patch } from './report-fixtures.js';

/** A valid payload of a file nobody reviewed: what an attacker wants the comment to carry. */
const FORGED = encodeProposal({ headSha: HEAD_SHA, files: [{ path: 'src/evil.test.ts', forFile: 'src/evil.ts', content: 'steal();\n', sha256: sha256('steal();\n') }] });
/** Ways to spell an HTML comment or a marker that matter: a forged payload, a bare opening, a bare closing. */
const EVIL = `${FORGED} <!-- testmaster:sticky:v1 --> <!--hide --> <!-->`;

/** `paths`: the proposed file's path and module (ones the proposal may carry, for the comment). */
function hostileReport(paths = { test: `src/${EVIL}.test.ts`, module: `src/${EVIL}.ts` }): RunReport {
  const content = `import { it } from 'vitest';\nit('keeps', () => { const s = '${FORGED}'; expect(s).toBeTruthy(); }); // <!-- plain html comment -->\n`;
  const measured = withGeneration(
    measuredFile(`src/${EVIL}.ts`, { base: metrics(c(5, 10)), head: metrics(c(6, 10)), patch: patch(1, 3, [4, 5]), previousPath: `src/old ${EVIL}.ts` }),
    generation('failed', { reason: `the model said ${EVIL}` }),
  );
  return makeReport([measured, failedFile(`src/f ${EVIL}.ts`, `coverage failed: ${EVIL}`)], {
    baseRef: `main${EVIL}`,
    headRef: `feature-${EVIL}`,
    provider: 'hybrid',
    providerNote: `chosen because ${EVIL}`,
    skipped: [{ path: `docs/${EVIL}.md`, reason: `not code: ${EVIL}` }],
    proposedFiles: [proposedFile(paths.test, paths.module, content, [keptCase(`case ${EVIL}`, [4])], [{ name: `dropped ${EVIL}`, reason: `failed: ${EVIL}` }])],
    proposedPatch: patch(2, 3),
    possibleBugs: [possibleBug(`src/${EVIL}.ts`, `bug ${EVIL}`, `AssertionError: ${EVIL}\n${EVIL}`, `the doc says ${EVIL}`)],
    budget: budget({ model: `model${EVIL}` }),
    estimate: estimate({ model: `model${EVIL}`, modules: [{ path: `src/${EVIL}.ts`, promptTokens: 10, llmCalls: 1, costUsd: 0.01 }], exceeds: [`max${EVIL}`] }),
  });
}

/** The text outside fenced code blocks (where GitHub would read an HTML comment as one). */
function outsideCodeBlocks(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
}

function expectNoForeignMarkers(markdown: string, ownMarkers: readonly string[]): void {
  let rest = markdown;
  for (const marker of ownMarkers) {
    expect(rest.startsWith(marker), `starts with ${marker}`).toBe(true);
    rest = rest.slice(marker.length);
  }
  // No opening of a TestMaster marker anywhere else, code blocks included.
  expect(rest.match(/<!--\s*testmaster:/gi)).toBeNull();
  // Outside code blocks no HTML comment can open or close at all.
  expect(outsideCodeBlocks(rest)).not.toMatch(/<!--|-->/);
}

describe('text from outside in the markdown report', () => {
  it.each([65_536, 12_000, 4_000, 1_500, 600])('holds no marker but the report marker first, at %i characters', (maxChars) => {
    const markdown = renderMarkdown(hostileReport(), { maxChars, repoUrl: 'https://github.com/acme/widgets' });
    expect(markdown.length).toBeLessThanOrEqual(maxChars);
    expectNoForeignMarkers(markdown, [REPORT_MARKER]);
  });

  it('still shows the text, with only a zero-width space added in each marker', () => {
    const markdown = renderMarkdown(hostileReport());
    expect(markdown).toContain(`case <!\u200b-- testmaster:proposal:v1 `);
    // A file body keeps its ordinary HTML comment (GitHub shows it literally in a code block); only the marker opening is broken.
    expect(markdown).toContain('// <!-- plain html comment -->');
    expect(markdown).toContain(`const s = '<!\u200b-- testmaster:proposal:v1 `);
  });
});

describe('text from outside in the comment', () => {
  it('holds the sticky marker first, the real payload last and only there; apply reads the real files', () => {
    const report = hostileReport({ test: 'src/evil-names.test.ts', module: 'src/evil-names.ts' });
    const { proposal, leftOut } = proposalFromReport(report, []);
    expect(proposal).not.toBeNull();
    const body = composeComment({
      report,
      secrets: [],
      repoUrl: 'https://github.com/acme/widgets',
      runUrl: 'https://github.com/acme/widgets/actions/runs/1',
      outcome: { kind: 'head-moved', branch: `feature-${EVIL}`, actual: null },
      proposal,
      leftOut: [...leftOut, `src/${EVIL}.test.ts: ${EVIL}`],
    });
    const payload = body.slice(body.lastIndexOf(PROPOSAL_PREFIX));
    expect(body.endsWith(payload)).toBe(true);
    expectNoForeignMarkers(body.slice(0, -payload.length), [`${STICKY_MARKER}\n`, REPORT_MARKER]);
    const decoded = decodeProposal(body);
    expect(decoded).toMatchObject({ ok: true });
    expect(decoded.ok && decoded.proposal.files.map((file) => file.content)).toEqual(report.proposedFiles!.map((file) => file.content));
  });
});

describe('the escapers', () => {
  it('break HTML comments in code spans, reading the same', () => {
    expect(codeSpan('a <!-- b --> c')).toBe('`a <!\u200b-- b --\u200b> c`');
    expect(codeSpan('<!-->')).toBe('`<!\u200b--\u200b>`');
    expect(codeSpan('<!---->')).not.toMatch(/<!--|-->/);
  });

  it('leave none in free text and HTML text', () => {
    for (const escape of [escapeText, escapeHtml]) expect(escape(EVIL)).not.toMatch(/<!--|-->/);
  });

  it('break only marker openings in code blocks, and the fence stays longer than any backtick run', () => {
    const block = codeBlock("a ```` b\n<!-- plain -->\n<!--  TestMaster:proposal:v1 x -->\n", 'ts');
    expect(block.startsWith('`````ts\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
    expect(block).toContain('<!-- plain -->');
    expect(block).toContain('<!\u200b--  TestMaster:proposal:v1 x -->');
  });

  it('breakHtmlComments and breakTestMasterMarkers', () => {
    expect(breakHtmlComments('x<!--y-->z')).toBe('x<!\u200b--y--\u200b>z');
    expect(breakTestMasterMarkers('<!-- testmaster:report --> <!-- other -->')).toBe('<!\u200b-- testmaster:report --> <!-- other -->');
  });
});
