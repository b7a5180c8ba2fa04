import { describe, expect, it } from 'vitest';
import { sumPatch } from '../../../src/coverage/file-metrics.js';
import { redactSecrets } from '../../../src/report/redact.js';
import { renderMarkdown } from '../../../src/report/render-markdown.js';
import { utf8Length } from '../../../src/report/text-size.js';
import type { FileReport, ProposedFile, RunReport } from '../../../src/report/types.js';
import { renderReports } from '../../../src/report/write-reports.js';
import { budget, estimate, generation, keptCase, possibleBug, proposedFile, withGeneration } from './generation-fixtures.js';
import { c, failedFile, HEAD_SHA, makeReport, measuredFile, metrics, patch } from './report-fixtures.js';

const URL_BASE = `https://github.com/o/r/blob/${HEAD_SHA}`;

const CART_TEST = `import { describe, expect, it } from 'vitest';
import { addItem, total } from '../src/cart.js';

describe('cart', () => {
  it('adds an item', () => {
    expect(addItem([], { sku: 'a', price: 2 })).toEqual([{ sku: 'a', price: 2 }]);
  });
  it('sums the prices', () => {
    expect(total([{ sku: 'a', price: 2 }, { sku: 'b', price: 3 }])).toBe(5);
  });
});
`;

function generationReport(): RunReport {
  const cart = measuredFile('src/cart.ts', { base: metrics(c(20, 30)), head: metrics(c(25, 40)), patch: patch(5, 10, [12, 13, 14, 20, 21]) });
  const price = measuredFile('src/price.ts', { base: null, changeKind: 'added', head: metrics(c(6, 10)), patch: patch(2, 4, [3, 4]) });
  const slow = measuredFile('src/slow.ts', { base: metrics(c(10, 10)), head: metrics(c(10, 13)), patch: patch(0, 3, [1, 2, 3]) });
  const done = measuredFile('src/done.ts', { base: metrics(c(4, 5)), head: metrics(c(6, 6)), patch: patch(2, 2) });
  const cartWithTests = { ...metrics(c(32, 40)), patch: patch(10, 10) };
  const files: FileReport[] = [
    withGeneration(cart, generation('kept', { llmCalls: 2, turns: 2 }), cartWithTests),
    withGeneration(price, generation('nothing-kept')),
    withGeneration(slow, generation('skipped-budget', { reason: 'max-cost-usd' })),
    withGeneration(done, generation('skipped-covered')),
    withGeneration(failedFile('pkg/b.ts', 'the jest run timed out'), generation('skipped', { reason: 'coverage failed' })),
  ];
  const proposedPatch = sumPatch([cartWithTests.patch, price.head!.patch, slow.head!.patch, done.head!.patch]);
  return makeReport(files, {
    provider: 'openai',
    proposedPatch,
    proposedFiles: [
      proposedFile('test/cart.test.ts', 'src/cart.ts', CART_TEST, [keptCase('cart adds an item', [12, 13, 14], 1), keptCase('cart sums the prices', [20, 21])], [
        { name: 'cart rejects a negative price', reason: 'failed: expected [Function] to throw' },
      ]),
    ],
    possibleBugs: [
      possibleBug('src/price.ts', 'price rounds half up', 'AssertionError: expected 1.2 to be 1.3\n  at test/price.test.ts:7:5', 'The doc comment says "rounds half up".'),
    ],
    budget: budget({ stoppedByBudget: true }),
  });
}

