import { describe, expect, it } from 'vitest';
import { HeadTailCapture } from '../../../src/sandbox/capped-output.js';
import { escapeWorkflowCommands } from '../../../src/sandbox/workflow-commands.js';

function capture(maxBytes: number, ...chunks: string[]): HeadTailCapture {
  const result = new HeadTailCapture(maxBytes);
  for (const chunk of chunks) result.push(Buffer.from(chunk, 'utf8'));
  return result;
}

describe('HeadTailCapture', () => {
  it('keeps everything up to the cap', () => {
    const result = capture(10, 'hello', 'world');
    expect(result.truncated).toBe(false);
    expect(result.text()).toBe('helloworld');
    expect(result.totalBytes).toBe(10);
  });

  it('keeps head and tail and counts the bytes cut', () => {
    const result = capture(10, 'abcdefghij', 'klmnopqrstuvwxyz');
    expect(result.truncated).toBe(true);
    expect(result.text()).toBe('abcde\n[... 16 bytes cut ...]\nvwxyz');
  });

  it('keeps the tail across many small chunks', () => {
    const result = capture(8, ...'0123456789abcdefghijklmnopqrstuvwxyz'.split(''));
    expect(result.text()).toBe('0123\n[... 28 bytes cut ...]\nwxyz');
  });

  it('never splits a UTF-8 character at either edge of the cut', () => {
    // 'é' is 2 bytes, '€' 3 bytes: the cap falls inside characters on both sides.
    const result = capture(9, 'aé€', 'xxxxxxxxxx', '€éb');
    const text = result.text();
    expect(text).not.toContain('\uFFFD');
    expect(text.startsWith('aé')).toBe(true);
    expect(text.endsWith('éb')).toBe(true);
    const cut = Number(/\[\.\.\. (\d+) bytes cut \.\.\.\]/.exec(text)?.[1]);
    expect(cut).toBe(result.totalBytes - Buffer.byteLength('aé') - Buffer.byteLength('éb'));
  });
});

describe('escapeWorkflowCommands', () => {
  it('neutralises lines that start with ::, also after blanks', () => {
    const escaped = escapeWorkflowCommands('::add-mask::x\n  ::error file=a::boom\r\n\t::stop-commands::t\n');
    expect(escaped).not.toMatch(/^\s*::/m);
    expect(escaped.replace(/\u200B/g, '')).toBe('::add-mask::x\n  ::error file=a::boom\r\n\t::stop-commands::t\n');
  });

  it('neutralises the legacy ##[ form anywhere in a line', () => {
    const escaped = escapeWorkflowCommands('log ##[set-output name=x;]1');
    expect(escaped).not.toContain('##[');
    expect(escaped.replace(/\u200B/g, '')).toBe('log ##[set-output name=x;]1');
  });

  it('leaves other text alone', () => {
    const text = 'a::b\nhttp://x\n: :\nok';
    expect(escapeWorkflowCommands(text)).toBe(text);
  });
});
