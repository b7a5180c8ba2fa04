/**
 * The proposal payload carried in the sticky comment: a round trip, and every way a payload can be
 * bad (changed content, unsafe or non-test paths, duplicates, a decompression bomb, garbage, a second
 * payload anywhere in the comment, anything after it) refused with its reason.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  breakPayloadOpenings,
  decodeProposal,
  embedProposal,
  encodeProposal,
  PROPOSAL_PREFIX,
  PROPOSAL_SUFFIX,
  PROPOSAL_TOO_LARGE_NOTE,
  proposalFits,
  type Proposal,
} from '../../../../src/github/apply/proposal-payload.js';
import { proposalFile, rawPayload } from './apply-fixtures.js';

const HEAD = 'a'.repeat(40);
const files = [
  proposalFile('src/cart.test.ts', "import { total } from './cart.js';\ntest('total', () => expect(total([])).toBe(0));\n"),
  proposalFile('src/__tests__/price.ts', 'export const é = "ünïcødé ✓ 𝒳";\n', 'src/price.ts'),
];
const proposal: Proposal = { headSha: HEAD, files };
const json = (overrides: Record<string, unknown> = {}) => ({ v: 1, headSha: HEAD, files, ...overrides });

describe('encodeProposal / decodeProposal', () => {
  it('round-trips inside a comment body, byte for byte', () => {
    const payload = encodeProposal(proposal);
    const body = `<!-- testmaster:sticky:v1 -->\n## TestMaster\nreport text\n\n${payload}\n`;

    const decoded = decodeProposal(body);

    expect(payload.startsWith(PROPOSAL_PREFIX) && payload.endsWith(PROPOSAL_SUFFIX)).toBe(true);
    expect(payload).not.toContain('cart.js'); // compressed, not readable text
    expect(decoded).toEqual({ ok: true, proposal: { headSha: HEAD, files } });
  });

  it('says "missing" when the body has no payload', () => {
    expect(decodeProposal('<!-- testmaster:sticky:v1 -->\nno tests were kept')).toEqual({ ok: false, problem: 'missing', reason: 'the comment holds no proposed tests' });
  });

  it('refuses content that does not match its SHA-256', () => {
    const tampered = json({ files: [{ ...files[0]!, content: `${files[0]!.content}process.exit(1);\n` }] });
    expect(decodeProposal(rawPayload(tampered))).toMatchObject({ ok: false, problem: 'invalid', reason: expect.stringMatching(/src\/cart\.test\.ts.*does not match its SHA-256/) });
  });

  it.each([
    ['src/../../etc/evil.test.ts', /escapes the repository/],
    ['/etc/evil.test.ts', /absolute path/],
    ['C:/evil.test.ts', /absolute path/],
    ['src/cart.ts', /not a test file by the configured globs/],
    ['.github/workflows/ci.test.ts', /protected file/],
    ['package.json', /protected file/],
    ['src\\evil.test.ts', /backslash/],
  ])('refuses the path %s', (path, reason) => {
    const result = decodeProposal(rawPayload(json({ files: [proposalFile(path, 'x')] })));
    expect(result).toMatchObject({ ok: false, problem: 'invalid', reason: expect.stringMatching(reason) });
  });

  it('uses the configured test globs', () => {
    const file = proposalFile('checks/cart.check.ts', 'x', 'src/cart.ts');
    expect(decodeProposal(rawPayload(json({ files: [file] }))).ok).toBe(false);
    expect(decodeProposal(rawPayload(json({ files: [file] })), { testGlobs: ['checks/**/*.check.ts'] }).ok).toBe(true);
  });

  it('refuses duplicate paths, also when they differ only in case, and a file inside another', () => {
    const twice = json({ files: [proposalFile('src/a.test.ts', '1'), proposalFile('src/A.test.ts', '2')] });
    expect(decodeProposal(rawPayload(twice))).toMatchObject({ ok: false, reason: expect.stringMatching(/appears more than once/) });
    const nested = json({ files: [proposalFile('t/x.test.ts', '1'), proposalFile('t/x.test.ts/y.test.ts', '2')] });
    expect(decodeProposal(rawPayload(nested))).toMatchObject({ ok: false, reason: expect.stringMatching(/inside another proposed file/) });
  });

  it('refuses a decompression bomb without inflating it past the cap', () => {
    const bomb = rawPayload(json({ files: [proposalFile('src/big.test.ts', 'A'.repeat(3 * 1024 * 1024))] }));
    expect(bomb.length).toBeLessThan(20_000); // fits a comment easily
    expect(decodeProposal(bomb)).toEqual({ ok: false, problem: 'invalid', reason: 'the payload is larger than 2097152 bytes when decompressed' });
    expect(decodeProposal(bomb, { maxJsonBytes: 4 * 1024 * 1024 }).ok).toBe(true);
  });

  it.each([
    ['not base64', `${PROPOSAL_PREFIX}%%%not*base64%%%${PROPOSAL_SUFFIX}`, /not base64/],
    ['base64 with a space', `${PROPOSAL_PREFIX}aGVs bG8=${PROPOSAL_SUFFIX}`, /not base64/],
    ['not gzip', `${PROPOSAL_PREFIX}${Buffer.from('hello world!').toString('base64')}${PROPOSAL_SUFFIX}`, /not valid gzip/],
    ['truncated gzip', `${PROPOSAL_PREFIX}${gzipSync(Buffer.from(JSON.stringify(json()))).subarray(0, 30).toString('base64')}${PROPOSAL_SUFFIX}`, /not valid gzip/],
    ['not UTF-8', `${PROPOSAL_PREFIX}${gzipSync(Buffer.from([0xff, 0xfe, 0x7b])).toString('base64')}${PROPOSAL_SUFFIX}`, /not UTF-8/],
    ['not JSON', rawPayload('{"v":1,', { raw: true }), /not JSON/],
    ['a JavaScript expression', rawPayload('(() => { throw new Error("ran") })()', { raw: true }), /not JSON/],
    ['an unknown field', rawPayload(json({ run: 'rm -rf /' })), /wrong shape/],
    ['a __proto__ key', rawPayload('{"v":1,"headSha":"' + HEAD + '","files":[],"__proto__":{"polluted":true}}', { raw: true }), /wrong shape/],
    ['a wrong version', rawPayload(json({ v: 2 })), /wrong shape \(v:/],
    ['a bad head sha', rawPayload(json({ headSha: 'main' })), /wrong shape \(headSha: expected a commit id/],
    ['not closed', `${PROPOSAL_PREFIX}${Buffer.from('x').toString('base64')}`, /not closed/],
    ['two payloads', `${encodeProposal(proposal)}\n${encodeProposal(proposal)}`, /holds 2 proposal payloads/],
  ])('refuses %s', (_name, body, reason) => {
    const result = decodeProposal(body);
    expect(result).toMatchObject({ ok: false, problem: 'invalid', reason: expect.stringMatching(reason) });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  describe('only one payload, at the very end of the comment', () => {
    const real = encodeProposal(proposal);
    const forged = encodeProposal({ headSha: HEAD, files: [proposalFile('src/evil.test.ts', 'steal(process.env);\n')] });
    const sticky = '<!-- testmaster:sticky:v1 -->\n### TestMaster coverage\n';

    it('reads a payload that ends the body, trailing whitespace allowed', () => {
      expect(decodeProposal(`${sticky}report\n\n${real}`)).toMatchObject({ ok: true });
      expect(decodeProposal(`${sticky}report\n\n${real} \n\t\n`)).toMatchObject({ ok: true });
    });

    it.each([
      ['a forged payload in a code block before the real one', `${sticky}\`\`\`ts\nconst x = '${forged}';\n\`\`\`\n\n${real}`, /holds 2 proposal payloads/],
      ['a forged payload in a code span before the real one', `${sticky}- \`${forged}\`: newly covers line 3\n\n${real}`, /holds 2 proposal payloads/],
      ['a payload of another version before the real one', `${sticky}<!-- testmaster:proposal:v2 AAAA -->\n\n${real}`, /holds 2 proposal payloads/],
      ['an opening spelled differently before the real one', `${sticky}<!--TestMaster:Proposal:v1 AAAA -->\n\n${real}`, /holds 2 proposal payloads/],
      ['text after the payload', `${sticky}report\n\n${real}\nmore text`, /text follows the proposal payload/],
      ['a second HTML comment after the payload', `${sticky}report\n\n${real}\n<!-- note -->`, /text follows the proposal payload/],
      ['only a forged payload, not at the end', `${sticky}- \`${forged}\`: newly covers line 3\n\nthe rest of the report`, /text follows the proposal payload|not base64/],
      ['an opening that is not the exact prefix, at the end', `${sticky}report\n\n<!--testmaster:proposal:v1 ${real.slice(PROPOSAL_PREFIX.length)}`, /does not start with/],
    ])('refuses %s', (_name, body, reason) => {
      expect(decodeProposal(body)).toMatchObject({ ok: false, problem: 'invalid', reason: expect.stringMatching(reason) });
    });

    it('does not count an opening broken by a zero-width space (how the renderers show text from outside)', () => {
      const shown = forged.replace('<!--', '<!\u200b--');
      expect(decodeProposal(`${sticky}- \`${shown}\`\n\n${real}`)).toMatchObject({ ok: true, proposal: { files } });
      expect(decodeProposal(`${sticky}- \`${shown}\`\n`)).toMatchObject({ ok: false, problem: 'missing' });
    });
  });

  it('will not encode what it would refuse to decode', () => {
    expect(() => encodeProposal({ headSha: HEAD, files: [{ ...files[0]!, sha256: 'f'.repeat(64) }] })).toThrow(/SHA-256/);
    expect(() => encodeProposal({ headSha: HEAD, files: [proposalFile('../x.test.ts', 'x')] })).toThrow(/escapes the repository/);
  });
});

describe('proposalFits / embedProposal', () => {
  it('counts characters and UTF-8 bytes', () => {
    expect(proposalFits('x'.repeat(65_536))).toBe(true);
    expect(proposalFits('x'.repeat(65_537))).toBe(false);
    expect(proposalFits('é'.repeat(40_000))).toBe(false); // 40,000 characters, 80,000 bytes
  });

  it('breaks every payload opening in the body it is given, so the embedded payload is the only one, at the end', () => {
    const payload = encodeProposal(proposal);
    const forged = encodeProposal({ headSha: HEAD, files: [proposalFile('src/evil.test.ts', 'steal();\n')] });
    const { body, embedded } = embedProposal(`report with \`${forged}\` in a code span and <!--  TESTMASTER:proposal:v9 -->`, payload);
    expect(embedded).toBe(true);
    expect(body.endsWith(payload)).toBe(true);
    expect(body.match(/<!--\s*testmaster:proposal:v/gi)).toHaveLength(1);
    expect(decodeProposal(body)).toMatchObject({ ok: true, proposal: { files } });
    expect(breakPayloadOpenings('a <!-- testmaster:report --> b')).toBe('a <!-- testmaster:report --> b');
  });

  it('embeds the payload when the body still fits, and the note otherwise', () => {
    const payload = encodeProposal(proposal);
    const fits = embedProposal('report', payload);
    expect(fits).toEqual({ body: `report\n\n${payload}`, embedded: true });
    expect(decodeProposal(fits.body).ok).toBe(true);

    const long = 'r'.repeat(65_536 - payload.length);
    const tooLong = embedProposal(long, payload);
    expect(tooLong.embedded).toBe(false);
    expect(payload.length).toBeGreaterThan(PROPOSAL_TOO_LARGE_NOTE.length + 2); // so the note fits where the payload did not
    expect(tooLong.body).toBe(`${long}\n\n${PROPOSAL_TOO_LARGE_NOTE}`);
    expect(proposalFits(tooLong.body)).toBe(true);
    expect(decodeProposal(tooLong.body)).toMatchObject({ ok: false, problem: 'missing' });
  });
});
