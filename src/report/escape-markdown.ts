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
