// `npm run bench:redact`: redaction of known secrets and their encoded forms (src/report/redact.ts,
// src/report/secret-forms.ts) on 1 MiB texts with three secrets: ordinary test output with the
// secrets planted in every encoded form, and an adversarial text full of near misses (the secrets'
// first characters spaced out, hex and percent runs that stop one byte short). Median of 7 runs each.
import { REDACTED, redactSecrets } from '../src/report/redact.js';

const MiB = 1024 * 1024;
const RUNS = 7;
const SECRETS = ['sk-testmaster-bench-0123456789abcdefKEY', 'otel-collector-header-value-42', 'ghs_BenchTokenValue0123456789abcdef'];

const out = (text = ''): void => void process.stdout.write(`${text}\n`);

function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase().replace(/(..)/g, '$1 '),
    Buffer.concat([Buffer.from('x'), bytes]).toString('base64'),
    bytes.toString('base64url'),
    [...secret].join(' '),
    [...secret].reverse().join(''),
    [...bytes].map((b) => `%${b.toString(16)}`).join(''),
  ];
}

function ordinaryText(): { text: string; planted: number } {
  const lines = [
    ' FAIL  test/money.test.ts > splitEvenly > spreads the remainder',
    "AssertionError: expected [ 4, 3, 3 ] to deeply equal [ 3, 3, 4 ]",
    '    at /tmp/testmaster-x/test/money.test.ts:12:31',
    '| `src/money.ts` | 75.0% | 3 | 1 | 80.0% → 90.0% (+10.0) |',
    'const encoded = Buffer.from(value).toString("base64"); // c29tZSBvcmRpbmFyeSB0ZXh0',
    'hex dump: 48 65 6c 6c 6f 20 77 6f 72 6c 64 0a 0b 0c',
  ];
  const planted = SECRETS.flatMap(encodings);
  let text = '';
  let count = 0;
  for (let i = 0; text.length < MiB; i += 1) {
    text += `${lines[i % lines.length]}\n`;
    if (i % 277 === 0) {
      text += `leak: ${planted[count % planted.length]} end\n`;
      count += 1;
    }
  }
  return { text: text.slice(0, MiB), planted: count };
}

function adversarialText(): string {
  const near = SECRETS.flatMap((secret) => {
    const bytes = Buffer.from(secret, 'utf8');
    return [[...secret.slice(0, -1)].join(' - '), bytes.toString('hex').slice(0, -2), [...bytes.subarray(0, -1)].map((b) => `%${b.toString(16)}`).join(''), `${'7'.repeat(40)}${'-'.repeat(40)}`];
  });
  let text = '';
  for (let i = 0; text.length < MiB; i += 1) text += `${near[i % near.length]} `;
  return text.slice(0, MiB);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(label: string, text: string, expectRedactions: number | null): void {
  const times: number[] = [];
  let result = '';
  for (let run = 0; run < RUNS; run += 1) {
    // A fresh string each run: V8 caches the results of a regular expression on the very same string.
    const subject = `${run}${text.slice(1)}`;
    subject.charCodeAt(subject.length >> 1);
    const started = process.hrtime.bigint();
    result = redactSecrets(subject, SECRETS);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const redactions = result.split(REDACTED).length - 1;
  const check = expectRedactions === null ? '' : redactions >= expectRedactions ? ' (every planted form redacted)' : ` (MISSED: ${expectRedactions - redactions})`;
  out(`${label}: ${(text.length / MiB).toFixed(2)} MiB, ${SECRETS.length} secrets: median ${median(times).toFixed(1)} ms over ${RUNS} runs, ${redactions} redactions${check}`);
}

const ordinary = ordinaryText();
measure('ordinary test output with planted encodings', ordinary.text, ordinary.planted);
measure('adversarial near misses', adversarialText(), null);
measure('no secret in it (plain prose)', 'The quick brown fox jumps over the lazy dog. '.repeat(Math.ceil(MiB / 45)).slice(0, MiB), null);
