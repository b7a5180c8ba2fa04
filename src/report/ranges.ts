/**
 * Pure: line numbers as compact ranges ("1-3, 5"), optionally each linked to the file at a commit.
 */

export type LineRange = readonly [from: number, to: number];

/** Consecutive runs of the (sorted, de-duplicated) line numbers. */
export function lineRanges(lines: readonly number[]): LineRange[] {
  const sorted = [...new Set(lines)].filter((n) => Number.isInteger(n)).sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const line of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && line === last[1] + 1) last[1] = line;
    else ranges.push([line, line]);
  }
  return ranges;
}

export interface RangeFormat {
  /** The URL a range links to; without it the ranges are plain text. */
  readonly link?: (from: number, to: number) => string;
}

/** `toRanges([1, 2, 3, 5])` is `'1-3, 5'`; with `link`, each range is a markdown link. */
export function toRanges(lines: readonly number[], format: RangeFormat = {}): string {
  return lineRanges(lines)
    .map(([from, to]) => {
      const text = from === to ? `${from}` : `${from}-${to}`;
      return format.link ? `[${text}](${format.link(from, to)})` : text;
    })
    .join(', ');
}

/**
 * The GitHub blob URL of lines `from`-`to` of `path` at commit `sha`, safe as a markdown link
 * destination: every path segment is percent-encoded, parentheses included.
 */
export function blobLinesUrl(repoUrl: string, sha: string, path: string, from: number, to: number): string {
  const base = repoUrl.replace(/\/+$/, '');
  const encodedPath = path.split('/').map(encodeSegment).join('/');
  const anchor = from === to ? `L${from}` : `L${from}-L${to}`;
  return `${sanitizeUrl(base)}/blob/${encodeSegment(sha)}/${encodedPath}#${anchor}`;
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Keeps a repository URL usable inside `(...)`: no spaces, brackets or parentheses unencoded. */
function sanitizeUrl(url: string): string {
  return url.replace(/[\s()<>[\]`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
