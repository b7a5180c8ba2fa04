/**
 * A runner's failure text made fit for a prompt (pure): ANSI colour and cursor codes removed, absolute
 * paths made repository-relative (or cut to their last segment when outside the given roots), stack
 * frames inside node_modules and Node's internals dropped, runs of blank lines squeezed, and the whole
 * cut to `maxChars` with a note of how much was cut.
 */
export interface CleanErrorOptions {
  /** Absolute directories to strip from paths (the checkout, a temp copy); longest first is not needed. */
  readonly roots?: readonly string[];
  /** Default 1500 characters. */
  readonly maxChars?: number;
}

export const DEFAULT_MAX_ERROR_CHARS = 1500;

// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles).
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const FILE_URL = /file:\/\/(?=\/)/g;
const ABSOLUTE_POSIX = /(?<![\w.~:/-])\/(?:[\w.@+-]+\/)+([\w.@+-]+)/g;
const ABSOLUTE_WINDOWS = /\b[A-Za-z]:\\(?:[\w.@+ -]+\\)+([\w.@+-]+)/g;
const NOISE_FRAME = /^\s*at .*(?:node_modules[\\/]|node:internal|\(node:|<anonymous>).*$/;

export function cleanErrorText(text: string, options: CleanErrorOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_ERROR_CHARS;
  let cleaned = text.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(FILE_URL, '');
  const roots = [...(options.roots ?? [])].filter((root) => root.length > 1).sort((a, b) => b.length - a.length);
  for (const root of roots) {
    const withSlash = root.endsWith('/') || root.endsWith('\\') ? root : `${root}/`;
    cleaned = cleaned.split(withSlash).join('').split(root).join('.');
  }
  cleaned = cleaned.replace(ABSOLUTE_POSIX, '…/$1').replace(ABSOLUTE_WINDOWS, '…\\$1');
  cleaned = cleaned
    .split('\n')
    .filter((line) => !NOISE_FRAME.test(line))
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (cleaned.length <= maxChars) return cleaned;
  const cut = cleaned.length - maxChars;
  return `${cleaned.slice(0, maxChars).trimEnd()}\n… (${cut} more characters cut)`;
}
