/**
 * PURE. Parsers for `git diff --raw -z --no-abbrev` and `git diff --numstat -z`: exact paths (any
 * byte but NUL), modes, object ids and statuses, with no quoting to undo.
 */
import { GitError } from '../errors/errors.js';

export type RawStatus = 'A' | 'C' | 'D' | 'M' | 'R' | 'T' | 'U' | 'X';

export interface RawDiffEntry {
  readonly status: RawStatus;
  /** Similarity percentage for renames and copies, else null. */
  readonly score: number | null;
  readonly oldMode: string;
  readonly newMode: string;
  readonly oldOid: string;
  readonly newOid: string;
  /** Path at the base (same as newPath unless renamed or copied). */
  readonly oldPath: string;
  /** Path at the head. */
  readonly newPath: string;
  /** False when a path is not valid UTF-8 (it was decoded lossily). */
  readonly pathsAreUtf8: boolean;
}

export interface NumstatEntry {
  /** Null for binary files. */
  readonly added: number | null;
  readonly deleted: number | null;
  readonly binary: boolean;
  readonly path: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

function decodePath(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: utf8.decode(bytes), valid: true };
  } catch {
    return { text: lossy.decode(bytes), valid: false };
  }
}

/** Splits at NUL bytes; a trailing NUL does not make an empty last field. */
function nulFields(output: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  for (;;) {
    const end = output.indexOf(0, start);
    if (end < 0) {
      if (start < output.length) fields.push(output.subarray(start));
      return fields;
    }
    fields.push(output.subarray(start, end));
    start = end + 1;
  }
}

function malformed(what: string, detail: string): GitError {
  return new GitError(`could not read git ${what} output (${detail}); check that git is 2.30 or later`);
}

/** Parses `git diff --raw -z --no-abbrev` output. */
export function parseRawDiff(output: Buffer): RawDiffEntry[] {
  const fields = nulFields(output);
  const entries: RawDiffEntry[] = [];
  let i = 0;
  while (i < fields.length) {
    const meta = fields[i++]!.toString('latin1');
    const match = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([ACDMRTUX])(\d*)$/.exec(meta);
    if (!match) throw malformed('diff --raw', `unexpected record ${JSON.stringify(meta.slice(0, 80))}`);
    const status = match[5] as RawStatus;
    const twoPaths = status === 'R' || status === 'C';
    const first = fields[i++];
    const second = twoPaths ? fields[i++] : first;
    if (first === undefined || second === undefined) throw malformed('diff --raw', 'record without a path');
    const oldPath = decodePath(first);
    const newPath = decodePath(second);
    entries.push({
      status,
      score: match[6] ? Number(match[6]) : null,
      oldMode: match[1]!,
      newMode: match[2]!,
      oldOid: match[3]!,
      newOid: match[4]!,
      oldPath: oldPath.text,
      newPath: newPath.text,
      pathsAreUtf8: oldPath.valid && newPath.valid,
    });
  }
  return entries;
}

/** Parses `git diff --numstat -z` output ("-" counts mean binary). */
export function parseNumstat(output: Buffer): NumstatEntry[] {
  const fields = nulFields(output);
  const entries: NumstatEntry[] = [];
  let i = 0;
  while (i < fields.length) {
    const field = fields[i++]!;
    const firstTab = field.indexOf(0x09);
    const secondTab = firstTab < 0 ? -1 : field.indexOf(0x09, firstTab + 1);
    if (secondTab < 0) throw malformed('diff --numstat', 'record without counts');
    const addedText = field.subarray(0, firstTab).toString('latin1');
    const deletedText = field.subarray(firstTab + 1, secondTab).toString('latin1');
    let pathBytes = field.subarray(secondTab + 1);
    if (pathBytes.length === 0) {
      // rename or copy: the old and new paths follow as two fields
      i += 1;
      const next = fields[i++];
      if (next === undefined) throw malformed('diff --numstat', 'rename without a new path');
      pathBytes = next;
    }
    const binary = addedText === '-' || deletedText === '-';
    entries.push({
      added: binary ? null : Number(addedText),
      deleted: binary ? null : Number(deletedText),
      binary,
      path: decodePath(pathBytes).text,
    });
  }
  return entries;
}
