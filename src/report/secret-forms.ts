/**
 * Pure: regular-expression sources, per known secret, that match the secret as text code usually turns
 * it into, so that redaction (redact.ts) also catches a secret a test printed encoded or spaced out
 * (a test name built at run time, an assertion message):
 *
 * - spaced or separated: the secret's characters with up to MAX_SEPARATORS non-alphanumeric
 *   characters (whitespace, punctuation, quotes, commas, invisible characters) between each, which
 *   also covers the exact value, `'s','k','-'` arrays, `s\nk` and string concatenation; and the same
 *   reversed;
 * - hex of its UTF-8 bytes, lower, upper or mixed case, the bytes plain (`736b2d`), separated
 *   (`73 6b`, `73:6b`) or prefixed (`\x73\x6b`, `0x73, 0x6b`, `%73%6B`, `\u0073\u006b`): percent-
 *   encoding of every byte is one of these;
 * - URL-encoded: each character as itself or percent-encoded (encodeURIComponent, encodeURI, partial
 *   encodings), when any of its characters is one that gets encoded;
 * - base64, standard and URL-safe alphabets (either may appear at each position): the secret's
 *   encoding at each of the three byte alignments it can have inside a longer base64 stream, without
 *   the characters at either end that depend on neighbouring bytes; a line break may sit between
 *   any two characters (MIME wrapping).
 *
 * Each form is a deterministic pattern: a separator class never matches the character that must
 * follow it, so the engine does not backtrack beyond a few characters at each start position, and a
 * scan stays linear in the text's length. redact.ts joins every form of every secret into one
 * alternation, scanned once (`npm run bench:redact`: a few milliseconds per MiB with three secrets).
 *
 * Secrets shorter than MIN_EXPANDED_LENGTH are not expanded: their encodings are short enough to
 * occur by chance.
 */

export const MIN_EXPANDED_LENGTH = 8;
/**
 * A run of this many consecutive characters of a secret is redacted too, for secrets at least twice
 * as long: test runners shorten long values in their messages (Vitest prints the first characters
 * of a string and an ellipsis), which leaks the secret's head; a dozen characters of a random key do
 * not occur by chance.
 */
export const PARTIAL_WINDOW = 12;
/** Separator characters allowed between two characters of a spaced-out secret. */
export const MAX_SEPARATORS = 5;
/** Separator characters allowed between two bytes of a hex form, besides a `0x` / `x` / `u00` prefix. */
const MAX_HEX_GAP = 4;

const NOT_ALNUM = 'A-Za-z0-9';

/** The regular expression sources of the encoded forms of `secret`, one per form (none when it is too short). */
export function encodedFormSources(secret: string): string[] {
  if (secret.length < MIN_EXPANDED_LENGTH) return [];
  const chars = Array.from(secret);
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [spacedSource(chars), spacedSource([...chars].reverse()), hexSource(bytes)];
  const percent = percentSource(chars);
  if (percent !== null) forms.push(percent);
  for (let offset = 0; offset < 3; offset += 1) {
    const inner = base64Inner(bytes, offset);
    if (inner.length > 0) forms.push(base64Source(inner));
  }
  if (chars.length >= 2 * PARTIAL_WINDOW) {
    const windows = new Set<string>();
    for (let start = 0; start + PARTIAL_WINDOW <= chars.length; start += 1) windows.add(chars.slice(start, start + PARTIAL_WINDOW).join(''));
    forms.push([...windows].map(escapeLiteral).join('|'));
  }
  return [...new Set(forms)];
}

/** The characters with up to MAX_SEPARATORS non-alphanumeric characters between each (never the next character). */
function spacedSource(chars: readonly string[]): string {
  let source = escapeLiteral(chars[0] ?? '');
  for (const next of chars.slice(1)) {
    const excluded = isAsciiAlnum(next) || next.length > 1 ? '' : escapeInClass(next);
    source += `[^${NOT_ALNUM}${excluded}]{0,${MAX_SEPARATORS}}${escapeLiteral(next)}`;
  }
  return source;
}

/** Hex of the bytes, any case, each byte after the first optionally separated and prefixed. */
function hexSource(bytes: Buffer): string {
  const gap = `[^${NOT_ALNUM}]{0,${MAX_HEX_GAP}}(?:0?[xX]|[uU]00)?`;
  return [...bytes].map((byte) => hexByte(byte)).join(gap);
}

function hexByte(byte: number): string {
  return byte
    .toString(16)
    .padStart(2, '0')
    .split('')
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');
}

/** Each character as itself or percent-encoded (any hex case); null when no character of the secret gets encoded. */
function percentSource(chars: readonly string[]): string | null {
  if (chars.every((char) => encodeURIComponent(char) === char)) return null;
  return chars
    .map((char) => {
      const encoded = [...Buffer.from(char, 'utf8')].map((byte) => `%${hexByte(byte)}`).join('');
      return `(?:${escapeLiteral(char)}|${encoded})`;
    })
    .join('');
}

/**
 * The base64 characters that depend only on the secret's bytes when it starts `offset` bytes (0-2)
 * after a 3-byte boundary of a longer stream: character j covers bits [6j, 6j + 6) of the stream.
 */
export function base64Inner(secret: Uint8Array, offset: number): string {
  const stream = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]);
  const encoded = stream.toString('base64').replace(/=+$/, '');
  const first = Math.ceil((8 * offset) / 6);
  const end = Math.floor((8 * (offset + secret.length)) / 6);
  return encoded.slice(first, end);
}

/** Base64 characters in either alphabet (`+`/`-`, `/`/`_`), an optional line break between two. */
function base64Source(inner: string): string {
  return inner
    .split('')
    .map((char) => (char === '+' ? '[+\\-]' : char === '/' ? '[/_]' : char))
    .join('(?:\\r?\\n)?');
}

function isAsciiAlnum(char: string): boolean {
  return /^[A-Za-z0-9]$/.test(char);
}

/** `text` as a regular-expression source matching it literally (no flags needed). */
export function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function escapeInClass(char: string): string {
  return char.replace(/[\\\]^-]/g, '\\$&');
}
