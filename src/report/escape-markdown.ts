/**
 * Pure: text from outside (file names, refs, error reasons) made inert in GitHub markdown. File names
 * go into code spans, where neither markdown, HTML nor @mentions are interpreted; free text is
 * backslash- and entity-escaped, and an @ gets a zero-width space so nobody is mentioned.
 *
 * Hidden markers: the comment carries HTML comments that TestMaster reads back (the sticky marker,
 * the proposal payload), so text from outside must never hold `<!--` or `-->` as such: it could
 * forge a marker or hide what follows. Free text and HTML text never do (`<` and `>` become
 * entities); a code span's text gets a zero-width space inside each (breakHtmlComments), shown the
 * same; a fenced code block's content keeps its HTML comments (GitHub shows them literally there,
 * and a proposed file must read as it will be committed) except one that starts a TestMaster marker
 * (`<!-- testmaster:`), broken the same way (breakTestMasterMarkers). render-markdown.ts and
 * comment-body.ts run breakTestMasterMarkers over everything they assemble as a last guard.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const ZERO_WIDTH_SPACE = '\u200b';
/** `<!--` that starts a TestMaster marker, however spaced or cased (what a reader of markers might take for one). */
const TESTMASTER_MARKER_OPENING = /<!--(?=\s*testmaster:)/gi;

/** `<!--` and `-->` broken by a zero-width space: the text can neither open nor close an HTML comment, and reads the same. */
export function breakHtmlComments(text: string): string {
  return text.replace(/<!--/g, `<!${ZERO_WIDTH_SPACE}--`).replace(/-->/g, `--${ZERO_WIDTH_SPACE}>`);
}

/** Every `<!--` that starts a TestMaster marker (`<!-- testmaster:...`) broken by a zero-width space; other text unchanged. */
export function breakTestMasterMarkers(text: string): string {
  return text.replace(TESTMASTER_MARKER_OPENING, `<!${ZERO_WIDTH_SPACE}--`);
}

/** A code span showing `text` verbatim; `inTable` also escapes pipes, which GFM splits cells on. */
export function codeSpan(text: string, inTable = false): string {
  const clean = breakHtmlComments(text.replace(CONTROL, '\uFFFD'));
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
 * content (at least three), so nothing inside can close it (a backtick fence is closed only by
 * backticks, at least as many). Only an opening of a TestMaster marker is broken (see above).
 */
export function codeBlock(content: string, language = ''): string {
  const safe = breakTestMasterMarkers(content);
  const longestRun = Math.max(0, ...[...safe.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = safe.endsWith('\n') ? safe : `${safe}\n`;
  return `${fence}${language}\n${body}${fence}`;
}
