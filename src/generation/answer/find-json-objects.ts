/**
 * Finding JSON objects inside free text (pure, linear time). Models wrap their JSON in prose; a
 * greedy regex (`/\{.*\}/s`) would swallow the prose between two objects and backtrack badly on
 * large input, so this scans once, counting braces outside JSON strings.
 */

/** How many times a scan may give up on an unbalanced `{` and retry from the next one (bounds the cost). */
const MAX_RESTARTS = 8;
const DEFAULT_MAX_OBJECTS = 100;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The balanced `{...}` spans of `text` that start like a JSON object with keys (`{`, optional
 * whitespace, `"`), top level only, in order, as text. Braces inside JSON strings (with escaped quotes)
 * do not count, and braces of prose or code (`f(x) {`, `{ a: 1 }`) start nothing. A start that never
 * closes (truncated output) is skipped and the scan resumes after it, a bounded number of times.
 */
export function findBalancedObjects(text: string, maxObjects = DEFAULT_MAX_OBJECTS): string[] {
  const found: string[] = [];
  let position = 0;
  let restarts = 0;
  while (found.length < maxObjects) {
    const open = nextObjectStart(text, position);
    if (open < 0) break;
    const end = endOfObject(text, open);
    if (end < 0) {
      restarts += 1;
      if (restarts > MAX_RESTARTS) break;
      position = open + 1;
      continue;
    }
    found.push(text.slice(open, end));
    position = end;
  }
  return found;
}

/** The index of the next `{` followed by optional whitespace and `"`, or -1. */
function nextObjectStart(text: string, from: number): number {
  let open = text.indexOf('{', from);
  while (open >= 0) {
    let index = open + 1;
    while (index < text.length && isJsonWhitespace(text.charCodeAt(index))) index += 1;
    if (text.charCodeAt(index) === QUOTE) return open;
    open = text.indexOf('{', index);
  }
  return -1;
}

function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** The index just after the `}` that closes the `{` at `open`, or -1 if the text ends first. */
function endOfObject(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let index = open; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE) {
      depth += 1;
    } else if (code === CLOSE_BRACE) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

export type JsonParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/**
 * JSON.parse that never throws and forgives one common slip of weaker models: raw newlines, tabs and
 * other control characters inside strings (a file's content written out literally).
 */
export function parseJsonLeniently(text: string): JsonParseResult {
  const first = tryParse(text);
  if (first.ok) return first;
  const escaped = escapeControlCharactersInStrings(text);
  if (escaped === text) return first;
  const second = tryParse(escaped);
  return second.ok ? second : first;
}

function tryParse(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const CONTROL_ESCAPES: Readonly<Record<number, string>> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };

/** Control characters (U+0000-U+001F) inside JSON strings, escaped; everything else unchanged. */
export function escapeControlCharactersInStrings(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (!inString) {
      if (code === QUOTE) inString = true;
      continue;
    }
    if (code === BACKSLASH) {
      index += 1;
    } else if (code === QUOTE) {
      inString = false;
    } else if (code < 0x20) {
      parts.push(text.slice(copiedUpTo, index), CONTROL_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`);
      copiedUpTo = index + 1;
    }
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}