describe('renderMarkdown after generation', () => {
  it('renders exactly the expected comment', () => {
    const expected = [
      '<!-- testmaster:report -->',
      '### TestMaster coverage',
      '',
      // Head (5 + 2 + 0 + 2) / 19 = 47.3%; with the tests src/cart.ts is 10/10: 14 / 19 = 73.6%.
      '**Patch coverage: 47.3% → 73.6% with the proposed tests** of 19 changed coverable lines (10 → 5 missing, 0 partial) · `1111111`..`2222222` (main..feature)',
      '',
      // Files on both sides: base 34/45, head 41/59, with the tests 48/59 (src/cart.ts 32/40).
      '4 files measured, 1 failed. Line coverage of the modified files: 75.5% → 69.4% (-6.1) → 81.3% with the proposed tests.',
      '',
      'Proposed tests: 2 cases in 1 file; 1 possible bug (failing cases, not proposed).',
      '',
      'Model: `gpt-5-mini` · 4 calls · 41,250+8,120 tokens · $0.0265 of $1.00 · stopped by budget: 1 module skipped',
      '',
      '| File | Patch | With tests | Missing | Partial | Lines (base → head) | Generated tests | Missing lines |',
      '| :--- | ---: | ---: | ---: | ---: | :--- | :--- | :--- |',
      `| \`src/slow.ts\` | 0.0% | 0.0% | 3 | 0 | 100.0% → 76.9% (-23.1) | skipped for budget | [1-3](${URL_BASE}/src/slow.ts#L1-L3) |`,
      `| \`src/cart.ts\` | 50.0% | 100.0% | 5 | 0 | 66.6% → 62.5% (-4.1) | kept 2 cases | [12-14](${URL_BASE}/src/cart.ts#L12-L14), [20-21](${URL_BASE}/src/cart.ts#L20-L21) |`,
      `| \`src/price.ts\` | 50.0% | 50.0% | 2 | 0 | new → 60.0% | nothing kept | [3-4](${URL_BASE}/src/price.ts#L3-L4) |`,
      '| `src/done.ts` | 100.0% | 100.0% | 0 | 0 | 80.0% → 100.0% (+20.0) | already covered |  |',
      '',
      '**1 file could not be measured**: the reasons are in the details below.',
      '',
      '#### Possible bugs',
      '',
      'These generated cases fail where their assertion agrees with the documented intent of the code, so the code may be wrong. They are not among the proposed tests.',
      '',
      '**`src/price.ts`**: `price rounds half up`',
      '',
      '```text',
      'AssertionError: expected 1.2 to be 1.3',
      '  at test/price.test.ts:7:5',
      '```',
      '',
      'Evidence: The doc comment says "rounds half up".',
      '',
      '#### Proposed tests',
      '',
      '2 cases in 1 file. Each kept case passed on every run and covers lines that nothing covered before.',
      '',
      '<details>',
      '<summary><code>test/cart.test.ts</code> — 2 cases for <code>src/cart.ts</code></summary>',
      '',
      '**Kept cases**',
      '',
      `- \`cart adds an item\`: newly covers lines [12-14](${URL_BASE}/src/cart.ts#L12-L14) and 1 branch outcome`,
      `- \`cart sums the prices\`: newly covers lines [20-21](${URL_BASE}/src/cart.ts#L20-L21)`,
      '',
      '```ts',
      ...CART_TEST.split('\n').slice(0, -1),
      '```',
      '',
      '**Dropped cases**',
      '',
      '- `cart rejects a negative price`: failed: expected \\[Function\\] to throw',
      '',
      '</details>',
      '',
      '<details>',
      '<summary>Details: full metrics of 4 files, 0 skipped, 1 failed</summary>',
      '',
      '| File | Lines | Statements | Functions | Branches |',
      '| :--- | :--- | :--- | :--- | :--- |',
      '| `src/slow.ts` | 100.0% (10/10) → 76.9% (10/13) | 100.0% (10/10) → 76.9% (10/13) | 100.0% (1/1) → 100.0% (1/1) | n/a (0/0) → n/a (0/0) |',
      '| `src/cart.ts` | 66.6% (20/30) → 62.5% (25/40) | 66.6% (20/30) → 62.5% (25/40) | 100.0% (1/1) → 100.0% (1/1) | n/a (0/0) → n/a (0/0) |',
      '| `src/price.ts` | new → 60.0% (6/10) | new → 60.0% (6/10) | new → 100.0% (1/1) | new → n/a (0/0) |',
      '| `src/done.ts` | 80.0% (4/5) → 100.0% (6/6) | 80.0% (4/5) → 100.0% (6/6) | 100.0% (1/1) → 100.0% (1/1) | n/a (0/0) → n/a (0/0) |',
      '',
      '**Failed files**',
      '',
      '- `pkg/b.ts`: the jest run timed out',
      '',
      '</details>',
      '',
      '<sub>testmaster 0.1.0</sub>',
      '',
    ].join('\n');
    expect(renderMarkdown(generationReport(), { repoUrl: 'https://github.com/o/r' })).toBe(expected);
  });

  it('keeps the plain headline when generation ran but nothing was kept', () => {
    const file = withGeneration(measuredFile('src/a.ts', { base: null, head: metrics(c(1, 2)), patch: patch(1, 2, [4]) }), generation('nothing-kept'));
    const text = renderMarkdown(makeReport([file], { budget: budget(), proposedPatch: file.head!.patch, proposedFiles: [] }));
    expect(text).toContain('**Patch coverage: 50.0%** of 2 changed coverable lines (1 missing, 0 partial)');
    expect(text).toContain('\n\nProposed tests: none kept.\n\n');
    expect(text).toContain('| `src/a.ts` | 50.0% | 50.0% | 1 | 0 | n/a → 50.0% | nothing kept | 4 |');
    expect(text).not.toContain('with the proposed tests');
    expect(text).not.toContain('stopped by budget');
    expect(text).not.toContain('#### Proposed tests');
    expect(text).not.toContain('#### Possible bugs');
  });

  it('says briefly why a file got no tests, with the reason made inert and cut short', () => {
    const longReason = `the model answered with no test file <b>at all</b> | ${'x'.repeat(200)}`;
    const files = [
      withGeneration(measuredFile('src/a.ts', { base: null, head: metrics(c(1, 2)), patch: patch(1, 2, [4]) }), generation('failed', { reason: longReason })),
      withGeneration(measuredFile('src/b.ts', { base: null, head: metrics(c(1, 2)), patch: patch(0, 2, [4, 5]) }), generation('skipped', { reason: 'the prompt cannot fit' })),
      withGeneration(measuredFile('src/c.ts', { base: null, head: metrics(c(1, 2)), patch: patch(1, 3, [4, 5]) }), generation('kept')),
      measuredFile('src/d.ts', { base: null, head: metrics(c(1, 2)), patch: patch(1, 4, [4, 5, 6]) }),
    ];
    const text = renderMarkdown(makeReport(files, { budget: budget() }));
    const rows = text.slice(0, text.indexOf('<details>')).split('\n').filter((line) => line.startsWith('| `src/'));
    expect(rows.length).toBe(4);
    const cell = (path: string) => rows.find((row) => row.startsWith(`| \`${path}\``))!.split(' | ')[6];
    expect(cell('src/a.ts')).toBe(`failed: the model answered with no test file &lt;b&gt;at all&lt;/b&gt; \\| ${'x'.repeat(79 - 53)}…`);
    expect(cell('src/b.ts')).toBe('skipped: the prompt cannot fit');
    // Kept, but no proposed file names it: no count to give.
    expect(cell('src/c.ts')).toBe('kept');
    expect(cell('src/d.ts')).toBe('—');
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(10);
  });

  it('folds each proposed file, fenced in its language with a fence no backtick run in it can close', () => {
    const content = "const md = '```js\\n````\\n';\nexport const x = `a ${md}`;\n```````\n// no final newline";
    const files: ProposedFile[] = [
      proposedFile('test/a.test.ts', 'src/a.ts', content, [keptCase('a works', [7])]),
      proposedFile('test/b.test.mjs', 'src/b.js', 'it("b", () => {});\n', [keptCase('b', [], 2)]),
      proposedFile('test/c.test.tsx', 'src/c.tsx', 'it("c", () => {});\n', [keptCase('c', [1, 2, 3, 9])]),
    ];
    const text = renderMarkdown(makeReport([], { budget: budget(), proposedFiles: files }));
    expect(text).toContain(`\n\n\`\`\`\`\`\`\`\`ts\n${content}\n\`\`\`\`\`\`\`\`\n\n`);
    expect(text).toContain('\n\n```js\nit("b", () => {});\n```\n\n');
    expect(text).toContain('\n\n```tsx\nit("c", () => {});\n```\n\n');
    expect(text).toContain('<summary><code>test/a.test.ts</code> — 1 case for <code>src/a.ts</code></summary>');
    expect(text).toContain('- `a works`: newly covers line 7\n');
    expect(text).toContain('- `b`: newly covers 2 branch outcomes\n');
    expect(text).toContain('- `c`: newly covers lines 1-3, 9\n');
    expect(text).toContain('\n\nProposed tests: 3 cases in 3 files.\n\n');
    expect(text).toContain('\n\n3 cases in 3 files. Each kept case passed on every run');
    expect(text.match(/<details>/g)?.length).toBe(4);
    expect(text.match(/<\/details>/g)?.length).toBe(4);
  });

  it('keeps hostile proposed paths and case names inert', () => {
    const file = proposedFile('test/<img src=x onerror=alert(1)>@octocat.test.ts', 'src/"a".ts', 'x\n', [keptCase('`tick` @team', [1])], [
      { name: 'drop <b>', reason: '<script>alert(1)</script> @octocat' },
    ]);
    const text = renderMarkdown(makeReport([], { budget: budget(), proposedFiles: [file] }));
    expect(text).toContain(
      '<summary><code>test/&lt;img src=x onerror=alert(1)&gt;@\u200boctocat.test.ts</code> — 1 case for <code>src/&quot;a&quot;.ts</code></summary>',
    );
    expect(text).toContain('- `` `tick` @team ``: newly covers line 1');
    expect(text).toContain('- `drop <b>`: &lt;script&gt;alert\\(1\\)&lt;/script&gt; @\u200boctocat');
    expect(text).not.toContain('<img');
  });

  it('shows possible bugs as failures, never among the kept cases', () => {
    const failure = 'Error: expected `5` to be `6`\n```\ninside\n```';
    const report = makeReport([], {
      budget: budget(),
      proposedFiles: [proposedFile('test/a.test.ts', 'src/a.ts', 'it("passes", () => {});\n', [keptCase('passes', [3])])],
      possibleBugs: [possibleBug('src/a.ts', 'adds tax to the total', failure, 'JSDoc of total(): "includes tax" <b>')],
    });
    const text = renderMarkdown(report);
    const bugs = text.slice(text.indexOf('#### Possible bugs'), text.indexOf('#### Proposed tests'));
    expect(bugs).toContain('**`src/a.ts`**: `adds tax to the total`\n\n````text\n' + failure + '\n````\n\nEvidence: JSDoc of total\\(\\): "includes tax" &lt;b&gt;');
    const proposed = text.slice(text.indexOf('#### Proposed tests'));
    expect(proposed).not.toContain('adds tax to the total');
    expect(text).toContain('1 possible bug (failing cases, not proposed)');
  });

  it('prints the spend against the limit, and how many modules the budget stopped', () => {
    const files = ['src/a.ts', 'src/b.ts', 'src/c.ts'].map((path, i) =>
      withGeneration(measuredFile(path, { base: null, head: metrics(c(1, 2)), patch: patch(0, 1, [1]) }), i === 0 ? generation('nothing-kept') : generation('skipped-budget', { reason: 'max-llm-calls' })),
    );
    const stopped = budget({ model: 'claude-haiku', llmCalls: 1, inputTokens: 1_234_567, outputTokens: 890, costUsd: 0.49995, limits: { maxCostUsd: 0.5, maxTokens: null, maxLlmCalls: 1, maxCostPerModuleUsd: null }, stoppedByBudget: true });
    expect(renderMarkdown(makeReport(files, { budget: stopped }))).toContain(
      '\n\nModel: `claude-haiku` · 1 call · 1,234,567+890 tokens · $0.5000 of $0.50 · stopped by budget: 2 modules skipped\n\n',
    );
    expect(renderMarkdown(makeReport(files, { budget: budget({ stoppedByBudget: false }) }))).toContain('· $0.0265 of $1.00\n\n');
  });

  it('shows the estimate with its modules, total and the limits it would cross, and no generation columns', () => {
    const file = measuredFile('src/cart.ts', { base: null, head: metrics(c(1, 2)), patch: patch(1, 2, [4]) });
    const text = renderMarkdown(makeReport([file], { budget: budget({ llmCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }), estimate: estimate({ exceeds: ['max-cost-usd', 'max-llm-calls'] }) }));
    expect(text).toContain(
      [
        '#### Cost estimate',
        '',
        'Worst case for `gpt-5-mini`, no model call made: 6 calls · 45,750+48,000 tokens · $0.0757.',
        'It would cross `max-cost-usd`, `max-llm-calls`: the run would stop early and skip modules for budget.',
        '',
        '| Module | Prompt tokens | Calls | Cost (worst case) |',
        '| :--- | ---: | ---: | ---: |',
        '| `src/cart.ts` | 3,200 | 3 | $0.0216 |',
        '| `src/price\\|tax.ts` | 12,050 | 3 | $0.0541 |',
        '| **Total** | 45,750 in + 48,000 out | 6 | $0.0757 |',
      ].join('\n'),
    );
    expect(text).not.toContain('With tests');
    expect(text).not.toContain('Model: ');
    expect(renderMarkdown(makeReport([file], { estimate: estimate() }))).toContain('$0.0757.\nIt stays within the limits.\n');
  });

  it('renders a report without generation exactly as before, null generation fields included', () => {
    const file = measuredFile('src/a.ts', { base: metrics(c(1, 2)), head: metrics(c(2, 3)), patch: patch(1, 2, [5]) });
    const plain = renderMarkdown(makeReport([file]));
    expect(renderMarkdown(makeReport([{ ...file, proposed: null, generation: null }], { proposedPatch: null, budget: null, estimate: null }))).toBe(plain);
    expect(plain).toContain('| File | Patch | Missing | Partial | Lines (base → head) | Missing lines |\n');
    expect(plain).not.toMatch(/With tests|Proposed tests|Possible bugs|Model:|Cost estimate/);
  });
});

