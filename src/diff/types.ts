/** Result of comparing base..head: what changed, per file, and what cannot be measured and why. */
export type ChangeKind = 'added' | 'modified' | 'renamed' | 'copied' | 'type-changed';

export interface ChangedFile {
  /** Repository-relative POSIX path at the head. */
  readonly path: string;
  /** Path at the base when renamed or copied, else null. */
  readonly previousPath: string | null;
  readonly kind: ChangeKind;
  /** Added or modified line numbers at the head, ascending, unique. */
  readonly changedLines: readonly number[];
}

export interface SkippedChange {
  readonly path: string;
  /** e.g. 'deleted', 'binary file', 'submodule', 'not valid UTF-8', 'no added or modified lines'. */
  readonly reason: string;
}

export interface DiffResult {
  /** Full commit id of the merge base of base and head (what the head is compared to). */
  readonly base: string;
  /** Full commit id of the head. */
  readonly head: string;
  readonly files: readonly ChangedFile[];
  readonly skipped: readonly SkippedChange[];
}
