/**
 * Strings made of the pieces a function looks for after splitting its input (pure): when the code
 * splits a string (`flags.split(/[ ,]+/)`, `path.split('?')`) and then tests the pieces
 * (`/^-[^-]$/.test(parts[0])`, `first.endsWith('/')`), the inputs that reach its branches are built
 * from those pieces and the separator: a piece alone, a piece after the separator (`?/`: the piece
 * lands in the second part, the first is empty), a piece twice (`-a -a`: "more than one short flag").
 */

/** Most composed strings per split slot. */
export const MAX_COMPOSED = 12;

export function composeSplitPieces(pieces: readonly string[], separators: readonly string[], max = MAX_COMPOSED): string[] {
  const out: string[] = [];
  const push = (text: string): void => {
    if (out.length < max && !out.includes(text)) out.push(text);
  };
  const usable = pieces.filter((piece) => piece.length > 0);
  for (const separator of separators) {
    if (separator.length === 0) continue;
    for (const piece of usable) {
      push(piece);
      push(`${separator}${piece}`);
      push(`${piece}${separator}${piece}`);
    }
  }
  return out;
}
