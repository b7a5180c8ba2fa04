/**
 * Pure: text size in the two units GitHub limits (characters and UTF-8 bytes), and a last-resort cut
 * that never splits a character.
 */

/** UTF-8 length of a JS string (lone surrogates count as the 3 bytes of U+FFFD, as encoders write). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** At most `max` UTF-16 characters and at most `max` UTF-8 bytes. */
export function fitsWithin(text: string, max: number): boolean {
  return text.length <= max && utf8Length(text) <= max;
}

/** The longest prefix of `text` (whole code points) that fits within `max`. */
export function truncateToFit(text: string, max: number): string {
  let chars = 0;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (chars + char.length > max || bytes + size > max) break;
    chars += char.length;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
