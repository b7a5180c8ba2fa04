import { describe, expect, it } from 'vitest';
import { extractAnswer, type ExtractResult } from '../../../../src/generation/answer/extract-answer.js';

const TEST_FILE = [
  "import { describe, expect, it } from 'vitest';",
  "import { add } from './add.js';",
  '',
  "describe('add', () => {",
  "  it('adds two numbers', () => {",
  '    expect(add(1, 2)).toBe(3);',
  '  });',
  '});',
  '',
].join('\n');

const ANSWER = {
  files: [{ path: 'src/add.testmaster.test.ts', content: TEST_FILE }],
  notes: 'one case',
};

function ok(result: ExtractResult) {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}: ${'detail' in result ? result.detail : ''}`);
  return result;
}

function failed(result: ExtractResult, kind: 'truncated' | 'empty' | 'refusal' | 'invalid') {
  if (result.kind !== kind) throw new Error(`expected ${kind}, got ${result.kind}`);
  return result as Extract<ExtractResult, { kind: typeof kind }>;
}

describe('extractAnswer: accepted forms', () => {
  it('reads a bare JSON object and normalizes it', () => {
    const result = ok(extractAnswer(JSON.stringify(ANSWER), 'stop', null));
    expect(result.source).toBe('json');
    expect(result.answer).toEqual(ANSWER);
  });

  it('fills in missing notes and drops the case lists earlier prompts asked for', () => {
    const content = JSON.stringify({ files: [{ path: 'a.test.ts', content: TEST_FILE, cases: [{ name: 'x', covers: null }] }, { path: 'b.test.ts', content: TEST_FILE, cases: null }] });
    const { answer } = ok(extractAnswer(content, 'stop', null));
    expect(answer.notes).toBeNull();
    expect(answer.files).toEqual([{ path: 'a.test.ts', content: TEST_FILE }, { path: 'b.test.ts', content: TEST_FILE }]);
  });

  it('drops unknown keys instead of failing on them', () => {
    const content = JSON.stringify({ ...ANSWER, reasoning: 'because', files: [{ ...ANSWER.files[0], language: 'ts' }] });
    const { answer } = ok(extractAnswer(content, 'stop', null));
    expect(answer.files[0]).not.toHaveProperty('language');
    expect(answer).not.toHaveProperty('reasoning');
  });

  it('reads JSON inside a ```json fence', () => {
    const result = ok(extractAnswer('```json\n' + JSON.stringify(ANSWER, null, 2) + '\n```', 'stop', null));
    expect(result.source).toBe('fenced-json');
    expect(result.answer.files[0]!.content).toBe(TEST_FILE);
  });

  it('reads JSON inside a bare fence surrounded by prose, with CRLF line ends', () => {
    const content = 'Sure! Here are the tests:\r\n\r\n```\r\n' + JSON.stringify(ANSWER) + '\r\n```\r\nLet me know if you need more.';
    const result = ok(extractAnswer(content, 'stop', null));
    expect(result.source).toBe('fenced-json');
    expect(result.answer.files[0]!.path).toBe('src/add.testmaster.test.ts');
  });

  it('takes the first fenced block that validates when the first one does not', () => {
    const first = { files: [{ path: 'x.test.ts', content: 42 }] };
    const second = { files: [{ path: 'second.test.ts', content: TEST_FILE }] };
    const content = 'Draft:\n```json\n' + JSON.stringify(first) + '\n```\nFixed:\n```json\n' + JSON.stringify(second) + '\n```\n';
    const result = ok(extractAnswer(content, 'stop', null));
    expect(result.answer.files[0]!.path).toBe('second.test.ts');
  });

  it('finds a bare object in prose, with braces inside strings and escaped quotes', () => {
    const tricky = 'it("handles \\"}\\" and {", () => { expect(parse("{\\"a\\": 1}")).toEqual({ a: 1 }); });\n';
    const answer = { files: [{ path: 'p.test.ts', content: tricky }], notes: 'braces } { and "quotes"' };
    const content = `I wrote {one} file; see below.\n${JSON.stringify(answer)}\nThe object above is the answer {done}.`;
    const result = ok(extractAnswer(content, 'stop', null));
    expect(result.source).toBe('embedded-json');
    expect(result.answer.files[0]!.content).toBe(tricky);
    expect(result.answer.notes).toBe('braces } { and "quotes"');
  });

  it('finds the object after a stray unbalanced brace in the prose', () => {
    const content = `The function is like f(x) { ... and here is the answer: ${JSON.stringify(ANSWER)}`;
    expect(ok(extractAnswer(content, 'stop', null)).answer.files).toHaveLength(1);
  });

  it('forgives raw newlines and tabs inside JSON strings', () => {
    const content = `{"files":[{"path":"a.test.ts","content":"${TEST_FILE.replaceAll("'", "\\u0027")}\tend"}]}`;
    expect(content).toContain('\n');
    const { answer } = ok(extractAnswer(content, 'stop', null));
    expect(answer.files[0]!.content).toBe(`${TEST_FILE}\tend`);
  });

  it('takes a { path, content } object without "files" as a one-file answer', () => {
    const content = JSON.stringify({ path: 'one.test.ts', content: TEST_FILE });
    expect(ok(extractAnswer(content, 'stop', null)).answer.files.map((file) => file.path)).toEqual(['one.test.ts']);
  });

  it('ignores a leading <think> block that contains braces and fences', () => {
    const content = '<think>Maybe {"files": 1}? ```ts\nno\n```</think>\n' + JSON.stringify(ANSWER);
    expect(ok(extractAnswer(content, 'stop', null)).answer).toEqual(ANSWER);
  });

  it('keeps unicode content and paths intact', () => {
    const content = "it('çalışır ✓ 🚀 数据', () => { expect('é').toBe('é'); });\n";
    const answer = { files: [{ path: 'src/données/ünïcode.test.ts', content }] };
    const result = ok(extractAnswer('Voilà 👇\n' + JSON.stringify(answer), 'stop', null));
    expect(result.answer.files[0]).toEqual({ path: 'src/données/ünïcode.test.ts', content });
  });

  it('keeps path traversal strings as data (the path validator rejects them later)', () => {
    const answer = { files: [{ path: '../../etc/passwd', content: TEST_FILE }, { path: '/abs/x.test.ts', content: TEST_FILE }] };
    const result = ok(extractAnswer(JSON.stringify(answer), 'stop', null));
    expect(result.answer.files.map((file) => file.path)).toEqual(['../../etc/passwd', '/abs/x.test.ts']);
  });

  it('accepts a complete, valid answer even when finish_reason is length (cut after it)', () => {
    const content = JSON.stringify(ANSWER) + '\n\nNotes: I also considered testing the overflow case, whi';
    expect(ok(extractAnswer(content, 'length', null)).answer).toEqual(ANSWER);
  });
});

