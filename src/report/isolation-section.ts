/**
 * Pure: one line saying how the repository's code was isolated in this run, for the report's footer
 * (job summary, comment), and a warning block when it was not isolated at all.
 */
import type { IsolationReport } from '../sandbox/isolation/isolation-types.js';
import { escapeText } from './escape-markdown.js';

const NETWORK: Readonly<Record<IsolationReport['network'], string>> = {
  none: 'no network',
  loopback: 'loopback network only',
  host: "the machine's network",
};

const MECHANISM: Readonly<Record<NonNullable<IsolationReport['mechanism']>, string>> = {
  root: 'as root',
  sudo: 'through sudo',
  'user-namespace': 'in an unprivileged user namespace',
};

export function isolationLine(isolation: IsolationReport): string {
  if (isolation.level === 'none') return 'Isolation: none; the repository\'s code ran as this run\'s own user.';
  const who = isolation.sandboxUser === null ? '' : ` as ${escapeText(isolation.sandboxUser)}`;
  const how = isolation.mechanism === null ? '' : ` (${MECHANISM[isolation.mechanism]})`;
  return `Isolation: ${isolation.level}; the repository's code ran${who} in its own PID, mount and IPC namespaces${how}, with the repository read-only and ${NETWORK[isolation.network]}.`;
}

/** A warning block for a run whose repository code was not isolated; null otherwise. */
export function isolationWarning(isolation: IsolationReport | undefined): string | null {
  if (isolation === undefined || isolation.level !== 'none') return null;
  const why = isolation.notes.map((note) => escapeText(note)).join('; ');
  return `> [!WARNING]\n> The repository's code ran without isolation: it could read and write what this run's user can. ${why}.`;
}
