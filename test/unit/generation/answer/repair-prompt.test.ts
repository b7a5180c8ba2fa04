import { describe, expect, it } from 'vitest';
import { extractAnswer, type ExtractFailure } from '../../../../src/generation/answer/extract-answer.js';
import { repairPrompt } from '../../../../src/generation/answer/repair-prompt.js';

function failureOf(content: string | null, finishReason: string | null, refusal: string | null = null): ExtractFailure {
  const result = extractAnswer(content, finishReason, refusal);
  if (result.kind === 'ok' || result.kind === 'code-only') throw new Error(`expected a failure, got ${result.kind}`);
  return result;
}

describe('repairPrompt', () => {
  const failures: Record<ExtractFailure['kind'], ExtractFailure> = {
    truncated: failureOf('{"files": [{"path": "a.test.ts", "content": "imp', 'length'),
    empty: failureOf('', 'stop'),
    refusal: failureOf(null, 'stop', 'I cannot help with that.'),
    invalid: failureOf('{"files": [{"path": "a.test.ts", "content": 42}, {"path": 1, "content": "x"}]}', 'stop'),
  };

  it.each(Object.entries(failures))('for %s: says what went wrong, reminds the shape, asks for JSON only, briefly', (kind, failure) => {
    const text = repairPrompt(failure);
    expect(failure.kind).toBe(kind);
    expect(text).toContain('Answer with one JSON object only');
    expect(text).toContain('"files":[{"path":');
    expect(text).toContain('1 to 3 files, each at most 200 KB');
    expect(text.length).toBeLessThan(1000);
  });

  it('names each kind of failure in its own words', () => {
    expect(repairPrompt(failures.truncated)).toMatch(/cut off at the output limit/);
    expect(repairPrompt(failures.empty)).toMatch(/was empty/);
    expect(repairPrompt(failures.refusal)).toMatch(/declined the task/);
  });

  it('lists the problems of an invalid answer, one per line', () => {
    const text = repairPrompt(failures.invalid);
    expect(text).toContain('- files[0].content must be a string, got number\n- files[1].path must be a string, got number');
  });

  it('follows the configured limits', () => {
    expect(repairPrompt(failures.empty, { maxFiles: 1, maxFileBytes: 64 * 1024 })).toContain('Exactly 1 file, at most 64 KB');
  });
});