describe('extractAnswer: code-only answers', () => {
  it('takes a single fenced TypeScript block with no JSON as one file without a path', () => {
    const result = extractAnswer('Here is a test file:\n\n```typescript\n' + TEST_FILE + '```\n\nIt covers add.', 'stop', null);
    expect(result).toEqual({ kind: 'code-only', language: 'typescript', answer: { files: [{ path: null, content: TEST_FILE }], notes: null } });
  });

  it('takes an unclosed fence when the model stopped on its own', () => {
    const result = extractAnswer('```js\n' + TEST_FILE, 'stop', null);
    expect(result.kind).toBe('code-only');
  });

  it('does not take a code block when there is a JSON answer that failed', () => {
    const content = '```json\n{"files": [{"path": "a.test.ts"}]}\n```\n```ts\n' + TEST_FILE + '```';
    const result = failed(extractAnswer(content, 'stop', null), 'invalid');
    expect(result.problems).toEqual(['files[0].content is missing (expected a string)']);
  });

  it('refuses to guess between several code blocks', () => {
    const content = '```ts\n' + TEST_FILE + '```\nand\n```ts\n' + TEST_FILE + '```';
    expect(failed(extractAnswer(content, 'stop', null), 'invalid').detail).toMatch(/2 code blocks and no JSON/);
  });

  it('applies the same content checks to a code block (size)', () => {
    const content = '```ts\n' + 'x'.repeat(300 * 1024) + '\n```';
    expect(failed(extractAnswer(content, 'stop', null), 'invalid').problems[0]).toMatch(/^the code block is 300 KB, over the 200 KB limit/);
  });

  it('does not take a code block in another language', () => {
    expect(extractAnswer('```python\nprint(1)\n```', 'stop', null).kind).toBe('invalid');
  });
});

