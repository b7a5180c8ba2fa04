import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/report/render-markdown.js';
import { utf8Length } from '../../../src/report/text-size.js';
import type { FileReport } from '../../../src/report/types.js';
import { c, failedFile, HEAD_SHA, makeReport, measuredFile, metrics, patch } from './report-fixtures.js';

const URL_BASE = `https://github.com/o/r/blob/${HEAD_SHA}`;

function normalReport() {
  return makeReport(
    [
      // 6 coverable changed lines: 5 covered, one of them partial (14), one missing (12) -> 4/6.
      measuredFile('src/a.ts', {
        base: metrics(c(8, 10)),
        head: metrics(c(33, 40), c(35, 44), c(4, 5), c(6, 10)),
        patch: patch(5, 6, [12], [14]),
      }),
      // New file: 10 coverable changed lines, 4 missing (3-5 and 9).
      measuredFile('src/new|file.ts', { base: null, changeKind: 'added', head: metrics(c(9, 13)), patch: patch(6, 10, [3, 4, 5, 9]) }),
      measuredFile('src/types.ts', { base: metrics(c(0, 0)), head: metrics(c(0, 0)), patch: patch(0, 0) }),
      failedFile('pkg/b.ts', 'the jest run timed out after 600s; see <logs>'),
    ],
    { skipped: [{ path: 'README.md', reason: 'not a JS/TS module' }] },
  );
}

describe('renderMarkdown, a normal report', () => {
  it('renders exactly the expected comment', () => {
    const expected = [
      '<!-- testmaster:report -->',
      '### TestMaster coverage',
      '',
      // (5 + 6 covered - 1 partial) / 16 = 62.5%; missing 1 + 4; partial 1.
      '**Patch coverage: 62.5%** of 16 changed coverable lines (5 missing, 1 partial) · `1111111`..`2222222` (main..feature)',
      '',
      // Modified files measured on both sides: src/a.ts (8/10 -> 33/40) and src/types.ts (0/0 -> 0/0).
      '3 files measured, 1 failed, 1 skipped. Line coverage of the modified files: 80.0% → 82.5% (+2.5).',
      '',
      '| File | Patch | Missing | Partial | Lines (base → head) | Missing lines |',
      '| :--- | ---: | ---: | ---: | :--- | :--- |',
      // Worst patch first: 60.0% (6/10) before 66.6% (4/6); nothing coverable last.
      `| \`src/new\\|file.ts\` | 60.0% | 4 | 0 | new → 69.2% | [3-5](${URL_BASE}/src/new%7Cfile.ts#L3-L5), [9](${URL_BASE}/src/new%7Cfile.ts#L9) |`,
      `| \`src/a.ts\` | 66.6% | 1 | 1 | 80.0% → 82.5% (+2.5) | [12](${URL_BASE}/src/a.ts#L12) |`,
      '| `src/types.ts` | n/a | 0 | 0 | n/a → n/a |  |',
      '',
      '**1 file could not be measured**: the reasons are in the details below.',
      '',
      '<details>',
      '<summary>Details: full metrics of 3 files, 1 skipped, 1 failed</summary>',
      '',
      '| File | Lines | Statements | Functions | Branches |',
      '| :--- | :--- | :--- | :--- | :--- |',
      '| `src/new\\|file.ts` | new → 69.2% (9/13) | new → 69.2% (9/13) | new → 100.0% (1/1) | new → n/a (0/0) |',
      '| `src/a.ts` | 80.0% (8/10) → 82.5% (33/40) | 80.0% (8/10) → 79.5% (35/44) | 100.0% (1/1) → 80.0% (4/5) | n/a (0/0) → 60.0% (6/10) |',
      '| `src/types.ts` | n/a (0/0) → n/a (0/0) | n/a (0/0) → n/a (0/0) | 100.0% (1/1) → 100.0% (1/1) | n/a (0/0) → n/a (0/0) |',
      '',
      '**Skipped files**',
      '',
      '- `README.md`: not a JS/TS module',
      '',
      '**Failed files**',
      '',
      '- `pkg/b.ts`: the jest run timed out after 600s; see &lt;logs&gt;',
      '',
      '</details>',
      '',
      '<sub>testmaster 0.1.0</sub>',
      '',
    ].join('\n');
    expect(renderMarkdown(normalReport(), { repoUrl: 'https://github.com/o/r' })).toBe(expected);
  });

  it('names branches beside the commits, but not commit ids or HEAD', () => {
    const headline = (baseRef: string, headRef: string) =>
      renderMarkdown(makeReport([], { baseRef, headRef })).split('\n').find((line) => line.startsWith('**Patch coverage'))!;
    const base = makeReport([]).base;
    expect(headline('main', 'feature/x')).toMatch(/`[0-9a-f]{7}`\.\.`[0-9a-f]{7}` \(main\.\.feature\/x\)$/);
    expect(headline(base, 'HEAD')).toMatch(/`[0-9a-f]{7}`\.\.`[0-9a-f]{7}`$/);
    expect(headline(base.slice(0, 10), 'feature')).toMatch(/ \(…\.\.feature\)$/);
  });

  it('is stable: the same report renders the same text', () => {
    expect(renderMarkdown(normalReport())).toBe(renderMarkdown(normalReport()));
  });

  it('lists missing lines as plain ranges without a repository URL', () => {
    const text = renderMarkdown(normalReport());
    expect(text).toContain('| new → 69.2% | 3-5, 9 |');
    expect(text).not.toContain('](');
  });

  it('says so when base coverage was not measured, and when nothing changed is coverable', () => {
    const report = makeReport([measuredFile('src/a.ts', { base: null, head: metrics(c(1, 2)), patch: patch(0, 0) })], { baseSource: 'none' });
    const text = renderMarkdown(report);
    expect(text).toContain('**Patch coverage: n/a**, no changed line is coverable');
    expect(text).toContain('1 file measured. Base coverage was not measured.');
    expect(text).toContain('| `src/a.ts` | n/a | 0 | 0 | n/a → 50.0% |');
  });

  it('keeps hostile file names, refs and reasons inert', () => {
    const report = makeReport(
      [
        measuredFile('src/<script>alert(1)</script> `x` | @octocat\n.ts', { base: null, head: metrics(c(1, 1)), patch: patch(1, 1) }),
        failedFile('b.ts', '<img src=x onerror=alert(1)> @octocat'),
      ],
      { headRef: 'feat/<b>x</b>|@org/team', skipped: [{ path: '--x|y`', reason: '[link](javascript:alert(1))' }] },
    );
    const text = renderMarkdown(report);
    expect(text).toContain('| ``src/<script>alert(1)</script> `x` \\| @octocat\uFFFD.ts`` | 100.0% |');
    expect(text).toContain('(main..feat/&lt;b&gt;x&lt;/b&gt;\\|@\u200borg/team)');
    expect(text).toContain('- `b.ts`: &lt;img src=x onerror=alert\\(1\\)&gt; @\u200boctocat');
    expect(text).toContain('- `` --x|y` ``: \\[link\\]\\(javascript:alert\\(1\\)\\)');
    // Every table line still has its own row: no line break leaked out of a name.
    for (const line of text.split('\n').filter((l) => l.startsWith('| `'))) expect(line.endsWith('|')).toBe(true);
  });
});

