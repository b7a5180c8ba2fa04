import { describe, expect, it } from 'vitest';
import { codeBlock, escapeHtml } from '../../../src/report/escape-markdown.js';
import { formatUsd } from '../../../src/report/format-numbers.js';
import { costLine, fenceLanguage, generationLine } from '../../../src/report/generation-sections.js';
import { budget } from './generation-fixtures.js';

describe('codeBlock', () => {
  it('uses a fence longer than any backtick run, at least three', () => {
    expect(codeBlock('a\n', 'ts')).toBe('```ts\na\n```');
    expect(codeBlock('no newline')).toBe('```\nno newline\n```');
    expect(codeBlock('x ``` y\n`````\n', 'js')).toBe('``````js\nx ``` y\n`````\n``````');
    expect(codeBlock('', 'text')).toBe('```text\n\n```');
  });
});

describe('escapeHtml', () => {
  it('makes text inert inside raw HTML, on one line, mentioning nobody', () => {
    expect(escapeHtml('<b a="1">&\'@x\n</b>')).toBe('&lt;b a=&quot;1&quot;&gt;&amp;&#39;@\u200bx &lt;/b&gt;');
  });
});

describe('formatUsd', () => {
  it('shows dollars with two to four decimals', () => {
    expect([formatUsd(5), formatUsd(0.5), formatUsd(0.125), formatUsd(0.01234, 4), formatUsd(0, 4), formatUsd(1234.5)]).toEqual([
      '$5.00',
      '$0.50',
      '$0.125',
      '$0.0123',
      '$0.0000',
      '$1,234.50',
    ]);
  });
});

describe('fenceLanguage', () => {
  it('names ts or js by extension', () => {
    const paths = ['a.test.ts', 'a.spec.mts', 'a.test.cts', 'A.TEST.TSX', 'a.test.js', 'a.test.mjs', 'a.test.cjs', 'a.test.jsx', 'a.test.py'];
    expect(paths.map(fenceLanguage)).toEqual(['ts', 'ts', 'ts', 'tsx', 'js', 'js', 'js', 'jsx', '']);
  });
});

describe('costLine and generationLine', () => {
  it('states calls, tokens and spend against the limit', () => {
    expect(costLine(budget({ llmCalls: 1 }), 0)).toBe('Model: `gpt-5-mini` · 1 call · 41,250+8,120 tokens · $0.0265 of $1.00');
    expect(costLine(budget({ stoppedByBudget: true }), 1)).toMatch(/ · stopped by budget: 1 module skipped$/);
  });

  it('says what was proposed', () => {
    expect(generationLine(0, 0, 0)).toBe('Proposed tests: none kept.');
    expect(generationLine(1, 1, 2)).toBe('Proposed tests: 1 case in 1 file; 2 possible bugs (failing cases, not proposed).');
  });
});
