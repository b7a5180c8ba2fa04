import { encodeChat as encodeChatCl100k, encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encodeChat, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countPromptTokens, countTextTokens, type PromptMessage, tokenizerFor } from '../../../src/budget/count-tokens.js';

const SOURCE = [
  "import { readFile } from 'node:fs/promises';",
  '',
  '/** Parses the config; returns null when the file is missing. */',
  'export async function loadConfig(path: string): Promise<Config | null> {',
  "  const text = await readFile(path, 'utf8').catch(() => null);",
  '  return text === null ? null : (JSON.parse(text) as Config);',
  '}',
].join('\n');

const CHAT: PromptMessage[] = [
  { role: 'system', content: 'You write Vitest unit tests. Answer with JSON only.' },
  { role: 'user', content: `Module src/config.ts:\n${SOURCE}\nUncovered lines: 5, 6.` },
];

describe('tokenizerFor', () => {
  it('uses the model encoding for known OpenAI models, aliases included', () => {
    expect(tokenizerFor('gpt-4o')).toEqual({ encoding: 'o200k_base', exact: true });
    expect(tokenizerFor('gpt-4o-2099-01-01')).toEqual({ encoding: 'o200k_base', exact: true });
    expect(tokenizerFor('openai/gpt-5-mini')).toEqual({ encoding: 'o200k_base', exact: true });
    expect(tokenizerFor('o3')).toEqual({ encoding: 'o200k_base', exact: true });
    expect(tokenizerFor('gpt-4-0613')).toEqual({ encoding: 'cl100k_base', exact: true });
    expect(tokenizerFor('gpt-3.5-turbo')).toEqual({ encoding: 'cl100k_base', exact: true });
  });

  it('falls back to an estimate for models whose tokenizer we do not have', () => {
    expect(tokenizerFor('llama3.1:8b')).toEqual({ encoding: 'o200k_base', exact: false });
    expect(tokenizerFor('claude-sonnet-4-20250514').exact).toBe(false);
    expect(tokenizerFor('text-davinci-003').exact).toBe(false);
  });
});

describe('countPromptTokens', () => {
  it('matches the real chat encoding of gpt-4o token for token (overhead included)', () => {
    expect(countPromptTokens(CHAT, 'gpt-4o')).toBe(encodeChat(CHAT as { role: 'system' | 'user'; content: string }[], 'gpt-4o').length);
    expect(countPromptTokens(CHAT, 'gpt-4o')).toBeGreaterThan(encode(SOURCE).length);
  });

  it('matches the real chat encoding of gpt-4 (cl100k), which differs from o200k', () => {
    const gpt4 = countPromptTokens(CHAT, 'gpt-4');
    expect(gpt4).toBe(encodeChatCl100k(CHAT as { role: 'system' | 'user'; content: string }[], 'gpt-4').length);
    expect(encodeCl100k(SOURCE).length).not.toBe(encode(SOURCE).length);
    expect(gpt4).not.toBe(countPromptTokens(CHAT, 'gpt-4o'));
  });

  it('counts names, text parts, empty content and extra text (a response schema)', () => {
    const base = countPromptTokens([{ role: 'user', content: 'hello there' }], 'gpt-4o');
    expect(base).toBe(3 + 1 + encode('hello there').length + 3);
    expect(countPromptTokens([{ role: 'user', content: 'hello there', name: 'alice' }], 'gpt-4o')).toBe(base + 1 + encode('alice').length);
    expect(countPromptTokens([{ role: 'user', content: [{ type: 'text', text: 'hello there' }, { type: 'image_url' }] }], 'gpt-4o')).toBe(base);
    expect(countPromptTokens([{ role: 'assistant', content: null }], 'gpt-4o')).toBe(3 + encode('assistant').length + 3);
    const schema = JSON.stringify({ type: 'object', properties: { files: { type: 'array' } } });
    expect(countPromptTokens([{ role: 'user', content: 'hello there' }], 'gpt-4o', { extraText: [schema] })).toBe(base + encode(schema).length);
  });

  it('counts text that looks like a special token as plain text instead of throwing', () => {
    const text = 'const marker = "<|endoftext|>"; // and <|im_start|>';
    const count = countTextTokens(text, 'gpt-4o');
    expect(count).toBeGreaterThan(5);
    expect(countPromptTokens([{ role: 'user', content: text }], 'gpt-4o')).toBe(3 + 1 + count + 3);
  });

  it('gives unknown models the larger of the o200k count and ceil(chars / 3)', () => {
    const repetitive = 'a'.repeat(300); // o200k packs this into few tokens
    expect(encode(repetitive).length).toBeLessThan(100);
    expect(countTextTokens(repetitive, 'llama3.1:8b')).toBe(100);
    expect(countTextTokens('abcd', 'llama3.1:8b')).toBe(2);
    const chinese = '测试覆盖率报告'.repeat(20); // here o200k needs more tokens than chars / 3
    expect(encode(chinese).length).toBeGreaterThan(Math.ceil(chinese.length / 3));
    expect(countTextTokens(chinese, 'llama3.1:8b')).toBe(encode(chinese).length);
    expect(countPromptTokens(CHAT, 'llama3.1:8b')).toBeGreaterThanOrEqual(countPromptTokens(CHAT, 'gpt-4o'));
  });

  it('is zero-safe and deterministic', () => {
    expect(countPromptTokens([], 'gpt-4o')).toBe(3);
    expect(countTextTokens('', 'llama3')).toBe(0);
    expect(countPromptTokens(CHAT, 'gpt-5')).toBe(countPromptTokens(CHAT, 'gpt-5'));
  });
});