describe('renderMarkdown after generation, under the size limit', () => {
  /** A test file of about `size` characters, with a distinct first line. */
  const bigContent = (id: string, size: number) => `// ${id}\n${`expect(compute(${id})).toBe(1);\n`.repeat(Math.ceil(size / 30))}`;

  /** Rows of the main table (the details table has counts beside its percentages). */
  const tableRows = (text: string) => text.split('\n').filter((line) => /^\| `src\/module-\d+\.ts` \| [\d.]+% \| /.test(line)).length;

  function reportWithProposed(sizes: number[], rows = 30): RunReport {
    const files: FileReport[] = Array.from({ length: rows }, (_, i) =>
      withGeneration(
        measuredFile(`src/module-${String(i).padStart(3, '0')}.ts`, { base: metrics(c(5, 10)), head: metrics(c(6, 10)), patch: patch(4, 10, [1, 3, 5, 7, 9, 11]) }),
        generation(i < sizes.length ? 'kept' : 'nothing-kept'),
        i < sizes.length ? { ...metrics(c(9, 10)), patch: patch(9, 10, [11]) } : null,
      ),
    );
    const proposed = sizes.map((size, i) =>
      proposedFile(`test/module-${String(i).padStart(3, '0')}.test.ts`, files[i]!.path, bigContent(`body${i}`, size), [keptCase(`case ${i}`, [1, 3, 5, 7, 9])]),
    );
    return makeReport(files, { budget: budget(), proposedFiles: proposed, proposedPatch: patch(sizes.length * 5 + rows * 4, rows * 10) });
  }

  it('drops the largest bodies first and keeps everything else', () => {
    const sizes = [40_000, 4_000, 30_000, 3_000, 20_000];
    const text = renderMarkdown(reportWithProposed(sizes));
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(utf8Length(text)).toBeLessThanOrEqual(65_536);
    // The two smallest bodies and the 20,000 one fit; the 30,000 and 40,000 ones do not.
    for (const i of [1, 3, 4]) expect(text).toContain(`// body${i}\n`);
    for (const i of [0, 2]) expect(text).not.toContain(`// body${i}\n`);
    expect(text.match(/File body omitted to stay within the size limit: see the job summary, the `\.testmaster\/proposed\/` directory or the JSON report\./g)?.length).toBe(2);
    expect(text).toContain('Left out to stay within 65,536 characters: the bodies of 2 of 5 proposed test files. The JSON report has everything.');
    // Ranges, rows and details are all still there; every file is still listed with its kept cases.
    expect(text).toContain('| Missing lines |');
    expect(tableRows(text)).toBe(30);
    expect(text.match(/<summary><code>test\/module-/g)?.length).toBe(5);
    expect(text).toContain('- `case 0`: newly covers lines 1, 3, 5, 7, 9');
  });

  it('stays within the limit with huge and many proposed files, multi-byte content included', () => {
    const report = reportWithProposed(Array.from({ length: 40 }, () => 50_000), 400);
    const withUnicode: RunReport = { ...report, proposedFiles: report.proposedFiles!.map((file) => ({ ...file, content: `// ${'数据😀'.repeat(5_000)}\n${file.content}` })) };
    for (const subject of [report, withUnicode]) {
      const text = renderMarkdown(subject);
      expect(text.length).toBeLessThanOrEqual(65_536);
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(65_536);
      expect(text).not.toContain('expect(compute(');
      expect(text.endsWith('<sub>testmaster 0.1.0</sub>\n')).toBe(true);
    }
  });

  it('degrades in order: bodies, then ranges, then rows, then details, always saying what was left out', () => {
    const report = reportWithProposed([3_000, 1_000, 2_000], 40);
    const full = renderMarkdown(report, { maxChars: 10_000_000 });
    expect(full).not.toContain('Left out');
    const seen = new Set<string>();
    for (let max = utf8Length(full) + 50; max >= 1_500; max -= 97) {
      const text = renderMarkdown(report, { maxChars: max });
      expect(utf8Length(text)).toBeLessThanOrEqual(max);
      const bodies = [0, 1, 2].filter((i) => text.includes(`// body${i}\n`));
      const ranges = text.includes('| Missing lines |');
      const details = text.includes('<summary>Details');
      const rows = tableRows(text);
      // Smallest bodies are kept longest.
      expect(bodies).toEqual([1, 2, 0].slice(0, bodies.length).sort());
      if (bodies.length > 0) expect([ranges, details, rows]).toEqual([true, true, 40]);
      if (bodies.length < 3 && details) expect(text).toContain(`the bodies of ${3 - bodies.length} of 3 proposed test files`);
      if (!ranges) expect(bodies).toEqual([]);
      if (ranges) expect([details, rows]).toEqual([true, 40]);
      if (!details) {
        expect(text).toContain('**Proposed tests**: 3 cases in 3 files, left out here');
        expect(text).toContain('the details (full metrics, skipped and failed files); the proposed test files.');
        expect(text).not.toContain('<summary>');
      }
      seen.add(bodies.length === 3 ? 'full' : bodies.length > 0 ? `bodies-${bodies.length}` : ranges ? 'no-bodies' : details ? (rows === 40 ? 'no-ranges' : 'capped') : 'no-details');
    }
    expect([...seen].sort()).toEqual(['bodies-1', 'bodies-2', 'capped', 'full', 'no-bodies', 'no-details', 'no-ranges']);
  });
});

