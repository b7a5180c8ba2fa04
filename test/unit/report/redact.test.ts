import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../../src/report/redact.js';

describe('redactSecrets', () => {
  it('removes known secret values wherever they appear, longest first', () => {
    const text = 'token=s3cr3t-value and s3cr3t-value-longer';
    expect(redactSecrets(text, ['s3cr3t-value', 's3cr3t-value-longer'])).toBe(`token=${REDACTED} and ${REDACTED}`);
  });

  it('removes token shapes it was not told about', () => {
    const samples = [
      `ghp_${'A'.repeat(36)}`,
      `github_pat_${'B'.repeat(30)}`,
      `sk-proj-${'c'.repeat(40)}`,
      `eyJhbGciOiJIUzI1NiJ9.${'d'.repeat(20)}.${'e'.repeat(20)}`,
    ];
    for (const sample of samples) {
      const out = redactSecrets(`before ${sample} after`);
      expect(out).toBe(`before ${REDACTED} after`);
    }
  });

  it('leaves ordinary text and too-short "secrets" alone', () => {
    const text = 'src/sk-utils.ts has 5 missing lines';
    expect(redactSecrets(text, ['abc'])).toBe(text);
  });
});
