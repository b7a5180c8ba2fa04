/**
 * Pure: text from outside (file names, refs, error reasons) made inert in GitHub markdown. File names
 * go into code spans, where neither markdown, HTML nor @mentions are interpreted; free text is
 * backslash- and entity-escaped, and an @ gets a zero-width space so nobody is mentioned.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A code span showing `text` verbatim; `inTable` also escapes pipes, which GFM splits cells on. */
export function codeSpan(text: string, inTable = false): string {
  const clean = text.replace(CONTROL, '\uFFFD');
  const longestRun = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || (clean.startsWith(' ') && clean.endsWith(' ')) ? ' ' : '';
  const span = `${fence}${pad}${clean}${pad}${fence}`;
  return inTable ? span.replace(/\|/g, '\\|') : span;
}

/** Free text with markdown, HTML and mentions neutralised, on one line. */
export function escapeText(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/[\\`*_{}[\]()#+\-!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b');
}

/**
 * Text inside raw HTML (e.g. a `<summary>`), where markdown is not interpreted: entity-escaped, on
 * one line, and an @ gets a zero-width space so nobody is mentioned.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/@/g, '@\u200b');
}

/**
 * A fenced code block showing `content` verbatim: the fence is longer than any backtick run in the
 * content (at least three), so nothing inside can close it.
 */
export function codeBlock(content: string, language = ''): string {
  const longestRun = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${fence}${language}\n${body}${fence}`;
}
