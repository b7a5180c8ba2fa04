/**
 * What changed between the merge base of base and head and the head: a fixed number of git
 * processes whatever the number of files (file list, numstat, one patch, one cat-file batch), and
 * nothing that touches the working tree or the index.
 */
import { runGit, runGitBuffer } from '../git/exec.js';
import { forEachObject } from '../git/cat-file.js';
import { resolveComparison, type ComparisonOptions } from '../git/refs.js';
import { GitError } from '../errors/errors.js';
import { checkContent, classifyEntry, type Candidate } from './classify-changes.js';
import { addedLinesPerEntry } from './parse-patch.js';
import { parseNumstat, parseRawDiff } from './parse-raw.js';
import type { ChangedFile, DiffResult, SkippedChange } from './types.js';

export interface ComputeDiffOptions extends ComparisonOptions {
  /** Head files larger than this are skipped as generated or minified. Default 1 MiB. */
  readonly maxFileBytes?: number;
  readonly signal?: AbortSignal;
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Options every diff invocation shares, so the file list, numstat and patch list the same pairs in the same order. */
export function diffOptions(base: string, head: string): string[] {
  return [
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-relative',
    '--ignore-submodules=none',
    '--submodule=short',
    '--find-renames',
    base,
    head,
    '--',
  ];
}

export async function computeDiff(repoDir: string, baseRef: string, headRef: string, options: ComputeDiffOptions = {}): Promise<DiffResult> {
  const { base, head } = await resolveComparison(repoDir, baseRef, headRef, options);
  const common = diffOptions(base, head);
  const signal = options.signal;
  const [raw, numstat, patch] = await Promise.all([
    runGitBuffer(repoDir, ['diff', '--raw', '-z', '--no-abbrev', ...common], { signal }),
    runGitBuffer(repoDir, ['diff', '--numstat', '-z', ...common], { signal }),
    runGit(repoDir, ['diff', '-U0', '--src-prefix=a/', '--dst-prefix=b/', ...common], { signal }),
  ]);
  const entries = parseRawDiff(raw.stdout);
  const stats = parseNumstat(numstat.stdout);
  if (stats.length !== entries.length) {
    throw new GitError(`git diff listed ${entries.length} files but numstat ${stats.length}; this is a bug, please report it`);
  }
  const linesPerEntry = addedLinesPerEntry(patch.stdout, entries);

  const outcomes = entries.map((entry, index) => classifyEntry(entry, stats[index], linesPerEntry[index] ?? []));
  const candidates = outcomes.flatMap((outcome) => (outcome.kind === 'candidate' ? [outcome.candidate] : []));
  const verdicts = await checkCandidates(repoDir, candidates, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, signal);

  const files: ChangedFile[] = [];
  const skipped: SkippedChange[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind === 'skipped') {
      skipped.push(outcome.skipped);
      continue;
    }
    const verdict = verdicts.get(outcome.candidate);
    if (verdict === undefined) skipped.push({ path: outcome.candidate.file.path, reason: 'head content could not be read' });
    else if (verdict !== null) skipped.push(verdict);
    else files.push(outcome.candidate.file);
  }
  return { base, head, files, skipped };
}

/** Reads the head content of every candidate in one batch; null verdict = UTF-8 text of a sensible size. */
async function checkCandidates(repoDir: string, candidates: readonly Candidate[], maxFileBytes: number, signal?: AbortSignal): Promise<Map<Candidate, SkippedChange | null>> {
  const verdicts = new Map<Candidate, SkippedChange | null>();
  const byOid = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const list = byOid.get(candidate.headOid) ?? [];
    list.push(candidate);
    byOid.set(candidate.headOid, list);
  }
  await forEachObject(repoDir, [...byOid.keys()], (oid, content) => {
    for (const candidate of byOid.get(oid) ?? []) {
      verdicts.set(candidate, checkContent(candidate, content ?? undefined, { maxFileBytes }));
    }
  }, signal);
  return verdicts;
}