describe('redaction of generated content', () => {
  const token = `ghp_${'A1b2C3d4'.repeat(5)}`;
  const known = 'hunter2-database-password';
  const content = `const client = new Client({ token: '${token}', password: '${known}' });\nit('connects', () => expect(client).toBeTruthy());\n`;

  function secretReport(): RunReport {
    return makeReport([], {
      budget: budget(),
      proposedFiles: [proposedFile('test/client.test.ts', 'src/client.ts', content, [keptCase('connects', [2])])],
      possibleBugs: [possibleBug('src/client.ts', 'uses the token', `expected '${token}' to equal ''`, `the token ${known} is logged`)],
    });
  }

  it('redacts secrets inside proposed file contents and possible bugs', () => {
    const text = renderMarkdown(secretReport(), { transform: (t) => redactSecrets(t, [known]) });
    expect(text).not.toContain(token);
    expect(text).not.toContain(known);
    expect(text).toContain("token: '[REDACTED]', password: '[REDACTED]'");
    expect(text).toContain("expected '[REDACTED]' to equal ''");
  });

  it('redacts every rendered output: comment, job summary and JSON', () => {
    const rendered = renderReports(secretReport(), { secrets: [known] });
    for (const output of [rendered.markdown, rendered.jobSummary, rendered.json]) {
      expect(output).not.toContain(token);
      expect(output).not.toContain(known);
      expect(output).toContain('[REDACTED]');
    }
  });
});

describe('renderReports, the job summary', () => {
  it('has room for the proposed file bodies the comment leaves out', () => {
    const big = `// big body\n${"expect(sum(1, 2)).toBe(3);\n".repeat(3_000)}`;
    const report = makeReport([], { budget: budget(), proposedFiles: [proposedFile('test/a.test.ts', 'src/a.ts', big, [keptCase('sums', [1])])] });
    const rendered = renderReports(report, { secrets: [] });
    expect(rendered.markdown).not.toContain('// big body');
    expect(rendered.markdown).toContain('see the job summary');
    expect(rendered.jobSummary).toContain(`\`\`\`ts\n${big}\`\`\``);
    expect(rendered.jobSummary).not.toContain('Left out');
  });
});
