/**
 * Pure: reads a `/testmaster <word>` command from a comment. Only a comment whose first non-empty
 * line is exactly `/testmaster <word>` (case-insensitive, surrounding spaces allowed) is a command;
 * a quoted (`> /testmaster apply`), indented-as-code or inline mention is not. A bare `/testmaster`
 * asks for help. Lines after the first are ignored.
 */

export type KnownCommand = 'apply' | 'run' | 'help';

export type ParsedCommand = { readonly command: KnownCommand } | { readonly command: 'unknown'; readonly text: string };

export const COMMAND_PREFIX = '/testmaster';

const KNOWN: readonly KnownCommand[] = ['apply', 'run', 'help'];
/** What an unknown command's text is cut to (it is echoed in a reply). */
const MAX_UNKNOWN_CHARS = 40;

export function parseCommand(commentBody: string): ParsedCommand | null {
  const firstLine = commentBody.split(/\r?\n/).find((line) => line.trim() !== '');
  if (firstLine === undefined) return null;
  // Four leading spaces or a tab make a Markdown code block: shown, not meant.
  if (/^(?: {4}|\t)/.test(firstLine)) return null;
  const match = /^\s*\/testmaster(?:[ \t]+(.*?))?\s*$/i.exec(firstLine);
  if (!match) return null;
  const rest = match[1] ?? '';
  if (rest === '') return { command: 'help' };
  const word = rest.toLowerCase();
  if ((KNOWN as readonly string[]).includes(word)) return { command: word as KnownCommand };
  return { command: 'unknown', text: printable(rest).slice(0, MAX_UNKNOWN_CHARS) };
}

/** The reply to `/testmaster help` and to an unknown command. */
export function commandHelpText(unknown?: string): string {
  const lead = unknown === undefined ? '' : `Unknown command \`${unknown.replace(/`/g, "'")}\`. `;
  return `${lead}TestMaster commands: \`/testmaster apply\` commits the proposed tests to this branch, \`/testmaster run\` runs TestMaster again, \`/testmaster help\` shows this.`;
}

function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, '');
}
