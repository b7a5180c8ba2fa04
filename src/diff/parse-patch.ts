/**
 * PURE. Turns one `git diff -U0` patch into the added line numbers (new side) of each entry of the
 * matching `git diff --raw -z` list. Hunks are parsed by `parse-diff`; patches are matched to raw
 * entries by order (git writes both from the same queue), which works for any file name, and
 * checked against the paths wherever parse-diff can read them unambiguously.
 */
import parseDiff from 'parse-diff';
import { GitError } from '../errors/errors.js';
import type { RawDiffEntry } from './parse-raw.js';

/** How many `diff --git` sections git writes for an entry: a type change is a deletion plus a creation. */
export function patchSectionsFor(entry: RawDiffEntry): number {
  return entry.status === 'T' ? 2 : 1;
}

/** New-side numbers of the '+' lines of a parse-diff file, ascending and unique. */
export function addedLines(file: parseDiff.File): number[] {
  const lines = new Set<number>();
  for (const chunk of file.chunks) {
    for (const change of chunk.changes) {
      // parse-diff repeats the previous change for "\ No newline at end of file": not a line.
      if (change.type === 'add' && !change.content.startsWith('\\')) lines.add(change.ln);
    }
  }
  return [...lines].sort((a, b) => a - b);
}

/** A path parse-diff reads back exactly from a `+++ b/...` line (no quoting, trimming or timestamps). */
function isPlainPath(p: string): boolean {
  return (
    p.length > 0 &&
    p.trim() === p &&
    !/["'\\\x00-\x1f\x7f]/.test(p) &&
    !/\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d/.test(p)
  );
}

/**
 * Added line numbers for each raw entry, in the same order as `entries`. `patch` must come from
 * `git diff -U0 --no-color --no-ext-diff --no-textconv --src-prefix=a/ --dst-prefix=b/` with the
 * same revisions and rename options as the raw list.
 */
export function addedLinesPerEntry(patch: string, entries: readonly RawDiffEntry[]): number[][] {
  const files = parseDiff(patch);
  const expected = entries.reduce((sum, entry) => sum + patchSectionsFor(entry), 0);
  if (files.length !== expected) {
    throw new GitError(`git diff patch has ${files.length} file sections but the file list has ${expected}; check for a diff-altering git configuration (e.g. diff.submodule=log is overridden; report others as a bug)`);
  }
  const result: number[][] = [];
  let next = 0;
  for (const entry of entries) {
    const sections = files.slice(next, next + patchSectionsFor(entry));
    next += sections.length;
    const lines = new Set<number>();
    for (const section of sections) {
      checkSectionPath(section, entry);
      for (const line of addedLines(section)) lines.add(line);
    }
    result.push([...lines].sort((a, b) => a - b));
  }
  return result;
}

function checkSectionPath(section: parseDiff.File, entry: RawDiffEntry): void {
  if (section.chunks.length === 0 || entry.status === 'D' || section.to === undefined || section.to === '/dev/null') return;
  if (!isPlainPath(entry.newPath)) return;
  if (section.to !== entry.newPath) {
    throw new GitError(`git diff patch and file list disagree (${JSON.stringify(section.to)} vs ${JSON.stringify(entry.newPath)}); this is a bug, please report it with the file names involved`);
  }
}
