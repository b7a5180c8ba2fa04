/**
 * PURE. Decides, for each entry of a diff, whether it is a changed file with lines to measure or a
 * skipped change, and why. The content check (UTF-8, size) happens in a second step, after the
 * head blobs of the candidates were read.
 */
import type { ChangeKind, ChangedFile, SkippedChange } from './types.js';
import type { NumstatEntry, RawDiffEntry } from './parse-raw.js';

/** The reasons a change is skipped, as they appear in reports. */
export const SKIP_REASONS = {
  deleted: 'deleted',
  nonUtf8Path: 'file name is not valid UTF-8',
  submodule: 'submodule',
  symlink: 'symlink',
  binary: 'binary file',
  noAddedLines: 'no added or modified lines',
  pureRename: 'renamed without content changes',
  pureCopy: 'copied without content changes',
  modeOnly: 'file mode change only',
  emptyFile: 'empty file',
  nonUtf8: 'not valid UTF-8',
  unmerged: 'unmerged or unknown change',
} as const;

const REGULAR_FILE_MODES = new Set(['100644', '100755', '100664']);

export interface Candidate {
  readonly file: ChangedFile;
  readonly headOid: string;
}

export type Classification = { readonly kind: 'candidate'; readonly candidate: Candidate } | { readonly kind: 'skipped'; readonly skipped: SkippedChange };

function changeKind(entry: RawDiffEntry): ChangeKind | null {
  switch (entry.status) {
    case 'A': return 'added';
    case 'M': return 'modified';
    case 'R': return 'renamed';
    case 'C': return 'copied';
    case 'T': return 'type-changed';
    default: return null;
  }
}

const skip = (path: string, reason: string): Classification => ({ kind: 'skipped', skipped: { path, reason } });

/** First step: everything that can be decided from the file list, the numstat and the added lines. */
export function classifyEntry(entry: RawDiffEntry, numstat: NumstatEntry | undefined, lines: readonly number[]): Classification {
  const path = entry.newPath;
  if (entry.status === 'D') return skip(entry.oldPath, SKIP_REASONS.deleted);
  const kind = changeKind(entry);
  if (kind === null) return skip(path, SKIP_REASONS.unmerged);
  if (!entry.pathsAreUtf8) return skip(path, SKIP_REASONS.nonUtf8Path);
  if (entry.newMode === '160000') return skip(path, SKIP_REASONS.submodule);
  if (entry.newMode === '120000') return skip(path, SKIP_REASONS.symlink);
  if (!REGULAR_FILE_MODES.has(entry.newMode)) return skip(path, `unsupported file mode ${entry.newMode}`);
  if (numstat?.binary) return skip(path, SKIP_REASONS.binary);
  if (lines.length === 0) return skip(path, noLinesReason(entry, numstat));
  return {
    kind: 'candidate',
    candidate: {
      headOid: entry.newOid,
      file: { path, previousPath: kind === 'renamed' || kind === 'copied' ? entry.oldPath : null, kind, changedLines: [...lines] },
    },
  };
}

function noLinesReason(entry: RawDiffEntry, numstat: NumstatEntry | undefined): string {
  const contentUnchanged = numstat !== undefined && numstat.added === 0 && numstat.deleted === 0;
  if (entry.status === 'A') return SKIP_REASONS.emptyFile;
  if (contentUnchanged && entry.status === 'R') return `${SKIP_REASONS.pureRename} (from ${entry.oldPath})`;
  if (contentUnchanged && entry.status === 'C') return `${SKIP_REASONS.pureCopy} (from ${entry.oldPath})`;
  if (contentUnchanged && entry.oldMode !== entry.newMode) return `${SKIP_REASONS.modeOnly} (${entry.oldMode} -> ${entry.newMode})`;
  return SKIP_REASONS.noAddedLines;
}

export interface ContentLimits {
  /** Head files larger than this are skipped (generated or minified code). */
  readonly maxFileBytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Second step: the head content must be readable UTF-8 source of a sensible size. */
export function checkContent(candidate: Candidate, content: Buffer | undefined, limits: ContentLimits): SkippedChange | null {
  const path = candidate.file.path;
  if (content === undefined) return { path, reason: 'head content could not be read' };
  if (content.length > limits.maxFileBytes) {
    return { path, reason: `file too large (${formatBytes(content.length)}; limit ${formatBytes(limits.maxFileBytes)})` };
  }
  try {
    utf8.decode(content);
  } catch {
    return { path, reason: SKIP_REASONS.nonUtf8 };
  }
  return null;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