describe('extractAnswer: failures', () => {
  it('reports output cut mid-string as truncated', () => {
    const full = JSON.stringify(ANSWER);
    const result = failed(extractAnswer(full.slice(0, full.indexOf('expect') + 3), 'length', null), 'truncated');
    expect(result.detail).toMatch(/finish_reason: length/);
  });

  it('reports a truncated code block as truncated, not code-only', () => {
    expect(extractAnswer('```ts\nimport { add } from', 'length', null).kind).toBe('truncated');
  });

  it('reports empty output with finish_reason length as truncated (the cap went to reasoning)', () => {
    expect(extractAnswer('', 'length', null).kind).toBe('truncated');
  });

  it('reports a cut JSON answer that says it stopped as invalid, naming the parse error', () => {
    const full = JSON.stringify(ANSWER);
    const result = failed(extractAnswer(full.slice(0, 60), 'stop', null), 'invalid');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^the JSON did not parse: /);
  });

  it.each([[''], ['   \n\t  '], [null]])('reports %j as empty', (content) => {
    expect(failed(extractAnswer(content, 'stop', null), 'empty').detail).toBe('the answer was empty');
  });

  it('reports an unclosed <think> block with nothing after it as empty', () => {
    expect(extractAnswer('<think>hmm, {"files": [', 'stop', null).kind).toBe('empty');
  });

  it('reports the API refusal field as a refusal, whatever the content', () => {
    const result = failed(extractAnswer(null, 'stop', "I'm sorry, I can't assist with that."), 'refusal');
    expect(result.detail).toBe("the model refused: I'm sorry, I can't assist with that.");
  });

  it('reports finish_reason content_filter as a refusal', () => {
    expect(extractAnswer('partial', 'content_filter', null).kind).toBe('refusal');
  });

  it('reports refusal prose with no code as a refusal', () => {
    const result = failed(extractAnswer('I’m sorry, but I cannot help with writing these tests.', 'stop', null), 'refusal');
    expect(result.detail).toMatch(/^the model declined: I’m sorry/);
  });

  it('does not take prose that merely apologizes as a refusal when it carries code', () => {
    expect(extractAnswer("I'm sorry for the delay. ```ts\n" + TEST_FILE + '```', 'stop', null).kind).toBe('invalid');
    expect(extractAnswer("I'm sorry for the delay.\n```ts\n" + TEST_FILE + '```', 'stop', null).kind).toBe('code-only');
  });

  it('reports plain prose without JSON or code as invalid', () => {
    const result = failed(extractAnswer('The module adds numbers. You could test it with small inputs.', 'stop', null), 'invalid');
    expect(result.problems).toEqual(['no JSON object was found in the answer']);
  });
});

