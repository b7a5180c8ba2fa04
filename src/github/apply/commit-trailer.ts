/**
 * Pure: the git trailer that marks a commit as made by TestMaster (`TestMaster-Generated: true`),
 * added to every commit TestMaster writes and read back by the loop guard. A trailer counts only in
 * the message's last paragraph, as `git interpret-trailers` reads trailers.
 */

export const GENERATED_TRAILER_KEY = 'TestMaster-Generated';
export const GENERATED_TRAILER = `${GENERATED_TRAILER_KEY}: true`;

const TRAILER_LINE = new RegExp(`^${GENERATED_TRAILER_KEY}:\\s*true\\s*$`, 'i');

/** The message with the trailer as its last paragraph (or in it, when that paragraph is already trailers). */
export function withGeneratedTrailer(message: string): string {
  const trimmed = message.replace(/\s+$/, '');
  if (hasGeneratedTrailer(trimmed)) return `${trimmed}\n`;
  const paragraphs = trimmed.split(/\n[ \t]*\n/);
  const last = paragraphs.length > 1 ? (paragraphs[paragraphs.length - 1] ?? '') : '';
  const lastIsTrailers = last !== '' && last.split('\n').every((line) => /^[A-Za-z0-9-]+:\s/.test(line));
  return `${trimmed}${lastIsTrailers ? '\n' : '\n\n'}${GENERATED_TRAILER}\n`;
}

/** Whether the last paragraph of a commit message carries `TestMaster-Generated: true`. */
export function hasGeneratedTrailer(message: string): boolean {
  const paragraphs = message.replace(/\r\n/g, '\n').trim().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return false;
  const last = paragraphs[paragraphs.length - 1] ?? '';
  return last.split('\n').some((line) => TRAILER_LINE.test(line.trim()));
}
