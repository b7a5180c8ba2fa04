/** Pure: a word for a POSIX shell, single-quoted so that nothing in it is interpreted. */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new Error('a shell word cannot hold a NUL byte');
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Words joined with spaces, each quoted. */
export function shellWords(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
