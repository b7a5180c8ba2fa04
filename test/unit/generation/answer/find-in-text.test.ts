import { describe, expect, it } from 'vitest';
import { findFencedBlocks } from '../../../../src/generation/answer/find-fenced-blocks.js';
import { escapeControlCharactersInStrings, findBalancedObjects, parseJsonLeniently } from '../../../../src/generation/answer/find-json-objects.js';

describe('findFencedBlocks', () => {
  it('reads backtick and tilde fences, info strings and indentation', () => {
    const text = 'a\n```TypeScript title="x.ts"\nconst a = 1;\n```\n  ~~~json\n{"b": 2}\n  ~~~\n';
    expect(findFencedBlocks(text)).toEqual([
      { language: 'typescript', body: 'const a = 1;', closed: true },
      { language: 'json', body: '{"b": 2}', closed: true },
    ]);
  });

  it('closes only on the same character, at least as long, alone on its line', () => {
    const text = '````md\n```ts\ninner\n```\n~~~\n```` trailing\n````\n';
    expect(findFencedBlocks(text)).toEqual([{ language: 'md', body: '```ts\ninner\n```\n~~~\n```` trailing', closed: true }]);
  });

  it('keeps a block left open at the end, and ignores inline code spans', () => {
    expect(findFencedBlocks('use ```x``` here\n```js\nlet a;')).toEqual([{ language: 'js', body: 'let a;', closed: false }]);
  });
});

describe('findBalancedObjects', () => {
  it('returns top-level objects that start like JSON, skipping prose and code braces', () => {
    const text = 'f(x) { return 1 } then {"a": {"b": "}"}} and { "c": "\\"{" } and {not: json}';
    expect(findBalancedObjects(text)).toEqual(['{"a": {"b": "}"}}', '{ "c": "\\"{" }']);
  });

  it('skips a start that never closes and finds the next one', () => {
    expect(findBalancedObjects('{"cut": "abc {"whole": 1}')).toEqual(['{"whole": 1}']);
  });

  it('stops after the given number of objects', () => {
    expect(findBalancedObjects('{"a":1}'.repeat(10), 3)).toHaveLength(3);
  });
});

describe('parseJsonLeniently', () => {
  it('escapes raw control characters inside strings only', () => {
    expect(escapeControlCharactersInStrings('{\n"a": "x\ny\t\u0001"\n}')).toBe('{\n"a": "x\\ny\\t\\u0001"\n}');
    expect(parseJsonLeniently('{"a": "line 1\nline 2"}')).toEqual({ ok: true, value: { a: 'line 1\nline 2' } });
  });

  it('reports the original parse error when it cannot help', () => {
    const result = parseJsonLeniently('{"a": 1,}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/JSON/);
  });
});
