import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactSecrets } from '../../../src/report/redact.js';
import { base64Inner, encodedFormSources, MIN_EXPANDED_LENGTH } from '../../../src/report/secret-forms.js';

const KEY = 'sk-live-Zq9/x+Yw_42-abcDEF';
const bytes = Buffer.from(KEY, 'utf8');

/** `text` with `secret` between ordinary words, redacted: the words must stay, the secret must go. */
function redactedBetween(form: string, secrets: readonly string[] = [KEY]): string {
  return redactSecrets(`before: ${form} :after`, secrets);
}

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

describe('redactSecrets: encoded forms of a known secret', () => {
  const forms: Record<string, string> = {
    'hex, lower case': bytes.toString('hex'),
    'hex, upper case': bytes.toString('hex').toUpperCase(),
    'hex, bytes spaced': [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' '),
    'hex, colon-separated': [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':'),
    'hex, \\x escapes': [...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join(''),
    'hex, 0x list': [...bytes].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', '),
    'hex, \\u escapes': [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    'percent-encoding of every byte': [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    encodeURIComponent: encodeURIComponent(KEY),
    'base64, standard': bytes.toString('base64'),
    'base64, URL-safe': bytes.toString('base64url'),
    'base64, inside a longer stream at offset 1': Buffer.concat([Buffer.from('A'), bytes, Buffer.from('z')]).toString('base64'),
    'base64, inside a longer stream at offset 2': Buffer.concat([Buffer.from('AB'), bytes, Buffer.from('t')]).toString('base64'),
    'base64, URL-safe at offset 1': Buffer.concat([Buffer.from('A'), bytes]).toString('base64url'),
    'base64, wrapped': bytes.toString('base64').replace(/(.{8})/g, '$1\n'),
    'spaced with blanks': [...KEY].join(' '),
    'separated by commas and quotes': [...KEY].map((c) => `'${c}'`).join(', '),
    'one character a line': [...KEY].join('\n'),
    'with zero-width spaces': [...KEY].join('\u200b'),
    reversed: [...KEY].reverse().join(''),
    'reversed and spaced': [...KEY].reverse().join(' '),
  };

  for (const [name, form] of Object.entries(forms)) {
    it(`redacts the ${name} form and keeps the text around it`, () => {
      expect(form).not.toContain(KEY);
      const out = redactedBetween(form);
      expect(out.startsWith('before: ')).toBe(true);
      expect(out.endsWith(' :after')).toBe(true);
      expect(out).toContain(REDACTED);
      // What is left of a base64 stream is the part that depends on the neighbouring bytes: at most 3 characters either side.
      const left = out.slice('before: '.length, -' :after'.length).split(REDACTED);
      for (const piece of left) expect(piece.replace(/[\s=]/g, '').length, `left over: ${JSON.stringify(piece)}`).toBeLessThanOrEqual(4);
    });
  }

  it('keeps ordinary text that shares pieces with the secret', () => {
    const text = [
      'sk-live is the prefix; abcDEF are letters; 42 is a number',
      bytes.toString('hex').slice(0, 20), // the first 10 bytes only
      bytes.toString('base64').slice(0, 12),
      [...KEY.slice(0, 12)].join(' '),
      'Zq9 x Yw 42 abc DEF',
    ].join('\n');
    expect(redactSecrets(text, [KEY])).toBe(text);
  });

  it('does not expand secrets shorter than the minimum, but still removes them exactly', () => {
    const short = 'abc1234';
    expect(short.length).toBeLessThan(MIN_EXPANDED_LENGTH);
    expect(encodedFormSources(short)).toEqual([]);
    const hex = Buffer.from(short).toString('hex');
    expect(redactSecrets(`x ${short} ${hex} ${[...short].join(' ')}`, [short])).toBe(`x ${REDACTED} ${hex} ${[...short].join(' ')}`);
  });

  it('redacts every secret of several, each in a different form, in one text', () => {
    const other = 'otel-header-value-0123456789';
    const text = `a ${Buffer.from(other).toString('hex')} b ${[...KEY].join('-')} c ${Buffer.from(`xx${KEY}`).toString('base64')} d`;
    const out = redactSecrets(text, [KEY, other]);
    expect(out).toMatch(new RegExp(`^a \\[REDACTED\\] b \\[REDACTED\\] c .{0,4}\\[REDACTED\\].{0,4} d$`));
  });
});

describe('redactSecrets: a run of a long secret', () => {
  const LONG = 'proj-4fQz81LmTw0aXyB7cD2eF9gH3iJ6kK5';

  it('removes the head of a secret a test runner shortened, and any dozen consecutive characters of it', () => {
    const shortened = `AssertionError: expected '${LONG.slice(0, 13)}…' to be undefined`;
    const redacted = redactSecrets(shortened, [LONG]);
    expect(redacted).not.toContain(LONG.slice(0, 12));
    expect(redacted).toMatch(/^AssertionError: expected '\[REDACTED\].?…' to be undefined$/);
    expect(redactSecrets(`tail ${LONG.slice(-12)} end`, [LONG])).toBe(`tail ${REDACTED} end`);
  });

  it('keeps fewer than a dozen characters of it, and any run of a secret too short to be cut that way', () => {
    expect(redactSecrets(`tail ${LONG.slice(-11)} end`, [LONG])).toBe(`tail ${LONG.slice(-11)} end`);
    const SHORT = 'sk-Zq9/x+Yw_42-abcD'; // under twice the window: only whole (or encoded) forms
    expect(redactSecrets(`head ${SHORT.slice(0, 13)}…`, [SHORT])).toBe(`head ${SHORT.slice(0, 13)}…`);
  });
});

describe('redactDeep', () => {
  it('redacts every string of a value, keys included, before JSON would escape a spaced-out secret', () => {
    const spaced = [...KEY].join('\n');
    const value = { name: `case ${spaced}`, list: [1, `x ${bytes.toString('hex')}`, { [KEY]: true }], n: null };
    // In JSON text the newlines are `\n` (a letter between the characters): the text alone would not show the key.
    expect(redactSecrets(JSON.stringify(value), [KEY])).toContain(JSON.stringify(spaced).slice(1, 20));
    expect(redactDeep(value, [KEY])).toEqual({ name: `case ${REDACTED}`, list: [1, `x ${REDACTED}`, { [REDACTED]: true }], n: null });
  });
});

describe('base64Inner', () => {
  it('is the part of the encoding that depends only on the secret, at each alignment', () => {
    const secret = Buffer.from('0123456789abcdef');
    for (let offset = 0; offset < 3; offset += 1) {
      const inner = base64Inner(secret, offset);
      for (const before of ['', 'x', 'xy', 'xyz']) {
        if (before.length % 3 !== offset) continue;
        for (const after of ['', 'p', 'pq', 'pqr']) {
          const stream = Buffer.concat([Buffer.from(before), secret, Buffer.from(after)]);
          expect(stream.toString('base64')).toContain(inner);
        }
      }
      // Dropped only what depends on neighbours: at most two characters at the start, one at the end.
      expect(inner.length).toBeGreaterThanOrEqual(Math.floor((secret.length * 8) / 6) - 2);
    }
  });
});