describe('extractAnswer: wrong schema', () => {
  function problemsOf(value: unknown, limits = {}): readonly string[] {
    return failed(extractAnswer(JSON.stringify(value), 'stop', null, limits), 'invalid').problems;
  }

  it('names a missing "files"', () => {
    expect(problemsOf({ tests: [{ path: 'a.test.ts', content: TEST_FILE }] })).toEqual(['files is missing (expected an array)']);
  });

  it('names content that is not a string', () => {
    expect(problemsOf({ files: [{ path: 'a.test.ts', content: 42 }] })).toEqual(['files[0].content must be a string, got number']);
  });

  it('names too many files, with the configured limit', () => {
    const file = { path: 'a.test.ts', content: TEST_FILE };
    expect(problemsOf({ files: [file, file, file, file] })).toEqual(['files must list at most 3 files']);
    expect(problemsOf({ files: [file, file] }, { maxFiles: 1 })).toEqual(['files must list at most 1 file']);
    expect(problemsOf({ files: [] })).toEqual(['files must list at least one file']);
  });

  it('names oversized content, counted in UTF-8 bytes', () => {
    expect(problemsOf({ files: [{ path: 'a.test.ts', content: 'a'.repeat(250 * 1024) }] })).toEqual([
      'files[0].content is 250 KB, over the 200 KB limit',
    ]);
    // 70,000 characters but 210,000 bytes.
    expect(problemsOf({ files: [{ path: 'a.test.ts', content: '€'.repeat(70_000) }] })[0]).toMatch(/^files\[0\]\.content is 205 KB, over/);
    expect(problemsOf({ files: [{ path: 'a.test.ts', content: 'a'.repeat(2000) }] }, { maxFileBytes: 1000 })).toEqual([
      'files[0].content is 2 KB, over the 1000 bytes limit',
    ]);
  });

  it('rejects NUL bytes and broken surrogates in content, escaped or raw', () => {
    expect(problemsOf({ files: [{ path: 'a.test.ts', content: 'it("x", () => {});\u0000' }] })).toEqual(['files[0].content contains a NUL byte']);
    const raw = '{"files":[{"path":"a.test.ts","content":"abc\u0000def"}]}';
    expect(failed(extractAnswer(raw, 'stop', null), 'invalid').problems).toEqual(['files[0].content contains a NUL byte']);
    const surrogate = '{"files":[{"path":"a.test.ts","content":"abc\\ud800"}]}';
    expect(failed(extractAnswer(surrogate, 'stop', null), 'invalid').problems[0]).toMatch(/lone UTF-16 surrogate/);
  });

  it('names several problems at once, in a readable list', () => {
    const problems = problemsOf({ files: [{ path: '', content: '   ' }, { path: 7, content: 'x' }], notes: 3 });
    expect(problems).toEqual([
      'files[0].path is empty',
      'files[0].content is empty',
      'files[1].path must be a string, got number',
      'notes must be a string, got number',
    ]);
  });

  it('says the answer must be an object when it is not', () => {
    expect(failed(extractAnswer('```json\n{"files": "a.test.ts"}\n```', 'stop', null), 'invalid').problems).toEqual([
      'files must be an array, got string',
    ]);
  });

  it('prefers the problems of an answer attempt over an unrelated object in the prose', () => {
    const content = 'Config is {"a": 1}. Answer: {"files": [{"path": "a.test.ts", "content": null}]}';
    expect(failed(extractAnswer(content, 'stop', null), 'invalid').problems).toEqual(['files[0].content must be a string, got null']);
  });
});

describe('extractAnswer: hostile input', () => {
  it('never throws, whatever it is given', () => {
    const inputs = [
      '{', '}', '{{{{', '}}}}{', '"', '```', '~~~~\n', '```json\n{', 'null', '[1,2,3]', '"just a string"', '{}', '{"files": null}',
      '{"files": [null]}', '{"files": [[]]}', '{"__proto__": {"files": []}}', '{"files": [{"path": "a", "content": 5}]}',
      '\u0000\u0001\u0002', '\ud800', '<think>', '<think></think>', '{"a": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}',
      '['.repeat(200_000), '{"x":'.repeat(50_000),
    ];
    const kinds = new Set(['ok', 'code-only', 'truncated', 'empty', 'refusal', 'invalid']);
    for (const content of inputs) {
      for (const finishReason of ['stop', 'length', null, 'weird']) {
        const result = extractAnswer(content, finishReason, null);
        expect(kinds.has(result.kind), content.slice(0, 40)).toBe(true);
        if (result.kind !== 'ok' && result.kind !== 'code-only') expect(result.detail).toMatch(/\S/);
      }
    }
  });

  it('handles 10 MB of garbage in linear time (braces, quotes, backslashes, fences, long lines)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = '{{{}"\\ \t\nab`~[],:';
    const chars: string[] = [];
    for (let index = 0; index < 10 * 1024 * 1024; index += 1) chars.push(alphabet[Math.floor(random() * alphabet.length)]!);
    const inputs = [
      chars.join(''),
      '{'.repeat(10 * 1024 * 1024),
      '{"files": "'.padEnd(64, ' ') + '\\"{'.repeat(3 * 1024 * 1024),
      ' '.repeat(10 * 1024 * 1024) + '`',
      '```ts\n' + '`'.repeat(10 * 1024 * 1024) + 'x',
      '{}'.repeat(5 * 1024 * 1024),
    ];
    for (const content of inputs) {
      const result = extractAnswer(content, 'stop', null);
      expect(['invalid', 'code-only']).toContain(result.kind);
    }
    // Still finds a real answer at the end of a large amount of noise.
    const noisy = 'x{y'.repeat(1024 * 1024) + '\n' + JSON.stringify(ANSWER);
    expect(ok(extractAnswer(noisy, 'stop', null)).answer).toEqual(ANSWER);
  });
});
