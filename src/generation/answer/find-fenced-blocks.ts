/**
 * Markdown fenced code blocks in a model's answer (pure, linear time). Follows CommonMark where it
 * matters (``` or ~~~, three or more; the closing fence uses the same character and is at least as
 * long; a backtick fence's info string has no backtick) and is lenient where models are sloppy:
 * any indentation, and a block left open at the end of the text still counts (marked `closed: false`).
 */

export interface FencedBlock {
  /** The first word of the info string, lower-cased ('json', 'ts', 'typescript'...), or '' if none. */
  readonly language: string;
  /** The lines between the fences, joined with '\n' (no trailing newline). */
  readonly body: string;
  readonly closed: boolean;
}


export function findFencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let open: { fence: string; language: string; lines: string[] } | null = null;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (open === null) {
      const opening = parseFence(line);
      if (opening === null) continue;
      const { fence } = opening;
      const info = opening.rest.trim();
      if (fence.startsWith('`') && info.includes('`')) continue; // inline code, not a fence
      open = { fence, language: firstWord(info), lines: [] };
      continue;
    }
    const closing = parseFence(line);
    if (closing !== null && closing.rest.trim() === '' && closes(open.fence, closing.fence)) {
      blocks.push({ language: open.language, body: open.lines.join('\n'), closed: true });
      open = null;
    } else {
      open.lines.push(line);
    }
  }
  if (open !== null) blocks.push({ language: open.language, body: open.lines.join('\n'), closed: false });
  return blocks;
}

/** A fence at the start of a line (after any indentation), without regular expressions (no backtracking). */
function parseFence(line: string): { fence: string; rest: string } | null {
  let start = 0;
  while (start < line.length && (line[start] === ' ' || line[start] === '\t')) start += 1;
  const marker = line[start];
  if (marker !== '`' && marker !== '~') return null;
  let end = start;
  while (end < line.length && line[end] === marker) end += 1;
  if (end - start < 3) return null;
  return { fence: line.slice(start, end), rest: line.slice(end) };
}

function closes(opening: string, candidate: string): boolean {
  return candidate[0] === opening[0] && candidate.length >= opening.length;
}

function firstWord(info: string): string {
  const end = info.search(/[\s{]/);
  return (end < 0 ? info : info.slice(0, end)).toLowerCase();
}
