import { describe, expect, it } from 'vitest';
import { codeSpan, escapeText } from '../../../src/report/escape-markdown.js';

describe('codeSpan', () => {
  it('wraps plain names in single backticks', () => {
    expect(codeSpan('src/a.ts')).toBe('`src/a.ts`');
  });

  it('uses a longer fence than any backtick run in the name, padded when needed', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x``')).toBe('``` `x`` ```');
  });

  it('escapes pipes only inside tables, and removes line breaks', () => {
    expect(codeSpan('a|b')).toBe('`a|b`');
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
    expect(codeSpan('a\nb\r\tc')).toBe('`a\uFFFDb\uFFFD\uFFFDc`');
  });
});

describe('escapeText', () => {
  it('neutralises HTML, markdown and mentions', () => {
    expect(escapeText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(escapeText('**bold** [x](y) | `c`')).toBe('\\*\\*bold\\*\\* \\[x\\]\\(y\\) \\| \\`c\\`');
    expect(escapeText('ping @octocat & co')).toBe('ping @\u200boctocat &amp; co');
    expect(escapeText('two\nlines')).toBe('two lines');
  });
});