describe('renderMarkdown under the size limit', () => {
  const unicodeName = (i: number) => `packages/módulo-${i % 7}/src/${'数据处理😀ü'.repeat(12)}-${String(i).padStart(4, '0')}.ts`;

  function hugeReport(count: number, extras = { failed: 50, skipped: 500 }): ReturnType<typeof makeReport> {
    const files: FileReport[] = [];
    for (let i = 0; i < count; i += 1) {
      const missing = Array.from({ length: 40 }, (_, k) => k * 3 + 1);
      const total = 100;
      const covered = total - missing.length + (i % 40);
      files.push(
        measuredFile(unicodeName(i), {
          base: i % 3 === 0 ? null : metrics(c(i % 50, 60)),
          changeKind: i % 3 === 0 ? 'added' : 'modified',
          head: metrics(c(covered, total)),
          patch: patch(covered, total, missing.slice(0, total - covered), [2]),
        }),
      );
    }
    for (let i = 0; i < extras.failed; i += 1) files.push(failedFile(`failed/${'ß'.repeat(100)}-${i}.ts`, `reason ${'ä'.repeat(200)}`));
    return makeReport(files, {
      skipped: Array.from({ length: extras.skipped }, (_, i) => ({ path: `docs/${'é'.repeat(80)}-${i}.md`, reason: 'not a JS/TS module' })),
    });
  }

  it('keeps 5,000 files with long unicode names within 65,536 characters and bytes', () => {
    const text = renderMarkdown(hugeReport(5000));
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(utf8Length(text)).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(65_536);
    expect(text.startsWith('<!-- testmaster:report -->\n')).toBe(true);
    expect(text).toContain('**Patch coverage: ');
    expect(text).toContain('The JSON report has everything.');
    expect(text).not.toContain('<details>');
    expect(text).toMatch(/\| \.\.\. and [\d,]+ more files \|/);
    // It uses the room it has: more than half of the limit.
    expect(utf8Length(text)).toBeGreaterThan(32_768);
  });

  it('keeps the worst files when it caps the table', () => {
    const text = renderMarkdown(hugeReport(300), { maxChars: 20_000 });
    const rows = text.split('\n').filter((l) => l.startsWith('| `packages/'));
    expect(rows.length).toBeGreaterThan(0);
    // Files with i % 40 === 0 have the lowest patch coverage (60 - 1 partial of 100 = 59.0%).
    for (const row of rows.slice(0, Math.min(rows.length, 8))) expect(row).toContain('| 59.0% |');
    const hidden = Number(/\| \.\.\. and ([\d,]+) more files/.exec(text)![1]!.replace(/,/g, ''));
    expect(rows.length + hidden).toBe(300);
  });

  it('degrades in order (ranges, then rows, then details) and always says what was left out', () => {
    const report = hugeReport(40, { failed: 2, skipped: 5 });
    const full = renderMarkdown(report, { maxChars: 10_000_000 });
    expect(full).not.toContain('Left out');
    const seen = new Set<string>();
    for (let max = utf8Length(full) + 50; max >= 0; max -= 211) {
      const text = renderMarkdown(report, { maxChars: max });
      expect(text.length).toBeLessThanOrEqual(max);
      expect(utf8Length(text)).toBeLessThanOrEqual(max);
      if (!text.endsWith('<sub>testmaster 0.1.0</sub>\n')) {
        // Not even the headline and the note fit: cut short as the last resort.
        seen.add('truncated');
        continue;
      }
      const ranges = text.includes('| Missing lines |');
      const details = text.includes('<details>');
      const table = details ? text.slice(0, text.indexOf('<details>')) : text;
      const rows = table.split('\n').filter((l) => l.startsWith('| `packages/')).length;
      const capped = rows < 40;
      if (ranges) expect([capped, details]).toEqual([false, true]);
      else expect(text).toContain('the missing-line ranges');
      if (capped) expect(text).toContain(`${40 - rows} of 40 table rows`);
      if (capped && rows > 0) expect(text).toContain(`| ... and ${40 - rows} more file`);
      if (capped && details) expect(rows).toBeGreaterThanOrEqual(10);
      if (!details) expect(text).toContain('the details (full metrics, skipped and failed files)');
      seen.add(ranges ? 'full' : !capped && details ? 'no-ranges' : details ? 'capped' : 'no-details');
    }
    expect([...seen].sort()).toEqual(['capped', 'full', 'no-details', 'no-ranges', 'truncated']);
  });

  it('fits even absurdly small limits', () => {
    for (const max of [0, 1, 30, 200]) {
      const text = renderMarkdown(hugeReport(3), { maxChars: max });
      expect(utf8Length(text)).toBeLessThanOrEqual(max);
    }
    expect(renderMarkdown(hugeReport(3), { maxChars: 30 })).toBe('<!-- testmaster:report -->\n###');
  });
});

describe('renderMarkdown with a transform', () => {
  it('checks the size after the transform, so a lengthening redaction cannot break the limit', () => {
    const report = makeReport(
      Array.from({ length: 200 }, (_, i) =>
        measuredFile(`src/secret-${i}.ts`, { base: null, head: metrics(c(1, 2)), patch: patch(1, 2, [5]) }),
      ),
    );
    const transform = (text: string) => text.split('secret').join('[REDACTED-VALUE]');
    const text = renderMarkdown(report, { maxChars: 8_000, transform });
    expect(text).toContain('[REDACTED-VALUE]');
    expect(text).not.toContain('secret');
    expect(utf8Length(text)).toBeLessThanOrEqual(8_000);
    // Without the option the same limit is kept for the untransformed text only.
    expect(utf8Length(transform(renderMarkdown(report, { maxChars: 8_000 })))).toBeGreaterThan(8_000);
  });
});
